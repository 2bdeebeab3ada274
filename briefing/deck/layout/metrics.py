"""How wide text is, from real font metrics (advance widths in em).

The deck names Arial and measures with Liberation Sans, which has Arial's
metrics, so what fits here fits in PowerPoint, Keynote and LibreOffice. Arabic
script is measured with Noto Naskh Arabic; characters no file covers (CJK,
emoji) take the style's fallback widths, on the wide side. Each file's table
is decoded once and then loaded from the cache of derived data.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from briefing.deck.style import DeckStyle
from briefing.derived import derived
from briefing.resources import data_path

Face = tuple[bool, bool]  # (bold, italic)
_FACE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufe0e\ufe0f")


@functools.cache
def _advances(path: Path) -> dict[int, float]:
    """Codepoint -> advance width in em, for one font file (decoded once, then read from the cache)."""
    return derived("advances", path, _read_advances)


def _read_advances(path: Path) -> dict[int, float]:
    from fontTools.ttLib import TTFont  # only when the cache has no entry for this file

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
    """Advance widths for the deck font's four faces, with fallbacks."""

    def __init__(self, style: DeckStyle):
        font = style.data["font"]
        fonts = data_path("assets", "fonts")
        self._faces = {face: _advances(fonts / font["metrics"][key]) for face, key in _FACE_KEYS.items()}
        self._arabic = _advances(fonts / font["arabic_metrics"])
        fallback = font["fallback_em"]
        self._cjk, self._emoji, self._other = float(fallback["cjk"]), float(fallback["emoji"]), float(fallback["other"])
        self._cache: dict[tuple[str, Face], float] = {}

    def width(self, text: str, face: Face = (False, False)) -> float:
        """Width of ``text`` in em (multiply by the font size)."""
        key = (text, face)
        cached = self._cache.get(key)
        if cached is None:
            table = self._faces[face]
            cached = 0.0
            for ch in text:
                advance = table.get(ord(ch))
                cached += advance if advance is not None else self._fallback(ch)
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
def metrics_for(style: DeckStyle) -> Metrics:
    return Metrics(style)
