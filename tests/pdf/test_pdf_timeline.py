"""The timeline figure: partial dates at the start of their month, and nothing on it overlapping."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Circle, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.dates import PartialDate
from briefing.pdf import load_style
from briefing.pdf.fontset import FontSet
from briefing.pdf.timeline import TimelineAxis, place_markers, timeline_drawing

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
