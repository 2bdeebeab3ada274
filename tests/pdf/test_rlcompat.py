"""Every private ReportLab name Briefing uses (all in ``briefing.pdf.rlcompat``) exists on the installed ReportLab."""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable

from briefing.pdf import load_style, rlcompat
from briefing.pdf.fontset import FontSet


class _Probe(Flowable):
    """Records the frame ReportLab hands it while it is added."""

    def wrap(self, availWidth, availHeight):
        self.seen = rlcompat.frame_of(self)
        return availWidth, 10

    def draw(self):
        pass


def _objects() -> dict[str, object]:
    canvas = Canvas(io.BytesIO())
    fonts = FontSet(load_style(None), lambda: "")
    arabic = fonts.font_name("arabic", False, False)
    frame = Frame(0, 0, 200, 200)
    probe = _Probe()
    assert frame.add(probe, canvas)
    keep = KeepTogether([Paragraph("a", ParagraphStyle("p"))])
    keep.wrapOn(canvas, 100, 100)
    shaped = rlcompat.shape("سلام", arabic, 12)
    assert shaped is not None
    rlcompat.add_link(canvas, (0, 0, 10, 10), True, anchor="anchor")
    canvas.drawString(10, 10, "a page")
    canvas.showPage()
    page = rlcompat.pages(canvas._doc)[0]
    link, _ = rlcompat.annotation(canvas._doc, page, 0)
    assert isinstance(link, rlcompat.Link) and isinstance(canvas._doc, pdfdoc.PDFDocument)
    return {
        "PDFTextObject": canvas.beginText(0, 0),
        "Canvas": canvas,
        "TTFont": getFont(arabic),
        "pdfmetrics": pdfmetrics,
        "Frame": frame,
        "Flowable in a Frame": probe,
        "KeepTogether": keep,
        "ShapedStr": shaped[0],
        "PDFDocument": canvas._doc,
        "PDFPage": page,
    }


def test_every_private_name_exists_on_the_installed_reportlab():
    objects = _objects()
    assert set(objects) == set(rlcompat.PRIVATE_NAMES)
    for owner, names in rlcompat.PRIVATE_NAMES.items():
        obj = objects[owner]
        for name in names:
            if owner == "Flowable in a Frame":
                assert obj.seen is not None, "ReportLab no longer tells a flowable its frame"
                continue
            assert hasattr(obj, name), f"ReportLab's {owner} has no {name}: update briefing/pdf/rlcompat.py"


def test_frame_questions_answer_from_a_real_frame():
    canvas = Canvas(io.BytesIO())
    frame = Frame(0, 0, 200, 200)
    assert rlcompat.at_top(frame)
    assert frame.add(_Probe(), canvas)
    assert not rlcompat.at_top(frame)
    assert rlcompat.spaces_overlap(frame)
    assert rlcompat.page_size(canvas) == canvas._pagesize


def test_no_other_module_touches_reportlab_internals():
    package = Path(rlcompat.__file__).parent
    names = {name for names in rlcompat.PRIVATE_NAMES.values() for name in names}
    for module in package.glob("*.py"):
        if module.name == "rlcompat.py":
            continue
        code = module.read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"\.{name}\b", code), f"{module.name} reads ReportLab's {name}: go through rlcompat"


