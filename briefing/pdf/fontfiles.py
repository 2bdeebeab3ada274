"""Font files: finding them, reading what they cover, and registering them with ReportLab.

Files named by a style sheet are looked for beside the sheet, in Briefing's
``assets/fonts``, then in the system's font folders (as fontconfig lists them,
or the usual folders of Linux, macOS and Windows). ReportLab embeds TrueType
outlines only, so a CFF-flavoured OpenType font (Noto Sans CJK is one) is cut
down to the characters a document uses and converted to TrueType outlines in
memory; the result is cached per process.

fontTools is imported only where a font file is decoded: what a bundled font
covers and whether it has TrueType outlines come from the cache of derived
data, so an export with cached fonts never loads it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import shutil
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.derived import derived
from briefing.pdf import rlcompat
from briefing.pdf.ttfcache import truetype_font
from briefing.resources import data_dir

# fontTools logs what it notices in a font file (Carlito's head table dates it before 1970);
# with no handler set, Python prints that to stderr: a stray line about nothing the user wrote.
logging.getLogger("fontTools").setLevel(logging.ERROR)

_LOCK = threading.RLock()
_CONVERTED_CACHE_SIZE = 8


@dataclass(frozen=True)
class FontFile:
    """One font in a file as it was found: ``index`` picks the font of a collection (.ttc), ``state``
    (``file_state``) tells this file from another put at its path while the process runs, so that
    nothing read from the one (coverage, outlines, the font registered with ReportLab) stands for
    the other: a batch worker or the app may outlive a font file's replacement."""

    path: Path
    index: int = 0
    state: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        """A name for the font inside ReportLab and the PDF: letters, digits and dashes only."""
        stem = re.sub(r"[^A-Za-z0-9-]+", "_", self.path.stem)
        return f"{stem}-{self.index}" if self.index else stem


# -- finding files ------------------------------------------------------------------------------


