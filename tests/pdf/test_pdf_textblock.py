"""The fast paths set text exactly as ReportLab would: same line breaks, same PDF text, same page layout."""

from __future__ import annotations

import io
import random
from xml.sax.saxutils import escape

import pytest
from pdf_helpers import page_texts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph

from briefing.formats.load import open_document
from briefing.pdf import load_style, pages, render_pdf, textblock
from briefing.pdf.fontset import FontSet
from briefing.pdf.keep import Keep
from briefing.pdf.pages import Mark
from briefing.pdf.textblock import Run, TextBlock
from briefing.pdf.typeset import Typesetter

WORDS = ("the", "reset", "Islamabad", "counter-terrorism", "a", "of", "minerals", "Washington’s", "U.S.–Pakistan",
         "(¶ 20)", "“quote”", "soft\u00adhyp\u00adhen\u00adated", "Ağaoğlu", "x" * 90, "·", "2025")


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    sheet = load_style(None)
    return Typesetter(sheet, FontSet(sheet, ""))


def texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60))) for _ in range(40)]


def block_lines(block: TextBlock) -> list[str]:
    return [" ".join("".join(t for _, t in w[2]).replace("\u00ad", "") for w in words) for _, words in block._lines]


def reportlab_lines(paragraph: Paragraph) -> list[str]:
    return [" ".join(str(w) for w in words) for _, words in paragraph.blPara.lines]


@pytest.mark.parametrize("style", ["body", "note", "finding_meta", "title"])
def test_lines_break_where_reportlab_breaks_them(typesetter, style):
    for text in texts(seed=len(style)):
        block = typesetter.paragraph(text, style, "test")
        assert len(block.runs) == 1  # one font: the case ReportLab sets as one fragment
        reference = Paragraph(escape(text), typesetter.styles[style])
        for width in (60, 180, 380):
            block.wrap(width, 10_000)
            reference.wrap(width, 10_000)
            assert block_lines(block) == reportlab_lines(reference), (text, width)
            assert block.height == reference.height


def test_a_word_wider_than_the_line_is_cut_at_the_edge(typesetter):
    block = typesetter.paragraph("before " + "y" * 400 + " after", "body", "test")
    block.wrap(200, 10_000)
    lines = block_lines(block)
    assert "".join(lines).replace(" ", "") == "before" + "y" * 400 + "after"
    for _, words in block._lines:  # as wide as the line at most (spaces may shrink by 5 %)
        gaps = sum(w[1] for w in words[1:])
        assert sum(w[0] for w in words) + gaps <= 200 + 0.05 * gaps + 1e-6


def test_a_soft_hyphen_is_not_drawn_but_may_break_a_word(typesetter):
    word = "soft\u00adhyp\u00adhen\u00adated"
    block = typesetter.paragraph(" ".join([word] * 12), "body", "test")
    block.wrap(150, 10_000)
    lines = block_lines(block)
    assert any(line.endswith("-") for line in lines)
    assert "".join(lines).replace(" ", "").replace("-", "") == "softhyphenated" * 12


def test_split_across_pages_keeps_every_line_once_without_widows(typesetter):
    block = typesetter.paragraph(" ".join(f"w{i}" for i in range(400)), "body", "test")
    block.wrap(300, 10_000)
    leading = typesetter.styles["body"].leading
    head, tail = block.split(300, leading * 5.5)
    assert len(head._lines) == 5 and block_lines(head) + block_lines(tail) == block_lines(block)
    lines = len(block._lines)
    assert block.split(300, leading * (lines - 0.5)) != [block]  # one line short: a widow...
    head, tail = block.split(300, leading * (lines - 0.5))
    assert len(tail._lines) == 2  # ...takes a second line with it
    assert block.split(300, leading * 1.5) == []  # an orphan: the whole block moves on


