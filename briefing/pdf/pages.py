"""Pages: the document template, "Page N of M", bookmarks and document metadata.

The page total is known only at the end. Each page draws a form (a PDF XObject)
named after its number where "Page N of M" goes, and the canvas fills the forms
in when the document is saved: one layout pass, not two. What every page
repeats (marking, running header and footer) is one form too, drawn once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from briefing.pdf import rlcompat
from briefing.pdf.keep import Keep
from briefing.pdf.stylesheet import StyleSheet

# (canvas, page number, page count) -> None: draws one page's "Page N of M" into its form.
PageNumberPainter = Callable[[Canvas, int, int], None]


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str


class Mark(Flowable):
    """Zero-size: a link target and, with a title, an entry in the PDF outline (bookmarks).

    It keeps with the flowable after it, so a heading's bookmark lands on the
    heading's page.
    """

    def __init__(self, key: str, title: str | None = None, level: int = 0):
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.keepWithNext = True
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):
        """``Flowable.drawOn`` (the same operators) without saving all of the canvas's state: naming a
        place and adding an outline entry change none of it."""
        rlcompat.draw_translated(canvas, self, self._hAlignAdjust(x, _sW), y)

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        if self.title is not None:
            self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)


def page_number_form(number: int) -> str:
    """The name of the form holding page ``number``'s "Page N of M"."""
    return f"PageNumber{number}"


def paged_canvas(painter: PageNumberPainter, box: tuple[float, float, float, float],
                 forms: dict[str, Callable[[Canvas], None]] | None = None):
    """A canvas class that fills in every page's "Page N of M" form once M is known.

    ``box`` (x0, y0, x1, y1) bounds what the painter draws around the form's origin.
    ``forms`` paints page-sized forms (what many pages repeat, drawn once), by name.
    """
    repeated = dict(forms or {})

    class PagedCanvas(Canvas):
        def showPage(self):
            super().showPage()
            rlcompat.compress_last_page(self)

        def save(self):
            width, height = rlcompat.page_size(self)
            for name, paint in repeated.items():
                self.beginForm(name, 0, 0, width, height)
                paint(self)
                self.endForm()
            total = self.getPageNumber() - 1
            for number in range(1, total + 1):
                self.beginForm(page_number_form(number), *box)
                painter(self, number, total)
                self.endForm()
            self.before_save()
            rlcompat.save(self)  # Canvas.save, streaming

        def before_save(self) -> None:
            """Every page and form is drawn, nothing written yet: the last moment to add to the document."""

    return PagedCanvas


def document(output, sheet: StyleSheet, meta: Metadata, first_page, later_pages, initial_font: str) -> BaseDocTemplate:
    """A document template with the sheet's page and margins; ``first_page`` and
    ``later_pages`` draw each page's decorations (marking, running header and footer).

    ``initial_font`` is an embedded font the canvas starts each page with: with one
    of ReportLab's built-in fonts it would open every page with an empty text object
    and add the font to the file.
    """
    width, height = sheet.page_size
    m = sheet.margins
    frame = Frame(m["left"], m["bottom"], width - m["left"] - m["right"], height - m["top"] - m["bottom"],
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    doc = BaseDocTemplate(
        output,
        pagesize=(width, height),
        leftMargin=m["left"],
        rightMargin=m["right"],
        topMargin=m["top"],
        bottomMargin=m["bottom"],
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords="; ".join(meta.keywords),
        creator=meta.creator,
        invariant=1,
        pageCompression=1,
        initialFontName=initial_font,
        keepTogetherClass=Keep,
    )
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[frame], onPage=first_page, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[frame], onPage=later_pages),
    ])
    return doc
