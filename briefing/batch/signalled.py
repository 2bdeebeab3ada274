"""Exceptions raised by signal handlers, and keeping them from being lost in a finalizer.

A Python signal handler runs in the main thread at the next bytecode, and that
can be inside a ``__del__`` method or a weakref callback (a ``WeakValueDictionary``
cleaning up, a ``ZipFile`` closing), where Python swallows any exception: it
prints "Exception ignored in ..." and goes on. The stop (Ctrl-C, SIGTERM) or the
time limit the handler raised for is then lost, and the export it was meant to
end runs to its end. So a handler marks its exception with the signal
(``from_signal``), and an unraisable-exception hook (``keep_unswallowed``)
delivers that signal again to the main thread (``_thread.interrupt_main``, from
another thread once the main thread has left the hook): its handler raises anew
outside the finalizer (should it land in another, the hook delivers it again),
and nothing is printed. A bare ``except:`` swallows an exception without a trace;
so the stop and the time limit are also delivered again every ``AGAIN`` seconds
until the code they interrupt has unwound (``briefing.batch.command``,
``briefing.batch.inprocess``).
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

Raised = TypeVar("Raised", bound=BaseException)

_SIGNUM = "briefing_signal"
_LATER = 0.001  # seconds between looks at whether the main thread has left the hook
# Seconds between deliveries of a signal whose exception has not been taken yet: a library's bare
# ``except:`` swallows it silently (ReportLab formats each PDF string and dictionary inside one).
AGAIN = 0.2
_resending: set[threading.Thread] = set()  # threads delivering a signal again


def from_signal(exc: Raised, signum: int) -> Raised:
    """``exc``, marked as raised by the handler of ``signum`` (to be delivered again if swallowed)."""
    setattr(exc, _SIGNUM, signum)
    return exc


def keep_unswallowed() -> Callable[[Any], object]:
    """Install the hook for the rest of the process; return the hook it replaced."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        signum = getattr(unraisable.exc_value, _SIGNUM, None)
        if signum is None:
            previous(unraisable)
        else:
            thread = threading.Thread(target=_resend, args=(signum, hook.__code__), name="resignal", daemon=True)
            _resending.add(thread)
            thread.start()

    sys.unraisablehook = hook
    return previous


def _resend(signum: int, hook) -> None:
    """Deliver ``signum`` to the main thread once it has left ``hook``: tripped while the hook
    runs, the handler would raise inside it, and that exception Python only prints."""
    main = threading.main_thread().ident
    try:
        while _runs(sys._current_frames().get(main), hook):
            time.sleep(_LATER)
        _thread.interrupt_main(signal.Signals(signum))
    finally:
        _resending.discard(threading.current_thread())


def settle() -> None:
    """Wait until the signals being delivered again have reached the main thread. Call it in the
    main thread before replacing the handlers they are for (``signal.signal`` runs pending
    handlers first): delivered later, one would reach the next handler, Python's own
    KeyboardInterrupt, after the command has returned."""
    for thread in list(_resending):
        thread.join()


def _runs(frame, code) -> bool:
    while frame is not None:
        if frame.f_code is code:
            return True
        frame = frame.f_back
    return False
