"""Deck templates: opened safely, and searched for the layouts each kind of slide needs.

A template is a zip archive from outside: it is measured before anything parses
it (size, entry count, unpacked size, compression ratio), so a corrupt file or a
zip bomb is refused with one clear line. A ``.potx`` is opened as the
presentation it describes. Which layout each kind of slide uses is the
design's choice (``design``).
"""

from __future__ import annotations

import functools
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout

from briefing.deck.layout.geometry import Rect
from briefing.deck.layoutmap import LayoutMap
from briefing.deck.ooxml.design import LayoutDesign, TemplateDesign
from briefing.deck.ooxml.presentation import remove_slides
from briefing.deck.ooxml.pristine import PristineTemplate
from briefing.deck.ooxml.sanitize import library_versions, sanitize
from briefing.deck.style import EMU_PER_INCH, DeckStyle
from briefing.derived import code_identity, derived
from briefing.diagnostics import BriefingError
from briefing.formats import userfiles
from briefing.formats.userfiles import read_bounded

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed, per member; Office XML packs about 5-20 to 1
MAX_XML_BYTES = 64 * 1024 * 1024  # a template's XML is parsed whole: a few MB at most in real ones
MAX_ENTRIES = 10_000

_CT_PREFIX = "application/vnd.openxmlformats-officedocument.presentationml."
PRESENTATION = _CT_PREFIX + "presentation.main+xml"
TEMPLATE = _CT_PREFIX + "template.main+xml"
SLIDESHOW = _CT_PREFIX + "slideshow.main+xml"
MACRO_ENABLED = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                 "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                 "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
                 "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml")



def _refuse(path: Path, message: str) -> BriefingError:
    return BriefingError.at(str(path), f"template refused: {message}")


def read_template(path: str | Path) -> tuple[bytes, list[str]]:
    """The template's bytes as a sound, inert presentation package, checked before any parsing,
    and a sentence for each kind of content removed from it (macros, ActiveX, OLE, external links).

    A template is checked once per process: exporting many files with one template reuses it."""
    _, data, notes = _checked(Path(path))
    return data, list(notes)


