"""What the app exports and where: the deck and the PDF brief of the brief as it is on screen.

Exports go through ``briefing.export`` (the engine of ``briefing export``);
the preview renders the PDF to bytes and lays out the deck to learn which
findings run onto continuation slides. Renderers load on first use, so the
window opens without python-pptx or ReportLab.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.brief import Brief
from briefing.results import ExportedFile


@dataclass(frozen=True)
class ExportKind:
    key: str  # the format name briefing.export uses
    label: str
    suffix: str
    file_filter: str


DECK = ExportKind("pptx", "Deck", ".pptx", "PowerPoint decks (*.pptx)")
PDF = ExportKind("pdf", "PDF", ".pdf", "PDF documents (*.pdf)")
KINDS = {kind.key: kind for kind in (DECK, PDF)}


def export_brief(brief: Brief, kind: ExportKind, path: str | os.PathLike, *,
                 template: str | None = None, style: str | None = None,
                 scratch: str | os.PathLike | None = None) -> ExportedFile:
    """Render to ``path`` (atomically). Runs in a worker process (``workers.EXPORT``).

    The app sends the brief as built (``BriefSession.brief()``), never the whole document: what
    crosses to the process is pickled while holding the app's interpreter lock, and a summary
    of 5,000 findings takes 60-120 ms to pickle where the brief of the findings chosen takes 1.

    With ``scratch`` (an empty folder beside ``path``, made by the caller) the file is
    rendered there and moved into place at the end, so a cancelled export (its process
    ended) leaves only that folder, which the caller removes.
    """
    from briefing.export import export_document as export
    from briefing.steps import reporting

    path = Path(path)
    target = Path(scratch) / path.name if scratch else path
    with reporting(_StepSender()):
        result = export(brief, kind.key, target, template=template or None, style=style or None)
    if scratch:
        os.replace(target, path)
        with contextlib.suppress(OSError):
            os.rmdir(scratch)  # empty now; the app removes it too, but may have quit meanwhile
        result = dataclasses.replace(result, path=path)
    return result


_steps_queue = None  # in a worker process: where its jobs' progress goes (``workers.Lane``)


def report_steps_to(queue) -> None:
    """In a worker process: send each export's progress to ``queue`` (None: nowhere)."""
    global _steps_queue
    _steps_queue = queue


class _StepSender:
    """An export's progress, sent to the app at most once per percent (a queue message costs a
    little; a 300-slide deck reports 300 steps, a PDF thousands of flowables)."""

    def __init__(self) -> None:
        self.sent = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total
        if _steps_queue is not None and percent != self.sent:
            self.sent = percent
            _steps_queue.put((done, total))


def scratch_folder(path: Path) -> Path:
    """An empty folder beside ``path`` (the same file system, so the final move is atomic)."""
    return Path(tempfile.mkdtemp(prefix=".briefing-export-", dir=path.parent))


@dataclass(frozen=True)
class Preview:
    pdf: bytes
    pages: int
    continued: tuple[str, ...]  # findings the deck continues onto a "(cont.)" slide
    warnings: tuple[str, ...]


def render_preview(brief: Brief, style: str | None = None) -> Preview:
    """The PDF as bytes, and which findings run onto continuation slides in the deck.

    The deck is laid out only for that hint: if it cannot be, the PDF preview
    still shows and the reason joins the warnings.
    """
    from briefing.pdf import render_pdf_bytes

    data, pages, warnings = render_pdf_bytes(brief, style or None)
    try:
        continued = deck_continuations(brief)
    except Exception as exc:  # noqa: BLE001 - reported beside the preview, never fatal to it
        continued, warnings = (), (*warnings, f"deck layout unavailable: {exc}")
    return Preview(data, pages, continued, tuple(warnings))


def deck_continuations(brief: Brief) -> tuple[str, ...]:
    from briefing.deck import render_pptx

    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as folder:
        result = render_pptx(brief, None, Path(folder) / "preview.pptx", include_notes=False)
    return tuple(result.continued)


def proposed_path(brief_file: Path, kind: ExportKind, export_folder: str | None = None) -> Path:
    """Where a first export goes: named after the brief's file (``x.brief.yaml`` -> ``x.brief.pptx``,
    as ``briefing export`` names it; for an unsaved brief, the file its first save proposes), in
    the preferences' export folder when one is set and exists, else beside that file."""
    from briefing.export import output_path

    folder = export_folder if export_folder and os.path.isdir(export_folder) else None
    return output_path(brief_file, kind.key, folder)
