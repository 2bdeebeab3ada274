"""Help inside the app (guide, shortcut sheet, licences) and the preferences that exports use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def test_f1_opens_the_user_guide_whatever_has_focus(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.findings.empty.button.setFocus()
    qtbot.keyClick(window.findings.empty.button, Qt.Key.Key_F1)
    guide = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Briefing User Guide" and w.isVisible())
    text = guide.text.toPlainText()
    for words in ("Summary", "Brief", "Key judgment", "Marking", "FILE:LINE:COL"):
        assert words in text
    guide.close()


def test_the_shortcut_sheet_lists_the_windows_real_keys(window, qtbot):
    sheet = window.show_shortcuts()
    text = sheet.text.toPlainText()
    assert "Export Deck" in text and "Ctrl+E" in text
    assert "Ctrl+Y" in text and "Ctrl+Shift+Backspace" in text and "F1" in text
    for action in (window.act_save, window.act_add, window.act_focus_brief):
        assert action.shortcut().toString() in text
    sheet.close()


def test_licences_and_credits_name_the_fonts_and_libraries(window):
    credits = window.show_credits()
    text = credits.text.toPlainText()
    assert "SIL Open Font License" in text and "Noto Naskh Arabic" in text
    assert "PySide6" in text and "python-pptx" in text and "reportlab" in text
    credits.close()


def test_preferences_set_the_style_template_and_export_folder(window, open_in, workdir, tmp_path, dialogs, monkeypatch, qtbot):
    from briefing_gui.preferences import PreferencesDialog

    folder = tmp_path / "exports"
    folder.mkdir()

    def choose(dialog):
        dialog.style.setCurrentText("letter")
        dialog.folder.edit.setText(str(folder))
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    window.edit_preferences()
    assert window.settings.pdf_style == "letter" and window.settings.export_folder == str(folder)
    assert window.preview.pdf_style == "letter"

    open_in(window, workdir / "us-pakistan-reset.yaml")  # a new brief: exports are proposed in the folder
    window.act_export_pdf.trigger()
    assert dialogs.save_requests[-1][1] == str(folder / "us-pakistan-reset.brief.pdf")
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")  # a saved brief too, named after it
    window.act_export_deck.trigger()
    assert dialogs.save_requests[-1][1] == str(folder / "us-pakistan-reset.brief.pptx")

    # Cleared fields mean the defaults again.
    def clear(dialog):
        dialog.style.setCurrentText("default")
        dialog.folder.edit.clear()
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", clear)
    window.edit_preferences()
    assert window.settings.pdf_style is None and window.settings.export_folder is None
