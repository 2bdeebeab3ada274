"""A stop signal that lands inside a finalizer still stops the export (and prints nothing)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from briefing.batch import inprocess
from briefing.batch.outcome import End

# The signal is sent from inside __del__, so its handler runs there, where Python swallows exceptions.
_FINALIZER = """
import os, signal
class Dying:
    def __del__(self):
        os.kill(os.getpid(), signal.SIG)
        for _ in range(10000):
            pass
"""

_GENERIC = _FINALIZER.replace("SIG)", "SIGUSR1)") + """
from briefing.batch import signalled
class Stop(BaseException):
    pass
def handler(signum, frame):
    raise signalled.from_signal(Stop(), signum)
signal.signal(signal.SIGUSR1, handler)
{install}
try:
    Dying()
    for _ in range(10 ** 7):
        pass
    print("ran to the end")
except Stop:
    print("stopped")
"""

_COMMAND = _FINALIZER.replace("SIG)", "SIGTERM)") + """
from briefing.batch.command import _StopSignals
from briefing.batch.inprocess import Stopped
with _StopSignals() as stop:
    try:
        with stop.raising():
            Dying()
            for _ in range(10 ** 7):
                pass
        print("ran to the end")
    except Stopped:
        print("stopped")
"""

# The stop lands in a finalizer as the export ends: it must not be delivered after the command
# has restored Python's handler, as a KeyboardInterrupt in its caller's code.
_AT_THE_END = _FINALIZER.replace("SIG)", "SIGINT)") + """
import time
from briefing.batch.command import _StopSignals
from briefing.batch.inprocess import Stopped
with _StopSignals() as stop:
    try:
        with stop.raising():
            Dying()
    except Stopped:
        pass
started = time.monotonic()
while time.monotonic() - started < 0.5:  # the caller's own work
    pass
print("returned", stop.signal)
"""


def _run(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("install, expected", [("signalled.keep_unswallowed()", "stopped"), ("", "ran to the end")],
                         ids=["hooked", "unhooked"])
def test_a_handlers_exception_swallowed_by_a_finalizer_is_raised_again(install, expected):
    """Unhooked, Python's own behaviour: the exception is lost and reported as ignored."""
    done = _run(_GENERIC.format(install=install))
    assert done.stdout.strip() == expected
    assert ("Exception ignored" in done.stderr) is (not install)


def test_sigterm_in_a_finalizer_stops_an_export_in_this_process():
    done = _run(_COMMAND)
    assert done.stdout.strip() == "stopped" and done.stderr == ""


_BARE_EXCEPT = """
import os, signal, time
from briefing.batch.command import _StopSignals
from briefing.batch.inprocess import Stopped
with _StopSignals() as stop:
    try:
        with stop.raising():
            try:
                os.kill(os.getpid(), signal.SIGTERM)  # its handler runs in here
                for _ in range(10000):
                    pass
            except:  # noqa: E722 - as a library's bare except
                pass
            until = time.monotonic() + 30
            while time.monotonic() < until:
                pass
        print("ran to the end")
    except Stopped:
        print("stopped")
"""


def test_a_stop_swallowed_by_a_bare_except_is_delivered_again():
    done = _run(_BARE_EXCEPT)
    assert done.stdout.strip() == "stopped" and done.stderr == ""


def test_a_time_limit_swallowed_by_a_bare_except_still_ends_the_export():
    def swallowing(task):
        try:
            time.sleep(5)  # the time limit's signal arrives here
        except:  # noqa: E722 - as a library's bare except
            pass
        until = time.monotonic() + 30
        while time.monotonic() < until:
            pass
        return "ran to the end"

    outcome = inprocess.run_here(swallowing, "task", timeout=0.3)
    assert outcome.end is End.TIMEOUT and outcome.result is None


def test_a_stop_swallowed_as_the_command_ends_reaches_the_command_not_its_caller():
    done = _run(_AT_THE_END)
    assert done.stdout.strip() == "returned 2" and done.stderr == ""
