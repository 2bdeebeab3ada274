from __future__ import annotations

import datetime as dt

import pytest

from briefing.dates import PartialDate


@pytest.mark.parametrize(
    "text, label, start",
    [
        ("2025", "2025", dt.date(2025, 1, 1)),
        ("2025-05", "May 2025", dt.date(2025, 5, 1)),
        ("2024-02-29", "29 February 2024", dt.date(2024, 2, 29)),
    ],
)
def test_partial_dates_parse_label_and_start_at_their_period(text, label, start):
    date = PartialDate.parse(text)
    assert (str(date), date.label(), date.start) == (text, label, start)


@pytest.mark.parametrize("text", ["2025-02-29", "2025-00", "2025-13-01", "0000", "25-01-01", "2025/01/01", "July 2025"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_sorting_puts_a_month_before_its_days():
    dates = [PartialDate.parse(t) for t in ("2025-07-25", "2025-07", "2025", "2024-12-31")]
    assert [str(d) for d in sorted(dates, key=lambda d: d.sort_key)] == ["2024-12-31", "2025", "2025-07", "2025-07-25"]
