"""Properties of every valid document, checked on generated summaries and briefs (Hypothesis):

* ``validate`` accepts them (warnings at most);
* both exporters write them;
* every finding's headline and statement reaches both outputs;
* exporting again gives the same bytes.

How text is compared: the deck is read back with python-pptx and compared with
whitespace folded, for every script. The PDF is read back with pypdf and
compared with whitespace removed, only for texts written wholly in left-to-right
scripts the PDF's fonts cover (Latin, Greek, Cyrillic, CJK): right-to-left text
is stored shaped (Arabic presentation forms) and in visual order, and a
character no font covers is drawn as a missing glyph, so neither can be found
character for character in extracted text. Those texts are still rendered in
every example; the PDF exporter's own tests check them by other means
(tests/pdf/test_pdf_bidi.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from document_strategies import briefs, pdf_checkable, summaries
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pdfua_check import check_accessible
from pptx import Presentation
from pypdf import PdfReader

from briefing.deck import render_pptx
from briefing.formats.load import check, open_document
from briefing.formats.yamlwrite import dump_yaml
from briefing.pdf import render_pdf

EXPORTS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The exporters place dates over the whole calendar, year 1 to 9999, as validation accepts them.
EXPORT_YEARS = (1, 9999)


def write(folder: Path, summary: dict, brief: dict | None = None) -> tuple[Path, Path | None]:
    summary_path = folder / "summary.yaml"
    summary_path.write_text(dump_yaml(summary), encoding="utf-8")
    brief_path = None
    if brief is not None:
        brief_path = folder / "summary.brief.yaml"
        brief_path.write_text(dump_yaml(brief), encoding="utf-8")
    return summary_path, brief_path


def fold(text: str) -> str:
    return " ".join(text.split())


def deck_text(path: Path) -> str:
    """Every slide's text, groups opened, and the speaker notes, whitespace folded."""

    def shapes_text(shapes):
        for shape in shapes:
            if shape.shape_type == 6:  # a group
                yield from shapes_text(shape.shapes)
            elif shape.has_text_frame:
                yield shape.text_frame.text

    prs = Presentation(str(path))
    parts = [t for slide in prs.slides for t in shapes_text(slide.shapes)]
    parts += [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    return fold("\n".join(parts))


def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def export_twice_and_compare(source: Path, folder: Path) -> tuple[str, str]:
    """Export ``source`` to both formats twice; the two runs must give the same bytes. Returns the texts."""
    brief = open_document(source).build()
    outputs = {}
    for run in ("first", "second"):
        deck = render_pptx(brief, None, folder / f"{run}.pptx")
        pdf = render_pdf(brief, None, folder / f"{run}.pdf")
        assert deck.pages >= 1 and pdf.pages >= 1
        check_accessible(folder / f"{run}.pdf")
        outputs[run] = ((folder / f"{run}.pptx").read_bytes(), (folder / f"{run}.pdf").read_bytes())
    assert outputs["first"][0] == outputs["second"][0], "the deck differs on a second export"
    assert outputs["first"][1] == outputs["second"][1], "the PDF differs on a second export"
    return deck_text(folder / "first.pptx"), pdf_text(folder / "first.pdf")


def assert_reaches_both(texts: list[str], deck: str, pdf: str) -> None:
    checked = 0
    for text in texts:
        assert fold(text) in deck, text
        if pdf_checkable(text):
            assert "".join(text.split()) in pdf, text
            checked += 1
    event(f"texts checked in the PDF: {'all' if checked == len(texts) else 'some' if checked else 'none'}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_validate_accepts_every_generated_summary_and_brief(data):
    summary = data.draw(summaries(), label="summary")
    brief = data.draw(briefs(summary), label="brief")
    with tempfile.TemporaryDirectory() as folder:
        summary_path, brief_path = write(Path(folder), summary, brief)
        for path in (summary_path, brief_path):
            assert [str(d) for d in check(path) if d.is_error] == []
        document = open_document(brief_path)
        assert [f.id for f in document.build().findings] == [s["id"] for s in brief["findings"]]


@EXPORTS
@given(summaries(years=EXPORT_YEARS))
def test_a_summary_exports_every_finding_literally_and_the_same_bytes_twice(summary):
    with tempfile.TemporaryDirectory() as folder:
        summary_path, _ = write(Path(folder), summary)
        deck, pdf = export_twice_and_compare(summary_path, Path(folder))
    assert_reaches_both([t for f in summary["findings"] for t in (f["title"], f["statement"])], deck, pdf)


@EXPORTS
@given(st.data())
def test_a_brief_exports_its_selection_literally_and_the_same_bytes_twice(data):
    summary = data.draw(summaries(years=EXPORT_YEARS), label="summary")
    brief = data.draw(briefs(summary, years=EXPORT_YEARS), label="brief")
    findings = {f["id"]: f for f in summary["findings"]}
    with tempfile.TemporaryDirectory() as folder:
        _, brief_path = write(Path(folder), summary, brief)
        deck, pdf = export_twice_and_compare(brief_path, Path(folder))
    texts = [brief["title"]]
    for item in brief["findings"]:
        texts += [item.get("title") or findings[item["id"]]["title"], findings[item["id"]]["statement"]]
    assert_reaches_both(texts, deck, pdf)


@pytest.mark.parametrize("date", ["0001-01", "0001-01-01", "0001", "9999-12-31", "9999-12", "9999"])
def test_a_timeline_at_the_ends_of_the_calendar_exports(tmp_path, date):
    summary = {"format": "summary/1", "source": {"title": "T"}, "headline": "H", "bluf": "B",
               "findings": [{"id": "f1", "title": "T", "statement": "S"}], "timeline": [{"date": date, "event": "E"}]}
    path, _ = write(tmp_path, summary)
    assert not [d for d in check(path) if d.is_error]
    export_twice_and_compare(path, tmp_path)
