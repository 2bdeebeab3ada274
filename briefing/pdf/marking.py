"""The recorder: marked content around what the canvas draws, and a log of it for the structure tree.

ReportLab has no tagging API. ``recording_canvas(base, recorder, finish)`` gives a
canvas class that, while a flowable bound to a structure node
(``briefing.pdf.structure.bind``) draws, wraps its operators in
``/Role <</MCID n>> BDC … EMC`` and notes ``Content(page, n)`` on the node.
Page furniture drawn from forms (marking, running header and footer, page
numbers) is wrapped as a pagination ``Artifact``; a flowable drawn a second
time (a table's header row repeated on the next page) too. Each link
annotation becomes a ``Link`` element under the node being drawn.

When a page is shown, whatever else was drawn on it outside marked content
(rules, boxes, the table grid) is wrapped as a layout ``Artifact``; when the
document is saved, ``finish`` writes the tree into ReportLab's document
(``briefing.pdf.accessible``). Nothing here changes where anything is drawn.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from briefing.language import language_of
from briefing.pdf import rlcompat
from briefing.pdf.structure import Annotation, Content, Node

# Operators that put something on the page: path painting (``n`` too: a clip), shadings, forms,
# inline images, text objects. A run of operators without any (graphics state only) is left unwrapped.
# What ``StructureRecorder.begin`` opened: nothing, a pagination artifact, or an element's content.
_NOTHING_OPENED, _ARTIFACT_OPENED, _ELEMENT_OPENED = 0, 1, 2
_PAINTS = re.compile(r"(?:^|\s)(?:[SsfFBbn]\*?|sh|Do|BI|BT)(?=\s|$)")


class StructureRecorder:
    """What was drawn for which structure node, page by page (filled while ReportLab draws)."""

    def __init__(self, root: Node, destinations: dict[str, str] | None = None,
                 references: AbstractSet[str] = frozenset(), language: str = "en"):
        self.root = root
        self.language = language  # the document's
        self.destinations = destinations if destinations is not None else {}  # anchor -> what a link there is called
        self.references = references  # anchors of notes (as the story grows): a link to one is a Reference
        self.marked_pages: list[list[Node]] = []  # per page: the node of each MCID
        self.annotation_counts: list[int] = []  # per page: link annotations made so far
        self._open: Node | None = None

    def _page(self, canvas) -> int:
        page = canvas.getPageNumber() - 1
        while len(self.marked_pages) <= page:
            self.marked_pages.append([])
            self.annotation_counts.append(0)
        return page

    def begin(self, canvas, flowable, node: Node) -> int:
        """Start wrapping what ``flowable`` draws in marked content of ``node`` (its content belongs to
        the outer element when one is open already); hand what it returns to ``end`` when it is drawn.

        Two calls rather than a context manager: this runs for every paragraph drawn."""
        if self._open is not None:
            return _NOTHING_OPENED
        # Drawn again: a repeated table header row. The mark lives on the flowable (not in a set of
        # them here), so a drawn flowable is freed as ReportLab moves on: a long brief is never held whole.
        if flowable.__dict__.get("_structure_recorded_by") is self:
            canvas.begin_marked("/Artifact <</Type /Pagination>> BDC")
            return _ARTIFACT_OPENED
        flowable.__dict__["_structure_recorded_by"] = self
        page = self._page(canvas)
        marked = self.marked_pages[page]
        mcid = len(marked)
        marked.append(node)
        node.items.append(Content(page, mcid))
        canvas.begin_marked(f"/{node.role} <</MCID {mcid}>> BDC")
        self._open = node
        return _ELEMENT_OPENED

    def end(self, canvas, opened: int) -> None:
        """Close what ``begin`` opened."""
        if opened == _ELEMENT_OPENED:
            self._open = None
        if opened:
            canvas.end_marked()

    def span(self, text: str) -> str | None:
        """The operator that opens a span around a run of ``text`` set inside the open element: with its
        ``/Lang`` when its script says it is in another language than the element's, else None."""
        node = self._open
        if node is None:
            return None
        language = language_of(text, str(node.attributes.get("Lang") or self.language))
        return None if language is None else f"/Span <</Lang ({language})>> BDC"

    def actual_text(self, text: str) -> str | None:
        """The operator that opens a span whose glyphs stand for ``text`` (shaped, reordered right-to-left
        lines), with its ``/Lang`` when it differs from the element's; None outside an element."""
        node = self._open
        if node is None:
            return None
        language = language_of(text, str(node.attributes.get("Lang") or self.language))
        words = "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
        lang = f" /Lang ({language})" if language else ""
        return f"/Span <</ActualText {words}{lang}>> BDC"

    def link(self, canvas, target: str) -> None:
        """A link annotation is being added to the current page: a ``Link`` element for it."""
        page = self._page(canvas)
        index = self.annotation_counts[page]
        self.annotation_counts[page] += 1
        parent = self._open or self.root
        if target[1:] in self.references and target.startswith("#"):
            parent = parent.add("Reference")
        parent.add("Link").items.append(Annotation(page, index, target))

    def describe(self, target: str) -> str:
        """What a link to ``target`` says to a screen reader: the title of the place it goes to, or the address."""
        if target.startswith("#"):
            return self.destinations.get(target[1:], target[1:])
        return target


