"""A stop or time limit that a finalizer or a library's ``except:`` swallows, or turns into a failure,
still ends the export before it runs to its end, and prints nothing.

Each case fails if the signal is not delivered again (``signalled.Redelivery``, the time limit's
repeating timer): the work then runs to its end (``pool_tasks.work_on``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pool_tasks import LOST, behave

from briefing.batch.pool import End, WorkerPool

_HERE = str(Path(__file__).parent)

_STOP = """
import signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pool_tasks import lose, work_on
from briefing.batch.stopsignals import StopSignals as _StopSignals
from briefing.batch.inprocess import Stopped
with _StopSignals() as stop:
    try:
        with stop.raising():
            lose(sys.argv[2], signal.SIGTERM)
            work_on(Path(sys.argv[3]))
    except Stopped:
        print("stopped")
"""

_TIME_LIMIT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pool_tasks import lose, work_on
from briefing.batch.stopsignals import StopSignals as _StopSignals
from briefing.batch.inprocess import run_here

def export(task):
    lose(sys.argv[2], None)  # the time limit expires in there
    return work_on(Path(sys.argv[3]))

with _StopSignals() as stop:  # as in the command: its hook prints nothing for a swallowed signal
    print(run_here(export, "task", 0.05, stop.raising()).end.name)
"""


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, _HERE, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("lost", LOST)
@pytest.mark.parametrize("script, ended", [(_STOP, "stopped"), (_TIME_LIMIT, "TIMEOUT")], ids=["stop", "time-limit"])
def test_a_lost_stop_or_time_limit_still_ends_an_export_in_this_process(script, ended, lost, tmp_path):
    ran = tmp_path / "ran-to-the-end"
    done = _run(script, lost, str(ran))
    assert (done.stdout.strip(), done.stderr) == (ended, "")
    assert not ran.exists()


@pytest.mark.parametrize("lost", LOST)
def test_a_lost_sigterm_still_ends_a_worker_without_an_answer(lost, tmp_path, capfd):
    """The worker exits 143, SIGTERM's own end, before its task runs to its end, and does not
    answer (a failure made of the stop would be reported as the file's); nothing is printed."""
    ran = tmp_path / "ran-to-the-end"
    task = f"lose-sigterm:{lost}:{ran}"
    done = {o.task: o for o in WorkerPool(behave, jobs=1, timeout=60).run([task, "b"])}
    assert done[task].end is End.DIED and done[task].detail.endswith("(status 143)")
    assert not ran.exists()
    assert done["b"].end is End.DONE
    assert capfd.readouterr().err == ""


_MADE_A_FAILURE_AT_THE_END = """
import signal, sys
sys.path.insert(0, sys.argv[1])
from pool_tasks import lose
from briefing.batch.stopsignals import StopSignals as _StopSignals
from briefing.batch.inprocess import run_here

def export(task):
    lose("made-a-failure", signal.SIGTERM)
    return "failed: KeyError"  # at once, before any second delivery

with _StopSignals() as stop:
    print(run_here(export, "task", 30, stop.raising()).end.name)
"""


def test_a_stop_made_the_files_failure_as_the_export_ends_is_a_stop_not_a_failure(capfd):
    """ReportLab makes a KeyError of a stop landing in the last object it formats: the export then
    returns at once, the file failed with an 'internal error' it never had. It was stopped."""
    done = _run(_MADE_A_FAILURE_AT_THE_END)
    assert (done.stdout.strip(), done.stderr) == ("CANCELLED", "")
    task = "sigterm-made-a-failure"
    answered = {o.task: o for o in WorkerPool(behave, jobs=1, timeout=60).run([task])}
    assert answered[task].end is End.DIED and answered[task].detail.endswith("(status 143)")
    assert capfd.readouterr().err == ""


