"""Decks open in LibreOffice: one PDF page per slide, and the rendered words never collide.

Runs when ``soffice`` is installed; in CI (``CI`` set) a missing ``soffice`` fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from deck_helpers import clustered_timeline, long_brief, make_brief, make_finding, make_summary
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.style import load_style

pytestmark = pytest.mark.render

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


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
    html = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[(*map(float, m.groups()[:4]), m.group(5)) for m in WORD.finditer(page)] for page in html.split("<page ")[1:]]


def test_every_slide_becomes_one_page(rendered):
    for deck, pdf in rendered.items():
        assert len(_pages(pdf)) == len(Presentation(str(deck)).slides), deck.name


def test_rendered_words_never_overlap_and_stay_out_of_the_marking_bands(rendered):
    for deck, pdf in rendered.items():
        prs = Presentation(str(deck))
        band = load_style().length("grid.band") / 12700  # the marking band, in points
        height = prs.slide_height / 12700
        for number, words in enumerate(_pages(pdf), start=1):
            boxes = []
            for x0, y0, x1, y1, text in words:
                inset = (y1 - y0) * 0.25  # glyph boxes include the line's leading; compare their cores
                boxes.append((x0 + 0.5, y0 + inset, x1 - 0.5, y1 - inset, text))
                middle = (y0 + y1) / 2
                if middle < band or middle > height - band:
                    assert text.isupper() or text.isdigit() or text in ("//", "\u00b7"), (deck.name, number, text)
            boxes.sort()
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    if b[0] >= a[2]:
                        break
                    assert not (a[1] < b[3] and b[1] < a[3]), (deck.name, number, a[4], b[4])
