"""Starting the desktop app: ``briefing gui [FILE]`` and the ``briefing-gui`` launcher."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing import __version__

from . import jobs, workers
from .icons import app_icon
from .mainwindow import MainWindow

ORGANIZATION = "Briefing"
APPLICATION = "Briefing"


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings and the recovery folder land in the standard places."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("briefing")
    app.setWindowIcon(app_icon())
    return app


def start(file: str | None = None) -> MainWindow:
    """Show the window; offer to restore work a crash left unsaved, else open ``file``."""
    window = MainWindow()
    window.show()

    def after_show():
        if not window.offer_recovery() and file:
            window.open_path(Path(file), ask=False)

    QTimer.singleShot(0, after_show)
    return window


def _stop_on_signals(window: MainWindow) -> None:
    """SIGINT/SIGTERM keep unsaved work for recovery and quit. Qt's loop runs in C++, so a
    timer gives Python a moment every quarter second to notice a signal."""

    def stop(_signum, _frame):
        QTimer.singleShot(0, window.stop_keeping_work)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def run(file: str | None = None) -> int:
    app = application()
    window = start(file)
    _stop_on_signals(window)
    code = app.exec()
    jobs.wait_all()
    workers.shutdown()  # let a running export finish writing before the process ends
    del window
    return code


def run_cli(args) -> int:
    """Handler of ``briefing gui [FILE]``."""
    return run(getattr(args, "file", None))


def main(argv: Sequence[str] | None = None) -> int:
    """The ``briefing-gui`` launcher."""
    parser = argparse.ArgumentParser(prog="briefing-gui", description="Open the Briefing desktop app.")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a summary (summary/1) or brief (brief/1) to open")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    args, _qt_args = parser.parse_known_args(argv)
    return run(args.file)


if __name__ == "__main__":
    raise SystemExit(main())
