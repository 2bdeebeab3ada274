"""A paragraph set as lines of one leading: wrapped once per width, split across pages by whole lines.

``TextBlock`` (left-to-right runs) and ``BidiParagraph`` (right-to-left lines)
break and draw their lines each in their own way; how they answer platypus,
and where a paragraph may be cut between pages, is this one class's: never
after its first line alone (an orphan) nor before its last line alone (a
widow), as ReportLab's ``Paragraph`` with ``allowWidows=0`` and
``allowOrphans=0``.
"""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

_FUZZ = 1e-6


class LineBlock(Flowable):
    """Subclasses give ``_break(width) -> lines`` and ``_parts(head_lines, tail_lines, width) -> (head, tail)``."""

    def __init__(self, style, lines: list | None = None, width: float | None = None):
        super().__init__()
        self.style = style
        self._lines = lines
        self._wrapped_for = width

    def _break(self, width: float) -> list:
        raise NotImplementedError

    def _parts(self, head: list, tail: list, width: float) -> tuple[LineBlock, LineBlock]:
        raise NotImplementedError

    def wrap(self, availWidth, availHeight):
        if availWidth < _FUZZ:
            return 0, 0x7FFFFFFF
        if self._lines is None or self._wrapped_for != availWidth:
            self._lines = self._break(availWidth)
            self._wrapped_for = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        # A table wraps a cell's flowables at the cell's content width but splits them at the
        # column's full width (ReportLab's Table._splitCell). Split at the width the lines were
        # wrapped for, so the pieces are the lines the table measured, and a block that did not
        # fit never claims to fit whole (one piece, which that code cannot take).
        if self._lines is not None and self._wrapped_for is not None and self._wrapped_for < availWidth:
            availWidth = self._wrapped_for
        self.wrap(availWidth, availHeight)
        lines = self._lines
        fit = int(availHeight / self.style.leading)
        if fit <= 1:  # no orphans: a first line alone stays with the rest
            return []
        n = len(lines)
        if n <= fit:
            return [self]
        if n == fit + 1:  # no widows: a last line alone takes one more with it
            if n <= 3:
                return []
            fit -= 1
        return list(self._parts(lines[:fit], lines[fit:], availWidth))
