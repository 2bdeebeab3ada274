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

Each document embeds a subset of every font it uses, cut from the face and
compressed when the file is saved (about 0.75 ms per face for Noto Sans). The
subset is a pure function of the face and of its list of characters, and
documents of a batch often list the same ones: ReportLab's first subset holds
the ASCII characters at their own codes and then the others in the order the
document first sets them, which the renderer's own marks (dashes, quotes,
pilcrows) settle for most briefs in Latin script. So the face keeps its last
few cuts, raw and compressed, and a later document with the same list embeds
the very bytes again without cutting or compressing anything.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from briefing.derived import derived
from briefing.pdf import rlcompat

# Set by the parse, not kept: the file's bytes (read again) and a function (made again).
_NOT_KEPT = ("_ttf_data", "_pdfScale")


def truetype_font(name: str, path: Path, index: int = 0) -> TTFont:
    """``TTFont(name, path, subfontIndex=index)``, its parse read from the cache of derived data."""
    kept = derived(f"ttfont-{index}", path, functools.partial(_parsed, index=index), version=REPORTLAB_VERSION)
    face = _SubsetsKeptFace.__new__(_SubsetsKeptFace)
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


class _SubsetsKeptFace(TTFontFace):
    """A face that cuts and compresses each list of characters once, for every document embedding it."""

    def makeSubset(self, subset):
        return _cut(self, subset).data

    def addSubsetObjects(self, doc, fontname, subset):
        """ReportLab's font file and descriptor, the font file holding the compressed bytes already
        (with the ``/Filter`` its stream would add as it compressed them itself when saved)."""
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        font_file = rlcompat.referenced(doc, rlcompat.referenced(doc, descriptor)["FontFile2"])
        if font_file.filters == [pdfdoc.PDFZCompress] and "Filter" not in font_file.dictionary:
            font_file.content = _cut(self, subset).compressed()
            font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        return descriptor


class _Cut:
    """One subset of a face: its bytes (``TTFontFile.makeSubset``), and them compressed as a stream is."""

    def __init__(self, data: bytes):
        self.data = data
        self._compressed: bytes | None = None

    def compressed(self) -> bytes:
        if self._compressed is None:
            self._compressed = pdfdoc.PDFZCompress.encode(self.data)
        return self._compressed


_CUTS_PER_FACE = 8  # a batch's briefs share a few lists; a long session's other lists push old ones out
_cuts: WeakKeyDictionary[TTFontFace, OrderedDict[tuple[int, ...], _Cut]] = WeakKeyDictionary()


def _cut(face: _SubsetsKeptFace, subset) -> _Cut:
    """The face's subset of these characters (code points, in code order), cut once while it is kept."""
    kept = _cuts.get(face)
    if kept is None:
        kept = _cuts[face] = OrderedDict()
    key = tuple(subset)
    cut = kept.get(key)
    if cut is None:
        cut = kept[key] = _Cut(TTFontFace.makeSubset(face, subset))
        while len(kept) > _CUTS_PER_FACE:
            kept.popitem(last=False)
    else:
        kept.move_to_end(key)
    return cut


def _scaled(factor: float, x):
    return x * factor


def _parsed(path: Path, index: int) -> dict:
    """The state ReportLab's parse of the font leaves on its face, as plain data."""
    face = TTFont("parse", str(path), subfontIndex=index).face
    state = {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}
    names = {k: bytes(v) for k, v in state.items() if isinstance(v, TTFNameBytes)}
    plain = {k: v for k, v in state.items() if k not in names}
    return {"plain": plain, "names": names}