@contextlib.contextmanager
def drawn_as(canvas, text: str):
    """Draw glyphs that stand for ``text`` as written (a shaped right-to-left line): inside an element
    of a recording canvas they are wrapped in a span with ``/ActualText``, so the text layer reads
    the words in logical order; elsewhere nothing changes."""
    recorder = getattr(canvas, "structure_recorder", None)
    opening = recorder.actual_text(text) if recorder is not None else None
    if opening is None:
        yield
        return
    canvas.addLiteral(opening)
    try:
        yield
    finally:
        canvas.addLiteral("EMC")


def recording_canvas(base: type, recorder: StructureRecorder, finish: Callable[[object], None]) -> type:
    """``base`` (a ReportLab canvas class) that records for ``recorder`` what bound flowables draw, wraps
    the rest of each page as layout artifacts, and calls ``finish(canvas)`` when every page is drawn
    (before ``base.save`` writes the file)."""

    class RecordingCanvas(base):
        structure_recorder = recorder

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("pdfVersion", (1, 7))  # PDF/UA-1 is built on PDF 1.7 (ISO 32000-1)
            super().__init__(*args, **kwargs)
            self._marked_depth = 0
            self._marked_runs: list[int] = []  # where each outermost marked sequence starts and ends

        def begin_marked(self, opening: str) -> None:
            code = rlcompat.page_code(self)
            if self._marked_depth == 0:
                self._marked_runs.append(len(code))
            self._marked_depth += 1
            code.append(opening)

        def end_marked(self) -> None:
            code = rlcompat.page_code(self)
            code.append("EMC")
            self._marked_depth -= 1
            if self._marked_depth == 0:
                self._marked_runs.append(len(code))

        def doForm(self, name):
            # Forms hold the page furniture: repeated on every page, read once.
            self.begin_marked("/Artifact <</Type /Pagination>> BDC")
            super().doForm(name)
            self.end_marked()

        def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1, **kwargs):
            recorder.link(self, "#" + destinationname)
            rlcompat.add_link(self, Rect, bool(relative), anchor=destinationname)

        def linkURL(self, url, rect, relative=0, **kwargs):
            recorder.link(self, url)
            rlcompat.add_link(self, rect, bool(relative), uri=url)

        def showPage(self):
            self._wrap_layout_artifacts()
            super().showPage()

        def _wrap_layout_artifacts(self) -> None:
            """Each run of operators outside marked content that paints something becomes ``/Artifact BMC … EMC``."""
            code = rlcompat.page_code(self)
            runs = self._marked_runs
            out: list[str] = []
            start = 0
            for i in range(0, len(runs), 2):
                _add_layout(code[start:runs[i]], out)
                out.extend(code[runs[i]:runs[i + 1]])
                start = runs[i + 1]
            _add_layout(code[start:], out)
            code[:] = out
            runs.clear()

        def before_save(self) -> None:
            super().before_save()
            finish(self)

    return RecordingCanvas


def _add_layout(run: list[str], out: list[str]) -> None:
    if run and _PAINTS.search(" ".join(run)):
        out.append("/Artifact BMC")
        out.extend(run)
        out.append("EMC")
    else:
        out.extend(run)
