"""ReportLab's TrueType fonts made from the cache of derived data, instead of parsing the file at every start.

ReportLab's ``TTFont`` parses its file when it is made: the table directory,
names, metrics, the character map and the width of every glyph, some 10 ms per
face of Noto Sans, for the same answer at every start of the command. What the
parse leaves on the font's face is plain data (numbers, strings, lists, dicts),
kept here through ``briefing.derived`` (keyed by the file, this code and
ReportLab's version); ``truetype_font`` makes the same font from it, with the
file's bytes read again for the subsets embedded in the PDF. The face is built
as ``TTFont.__init__`` builds it (tests compare every attribute with a font
ReportLab parsed), so a PDF is byte for byte the one the parsed font gives.
"""

from __future__ import annotations

import functools
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from briefing.derived import derived

# Set by the parse, not kept: the file's bytes (read again) and a function (made again).
_NOT_KEPT = ("_ttf_data", "_pdfScale")


def truetype_font(name: str, path: Path, index: int = 0) -> TTFont:
    """``TTFont(name, path, subfontIndex=index)``, its parse read from the cache of derived data."""
    kept = derived(f"ttfont-{index}", path, functools.partial(_parsed, index=index), version=REPORTLAB_VERSION)
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(kept["plain"])
    face.__dict__.update({attr: TTFNameBytes(utf8) for attr, utf8 in kept["names"].items()})
    face._ttf_data = Path(path).read_bytes()
    units = face.unitsPerEm  # as TTFontFile.extractInfo scales font units to thousandths of an em
    face._pdfScale = (lambda x: x) if units == 1000 else functools.partial(_scaled, 1000 / units)
    font = TTFont.__new__(TTFont)  # what TTFont.__init__ sets besides the face
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font


def _scaled(factor: float, x):
    return x * factor


def _parsed(path: Path, index: int) -> dict:
    """The state ReportLab's parse of the font leaves on its face, as plain data."""
    face = TTFont("parse", str(path), subfontIndex=index).face
    state = {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}
    names = {k: bytes(v) for k, v in state.items() if isinstance(v, TTFNameBytes)}
    plain = {k: v for k, v in state.items() if k not in names}
    return {"plain": plain, "names": names}
