"""What the app exports and where: the deck and the PDF brief of the brief as it is on screen.

Exports go through ``briefing.export`` (the engine of ``briefing export``);
the preview renders the PDF to bytes and lays out the deck to learn which
findings run onto continuation slides. Renderers load on first use, so the
window opens without python-pptx or ReportLab.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.brief import Brief
from briefing.formats.load import Document
from briefing.results import ExportedFile
from briefing.session import BriefSession


@dataclass(frozen=True)
class ExportKind:
    key: str  # the format name briefing.export uses
    label: str
    suffix: str
    file_filter: str


DECK = ExportKind("pptx", "Deck", ".pptx", "PowerPoint decks (*.pptx)")
PDF = ExportKind("pdf", "PDF", ".pdf", "PDF documents (*.pdf)")
KINDS = {kind.key: kind for kind in (DECK, PDF)}


def export_document(document: Document, kind: ExportKind, path: str | os.PathLike) -> ExportedFile:
    """Render to ``path`` (the renderer writes atomically). Runs on a worker thread."""
    from briefing.export import export_document as export

    return export(document, kind.key, Path(path))


@dataclass(frozen=True)
class Preview:
    pdf: bytes
    pages: int
    continued: tuple[str, ...]  # findings the deck continues onto a "(cont.)" slide
    warnings: tuple[str, ...]


def render_preview(brief: Brief) -> Preview:
    """The PDF as bytes, and which findings run onto continuation slides in the deck.

    The deck is laid out only for that hint: if it cannot be, the PDF preview
    still shows and the reason joins the warnings.
    """
    from briefing.pdf import render_pdf_bytes

    data, pages, warnings = render_pdf_bytes(brief, None)
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


def proposed_path(session: BriefSession, kind: ExportKind, last_folder: str | None = None) -> Path:
    """Where a first export goes: beside the brief, named after it (``x.brief.yaml`` -> ``x.brief.pptx``,
    as ``briefing export`` names it); a brief not saved yet uses the last export folder, else its summary's."""
    from briefing.export import output_path

    base = session.brief_path or session.default_brief_path()
    folder = None
    if session.brief_path is None and last_folder and os.path.isdir(last_folder):
        folder = last_folder
    return output_path(base, kind.key, folder)
