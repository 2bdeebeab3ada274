"""The keyboard as an analyst uses it: real key presses, with focus where a user has it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QTabBar

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def opened(window, open_in, workdir, qtbot):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def focus(qtbot, widget):
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


def test_window_shortcuts_work_whatever_has_focus(opened, qtbot, dialogs):
    window = opened
    fields = [window.findings.search, window.finding.annotation.note, window.brief.metadata.edits["date"]]
    window.act_add.trigger()  # the annotation fields exist only for a finding in the brief
    window.brief.show_details()
    for field in fields:
        focus(qtbot, field)
        before = len(dialogs.save_requests)
        qtbot.keyClick(field, Qt.Key.Key_E, CTRL)  # a line edit's "end of line" on Linux
        assert [t for t, _ in dialogs.save_requests[before:]] == ["Export Deck"], field.accessibleName()
        qtbot.keyClick(field, Qt.Key.Key_E, CTRL | SHIFT)
        assert dialogs.save_requests[-1][0] == "Export PDF"
    focus(qtbot, window.findings.search)
    qtbot.keyClick(window.findings.search, Qt.Key.Key_I, CTRL)
    assert window.brief.tabs.currentIndex() == window.brief.DETAILS_TAB
    assert QApplication.focusWidget() is window.brief.metadata.edits["title"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert QApplication.focusWidget() is window.finding.annotation.headline


def test_add_and_remove_follow_the_current_row_after_a_search(opened, qtbot):
    window = opened
    search = focus(qtbot, window.findings.search)
    qtbot.keyClicks(search, "trade")
    shown = window.findings.current_id()
    assert shown and "trade" in window.session.search_text(window.session.row_of(shown))
    assert window.finding.finding_id == shown  # the middle pane shows the current row
    assert window.act_add.isEnabled() and not window.act_remove.isEnabled()
    assert window.finding.in_brief.text() == "Not in brief"

    qtbot.keyClick(search, Qt.Key.Key_Return, CTRL)  # add, from the search box
    assert window.session.is_selected(shown)
    assert not window.act_add.isEnabled() and window.act_remove.isEnabled()
    assert window.finding.in_brief.text() == "In brief: #1"
    qtbot.keyClick(search, Qt.Key.Key_Backspace, CTRL | SHIFT)  # remove, still from the search box
    assert not window.session.is_selected(shown)

    qtbot.keyClick(search, Qt.Key.Key_Down)  # into the list, on the current row
    assert QApplication.focusWidget() is window.findings.view
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Down)
    moved = window.findings.current_id()
    assert moved != shown and window.finding.finding_id == moved
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Space)
    assert window.session.is_selected(moved)


def test_nothing_matches_then_nothing_is_shown_or_acted_on(opened, qtbot):
    window = opened
    qtbot.keyClicks(focus(qtbot, window.findings.search), "zzz no such finding")
    assert window.findings.proxy.rowCount() == 0
    assert window.finding.finding_id == "" and not window.act_add.isEnabled() and not window.act_remove.isEnabled()
    qtbot.keyClick(window.findings.search, Qt.Key.Key_Escape)
    assert window.findings.search.text() == "" and window.findings.proxy.rowCount() == 21
    assert window.finding.finding_id == window.findings.current_id() != ""


def test_current_row_and_the_middle_pane_agree_through_the_outline(opened, qtbot):
    window = opened
    ids = [f.id for f in window.session.findings]
    view = focus(qtbot, window.findings.view)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert [s.id for s in window.session.selection] == ids[:3]
    list_current = window.findings.current_id()
    assert list_current == ids[3] == window.finding.finding_id

    qtbot.keyClick(view, Qt.Key.Key_3, CTRL)  # into the outline
    outline = window.brief.view
    assert QApplication.focusWidget() is outline
    qtbot.keyClick(outline, Qt.Key.Key_End)
    assert window.finding.finding_id == ids[2]
    qtbot.keyClick(outline, Qt.Key.Key_Up)
    assert window.finding.finding_id == ids[1]
    assert window.act_remove.isEnabled() and window.act_up.isEnabled()
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    assert [s.id for s in window.session.selection] == [ids[0], ids[2]]
    current = window.brief.model.finding_id(outline.currentIndex().row())
    assert window.finding.finding_id == current  # the pane moved with the outline's current row

    qtbot.keyClick(outline, Qt.Key.Key_1, CTRL)  # back to the list: its current row again
    assert QApplication.focusWidget() is view
    assert window.finding.finding_id == list_current == window.findings.current_id()


def test_tab_moves_between_panes_in_reading_order(opened, qtbot):
    window = opened
    window.act_add.trigger()  # the annotation editor shows
    start = focus(qtbot, window.findings.search)
    visited = [start]
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is start:
            break
    names = [w.accessibleName() or type(w).__name__ for w in visited]
    table = window.findings.view
    print(names)
    assert visited.count(table) == 1, names  # one stop, not cell to cell
    expected = [
        window.findings.search, table, window.finding.details, window.finding.annotation.headline,
        window.finding.annotation.note, window.brief.view, window.preview.zoom,
    ]
    places = [visited.index(w) for w in expected]
    assert places == sorted(places), names
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is visited[-2]


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_alt_keys_are_unique_and_alt_h_opens_help(opened, qtbot):
    window = opened
    keys: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        keys.setdefault(_mnemonic(action.text()), []).append(action.text())
    for widget in window.centralWidget().findChildren(QLabel):
        if widget.buddy() is not None:
            keys.setdefault(_mnemonic(widget.text()), []).append(widget.text())
    for widget in window.centralWidget().findChildren(QAbstractButton):
        keys.setdefault(_mnemonic(widget.text()), []).append(widget.text())
    for bar in window.centralWidget().findChildren(QTabBar):
        for i in range(bar.count()):
            keys.setdefault(_mnemonic(bar.tabText(i)), []).append(bar.tabText(i))
    keys.pop(None, None)
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}

    window.act_add.trigger()
    focus(qtbot, window.finding.annotation.note)
    qtbot.keyClick(window.finding.annotation.note, Qt.Key.Key_H, ALT)
    menu = window.help_menu
    qtbot.waitUntil(menu.isVisible)
    menu.hide()
    qtbot.keyClick(window.finding.annotation.note, Qt.Key.Key_L, ALT)
    assert QApplication.focusWidget() is window.finding.annotation.headline


@pytest.mark.parametrize(("key", "answer"), [(Qt.Key.Key_D, QMessageBox.StandardButton.Discard), (Qt.Key.Key_S, QMessageBox.StandardButton.Save), (Qt.Key.Key_C, QMessageBox.StandardButton.Cancel)])
def test_unsaved_changes_dialog_answers_to_alt_keys(window, qtbot, key, answer):
    from briefing_gui import dialogs

    box = dialogs.unsaved_box(window, "brief.yaml")
    assert _buttons_then_press(qtbot, box, key) == sorted(["&Save", "&Don't Save", "&Cancel"])
    assert box.standardButton(box.clickedButton()) == answer


def _buttons_then_press(qtbot, box, key) -> list[str]:
    """Show a question box as a user sees it, press Alt+``key`` in it; its buttons' texts, sorted."""
    box.setWindowModality(Qt.WindowModality.NonModal)  # shown, not exec'd: the test keeps the event loop
    box.show()
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    texts = sorted(b.text() for b in box.buttons())
    qtbot.keyClick(QApplication.focusWidget() or box, key, ALT)
    qtbot.waitUntil(lambda: box.clickedButton() is not None)  # buttons "animate" the click first
    return texts


