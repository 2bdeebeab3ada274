"""Never lose work: broken files refused with located messages, the unsaved-changes prompt,
crash recovery, recent files and settings."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui

Button = QMessageBox.StandardButton


def select_first(window, count=2):
    from briefing_gui.undo import push

    push(window.stack, window.session.select([f.id for f in window.session.findings[:count]]))


def test_a_broken_file_shows_the_validators_messages_and_nothing_crashes(window, open_in, workdir, qtbot, dialogs):
    broken = workdir / "broken.yaml"
    broken.write_text("format: summary/1\nsource:\n  title: T\nheadline: H\nbluf: B\nfindings:\n  - id: f1\n    title: x\n", encoding="utf-8")
    with qtbot.waitSignal(window.load_failed, timeout=20000):
        window.open_path(broken, ask=False)
    title, text, details = dialogs.shown[-1]
    assert title == "Cannot Open File"
    assert re.search(r"broken\.yaml:7:5: missing required field 'statement'", text), text
    assert "broken.yaml:7:5" in details
    assert not window.session.is_open
    # Still usable: the next file opens.
    open_in(window, workdir / "us-pakistan-reset.yaml")
    assert window.session.is_open


def test_a_missing_file_and_a_non_yaml_file_are_refused(window, workdir, qtbot, dialogs):
    for path, content in ((workdir / "gone.yaml", None), (workdir / "binary.yaml", b"\x00\xff\xfe garbage")):
        if content is not None:
            path.write_bytes(content)
        with qtbot.waitSignal(window.load_failed, timeout=20000):
            window.open_path(path, ask=False)
        assert path.name in dialogs.shown[-1][1]
    assert not window.session.is_open


@pytest.mark.parametrize("answer", [Button.Cancel, Button.Discard, Button.Save])
def test_closing_with_unsaved_changes_asks_and_cancel_really_cancels(answer, window, open_in, workdir, dialogs):
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    before = (workdir / "us-pakistan-reset.brief.yaml").read_text(encoding="utf-8")
    select_first(window, 1)
    assert window.isWindowModified()
    dialogs.answers.append(answer)
    closed = window.close()
    assert dialogs.shown[-1][0] == "Unsaved Changes"
    after = (workdir / "us-pakistan-reset.brief.yaml").read_text(encoding="utf-8")
    if answer == Button.Cancel:
        assert not closed and window.isVisible() and window.isWindowModified()
        assert after == before
    elif answer == Button.Discard:
        assert closed and after == before
    else:
        assert closed and after != before and not window.isWindowModified()
        assert after == window.session.dump()


def test_opening_another_file_asks_first(window, open_in, workdir, dialogs):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    select_first(window)
    dialogs.answers.append(Button.Cancel)
    window.open_path(workdir / "us-pakistan-reset.brief.yaml")
    assert len(window.session.selection) == 2  # Cancel kept the work
    dialogs.answers.append(Button.Cancel)
    window.choose_and_open()
    assert dialogs.shown[-1][0] == "Unsaved Changes" and len(window.session.selection) == 2


def test_save_to_an_unwritable_place_reports_and_keeps_the_work(window, open_in, workdir, dialogs):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    select_first(window)
    dialogs.save_paths.append(workdir / "no-such-folder" / "x.brief.yaml")
    assert not window.save()
    assert dialogs.shown[-1][0] == "Cannot Save"
    assert window.isWindowModified() and window.session.brief_path is None


def test_crash_recovery_offers_the_unsaved_work_back(make_window, open_in, workdir, recovery_dir, qtbot, tmp_path, monkeypatch):
    from briefing_gui import dialogs as dialog_module
    from briefing_gui.recovery import Recovery
    from briefing_gui.undo import push

    crashed = open_in(make_window(autosave_ms=10), workdir / "us-pakistan-reset.brief.yaml")
    push(crashed.stack, crashed.session.deselect([crashed.session.selection[0].id]))
    push(crashed.stack, crashed.session.set_metadata("author", "Night shift"))
    qtbot.waitUntil(lambda: any(recovery_dir.glob("*.json")), timeout=5000)
    lost = crashed.session.state
    # A crash: the process dies holding its recovery files; nothing is cleaned up.
    crashed.recovery.abandon()
    crashed.recovery = Recovery(tmp_path / "elsewhere")

    later = make_window()
    monkeypatch.setattr(dialog_module, "ask_restore", lambda parent, work: "restore")
    with qtbot.waitSignal(later.document_loaded, timeout=20000):
        assert later.offer_recovery()
    assert later.session.state == lost
    assert later.session.brief_path == workdir / "us-pakistan-reset.brief.yaml"
    assert later.isWindowModified()  # restored work is unsaved work
    later.act_undo.trigger()  # one step back is the file as it was saved
    assert len(later.session.selection) == 7 and not later.isWindowModified()
    later.act_redo.trigger()
    assert later.recovery.orphans() == []

    later.stack.setClean()
    later.close()  # a clean exit leaves nothing to recover
    assert not any(recovery_dir.glob("*.json")) and not any(recovery_dir.glob("*.brief.yaml"))


def test_recovery_can_be_discarded_and_a_live_window_is_never_an_orphan(make_window, open_in, workdir, recovery_dir, qtbot, monkeypatch):
    from briefing_gui import dialogs as dialog_module
    from briefing_gui.recovery import Recovery

    live = open_in(make_window(), workdir / "us-pakistan-reset.yaml")
    select_first(live)
    live.write_recovery()
    assert any(recovery_dir.glob("*.json"))
    assert Recovery(recovery_dir).orphans() == []  # its owner is alive

    live.recovery.abandon()
    asked = []
    monkeypatch.setattr(dialog_module, "ask_restore", lambda parent, work: asked.append(work.name) or "discard")
    other = make_window()
    assert not other.offer_recovery()
    assert asked == ["us-pakistan-reset.yaml"]
    assert not any(recovery_dir.glob("*.json"))


def test_saving_removes_the_recovery_copy(make_window, open_in, workdir, recovery_dir):
    window = open_in(make_window(), workdir / "us-pakistan-reset.brief.yaml")
    select_first(window)
    window.write_recovery()
    assert any(recovery_dir.glob("*.json"))
    assert window.save()
    assert not any(recovery_dir.glob("*.json"))


def test_recent_files_drag_and_drop_and_layout_persist(window, make_window, open_in, workdir, qtbot, settings):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    window._fill_recent()
    names = [a.text() for a in window.recent_menu.actions()]
    assert any("us-pakistan-reset.yaml" in n for n in names)

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(workdir / "us-pakistan-reset.brief.yaml"))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.document_loaded, timeout=20000):
        window.dropEvent(drop)
    assert window.session.brief_path == workdir / "us-pakistan-reset.brief.yaml"
    assert settings.recent_files()[0] == str(workdir / "us-pakistan-reset.brief.yaml")

    total = sum(window.brief.split.sizes())
    window.brief.split.setSizes([total - 300, 300])
    chosen = window.brief.split.sizes()
    window.close()
    assert settings.bytes("window/geometry") is not None
    restored = make_window().brief.split.sizes()
    assert restored[0] / sum(restored) == pytest.approx(chosen[0] / sum(chosen), abs=0.02)


def test_autosave_writes_the_latest_edit_and_never_after_a_save_or_a_close(make_window, open_in, workdir, recovery_dir, qtbot,
                                                                          monkeypatch, dialogs):
    """The autosave's text is made on a worker thread (held here at the door); it is written only
    if the brief is still unsaved and the window open when the text is ready."""
    import threading

    from briefing_gui import mainwindow
    from briefing_gui.undo import push

    window = open_in(make_window(autosave_ms=20), workdir / "us-pakistan-reset.brief.yaml")
    first = window.session.selection[0].id
    push(window.stack, window.session.annotate(first, "note", "Autosaved note"))
    qtbot.waitUntil(lambda: any(recovery_dir.glob("*.brief.yaml")), timeout=20000)
    (copy,) = recovery_dir.glob("*.brief.yaml")
    qtbot.waitUntil(lambda: "Autosaved note" in copy.read_text(encoding="utf-8"), timeout=20000)

    door = threading.Event()
    real_text = mainwindow.recovery_text
    monkeypatch.setattr(mainwindow, "recovery_text", lambda *args: door.wait(60) and real_text(*args))
    push(window.stack, window.session.annotate(first, "note", "Typed just before saving"))
    qtbot.wait(100)  # the autosave has started and waits at the door
    assert window.save() and not any(recovery_dir.glob("*.json"))
    door.set()
    jobs_done(qtbot)
    assert not any(recovery_dir.glob("*.json")), "an autosave finishing after the save wrote a stale copy"

    door.clear()
    push(window.stack, window.session.annotate(first, "note", "Typed, then the window closed without saving"))
    qtbot.wait(100)
    dialogs.answers.append(Button.Discard)
    window.close()
    assert not window.isVisible()
    door.set()
    jobs_done(qtbot)
    assert not any(recovery_dir.glob("*.json")), "an autosave finishing after a clean exit left a copy to recover"


def jobs_done(qtbot):
    from briefing_gui import jobs

    jobs.wait_all()
    qtbot.wait(50)  # the answers are delivered on the UI thread
