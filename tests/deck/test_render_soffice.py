"""Decks open in LibreOffice: one PDF page per slide, and the rendered words never collide.

Runs when ``soffice`` is installed; in CI (``CI`` set) a missing ``soffice`` fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from deck_helpers import clustered_timeline, long_brief, make_brief, make_finding, make_summary, overlapping_words, rendered_pages
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.style import load_style

pytestmark = pytest.mark.render



def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, example_deck):
    soffice = _tool("soffice")
    folder = tmp_path_factory.mktemp("soffice")
    long_deck = folder / "long.pptx"
    render_pptx(long_brief(), None, long_deck)
    clustered = folder / "clustered.pptx"  # 30 timeline events in clusters, with a long gap
    render_pptx(make_brief(make_summary([make_finding("f1")], timeline=clustered_timeline())), None, clustered)
    profile = (folder / "profile").as_uri()  # a private profile: other LibreOffice instances may be running
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         str(example_deck), str(long_deck), str(clustered)],
        check=True, capture_output=True, timeout=300,
    )
    return {deck: folder / f"{deck.stem}.pdf" for deck in (example_deck, long_deck, clustered)}


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    return [words for _, _, words in rendered_pages(pdf, _tool("pdftotext"))]


def test_every_slide_becomes_one_page(rendered):
    for deck, pdf in rendered.items():
        assert len(_pages(pdf)) == len(Presentation(str(deck)).slides), deck.name


def test_rendered_words_never_overlap_and_stay_out_of_the_marking_bands(rendered):
    for deck, pdf in rendered.items():
        prs = Presentation(str(deck))
        band = load_style().length("grid.band") / 12700  # the marking band, in points
        height = prs.slide_height / 12700
        for number, words in enumerate(_pages(pdf), start=1):
            for _, y0, _, y1, text in words:
                middle = (y0 + y1) / 2
                if middle < band or middle > height - band:
                    assert text.isupper() or text.isdigit() or text in ("//", "\u00b7"), (deck.name, number, text)
            assert overlapping_words(words) == [], (deck.name, number)
