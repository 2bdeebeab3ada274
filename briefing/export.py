"""One document, one format, one file: the export behind the app's one-click export and ``briefing export``.

``export_document(document, "pptx", path)`` renders a loaded summary or brief
(or the ``Brief`` built from one) as a PowerPoint deck or a PDF brief and says
what it wrote. The renderers
(python-pptx, ReportLab) are imported on first use, so loading this module is
cheap.

Output names follow the input: only the last suffix is replaced, so
``x.yaml`` gives ``x.pptx`` and ``x.pdf``, and ``x.brief.yaml`` gives
``x.brief.pptx`` and ``x.brief.pdf``. A brief saved beside the summary it
selects from therefore never overwrites the summary's outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing.formats.load import Document
from briefing.results import ExportedFile

if TYPE_CHECKING:
    from briefing.brief import Brief

PPTX, PDF = "pptx", "pdf"
FORMATS = (PPTX, PDF)


def formats_for(choice: str) -> tuple[str, ...]:
    """The formats a ``--format`` choice stands for: ``all`` is every format."""
    if choice == "all":
        return FORMATS
    if choice not in FORMATS:
        raise ValueError(f"unknown export format '{choice}'; expected one of: {', '.join(FORMATS)}, all")
    return (choice,)


def output_path(source: str | Path, fmt: str, out_dir: str | Path | None = None) -> Path:
    """Where the ``fmt`` export of ``source`` goes: beside it, or in ``out_dir``, named by its stem."""
    source = Path(source)
    folder = Path(out_dir) if out_dir is not None else source.parent
    return folder / f"{source.stem}.{fmt}"


def export_document(
    document: Document | Brief,
    fmt: str,
    out_path: str | Path,
    *,
    template: str | Path | None = None,
    style: str | Path | None = None,
    include_notes: bool = True,
    layouts: str | Path | None = None,
) -> ExportedFile:
    """Render ``document`` as ``fmt`` (``pptx`` with ``template`` and a ``layouts`` mapping, ``pdf`` with
    ``style``) to ``out_path``.

    ``document`` is a loaded summary or brief, or the ``Brief`` already built from one: the app
    sends its worker process that (a few KB for the findings chosen) rather than the document,
    whose summary of 5,000 findings takes 60-120 ms to pickle while holding the app's
    interpreter lock. The renderers write atomically: ``out_path`` is replaced only by a whole
    file. Raises ``BriefingError`` for problems the user can act on.
    """
    brief = document.build() if isinstance(document, Document) else document
    if fmt == PPTX:
        from briefing.deck import render_pptx

        return render_pptx(brief, template, out_path, include_notes=include_notes, layouts=layouts)
    if fmt == PDF:
        from briefing.pdf import render_pdf

        return render_pdf(brief, style, out_path, include_notes=include_notes)
    raise ValueError(f"unknown export format '{fmt}'; expected one of: {', '.join(FORMATS)}")
