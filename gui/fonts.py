"""Every script the brief may hold, shown in the app's own panes: the bundled fonts and literal controls.

The PDF sets Urdu with the bundled Noto Naskh Arabic, but a desktop without an
Arabic system font showed empty boxes in the list and the detail pane. The app
registers the bundled fonts with Qt (``QFontDatabase.addApplicationFont``) and
gives its font a fallback list per script (``QFont.setFamilies``): the
platform's UI family first, then Noto Sans, Noto Naskh Arabic and a colour
emoji font where the system has one. Control characters, which fonts draw as
boxes or U+FFFD, are shown as their visible Unicode "control pictures".
"""

from __future__ import annotations

import functools
import re

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from briefing.resources import data_dir

# Families tried, in order, for characters the UI font lacks.
FALLBACK_FAMILIES = ("Noto Sans", "Noto Naskh Arabic")
EMOJI_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji", "EmojiOne Color")


@functools.cache
def bundled_families() -> tuple[str, ...]:
    """Register the fonts shipped in assets/fonts (once); the families Qt now knows them by."""
    families: list[str] = []
    for path in sorted(data_dir("assets").joinpath("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return tuple(families)


def fallback_families() -> list[str]:
    known = set(QFontDatabase.families())
    chosen = [f for f in FALLBACK_FAMILIES if f in known]
    chosen += [f for f in EMOJI_FAMILIES if f in known][:1]
    return chosen


def with_fallbacks(font: QFont) -> QFont:
    """``font`` whose missing characters come from the bundled fonts (and an emoji font)."""
    bundled_families()
    families = [font.family()] + [f for f in fallback_families() if f != font.family()]
    result = QFont(font)
    result.setFamilies(families)
    return result


def install_app_font(app: QApplication | None = None) -> QFont:
    """Make the application font fall back to the bundled fonts; every widget inherits it."""
    app = app or QApplication.instance()
    font = with_fallbacks(app.font())
    app.setFont(font)
    return font


# C0 controls (but tab and newline), DEL and C1 controls, and the noncharacters U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\u27e8U+{code:04X}\u27e9"  # ⟨U+0085⟩: C1 controls have no picture of their own


def visible(text: str) -> str:
    """``text`` with control characters replaced by visible stand-ins (never a box or U+FFFD)."""
    return _CONTROLS.sub(_picture, text) if text else text
