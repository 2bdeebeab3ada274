"""What the app remembers between runs (``QSettings`` in the platform's standard place)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class _TextPreference:
    """A text preference stored under ``key``; None (or empty) removes it, so the default applies."""

    def __init__(self, key: str, doc: str):
        self.key, self.__doc__ = key, doc

    def __get__(self, settings: Settings | None, owner=None):
        if settings is None:
            return self
        value = settings.store.value(self.key)
        return str(value) if value else None

    def __set__(self, settings: Settings, value: str | None) -> None:
        if value:
            settings.store.setValue(self.key, str(value))
        else:
            settings.store.remove(self.key)


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

    def sync(self) -> None:
        self.store.sync()

    # -- preferences (Help ▸ Preferences) ------------------------------------------------------

    export_folder = _TextPreference("preferences/exportFolder", "Where first exports (and untitled briefs) go; None: beside the brief.")
    deck_template = _TextPreference("preferences/deckTemplate", "The .pptx template decks are exported with; None: the bundled one.")
    pdf_style = _TextPreference("preferences/pdfStyle", "The PDF style sheet (a bundled name or a YAML file); None: the default.")
