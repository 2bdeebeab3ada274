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


def test_labels_name_every_month_as_calendar_does_long_and_short():
    import calendar

    for month in range(1, 13):
        assert PartialDate(2025, month).label() == f"{calendar.month_name[month]} 2025"
        assert PartialDate(2025, month, 9).label(short=True) == f"9 {calendar.month_abbr[month]} 2025"
    assert PartialDate(2025, 3).label(short=True) == "Mar 2025"


def test_month_names_follow_the_time_locale_when_it_changes(monkeypatch):
    """The names are read once per LC_TIME locale, not once per process: a locale set later (the
    app's) gives its own names, as calendar would."""
    import calendar
    import locale

    assert PartialDate(2025, 7).label() == "July 2025"
    monkeypatch.setattr(locale, "setlocale", lambda category, value=None: "xx_TEST.UTF-8")
    monkeypatch.setattr(calendar, "month_name", ["", *(f"Monat{m}" for m in range(1, 13))])
    assert PartialDate(2025, 7, 4).label() == "4 Monat7 2025"
