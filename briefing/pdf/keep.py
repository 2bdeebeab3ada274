"""Flowables kept together on a page: ReportLab's ``KeepTogether``, placed in one step when they fit.

Platypus groups a heading with what follows it (``keepWithNext``) in a
``KeepTogether``, which always asks to be split: it measures its content with a
copy of the frame, then hands each flowable back to the frame one by one. A
brief has hundreds of such groups. ``Keep`` decides exactly as
``KeepTogether`` does whenever the group does not fit (it inherits the
splitting), but when it fits it places and draws its flowables itself, where
the frame would have put them: the same spacing rules, without the copies and
the second round.
"""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable, KeepTogether

from briefing.pdf import rlcompat

_FUZZ = 1e-6


class Keep(KeepTogether):
    """``KeepTogether`` that, when its flowables fit, lays them out and draws them as the frame would."""

    def wrap(self, aW, aH):
        frame = rlcompat.frame_of(self)
        at_top = frame is not None and rlcompat.at_top(frame)
        overlap = frame is None or rlcompat.spaces_overlap(frame)  # outside a frame: as a default Frame does
        previous = rlcompat.space_after_previous(frame) if frame is not None else 0.0
        placed: list[tuple[Flowable, float, float, float]] = []  # flowable, its top below ours, width, height
        y = 0.0  # where the next flowable starts, below the top of the group
        merged_height = 0.0  # the height KeepTogether measures (its split decisions use it)
        merged_after = 0.0
        counted = False
        first_height = 0.0
        for i, child in enumerate(rlcompat.group_content(self)):
            rlcompat.set_frame(child, frame)  # a separator asks whether it is at the top of the page
            try:
                w, h = child.wrapOn(self.canv, aW, 0xFFFFFFF)
            finally:
                rlcompat.clear_frame(child)
            if i == 0:
                first_height = h
                space = 0.0  # the frame puts the group's space before, which is this one's
            elif at_top:
                space = 0.0
            else:
                space = child.getSpaceBefore()
                if overlap:
                    space = max(space - previous, 0)
            after = child.getSpaceAfter()
            placed.append((child, y + space, w, h))
            step = space + h + after
            y += step
            if step:
                at_top = False
            if overlap:
                previous = after
            if h > _FUZZ:  # KeepTogether's measure: spaces merge, empty flowables take none
                merged_height += h + (max(child.getSpaceBefore() - merged_after, 0) if counted else 0) + after
                merged_after = after
                counted = True
        self._placed = placed
        rlcompat.set_group_measure(self, merged_height - merged_after, first_height, (aW, aH))
        self.width = aW
        self.height = y - (placed[-1][0].getSpaceAfter() if placed else 0)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        """``Flowable.drawOn`` (the same operators) without saving all of the canvas's state: the group
        itself changes none, and each flowable it draws puts back what it changed."""
        rlcompat.draw_translated(canvas, self, self._hAlignAdjust(x, _sW), y)

    def draw(self):
        for child, top, width, height in self._placed:
            child.drawOn(self.canv, 0, self.height - top - height, _sW=self.width - width)
