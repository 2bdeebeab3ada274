"""``render_pdf(brief, style, path)``: the PDF brief, written atomically.

Rendering is deterministic (ReportLab's invariant mode: fixed dates, fonts
subset in a fixed order, a document id from the pages' content), so the same
brief and style sheet give the same bytes. ReportLab draws the pages while a
recorder notes the structure (``marking``); as it saves, the structure tree and
the PDF/UA entries (``accessible``) go into the same file: it is written once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable

from briefing import __version__, steps
from briefing.atomic import atomic_writer
from briefing.brief import Brief
from briefing.diagnostics import BriefingError
from briefing.pdf import rlcompat
from briefing.pdf.accessible import DocumentInfo, creation_time, write_tagging
from briefing.pdf.fontset import FontSet
from briefing.pdf.marking import StructureRecorder, recording_canvas
from briefing.pdf.pages import Metadata, document, page_number_form, paged_canvas
from briefing.pdf.story import StoryBuilder
from briefing.pdf.stylesheet import StyleSheet, load_style
from briefing.pdf.typeset import SHEET_FIELD, Typesetter
from briefing.results import ExportedFile

# Characters the renderer adds around the brief's own text.
_RENDERER_TEXT = "0123456789 .,:;()[]%\u00b6\u00b7\u2009\u2002\u2013\u2014\u2018\u2019\u201c\u201d\u2026"

# ReportLab's font registry and its document-level caches are process-wide.
_RENDER_LOCK = threading.Lock()


def render_pdf(brief: Brief, style: str | Path | None, path: str | Path, *, include_notes: bool = True) -> ExportedFile:
    """Write ``brief`` as a PDF to ``path`` (atomically) in the style sheet ``style`` (a name or a YAML path).

    ``include_notes=False`` leaves the analyst's comments out. Raises BriefingError
    for a bad style sheet or an unwritable path; font coverage problems are warnings.
    """
    with atomic_writer(path) as handle:
        pages, warnings = write_pdf(brief, style, handle, include_notes=include_notes)
    return ExportedFile(Path(path), "pdf", pages, warnings)


def render_pdf_bytes(brief: Brief, style: str | Path | StyleSheet | None = None, *,
                     include_notes: bool = True) -> tuple[bytes, int, tuple[str, ...]]:
    """The PDF as bytes, its page count and warnings (for previews that need no file)."""
    out = io.BytesIO()
    pages, warnings = write_pdf(brief, style, out, include_notes=include_notes)
    return out.getvalue(), pages, warnings


def write_pdf(brief: Brief, style: str | Path | StyleSheet | None, out: BinaryIO, *,
              include_notes: bool = True) -> tuple[int, tuple[str, ...]]:
    """The PDF to ``out``; its page count and warnings."""
    sheet = style if isinstance(style, StyleSheet) else load_style(style)
    with _RENDER_LOCK:
        rlcompat.number_shaped_glyphs_afresh()  # the same bytes whatever this process drew before
        fonts = FontSet(sheet, lambda: _all_text(brief, sheet))  # read only if a font must be cut down
        ts = Typesetter(sheet, fonts)
        frame_width = sheet.page_size[0] - sheet.margins["left"] - sheet.margins["right"]
        builder = StoryBuilder(brief, ts, sheet, frame_width, include_notes)
        parts = builder.parts()
        if steps.listening():
            parts = _counted(parts, len(brief.findings) + _SECTIONS + 1)
        story = rlcompat.LazyStory(parts)  # made as ReportLab draws: a long brief is never held whole
        recorder = StructureRecorder(builder.document, builder.destinations, builder.notes_anchors,
                                     brief.language)
        decorations = _Decorations(brief, ts, sheet, frame_width)
        meta = _metadata(brief)
        info = DocumentInfo(title=meta.title, language=brief.language, author=meta.author, subject=meta.subject,
                            keywords=meta.keywords, creator=meta.creator,
                            created=creation_time(brief.date.start if brief.date else None))
        doc = document(out, sheet, meta, decorations.first_page, decorations.later_pages, ts.styles["body"].fontName)
        canvas_class = recording_canvas(
            paged_canvas(decorations.page_number, decorations.page_number_box, decorations.forms), recorder,
            lambda canvas: write_tagging(rlcompat.document(canvas), recorder, info))
        with _binary_streams():
            try:
                doc.build(story, canvasmaker=canvas_class)
            except LayoutError:  # the sheet's checks should prevent it; never an internal error
                raise BriefingError.at(str(sheet.path), "the style sheet leaves too little room on the page for "
                                       "something of this brief (a line, box or figure taller than the text "
                                       "frame); make the margins, sizes or spaces smaller") from None
        pages = doc.page
        steps.step(1, 1)  # drawn, tagged and saved: the whole
        return pages, ts.warnings


_SECTIONS = 6  # StoryBuilder.parts: title, bottom line, key judgments, then each finding, timeline, actors, source


def _counted(parts: Iterator[list], total: int) -> Iterator[list]:
    """``parts`` reporting ``briefing.steps`` as ReportLab asks for each: it asks for the next part
    once it has drawn nearly all of those before (a finding at a time)."""
    for number, part in enumerate(parts):
        steps.step(number, total)
        yield part



@contextlib.contextmanager
def _binary_streams():
    """Compressed streams without the ASCII85 layer: smaller files, faster saves.

    ReportLab reads this setting from its global config while saving; it is set
    only for our own build, under the render lock.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _metadata(brief: Brief) -> Metadata:
    keywords = tuple(dict.fromkeys(f.theme.label for f in brief.findings if f.theme))
    return Metadata(
        title=brief.title,
        author=brief.author or "",
        subject=brief.source.title,
        keywords=keywords,
        creator=f"Briefing {__version__}",
    )


