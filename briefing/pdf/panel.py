"""A panel: flowables in a shaded box or beside a rule, splitting across pages as text does.

Used for the bottom-line box and the analyst's comment. Unlike a one-cell
table it splits between and inside its paragraphs in one pass, so a very long
note costs no more than the same text outside a box.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus.flowables import Flowable


@dataclass(frozen=True)
class PanelLook:
    padding: float
    background: object = None  # a ReportLab colour, or None
    border: object = None
    border_width: float = 0.0
    rule: object = None  # a rule on the left instead of a border
    rule_width: float = 0.0
    indent: float = 0.0  # from the frame's left edge to the panel


class Panel(Flowable):
    def __init__(self, content: list[Flowable], look: PanelLook, *, space_before: float = 0.0,
                 space_after: float = 0.0):
        super().__init__()
        self.content = list(content)
        self.look = look
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._placed: list[tuple[Flowable, float]] = []

    def _inner_width(self, width: float) -> float:
        look = self.look
        return max(width - look.indent - 2 * look.padding, 1.0)

    @staticmethod
    def _gap(previous: Flowable | None, current: Flowable) -> float:
        if previous is None:
            return 0.0
        return max(previous.getSpaceAfter(), current.getSpaceBefore())

    def wrap(self, availWidth, availHeight):
        inner = self._inner_width(availWidth)
        y = 0.0
        placed = []
        previous = None
        for child in self.content:
            _, h = child.wrap(inner, 10_000_000)
            y += self._gap(previous, child)
            placed.append((child, y + h))
            y += h
            previous = child
        self._placed = placed
        self.width = availWidth
        self.height = y + 2 * self.look.padding
        return self.width, self.height

    def split(self, availWidth, availHeight):
        inner = self._inner_width(availWidth)
        room = availHeight - 2 * self.look.padding
        head: list[Flowable] = []
        used = 0.0
        previous = None
        rest = list(self.content)
        while rest:
            child = rest[0]
            gap = self._gap(previous, child)
            _, h = child.wrap(inner, 10_000_000)
            if used + gap + h <= room:
                head.append(rest.pop(0))
                used += gap + h
                previous = child
                continue
            parts = child.split(inner, room - used - gap) if room - used - gap > 0 else []
            if len(parts) >= 2:
                head.append(parts[0])
                rest = list(parts[1:]) + rest[1:]
            break
        while head and getattr(head[-1], "keepWithNext", False) and len(head) < len(self.content):
            rest.insert(0, head.pop())  # a label goes with what it labels
        if not head:
            return []
        if not rest:
            return [self]
        first = Panel(head, self.look, space_before=self.spaceBefore, space_after=0)
        second = Panel(rest, self.look, space_before=0, space_after=self.spaceAfter)
        return [first, second]

    def draw(self):
        canvas = self.canv
        look = self.look
        left = look.indent
        box_width = self.width - look.indent
        canvas.saveState()
        if look.background is not None:
            canvas.setFillColor(look.background)
            canvas.rect(left, 0, box_width, self.height, stroke=0, fill=1)
        if look.border is not None and look.border_width > 0:
            canvas.setStrokeColor(look.border)
            canvas.setLineWidth(look.border_width)
            canvas.rect(left, 0, box_width, self.height, stroke=1, fill=0)
        if look.rule is not None and look.rule_width > 0:
            canvas.setStrokeColor(look.rule)
            canvas.setLineWidth(look.rule_width)
            x = left + look.rule_width / 2
            canvas.line(x, 0, x, self.height)
        canvas.restoreState()
        x = left + look.padding
        top = self.height - look.padding
        for child, bottom in self._placed:
            child.drawOn(canvas, x, top - bottom)