def test_text_operators_are_the_ones_reportlab_writes(typesetter, monkeypatch):
    """The cached encoding writes what ``PDFTextObject._textOut`` writes, byte for byte, also past the
    first 256 characters of a font (where ReportLab starts a second subset)."""
    many = "".join(chr(c) for c in range(0x100, 0x17F)) + "".join(chr(c) for c in range(0x391, 0x3A1))
    many += "".join(chr(c) for c in range(0x3A3, 0x3CA)) + "".join(chr(c) for c in range(0x400, 0x460))
    content = [f"Plain text {many[:40]}", many, f"{many} again, and “quotes” & <markup>"]

    def draw() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        y = 800
        for text in content:
            block = typesetter.paragraph(text, "body", "test")
            block.wrap(400, 10_000)
            block.drawOn(canvas, 50, y - block.height)
            y -= block.height + 10
        canvas.save()
        return buffer.getvalue()

    fast = draw()
    monkeypatch.setattr(textblock, "text_out", lambda tx, text, line_end=False: tx._textOut(text, line_end))
    assert draw() == fast


def test_mixed_runs_keep_their_fonts_and_links(typesetter, tmp_path):
    sheet = load_style(None)
    body = typesetter.styles["body"]
    bold = typesetter.fonts.font_name("sans", bold=True)
    runs = [Run("Label: ", bold, body.fontSize), Run("value text", body.fontName, body.fontSize),
            Run("3", body.fontName, 9, 5.5), Run(" see", body.fontName, body.fontSize,
                                                  colour=sheet.colours["link"], link="https://example.org/")]
    block = TextBlock(runs, body)
    block.wrap(400, 10_000)
    assert block_lines(block) == ["Label: value text3 see"]
    path = tmp_path / "runs.pdf"
    canvas = Canvas(str(path))
    block.drawOn(canvas, 50, 700)
    canvas.save()
    assert "Label: value text3 see" in page_texts(path)[0]
    assert b"/URI (https://example.org/)" in path.read_bytes()


def test_keep_lays_out_pages_as_keep_together_does(example_brief, tmp_path, monkeypatch):
    brief = open_document(example_brief).build()
    ours = render_pdf(brief, None, tmp_path / "keep.pdf")
    monkeypatch.setattr(pages, "Keep", KeepTogether)
    theirs = render_pdf(brief, None, tmp_path / "keeptogether.pdf")
    assert ours.pages == theirs.pages
    assert page_texts(ours.path) == page_texts(theirs.path)


def test_a_table_cell_splits_at_the_width_its_lines_were_wrapped_for(typesetter):
    """ReportLab's table wraps a cell at its content width but splits it at the column's full width;
    a block that did not fit must come back in two pieces of the lines the table measured (one piece
    made ReportLab's Table._splitCell fail with an IndexError)."""
    body = typesetter.styles["body"]
    block = TextBlock([Run("word " * 60, body.fontName, body.fontSize)], body)
    _, height = block.wrap(100, 10_000)
    lines = round(height / body.leading)
    assert lines > 4
    pieces = block.split(200, (lines - 1) * body.leading)  # wider than wrapped: the column's width
    assert len(pieces) == 2
    assert sum(piece.wrap(100, 10_000)[1] for piece in pieces) == pytest.approx(height)


