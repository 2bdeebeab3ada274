"""Opening the corpus in the desktop app: a refused file shows the validator's ``FILE:LINE:COL`` lines in
the error dialog and leaves the app working; a valid-but-hostile file opens with its text as written."""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from hostile_corpus import Refused, all_refused, literals

pytestmark = pytest.mark.gui


def _refuse(window, qtbot, dialogs, case: Refused) -> str:
    before = len(dialogs.shown)
    with qtbot.waitSignal(window.load_failed, timeout=20000):
        window.open_path(case.path, ask=False)
    assert len(dialogs.shown) == before + 1, "one dialog per refused file"
    title, text, details = dialogs.shown[-1]
    assert title == "Cannot Open File"
    assert "internal error" not in text and "Error:" not in text  # the validator's words, not an exception's
    assert any(case.matches(line) for line in text.splitlines()), text
    assert any(case.matches(line) for line in details.splitlines()), details
    assert not window.session.is_open
    return text


@pytest.mark.parametrize("case", all_refused(), ids=lambda c: c.id)
def test_a_refused_file_shows_its_located_problems(window, qtbot, dialogs, case):
    _refuse(window, qtbot, dialogs, case)


def test_a_file_over_the_size_limit_is_refused_and_the_app_still_opens_the_next(window, qtbot, dialogs, open_in, huge_file):
    _refuse(window, qtbot, dialogs, huge_file)
    valid = literals()[0].path
    open_in(window, valid)
    assert window.session.is_open


@pytest.mark.parametrize("case", literals(), ids=lambda c: c.name)
def test_a_hostile_file_opens_with_its_text_as_written(window, open_in, case):
    from briefing.formats.load import open_document

    open_in(window, case.path)
    document = open_document(case.path)
    expected = document.summary.findings
    shown = window.findings.model
    titles = [shown.index(row, shown.TITLE).data() for row in range(shown.rowCount())]
    assert [f.id for f in window.session.findings] == [f.id for f in expected]
    for finding, title in zip(expected, titles):
        assert finding.title in title  # as written: markup, controls replaced, right-to-left
    if document.is_brief:
        assert [s.id for s in window.session.selection] == [s.id for s in document.brief_file.findings]


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")
def test_a_name_that_is_not_utf8_shows_its_byte_in_the_title_the_status_and_the_dialogs(tmp_path, window, qtbot, dialogs, open_in,
                                                                                      example_summary, example_brief):
    """Qt silently dropped the '\\udcff' of such a name: the window said 'good.brief.yaml' for a file
    of another name. Now the byte shows as its escape, as on the command line."""
    shutil.copy(example_summary, tmp_path / example_summary.name)
    brief = tmp_path / os.fsdecode(b"good\xff.brief.yaml")
    shutil.copy(example_brief, brief)
    open_in(window, brief)
    assert window.windowTitle().startswith("good\\xff.brief.yaml"), window.windowTitle()
    assert "good\\xff.brief.yaml" in window.statusBar().currentMessage()
    broken = tmp_path / os.fsdecode(b"broken\xfe.yaml")
    broken.write_text("format: summary/1\nsource: [\n", encoding="utf-8")
    with qtbot.waitSignal(window.load_failed, timeout=20000):
        window.open_path(broken, ask=False)
    title, text, details = dialogs.shown[-1]
    assert "\u201cbroken\\xfe.yaml\u201d" in text and "broken\\xfe.yaml:3:" in text, text
    assert "broken\\xfe.yaml:3:" in details, details


def test_a_file_name_too_long_to_exist_is_refused_with_a_dialog(tmp_path, window, qtbot, dialogs):
    """``briefing gui NAME`` with a name over 255 bytes: Path.exists raised OSError in the failure
    handler itself (ENAMETOOLONG, unlike a missing file), which ended in Qt's event loop."""
    with qtbot.waitSignal(window.load_failed, timeout=20000):
        window.open_path(tmp_path / ("x" * 300 + ".yaml"), ask=False)
    title, text, _details = dialogs.shown[-1]
    assert title == "Cannot Open File" and "File name too long" in text, text
    assert not window.session.is_open


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")
def test_unsaved_work_on_a_summary_whose_name_is_not_utf8_is_kept_when_the_app_is_terminated(tmp_path, make_window, open_in,
                                                                                           recovery_dir, monkeypatch, example_summary):
    """The recovery record could not be written for such a name (UnicodeEncodeError on '\\udcff'), on
    every autosave and when the app was terminated, which then did not quit: the exception left
    SIGTERM's handler before it ended the app. Found by the red team, sending SIGTERM to the app on
    Xvfb with such a summary open and a finding added."""
    from PySide6.QtWidgets import QApplication

    from briefing_gui.recovery import Recovery
    from briefing_gui.undo import push

    summary = tmp_path / os.fsdecode(b"case\xff.yaml")
    shutil.copy(example_summary, summary)
    window = open_in(make_window(), summary)
    push(window.stack, window.session.set_metadata("author", "Night shift"))
    quits = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: quits.append(code)))
    window.stop_keeping_work()  # what SIGTERM runs
    assert quits == [0]
    (work,) = Recovery(recovery_dir).orphans()  # its lock let go, as when the process ends
    assert work.summary_path == summary  # the record names it exactly


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")
def test_a_brief_of_a_summary_whose_name_is_not_utf8_is_refused_not_saved_unreadable(tmp_path, window, open_in, dialogs,
                                                                                    example_summary):
    """YAML wrote the summary's name as '\\udcff', which no reader accepts: the saved brief could
    never be opened again. The save is refused with a dialog; the window keeps the unsaved work."""
    from briefing_gui.undo import push

    summary = tmp_path / os.fsdecode(b"case\xff.yaml")
    shutil.copy(example_summary, summary)
    open_in(window, summary)
    push(window.stack, window.session.set_metadata("author", "Night shift"))
    assert not window.write_brief(tmp_path / "case.brief.yaml")
    title, text, _details = dialogs.shown[-1]
    assert title == "Cannot Save" and "case\\xff.yaml" in text and "rename the summary" in text, text
    assert not (tmp_path / "case.brief.yaml").exists() and not window.stack.isClean()
