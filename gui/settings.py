"""What the app remembers between runs (``QSettings`` in the platform's standard place)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """Window geometry, recent files and the last export folder.

    Tests pass their own ``QSettings`` (an INI file in a temporary folder) so
    they never touch the user's settings.
    """

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings()

    def recent_files(self) -> list[str]:
        value = self.store.value("recentFiles", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or [] if v]

    def add_recent(self, path: str | os.PathLike) -> None:
        name = os.path.abspath(path)
        files = [name] + [f for f in self.recent_files() if f != name]
        self.store.setValue("recentFiles", files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self.store.setValue("recentFiles", [f for f in self.recent_files() if f != path])

    def clear_recent(self) -> None:
        self.store.setValue("recentFiles", [])

    def bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.store.setValue(key, value)

    @property
    def last_export_dir(self) -> str | None:
        value = self.store.value("lastExportDir")
        return str(value) if value else None

    @last_export_dir.setter
    def last_export_dir(self, folder: str) -> None:
        self.store.setValue("lastExportDir", str(folder))

    def sync(self) -> None:
        self.store.sync()

    # -- preferences (Help ▸ Preferences) ------------------------------------------------------

    def _text(self, key: str) -> str | None:
        value = self.store.value(key)
        return str(value) if value else None

    def _set_text(self, key: str, value: str | None) -> None:
        if value:
            self.store.setValue(key, str(value))
        else:
            self.store.remove(key)

    @property
    def export_folder(self) -> str | None:
        """Where first exports (and untitled briefs) go; None: beside the brief."""
        return self._text("preferences/exportFolder")

    @export_folder.setter
    def export_folder(self, folder: str | None) -> None:
        self._set_text("preferences/exportFolder", folder)

    @property
    def deck_template(self) -> str | None:
        """The .pptx template decks are exported with; None: the bundled one."""
        return self._text("preferences/deckTemplate")

    @deck_template.setter
    def deck_template(self, path: str | None) -> None:
        self._set_text("preferences/deckTemplate", path)

    @property
    def pdf_style(self) -> str | None:
        """The PDF style sheet (a bundled name or a YAML file); None: the default."""
        return self._text("preferences/pdfStyle")

    @pdf_style.setter
    def pdf_style(self, style: str | None) -> None:
        self._set_text("preferences/pdfStyle", style)
