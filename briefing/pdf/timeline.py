"""The timeline figure: a dated axis with numbered markers, and its key.

Vector graphics: ``timeline_sketch`` lays the figure out as lines, discs and
labels, which the PDF draws straight on the canvas; ``timeline_drawing`` gives
the same shapes as a ``reportlab.graphics`` Drawing. Each event sits at the first day its
date can mean, so ``2025-05`` is placed at 1 May and a bare year at 1 January.
Markers that would touch are stacked upwards, tick labels are thinned until
they clear each other, and the events' words go in the key table below the
figure, where they can be as long as they like: nothing on the figure overlaps.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from typing import NamedTuple

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus.flowables import Flowable

from briefing.dates import PartialDate

_MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600)
_DIGITS_DROP = 0.36  # a digit's baseline below its centre, as a share of the font size (half the cap height)


def _number_size(radius: float, label: str) -> float:
    """The font size of a marker's number: smaller for three digits, so it stays inside the circle."""
    return radius * (1.05 if len(label) < 3 else 0.8)


@dataclass(frozen=True)
class Marker:
    number: int
    x: float
    level: int


def month_index(date: dt.date) -> int:
    return date.year * 12 + date.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


class TimelineAxis:
    """Where dates fall on an axis ``width`` points long."""

    def __init__(self, dates: list[PartialDate], width: float):
        starts = [d.start for d in dates]
        first = month_index(min(starts))
        last = month_index(max(starts)) + 1  # the axis runs to the end of the last month
        if last - first < 3:  # a short span still reads as a stretch of time
            first, last = first - 1, last + 1
        self.first = first
        self.last = last
        self.width = width
        self._origin = _month_start(first).toordinal()
        self._days = _month_start(last).toordinal() - self._origin

    def x(self, date: dt.date) -> float:
        return (date.toordinal() - self._origin) / self._days * self.width

    def ticks(self, label_font: str, label_size: float) -> tuple[list[tuple[float, float, str]], list[float]]:
        """Labelled ticks ``(x, label centre, text)`` whose labels clear each other and stay on the
        axis, and the x of every month tick."""
        months = self.last - self.first
        month_width = self.width / months
        years_only = months > 48

        def text(index: int, step: int) -> str:
            date = _month_start(index)
            return str(date.year) if step >= 12 else f"{calendar.month_abbr[date.month]} {date.year}"

        widest = max(stringWidth(text(i, 1), label_font, label_size) for i in range(self.first, self.last + 1))
        step = next(
            (s for s in _MONTH_STEPS if (not years_only or s >= 12) and s * month_width >= widest * 1.25),
            _MONTH_STEPS[-1],
        )
        labelled: list[tuple[float, float, str]] = []
        right_edge = -1e9
        for index in range(self.first, self.last + 1):
            aligned = (index % 12) % step == 0 if step < 12 else index % 12 == 0 and (index // 12) % (step // 12) == 0
            if not aligned:
                continue
            x = self.x(_month_start(index))
            label = text(index, step)
            half = stringWidth(label, label_font, label_size) / 2
            centre = min(max(x, half), self.width - half)
            if centre - half >= right_edge + label_size * 0.5:
                labelled.append((x, centre, label))
                right_edge = centre + half
        minor = [self.x(_month_start(i)) for i in range(self.first, self.last + 1)] if month_width >= 4 else []
        return labelled, minor


def place_markers(xs: list[float], radius: float, gap: float) -> list[int]:
    """A level for each marker (0 = on the axis row) so that no two markers touch."""
    levels: list[int] = []
    placed: list[tuple[float, int]] = []
    for x in xs:
        level = 0
        while any(lvl == level and abs(px - x) < 2 * radius + gap for px, lvl in placed):
            level += 1
        placed.append((x, level))
        levels.append(level)
    return levels


class Stroke(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    colour: object
    width: float


class Disc(NamedTuple):
    x: float
    y: float
    radius: float
    colour: object


class Label(NamedTuple):
    """Text centred on ``x``, its baseline at ``y``."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: object


@dataclass(frozen=True)
class Sketch:
    """The figure as plain shapes in drawing order: lines, filled circles and centred labels."""

    width: float
    height: float
    shapes: tuple

    def drawing(self) -> Drawing:
        """The same figure as a ReportLab graphics ``Drawing``."""
        drawing = Drawing(self.width, self.height)
        for shape in self.shapes:
            if isinstance(shape, Stroke):
                drawing.add(Line(shape.x1, shape.y1, shape.x2, shape.y2, strokeColor=shape.colour,
                                 strokeWidth=shape.width))
            elif isinstance(shape, Disc):
                drawing.add(Circle(shape.x, shape.y, shape.radius, fillColor=shape.colour, strokeColor=None))
            else:
                drawing.add(String(shape.x, shape.y, shape.text, fontName=shape.font, fontSize=shape.size,
                                   fillColor=shape.colour, textAnchor="middle"))
        return drawing


def timeline_sketch(dates: list[PartialDate], width: float, settings: dict, *, tick_font: str, tick_size: float,
                    marker_font: str) -> Sketch:
    """The axis with one numbered marker per date, in the order given (numbers count from 1)."""
    radius = settings["marker_radius"]
    gap = settings["marker_gap"]
    inset = radius + 1  # markers at the ends stay inside the figure
    axis = TimelineAxis(dates, width - 2 * inset)
    xs = [inset + axis.x(d.start) for d in dates]
    levels = place_markers(xs, radius, gap)
    rows = (max(levels) + 1) if levels else 1
    band = settings["height"]
    label_room = tick_size * 1.6 + settings["tick_length"]
    height = max(band, label_room + gap * 3 + rows * (2 * radius + gap))
    axis_y = label_room + gap
    shapes: list = [Stroke(inset, axis_y, width - inset, axis_y, settings["axis"], settings["axis_width"])]
    labelled, minor = axis.ticks(tick_font, tick_size)
    for x in minor:
        shapes.append(Stroke(inset + x, axis_y, inset + x, axis_y - settings["tick_length"] / 2, settings["tick"],
                             settings["axis_width"] / 2))
    for x, centre, label in labelled:
        shapes.append(Stroke(inset + x, axis_y, inset + x, axis_y - settings["tick_length"], settings["tick"],
                             settings["axis_width"]))
        shapes.append(Label(inset + centre, axis_y - settings["tick_length"] - tick_size, label, tick_font, tick_size,
                            settings["tick"]))
    centres = [(x, axis_y + gap + radius + level * (2 * radius + gap)) for x, level in zip(xs, levels)]
    for (x, y), level in zip(centres, levels):  # stems first, so markers lie on top of them
        if level:
            shapes.append(Stroke(x, axis_y, x, y - radius, settings["marker"], settings["axis_width"] / 2))
    for number, (x, y) in enumerate(centres, start=1):
        shapes.append(Disc(x, y, radius, settings["marker"]))
        label = str(number)
        size = _number_size(radius, label)
        shapes.append(Label(x, y - size * _DIGITS_DROP, label, marker_font, size, settings["marker_text"]))
    return Sketch(width, height, tuple(shapes))


def timeline_drawing(dates: list[PartialDate], width: float, settings: dict, *, tick_font: str, tick_size: float,
                     marker_font: str) -> Drawing:
    """The figure as a ReportLab graphics ``Drawing`` (the PDF draws the same shapes from its sketch)."""
    return timeline_sketch(dates, width, settings, tick_font=tick_font, tick_size=tick_size,
                           marker_font=marker_font).drawing()


class Figure(Flowable):
    """The figure in the text flow; it keeps with its caption.

    It draws its sketch straight on the canvas: the same vector shapes a
    ``Drawing`` would give, without building and validating dozens of shape
    objects for each brief.
    """

    def __init__(self, sketch: Sketch):
        super().__init__()
        self.sketch = sketch
        self.width, self.height = sketch.width, sketch.height
        self.keepWithNext = True

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        stroke = fill = line_width = font = None
        for shape in self.sketch.shapes:
            if isinstance(shape, Stroke):
                if shape.colour != stroke:
                    stroke = shape.colour
                    canvas.setStrokeColor(stroke)
                if shape.width != line_width:
                    line_width = shape.width
                    canvas.setLineWidth(line_width)
                canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)
                continue
            if shape.colour != fill:
                fill = shape.colour
                canvas.setFillColor(fill)
            if isinstance(shape, Disc):
                canvas.saveState()
                canvas.translate(shape.x, shape.y)
                canvas.drawPath(_disc(shape.radius), stroke=0, fill=1)
                canvas.restoreState()
            else:
                if (shape.font, shape.size) != font:
                    font = shape.font, shape.size
                    canvas.setFont(*font)
                canvas.drawString(shape.x - stringWidth(shape.text, shape.font, shape.size) * 0.5, shape.y, shape.text)


class MarkerFlowable(Flowable):
    """One marker as it appears on the figure, for the key (drawn straight on the canvas: a table has many)."""

    def __init__(self, number: int, settings: dict, marker_font: str):
        super().__init__()
        self.number = number
        self.settings = settings
        self.font = marker_font
        self.width = self.height = 2 * settings["marker_radius"] + 2

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        radius = self.settings["marker_radius"]
        canvas = self.canv
        label = str(self.number)
        size = _number_size(radius, label)
        canvas.translate(radius + 1, radius + 1)  # drawOn has saved the state around us
        canvas.setFillColor(self.settings["marker"])
        canvas.drawPath(_disc(radius), stroke=0, fill=1)
        canvas.setFillColor(self.settings["marker_text"])
        canvas.setFont(self.font, size)
        canvas.drawCentredString(0, -size * _DIGITS_DROP, label)


@functools.lru_cache(maxsize=16)
def _disc(radius: float) -> PDFPathObject:
    """A circle around the origin, as a path: its curves are worked out once, not for every marker."""
    path = PDFPathObject()
    path.circle(0, 0, radius)
    return path
