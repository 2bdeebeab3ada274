"""Rectangles on a slide, in EMU."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Rect(NamedTuple):
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inset(self, by: int) -> Rect:
        return Rect(self.x + by, self.y + by, max(0, self.w - 2 * by), max(0, self.h - 2 * by))

    def with_top(self, top: int) -> Rect:
        """The same rectangle with its top moved to ``top`` and its bottom kept."""
        return Rect(self.x, top, self.w, max(0, self.bottom - top))

    def with_height(self, height: int) -> Rect:
        return Rect(self.x, self.y, self.w, height)

    def union(self, other: Rect) -> Rect:
        """The smallest rectangle holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def columns(self, fractions: Sequence[float], gutter: int) -> list[Rect]:
        """Side-by-side columns from the left, each a fraction of the width left after gutters."""
        usable = self.w - gutter * (len(fractions) - 1)
        out = []
        x = self.x
        for fraction in fractions:
            width = round(usable * fraction)
            out.append(Rect(x, self.y, width, self.h))
            x += width + gutter
        return out
