"""Ctrl-C and SIGTERM during a batch: a stop request, recorded, that the batch acts on where it is safe.

Held from the start of ``briefing export`` (before the batch's modules are imported and while its
inputs are searched; a stop before, while Python read the command line, was recorded by
``earlystop`` and is taken over) until the report is written, so that a stop at any moment ends in the
report an interrupted run promises, never in Python's ``KeyboardInterrupt`` or SIGTERM's default
death. While the command plans, the request is only recorded: planning checks it between files of
the search (``briefing.batch.inputs.discover``) and between its steps, so a stop never waits for a
large folder's search to end. While a file is exported in this process, it also interrupts the
export (``raising``).

A signal the command was started with ignored (``nohup``, a background job of a script for
Ctrl-C) stays ignored.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from pathlib import Path
from typing import Any

from briefing.atomic import FileState, announcing_replaces
from briefing.batch import earlystop, inprocess, signalled


class StopSignals:
    """Turn Ctrl-C and SIGTERM into a stop request the pool checks, instead of an exception at any line."""

    def __init__(self):
        self.signal: int | None = None
        self._previous: dict[int, Any] = {}  # what signal.signal returned: a handler, or SIG_DFL/SIG_IGN/None
        self._again = signalled.Redelivery()

    def requested(self) -> bool:
        return self.signal is not None

    @contextlib.contextmanager
    def raising(self):
        """While exporting in this process, a stop request also interrupts the export
        (``inprocess.Stopped``), which has no pool to check the request between files; delivered
        again until it takes (``signalled``). An export that went on all the same (a library
        swallowed the stop, or made a failure of the file out of it) replaces no more files (the
        library may have taken a wrong path: ReportLab's bookmarks take their ``except:`` path
        for a new one) and, should it reach its end, is not taken as finished."""
        with self._again.armed(), announcing_replaces(self._refuse_once_delivered):
            if self.signal is not None:
                raise inprocess.Stopped()
            yield
            if self._again.started is not None:
                raise inprocess.Stopped()

    def _refuse_once_delivered(self, target: Path, state: FileState) -> None:
        if self._again.started is not None:
            raise inprocess.Stopped()

    def _catch(self, signum, frame) -> None:
        if self.signal is None:
            self.signal = signum
        if self._again.is_armed:  # every time: the last one may have been swallowed
            self._again.start(signum)
            raise signalled.from_signal(inprocess.Stopped(), signum)

    def __enter__(self) -> StopSignals:
        for signum in earlystop.SIGNALS:
            self._previous[signum] = earlystop.original(signum, signal.signal(signum, self._catch))
        if earlystop.received and self.signal is None:  # a stop before these handlers: the first one
            self.signal = earlystop.received[0]
        self._hook = signalled.quiet_when_swallowed()
        return self

    def __exit__(self, *exc) -> None:
        # signal.signal runs a pending handler first: a delivery on its way reaches _catch, which
        # only records it now, rather than Python's KeyboardInterrupt in the caller's code.
        sys.unraisablehook = self._hook
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
