"""Timeline slides read back from the deck: leaders never cross, labels never overlap, long empty
stretches become axis breaks, partial dates sit at the start of their month or year."""

from __future__ import annotations

import datetime as dt

import pytest
from deck_helpers import clustered_timeline, make_brief, make_finding, make_summary
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.layout.axis import AxisRules, TimeAxis
from briefing.deck.layout.placement import lean, place_labels
from briefing.deck.style import EMU_PER_INCH, load_style

INCH = EMU_PER_INCH


def _timeline_slides(path):
    return [s for s in Presentation(str(path)).slides if s.slide_layout.name == "Timeline"]


def _leaders(slide):
    return [((s.begin_x, s.begin_y), (s.end_x, s.end_y)) for s in slide.shapes if s.name.startswith("Leader")]


def _labels(slide):
    return [(s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes if s.name.startswith("Event:")]


def _leader_of(slide) -> dict:
    """Each label's leader: the timeline draws a leader, then its marker, then its label."""
    out, leader = {}, None
    for shape in slide.shapes:
        if shape.name.startswith("Leader"):
            leader = ((shape.begin_x, shape.begin_y), (shape.end_x, shape.end_y))
        elif shape.name.startswith("Event:"):
            out[shape.name] = leader
    return out


def _turn(a, b, c) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _within(a, b, c) -> bool:
    """``c``, on the line through a and b, lies on the segment a-b."""
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])


def _cross(s, t) -> bool:
    """The segments meet anywhere but at a shared end point (two leaders from one marker)."""
    (a, b), (c, d) = s, t
    if {a, b} & {c, d}:
        shared = ({a, b} & {c, d}).pop()
        far_s, far_t = (b if a == shared else a), (d if c == shared else c)
        return _turn(shared, far_s, far_t) == 0 and (_within(shared, far_s, far_t) or _within(shared, far_t, far_s))
    d1, d2, d3, d4 = _turn(c, d, a), _turn(c, d, b), _turn(a, b, c), _turn(a, b, d)
    if d1 != d2 and d3 != d4:
        return True
    return any(turn == 0 and _within(p, q, r) for turn, (p, q, r) in
               ((d1, (c, d, a)), (d2, (c, d, b)), (d3, (a, b, c)), (d4, (a, b, d))))


def _overlap(r, q) -> bool:
    return r[0] < q[2] and q[0] < r[2] and r[1] < q[3] and q[1] < r[3]


def _segment_enters(segment, box) -> bool:
    """The segment passes through the inside of ``box`` (sampled finely; leaders are short)."""
    (x0, y0), (x1, y1) = segment
    steps = 200
    return any(box[0] < x0 + (x1 - x0) * k / steps < box[2] and box[1] < y0 + (y1 - y0) * k / steps < box[3]
               for k in range(steps + 1))


def assert_tidy(path) -> int:
    """No leader crosses another or runs through a label, no two labels overlap; the number of leaders."""
    slides = _timeline_slides(path)
    assert slides
    total = 0
    for number, slide in enumerate(slides, start=1):
        leaders, labels = _leaders(slide), _labels(slide)
        assert len(leaders) == len(labels) > 0
        total += len(leaders)
        for i, s in enumerate(leaders):
            for t in leaders[i + 1 :]:
                assert not _cross(s, t), (number, s, t)
            for box in labels:
                assert not _segment_enters(s, box), (number, s, box)
        for i, r in enumerate(labels):
            for q in labels[i + 1 :]:
                assert not _overlap(r, q), (number, r, q)
    return total


