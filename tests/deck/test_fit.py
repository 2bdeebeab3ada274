"""Text never overflows and nothing is dropped: long inputs shrink to the floor, then continue."""

from __future__ import annotations

import pytest
from deck_helpers import flat, long_brief, slide_texts, text_shapes, words_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.layout.flow import Para, TextFitter, frame_height
from briefing.deck.layout.metrics import metrics_for
from briefing.deck.style import load_style
from briefing.text import Span

FIXED_SMALL = {"Kicker", "Marking (top)", "Marking (bottom)", "Slide Number", "Axis label"}


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory):
    brief = long_brief()
    path = tmp_path_factory.mktemp("long") / "long.pptx"
    return brief, path, render_pptx(brief, None, path)


def test_every_word_of_every_field_reaches_the_slides(long_deck):
    brief, path, _ = long_deck
    shown = set(words_of(*slide_texts(path)))
    expected = words_of(brief.title, brief.subtitle, brief.bluf, brief.headline, brief.marking.upper())
    for finding in brief.findings:
        expected += words_of(finding.headline, finding.statement, *(e.quote for e in finding.evidence))
    for event in brief.timeline:
        expected += words_of(event.event)
    missing = [w for w in expected if w.strip("\u201c\u201d") not in {s.strip("\u201c\u201d\u2026") for s in shown}]
    assert not missing, missing[:10]


def test_long_findings_continue_on_cont_slides(long_deck):
    brief, path, result = long_deck
    assert result.continued == ("long", "huge-title")
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]
    later = [t for t in titles if t.startswith(brief.findings[0].headline) and t != brief.findings[0].headline]
    assert len(later) >= 2
    assert later == [f"{brief.findings[0].headline} ({n} of {len(later) + 1})" for n in range(2, len(later) + 2)]
    assert len(titles) == len(set(titles))  # every slide's title is its own (screen readers list slides by title)
    assert any("too long" in w for w in result.warnings)


def test_text_is_never_below_the_floor_and_boxes_never_overlap_or_leave_the_slide(long_deck):
    _, path, _ = long_deck
    prs = Presentation(str(path))
    floor = 14
    for number, slide in enumerate(prs.slides, start=1):
        shapes = list(text_shapes(slide.shapes))
        for shape in shapes:
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height, (number, shape.name)
            if shape.name in FIXED_SMALL:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:  # below the floor: only short bold labels (dates, "EVIDENCE")
                    assert run.font.size.pt >= floor or run.font.bold and len(run.text) < 40, (number, shape.name, run.text[:30])
        for i, a in enumerate(shapes):
            for b in shapes[i + 1 :]:
                overlap = (a.left < b.left + b.width and b.left < a.left + a.width
                           and a.top < b.top + b.height and b.top < a.top + a.height)
                assert not overlap, (number, a.name, b.name)


def test_each_text_box_is_tall_enough_for_its_text_set_at_its_size(long_deck):
    """Re-measure what was written (its faces, size, line pitch and spacing) in the box's width."""
    _, path, _ = long_deck
    style = load_style()
    typesetter = TextFitter(style, metrics_for(style))
    by_face = {(False, False): "body", (True, False): "index_mark", (False, True): "quote"}
    for slide in Presentation(str(path)).slides:
        for shape in text_shapes(slide.shapes):
            if shape.name == "Slide Number":
                continue
            points = 0.0
            paragraphs = shape.text_frame.paragraphs
            for i, paragraph in enumerate(paragraphs):
                spans = tuple(Span(r.text, by_face[(bool(r.font.bold), bool(r.font.italic))]) for r in paragraph.runs)
                block = typesetter.set(Para(spans, "body"), shape.width, size=paragraph.runs[0].font.size.pt)
                points += block.lines * paragraph.line_spacing.pt
                points += paragraph.space_before.pt if i else 0
                points += paragraph.space_after.pt if i < len(paragraphs) - 1 else 0
            assert points * 12700 <= shape.height + 12700, (shape.name, flat(shape.text_frame.text)[:40])


def test_a_short_brief_stays_at_full_size_on_one_slide_per_finding(tmp_path):
    from deck_helpers import make_brief, make_finding, make_summary

    brief = make_brief(make_summary([make_finding("a"), make_finding("b")]))
    result = render_pptx(brief, None, tmp_path / "short.pptx")
    assert result.continued == ()
    prs = Presentation(str(result.path))
    statement = next(s for s in prs.slides[2].shapes if s.has_text_frame and s.text_frame.text.startswith("A statement."))
    assert statement.text_frame.paragraphs[0].runs[0].font.size.pt == load_style().text("statement").size


words = st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=25),
                 min_size=0, max_size=80)


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(words, min_size=1, max_size=6), height=st.integers(min_value=300_000, max_value=3_000_000))
def test_pagination_keeps_every_character_in_order(paragraphs, height):
    style = load_style()
    typesetter = TextFitter(style, metrics_for(style))
    paras = [Para((Span(" ".join(ws), "quote"),), "quote") for ws in paragraphs]
    pages = typesetter.paginate(paras, 3_000_000, lambda _n: height)
    # A word longer than a line may break between characters (and slides), as renderers break it.
    written = "".join(block.para.text for page in pages for block in page).replace(" ", "")
    assert written == "".join(w for ws in paragraphs for w in ws)
    for page in pages[:-1]:
        assert frame_height(page) <= height or len(page) == 1 and page[0].lines == 1
