"""Timeline slides drawn with native shapes: an axis, markers at their dates, labels that never overlap.

Partial dates sit at the start of their month (or year) and are labelled as
written; long empty stretches of the axis are cut out (``axis``). Events
alternate above and below the axis; on each side the labels keep the markers'
order and are placed so that each spans its marker when there is room
(``placement``), so leaders are short and upright and never cross. Events that
do not fit one slide go on the fewest slides that hold them, cut where time
jumps furthest.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, replace

from briefing.brief import Brief
from briefing.deck.layout.axis import AxisRules, TimeAxis
from briefing.deck.layout.flow import Para, frame_height, para, plain_lines
from briefing.deck.layout.geometry import Rect
from briefing.deck.layout.placement import anchor, lean, place_labels
from briefing.deck.slides.notes import timeline_notes
from briefing.deck.slides.pages import DeckPages
from briefing.deck.style import EMU_PER_INCH, EMU_PER_POINT
from briefing.model import TimelineEvent

_UNEVEN = 0.5  # what one label more or less than an even share costs a cut, against log(1 + days skipped)
_NARROWING = 0.05  # what narrowing the labels by an inch costs, against the squared inches leaders lean


@dataclass(frozen=True)
class Entry:
    """One label: an event (or, for a very long one, a piece of it) and its paragraphs."""

    event: TimelineEvent
    paras: tuple[Para, ...]


class TimelinePlan:
    def __init__(self, pages: DeckPages, area: Rect):
        self.pages = pages
        self.style = pages.style
        self.area = area
        length = self.style.length
        self.axis_h = length("timeline.axis_height")
        self.leader_gap = length("timeline.leader_gap")
        self.gap = length("timeline.label_gap")
        self.max_w = min(length("timeline.label_width"), area.w)
        self.min_w = length("timeline.min_label_width")
        self.side_h = (area.h - self.axis_h) // 2 - self.leader_gap
        self.rules = AxisRules(
            edge_pad=length("timeline.edge_pad"),
            break_gap=length("timeline.break_gap"),
            break_min=int(self.style.number("timeline.break_min")),
            break_share=self.style.number("timeline.break_share"),
            month_limit=int(self.style.number("timeline.month_span_limit")),
        )

    def entries(self, events) -> list[Entry]:
        """Events as labels; an event too long for the largest label continues in a second one."""
        out = []
        ts = self.pages.typesetter
        for event in events:
            date = para(event.date.label(), "event_date")
            dated = ts.set(date, self.max_w)
            room = self.side_h - frame_height([dated]) - round(dated.style.after * EMU_PER_POINT)
            text = [para(line, "event") for line in plain_lines(event.event)] or [para("", "event")]
            pieces = ts.flow(text, self.max_w, lambda _n: room)
            for n, blocks in enumerate(pieces):
                label = date if n == 0 else para(f"{event.date.label()} {self.style.word('continued')}", "event_date")
                out.append(Entry(event, (label, *(b.para for b in blocks))))
        return out

    def label_width(self, count: int) -> int:
        per_side = math.ceil(count / 2)
        return min(self.max_w, (self.area.w - (per_side - 1) * self.gap) // per_side)

    def _fit_check(self, entries: list[Entry]):
        """``fits(start, end)``: whether entries[start:end] fit one slide (answers remembered)."""
        single: dict[tuple[int, int], bool] = {}  # (entry index, label width) -> fits
        chunk: dict[tuple[int, int], bool] = {}

        def fits_one(i: int, width: int) -> bool:
            if (i, width) not in single:
                single[i, width] = self.pages.typesetter.fit(entries[i].paras, width, self.side_h) is not None
            return single[i, width]

        def fits(start: int, end: int) -> bool:
            if (start, end) not in chunk:
                width = self.label_width(end - start)
                chunk[start, end] = (end - start == 1 or width >= self.min_w) and all(
                    fits_one(i, width) for i in range(start, end))
            return chunk[start, end]

        return fits

    def chunks(self, entries: list[Entry]) -> list[list[Entry]]:
        """The fewest slides the entries fit, cut where time jumps furthest (a continued event
        stays on one slide), the slides kept about equally full."""
        most = int(self.style.number("timeline.max_per_slide"))
        total = len(entries)
        # How good a cut before entry i is: the log of the days skipped, so a year outweighs a month.
        jumps = [0.0] + [math.log1p((b.event.date.start - a.event.date.start).days) for a, b in zip(entries, entries[1:])]
        fits = self._fit_check(entries)
        for slides in range(max(1, math.ceil(total / most)), total + 1):
            even = total / slides
            # best[j][i]: (score, cut) for entries[:i] on j slides; score = jumps at cuts - unevenness
            best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
            for j in range(1, slides + 1):
                row: dict[int, tuple[float, int]] = {}
                for start, (score, _) in best[-1].items():
                    for end in range(start + 1, min(total, start + most) + 1):
                        if (end == total) != (j == slides) or not fits(start, end):
                            continue
                        value = score + (jumps[end] if end < total else 0.0) - _UNEVEN * abs(end - start - even)
                        if end not in row or value > row[end][0]:
                            row[end] = (value, start)
                best.append(row)
            if total in best[-1]:
                cuts, end = [], total
                for j in range(slides, 0, -1):
                    start = best[j][end][1]
                    cuts.append(entries[start:end])
                    end = start
                return cuts[::-1]
        return [[e] for e in entries]


def timeline_slides(pages: DeckPages, brief: Brief) -> None:
    if not brief.timeline:
        return
    style = pages.style
    probe = pages.heading("timeline", style.word("timeline"), style.word("timeline"))
    plan = TimelinePlan(pages, probe.body)
    chunks = plan.chunks(plan.entries(brief.timeline))
    for n, chunk in enumerate(chunks, start=1):
        first, last = chunk[0].event.date, chunk[-1].event.date
        title = first.label() if first == last else style.word("timeline_title", start=first.label(), end=last.label())
        kicker = style.word("timeline")
        if len(chunks) > 1:
            kicker += style.word("separator") + style.word("of", n=n, total=len(chunks))
        heading = pages.heading("timeline", title, kicker)
        events = list(dict.fromkeys(e.event for e in chunk))
        canvas, _ = pages.slide(heading, timeline_notes(brief, events, style))
        _draw(canvas, pages, TimelinePlan(pages, heading.body), chunk)


def _draw(canvas, pages: DeckPages, plan: TimelinePlan, chunk: list[Entry]) -> None:
    style = pages.style
    area = plan.area
    line = style.length("timeline.line")
    axis = TimeAxis([e.event.date.start for e in chunk], area.x, area.right, plan.rules)
    bar = Rect(area.x, area.y + (area.h - plan.axis_h) // 2, area.w, plan.axis_h)
    dates = [e.event.date.label() for e in chunk]
    summary = style.word("timeline_alt", count=len(dict.fromkeys(e.event for e in chunk)), start=dates[0], end=dates[-1])
    for n, piece in enumerate(axis.pieces):
        canvas.box(Rect(piece.left, bar.y, piece.right - piece.left, bar.h), "Timeline axis", fill=style.color("panel"),
                   descr=summary if n == 0 else None)
    _ticks(canvas, pages, bar, axis, line)
    _breaks(canvas, pages, bar, axis, line)

    ts = pages.typesetter
    markers = [axis.x(e.event.date.start) for e in chunk]
    width, step, sides = _layout(plan, chunk, markers)
    for above, placed in sides.items():
        edge = bar.y if above else bar.bottom
        for k, (i, left) in enumerate(placed):
            entry, mx = chunk[i], markers[i]
            joint = anchor(mx, left, width)
            # A label reached in its right half reads as a flag pointing left: set flush right.
            align = "right" if joint - left > width // 2 else "left"
            blocks = [ts.set(replace(p, align=align), width, step) for p in entry.paras]
            height = frame_height(blocks)
            top = bar.y - plan.leader_gap - height if above else bar.bottom + plan.leader_gap
            label = Rect(left, top, width, height)
            reach = label.bottom + plan.gap // 3 if above else label.y - plan.gap // 3
            canvas.line((mx, edge), (joint, reach), f"Leader {k + 1}", color=style.color("muted"), width=line)
            _marker(canvas, pages, mx, edge)
            canvas.text(label, blocks, f"Event: {entry.event.date}", anchor="bottom" if above else "top")


def _layout(plan: TimelinePlan, chunk: list[Entry], markers: list[int]) -> tuple[int, int, dict[bool, list[tuple[int, int]]]]:
    """The label width, the shrink step (one size for every label on the slide: the size the
    most crowded label needs) and the labels on each side. The widest labels are tried first;
    when their leaders must lean, narrower ones (as long as the text keeps its size) leave
    room to move each label over its marker."""
    ts = plan.pages.typesetter
    widest = plan.label_width(len(chunk))
    narrowing = plan.style.length("timeline.narrow_step")

    def step_at(width: int) -> int | None:
        steps = []
        for event in chunk:
            fitting = ts.fitting_step(event.paras, width, plan.side_h)
            if fitting is None:
                return None
            steps.append(fitting)
        return max(steps)

    step = step_at(widest)
    if step is None:  # a label that does not fit even at the floor (the plan avoids it): set at the floor
        step = max(ts.shrink_steps(e.paras) for e in chunk)
    best: tuple[float, int, dict[bool, list[tuple[int, int]]]] | None = None
    width = widest
    while width >= plan.min_w or width == widest:
        if width != widest and step_at(width) != step:
            break
        leaning, sides = _sides(markers, width, plan.gap, plan.area)
        score = leaning + _NARROWING * (widest - width) / EMU_PER_INCH
        if best is None or score < best[0]:
            best = (score, width, sides)
        if not leaning:
            break
        width -= narrowing
    assert best is not None  # the loop runs at least once, at the widest width
    return best[1], step, best[2]


def _sides(markers: list[int], width: int, gap: int, area: Rect) -> tuple[float, dict[bool, list[tuple[int, int]]]]:
    """Events alternate above and below the axis (starting on the side whose leaders lean
    least): how much the leaders lean (sum of squares, in square inches) and, for each side,
    (event index, label left) in order."""
    best: tuple[float, dict[bool, list[tuple[int, int]]]] | None = None
    for phase in (0, 1):
        sides: dict[bool, list[tuple[int, int]]] = {}
        cost = 0.0
        for above in (True, False):
            chosen = [i for i in range(len(markers)) if (i + phase) % 2 == (0 if above else 1)]
            lefts = place_labels([markers[i] for i in chosen], width, gap, area.x, area.right)
            sides[above] = list(zip(chosen, lefts))
            cost += sum((lean(markers[i], left, width) / EMU_PER_INCH) ** 2 for i, left in sides[above])
        if best is None or cost < best[0]:
            best = (cost, sides)
    assert best is not None  # two phases were tried
    return best


def _marker(canvas, pages: DeckPages, x: int, y: int) -> None:
    size = pages.style.length("timeline.marker")
    canvas.box(Rect(x - size // 2, y - size // 2, size, size), "Marker", kind="oval",
               fill=pages.style.color("accent"), line=pages.style.color("paper"), line_width=pages.style.length("timeline.line"))


def _breaks(canvas, pages: DeckPages, bar: Rect, axis: TimeAxis, line: int) -> None:
    """A double slash across each gap where an empty stretch was cut out."""
    lean_by = pages.style.length("timeline.break_mark")
    overhang = bar.h // 4
    for left, right in axis.breaks:
        centre = (left + right) // 2
        for offset in (-lean_by, lean_by):
            x = centre + offset
            canvas.line((x - lean_by, bar.bottom + overhang), (x + lean_by, bar.y - overhang), "Axis break",
                        color=pages.style.color("muted"), width=line)


def _ticks(canvas, pages: DeckPages, bar: Rect, axis: TimeAxis, line: int) -> None:
    """Month (or year) names inside the bar, each centred on its cell: every cell when they
    fit, else every 2nd, 3rd... cell of each piece; the year is named where it changes and
    after a break. White separators between cells, except under a name."""
    ts = pages.typesetter
    tick = ts.style.text("tick")
    padding = pages.style.length("timeline.label_gap")

    def name(start: dt.date, with_year: bool) -> str:
        if axis.by_year:
            return str(start.year)
        return f"{calendar.month_abbr[start.month]} {start.year}" if with_year else calendar.month_abbr[start.month]

    labels: list[tuple[str, int, int]] = []  # text, centre, width
    for step in (1, 2, 3, 4, 6, 12, 24, 60):
        labels = []
        fits = True
        for piece in axis.pieces:
            last_year = None
            placed = []
            for cell in piece.cells[::step]:
                text = name(cell.start, cell.start.year != last_year)
                width = round(ts.metrics.width(text, tick.face, tick.font) * tick.size * EMU_PER_POINT) + padding
                placed.append((text, (cell.left + cell.right) // 2, width))
                last_year = cell.start.year
            fits = fits and all(piece.left <= c - w // 2 and c + w // 2 <= piece.right for _, c, w in placed)
            fits = fits and all(b[1] - a[1] >= (a[2] + b[2]) // 2 for a, b in zip(placed, placed[1:]))
            labels += placed
        if fits:
            break
    else:
        labels = []
    for piece in axis.pieces:
        for cell in piece.cells[1:]:
            x = cell.left
            if not any(abs(x - c) < w // 2 for _, c, w in labels):
                canvas.line((x, bar.y), (x, bar.bottom), "Axis division", color=pages.style.color("paper"), width=line * 2)
    for text, centre, width in labels:
        blocks = [ts.set(para(text, "tick", align="center"), width)]
        canvas.text(Rect(centre - width // 2, bar.y, width, bar.h), blocks, "Axis label", anchor="middle")
