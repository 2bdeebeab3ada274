"""How far one render has got, for a caller that shows it (the app's export progress bar).

A renderer calls ``step(done, total)`` at its natural boundaries (the deck after each
finding's slides; the PDF as ReportLab lays out its flowables); a caller that wants to
know wraps the render in ``reporting(listener)``. Without a listener a step costs one
context-variable read, so the command line and the batch pay nothing for it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator

Listener = Callable[[int, int], None]

_listener: contextvars.ContextVar[Listener | None] = contextvars.ContextVar("render_steps", default=None)


@contextlib.contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Within the block, renders report their steps to ``listener(done, total)``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def listening() -> bool:
    """True when someone listens (a renderer may then set up what reporting needs)."""
    return _listener.get() is not None


def step(done: int, total: int) -> None:
    """``done`` of ``total`` units of this render are finished."""
    listener = _listener.get()
    if listener is not None and total > 0:
        listener(min(done, total), total)
