"""Workarounds for defects of the Qt binding, each limited to the versions that have it."""

from __future__ import annotations

import ctypes
import sys

# CPython 3.12 made None immortal by giving it a reference count no program can exhaust.
_IMMORTAL_MARGIN = 1 << 40


def keep_none_alive() -> None:
    """PySide6 6.12 on CPython 3.11 drops one reference to ``None`` on every call from Qt into a
    Python override (paint events, event filters, ``data()``...) and whenever an empty QVariant
    reaches Python. A busy window exhausts None's count within minutes and the interpreter aborts
    ("deallocating None"). Give None the margin Python 3.12+ gives it, so the lost references
    never matter. Harmless elsewhere; skipped where None is immortal already.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import PySide6

    if tuple(int(p) for p in PySide6.__version__.split(".")[:2]) < (6, 12):
        return
    # The same happens to the value an override returns: an event filter answering False for
    # every event of a text field aborted a long session with "deallocating True or False".
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _IMMORTAL_MARGIN:
            count.value += _IMMORTAL_MARGIN
