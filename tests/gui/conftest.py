"""Driving the desktop app offscreen: isolated settings and recovery folders, and no modal dialog
ever blocks (message boxes and file dialogs answer from a script and record what they showed)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

if not os.environ.get("CI"):  # CI installs the app's extras: there a missing Qt is an error, not a skip
    pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

pytestmark = pytest.mark.gui


@dataclass
class Dialogs:
    """Scripted answers for every dialog, and a record of what each showed."""

    answers: list = field(default_factory=list)  # QMessageBox.StandardButton per message box, in order
    save_paths: list = field(default_factory=list)  # paths a save dialog "chooses", in order
    open_paths: list = field(default_factory=list)
    shown: list = field(default_factory=list)  # (title, text, detailed text) of each message box
    save_requests: list = field(default_factory=list)  # (title, proposed path) of each save dialog
    opened_urls: list = field(default_factory=list)

    def texts(self) -> str:
        return "\n".join(f"{t}\n{x}\n{d}" for t, x, d in self.shown)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    script = Dialogs()

    def message_box_exec(box):
        script.shown.append((box.windowTitle(), box.text(), box.detailedText()))
        return script.answers.pop(0) if script.answers else QMessageBox.StandardButton.Cancel

    def get_save(parent, title, proposed="", file_filter="", *args, **kwargs):
        script.save_requests.append((title, proposed))
        return (str(script.save_paths.pop(0)), "") if script.save_paths else ("", "")

    def get_open(parent, title="", folder="", file_filter="", *args, **kwargs):
        return (str(script.open_paths.pop(0)), "") if script.open_paths else ("", "")

    monkeypatch.setattr(QMessageBox, "exec", message_box_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: script.opened_urls.append(url) or True))
    return script


@pytest.fixture(scope="session", autouse=True)
def worker_processes():
    """The preview and export worker processes live for the session; stopped at its end."""
    yield
    from briefing_gui import workers

    workers.PREVIEW.cancel()
    workers.EXPORT.cancel()


@pytest.fixture
def workdir(tmp_path, example_summary, example_brief) -> Path:
    """A copy of the example summary and brief, so saving never touches the repository."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(example_summary, folder / example_summary.name)
    shutil.copy(example_brief, folder / example_brief.name)
    return folder


@pytest.fixture
def settings(tmp_path):
    from briefing_gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def recovery_dir(tmp_path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def make_window(qtbot, settings, recovery_dir):
    """Build main windows; the preview waits for an explicit render unless a test asks otherwise."""
    from briefing_gui import jobs
    from briefing_gui.mainwindow import MainWindow
    from briefing_gui.recovery import Recovery

    made = []

    def make(preview_delay_ms: int = 600_000, autosave_ms: int = 600_000, recovery: Recovery | None = None):
        window = MainWindow(settings, recovery or Recovery(recovery_dir), preview_delay_ms=preview_delay_ms, autosave_ms=autosave_ms)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    jobs.wait_all()
    for window in made:
        window.stack.setClean()  # never prompt while tearing down
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def open_in(qtbot, dialogs):
    """Open a file in a window and wait until it is shown; fail at once, with the dialog's text, if refused."""

    def open_file(window, path):
        outcome = []
        window.document_loaded.connect(lambda: outcome.append("loaded"))
        window.load_failed.connect(lambda p: outcome.append("failed"))
        window.open_path(path, ask=False)
        qtbot.waitUntil(lambda: bool(outcome), timeout=20000)
        assert outcome[0] == "loaded", dialogs.texts()
        return window

    return open_file