def _all_text(brief: Brief, sheet: StyleSheet) -> str:
    """Every character the document may set, so fonts that are cut down to size have them all."""
    strings: list[str] = [_RENDERER_TEXT, *sheet.labels.values()]

    def walk(value) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)

    walk(brief)
    text = "".join(strings)
    chars = set(text)
    chars |= {c.upper() for c in chars}
    return "".join(sorted(chars))


class _Decorations:
    """What every page carries: the marking at top and bottom, running header and footer."""

    def __init__(self, brief: Brief, ts: Typesetter, sheet: StyleSheet, frame_width: float):
        self.ts = ts
        self.sheet = sheet
        self.width = frame_width
        self.left = sheet.margins["left"]
        self.page_width, self.page_height = sheet.page_size
        running = sheet.component("running_header")
        self.title_width = frame_width * running["title_share"]
        self.date_width = frame_width - self.title_width - ts.styles["running"].fontSize
        self.author_width = frame_width * running["footer_share"]
        self.marking = self._fit(brief.marking, "marking", "brief marking", frame_width) if brief.marking else None
        self.title = self._fit(brief.title, "running", "brief title", self.title_width)
        self.date = self._fit(brief.date.label(), "running", "brief date", self.date_width, TA_RIGHT) if brief.date else None
        self.author = self._fit(brief.author, "running", "brief author", self.author_width) if brief.author else None
        leading = ts.styles["running"].leading
        self.page_number_box = (0, -leading, frame_width, 2 * leading)

    def _fit(self, text: str, style: str, field: str, width: float, alignment: int | None = None) -> Flowable:
        """A one-line flowable of ``text``, cut short with an ellipsis when it is longer than ``width``."""
        leading = self.ts.styles[style].leading

        def make(candidate: str) -> Flowable:
            changes: dict[str, Any] = {"spaceBefore": 0, "spaceAfter": 0} | ({} if alignment is None else {"alignment": alignment})
            flowable = self.ts.paragraph(candidate, style, field, fixed_alignment=style == "running", **changes)
            flowable.wrap(width, 10_000)
            return flowable

        text = " ".join(text.split())
        whole = make(text)
        if whole.height <= leading * 1.2:
            return whole
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if make(text[:middle].rstrip() + "\u2026").height <= leading * 1.2:
                low = middle
            else:
                high = middle - 1
        return make(text[:low].rstrip() + "\u2026")

    def _draw(self, canvas, flowable: Flowable, x: float, baseline: float, width: float) -> None:
        size = flowable.style.fontSize
        flowable.wrapOn(canvas, width, 10_000)
        flowable.drawOn(canvas, x, baseline - flowable.height + size)

    # Pages draw their furniture as forms, painted once when the document is saved.
    _FIRST, _LATER = "FirstPageFurniture", "LaterPageFurniture"

    @property
    def forms(self) -> dict:
        return {self._FIRST: self._paint_common, self._LATER: self._paint_later}

    def first_page(self, canvas, doc) -> None:
        canvas.showOutline()
        canvas.doForm(self._FIRST)
        self._page_number_form(canvas)

    def later_pages(self, canvas, doc) -> None:
        canvas.doForm(self._LATER)
        self._page_number_form(canvas)

    def _page_number_form(self, canvas) -> None:
        canvas.saveState()
        canvas.translate(self.left, self.sheet.page["footer"])
        canvas.doForm(page_number_form(canvas.getPageNumber()))
        canvas.restoreState()

    def _paint_common(self, canvas) -> None:
        page = self.sheet.page
        if self.marking is not None:
            self._draw(canvas, self.marking, self.left, self.page_height - page["marking_top"], self.width)
            self._draw(canvas, self.marking, self.left, page["marking_bottom"], self.width)
        if self.author is not None:
            self._draw(canvas, self.author, self.left, page["footer"], self.author_width)

    def _paint_later(self, canvas) -> None:
        self._paint_common(canvas)
        page = self.sheet.page
        baseline = self.page_height - page["header"]
        self._draw(canvas, self.title, self.left, baseline, self.title_width)
        if self.date is not None:
            self._draw(canvas, self.date, self.left + self.width - self.date_width, baseline, self.date_width)
        rule = self.sheet.component("running_header")
        canvas.saveState()
        canvas.setStrokeColor(rule["rule"])
        canvas.setLineWidth(rule["rule_width"])
        y = baseline - rule["rule_gap"]
        canvas.line(self.left, y, self.left + self.width, y)
        canvas.restoreState()

    def page_number(self, canvas, number: int, total: int) -> None:
        text = self.sheet.label("page", page=number, pages=total)
        flowable = self.ts.paragraph(text, "running", SHEET_FIELD, alignment=TA_RIGHT, spaceBefore=0, spaceAfter=0)
        flowable.wrapOn(canvas, self.width, 10_000)
        size = self.ts.styles["running"].fontSize
        flowable.drawOn(canvas, 0, -flowable.height + size)
