"""Timeline slides drawn with native shapes: an axis, markers at their dates, labels that never overlap.

Partial dates sit at the start of their month (or year) and are labelled as
months (or years). Events alternate above and below the axis; on each side the
labels share the width and are spread as little as possible from their markers,
joined to them by leader lines (which cannot cross: markers and labels keep the
same order). Events that do not fit one slide are shared evenly over several.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from briefing.brief import Brief
from briefing.dates import PartialDate
from briefing.deck.flow import Para, frame_height, para, plain_lines
from briefing.deck.geometry import Rect
from briefing.deck.notes import timeline_notes
from briefing.deck.pages import DeckPages
from briefing.deck.style import EMU_PER_POINT
from briefing.model import TimelineEvent


@dataclass(frozen=True)
class Entry:
    """One label: an event (or, for a very long one, a piece of it) and its paragraphs."""

    event: TimelineEvent
    paras: tuple[Para, ...]


def _end(date: PartialDate) -> dt.date:
    """The first day after the date's span."""
    if date.day:
        return date.start + dt.timedelta(days=1)
    if date.month:
        return dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
    return dt.date(date.year + 1, 1, 1)


def _month_after(day: dt.date) -> dt.date:
    return day if day.day == 1 else dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def spread(centres: list[int], width: int, gap: int, low: int, high: int) -> list[int]:
    """Left edges for labels of ``width`` wanting to centre on ``centres`` (ascending), kept
    ``gap`` apart inside [low, high], each cluster moved as a whole to its mean position."""
    pitch = width + gap
    clusters: list[list[float]] = []  # [first index, count, sum of wanted lefts (offset to the first)]

    def place(cluster) -> float:
        first, count, total = cluster
        return min(max(total / count, low), high - count * pitch + gap)

    for i, centre in enumerate(centres):
        clusters.append([i, 1, centre - width / 2])
        while len(clusters) > 1 and place(clusters[-2]) + clusters[-2][1] * pitch > place(clusters[-1]):
            last = clusters.pop()
            head = clusters[-1]
            head[2] += last[2] - last[1] * head[1] * pitch
            head[1] += last[1]
    lefts: list[int] = []
    for cluster in clusters:
        left = place(cluster)
        lefts.extend(round(left + k * pitch) for k in range(int(cluster[1])))
    return lefts


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

    def fits(self, chunk: list[Entry]) -> bool:
        width = self.label_width(len(chunk))
        if len(chunk) > 1 and width < self.min_w:
            return False
        return all(self.pages.typesetter.fit(e.paras, width, self.side_h) is not None for e in chunk)

    def chunks(self, entries: list[Entry]) -> list[list[Entry]]:
        most = int(self.style.number("timeline.max_per_slide"))
        total = len(entries)
        for slides in range(max(1, math.ceil(total / most)), total + 1):
            sizes = [total // slides + (1 if i < total % slides else 0) for i in range(slides)]
            chunks, start = [], 0
            for size in sizes:
                chunks.append(entries[start : start + size])
                start += size
            if all(self.fits(c) for c in chunks):
                return chunks
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
    pad = style.length("timeline.edge_pad")
    line = style.length("timeline.line")
    start = min(e.event.date.start for e in chunk).replace(day=1)
    end = _month_after(max(_end(e.event.date) for e in chunk))
    months = (end.year - start.year) * 12 + end.month - start.month
    by_year = months > style.number("timeline.month_span_limit")
    if by_year:
        start, end = dt.date(start.year, 1, 1), dt.date(end.year + (end.month > 1 or end.day > 1), 1, 1)
    x0, x1 = area.x + pad, area.right - pad
    span = (end - start).days

    def x_of(day: dt.date) -> int:
        return round(x0 + (day - start).days / span * (x1 - x0))

    axis_top = area.y + (area.h - plan.axis_h) // 2
    axis = Rect(area.x, axis_top, area.w, plan.axis_h)
    canvas.box(axis, "Timeline axis", fill=style.color("panel"))
    _ticks(canvas, pages, axis, _segments(start, end, by_year), by_year, x_of, line)

    width = plan.label_width(len(chunk))
    ts = pages.typesetter
    # One size for every label on the slide: the size the most crowded label needs.
    steps = [ts.fitting_step(e.paras, width, plan.side_h) for e in chunk]
    step = max((ts.shrink_steps(e.paras) if s is None else s) for e, s in zip(chunk, steps))
    sides = {True: [], False: []}
    for i, entry in enumerate(chunk):
        sides[i % 2 == 0].append(entry)
    for above, entries in sides.items():
        if not entries:
            continue
        markers = [x_of(e.event.date.start) for e in entries]
        # Labels hang like flags from their markers (the marker at the label's left edge), as near as the room allows.
        lefts = spread([m + width // 2 for m in markers], width, plan.gap, area.x, area.right)
        edge = axis.y if above else axis.bottom
        for k, (entry, mx, left) in enumerate(zip(entries, markers, lefts)):
            blocks = [ts.set(p, width, step) for p in entry.paras]
            height = frame_height(blocks)
            top = axis.y - plan.leader_gap - height if above else axis.bottom + plan.leader_gap
            label = Rect(left, top, width, height)
            reach = label.bottom + plan.gap // 3 if above else label.y - plan.gap // 3
            anchor = min(max(mx, left), left + width // 2)  # a displaced label is reached at its near half
            canvas.line((mx, edge), (anchor, reach), f"Leader {k + 1}", color=style.color("muted"), width=line)
            _marker(canvas, pages, mx, edge)
            canvas.text(label, blocks, f"Event: {entry.event.date}", anchor="bottom" if above else "top")


def _marker(canvas, pages: DeckPages, x: int, y: int) -> None:
    size = pages.style.length("timeline.marker")
    canvas.box(Rect(x - size // 2, y - size // 2, size, size), "Marker", kind="oval",
               fill=pages.style.color("accent"), line=pages.style.color("paper"), line_width=pages.style.length("timeline.line"))


def _segments(start: dt.date, end: dt.date, by_year: bool) -> list[tuple[dt.date, dt.date]]:
    out = []
    day = start
    while day < end:
        following = dt.date(day.year + 1, 1, 1) if by_year else _month_after(day + dt.timedelta(days=1))
        out.append((day, following))
        day = following
    return out


def _ticks(canvas, pages: DeckPages, axis: Rect, segments, by_year: bool, x_of, line: int) -> None:
    """Month (or year) names inside the axis, each centred on its month: every month when they
    fit, else every 2nd, 3rd... month; white separators between months, except under a name."""
    ts = pages.typesetter
    tick = ts.style.text("tick")
    padding = pages.style.length("timeline.label_gap")

    def name(day: dt.date, with_year: bool) -> str:
        if by_year:
            return str(day.year)
        return f"{calendar.month_abbr[day.month]} {day.year}" if with_year else calendar.month_abbr[day.month]

    labels: list[tuple[str, int, int]] = []  # text, centre, width
    for step in (1, 2, 3, 4, 6, 12, 24, 60):
        labels, last_year = [], None
        for first, end in segments[::step]:
            text = name(first, first.year != last_year)
            width = round(ts.metrics.width(text, tick.face) * tick.size * EMU_PER_POINT) + padding
            labels.append((text, (x_of(first) + x_of(end)) // 2, width))
            last_year = first.year
        inside = all(axis.x <= c - w // 2 and c + w // 2 <= axis.right for _, c, w in labels)
        if inside and all(b[1] - a[1] >= (a[2] + b[2]) // 2 for a, b in zip(labels, labels[1:])):
            break
    else:
        labels = []
    for first, _ in segments[1:]:
        x = x_of(first)
        if not any(abs(x - c) < w // 2 for _, c, w in labels):
            canvas.line((x, axis.y), (x, axis.bottom), "Axis division", color=pages.style.color("paper"), width=line * 2)
    for text, centre, width in labels:
        blocks = [ts.set(para(text, "tick", align="center"), width)]
        canvas.text(Rect(centre - width // 2, axis.y, width, axis.h), blocks, "Axis label", anchor="middle")
