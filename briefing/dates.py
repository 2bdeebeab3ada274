"""Partial dates (``2025``, ``2025-07``, ``2025-07-25``) as analysts write them."""

from __future__ import annotations

import calendar
import datetime as _dt
import locale
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# calendar's month names, read once per time locale: ``calendar.month_name[m]`` formats a date with
# strftime on every call (about 4 us; a brief asks for a few dozen labels, a long one hundreds).
_MONTH_NAMES: dict[tuple[str | None, bool], tuple[str, ...]] = {}


def _month_names(short: bool) -> tuple[str, ...]:
    """``calendar.month_abbr`` (``short``) or ``calendar.month_name`` as a tuple, for the current LC_TIME
    locale (the one calendar's strftime uses: a GUI may set the user's)."""
    key = (locale.setlocale(locale.LC_TIME), short)
    names = _MONTH_NAMES.get(key)
    if names is None:
        source = calendar.month_abbr if short else calendar.month_name
        names = _MONTH_NAMES[key] = tuple(source[m] for m in range(13))
    return names


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``2025``, ``2025-03``, ``2025-03-14``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError unless it is a real date."""
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)  # the pattern requires the year
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if year < 1:
            raise ValueError(f"'{text}' is not a real date (year 0000)")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a real date (month {month:02d})")
        if day is not None and month is not None:  # the pattern gives a day only with a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' is not a real date ({calendar.month_name[month]} {year} has {last} days)")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def start(self) -> _dt.date:
        """The first day the date can mean: partial dates sit at the start of their month or year."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def label(self, *, short: bool = False) -> str:
        """Human label: ``25 July 2025``, ``July 2025`` or ``2025`` (``Jul`` with ``short``)."""
        names = _month_names(short)
        if self.day and self.month:
            return f"{self.day} {names[self.month]} {self.year}"
        if self.month:
            return f"{names[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"
