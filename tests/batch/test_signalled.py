"""A stop signal that lands inside a finalizer still stops the export (and prints nothing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
