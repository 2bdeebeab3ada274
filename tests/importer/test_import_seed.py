"""The seed article: exactly the 20 paragraphs of the foundation issue, its dated events, a valid draft."""

from __future__ import annotations

import pytest

from briefing.formats.load import check
from briefing.importer.article import import_article
from tests.conftest import run_briefing

HEADINGS = {3: "America First and Trump 2.0’s Priorities", 7: "Pakistan Navigates Trump 2.0", 13: "Is This Really a Reset?"}


@pytest.fixture(scope="module")
def seed(request):
    return import_article(request.getfixturevalue("seed_article"))


def test_twenty_paragraphs_from_on_july_25_to_thus(seed):
    assert len(seed.paragraphs) == 20
    assert seed.paragraph(1).startswith("On July 25, Pakistani Deputy Prime Minister")
    assert seed.paragraph(20).startswith("Thus, this latest shift")
    for number, heading in HEADINGS.items():
        assert seed.paragraph(number) == heading


def test_debris_and_repeats_are_dropped(seed):
    text = "\n".join(seed.paragraphs)
    for debris in ("Screenshot", "Views expressed", "Also Read", "***", "Image 1:", "Image 2:", "Share this", "Related articles", "SAV Q&A", "momentous"):
        assert debris not in text
    assert [d.reason for d in seed.repeats] == ["pull quote: contained in an earlier paragraph"] * 2 + ["repeats an earlier paragraph"]
    assert len({p for p in seed.paragraphs}) == 20


def test_metadata_is_what_the_text_gives(seed):
    meta = seed.metadata
    assert meta.title is None and meta.published is None and meta.authors == ()  # the scrape has no headline or byline
    assert meta.publisher == "South Asian Voices, Stimson Center"  # from the disclaimer
    assert str(seed.reference) == "2025-08-05"  # the screenshot caption's date


def test_timeline_candidates_and_their_dates(seed):
    events = [(str(e.date), e.paragraph, " ".join(e.event.split()[:4])) for e in seed.timeline().events]
    assert events == [
        ("2024", 8, "During the 2024 U.S."),
        ("2025", 9, "This breakthrough was the"),  # "earlier this year"
        ("2025-01", 4, "Outlining American foreign policy"),
        ("2025-03", 9, "Pakistan’s first breakthrough with"),
        ("2025-04", 10, "In early April, Pakistan"),
        ("2025-04", 10, "Later that month, the"),
        ("2025-05", 1, "Furthermore, the Trump administration’s"),
        ("2025-05", 11, "When the conflict erupted"),
        ("2025-06", 1, "These high-level engagements followed"),
        ("2025-06", 12, "There is evidence from"),
        ("2025-07-25", 1, "On July 25, Pakistani"),
        ("2025-07-26", 1, "A day later, U.S."),
    ]


def test_the_draft_validates_with_warnings_only(seed_article, tmp_path):
    article = tmp_path / "seed.txt"
    article.write_bytes(seed_article.read_bytes())
    result = run_briefing("import", str(article))
    assert result.returncode == 0, result.stderr
    draft = tmp_path / "seed.yaml"
    diagnostics = check(draft)
    assert diagnostics and not any(d.is_error for d in diagnostics)
    messages = {d.message for d in diagnostics}
    assert "'headline' is still a placeholder; write it before exporting" in messages
    assert "no findings yet; exports will hold only the bottom line" in messages
    validated = run_briefing("validate", str(draft), "--source", str(article))
    assert validated.returncode == 0 and "all valid" in validated.stdout