def test_undo_and_redo_keys_in_the_search_box_and_fields(opened, qtbot):
    window = opened
    search = focus(qtbot, window.findings.search)
    qtbot.keyClick(search, Qt.Key.Key_Return, CTRL)
    assert len(window.session.selection) == 1
    qtbot.keyClicks(search, "pakistan")
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)  # the brief's last edit, not the search text
    assert len(window.session.selection) == 0 and search.text() == "pakistan"
    qtbot.keyClick(search, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes on Linux too
    assert len(window.session.selection) == 1
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(window.session.selection) == 1

    headline = focus(qtbot, window.finding.annotation.headline)
    qtbot.keyClicks(headline, "Sharper")
    qtbot.keyClick(headline, Qt.Key.Key_Backspace, CTRL)  # deletes the word: Ctrl+Backspace stays with the field
    assert len(window.session.selection) == 1 and headline.text() == ""


@pytest.mark.parametrize(("key", "answer"), [(Qt.Key.Key_R, "&Restore"), (Qt.Key.Key_D, "&Discard"), (Qt.Key.Key_L, "&Later")])
def test_restore_dialog_answers_to_alt_keys(window, qtbot, key, answer):
    from briefing_gui import dialogs
    from briefing_gui.recovery import RecoveredWork

    work = RecoveredWork("k", Path("."), Path("s.yaml"), Path("brief.yaml"), "A brief", 0.0)
    box = dialogs.restore_box(window, work)
    assert _buttons_then_press(qtbot, box, key) == sorted(["&Restore", "&Discard", "&Later"])
    assert box.clickedButton().text() == answer
