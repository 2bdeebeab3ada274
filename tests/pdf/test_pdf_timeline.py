"""The timeline figure: partial dates at the start of their month, nothing on it overlapping, the whole
calendar on its axis, and figures taller than a page split across pages."""

from __future__ import annotations

import datetime as dt

from pdf_helpers import REPO, all_text, render_file
from reportlab.graphics.shapes import Circle, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.dates import PartialDate
from briefing.pdf import load_style
from briefing.pdf.fontset import FontSet
from briefing.pdf.timeline import Figure, Label, TimelineAxis, TimelinePlan, place_markers, timeline_drawing

P = PartialDate.parse


def test_partial_dates_sit_at_the_start_of_their_month_or_year():
    axis = TimelineAxis([P("2024"), P("2025-05"), P("2025-07-25")], 400)
    assert axis.x(P("2025-05").start) == axis.x(dt.date(2025, 5, 1))
    assert axis.x(P("2024").start) == 0  # the axis starts at the first month shown
    assert axis.x(P("2025-07-25").start) < 400  # ... and runs to the end of the last month
    assert axis.x(P("2025-05").start) < axis.x(P("2025-05-20").start) < axis.x(P("2025-06").start)


def test_tick_labels_are_months_and_never_overlap():
    font, size = "Helvetica", 8
    for dates, width in (([P("2025-01"), P("2025-02")], 400), ([P("2024"), P("2025-07-26")], 380),
                         ([P("1990"), P("2025-12")], 380), ([P("2025-03-01"), P("2025-03-02")], 120)):
        labelled, _ = TimelineAxis(dates, width).ticks(font, size)
        assert labelled
        extents = sorted((c - stringWidth(t, font, size) / 2, c + stringWidth(t, font, size) / 2) for _, c, t in labelled)
        assert extents[0][0] >= 0 and extents[-1][1] <= width
        for (_, right), (left, _) in zip(extents, extents[1:]):
            assert right <= left
        for _, _, text in labelled:
            assert text.isdigit() or text.split()[0] in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                         "Oct", "Nov", "Dec")


def test_markers_never_overlap():
    xs = [0, 3, 5, 40, 41, 42, 43, 100, 100, 100]
    levels = place_markers(xs, radius=6, gap=2)
    for i in range(len(xs)):
        for j in range(i):
            if levels[i] == levels[j]:
                assert abs(xs[i] - xs[j]) >= 14


def test_figure_shapes_do_not_collide():
    sheet = load_style(None)
    fonts = FontSet(sheet, "0123456789 JanFebMarAprMayJunJulAugSepOctNovDec")
    font = fonts.font_name("sans")
    dates = [P(d) for d in ("2024", "2025-01", "2025-01-20", "2025-03", "2025-04", "2025-04", "2025-05", "2025-06",
                            "2025-06", "2025-07-25", "2025-07-26")]
    drawing = timeline_drawing(dates, 380, sheet.component("timeline"), tick_font=font, tick_size=8, marker_font=font)
    circles = [s for s in drawing.contents if isinstance(s, Circle)]
    assert len(circles) == len(dates)
    for i, a in enumerate(circles):
        assert 0 <= a.cx - a.r and a.cx + a.r <= drawing.width and a.cy + a.r <= drawing.height
        for b in circles[:i]:
            assert (a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2 >= (a.r + b.r) ** 2
    labels = [s for s in drawing.contents if isinstance(s, String) and not s.text.isdigit()]
    assert labels and all(s.y < min(c.cy - c.r for c in circles) for s in labels)  # tick labels below the markers


def _plan(dates, sheet):
    fonts = FontSet(sheet, "0123456789 JanFebMarAprMayJunJulAugSepOctNovDec")
    font = fonts.font_name("sans")
    return TimelinePlan(dates, 380, sheet.component("timeline"), tick_font=font, tick_size=8, marker_font=font)


def test_the_axis_reaches_the_first_and_last_days_of_the_calendar():
    for dates in ([P("0001-01-01")], [P("9999-12-31")], [P("0001"), P("9999")], [P("9999-12")]):
        axis = TimelineAxis(dates, 400)
        for d in dates:
            assert 0 <= axis.x(d.start) < 400
        labelled, _ = axis.ticks("Helvetica", 8)
        assert labelled and all(1 <= int(text.split()[-1]) <= 9999 for _, _, text in labelled)


def test_a_figure_taller_than_the_page_splits_into_parts_that_show_every_marker_once():
    sheet = load_style(None)
    dates = [P((dt.date(2025, 1, 1) + dt.timedelta(days=i % 30)).isoformat()) for i in range(1500)]
    plan = _plan(dates, sheet)
    room = 500.0
    figure, parts = Figure(plan), []
    while True:
        pieces = figure.split(380, room)
        if pieces == [figure]:
            parts.append(figure)
            break
        head, figure = pieces
        parts.append(head)
    assert len(parts) > 2
    assert all(part.height <= room for part in parts)
    numbers = [int(s.text) for part in parts for s in part.sketch.shapes if isinstance(s, Label) and s.text.isdigit()
               and s.font == part.plan.marker_font and s.size != 8]
    assert sorted(numbers) == list(range(1, 1501))
    assert Figure(plan).split(380, plan.height(1) - 1) == []  # not even one row fits: the next page


def test_a_timeline_of_thousands_of_events_exports_across_pages(tmp_path):
    import yaml

    summary = yaml.safe_load((REPO / "tests" / "data" / "valid" / "mini.yaml").read_text(encoding="utf-8"))
    start = dt.date(2020, 1, 1)
    summary["timeline"] = [{"date": (start + dt.timedelta(days=i % 400)).isoformat(), "event": f"Event {i}"}
                           for i in range(1300)]
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump(summary), encoding="utf-8")
    result = render_file(source, tmp_path / "long.pdf")
    text = all_text(tmp_path / "long.pdf")
    assert result.pages > 10
    assert all(f"Event {i}" in text for i in range(1300))
