"""How wide text is, from the metrics of the font that will really be used (advance widths in em).

A deck's text is set in the template's heading and body faces. Each is
measured with a file of the same metrics: the bundled Liberation Sans for
Arial and Helvetica (so the default deck measures the same everywhere), else
the face fontconfig finds (``fc-match``) when it is the face asked for or one
of its metric-compatible twins (Liberation for Arial, Times New Roman and
Courier New, Carlito for Calibri, Caladea for Cambria). A face with no metrics
here is measured with the stand-in fontconfig offers, widened, and the deck
says so once. Arabic script is measured with Noto Naskh Arabic; characters no
file covers (CJK, emoji) take the style's fallback widths, on the wide side. Each file's table
is decoded once and then loaded from the cache of derived data.
"""

from __future__ import annotations

import functools
import shutil
import unicodedata
from pathlib import Path

from briefing.deck.style import DeckStyle
from briefing.derived import derived
from briefing.resources import data_path

Face = tuple[bool, bool]  # (bold, italic)
_FACE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufe0e\ufe0f")
_BUNDLED = frozenset({"arial", "helvetica", "liberation sans", "arimo"})  # measured with the bundled files
# Faces with the same advance widths (fontconfig's metric aliases say the same).
METRIC_TWINS = {
    "arial": {"liberation sans", "arimo"},
    "helvetica": {"liberation sans", "arimo"},
    "times new roman": {"liberation serif", "tinos"},
    "times": {"liberation serif", "tinos"},
    "courier new": {"liberation mono", "cousine"},
    "courier": {"liberation mono", "cousine"},
    "calibri": {"carlito"},
    "cambria": {"caladea"},
}
STAND_IN_WIDENING = 1.08  # a face without metrics is measured this much wider than its stand-in


@functools.cache
def find_face(family: str, bold: bool, italic: bool) -> tuple[Path | None, str | None]:
    """(file, family) fontconfig offers for ``family`` in this face, or (None, None) without fontconfig."""
    tool = shutil.which("fc-match")
    if tool is None:
        return None, None
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    import subprocess  # only for a font not bundled: not at every export's start

    try:
        out = subprocess.run([tool, "-f", "%{family}|%{file}", pattern], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    found, _, file = out.partition("|")
    if not file or not Path(file).is_file() or not file.endswith((".ttf", ".otf", ".TTF", ".OTF")):
        return None, None
    return Path(file), found.split(",")[0].strip()


def has_metrics(family: str, found: str | None) -> bool:
    wanted, found = family.casefold(), (found or "").casefold()
    return wanted in _BUNDLED or found == wanted or found in METRIC_TWINS.get(wanted, ())


@functools.cache
def _advances(path: Path) -> dict[int, float]:
    """Codepoint -> advance width in em, for one font file (decoded once, then read from the cache)."""
    return derived("advances", path, _read_advances)


def _read_advances(path: Path) -> dict[int, float]:
    import logging  # with fontTools: only when the cache has no entry for this file

    from fontTools.ttLib import TTFont

    # fontTools logs what it notices in a font file (Carlito's head table dates it before 1970);
    # with no handler set, Python prints that to stderr: a stray line about nothing the user wrote.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(str(path), lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}


def _is_cjk(code: int) -> bool:
    return (
        0x1100 <= code <= 0x11FF
        or 0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
        or 0x20000 <= code <= 0x3FFFF
    )


def _is_emoji(code: int) -> bool:
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


class Metrics:
    """Advance widths for the deck's heading and body faces (four styles each), with fallbacks."""

    def __init__(self, style: DeckStyle, families: dict[str, str] | None = None):
        font = style.data["font"]
        fonts = data_path("assets", "fonts")
        bundled = {face: fonts / font["metrics"][key] for face, key in _FACE_KEYS.items()}
        missing: dict[str, str] = {}
        self._faces: dict[tuple[str, Face], dict[int, float]] = {}
        self._widen: dict[str, float] = {}
        for role, family in (families or {"heading": style.font_name, "body": style.font_name}).items():
            self._widen[role] = 1.0
            for face in _FACE_KEYS:
                path, found = (bundled[face], family) if family.casefold() in _BUNDLED else find_face(family, *face)
                if path is None or not has_metrics(family, found):
                    missing.setdefault(family, found or "Liberation Sans")
                    self._widen[role] = STAND_IN_WIDENING
                    path = path or bundled[face]
                self._faces[(role, face)] = _advances(path)
        self.warnings = [
            f"no metrics on this machine for the template's font {' and '.join(repr(f) for f in missing)}: its text is measured "
            f"with {' and '.join(repr(f) for f in dict.fromkeys(missing.values()))} widened {round((STAND_IN_WIDENING - 1) * 100)}% "
            "(install the font for an exact fit)"
        ] if missing else []
        self._arabic = _advances(fonts / font["arabic_metrics"])
        fallback = font["fallback_em"]
        self._cjk, self._emoji, self._other = float(fallback["cjk"]), float(fallback["emoji"]), float(fallback["other"])
        self._cache: dict[tuple[str, Face, str], float] = {}

    def width(self, text: str, face: Face = (False, False), role: str = "body") -> float:
        """Width of ``text`` in em (multiply by the font size), in the ``role`` face (heading or body)."""
        key = (text, face, role)
        cached = self._cache.get(key)
        if cached is None:
            table = self._faces[(role, face)]
            cached = 0.0
            for ch in text:
                advance = table.get(ord(ch))
                cached += advance if advance is not None else self._fallback(ch)
            cached *= self._widen[role]
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def _fallback(self, ch: str) -> float:
        code = ord(ch)
        if ch in _ZERO_WIDTH or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0.0
        if code in self._arabic:
            return self._arabic[code]
        if _is_cjk(code):
            return self._cjk
        if _is_emoji(code):
            return self._emoji
        return self._other


@functools.cache
def _metrics(style: DeckStyle, heading: str, body: str) -> Metrics:
    return Metrics(style, {"heading": heading, "body": body})


def metrics_for(style: DeckStyle, heading: str | None = None, body: str | None = None) -> Metrics:
    """Metrics for text set in ``heading`` and ``body`` faces (default: the style's font)."""
    return _metrics(style, heading or style.font_name, body or style.font_name)
