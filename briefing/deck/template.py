"""Deck templates: opened safely, and searched for the layouts each kind of slide needs.

A template is a zip archive from outside: it is measured before anything parses
it (size, entry count, unpacked size, compression ratio), so a corrupt file or a
zip bomb is refused with one clear line. A ``.potx`` is opened as the
presentation it describes. Layouts are found by name (the style lists the names
to try for each kind of slide), then by their placeholders.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout

from briefing.deck.layout.geometry import Rect
from briefing.deck.ooxml.presentation import placeholder_index, placeholder_xml, remove_slides
from briefing.deck.style import DeckStyle
from briefing.diagnostics import BriefingError
from briefing.formats.userfiles import read_bounded

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed; Office XML packs about 5-20 to 1
MAX_ENTRIES = 10_000

_CT_PREFIX = "application/vnd.openxmlformats-officedocument.presentationml."
PRESENTATION = _CT_PREFIX + "presentation.main+xml"
TEMPLATE = _CT_PREFIX + "template.main+xml"
MACRO_ENABLED = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                 "application/vnd.ms-powerpoint.template.macroEnabled.main+xml")

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


def _refuse(path: Path, message: str) -> BriefingError:
    return BriefingError.at(str(path), f"template refused: {message}")


def read_template(path: str | Path) -> bytes:
    """The template's bytes as a presentation package, checked before any parsing."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BriefingError.at(str(path), f"cannot read template: {exc.strerror or exc}") from None
    if not path.is_file():
        raise BriefingError.at(str(path), "template is not a file")
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
    packed = sum(info.compress_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(path, f"unpacks to {unpacked // 2**20} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB")
    if unpacked > 1024 * 1024 and unpacked > MAX_RATIO * max(packed, 1):
        raise _refuse(path, f"compression ratio {unpacked // max(packed, 1)}:1 looks like a zip bomb")
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        raise _refuse(path, "not an Office document (no [Content_Types].xml)") from None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise _refuse(path, f"damaged archive ({exc})") from None
    text = types.decode("utf-8", "replace")
    if any(ct in text for ct in MACRO_ENABLED):
        raise _refuse(path, "macro-enabled files are not accepted; save it as .pptx or .potx")
    if TEMPLATE in text:
        return _replace_entry(archive, "[Content_Types].xml", text.replace(TEMPLATE, PRESENTATION).encode("utf-8"))
    if PRESENTATION not in text:
        raise _refuse(path, "not a PowerPoint presentation or template")
    return data


def _replace_entry(archive: zipfile.ZipFile, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            target.writestr(info, blob if info.filename == name else archive.read(info))
    return out.getvalue()


def open_template(path: str | Path) -> tuple[PresentationType, str]:
    """The template as an empty presentation (its own slides removed), ready for our slides,
    and a digest of its bytes (layout geometry is worked out once per template)."""
    data = read_template(path)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds on damaged packages
        raise _refuse(Path(path), f"cannot be read as PowerPoint ({type(exc).__name__}: {exc})") from None
    if not prs.slide_width or not prs.slide_height:
        raise _refuse(Path(path), "it declares no slide size")
    remove_slides(prs)
    return prs, hashlib.sha256(data).hexdigest()


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


def _rect(shape) -> Rect | None:
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(v is None for v in values) or values[2] <= 0 or values[3] <= 0:
        return None
    return Rect(*(int(v) for v in values))


def _placeholder(layout: SlideLayout, types) -> Rect | None:
    for shape in layout.placeholders:  # type: ignore[misc]  # python-pptx types __iter__ as a bare attribute
        if shape.placeholder_format.type in types:
            rect = _rect(shape)
            if rect is not None:
                return rect
    return None


def _title(layout: SlideLayout) -> Rect | None:
    rect = _placeholder(layout, TITLE_TYPES)
    return rect if rect is not None and rect.w > rect.h else None  # not a vertical title


def _title_ph(layout: SlideLayout) -> str:
    """The layout's title ``p:ph``, as a slide's title placeholder writes it (layout-only
    attributes such as a custom prompt left out)."""
    shape = next(s for s in layout.placeholders if s.placeholder_format.type in TITLE_TYPES and _rect(s) is not None)  # type: ignore[misc]  # as above
    return placeholder_xml(shape)


@dataclass(frozen=True)
class _Plan:
    """Where one kind of slide goes in a template, independent of any opened copy of it."""

    layout: int  # index among the template's layouts
    title: Rect
    body: Rect | None
    number_placeholder: str | None
    title_placeholder: str
    warning: str | None


_PLANS: dict[tuple[str, str, str], _Plan] = {}


class TemplateLayouts:
    """Finds, for each kind of slide, the layout to use and where its title and body go."""

    def __init__(self, prs: PresentationType, style: DeckStyle, origin: str, digest: str):
        self.style = style
        self.origin = origin
        self.digest = digest
        self.warnings: list[str] = []
        self._layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
        self._frames: dict[str, SlideFrame] = {}

    def frame(self, kind: str) -> SlideFrame:
        if kind not in self._frames:
            key = (self.digest, self.style.origin, kind)
            plan = _PLANS.get(key)
            if plan is None:
                plan = _PLANS[key] = self._plan(kind)
            if plan.warning:
                self.warnings.append(plan.warning)
            self._frames[kind] = SlideFrame(
                kind, self._layouts[plan.layout], plan.title, plan.body, plan.number_placeholder, plan.title_placeholder
            )
        return self._frames[kind]

    def _plan(self, kind: str) -> _Plan:
        names = self.style.layout_names(kind)
        by_name = {" ".join(layout.name.split()).casefold(): i for i, layout in reversed(list(enumerate(self._layouts)))}
        chosen = None
        for rank, name in enumerate(names):
            index = by_name.get(name.casefold())
            if index is not None and _title(self._layouts[index]) is not None:
                chosen, fallback = index, rank > 0
                break
        if chosen is None:
            candidates = [i for i, layout in enumerate(self._layouts) if _title(layout) is not None]
            candidates.sort(key=lambda i: _body(self._layouts[i], kind) is None)  # stable: template order otherwise
            if not candidates:
                raise BriefingError.at(
                    self.origin,
                    f"template has no slide layout with a title placeholder (looked for {', '.join(repr(n) for n in names)}); "
                    "add a 'Title Only' layout",
                )
            chosen, fallback = candidates[0], True
        layout = self._layouts[chosen]
        number = next((s for s in layout.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
        warning = f"template has no '{names[0]}' layout; the {kind.replace('_', ' ')} slides use '{layout.name}'" if fallback else None
        return _Plan(
            chosen, _title(layout), _body(layout, kind),
            placeholder_index(number, "12") if number is not None else None,
            _title_ph(layout),
            warning,
        )


def _body(layout: SlideLayout, kind: str) -> Rect | None:
    types = ((PP_PLACEHOLDER.SUBTITLE,) + BODY_TYPES) if kind == "title" else BODY_TYPES
    for wanted in types:
        rect = _placeholder(layout, (wanted,))
        if rect is not None:
            return rect
    return None
