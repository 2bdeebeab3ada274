"""A stop (Ctrl-C, SIGTERM) in the first moments of ``briefing export``, before ``StopSignals`` holds the signals.

The ``briefing`` command's process entry calls ``record`` first thing when it runs an export, so
that a stop while Python reads the command line and imports the batch (some 50-150 ms of every
start) is recorded, not Python's ``KeyboardInterrupt`` (a traceback, when it lands in an import)
or SIGTERM's default death (no report); ``StopSignals`` takes the request over and acts on it.
Standard library only: it runs before anything else is imported.
"""

from __future__ import annotations

import signal
from typing import Any

SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)

received: list[int] = []  # the stops recorded, in order
_before: dict[int, Any] = {}  # each signal's handler before ``record``


def _record(signum, frame) -> None:
    received.append(signum)


def record() -> None:
    """From now on, until ``StopSignals`` takes them over, Ctrl-C and SIGTERM are only recorded."""
    for signum in SIGNALS:
        previous = signal.signal(signum, _record)
        if previous is not _record:
            _before[signum] = previous


def original(signum: int, handler: Any) -> Any:
    """``handler``, or the one ``record`` replaced when ``handler`` is the recorder."""
    return _before.get(signum, handler) if handler is _record else handler
