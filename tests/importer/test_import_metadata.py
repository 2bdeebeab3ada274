"""Title, byline, dateline and publisher are taken only where the text states them."""

from __future__ import annotations

import pytest

from briefing.dates import PartialDate
from briefing.importer.article import import_article
from briefing.importer.metadata import Metadata, authors_from, dateline_date, from_debris, split_front

BODY = "The finance ministry announced a new budget on Monday after weeks of negotiation with lenders."


def test_headline_byline_and_dateline_are_taken_off_the_top():
    lines = ["Budget Day: What Changes", "By Jane Doe and Ali Khan | June 10, 2025 | 4 min read", BODY, "More text."]
    found, body = split_front(lines, Metadata())
    assert found.title == "Budget Day: What Changes"
    assert found.authors == ("Jane Doe", "Ali Khan")
    assert found.published == PartialDate(2025, 6, 10)
    assert body == [BODY, "More text."]


def test_a_first_line_that_is_a_sentence_is_not_a_title():
    found, body = split_front([BODY, "Second paragraph."], Metadata())
    assert found.title is None
    assert body == [BODY, "Second paragraph."]


def test_published_wins_over_updated():
    lines = ["Updated: 12 June 2025", "Published 10 Jun. 2025 at 09:30 PKT", BODY]
    found, body = split_front(lines, Metadata(title="Known"))
    assert found.published == PartialDate(2025, 6, 10)
    assert body == [BODY]


def test_the_known_title_repeated_on_top_is_not_a_paragraph():
    found, body = split_front(["Budget Day", BODY], Metadata(title="Budget Day"))
    assert found.title == "Budget Day" and body == [BODY]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("July 25, 2025", PartialDate(2025, 7, 25)),
        ("Published: 5 August 2025", PartialDate(2025, 8, 5)),
        ("2025-08-05", PartialDate(2025, 8, 5)),
        ("Tue, Sept. 9, 2025 10:00 AM EST", PartialDate(2025, 9, 9)),
        ("August 2025", PartialDate(2025, 8)),
        ("The end of it all, July 25, 2025", None),
        ("February 30, 2025", None),
    ],
)
def test_dateline_dates(text, expected):
    assert dateline_date(text) == expected


def test_names_only_make_authors():
    assert authors_from("Jane Doe, Ali Khan, and Li Wei") == ("Jane Doe", "Ali Khan", "Li Wei")
    assert authors_from("our staff in the capital") == ()


def test_publisher_from_disclaimer_and_capture_date_from_screenshot():
    found = from_debris(
        [
            "Screenshot 2025-08-05 133102",
            "Views expressed are the author’s own and do not necessarily reflect the positions of South Asian Voices, the Stimson Center, or our supporters.",
        ]
    )
    assert found.publisher == "South Asian Voices, Stimson Center"
    assert found.captured == PartialDate(2025, 8, 5)
    assert found.published is None  # a capture date is not a publication date


def test_publisher_from_copyright_line():
    assert from_debris(["© 2025 The Daily Example. All rights reserved."]).publisher == "The Daily Example"


def test_nothing_is_invented(write_article):
    article = import_article(write_article(f"{BODY}\nSecond paragraph of the story, also a sentence.\n"))
    assert article.metadata == Metadata()
    assert article.reference is None


def test_reference_date_prefers_given_then_published_then_capture(write_article):
    path = write_article(f"Screenshot 2025-08-05 133102\nPublished July 30, 2025\n{BODY}\n")
    assert import_article(path).reference == PartialDate(2025, 7, 30)
    assert import_article(path, date="2024-01").reference == PartialDate(2024, 1)
    captured_only = write_article(f"Screenshot 2025-08-05 133102\n{BODY}\n", name="b.txt")
    article = import_article(captured_only)
    assert article.reference == PartialDate(2025, 8, 5)
    assert "screenshot caption" in article.reference_basis
