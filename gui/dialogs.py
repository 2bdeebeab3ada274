"""The app's questions and messages: one function per dialog, so each says one thing clearly.

Every message box shows its text literally (file names and messages come from
user files), and tests replace ``QMessageBox.exec`` / ``QFileDialog`` functions
so nothing modal ever blocks them.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing.diagnostics import Diagnostic, readable_name

from .recovery import RecoveredWork

OPEN_FILTER = "Summaries and briefs (*.yaml *.yml);;All files (*)"
BRIEF_FILTER = "Briefs (*.brief.yaml);;YAML files (*.yaml *.yml);;All files (*)"
SHOWN_DIAGNOSTICS = 12


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(readable_name(title))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(readable_name(text))  # Qt drops the lone surrogates of a name's bytes that are not UTF-8
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def _answer(box: QMessageBox) -> QMessageBox.StandardButton:
    result = box.exec()
    clicked = box.clickedButton()
    if clicked is not None:
        return box.standardButton(clicked)
    return result if isinstance(result, QMessageBox.StandardButton) else QMessageBox.StandardButton(result)


def show_load_errors(parent: QWidget | None, path: str | Path, diagnostics: list[Diagnostic]) -> None:
    """A file that cannot be opened: the validator's FILE:LINE:COL lines, the first dozen in view."""
    lines = [str(d) for d in diagnostics]
    shown = lines[:SHOWN_DIAGNOSTICS]
    more = len(lines) - len(shown)
    text = f"Briefing cannot open \u201c{Path(path).name}\u201d. Fix these problems and open it again:\n\n" + "\n".join(shown)
    if more > 0:
        text += f"\n\n\u2026 and {more} more (Show Details)."
    box = _box(parent, QMessageBox.Icon.Critical, "Cannot Open File", text)
    box.setDetailedText(readable_name("\n".join(lines)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(readable_name(details))
    box.exec()


def show_warnings(parent: QWidget | None, title: str, text: str, warnings: tuple[str, ...] | list[str]) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text + "\n\n" + "\n".join(f"\u2022 {w}" for w in warnings[:SHOWN_DIAGNOSTICS]))
    box.setDetailedText(readable_name("\n".join(warnings)))
    box.exec()


def ask_unsaved(parent: QWidget | None, name: str) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``."""
    return unsaved_answer(unsaved_box(parent, name))


def unsaved_box(parent: QWidget | None, name: str) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Warning, "Unsaved Changes", f"Save the changes to \u201c{name}\u201d before closing?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    # Alt keys for every answer (Qt's standard buttons have none on Linux).
    box.button(QMessageBox.StandardButton.Save).setText("&Save")
    box.button(QMessageBox.StandardButton.Discard).setText("&Don't Save")
    box.button(QMessageBox.StandardButton.Cancel).setText("&Cancel")
    return box


def unsaved_answer(box: QMessageBox) -> str:
    answer = _answer(box)
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def restore_box(parent: QWidget | None, work: RecoveredWork) -> QMessageBox:
    """The question for work a crashed run left unsaved: Restore (default), Discard or Later, each with an Alt key."""
    when = _dt.datetime.fromtimestamp(work.saved_at).strftime("%d %b %Y, %H:%M") if work.saved_at else "recently"
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "Restore Unsaved Work?",
        f"Briefing was not closed properly. Unsaved work on \u201c{work.name}\u201d from {when} can be restored.",
    )
    box.setInformativeText("Restore it now? Discarding deletes the recovered copy.")
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Ignore)
    box.setDefaultButton(box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole))
    box.button(QMessageBox.StandardButton.Discard).setText("&Discard")
    box.button(QMessageBox.StandardButton.Ignore).setText("&Later")
    return box


def ask_restore(parent: QWidget | None, work: RecoveredWork) -> str:
    """``"restore"``, ``"discard"`` or ``"later"`` for work a crashed run left unsaved."""
    box = restore_box(parent, work)
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.defaultButton():
        return "restore"
    if clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Discard:
        return "discard"
    return "later"


def ask_open_path(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open Summary or Brief", folder, OPEN_FILTER)
    return path or None


def ask_save_path(parent: QWidget | None, title: str, proposed: str | Path, file_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(proposed), file_filter)
    return path or None
