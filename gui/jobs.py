"""Running slow work (loading, rendering, exporting) off the UI thread.

``run(fn, on_done, on_error)`` calls ``fn()`` on a ``QThreadPool`` thread and
delivers its result (or exception) back on the UI thread. The values that
cross are immutable core objects (``Document``, ``Brief``) or plain results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

# Relays waiting for an answer, held so Qt does not drop them (also used by ``workers``).
pending: set[Relay] = set()


class Relay(QObject):
    """Lives on the UI thread; a worker thread or process emits, Qt queues the call back to this thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]):
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot()
    def cancel(self) -> None:
        self.cancelled = True

    @Slot(object)
    def _deliver_done(self, value) -> None:
        pending.discard(self)
        if not self.cancelled:
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, error) -> None:
        pending.discard(self)
        if not self.cancelled:
            self._on_error(error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI, which reports it; never lost in a thread
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(value)


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def run(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """Call ``fn`` on a worker thread; the callbacks run on the UI thread, and are
    dropped if ``owner`` (the widget waiting for the answer) has been destroyed."""
    relay = Relay(on_done, on_error)
    if owner is not None:
        owner.destroyed.connect(relay.cancel)
    pending.add(relay)
    pool().start(_Job(fn, relay))


def wait_all(msecs: int = 30000) -> bool:
    """Block until background work finishes (on exit, and in tests)."""
    return pool().waitForDone(msecs)
