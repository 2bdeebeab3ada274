"""Deck typography read back from exported decks: the statement never smaller than its evidence,
a bottom line of about 60 words a slide at full size, no orphaned lines and full-width
continuation slides, control characters as spaces or line breaks, a legible labelled badge."""

from __future__ import annotations

import re

import pytest
from deck_helpers import WORDS, make_brief, make_finding, make_summary, sentence, words_of
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from briefing.deck import render_pptx
from briefing.deck.layout.flow import TextFitter, para
from briefing.deck.layout.metrics import metrics_for
from briefing.deck.style import EMU_PER_POINT, load_style
from briefing.pdf.render import render_pdf
from briefing.text import clean

STYLE = load_style()


def _shape(slide, name):
    return next((s for s in slide.shapes if s.name == name), None)


def _sizes(shape) -> list[float]:
    return [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs if run.text.strip()]


@pytest.mark.parametrize("words", [90, 130, 400])
def test_the_statement_is_never_set_smaller_than_its_evidence(tmp_path, words):
    finding = make_finding("a", statement=sentence(words), quotes=("A short quote.", "Another short quote."))
    result = render_pptx(make_brief(make_summary([finding])), None, tmp_path / "deck.pptx")
    prs = Presentation(str(result.path))
    first = prs.slides[2]
    statement, evidence = _shape(first, "Text 1"), _shape(first, "Text 2")
    label = STYLE.word("evidence").upper()
    quote_sizes = [run.font.size.pt for p in evidence.text_frame.paragraphs for run in p.runs
                   if run.text.strip() and run.text.strip().upper() != label]
    assert quote_sizes
    assert min(_sizes(statement)) >= max(quote_sizes), (words, _sizes(statement)[:1], quote_sizes)


def _bottom_line_slides(prs, headline):
    return [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text.startswith(headline)]


def test_a_long_bottom_line_continues_at_full_size_about_60_words_a_slide(tmp_path):
    bluf = sentence(150, seed=3)
    headline = "A headline that states the claim of the summary"
    brief = make_brief(make_summary([make_finding("a", key=True)], bluf=bluf, headline=headline))
    prs = Presentation(str(render_pptx(brief, None, tmp_path / "deck.pptx").path))
    slides = _bottom_line_slides(prs, headline)
    assert len(slides) == 3
    assert [s.shapes.title.text_frame.text for s in slides[1:]] == [f"{headline} (2 of 3)", f"{headline} (3 of 3)"]
    shown: list[str] = []
    for slide in slides:
        text = _shape(slide, "Text 1")
        words = words_of(text.text_frame.text)
        assert 2 <= len(words) <= 72, len(words)  # about 60: the last line may carry a few more
        assert set(_sizes(text)) == {STYLE.text("body").size}  # never shrunk
        shown += words
    assert shown == bluf.split()


def test_a_bottom_line_of_60_words_stays_on_one_slide_at_full_size(tmp_path):
    bluf = " ".join((WORDS * 3)[:60])  # words of ordinary length
    brief = make_brief(make_summary([make_finding("a", key=True)], bluf=bluf))
    prs = Presentation(str(render_pptx(brief, None, tmp_path / "deck.pptx").path))
    (slide,) = _bottom_line_slides(prs, brief.headline)
    assert set(_sizes(_shape(slide, "Text 1"))) == {STYLE.text("body").size}


def test_continuation_slides_use_the_full_width_and_carry_no_orphaned_line(tmp_path):
    findings = [make_finding(f"f{n}", statement=sentence(n, seed=n), quotes=(sentence(40, seed=n + 1),))
                for n in range(300, 420, 7)]
    prs = Presentation(str(render_pptx(make_brief(make_summary(findings)), None, tmp_path / "deck.pptx").path))
    first_width = None
    later = 0
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if re.search(r"\(1 of \d+\)$", title) or not re.search(r"\(\d+ of \d+\)$", title):
            statement = _shape(slide, "Text 1")
            if statement is not None and _shape(slide, "Text 2") is not None:
                first_width = first_width or statement.width
            continue
        if title.startswith("A headline that states"):
            continue
        later += 1
        shapes = [s for s in slide.shapes if s.name.startswith("Text ")]
        assert len(shapes) == 1, [s.name for s in shapes]
        (text,) = shapes
        assert text.width > 2 * first_width  # the whole body, not the statement's 40 % column
        pitch = max(p.line_spacing.pt for p in text.text_frame.paragraphs if p.line_spacing is not None)
        assert Emu(text.height).pt >= 1.9 * pitch, title  # at least two lines
    assert later >= 5


def test_a_split_paragraph_never_leaves_one_line_alone_on_the_next_frame():
    fitter = TextFitter(STYLE, metrics_for(STYLE, None, None))
    width = 4_000_000
    for n in range(60, 160, 3):
        block = fitter.set(para(sentence(n), "statement"), width, size=14)
        for room in range(3, block.lines):
            height = round(room * block.pitch * EMU_PER_POINT) + 1
            frames = fitter.paginate([para(sentence(n), "statement")], width, lambda k: height)
            assert all(sum(b.lines for b in frame) >= 2 for frame in frames[1:]), (n, room)
            assert " ".join(b.para.text for f in frames for b in f).split() == sentence(n).split()