@pytest.fixture(scope="module")
def clustered_deck(tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "clustered.pptx"
    render_pptx(make_brief(make_summary([make_finding("f1")], timeline=clustered_timeline())), None, path)
    return path


def test_the_crossing_check_sees_crossings_and_lets_leaders_share_a_marker():
    assert _cross(((0, 0), (10, 10)), ((0, 10), (10, 0)))
    assert not _cross(((0, 0), (0, 10)), ((0, 0), (5, 10)))  # one marker, two labels
    assert _cross(((0, 0), (0, 10)), ((0, 0), (0, 5)))  # drawn over each other
    assert not _cross(((0, 0), (0, 10)), ((1, 0), (1, 10)))


def test_example_timeline_leaders_are_upright_and_never_cross_and_labels_never_overlap(example_deck):
    assert assert_tidy(example_deck) == 11
    for slide in _timeline_slides(example_deck):
        assert all(start[0] == end[0] for start, end in _leaders(slide))  # upright: the label spans its marker
        assert all(end[1] - start[1] != 0 for start, end in _leaders(slide))


def test_clustered_timeline_with_a_long_gap_keeps_leaders_apart_and_labels_apart(clustered_deck):
    assert len(clustered_timeline()) == 30
    assert assert_tidy(clustered_deck) >= 30
    texts = [s.text_frame.text for slide in _timeline_slides(clustered_deck) for s in slide.shapes if s.name == "Axis label"]
    assert "Jun 2019" in texts and "Feb 2023" in texts  # the years between are cut out


def test_an_empty_year_becomes_an_axis_break_and_a_year_sits_at_its_start(example_deck):
    first = _timeline_slides(example_deck)[0]
    names = [s.name for s in first.shapes]
    assert names.count("Axis break") == 2  # a double slash
    assert names.count("Timeline axis") == 2  # the bar on either side of it
    ticks = [s.text_frame.text for s in first.shapes if s.name == "Axis label"]
    assert ticks == ["Jan 2024", "Jan 2025", "Feb", "Mar", "Apr"]
    (year,) = [s for s in first.shapes if s.name == "Event: 2024"]
    assert year.text_frame.paragraphs[0].text == "2024"  # labelled as a year
    pad = load_style().length("timeline.edge_pad")
    bars = sorted(s.left for s in first.shapes if s.name == "Timeline axis")
    leaders = _leader_of(first)
    assert leaders["Event: 2024"][0][0] == bars[0] + pad  # at the start of its year, which starts the axis
    divisions = {s.begin_x for s in first.shapes if s.name == "Axis division"}  # where two months meet
    assert leaders["Event: 2025-03"][0][0] in divisions  # at 1 March


def _rules(**changes) -> AxisRules:
    values = dict(edge_pad=INCH // 5, break_gap=INCH * 3 // 10, break_min=3, break_share=0.25, month_limit=40)
    values.update(changes)
    return AxisRules(**values)


def test_axis_cuts_a_long_empty_stretch_and_keeps_one_scale():
    days = [dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 20), dt.date(2025, 3, 1), dt.date(2025, 4, 1)]
    axis = TimeAxis(days, 0, 12 * INCH, _rules())
    assert not axis.by_year
    assert [[c.start for c in p.cells] for p in axis.pieces] == [
        [dt.date(2024, 1, 1)], [dt.date(2025, m, 1) for m in (1, 2, 3, 4)]]
    january, = axis.pieces[0].cells
    assert abs((january.right - january.left) - (axis.pieces[1].cells[0].right - axis.pieces[1].cells[0].left)) <= 1
    xs = [axis.x(d) for d in days]
    assert xs == sorted(xs) and xs[0] == INCH // 5
    assert len(axis.breaks) == 1 and axis.breaks[0][1] - axis.breaks[0][0] == INCH * 3 // 10


def test_axis_keeps_short_gaps_and_ticks_long_spans_by_year():
    short = TimeAxis([dt.date(2025, 1, 1), dt.date(2025, 3, 1), dt.date(2025, 5, 1)], 0, 12 * INCH, _rules())
    assert len(short.pieces) == 1 and len(short.pieces[0].cells) == 5
    years = TimeAxis([dt.date(2010 + y, 6, 1) for y in range(0, 8)], 0, 12 * INCH, _rules())
    assert years.by_year and [c.start.year for c in years.pieces[0].cells] == list(range(2010, 2018))


def test_labels_stay_in_order_apart_and_inside_and_span_their_markers_when_there_is_room():
    width, gap = 3 * INCH, INCH // 6
    markers = [INCH, 4 * INCH + INCH // 2, 8 * INCH, 11 * INCH + INCH // 2]
    assert place_labels(markers, width, gap, 0, 15 * INCH) == markers  # each hangs from its marker like a flag
    lefts = place_labels(markers, width, gap, 0, 13 * INCH)  # the last must move left: the others make way
    assert all(b - a >= width + gap for a, b in zip(lefts, lefts[1:]))
    assert lefts[0] >= 0 and lefts[-1] + width == 13 * INCH
    assert [lean(m, x, width) for m, x in zip(markers, lefts)] == [0, 0, 0, 0]


def test_a_crowded_row_leans_as_little_as_it_must():
    width, gap = 3 * INCH, INCH // 6
    markers = [6 * INCH] * 4  # four labels for one date fill the row
    lefts = place_labels(markers, width, gap, 0, 4 * width + 3 * gap)
    assert lefts == [0, width + gap, 2 * (width + gap), 3 * (width + gap)]
