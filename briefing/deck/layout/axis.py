"""The time axis of a timeline slide: months (or years) left to right, long empty stretches cut out.

Each event's marker sits at the first day its date can mean (partial dates at
the start of their month or year), on one uniform scale of days. A long run of
months (or years) without a marker becomes an axis break: a short gap marked
with a double slash, after which the same scale continues. One early event no
longer stretches the axis over an empty year and squeezes the rest into a
corner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One month (or year) of the axis and where it is drawn."""

    start: dt.date
    end: int  # the first day after it, as a day number (``date.toordinal``): December 9999 has one too
    left: int
    right: int


@dataclass(frozen=True)
class Piece:
    """A stretch of consecutive cells drawn as one bar; ``left``/``right`` include the padding."""

    cells: tuple[Cell, ...]
    left: int
    right: int


@dataclass(frozen=True)
class AxisRules:
    """How a timeline's axis is cut: padding, breaks over empty stretches, months or years."""

    edge_pad: int  # keeps markers off the ends of each bar
    break_gap: int  # width of the gap at a break
    break_min: int  # a run of at least this many empty cells ...
    break_share: float  # ... and at least this share of all cells becomes a break
    month_limit: int  # more months than this (after breaks): cells are years


def _following(day: dt.date, by_year: bool) -> int:
    """The day number of the first day of the next year (month); after 9999, the day after ``date.max``."""
    if day.year == dt.MAXYEAR and (by_year or day.month == 12):
        return dt.date.max.toordinal() + 1
    if by_year:
        return dt.date(day.year + 1, 1, 1).toordinal()
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1).toordinal()


def _cells(first: dt.date, last: dt.date, by_year: bool) -> list[tuple[dt.date, int]]:
    """(start, end day number) of every month (year) from the one holding ``first`` to the one holding ``last``."""
    day = dt.date(first.year, 1, 1) if by_year else first.replace(day=1)
    out = []
    while True:
        following = _following(day, by_year)
        out.append((day, following))
        if following > last.toordinal():
            return out
        day = dt.date.fromordinal(following)


def _runs(spans: list[tuple[dt.date, int]], days: Sequence[dt.date], rules: AxisRules) -> list[list[tuple[dt.date, int]]]:
    """The cells in runs, long stretches of empty cells between them left out: the longest
    stretch first, each cut when it is at least ``break_min`` cells and ``break_share`` of
    the cells still shown."""
    used = [any(start <= d and d.toordinal() < end for d in days) for start, end in spans]
    stretches = []  # (first, end) indexes of runs of empty cells; the first and last cells hold markers
    i = 0
    while i < len(spans):
        j = i
        while not used[j]:
            j += 1
        if j > i:
            stretches.append((i, j))
        i = j + 1
    shown = len(spans)
    cut: dict[int, int] = {}  # first -> end of each stretch left out
    for first, end in sorted(stretches, key=lambda s: (s[0] - s[1], s[0])):
        empty = end - first
        if empty >= rules.break_min and empty >= rules.break_share * shown:
            cut[first] = end
            shown -= empty
    runs: list[list[tuple[dt.date, int]]] = [[]]
    i = 0
    while i < len(spans):
        if i in cut:
            runs.append([])
            i = cut[i]
        else:
            runs[-1].append(spans[i])
            i += 1
    return runs


class TimeAxis:
    """Where dates fall between ``left`` and ``right`` (EMU) for markers on ``days``."""

    def __init__(self, days: Sequence[dt.date], left: int, right: int, rules: AxisRules):
        first, last = min(days), max(days)
        runs = _runs(_cells(first, last, False), days, rules)
        self.by_year = sum(len(r) for r in runs) > rules.month_limit
        if self.by_year:
            runs = _runs(_cells(first, last, True), days, rules)
        pad, gap = rules.edge_pad, rules.break_gap
        room = right - left - 2 * pad * len(runs) - gap * (len(runs) - 1)
        total = sum(end - start.toordinal() for run in runs for start, end in run)
        self._scale = room / total
        self.pieces: list[Piece] = []
        x: float = left
        for run in runs:
            cursor: float = x + pad
            cells = []
            for start, end in run:
                span = end - start.toordinal()
                cells.append(Cell(start, end, round(cursor), round(cursor + span * self._scale)))
                cursor += span * self._scale
            self.pieces.append(Piece(tuple(cells), round(x), round(cursor + pad)))
            x = cursor + pad + gap

    @property
    def breaks(self) -> list[tuple[int, int]]:
        """The gaps (left, right) where empty stretches were cut out."""
        return [(a.right, b.left) for a, b in zip(self.pieces, self.pieces[1:])]

    def x(self, day: dt.date) -> int:
        for piece in self.pieces:
            for cell in piece.cells:
                if cell.start <= day and day.toordinal() < cell.end:
                    days = cell.end - cell.start.toordinal()
                    return round(cell.left + (day - cell.start).days * (cell.right - cell.left) / days)
        raise ValueError(f"{day} is not on the axis")
