"""A quote copied with its own quote marks is set in one pair of marks in the PDF, the deck and the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.formats.load import open_document
from briefing.pdf import render_pdf
from briefing.text import unquoted

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("written", "bare"), [
    ("\u201cwe will talk\u201d", "we will talk"),
    ("\u201ewir reden\u201c", "wir reden"),
    ("\u00abnous parlerons\u00bb", "nous parlerons"),
    ('"straight marks"', "straight marks"),
    ("no marks at all", "no marks at all"),
    ("\u201conly an opening mark", "\u201conly an opening mark"),
    ("\u201d", "\u201d"),
])
def test_unquoted_takes_off_one_enclosing_pair_only(written, bare):
    assert unquoted(written) == bare


@pytest.fixture
def quoted_summary(tmp_path: Path) -> Path:
    text = (REPO / "tests" / "data" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('{quote: "a verbatim passage", paragraph: 1}',
                        "{quote: \"\\u201ca passage with its own marks\\u201d\", paragraph: 1}")
    assert "own marks" in text
    path = tmp_path / "quoted.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_pdf_sets_one_pair_of_marks(quoted_summary, tmp_path):
    from pdf.pdf_helpers import all_text

    out = tmp_path / "quoted.pdf"
    render_pdf(open_document(quoted_summary).build(), None, out)
    text = all_text(out)
    assert "\u201ca passage with its own marks\u201d" in text
    assert "\u201c\u201c" not in text and "\u201d\u201d" not in text


def test_the_deck_sets_one_pair_of_marks(quoted_summary, tmp_path):
    out = tmp_path / "quoted.pptx"
    render_pptx(open_document(quoted_summary).build(), None, out)
    deck = Presentation(str(out))
    slide_text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    notes_text = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
    for text in (slide_text, notes_text):
        assert "\u201ca passage with its own marks\u201d" in text
        assert "\u201c\u201c" not in text and "\u201d\u201d" not in text