def _checked(path: Path) -> tuple[tuple, bytes, tuple[str, ...]]:
    """(what identifies the file as it is now, its checked bytes, the removal notes), checked once per file state."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise BriefingError.at(str(path), f"cannot read template: {exc.strerror or exc}") from None
    limits = (MAX_FILE_BYTES, MAX_UNPACKED_BYTES, MAX_XML_BYTES, MAX_RATIO, MAX_ENTRIES)
    # The status-change time too: a rewrite that keeps the size and puts the modification time
    # back (cp -p, touch -r, a sync tool) still moves it, and nobody can set it.
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, limits)
    if key not in _CHECKED:
        if len(_CHECKED) > 8:
            _CHECKED.clear()
        _CHECKED[key] = derived("template", path, _check, version=f"{_check_code()}|{limits}")
    return (key, *_CHECKED[key])


_CHECKED: dict[tuple, tuple[bytes, tuple[str, ...]]] = {}


def _check_code() -> str:
    """What ``_check``'s answer depends on besides the file: this module's limits and checks, the
    sanitizer, the bounded reader, and the libraries that write the package again."""
    modules = (sys.modules[__name__], sys.modules[sanitize.__module__], userfiles)
    return f"{code_identity(*modules)}|{sys.version}|{library_versions()}"


def _check(path: Path) -> tuple[bytes, tuple[str, ...]]:
    """The checked, sanitized bytes and the removal notes (``_checked``): kept in the cache of derived
    data for each state of the file, since the bundled template gives the same answer at every start
    (its rebuilt zip some 4 ms of each one-file export). A refused template raises, and is not kept."""
    if not path.is_file():
        raise BriefingError.at(str(path), "template is not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"file is {size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
    data = read_bounded(path, MAX_FILE_BYTES, what="template")  # a /proc file's size says 0: bound the bytes read
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _refuse(path, "not a .pptx or .potx file (not a zip archive)") from None
    if len(infos) > MAX_ENTRIES:
        raise _refuse(path, f"archive holds {len(infos)} files; the limit is {MAX_ENTRIES}")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(path, f"unpacks to {unpacked // 2**20} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB")
    xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise _refuse(path, f"holds {xml // 2**20} MB of XML; the limit is {MAX_XML_BYTES // 2**20} MB")
    for info in infos:  # each member on its own: stored padding elsewhere must not hide a bomb
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"'{info.filename[:80]}' is compressed {info.file_size // max(info.compress_size, 1)}:1; it looks like a zip bomb")
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        raise _refuse(path, "not an Office document (no [Content_Types].xml)") from None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise _refuse(path, f"damaged archive ({exc})") from None
    text = types.decode("utf-8", "replace")
    if any(ct in text for ct in MACRO_ENABLED):
        raise _refuse(path, "macro-enabled files are not accepted; save it as .pptx or .potx")
    if not any(ct in text for ct in (PRESENTATION, TEMPLATE, SLIDESHOW)):
        raise _refuse(path, "not a PowerPoint presentation or template")
    try:
        data, notes = sanitize(archive)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, KeyError, ValueError) as exc:
        raise _refuse(path, f"damaged archive ({type(exc).__name__}: {exc})") from None
    archive = zipfile.ZipFile(io.BytesIO(data))
    for other in (TEMPLATE, SLIDESHOW):
        if other in text:
            data = _replace_entry(archive, "[Content_Types].xml", text.replace(other, PRESENTATION).encode("utf-8"))
            archive = zipfile.ZipFile(io.BytesIO(data))
            text = text.replace(other, PRESENTATION)
    return data, tuple(notes)


def _replace_entry(archive: zipfile.ZipFile, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            target.writestr(info, blob if info.filename == name else archive.read(info))
    return out.getvalue()


def open_template(path: str | Path, default_font: str = "Arial") -> tuple[PresentationType, TemplateDesign]:
    """The template as an empty presentation (its own slides removed), ready for our slides,
    and its design (read before its slides go: the first one shows the title master).

    The template is parsed and its design read once per process (for each state of
    the file): each call gets a presentation of its own to fill (``pristine``), and
    the design, which nothing changes, is shared."""
    key, data, notes = _checked(Path(path))
    if (key, default_font) not in _OPENED:
        if len(_OPENED) > 8:
            _OPENED.clear()
        _OPENED[key, default_font] = _open(Path(path), data, notes, default_font)
    pristine, design = _OPENED[key, default_font]
    return pristine.fresh(), design


_OPENED: dict[tuple, tuple[PristineTemplate, TemplateDesign]] = {}


def _open(path: Path, data: bytes, notes: tuple[str, ...], default_font: str) -> tuple[PristineTemplate, TemplateDesign]:
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds on damaged packages
        raise _refuse(path, f"cannot be read as PowerPoint ({type(exc).__name__}: {exc})") from None
    if not prs.slide_width or not prs.slide_height:
        raise _refuse(path, "it declares no slide size")
    design = TemplateDesign(prs, default_font)
    design.notices.extend(notes)
    remove_slides(prs)
    return PristineTemplate(prs, data), design


# -- layouts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideFrame:
    """One kind of slide in a template: its layout, the title's place and the body's place."""

    kind: str
    layout: SlideLayout
    title: Rect
    body: Rect | None
    number_placeholder: str | None  # idx of the layout's slide-number placeholder
    title_placeholder: str  # the ``p:ph`` that ties the slide's title to the layout's
    design: LayoutDesign
    number: Rect | None = None  # where the layout's slide-number placeholder is


class TemplateLayouts:
    """Finds, for each kind of slide, the layout to use and where its title and body go."""

    def __init__(self, design: TemplateDesign, style: DeckStyle, origin: str, mapping: LayoutMap | None = None):
        self.design = design
        self.style = style
        self.origin = origin
        self.mapping = mapping
        self.warnings: list[str] = list(design.notices)
        self._frames: dict[str, SlideFrame] = {}

    def frame(self, kind: str) -> SlideFrame:
        if kind not in self._frames:
            pinned = self.mapping.pins.get(kind) if self.mapping is not None else None
            if self.mapping is not None and pinned is not None:
                layout = self.design.find(pinned, kind)
                if layout is None:
                    raise self.mapping.missing(kind, [lay.name for lay in self.design.layouts])
                if not self.design.usable(layout):
                    raise self.mapping.untitled(kind)
            else:
                layout, warning = self.design.choose(kind, self.style.layout_names(kind), self.origin)
                if warning:
                    self.warnings.append(warning)
            title_ph = layout.first("title")
            title = self.design.rect(layout, title_ph)
            if title_ph is None or title is None:  # choose() offers only usable layouts, and pins are checked above
                raise ValueError(f"layout '{layout.name}' has no title placeholder")
            body = self._body(kind, layout, title)
            if pinned is not None and body is not None:
                self._warn_if_cramped(kind, layout, body)
            number = layout.first("sldNum")
            self._frames[kind] = SlideFrame(
                kind, layout.layout, title, body,
                (number.idx or "12") if number is not None else None, title_ph.ph_xml, layout,
                self.design.rect(layout, number),
            )
        return self._frames[kind]

    def _body(self, kind: str, layout: LayoutDesign, title: Rect) -> Rect | None:
        """Where a slide's text goes: the subtitle of a cover; else the layout's text placeholders together
        when they sit clear of the title ("Two Content", "Comparison": the deck's columns span them),
        else the first."""
        if kind in ("title", "closing"):
            return self.design.rect(layout, layout.first("subtitle") or layout.first("body"))
        rects = [r for p in layout.placeholders if p.role == "body" and (r := self.design.rect(layout, p)) is not None]
        if not rects:
            return None
        together = functools.reduce(Rect.union, rects)
        return together if not together.overlaps(title) else rects[0]

    def _warn_if_cramped(self, kind: str, pinned: LayoutDesign, body: Rect) -> None:
        """A warning when a pinned layout's text area is under half the one the deck would choose itself
        (a caption box: the text then runs over many slides)."""
        chosen, _ = self.design.choose(kind, self.style.layout_names(kind), self.origin)
        chosen_title = self.design.rect(chosen, chosen.first("title"))
        own = self._body(kind, chosen, chosen_title) if chosen_title is not None else None
        if own is None or body.w * body.h >= 0.5 * own.w * own.h:
            return
        self.warnings.append(
            f"layout '{pinned.name}' pinned for {kind.replace('_', ' ')} slides holds text in "
            f"{body.w / EMU_PER_INCH:.1f} × {body.h / EMU_PER_INCH:.1f} in, under half of "
            f"'{chosen.name}' ({own.w / EMU_PER_INCH:.1f} × {own.h / EMU_PER_INCH:.1f} in): its text runs over more slides")
