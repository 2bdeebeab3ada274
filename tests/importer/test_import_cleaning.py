"""Scrape debris, repeats and pull quotes are dropped; the article itself is kept."""

from __future__ import annotations

import pytest

from briefing.importer.article import import_article
from briefing.importer.cleaning import debris_reason, drop_debris, drop_repeats

BODY = [
    "The finance ministry announced a new budget on Monday after weeks of negotiation with lenders.",
    "Officials said the plan would cut the deficit by two percentage points within three years.",
    "Critics argued that the cuts would fall hardest on provinces that already lack basic services.",
]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Screenshot 2025-08-05 133102", "screenshot caption"),
        ("Screen Shot 2024-01-02 at 10.11.12", "screenshot caption"),
        ("Image 1: Pakistan MFA via X", "image credit"),
        ("Photo: Reuters/Akhtar Soomro", "image credit"),
        ("Share this:", "share buttons"),
        ("Facebook Twitter LinkedIn", "share buttons"),
        ("Also Read: Trilaterals in Testing Times?", "read-more link"),
        ("Read more: The budget explained", "read-more link"),
        ("Views expressed are the author’s own and do not necessarily reflect the positions of X.", "disclaimer"),
        ("Disclaimer: this is an opinion piece.", "disclaimer"),
        ("***", "separator"),
        ("— — —", "separator"),
        ("© 2025 The Daily Example. All rights reserved.", "copyright line"),
        ("Advertisement", "advertisement"),
        ("In May, Pakistan, Afghanistan, and China met for a momentous…", "teaser"),
    ],
)
def test_debris_lines_are_named(line, reason):
    assert debris_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Pakistan Navigates Trump 2.0",
        "Share prices fell sharply after the announcement.",
        "Image matters in politics: leaders know it, and voters reward it.",
        "Is This Really a Reset?",
        "The ministry's statement does not necessarily reflect the army's view, officials said.",
        "Copyright law was amended in 2023 to cover digital works.",
    ],
)
def test_article_lines_are_kept(line):
    assert debris_reason(line) is None


def test_everything_after_related_articles_is_dropped():
    lines = [*BODY, "Related articles", "Teaser headline one", "Another story entirely worth reading today."]
    kept, dropped = drop_debris(lines)
    assert kept == BODY
    assert [d.text for d in dropped] == lines[3:]


def test_related_heading_at_the_top_does_not_swallow_the_article():
    kept, _ = drop_debris(["Related", *BODY])
    assert kept == BODY


def test_exact_repeats_and_pull_quotes_are_dropped_but_short_headings_stay():
    lines = [
        BODY[0],
        "Officials said the plan would cut the deficit",  # inside BODY[1], but BODY[1] comes later: kept
        BODY[1],
        "“Officials said the plan would cut the deficit by two percentage points”",  # quoted pull quote
        "the deficit",  # too short to be a pull quote: a heading-like fragment stays
        BODY[0],
        BODY[2],
    ]
    kept, dropped = drop_repeats(lines)
    assert kept == [BODY[0], lines[1], BODY[1], "the deficit", BODY[2]]
    assert [d.reason for d in dropped] == ["pull quote: contained in an earlier paragraph", "repeats an earlier paragraph"]


def test_repeats_compare_normalised_text():
    kept, dropped = drop_repeats(["He said \u201cno\u201d \u2014 twice, and left the room in anger.", 'He said "no" - twice,  and left the room in anger.'])
    assert len(kept) == 1 and len(dropped) == 1


def test_containment_needs_word_boundaries():
    first = "The budget restores allocations for primary schools across every district."
    part = "restores allocations for primary schools across every"
    kept, _ = drop_repeats([first, part + "where"])  # "everywhere" is not "every"
    assert len(kept) == 2


def test_made_up_scrape_is_cleaned_and_numbered(write_article):
    path = write_article(
        "\n".join(
            [
                "Screenshot 2024-11-02 091500",
                BODY[0],
                "Image 1: Ministry of Finance via X",
                BODY[1],
                "Also Read: What the budget means for you",
                "Officials said the plan would cut the deficit by two percentage points within three years.",
                "***",
                BODY[2],
                "Share this:",
                "Related articles",
                "Budget 2023: a look back…",
            ]
        )
    )
    article = import_article(path)
    assert article.paragraphs == tuple(BODY)
    assert article.numbered()[2] == (3, BODY[2])
    assert len(article.repeats) == 1
    assert {d.reason for d in article.debris} >= {"screenshot caption", "image credit", "read-more link", "separator", "share buttons"}
