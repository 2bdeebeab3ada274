"""What an export produced, one type per level: a file, then an input; the run is ``batch.report.Report``.

``ExportedFile`` is what a renderer wrote (the deck, the PDF brief): the
renderers return it, ``briefing.export`` passes it on, the app shows it and
the batch report lists it. ``InputResult`` is one input of a batch: the files
written for it and its located problems. The batch ``Report`` holds one per
input and derives the counts and the exit code from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from briefing.diagnostics import Diagnostic


@dataclass(frozen=True)
class ExportedFile:
    """One written file: where, in which format, how long, and what the renderer warned about."""

    path: Path
    format: str  # "pptx" or "pdf"
    pages: int | None  # slides of a deck, pages of a PDF; None: written by an export stopped before it said
    warnings: tuple[str, ...] = ()  # the renderer's messages; the input's result places them on the source
    continued: tuple[str, ...] = ()  # ids of findings that ran onto "(cont.)" slides (decks only)


class Status(str, Enum):
    OK = "ok"
    FAILED = "failed"
    CANCELLED = "cancelled"  # the run was interrupted before this input finished


@dataclass(frozen=True)
class InputResult:
    """One input of a batch: the files written for it and every problem, located in the input."""

    path: str  # the input as the user named it
    status: Status = Status.CANCELLED
    format: str | None = None  # summary/1 or brief/1, once the file has been read
    outputs: tuple[ExportedFile, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0

    @classmethod
    def failed(cls, path: str, *errors: Diagnostic) -> InputResult:
        """An input that could not be exported at all."""
        return cls(path, Status.FAILED, errors=errors)