def _standard_font_dirs() -> list[Path]:
    home = Path.home()
    dirs = [home / ".local/share/fonts", home / ".fonts", Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    if sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    if os.name == "nt":
        dirs.append(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    xdg = os.environ.get("XDG_DATA_DIRS")
    if xdg:
        dirs += [Path(d) / "fonts" for d in xdg.split(os.pathsep) if d]
    return dirs


@functools.cache
def system_fonts() -> dict[str, Path]:
    """Every font file the system offers, by lower-case file name."""
    import subprocess  # only when a style names a font not bundled: not at every export's start

    found: dict[str, Path] = {}
    if shutil.which("fc-list"):
        try:
            listing = subprocess.run(
                ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        for line in sorted(listing.splitlines()):
            if line.strip():
                found.setdefault(Path(line).name.lower(), Path(line))
    for folder in _standard_font_dirs():
        if not folder.is_dir():
            continue
        for root, _dirs, files in sorted(os.walk(folder)):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".otf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def not_found(family: str, candidates: list[str] | tuple[str, ...]) -> str:
    """The message for a family none of whose ``candidates`` (its regular face's files) was found."""
    return (f"font family '{family}': font file not found ({', '.join(candidates)}); looked beside the style sheet, "
            "in Briefing's assets/fonts and in the system's font folders")


def locate(name: str, beside: Path, *, system: bool = True) -> Path | None:
    """A font file named by a style sheet: a path, or a file name searched for
    (in the system's font folders too, unless ``system`` is false)."""
    candidate = Path(name).expanduser()
    if candidate.is_absolute() or len(candidate.parts) > 1:
        path = candidate if candidate.is_absolute() else beside / candidate
        return path if os.path.isfile(path) else None  # os.path's checks never raise (a name too long)
    for folder in (beside, data_dir("assets") / "fonts"):
        if os.path.isfile(folder / name):
            return folder / name
    return system_fonts().get(name.lower()) if system else None


def file_state(path: Path) -> tuple[int, ...]:
    """The file at ``path`` as it is now: device, inode, size, modification and status-change times
    (a file replaced, or rewritten with its modification time put back, changes the last)."""
    found = path.stat()
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


@functools.cache
def collection_index(path: Path, face_name: str | None, state: tuple[int, ...] = ()) -> int:
    """The index of the font called ``face_name`` in a collection (0 when absent or not a collection);
    ``state``: the file's (``file_state``), so a collection replaced since is read again."""
    if not face_name or path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        for i, font in enumerate(collection.fonts):
            names = {font["name"].getDebugName(n) for n in (1, 4, 16)}
            if face_name in names:
                return i
    finally:
        collection.close()
    return 0


# -- what a font covers ----------------------------------------------------------------------------


@functools.cache
def coverage(font: FontFile) -> frozenset[int]:
    """The code points the font maps to glyphs (decoded once, then read from the cache of derived data)."""
    return frozenset(derived(f"coverage-{font.index}", font.path, functools.partial(_read_coverage, index=font.index)))


def _read_coverage(path: Path, index: int) -> list[int]:
    from fontTools.ttLib import TTFont as FontToolsFont

    ft = FontToolsFont(str(path), fontNumber=index, lazy=True)
    try:
        return sorted(ft.getBestCmap() or {})
    finally:
        ft.close()


@functools.cache
def characters(font: FontFile) -> frozenset[str]:
    """The characters the font maps to glyphs."""
    return frozenset(map(chr, coverage(font)))


@functools.cache
def has_truetype_outlines(font: FontFile) -> bool:
    """Whether the font's glyphs are TrueType outlines (ReportLab embeds only those), from the cache of derived data."""
    return derived(f"outlines-{font.index}", font.path, functools.partial(_read_has_glyf, index=font.index))


def _read_has_glyf(path: Path, index: int) -> bool:
    from fontTools.ttLib import TTFont as FontToolsFont

    ft = FontToolsFont(str(path), fontNumber=index, lazy=True)
    try:
        return "glyf" in ft
    finally:
        ft.close()


# -- registering with ReportLab ------------------------------------------------------------------------

_converted: OrderedDict[tuple, str] = OrderedDict()


def register(font: FontFile, characters: str | Callable[[], str]) -> str:
    """Register the font with ReportLab and return its name there.

    TrueType fonts are registered whole, once. CFF fonts are converted for the
    given characters (a function giving them is called only then); the name
    carries a digest of them, so the same text always gives the same font name
    (and the same bytes in the PDF).
    """
    with _LOCK:
        if has_truetype_outlines(font):
            name, replaced = _name(font)
            if name not in pdfmetrics.getRegisteredFontNames():
                _register_font(truetype_font(name, font.path, font.index), replaced)
                rlcompat.keep_font_tables(name)
            return name
        if callable(characters):
            characters = characters()
        wanted = "".join(sorted(set(characters) & {chr(c) for c in coverage(font)}))
        digest = hashlib.sha1(wanted.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        cache_key = (font, digest)
        if cache_key in _converted:
            _converted.move_to_end(cache_key)
            return _converted[cache_key]
        base, replaced = _name(font)
        name = f"{base}-{digest}"
        if name not in pdfmetrics.getRegisteredFontNames():
            data = _truetype_subset(font, wanted, digest)
            _register_font(TTFont(name, io.BytesIO(data)), replaced)
            rlcompat.keep_font_tables(name)
        _converted[cache_key] = name
        while len(_converted) > _CONVERTED_CACHE_SIZE:
            _converted.popitem(last=False)  # the registry keeps the font; we only stop reusing it
        return name


_first_named: dict[str, tuple] = {}  # "Briefing-KEY" -> the path and state of the font file first registered so


def _name(font: FontFile) -> tuple[str, bool]:
    """The font's name with ReportLab, and whether it is a file replaced at a path registered before.

    ``Briefing-KEY`` for the first file of its name this process registers; that name and a
    digest of the path and state for any other (a file of the same name elsewhere, or this one
    replaced since): each file as it is gets a font of its own."""
    name = f"Briefing-{font.key}"
    identity = (str(font.path), font.state)
    first = _first_named.setdefault(name, identity)
    if first == identity:
        return name, False
    return f"{name}-{hashlib.sha1(repr(identity).encode()).hexdigest()[:10]}", first[0] == identity[0]


def _register_font(font: TTFont, replaced: bool) -> None:
    """Register ``font`` with ReportLab; for a file ``replaced`` at its path, make sure the name sets its glyphs.

    ReportLab gives a new name the font first registered with the same PostScript name, and
    writes one font per PostScript name in a document. That is right for the same font in
    another file, and keeps a sheet whose families name two files of one PostScript name working
    as before; for a file replaced since (another version of the font) it would set the old glyphs
    in every document after, so the name is given the new font."""
    rlcompat.register_font(font, own=replaced)


def register_last_resort(code_points: frozenset[int]) -> str:
    """A font that draws every one of ``code_points`` as a hollow box, registered with ReportLab.

    For characters no font of the style sheet has: each still gets a code of
    its own in the PDF, so the text layer (ToUnicode) keeps it and it can be
    found, copied and read aloud; on the page it shows as a box, as a missing
    glyph always did. The name carries a digest of the characters.
    """
    digest = hashlib.sha1(",".join(map(str, sorted(code_points))).encode()).hexdigest()[:10]
    name = f"Briefing-LastResort-{digest}"
    with _LOCK:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(_box_font(code_points, name))))
    return name


def _box_font(code_points: frozenset[int], name: str) -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int]):
        pen = TTGlyphPen(None)
        for (x0, y0, x1, y1), clockwise in ((outer, True), (inner, False)):  # the inner contour cuts the hole
            corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
            pen.moveTo(corners[0])
            for corner in (corners[1:] if clockwise else corners[:0:-1]):
                pen.lineTo(corner)
            pen.closePath()
        return pen.glyph()

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "box"])
    builder.setupCharacterMap({cp: "box" for cp in sorted(code_points)})
    shape = box((60, 0, 540, 700), (110, 50, 490, 650))
    builder.setupGlyf({".notdef": shape, "box": shape})
    builder.setupHorizontalMetrics({".notdef": (600, 60), "box": (600, 60)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Briefing Last Resort", "styleName": "Regular", "psName": name})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    head = builder.font["head"]
    head.created = head.modified = 0  # the same characters give the same bytes
    out = io.BytesIO()
    builder.font.recalcTimestamp = False
    builder.save(out)
    return out.getvalue()


def _truetype_subset(font: FontFile, characters: str, tag: str) -> bytes:
    """A small TrueType font with the glyphs of ``characters``, from a CFF-flavoured OpenType font.

    Its PostScript name carries ``tag``: ReportLab shares one face among all fonts
    registered under the same PostScript name, so without it every later cut of
    the font would draw with the glyphs of the first.
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.ttLib import newTable

    ft = FontToolsFont(str(font.path), fontNumber=font.index)
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters or " ")
    subsetter.subset(ft)

    order = ft.getGlyphOrder()
    glyphs = ft.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for glyph_name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[glyph_name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[glyph_name] = pen.glyph()
    ft["glyf"] = glyf
    ft["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    ft["maxp"] = maxp
    for table in ("CFF ", "CFF2", "VORG"):
        if table in ft:
            del ft[table]
    for record in ft["name"].names:
        if record.nameID == 6:
            record.string = f"{record.toUnicode()}-{tag}"
    ft["head"].glyphDataFormat = 0
    ft["post"].formatType = 3.0
    ft.sfntVersion = "\x00\x01\x00\x00"
    ft.recalcTimestamp = False  # the same text must give the same bytes
    out = io.BytesIO()
    ft.save(out)
    ft.close()
    return out.getvalue()
