"""The timeline figure: a dated axis with numbered markers, and its key.

Vector graphics: ``timeline_sketch`` lays the figure out as lines, discs and
labels, which the PDF draws straight on the canvas; ``timeline_drawing`` gives
the same shapes as a ``reportlab.graphics`` Drawing. Each event sits at the first day its
date can mean, so ``2025-05`` is placed at 1 May and a bare year at 1 January.
Markers that would touch are stacked upwards, tick labels are thinned until
they clear each other, and the events' words go in the key table below the
figure, where they can be as long as they like: nothing on the figure overlaps.
A figure whose stacks are taller than a page splits into several, each with
the whole axis and some of the rows of markers. The axis covers the whole
calendar Python knows, year 1 to 9999.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus.flowables import Flowable

from briefing.dates import PartialDate

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

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


# The months an axis may span: January of year 1 up to the end of December 9999.
_FIRST_MONTH = month_index(dt.date.min)
_END_MONTH = month_index(dt.date.max) + 1


def _month_ordinal(index: int) -> int:
    """The day number (``date.toordinal``) on which month ``index`` starts; the month after
    December 9999 starts the day after ``date.max``."""
    if index >= _END_MONTH:
        return dt.date.max.toordinal() + 1
    return dt.date(index // 12, index % 12 + 1, 1).toordinal()


class TimelineAxis:
    """Where dates fall on an axis ``width`` points long."""

    def __init__(self, dates: list[PartialDate], width: float):
        starts = [d.start for d in dates]
        first = month_index(min(starts))
        last = month_index(max(starts)) + 1  # the axis runs to the end of the last month
        if last - first < 3:  # a short span still reads as a stretch of time (within the calendar)
            first, last = max(first - 1, _FIRST_MONTH), min(last + 1, _END_MONTH)
        self.first = first
        self.last = last
        self.width = width
        self._origin = _month_ordinal(first)
        self._days = _month_ordinal(last) - self._origin

    def x(self, date: dt.date) -> float:
        return (date.toordinal() - self._origin) / self._days * self.width

    def ticks(self, label_font: str, label_size: float) -> tuple[list[tuple[float, float, str]], list[float]]:
        """Labelled ticks ``(x, label centre, text)`` whose labels clear each other and stay on the
        axis, and the x of every month tick."""
        months = self.last - self.first
        month_width = self.width / months
        years_only = months > 48

        def text(index: int, step: int) -> str:
            year, month = divmod(index, 12)
            return str(year) if step >= 12 else f"{calendar.month_abbr[month + 1]} {year}"

        named = range(self.first, min(self.last, _END_MONTH - 1) + 1)  # no label names the year after 9999
        widest = max(stringWidth(text(i, 1), label_font, label_size) for i in named)
        step = next(
            (s for s in _MONTH_STEPS if (not years_only or s >= 12) and s * month_width >= widest * 1.25),
            _MONTH_STEPS[-1],
        )
        labelled: list[tuple[float, float, str]] = []
        right_edge = -1e9
        for index in named:
            aligned = (index % 12) % step == 0 if step < 12 else index % 12 == 0 and (index // 12) % (step // 12) == 0
            if not aligned:
                continue
            x = self._month_x(index)
            label = text(index, step)
            half = stringWidth(label, label_font, label_size) / 2
            centre = min(max(x, half), self.width - half)
            if centre - half >= right_edge + label_size * 0.5:
                labelled.append((x, centre, label))
                right_edge = centre + half
        minor = [self._month_x(i) for i in range(self.first, self.last + 1)] if month_width >= 4 else []
        return labelled, minor

    def _month_x(self, index: int) -> float:
        return (_month_ordinal(index) - self._origin) / self._days * self.width


def place_markers(xs: list[float], radius: float, gap: float) -> list[int]:
    """A level for each marker (0 = on the axis row) so that no two markers touch.

    Each level keeps its markers' x sorted, so a marker looks only at its two
    neighbours on a level: thousands of events place in n·log n per level.
    """
    reach = 2 * radius + gap
    rows: list[list[float]] = []
    levels: list[int] = []
    for x in xs:
        for level, row in enumerate(rows):  # noqa: B007 - the level found is kept after the break
            i = bisect.bisect_left(row, x)
            if (i == len(row) or row[i] - x >= reach) and (i == 0 or x - row[i - 1] >= reach):
                row.insert(i, x)
                break
        else:
            level = len(rows)
            rows.append([x])
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
        from reportlab.graphics.shapes import Circle, Drawing, Line, String  # not on the PDF's path: it draws the sketch

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


class TimelinePlan:
    """Where every marker of a timeline goes: its x on the axis and its row (level) above it.

    ``sketch(rows)`` draws the axis with the markers of some rows, moved down to
    start on the axis row; the whole figure is ``sketch()``.
    """

    def __init__(self, dates: list[PartialDate], width: float, settings: dict, *, tick_font: str, tick_size: float,
                 marker_font: str):
        self.width = width
        self.settings = settings
        self.tick_font, self.tick_size, self.marker_font = tick_font, tick_size, marker_font
        radius = settings["marker_radius"]
        self.inset = radius + 1  # markers at the ends stay inside the figure
        self.axis = TimelineAxis(dates, width - 2 * self.inset)
        self.xs = [self.inset + self.axis.x(d.start) for d in dates]
        self.levels = place_markers(self.xs, radius, settings["marker_gap"])
        self.rows = (max(self.levels) + 1) if self.levels else 1

    def height(self, rows: int) -> float:
        """The figure's height with ``rows`` rows of markers."""
        return figure_height(self.settings, self.tick_size, rows)

    def rows_within(self, height: float) -> int:
        """How many rows of markers fit in a figure at most ``height`` tall (0 when not even one)."""
        s = self.settings
        if self.height(1) > height:
            return 0
        pitch = 2 * s["marker_radius"] + s["marker_gap"]
        below = self.tick_size * 1.6 + s["tick_length"] + 3 * s["marker_gap"]  # tick labels and gaps
        return max(1, int((height - below) // pitch))

    def sketch(self, rows: range | None = None) -> Sketch:
        rows = rows if rows is not None else range(self.rows)
        s = self.settings
        radius, gap, inset, width = s["marker_radius"], s["marker_gap"], self.inset, self.width
        tick_size = self.tick_size
        label_room = tick_size * 1.6 + s["tick_length"]
        axis_y = label_room + gap
        shapes: list = [Stroke(inset, axis_y, width - inset, axis_y, s["axis"], s["axis_width"])]
        labelled, minor = self.axis.ticks(self.tick_font, tick_size)
        for x in minor:
            shapes.append(Stroke(inset + x, axis_y, inset + x, axis_y - s["tick_length"] / 2, s["tick"],
                                 s["axis_width"] / 2))
        for x, centre, label in labelled:
            shapes.append(Stroke(inset + x, axis_y, inset + x, axis_y - s["tick_length"], s["tick"], s["axis_width"]))
            shapes.append(Label(inset + centre, axis_y - s["tick_length"] - tick_size, label, self.tick_font,
                                tick_size, s["tick"]))
        shown = [(number, x, level - rows.start)
                 for number, (x, level) in enumerate(zip(self.xs, self.levels), start=1) if level in rows]
        centres = [(number, x, axis_y + gap + radius + level * (2 * radius + gap), level) for number, x, level in shown]
        for _, x, y, level in centres:  # stems first, so markers lie on top of them
            if level:
                shapes.append(Stroke(x, axis_y, x, y - radius, s["marker"], s["axis_width"] / 2))
        for number, x, y, _ in centres:
            shapes.append(Disc(x, y, radius, s["marker"]))
            label = str(number)
            size = _number_size(radius, label)
            shapes.append(Label(x, y - size * _DIGITS_DROP, label, self.marker_font, size, s["marker_text"]))
        return Sketch(width, self.height(len(rows)), tuple(shapes))


def figure_height(settings: dict, tick_size: float, rows: int) -> float:
    """The height of a timeline figure with ``rows`` rows of markers (its tick labels ``tick_size``)."""
    radius, gap = settings["marker_radius"], settings["marker_gap"]
    label_room = tick_size * 1.6 + settings["tick_length"]
    return max(settings["height"], label_room + gap * 3 + rows * (2 * radius + gap))


def timeline_sketch(dates: list[PartialDate], width: float, settings: dict, *, tick_font: str, tick_size: float,
                    marker_font: str) -> Sketch:
    """The axis with one numbered marker per date, in the order given (numbers count from 1)."""
    return TimelinePlan(dates, width, settings, tick_font=tick_font, tick_size=tick_size,
                        marker_font=marker_font).sketch()


def timeline_drawing(dates: list[PartialDate], width: float, settings: dict, *, tick_font: str, tick_size: float,
                     marker_font: str) -> Drawing:
    """The figure as a ReportLab graphics ``Drawing`` (the PDF draws the same shapes from its sketch)."""
    return timeline_sketch(dates, width, settings, tick_font=tick_font, tick_size=tick_size,
                           marker_font=marker_font).drawing()


class Figure(Flowable):
    """The figure in the text flow; it keeps with its caption.

    It draws its sketch straight on the canvas: the same vector shapes a
    ``Drawing`` would give, without building and validating dozens of shape
    objects for each brief. A figure taller than the room left splits by rows
    of markers: each part has the whole axis and the markers of its rows.
    """

    def __init__(self, plan: TimelinePlan, rows: range | None = None):
        super().__init__()
        self.plan = plan
        self.rows = rows if rows is not None else range(plan.rows)
        self.sketch = plan.sketch(self.rows)
        self.width, self.height = self.sketch.width, self.sketch.height
        self.keepWithNext = True

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if self.height <= availHeight:
            return [self]
        fit = self.plan.rows_within(availHeight)
        if fit == 0 or fit >= len(self.rows):
            return []
        start, stop = self.rows.start, self.rows.stop
        return [Figure(self.plan, range(start, start + fit)), Figure(self.plan, range(start + fit, stop))]

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