def test_kept_formatting_writes_what_reportlabs_own_formatting_writes():
    # Dictionaries and arrays of every kind of value ReportLab formats (names, text, numbers,
    # booleans, bytes, references, nested objects; more than 6 entries and 10 items, where
    # ReportLab breaks the line), formatted by ReportLab and again inside the save's formatting.
    doc = pdfdoc.PDFDocument()
    page = doc.Reference(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Page")}), "page")
    values = [pdfdoc.PDFName("Name"), pdfdoc.PDFString("text (with) \\ marks é"), 3, -2.5, 1e-7, 12345.678,
              True, b"raw", "plain", page, pdfdoc.PDFArray([1, 2.25, pdfdoc.PDFName("A b#")])]
    places = [pdfdoc.Destination(name) for name in ("xyz", "null", "fit")]
    places[0].xyz(56.69291, 785.1969, 0)
    places[1].xyz("null", 700, "null")
    places[2].fit()
    for place in places:
        place.setPage(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Page")}))
    values += places
    objects = [
        pdfdoc.PDFDictionary({f"K{i}": value for i, value in enumerate(values)} | {"Odd key/(x)": 0}),
        pdfdoc.PDFArray(values * 3),
        pdfdoc.PDFArray([]),
        # Numbers only (a font's /Widths), short and across ReportLab's line breaks, and with a
        # boolean among them (not a number there).
        *(pdfdoc.PDFArray([(-1) ** i * (i * 37 % 1000 + (i % 3) * 0.125) for i in range(n)])
          for n in (1, 9, 10, 11, 20, 21, 137)),
        pdfdoc.PDFArray([0, 1000, 556, -3, 1e-7, 12345.678, 2.0]),
        pdfdoc.PDFArray([1, 2, True, 3]),
        pdfdoc.PDFDictionary({}),
        pdfdoc.PDFDictionary({"Nested": pdfdoc.PDFDictionary({"Kids": pdfdoc.PDFArray(values)})}),
    ]
    link = rlcompat.Link((1, 2, 3.5, 4), places[0])
    library = [pdfdoc.format(obj, doc) for obj in objects] + [link.format(doc)]
    with rlcompat._kept_formatting():
        kept = [pdfdoc.format(obj, doc) for obj in objects] + [link.format(doc)]
        kept_again = [pdfdoc.format(obj, doc) for obj in objects] + [link.format(doc)]  # answers kept
    assert kept == library and kept_again == library
    assert pdfdoc.format is rlcompat._library_format  # put back after the save


# Text strings that take each of text_string's ways: printable ASCII with and without the escaped
# marks, ASCII controls (PDFDocEncoding has no code for 0x18-0x1F: those go to UTF-16), PDFDocEncoding's
# own non-ASCII (curly quotes, ellipsis, Latin-1), and text it cannot hold (CJK, Arabic, emoji).
_TEXTS = ["", "plain", "a (b) c \\ d", ")(", "\\", "tab\there", "line\nend", "\x18\x1f\x7f\x00", "caf\u00e9 \u00ff",
          "1. \u201cquote\u201d \u2026", "\u2018\u2019\u2013\u2014\u2022\u20ac", "\u4e2d\u6587", "\u0639\u0631\u0628\u064a",
          "\U0001f600 (x)", "mixed \u00e9\u4e2d\\(", "https://example.org/a?b=1&c=(2)", " lead and trail "]


@given(st.text(max_size=40) | st.sampled_from(_TEXTS))
@settings(max_examples=300, deadline=None)
def test_text_strings_are_written_as_reportlab_writes_them(text):
    doc = pdfdoc.PDFDocument()
    assert rlcompat.text_string(text, doc) == pdfdoc.PDFString(text).format(doc)
    with rlcompat._kept_formatting():  # inside the save, through the formatting of a dictionary
        kept = pdfdoc.PDFDictionary({"T": pdfdoc.PDFString(text)}).format(doc)
    assert kept == pdfdoc.PDFDictionary({"T": pdfdoc.PDFString(text)}).format(doc)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6) | st.integers(-10**6, 10**6),
                min_size=1, max_size=4))
def test_fp_str_of_several_numbers_is_theirs_joined_with_spaces(numbers):
    """Link rectangles and destinations write their numbers with one ``fp_str`` call."""
    assert rlcompat.fp_str(*numbers) == " ".join(rlcompat.fp_str(n) for n in numbers)


@given(st.lists(st.floats(-500, 500, allow_nan=False), min_size=4, max_size=4),
       st.sampled_from(["translate", "scale", "rotate", "skew", "none"]))
def test_link_boxes_land_where_reportlabs_abs_rect_puts_them(rect, transform):
    canvas = Canvas(io.BytesIO())
    canvas.translate(72.5, 700.25)
    if transform == "scale":
        canvas.scale(1.5, -0.75)
    elif transform == "rotate":
        canvas.rotate(33)
    elif transform == "skew":
        canvas.skew(10, 5)
    elif transform == "translate":
        canvas.translate(-3.125, 11)
    assert rlcompat._page_rect(canvas, tuple(rect), True) == canvas._absRect(tuple(rect), 1)
    assert rlcompat._page_rect(canvas, tuple(rect), False) == canvas._absRect(tuple(rect), 0)


def test_fill_colour_writes_what_set_fill_color_writes():
    # The style sheet's opaque colours take the short way; a transparent colour before them makes
    # the opaque one write its alpha back; CMYK, tuples and names are ReportLab's.
    from reportlab.lib.colors import CMYKColor, Color, HexColor

    colours = [HexColor("#123456"), Color(0.25, 0.5, 1), Color(1, 0, 0, alpha=0.5), HexColor("#aa0000"),
               CMYKColor(0.1, 0.2, 0.3, 0.4), (0.2, 0.4, 0.6), "red", Color(0, 0, 0, alpha=1.0), HexColor("#123456")]
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    ours_text, theirs_text = ours.beginText(1, 2), theirs.beginText(1, 2)
    for colour in colours:
        rlcompat.fill_colour(ours, colour)
        theirs.setFillColor(colour)
        rlcompat.fill_colour(ours_text, colour)
        theirs_text.setFillColor(colour)
        assert ours._fillColorObj == theirs._fillColorObj and ours_text._fillColorObj == theirs_text._fillColorObj
    ours.drawText(ours_text)
    theirs.drawText(theirs_text)
    assert ours._code == theirs._code
    assert any(" gs" in op for op in ours._code)  # the transparent colour and the opaque one after it
    assert ours._extgstate._d == theirs._extgstate._d
    assert ours._doc._pdfVersion == theirs._doc._pdfVersion
