"""Renders report how far they have got (``briefing.steps``), for the app's export progress bar."""

from __future__ import annotations

import pytest

from briefing.deck import render_pptx
from briefing.formats.load import open_document
from briefing.pdf.render import render_pdf
from briefing.steps import reporting


@pytest.fixture(scope="module")
def brief(example_brief):
    return open_document(example_brief).build()


def _steps(render) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    with reporting(lambda done, total: seen.append((done, total))):
        render()
    return seen


def test_the_deck_reports_each_findings_slides_and_the_file_written(brief, tmp_path):
    seen = _steps(lambda: render_pptx(brief, None, tmp_path / "deck.pptx"))
    total = len(brief.findings) + 3
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_the_pdf_reports_each_finding_drawn_then_the_finished_file(brief, tmp_path):
    seen = _steps(lambda: render_pdf(brief, None, tmp_path / "brief.pdf"))
    drawing, last = seen[:-1], seen[-1]
    assert len(drawing) > len(brief.findings) and last == (1, 1)
    shares = [done / total for done, total in drawing]
    assert shares == sorted(shares) and all(share < 1 for share in shares)


def test_without_a_listener_nothing_is_reported_and_the_output_is_the_same(brief, tmp_path):
    render_pptx(brief, None, tmp_path / "quiet.pptx")
    _steps(lambda: render_pptx(brief, None, tmp_path / "heard.pptx"))
    assert (tmp_path / "quiet.pptx").read_bytes() == (tmp_path / "heard.pptx").read_bytes()
    render_pdf(brief, None, tmp_path / "quiet.pdf")
    _steps(lambda: render_pdf(brief, None, tmp_path / "heard.pdf"))
    assert (tmp_path / "quiet.pdf").read_bytes() == (tmp_path / "heard.pdf").read_bytes()
