"""Icons: the desktop theme's where it has them (native look), else Briefing's own SVGs.

The SVGs in ``assets/icons`` are drawn on a 24-pixel grid, so they stay sharp
at any device pixel ratio.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap

from briefing.resources import data_path

# Briefing's icon name -> freedesktop theme name (None: always Briefing's own drawing).
_THEME_NAMES = {
    "open": "document-open",
    "save": "document-save",
    "undo": "edit-undo",
    "redo": "edit-redo",
    "add": "list-add",
    "remove": "list-remove",
    "up": "go-up",
    "down": "go-down",
    "refresh": "view-refresh",
    "export-deck": None,
    "export-pdf": None,
    "key-judgment": None,
    "continued": None,
    "briefing": None,
}


@functools.cache
def icon(name: str) -> QIcon:
    theme_name = _THEME_NAMES.get(name)
    if theme_name and QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name)
    path = data_path("assets", "icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return icon("briefing")


@functools.cache
def blank_icon() -> QIcon:
    """A transparent icon, so rows with and without an icon line up."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
