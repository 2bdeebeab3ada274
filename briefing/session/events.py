"""What a session announces, as psygnal signals: views connect to them and never poll.

``connect(callback)`` and ``emit(*args)`` as in Qt; a callback may take fewer
arguments than the signal carries. Bound methods are held weakly, so a view
that goes away is not kept alive by the session.
"""

from __future__ import annotations

from psygnal import Signal, SignalGroup


class SessionEvents(SignalGroup):
    loaded = Signal()  # (): a document replaced everything
    selection = Signal(frozenset)  # (ids): these findings changed selection, place or annotation
    metadata = Signal(tuple)  # (fields): these metadata fields changed
    changed = Signal()  # (): after any load or edit; for previews and autosave
