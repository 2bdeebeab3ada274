"""The command's garbage collector: held back while the process starts, as usual once the work starts.

``briefing export`` is a short-lived process, and most of what it allocates at
first are the modules it imports (python-pptx, ReportLab), which live until it
exits. Python's default (a collection every 700 new container objects) scanned
them some 100 times in a one-file export to find no garbage. ``hold`` lets the
first collection wait for 100,000 new containers; ``release`` restores Python's
default once the renderers are imported and the template is open, so a long
export is collected as usual (keeping the threshold high throughout let a
10,000-finding export peak 80 MB higher).

What the start made (the libraries' modules, the open template, the style
sheets) lives until the process ends. ``release`` therefore also moves it out of
the collector's sight (``gc.freeze``): otherwise the first collections after the
start scan all of it, once in the youngest generation and again in the middle
one, some 60 ms of a one-file deck + PDF export (load 4) to find nothing. Later
collections scan only what the export itself makes, which is collected as
usual; in a batch, workers forked after the start share those pages instead
of copying them when the collector would touch them.

Both are called at known points of the command, never from a ``gc`` callback:
a callback is our Python code running inside a collection, where a signal
handler's exception (Ctrl-C, SIGTERM, the time limit) would be swallowed and
printed as a traceback. Only ``briefing export`` holds (``briefing.cli.export``),
and it releases when it returns, whatever happens.
"""

from __future__ import annotations

import gc

FIRST_COLLECTION_AFTER = 100_000

_default: tuple[int, ...] | None = None  # Python's thresholds while held


def hold() -> None:
    """Let the first collection wait for ``FIRST_COLLECTION_AFTER`` new containers."""
    global _default
    if _default is None:
        _default = gc.get_threshold()
        gc.set_threshold(FIRST_COLLECTION_AFTER, *_default[1:])


def release() -> None:
    """Freeze what exists (the start's objects) and set Python's default thresholds again
    (nothing to do when not held)."""
    global _default
    if _default is not None:
        gc.freeze()
        gc.set_threshold(*_default)
        _default = None
