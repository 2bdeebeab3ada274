"""What the status bar says about exports: warnings in view, a progress bar with a real Cancel,
a launcher that is missing, a message that belongs to the file shown; and columns that fit."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

pytestmark = pytest.mark.gui


def test_export_warnings_are_visible_and_listed_in_full(window, open_in, workdir, qtbot, dialogs):
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    push(window.stack, window.session.set_metadata("marking", "UNCLASSIFIED " * 40))
    dialogs.save_paths.append(workdir / "warned.pptx")
    with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
        window.act_export_deck.trigger()
    assert done.args[0].warnings
    text = window.export_label.text()
    assert "1 warning: the marking is too long" in text or "warnings: the marking is too long" in text, text
    assert window.warnings_button.isVisibleTo(window)
    window.warnings_button.click()
    title, shown, details = dialogs.shown[-1]
    assert title == "Export Warnings" and "marking is too long" in shown and "marking is too long" in details


def test_a_long_export_shows_progress_and_cancel_writes_nothing(window, open_in, workdir, qtbot, dialogs):
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.yaml")
    push(window.stack, window.session.select([f.id for f in window.session.findings]))
    target = workdir / "out.pptx"
    dialogs.save_paths.append(target)
    window.act_export_deck.trigger()
    assert window.export_bar.isVisibleTo(window) and window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.export_finished, timeout=10000) as done:
        window.cancel_button.click()
    assert done.args[0] is None
    assert "cancelled" in window.export_label.text() and not window.export_bar.isVisibleTo(window)
    assert not target.exists()
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".briefing-export")] == []
    # The next export starts a fresh worker and finishes.
    with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
        window.act_export_deck.trigger()
    assert done.args[0].path == target and target.is_file()
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".briefing-export")] == []


def test_open_without_a_launcher_says_so_and_a_new_file_clears_the_last_export(window, open_in, workdir, qtbot, dialogs, monkeypatch):
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    dialogs.save_paths.append(workdir / "brief.pdf")
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export_pdf.trigger()
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))  # no xdg-open, no desktop
    window.open_button.click()
    assert "Cannot open \u201cbrief.pdf\u201d" in window.export_label.text()
    window.folder_button.click()
    assert "no application is set up" in window.export_label.text()

    open_in(window, workdir / "us-pakistan-reset.yaml")
    assert window.export_label.text() == ""
    assert not window.open_button.isVisibleTo(window) and not window.folder_button.isVisibleTo(window)


def test_columns_fit_a_1024_pixel_window(window, open_in, workdir, qtbot):
    from briefing_gui.findings import FindingsModel
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.yaml")
    window.resize(1024, 700)
    qtbot.wait(50)
    view = window.findings.view
    header = view.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(4)]
    assert widths[FindingsModel.TITLE] >= max(widths[FindingsModel.THEME], widths[FindingsModel.CONFIDENCE]) * 1.3, widths
    assert widths[FindingsModel.TITLE] >= view.fontMetrics().horizontalAdvance("x" * 16), widths
    # "100" beside its tick box is not cut.
    push(window.stack, window.session.select([f.id for f in window.session.findings]))
    needed = view.fontMetrics().horizontalAdvance("100") + view.style().pixelMetric(view.style().PixelMetric.PM_IndicatorWidth)
    assert widths[FindingsModel.IN_BRIEF] > needed
    # The theme chip wraps inside the middle pane rather than running past its edge.
    chip = window.finding.theme
    pane = window.finding.facts
    assert chip.isVisible() and chip.text().startswith("Theme: ")
    assert chip.mapTo(pane, chip.rect().topRight()).x() <= pane.width()


def test_a_long_preview_pages_with_page_down_and_waits_for_typing_to_pause(make_window, open_in, workdir, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtPdfWidgets import QPdfView

    from briefing_gui import preview as preview_module

    monkeypatch.setattr(preview_module, "CONTINUOUS_PAGES", 2)  # the example's 6 pages count as long here
    window = make_window(preview_delay_ms=50)
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    pane = window.preview
    with qtbot.waitSignal(pane.updated, timeout=60000):
        pane.render_now()
    assert pane.view.pageMode() == QPdfView.PageMode.SinglePage and pane.document.pageCount() > 2
    assert pane.next_page.isVisibleTo(window) and pane.page_label.text() == f"1 / {pane.document.pageCount()}"
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)
    assert pane.view.pageNavigator().currentPage() == 1 and pane.page_label.text().startswith("2 / ")

    # A render that arrives while the analyst types is held until typing pauses.
    pane.schedule()  # an edit just now
    shown = pane.last
    pane._rendered(shown)
    assert pane._pending is shown and pane.idle.isActive()
    qtbot.waitUntil(lambda: pane._pending is None, timeout=5000)


def test_the_first_window_fits_the_screen(window):
    """A first start (no saved geometry) opens no larger than the screen it is on, unless the panes'
    own minimum is larger still (the offscreen test screen is 800x600)."""
    available, smallest = window.screen().availableGeometry().size(), window.minimumSizeHint()
    assert window.width() <= max(available.width(), smallest.width())
    assert window.height() <= max(available.height(), smallest.height())


def test_a_first_window_on_a_screen_smaller_than_its_usual_size_leaves_room_for_a_frame(window):
    """A window as large as the work area loses its bottom edge (the status bar) under the title bar
    the window manager adds; on a screen smaller than its usual size it takes nine tenths."""
    from briefing_gui.mainwindow import DEFAULT_SIZE, FIRST_SHARE_OF_SMALL_SCREEN

    available, smallest = window.screen().availableGeometry().size(), window.minimumSizeHint()
    assert DEFAULT_SIZE.height() > available.height()  # the offscreen test screen is 800x600
    assert window.height() <= max(round(available.height() * FIRST_SHARE_OF_SMALL_SCREEN), smallest.height())
    assert window.width() <= max(round(available.width() * FIRST_SHARE_OF_SMALL_SCREEN), smallest.width())


def test_the_export_bar_counts_the_exports_real_progress(window, open_in, workdir, qtbot, dialogs):
    """The worker reports the deck's findings set: the bar goes from busy to a share of the work,
    never backwards, and the last report is the whole of it."""
    import yaml

    from briefing_gui import workers
    from briefing_gui.undo import push

    data = yaml.safe_load((workdir / "us-pakistan-reset.yaml").read_text(encoding="utf-8"))
    data["findings"] = [dict(f, id=f["id"] if n == 0 else f"{f['id']}-{n}") for n in range(12) for f in data["findings"]]
    big = workdir / "big.yaml"
    big.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    open_in(window, big)
    push(window.stack, window.session.select([f.id for f in window.session.findings]))
    shown: list[tuple[int, int]] = []
    window.export_bar.valueChanged.connect(lambda value: shown.append((value, window.export_bar.maximum())))
    dialogs.save_paths.append(workdir / "big.pptx")
    with qtbot.waitSignal(window.export_finished, timeout=300000) as done:
        window.act_export_deck.trigger()
        assert window.export_bar.maximum() == 0  # busy until the worker's first report
        qtbot.waitUntil(lambda: window.export_bar.maximum() > 0, timeout=120000)
        window.statusBar().grab().toImage().save(str(workdir / "status-while-exporting.png"))  # as the user sees it
    steps = len(window.session.selection) + 3  # opening slides, each finding, closing slides, the file written
    assert steps > 250 and done.args[0].pages > steps and workers.EXPORT.progress() == (steps, steps)
    determinate = [(value, top) for value, top in shown if top > 0]
    assert determinate and all(top == steps and 0 < value <= steps for value, top in determinate), shown
    assert [value for value, _ in determinate] == sorted(value for value, _ in determinate)