_STOP_THEN_WRITE = """
import signal, sys
sys.path.insert(0, sys.argv[1])
from pool_tasks import lose
from briefing.atomic import write_bytes
from briefing.batch.stopsignals import StopSignals as _StopSignals
from briefing.batch.inprocess import Stopped, run_here

def export(task):
    lose("bare-except", signal.SIGTERM if task == "stop" else None)
    write_bytes(sys.argv[2], b"written after a stop went astray")  # at once, before any second delivery

with _StopSignals() as stop:
    if sys.argv[3] == "stop":
        try:
            with stop.raising():
                export("stop")
        except Stopped:
            print("CANCELLED")
    else:
        print(run_here(export, "time limit", 0.05, stop.raising()).end.name)
"""


@pytest.mark.parametrize("signal_", ["stop", "time limit"])
def test_an_export_a_swallowed_stop_went_on_in_replaces_no_more_files(signal_, tmp_path):
    """Swallowed, the stop may have sent the library down a wrong path (ReportLab's bookmarks take
    their ``except:`` path for a new destination): what follows must not replace an output."""
    target = tmp_path / "deck.pptx"
    done = _run(_STOP_THEN_WRITE, str(target), signal_)
    assert (done.stdout.strip(), done.stderr) == ("CANCELLED" if signal_ == "stop" else "TIMEOUT", "")
    assert not target.exists() and not list(tmp_path.iterdir())


def test_a_worker_a_swallowed_sigterm_went_on_in_replaces_no_more_files(tmp_path):
    target = tmp_path / "deck.pptx"
    task = f"lose-sigterm-then-write:bare-except:{target}"
    done = {o.task: o for o in WorkerPool(behave, jobs=1, timeout=60).run([task])}
    assert done[task].end is End.DIED and done[task].detail.endswith("(status 143)")
    assert not target.exists() and not list(tmp_path.iterdir())


def test_a_sigterm_a_library_raises_anew_with_a_message_still_ends_the_worker_as_143(capfd):
    """ReportLab's annotateException raises the exception's type anew with a message: a SystemExit
    would then exit with status 1 and print the message."""
    done = {o.task: o for o in WorkerPool(behave, jobs=1, timeout=60).run(["annotated-sigterm"])}
    assert done["annotated-sigterm"].end is End.DIED and done["annotated-sigterm"].detail.endswith("(status 143)")
    assert capfd.readouterr().err == ""


# The stop lands in a finalizer as the export ends: it must not be delivered after the command
# has restored Python's handler, as a KeyboardInterrupt in its caller's code.
_AT_THE_END = """
import os, signal, time
class Dying:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10000):
            pass
from briefing.batch.stopsignals import StopSignals as _StopSignals
from briefing.batch.inprocess import Stopped
with _StopSignals() as stop:
    try:
        with stop.raising():
            Dying()
    except Stopped:
        pass
started = time.monotonic()
while time.monotonic() - started < 0.5:  # the caller's own work, while deliveries could still come
    pass
print("returned", stop.signal)
"""


def test_a_stop_swallowed_as_the_command_ends_reaches_the_command_not_its_caller():
    done = _run(_AT_THE_END)
    assert done.stdout.strip() == "returned 2" and done.stderr == ""


_HOOK = """
import os, signal
from briefing.batch import signalled
class Stop(BaseException):
    pass
def handler(signum, frame):
    raise signalled.from_signal(Stop(), signum)
signal.signal(signal.SIGUSR1, handler)
{install}
class Dying:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGUSR1)
        for _ in range(10000):
            pass
Dying()
print("went on")
"""


@pytest.mark.parametrize("install", ["signalled.quiet_when_swallowed()", ""], ids=["hooked", "unhooked"])
def test_a_handlers_exception_swallowed_by_a_finalizer_prints_nothing(install):
    """Unhooked, Python's own behaviour: the exception is lost and reported as ignored."""
    done = _run(_HOOK.format(install=install))
    assert done.stdout.strip() == "went on"
    assert ("Exception ignored" in done.stderr) is (not install)
