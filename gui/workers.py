"""Rendering in worker processes, so the preview and exports never take the UI's interpreter lock.

Rendering a long brief is seconds of Python. On a thread it shares the GIL with
the UI thread: typing lagged 100-390 ms while a 98-page preview rendered, and a
309-slide export stalled the window. A ``Lane`` is one warm worker process
(``multiprocessing``, spawned, never forked from a running Qt app) for one kind
of work; results come back to the UI thread through a queued Qt signal.
``cancel()`` ends the process at once (a new one starts on the next use), which
is what lets a long export be cancelled for real.

What crosses is plain, immutable core data (``Brief``, ``Document``) and plain
results (bytes, paths, warnings); the functions run are module-level functions
of ``briefing_gui.exports``, which imports no Qt.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from queue import Empty

from PySide6.QtCore import QObject

from .jobs import Relay, pending


def _warm(progress=None) -> None:
    """Load the renderers in the new process before the first job needs them; keep the lane's
    progress queue (``exports.report_steps_to``) for the jobs to report on."""
    from . import exports

    exports.report_steps_to(progress)
    try:
        import briefing.deck
        import briefing.pdf  # noqa: F401
    except Exception:  # noqa: BLE001 - a pool whose initializer fails respawns it forever; the job reports the error
        pass


class Lane:
    """One worker process; jobs run one after the other in it."""

    def __init__(self, name: str, *, reports_steps: bool = False):
        self.name = name
        self._pool = None
        self._lock = threading.Lock()
        self._relays: set[Relay] = set()
        self._reports_steps = reports_steps
        self._steps = None  # the running process's progress queue: (done, total) of its current job
        self._latest: tuple[int, int] | None = None

    def _ensure(self):
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                # A new queue with every process: one ended mid-message by cancel() is never read again.
                self._steps = context.Queue() if self._reports_steps else None
                self._latest = None
                self._pool = context.Pool(1, initializer=_warm, initargs=(self._steps,))
            return self._pool

    def progress(self) -> tuple[int, int] | None:
        """The latest (done, total) the running job reported, or None before its first report."""
        queue = self._steps
        while queue is not None:
            try:
                self._latest = queue.get_nowait()
            except (Empty, OSError, ValueError):  # nothing new (or the queue closed by a cancel)
                break
        return self._latest

    def forget_progress(self) -> None:
        """Drop what earlier jobs reported (a new job's bar starts empty)."""
        self.progress()
        self._latest = None

    def warm(self) -> None:
        """Start the process now (off the UI thread's critical path), so the first job is quick."""
        self._ensure()

    def submit(self, fn: Callable, args: tuple, on_done, on_error, owner: QObject | None = None) -> None:
        relay = Relay(on_done, on_error)
        if owner is not None:
            owner.destroyed.connect(relay.cancel)
        pending.add(relay)
        self._relays.add(relay)
        relay.destroyed.connect(lambda *_: self._relays.discard(relay))
        self._ensure().apply_async(fn, args, callback=relay.done.emit, error_callback=relay.failed.emit)

    def cancel(self) -> None:
        """End every job of this lane now; their callbacks never run."""
        for relay in list(self._relays):
            relay.cancelled = True
            pending.discard(relay)
        self._relays.clear()
        with self._lock:
            pool, self._pool = self._pool, None
            self._steps, self._latest = None, None
        if pool is not None:
            pool.terminate()

    def finish(self, timeout: float | None = None) -> None:
        """Let running jobs end (an export being written), then stop the process."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.close()
        worker = threading.Thread(target=pool.join, daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            pool.terminate()


PREVIEW = Lane("preview")
EXPORT = Lane("export", reports_steps=True)


def shutdown() -> None:
    PREVIEW.cancel()
    EXPORT.finish(timeout=60)