def test_the_last_frame_never_holds_one_short_paragraph_alone():
    fitter = TextFitter(STYLE, metrics_for(STYLE, None, None))
    width = 4_000_000
    paras = [para(sentence(n, seed=n), "statement") for n in (9, 14, 9, 14, 9, 14, 4)]
    pitch = fitter.set(paras[0], width, size=14).pitch
    for lines in range(6, 16):  # frames of a few paragraphs (a frame of one 2-line paragraph has none to give)
        height = round(lines * pitch * EMU_PER_POINT) + 1
        frames = fitter.paginate(paras, width, lambda k: height)
        if len(frames) > 1:
            assert sum(b.lines for b in frames[-1]) >= 2, lines
        assert " ".join(b.para.text for f in frames for b in f).split() == " ".join(p.text for p in paras).split()


CONTROLS = "a\x0bb\x0cc\x07d\x1be\x00f\x85g\x9bh\x7fi"


def test_control_characters_are_line_breaks_or_spaces_never_replacement_marks():
    assert clean(CONTROLS) == "a\nb\nc d e f\ng h i"
    assert clean("lone \ud800 surrogate") == "lone \ufffd surrogate"  # not a control: still marked


def test_control_characters_in_deck_and_pdf_never_show_as_replacement_marks(tmp_path):
    finding = make_finding("a", title=f"Title {CONTROLS}", statement=f"Statement {CONTROLS}", quotes=(f"Quote {CONTROLS}",))
    brief = make_brief(make_summary([finding], bluf=f"Bottom {CONTROLS}"))
    prs = Presentation(str(render_pptx(brief, None, tmp_path / "deck.pptx").path))
    texts = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame]
    assert not any("\ufffd" in t for t in texts)
    assert prs.slides[2].shapes.title.text_frame.text == "Title a b c d e f g h i"
    statement = _shape(prs.slides[2], "Text 1").text_frame
    assert [p.text for p in statement.paragraphs][:4] == ["Statement a", "b", "c d e f", "g h i"]
    pdf = render_pdf(brief, None, tmp_path / "brief.pdf").path
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    assert "\ufffd" not in text and "Statement a" in text


def test_the_likelihood_scale_is_labelled_and_legible(tmp_path):
    finding = make_finding("a", likelihood="likely", confidence="high")
    prs = Presentation(str(render_pptx(make_brief(make_summary([finding])), None, tmp_path / "deck.pptx").path))
    (badge,) = [s for s in prs.slides[2].shapes if s.name == "Judgment badge"]
    words = {s.name: s for s in badge.shapes if s.has_text_frame and s.text_frame.text}
    likelihood = words["Likelihood words"]
    assert likelihood.text_frame.text == "Likely (55\u201380%) likelihood"
    assert min(_sizes(likelihood) + _sizes(words["Confidence words"])) >= 12
    steps = [s for s in badge.shapes if s.name.startswith("Likelihood step")]
    assert len(steps) == 7 and min(Emu(s.width).inches for s in steps) >= 0.14


def test_a_paragraph_continued_over_slides_stays_one_paragraph_on_each(tmp_path):
    finding = make_finding("a", statement=sentence(900, seed=1), quotes=(sentence(500, seed=2),))
    prs = Presentation(str(render_pptx(make_brief(make_summary([finding])), None, tmp_path / "deck.pptx").path))
    later = [s for s in prs.slides if s.shapes.title is not None and re.search(r"\((\d+) of \d+\)$", s.shapes.title.text_frame.text)]
    assert len(later) >= 3
    for slide in later:
        paragraphs = [p.text for s in slide.shapes if s.name.startswith("Text ") for p in s.text_frame.paragraphs]
        for seed in (1, 2):
            assert sum(bool(re.match(rf"\S+{seed}x\d+ ", p)) for p in paragraphs) <= 1, paragraphs


def test_a_removed_control_character_leaves_one_space_not_two():
    assert clean("end.\x07 Next") == "end. Next" and clean("a \x00 b") == "a b" and clean("a\x00\x1bb") == "a b"
    assert clean("\x07Title\x07") == "Title" and clean("line \x0b next") == "line\nnext" and clean("a \x07\nb") == "a\nb"
    assert clean("the writer's  two spaces\tand a tab") == "the writer's  two spaces\tand a tab"  # no control: as written


def test_deck_and_pdf_set_one_space_where_a_control_character_was(tmp_path):
    """Through the loader, as a user's file arrives: escaped controls between words, beside spaces."""
    from briefing.formats.load import open_document

    path = tmp_path / "controls.yaml"
    path.write_text(
        "format: summary/1\nsource: {title: T}\nheadline: H\nbluf: B\n"
        'findings:\n  - id: f1\n    title: "Title\\a here"\n    statement: "Gone.\\x07 Next \\x1b word\\x7f end"\n'
        '    evidence: [{quote: "plain words", paragraph: 1}]\n',
        encoding="utf-8",
    )
    brief = open_document(path).build()
    deck = Presentation(str(render_pptx(brief, None, tmp_path / "deck.pptx").path))
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert "Title here" in texts and any("Gone. Next word end" in t for t in texts)
    assert not any("  " in t for t in texts)
    pdf = render_pdf(brief, None, tmp_path / "brief.pdf").path
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    assert "Gone. Next word end" in text and "Title here" in text and "  " not in text
