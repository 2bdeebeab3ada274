"""A batch of one input, exported in this process: no worker to start for a single file.

A worker process costs a second interpreter and a second import of every
library (about a third of a second), which is most of the time a one-file
export takes. A lone input gains nothing from the pool's isolation that the
command itself does not give: a crash ends the command either way. What the
pool does for each task is kept: the time limit (a timer signal interrupts the
export), a stop request (Ctrl-C, SIGTERM) interrupts it, and both unwind
through the atomic writers so no partial file is left; the answer is the same
``Outcome`` a worker would give.

Where timer signals are unavailable (Windows, or a caller outside the main
thread) ``available()`` is false and the pool is used instead, so the time
limit always holds.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from briefing.atomic import FileState, announcing_replaces
from briefing.batch import signalled
from briefing.batch.outcome import End, Outcome

Task = TypeVar("Task")


class Stopped(BaseException):
    """Raised in the export when the run is stopped; a BaseException so that no
    ``except Exception`` in the export mistakes it for a failure of the file."""


class _TimedOut(BaseException):
    """Raised in the export when it overruns the time limit (see ``Stopped``)."""


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def run_here(func: Callable[[Task], Any], task: Task, timeout: float,
             interruptible: contextlib.AbstractContextManager[object] = contextlib.nullcontext()) -> Outcome[Task]:
    """``func(task)`` in this process within ``timeout`` seconds, as the Outcome a worker would report.

    ``Stopped``, raised while ``interruptible`` is entered (by a signal handler it
    arms), ends the call as CANCELLED.
    """
    started = time.monotonic()

    def spent() -> float:
        return time.monotonic() - started

    try:
        with interruptible, _time_limit(timeout):
            result = func(task)
    except Stopped:
        return Outcome(0, task, End.CANCELLED, seconds=spent(), detail="stopped")
    except _TimedOut:
        return Outcome(0, task, End.TIMEOUT, seconds=spent(), detail=f"took longer than {timeout:g} s")
    except Exception as exc:  # noqa: BLE001 - a bug in func, reported as this task's failure, as a worker would
        return Outcome(0, task, End.RAISED, seconds=spent(), detail=f"{type(exc).__name__}: {exc}")
    return Outcome(0, task, End.DONE, result, spent())


# setitimer refuses times past about 4e9 s (OverflowError: 'export failed: internal error' for
# '--timeout inf' with one input): a limit past thirty years is no limit, and is set as this.
_LONGEST = 1e9


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    overran: list[int] = []

    def overrun(signum, frame):
        overran.append(signum)
        raise signalled.from_signal(_TimedOut(), signum)

    def refuse_if_overran(target: Path, state: FileState) -> None:
        if overran:  # swallowed, the time limit may have sent the export down a wrong path: no more files
            raise _TimedOut()

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, _LONGEST), signalled.AGAIN)  # then again, until unwound (``signalled``)
    try:
        with announcing_replaces(refuse_if_overran):
            yield
        if overran:  # it ran on all the same: a library swallowed the time limit, or made a failure out of it
            raise _TimedOut()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
