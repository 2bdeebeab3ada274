"""Preferences: the deck template, the PDF style and the export folder (kept in QSettings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .settings import Settings
from .widgets import label, mute


def _bundled_styles() -> list[str]:
    try:
        from briefing.pdf.stylesheet import style_names
    except ImportError:
        return ["default"]
    return list(style_names())


class PathField(QWidget):
    """A path with a Browse… button; empty means "the default"."""

    def __init__(self, placeholder: str, choose, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        browse = QPushButton("Browse\u2026")
        browse.clicked.connect(lambda: self._browse(choose))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        self.setFocusProxy(self.edit)

    def _browse(self, choose) -> None:
        chosen = choose(self, self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> str | None:
        return self.edit.text().strip() or None


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")

        self.template = PathField(
            "The bundled template",
            lambda parent, start: QFileDialog.getOpenFileName(parent, "Deck Template", start, "PowerPoint templates (*.pptx *.potx)")[0],
        )
        self.template.edit.setText(settings.deck_template or "")
        self.template.edit.setAccessibleName("Deck template")

        self.style = QComboBox()
        self.style.setAccessibleName("PDF style")
        self.style.setEditable(True)  # a bundled name, or the path of a style sheet (YAML)
        for name in _bundled_styles():
            self.style.addItem(name)
        self.style.setCurrentText(settings.pdf_style or "default")

        self.folder = PathField(
            "Beside the brief",
            lambda parent, start: QFileDialog.getExistingDirectory(parent, "Export Folder", start),
        )
        self.folder.edit.setText(settings.export_folder or "")
        self.folder.edit.setAccessibleName("Export folder")

        form = QFormLayout()
        form.addRow("Deck &template:", self.template)
        form.addRow("PDF &style:", self.style)
        form.addRow("&Export folder:", self.folder)
        hint = label("The template and style apply to the next export and the preview; the folder is "
                     "proposed for the first export of a brief and for untitled briefs.", wrap=True)
        mute(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def apply(self) -> None:
        """Store the choices (called on OK)."""
        self.settings.deck_template = self.template.value()
        style = self.style.currentText().strip()
        self.settings.pdf_style = None if style in ("", "default") else style
        self.settings.export_folder = self.folder.value()