def test_a_paragraph_draws_what_flowable_draw_on_draws_and_leaves_the_canvas_state_as_it_was(typesetter):
    # TextBlock.drawOn saves only the state its drawing changes (rlcompat.draw_translated): every
    # kind of paragraph must write ReportLab's operators and leave all of its state as it found it.
    from reportlab.lib.colors import HexColor
    from reportlab.platypus.flowables import Flowable

    from briefing.text import Span

    paragraphs = [
        typesetter.paragraph(texts(seed=7)[3], "body", "test"),
        typesetter.paragraph([Span("Judgment: ", bold=True), Span("likely " * 30), Span("1", superscript=True,
                              link="#note-1"), Span(",", superscript=True), Span("2", superscript=True,
                              link="https://example.org/a")], "body", "test"),
        typesetter.paragraph("a quoted passage (¶ 3) " * 6, "note", "test", number="12"),
        typesetter.paragraph(" ".join(texts(seed=3)[:3]), "body", "test", alignment=4),  # justified
        typesetter.paragraph("Page 3 of 9", "running", "test", alignment=2),
        TextBlock([Run("coloured ", typesetter.styles["body"].fontName, 10, colour=HexColor("#aa0000")),
                   Run("and not", typesetter.styles["body"].fontName, 10)], typesetter.styles["body"]),
        # A group kept together and a bookmark draw the same way (Keep.drawOn, Mark.drawOn): what
        # they hold puts back its own state; the link boxes and the bookmark's place need the translation.
        Keep([Mark("kept", "A kept heading", 0),
              typesetter.paragraph([Span("see "), Span("note 4", link="#note-4"), Span(" and "),
                                    Span("the source", link="https://example.org/b")], "body", "test"),
              HRFlowable(width="50%", thickness=2, color=HexColor("#00aa00")),
              Keep([typesetter.paragraph("inner " * 20, "note", "test", number="3")])]),
        Mark("alone", "A bookmark on its own", 1),
    ]
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    for canvas in (ours, theirs):
        canvas.setFillColor(HexColor("#123456"))
        canvas.translate(15, 25)
    for paragraph in paragraphs:
        paragraph.wrapOn(ours, 240, 10_000)
        before = {name: ours.__dict__[name] for name in ours.STATE_ATTRIBUTES}
        paragraph.drawOn(ours, 30, 400, _sW=20)
        Flowable.drawOn(paragraph, theirs, 30, 400, _sW=20)
        assert {name: ours.__dict__[name] for name in ours.STATE_ATTRIBUTES} == before
        assert ours._code == theirs._code
        assert ours._extgstate._d == theirs._extgstate._d
    assert _annotation_rects(ours) == _annotation_rects(theirs) != []
    assert _bookmarks(ours) == _bookmarks(theirs) != []


def _annotation_rects(canvas) -> list:
    return [(type(obj).__name__, obj.Rect) for obj in canvas._doc.idToObject.values() if hasattr(obj, "Rect")]


def _bookmarks(canvas) -> list:
    """The places bookmarks name (those links go to and that are never named stay unresolved)."""
    return [(name, destination.fmt.format(canvas._doc)) for name, destination in canvas._destinations.items()
            if destination.fmt is not None]


@pytest.mark.parametrize("width", [150, 220, 330])
def test_link_boxes_cover_their_text_on_whichever_line_it_falls(typesetter, width):
    # Widths are measured only on lines that hold a linked run (they only place link boxes): every
    # box must still start and end where its text does, whichever line the links fall on, after a
    # bold label, at a line's start or end, inside a word ("filler3"), with plain lines between.
    from briefing.pdf.textblock import text_width
    from briefing.text import Span

    spans = [Span("lead words in plain text " * 5), Span("Label: ", bold=True),
             Span("the first link", link="https://example.org/a"), Span(" filler" * 14),
             Span("3", superscript=True, link="#note-3"), Span(",", superscript=True),
             Span("4", superscript=True, link="#note-4"), Span(" and " * 9), Span("a last link", link="#end")]
    block = typesetter.paragraph(spans, "body", "test")
    block.wrap(width, 10_000)
    drawn: list[tuple] = []  # the boxes the block asks for, in its own space

    class Recording(Canvas):
        def linkRect(self, contents, destinationname, Rect=None, **kwargs):
            drawn.append(Rect)

        def linkURL(self, url, rect, **kwargs):
            drawn.append(rect)

    block.drawOn(Recording(io.BytesIO()), 0, 0)
    runs, style = block.runs, block.style
    expected: list[list[float]] = []  # [x0, x1, line] of each linked stretch, measured line by line
    for line, (_, words) in enumerate(block._lines):
        x, last = 0.0, None  # ``last``: the run the previous piece or space was in
        for k, (_, gap, pieces, _, gap_run) in enumerate(words):
            stretch = [(gap_run, gap)] if k else []
            stretch += [(index, text_width(text, runs[index].font, runs[index].size)) for index, text in pieces]
            for index, w in stretch:
                if runs[index].link:
                    if last == index and expected and expected[-1][2] == line:
                        expected[-1][1] = x + w
                    else:
                        expected.append([x, x + w, line])
                x, last = x + w, index
    assert len(drawn) == len(expected) >= 4
    assert len({line for _, _, line in expected}) >= 2  # links on more than one line
    for (x0, _, x1, _), (want0, want1, _) in zip(drawn, expected):
        assert (x0, x1) == (pytest.approx(style.leftIndent + want0, abs=1e-6),
                            pytest.approx(style.leftIndent + want1, abs=1e-6))
