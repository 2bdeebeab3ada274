"""Exceptions raised by signal handlers to end an export, delivered again until they take.

A Python signal handler runs in the main thread at the next bytecode, wherever
that is, and the exception it raises to end the export (Ctrl-C, SIGTERM, the
time limit) can be lost there:

* in a library's broad ``except:`` that does not re-raise: ReportLab has them
  around its page actions, its bookmarks and each PDF object reference it
  formats (``doctemplate``, ``canvas``, ``pdfdoc``), and some turn the exception
  into another one (a ``KeyError`` "forward reference ... not resolved") that
  the export then reports as the file's failure;
* in a finalizer (a ``__del__`` method, a weakref callback), where Python
  swallows any exception and prints "Exception ignored in ...".

One mechanism answers both: while the code the signal is meant to end runs
(``Redelivery.armed``), the signal is delivered again every ``AGAIN`` seconds
(``Redelivery.start``, from a thread, under a lock so that none is delivered
once the block has ended), and the time limit's timer repeats likewise
(``setitimer``'s interval, ``briefing.batch.inprocess``). Code that went on
all the same (``Redelivery.started``) replaces no more files, since the library
may have taken a wrong path (ReportLab's bookmarks take their ``except:`` path
for a new destination), and is not taken as finished should it reach its end:
the in-process export ends as stopped or timed out, a worker exits instead of
answering.

There were two mechanisms; this one was kept because it alone covers both
cases. The other, an unraisable-exception hook that delivered the signal again
as soon as a finalizer had swallowed it, never sees a broad ``except:``, and a
line trace of a deck + PDF export found 0 of 245,000 executed lines inside a
finalizer and 2,295 inside such an ``except:`` (0.9 %). What remains of the hook
is its silence (``quiet_when_swallowed``): a handler's exception a finalizer
swallowed is not printed, since it will be delivered again.
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

Raised = TypeVar("Raised", bound=BaseException)

_SIGNUM = "briefing_signal"
# Seconds between deliveries of a signal while the code it is meant to end still runs.
AGAIN = 0.2


def from_signal(exc: Raised, signum: int) -> Raised:
    """``exc``, marked as raised by the handler of ``signum`` (silent if a finalizer swallows it)."""
    setattr(exc, _SIGNUM, signum)
    return exc


def quiet_when_swallowed() -> Callable[[Any], object]:
    """Install, for the rest of the process, an unraisable-exception hook that prints nothing for a
    handler's exception swallowed by a finalizer (it will be delivered again); return the hook it
    replaced, which still gets every other exception."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if getattr(unraisable.exc_value, _SIGNUM, None) is None:
            previous(unraisable)

    sys.unraisablehook = hook
    return previous


class Redelivery:
    """Delivers a signal to the main thread again every ``AGAIN`` seconds while a block runs.

    A handler raises only while ``is_armed`` and then calls ``start(signum)``; after
    ``armed()`` has ended no delivery comes (the lock), and a handler run by one already
    on its way must not raise.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed = False
        self._thread: threading.Thread | None = None
        self.started: int | None = None  # the signal delivered into the block, if one was

    @property
    def is_armed(self) -> bool:
        return self._armed

    @contextlib.contextmanager
    def armed(self) -> Iterator[None]:
        self.started = None
        self._armed = True
        try:
            yield
        finally:
            with self._lock:
                self._armed = False

    def start(self, signum: int) -> None:
        """From the handler of ``signum``, in the armed block: deliver it again until the block ends.
        (Takes no lock: the handler may run while the main thread holds it, ending the block.)"""
        self.started = signum
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._again, args=(signum,), name="signal-again", daemon=True)
        self._thread.start()

    def _again(self, signum: int) -> None:
        while True:
            time.sleep(AGAIN)
            with self._lock:
                if not self._armed:
                    return
                _thread.interrupt_main(signal.Signals(signum))
