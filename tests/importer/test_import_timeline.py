"""Dated sentences become timeline candidates, with years resolved against the article's date."""

from __future__ import annotations

import pytest

from briefing.dates import PartialDate
from briefing.importer.timeline import split_sentences, timeline_candidates

AUG_2025 = PartialDate(2025, 8, 5)


def dates(text: str, reference: PartialDate | None = AUG_2025) -> list[str]:
    return [str(event.date) for event in timeline_candidates([text], reference).events]


@pytest.mark.parametrize(
    "sentence, reference, expected",
    [
        ("In early April, Pakistan courted investors.", PartialDate(2025, 8, 5), "2025-04"),
        ("In early April, Pakistan courted investors.", PartialDate(2025), "2025-04"),
        ("Talks stalled in December.", PartialDate(2026, 1, 15), "2025-12"),
        ("Talks stalled in December.", PartialDate(2026, 1), "2025-12"),
        ("The summit will take place in December.", PartialDate(2025, 8, 5), "2025-12"),
        ("The summit is scheduled for next March.", PartialDate(2025, 8, 5), "2026-03"),
        ("Ministers met last August.", PartialDate(2025, 8, 5), "2024-08"),
        ("Ministers met in August.", PartialDate(2025, 8, 5), "2025-08"),
        ("On July 25, the ministers met.", PartialDate(2025, 8, 5), "2025-07-25"),
        ("On August 20, the ministers met.", PartialDate(2025, 8, 5), "2024-08-20"),
        ("On July 25, 2019, the ministers met.", PartialDate(2025, 8, 5), "2019-07-25"),
        ("They met on 3 March 2021 in Doha.", None, "2021-03-03"),
        ("Relations cooled in March 2020.", None, "2020-03"),
        ("During the 2024 election campaign, hopes rose.", None, "2024"),
        ("Prices rose since mid-May.", PartialDate(2025, 8, 5), "2025-05"),
        ("Earlier this year, the chiefs met.", PartialDate(2025, 8, 5), "2025"),
        ("Last month, the chiefs met.", PartialDate(2025, 1, 5), "2024-12"),
    ],
)
def test_dates_are_resolved(sentence, reference, expected):
    assert dates(sentence, reference) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "This shift may not be a reset.",  # the modal verb is not a month
        "The May conflict showed a careful balancing act.",  # a month without a preposition
        "It may in may be so.",
        "They sent 1500 troops.",
        "In the past decade and a half, ties ebbed.",
    ],
)
def test_undated_sentences_are_not_candidates(sentence):
    assert dates(sentence) == []


def test_steps_follow_the_sentence_before():
    text = "On July 25, Dar met Rubio. A day later, Kurilla was in Pakistan. Later that month, a deal was signed."
    assert dates(text) == ["2025-07", "2025-07-25", "2025-07-26"]  # sorted: a month sorts before its days
    assert dates("On July 25, Dar met Rubio. The following week, talks resumed.") == ["2025-07-25", "2025-08-01"]


def test_a_day_later_crosses_month_and_year_ends():
    assert dates("On December 31, 2024, they met. A day later, they signed.") == ["2024-12-31", "2025-01-01"]


def test_steps_without_a_dated_sentence_before_are_left_out():
    assert dates("A day later, they signed. Later that month, they met.") == []


def test_without_a_reference_year_less_dates_are_left_out_and_counted():
    timeline = timeline_candidates(["In March, they met. In 2019, they quarrelled. On July 25, they talked."], None)
    assert [str(e.date) for e in timeline.events] == ["2019"]
    assert timeline.undated == 2


def test_candidates_are_sorted_by_date_and_keep_their_paragraph():
    timeline = timeline_candidates(["In June, B happened.", "In March, A happened. In June, C happened."], AUG_2025)
    assert [(str(e.date), e.paragraph, e.event) for e in timeline.events] == [
        ("2025-03", 2, "In March, A happened."),
        ("2025-06", 1, "In June, B happened."),
        ("2025-06", 2, "In June, C happened."),
    ]


def test_sentences_do_not_split_after_abbreviations():
    text = "A day later, U.S. CENTCOM Chief Gen. Kurilla was in Pakistan. He left on Sept. 3. Then Mr. Dar spoke."
    assert split_sentences(text) == ["A day later, U.S. CENTCOM Chief Gen. Kurilla was in Pakistan.", "He left on Sept. 3.", "Then Mr. Dar spoke."]


def test_impossible_dates_are_not_candidates():
    assert dates("On February 30, they met.") == []
