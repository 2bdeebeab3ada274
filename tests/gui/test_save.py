"""Save changes only what the analyst changed; a field the brief cannot hold blocks saving; the
example opens as an untitled copy."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.formats.load import check

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_save_without_changes_writes_the_brief_byte_for_byte(window, open_in, workdir, example_brief, qtbot):
    brief = workdir / "us-pakistan-reset.brief.yaml"
    open_in(window, brief)
    focus = window.findings.search
    focus.setFocus()
    # An edit and its undo leave the brief as loaded, yet Save writes it again.
    qtbot.keyClick(focus, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    window.act_save.trigger()
    assert brief.read_bytes() == example_brief.read_bytes()


def test_save_changes_only_what_the_analyst_changed(window, open_in, workdir, example_brief, qtbot):
    brief = workdir / "us-pakistan-reset.brief.yaml"
    original = brief.read_text(encoding="utf-8")
    open_in(window, brief)
    window.brief.focus_outline()
    qtbot.keyClick(window.brief.view, Qt.Key.Key_Down)  # the second finding of the outline
    second = window.finding.finding_id
    headline = window.finding.annotation.headline
    headline.setFocus()
    qtbot.keyClicks(headline, "India stays central")
    qtbot.keyClick(headline, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    saved = brief.read_text(encoding="utf-8")
    assert changed_lines(original, saved) == ["+    title: India stays central"]
    assert saved.startswith("# yaml-language-server: $schema=../schema/brief.schema.json\n")
    assert [d for d in check(brief) if d.is_error] == []
    assert window.session.selection_for(second).title == "India stays central"

    # Remove a finding and reorder: the blank lines between findings stay one per gap.
    window.brief.view.setFocus()
    qtbot.keyClick(window.brief.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.brief.view, Qt.Key.Key_End)
    qtbot.keyClick(window.brief.view, Qt.Key.Key_Delete)
    qtbot.keyClick(window.brief.view, Qt.Key.Key_S, CTRL)
    again = brief.read_text(encoding="utf-8")
    assert "\n\n\n" not in again and again.endswith("priority: medium\n")
    assert again.count("\n  - id: ") == 6 and again.count("\n\n  - id: ") == 5
    assert "date: 2025-08-06\n" in again and "subtitle: >-\n" in again


def test_an_invalid_date_blocks_saving_with_a_message(window, open_in, workdir, qtbot, dialogs):
    brief = workdir / "us-pakistan-reset.brief.yaml"
    before = brief.read_bytes()
    open_in(window, brief)
    window.brief.show_details()
    date = window.brief.metadata.edits["date"]
    date.selectAll()
    qtbot.keyClicks(date, "2025-13-45")
    qtbot.keyClick(date, Qt.Key.Key_S, CTRL)
    title, text, _ = dialogs.shown[-1]
    assert title == "Cannot Save" and "2025-13-45" in text
    assert brief.read_bytes() == before
    assert window.isWindowModified()  # the work is still marked unsaved
    assert QApplication.focusWidget() is date and date.text() == "2025-13-45"
    date.selectAll()
    qtbot.keyClicks(date, "2025-09")
    qtbot.keyClick(date, Qt.Key.Key_S, CTRL)
    assert "date: '2025-09'\n" in brief.read_text(encoding="utf-8") and not window.isWindowModified()


def test_the_example_opens_as_an_untitled_copy(window, qtbot, dialogs, tmp_path, example_brief, example_summary):
    loaded = []
    window.document_loaded.connect(lambda: loaded.append(1))
    window.findings.empty.buttons.itemAt(1).widget().click()  # "Try the Example"
    qtbot.waitUntil(lambda: bool(loaded), timeout=20000)
    assert len(window.session.selection) == 7  # the ready brief, not the bare summary
    assert window.session.brief_path is None and "untitled" in window.windowTitle().lower()
    shutil.copy(example_summary, tmp_path / example_summary.name)
    target = tmp_path / "mine.brief.yaml"
    dialogs.save_paths.append(target)
    shipped = example_brief.read_bytes()
    window.findings.search.setFocus()
    qtbot.keyClick(window.findings.search, Qt.Key.Key_S, CTRL)
    assert not dialogs.save_requests[-1][1].startswith(str(example_brief.parent))
    assert example_brief.read_bytes() == shipped and target.is_file()
    assert [d for d in check(target, allow_outside_paths=True) if d.is_error] == []  # it names the bundled summary, elsewhere


def test_saving_over_a_brief_replaced_on_disk_by_deep_nesting_writes_it_in_full_and_says_where(
        window, open_in, workdir, qtbot, monkeypatch):
    """The file on disk became 5,000 nested brackets after it was opened: Ctrl+S writes the analyst's
    brief at once (ruamel.yaml, quadratic in nesting, is never handed it) and the status bar says
    the old file was no brief, with the loader's located reason."""
    from ruamel.yaml import YAML

    brief = workdir / "us-pakistan-reset.brief.yaml"
    open_in(window, brief)
    window.brief.focus_outline()  # a finding of the brief in the middle pane
    headline = window.finding.annotation.headline
    headline.setFocus()
    headline.selectAll()
    qtbot.keyClicks(headline, "Kept")
    brief.write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    handed: list[object] = []
    real_load = YAML.load
    monkeypatch.setattr(YAML, "load", lambda self, stream: handed.append(stream) or real_load(self, stream))
    qtbot.keyClick(headline, Qt.Key.Key_S, CTRL)
    assert handed == [] and not window.isWindowModified()
    assert [d for d in check(brief) if d.is_error] == []
    assert "title: Kept" in [line.strip() for line in brief.read_text(encoding="utf-8").splitlines()]
    message = window.statusBar().currentMessage()
    assert f"{brief}:1:" in message and "not a brief" in message


def test_an_export_of_the_example_is_not_proposed_beside_the_shipped_example(window, qtbot, dialogs, example_brief):
    """Exports of the untitled example go where its first save would (the documents folder, or the
    export folder of Preferences), never into the folder the app ships its example in. Found by
    the red team: Export Deck proposed <shipped assets>/us-pakistan-reset.brief.pptx."""
    loaded = []
    window.document_loaded.connect(lambda: loaded.append(1))
    window.findings.empty.buttons.itemAt(1).widget().click()  # "Try the Example"
    qtbot.waitUntil(lambda: bool(loaded) and window.session.brief_path is None, timeout=20000)
    window.act_export_deck.trigger()  # the dialog is cancelled: nothing is written
    proposed = Path(dialogs.save_requests[-1][1])
    assert proposed.parent != example_brief.parent and proposed.name == "example.brief.pptx"
