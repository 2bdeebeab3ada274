"""Dates as articles write them: ``July 25, 2025``, ``5 Aug. 2025``, ``2025-08-05``, ``in early April``.

Only capitalised month names count, so the modal verb "may" is never a month;
a bare month needs a preposition before it ("in May", "since March") so that
"the May conflict" is not read as an event date.
"""

from __future__ import annotations

import calendar
import re

from briefing.dates import PartialDate

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}

FULL_MONTH = "(?:" + "|".join(_MONTHS) + ")"
ANY_MONTH = "(?:" + "|".join([*_MONTHS, *(a + r"\.?" for a in _ABBREVIATIONS)]) + ")"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"

# Month and day first ("July 25, 2025", "July 25"), day first ("25 July 2025"), ISO ("2025-07-25").
MONTH_DAY = re.compile(rf"\b(?P<month>{ANY_MONTH})\s+(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?")
DAY_MONTH = re.compile(rf"\b(?P<day>{DAY})\s+(?P<month>{ANY_MONTH})(?![a-z])(?:,?\s+(?P<year>{YEAR})\b)?")
ISO = re.compile(rf"\b(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])\b")
MONTH_YEAR = re.compile(rf"\b(?P<month>{ANY_MONTH})(?![a-z])\s+(?P<year>{YEAR})\b")


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation as matched by the patterns above."""
    name = name.rstrip(".")
    return _MONTHS.get(name) or _ABBREVIATIONS[name]


def real_date(year: int | None, month: int, day: int | None = None) -> PartialDate | None:
    """The date when it exists (no 31 June), else None."""
    if year is None:
        return None
    text = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def find_full_date(text: str) -> tuple[PartialDate, re.Match] | None:
    """The first date in ``text`` that names its year (day or month precision), with its match."""
    found = []
    for pattern in (ISO, MONTH_DAY, DAY_MONTH):
        for match in pattern.finditer(text):
            if match.group("year"):
                month = match.group("month")
                number = int(month) if month.isdigit() else month_number(month)
                date = real_date(int(match.group("year")), number, _day(match.group("day")))
                if date:
                    found.append((match.start(), date, match))
                    break
    for match in MONTH_YEAR.finditer(text):
        date = real_date(int(match.group("year")), month_number(match.group("month")))
        if date and not any(start <= match.start() < m.end() for start, _, m in found):
            found.append((match.start(), date, match))
            break
    if not found:
        return None
    _, date, match = min(found, key=lambda item: item[0])
    return date, match
