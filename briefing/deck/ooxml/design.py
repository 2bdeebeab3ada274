"""A template's design as a designer reads it: masters, layouts, geometry, theme fonts and colours.

A template may hold several masters (LibreOffice writes one per master page:
usually a decorated title master and plainer content masters) with layouts
named in any language. For each kind of slide the deck needs, a layout is
chosen by name when one matches (the style's names, or an organisation's
``--layouts`` mapping), else by its placeholders (title + one body, title
only, centre title + subtitle) and the layout's ``type``; content slides come
from the master whose decoration leaves the body area clearest, the title
slide from the master the template's own first slide used.

Geometry comes from the layout's placeholders; a placeholder without its own
position inherits the master's. LibreOffice writes every master's layouts with
one shared geometry (that of one master), so when all masters' layouts agree
while their masters differ, the master's own placeholders are used.

Fonts: the face the master's title and body really use (a theme reference
``+mj-lt``/``+mn-lt`` resolved through the theme, or the face named in the
master's text styles and placeholders). Colours: theme slots through the
master's colour map (and a layout's override), and what lies behind a point of
the slide (the topmost filled master or layout shape there, else the
background), so text can be checked for contrast.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout, SlideMaster

from briefing.deck.layout.geometry import Rect
from briefing.deck.ooxml.presentation import placeholder_xml
from briefing.derived import derived_from_bytes
from briefing.diagnostics import BriefingError

T = TypeVar("T")
ROLES = ("title", "bottom_line", "finding", "timeline", "sources", "closing")
_TITLE_TYPES = ("title", "ctrTitle")
_BODY_TYPES = ("body", "obj", None)  # a placeholder with no type and an idx is a content placeholder
_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_BACKGROUND_SHARE = 0.95  # a shape covering this much of the slide is its background, not decoration
_SAMPLES = 24  # decoration coverage is sampled on a grid this fine over the body area
_GRID = 32  # pictures behind text are read at this resolution


@dataclass(frozen=True)
class Placeholder:
    """A layout's placeholder: its type, index, place, and how a slide refers to it."""

    type: str | None  # the ``p:ph`` type (None: a content placeholder)
    idx: str | None
    rect: Rect | None
    ph_xml: str  # the ``p:ph`` as a slide's placeholder writes it

    @property
    def role(self) -> str:
        if self.type in _TITLE_TYPES:
            return "title"
        if self.type == "subTitle":
            return "subtitle"
        if self.type in ("dt", "ftr", "sldNum", "hdr", "sldImg"):
            return self.type
        if self.type in _BODY_TYPES:
            return "body"
        return "other"  # pictures, charts, tables, media


Colors = tuple[str, ...]  # what a fill shows: one RRGGBB, or a gradient's stops


@dataclass(frozen=True)
class Fill:
    """Something painted behind text: its colours, or None where they cannot be known (a group)."""

    colors: Colors | None
    rect: Rect
    picture: tuple[str, ...] | None = None  # a picture's colours on a 32 x 32 grid, row by row
    solid: bool = True  # fills its whole box (a rectangle, a picture); else what is below may show too

    def at(self, x: float, y: float) -> Colors | None:
        """The colours here: a picture's darkest and lightest near (``x``, ``y``), else the fill's."""
        if self.picture is None:
            return self.colors
        i = min(_GRID - 1, max(0, int((x - self.rect.x) / self.rect.w * _GRID)))
        j = min(_GRID - 1, max(0, int((y - self.rect.y) / self.rect.h * _GRID)))
        near = [self.picture[b * _GRID + a] for a in range(max(0, i - 2), min(_GRID, i + 3)) for b in range(max(0, j - 2), min(_GRID, j + 3))]
        near.sort(key=_brightness)
        return (near[0], near[-1])


@dataclass
class MasterDesign:
    """A slide master's look: theme colours, heading and body faces, title colour."""

    index: int
    master: SlideMaster
    colors: dict[str, str]  # theme slot (dk1, lt1, accent1, ...) -> RRGGBB
    color_map: dict[str, str]  # tx1/bg1/tx2/bg2 -> theme slot
    heading_font: str  # the face the master's titles use (resolved)
    body_font: str
    heading_ref: str  # what a run writes to get it: "+mj-lt" or a face name
    body_ref: str
    title_color: str | None  # the RGB the master gives its titles, when it names one
    background: Colors | None
    fills: list[Fill]  # filled decoration, bottom to top
    placeholders: dict[str, Placeholder]  # role -> the master's placeholder
    draws_number: bool = False  # its decoration holds a slide-number field of its own
    coverage: float = 0.0  # how much of the body area the decoration covers (0..1)
    room: float = 0.0  # share of the slide left clear for content in the body area
    layouts: list[LayoutDesign] = field(default_factory=list)


@dataclass
class LayoutDesign:
    """A layout's look: its placeholders, what it paints, and the background behind text."""

    index: int  # among all layouts of the template, masters in order
    layout: SlideLayout
    master: MasterDesign
    name: str
    type: str | None
    placeholders: list[Placeholder]
    fills: list[Fill]
    shows_master: bool
    background: Colors | None
    color_map: dict[str, str]
    own_number: bool = False
    _seen: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def draws_number(self) -> bool:
        """True when the slide shows a slide number without the deck drawing one."""
        return self.own_number or (self.shows_master and self.master.draws_number)

    def first(self, role: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.role == role), None)

    def painted(self) -> list[Fill]:
        """What is painted on a slide of this layout before its own shapes, bottom to top."""
        return (self.master.fills if self.shows_master else []) + self.fills

    def color_at(self, x: float, y: float) -> Colors | None:
        """The colours that may show at (``x``, ``y``) on a slide of this layout before its own shapes
        (None: unknown). A shape known only by its box (a triangle, a freeform) may or may not
        cover the point: its colours and those below it all count.

        Remembered per point (``remember``)."""
        return self.remember(("color", x, y), lambda: self._color_at(x, y))

    def remember(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per ``key`` for this layout: for answers that depend on
        nothing but the layout's design, which never changes, and which every deck made from
        the template (read once per process) asks for again at the same few places."""
        if key not in self._seen:
            if len(self._seen) > 8192:  # bounded: a long batch's decks ask about many places
                self._seen.clear()
            self._seen[key] = compute()
        return self._seen[key]

    def _color_at(self, x: float, y: float) -> Colors | None:
        found: list[str] = []
        for fill in reversed(self.painted()):
            r = fill.rect
            if r.x <= x <= r.right and r.y <= y <= r.bottom:
                here = fill.at(x, y)
                if here is None:
                    return None
                found += here
                if fill.solid:
                    return tuple(dict.fromkeys(found))
        if self.background is None:
            return None
        return tuple(dict.fromkeys(found + list(self.background)))

    def count(self, role: str) -> int:
        return sum(p.role == role for p in self.placeholders)

    @property
    def signature(self) -> str:
        """What the layout offers: 'cover' (title + subtitle), 'content' (title + one body),
        'title only', or 'other'."""
        title, bodies = self.first("title"), self.count("body")
        if title is None:
            return "other"
        if self.first("subtitle") is not None and bodies == 0:
            return "cover"
        if bodies == 1 and self.count("other") == 0:
            return "content"
        if bodies == 0 and self.count("other") == 0:
            return "title only"
        return "other"


# -- reading XML ---------------------------------------------------------------------------


def _rect_of(element) -> Rect | None:
    xfrm = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        xfrm = element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        xfrm = element.find(qn("p:xfrm"))
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    try:
        rect = Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    except (TypeError, ValueError):
        return None
    return rect if rect.w > 0 and rect.h > 0 else None


def _placeholders(tree) -> list[tuple[Placeholder, object]]:
    out = []
    for sp in tree.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None:
            continue
        out.append((Placeholder(ph.get("type"), ph.get("idx"), _rect_of(sp), placeholder_xml(ph)), sp))
    return out


def _theme_colors(master: SlideMaster) -> tuple[dict[str, str], dict[str, str]]:
    """(slot -> RRGGBB, 'major'/'minor' -> latin face) from the master's theme."""
    colors = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6", "accent1": "4472C4", "accent2": "ED7D31",
              "accent3": "A5A5A5", "accent4": "FFC000", "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72"}
    fonts = {"major": "", "minor": ""}
    theme = next((rel.target_part for rel in master.part.rels.values() if rel.reltype == RT.THEME and not rel.is_external), None)
    if theme is None:
        return colors, fonts
    root = etree.parse(io.BytesIO(theme.blob)).getroot()
    scheme = root.find(f".//{qn('a:clrScheme')}")
    if scheme is not None:
        for slot in _SLOTS:
            node = scheme.find(qn(f"a:{slot}"))
            if node is not None and len(node):
                value = node[0].get("lastClr") if node[0].tag == qn("a:sysClr") else node[0].get("val")
                if value and len(value) == 6:
                    colors[slot] = value.upper()
    for kind in ("major", "minor"):
        latin = root.find(f".//{qn('a:' + kind + 'Font')}/{qn('a:latin')}")
        if latin is not None:
            fonts[kind] = latin.get("typeface") or ""
    return colors, fonts


def _color_map(element) -> dict[str, str]:
    node = element.find(qn("p:clrMap"))
    mapping = dict(_DEFAULT_MAP)
    if node is not None:
        mapping.update({k: v for k, v in node.attrib.items() if k in mapping})
    return mapping


def resolve_color(node, colors: dict[str, str], color_map: dict[str, str]) -> str | None:
    """The RRGGBB of a colour element (``a:srgbClr``, ``a:schemeClr``, ``a:sysClr``), ignoring tints."""
    if node is None:
        return None
    if node.tag == qn("a:srgbClr"):
        value = node.get("val", "")
        return value.upper() if len(value) == 6 else None
    if node.tag == qn("a:sysClr"):
        return (node.get("lastClr") or "").upper() or None
    if node.tag == qn("a:schemeClr"):
        slot = node.get("val", "")
        slot = color_map.get(slot, slot)
        return colors.get(slot)
    return None


def _brightness(rgb: str) -> float:
    return 0.2126 * int(rgb[0:2], 16) + 0.7152 * int(rgb[2:4], 16) + 0.0722 * int(rgb[4:6], 16)


def _picture(part, holder) -> tuple[str, ...] | None:
    """The picture ``holder`` (a ``p:pic`` or a blip fill) shows, as colours on a coarse grid, or None.
    Decoding a template's texture (megapixels) is the slowest step of opening it, for the same
    answer every time: the grid is kept in the derived-data cache, keyed by the picture's bytes."""
    blip = holder.find(f".//{qn('a:blip')}")
    rid = blip.get(qn("r:embed")) if blip is not None else None
    if not rid or part is None:
        return None
    try:
        blob = part.related_part(rid).blob
    except Exception:  # noqa: BLE001 - a dangling or odd relationship: its colours stay unknown
        return None
    return derived_from_bytes("picture-grid", blob, _picture_grid)


def _picture_grid(blob: bytes) -> tuple[str, ...] | None:
    # Outside the try: Pillow may load only here (``briefing.cli.deferred``), and one that cannot
    # load (a broken install) is an error, not a picture of unknown colours kept in the cache.
    from PIL.Image import Resampling
    from PIL.Image import open as open_image

    try:
        with open_image(io.BytesIO(blob)) as image:
            image.draft("RGB", (4 * _GRID, 4 * _GRID))
            small = image.convert("RGBA").convert("RGB").resize((_GRID, _GRID), Resampling.BOX)
    except Exception:  # noqa: BLE001 - an image PIL cannot read (EMF, damaged): its colours stay unknown
        return None
    data = small.tobytes()  # RGB, row by row
    return tuple(data[k : k + 3].hex().upper() for k in range(0, len(data), 3))


def _picture_fill(part, holder, rect: Rect) -> Fill:
    grid = _picture(part, holder)
    if grid is None:
        return Fill(None, rect)
    ordered = sorted(grid, key=_brightness)
    return Fill((ordered[0], ordered[-1]), rect, grid)


def _one(rgb: str | None) -> Colors | None:
    return (rgb,) if rgb else None


def _stops(grad, colors, color_map) -> Colors | None:
    found = tuple(resolve_color(gs[0], colors, color_map) if len(gs) else None for gs in grad.iter(qn("a:gs")))
    return found if found and all(found) else None  # type: ignore[return-value]


def _fill_color(sp, colors, color_map, part=None) -> tuple[bool, Colors | None]:
    """(has a fill, its colours): a gradient by its stops (pictures are ``_picture_fill``)."""
    sppr = sp.find(qn("p:spPr"))
    if sppr is None:
        return False, None
    solid = sppr.find(qn("a:solidFill"))
    if solid is not None and len(solid):
        return True, _one(resolve_color(solid[0], colors, color_map))
    if sppr.find(qn("a:noFill")) is not None:
        return False, None
    grad = sppr.find(qn("a:gradFill"))
    if grad is not None:
        return True, _stops(grad, colors, color_map)
    if sppr.find(qn("a:pattFill")) is not None:
        return True, None
    ref = sp.find(f"{qn('p:style')}/{qn('a:fillRef')}")
    if ref is not None and ref.get("idx", "0") != "0" and len(ref):
        return True, _one(resolve_color(ref[0], colors, color_map))
    return False, None


def _decoration(tree, colors, color_map, part=None) -> list[Fill]:
    """The filled shapes that are not placeholders, bottom to top (top-level shapes only)."""
    out = []
    for sp in tree:
        if sp.tag not in (qn("p:sp"), qn("p:pic"), qn("p:grpSp"), qn("p:cxnSp"), qn("p:graphicFrame")):
            continue
        if sp.find(f".//{qn('p:nvPr')}/{qn('p:ph')}") is not None and sp.tag != qn("p:grpSp"):
            continue
        rect = _rect_of(sp)
        if rect is None:
            continue
        if sp.tag == qn("p:grpSp"):
            out.append(Fill(None, rect))
            continue
        blip = sp.find(f"{qn('p:spPr')}/{qn('a:blipFill')}") if sp.tag == qn("p:sp") else None
        if sp.tag == qn("p:pic") or blip is not None:
            out.append(_picture_fill(part, sp if blip is None else blip, rect))
            continue
        filled, rgb = _fill_color(sp, colors, color_map, part)
        if filled:
            geometry = sp.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
            out.append(Fill(rgb, rect, solid=geometry is not None and geometry.get("prst") == "rect"))
    return out


def _background(c_sld, colors, color_map, part=None) -> tuple[bool, Colors | None]:
    bg = c_sld.find(qn("p:bg"))
    if bg is None:
        return False, None
    props = bg.find(qn("p:bgPr"))
    if props is not None:
        solid = props.find(qn("a:solidFill"))
        if solid is not None and len(solid):
            return True, _one(resolve_color(solid[0], colors, color_map))
        grad = props.find(qn("a:gradFill"))
        if grad is not None:
            return True, _stops(grad, colors, color_map)
        if props.find(qn("a:blipFill")) is not None:
            grid = _picture(part, props.find(qn("a:blipFill")))
            return True, (min(grid, key=_brightness), max(grid, key=_brightness)) if grid else None
        return True, None
    ref = bg.find(qn("p:bgRef"))
    if ref is not None and len(ref):
        return True, _one(resolve_color(ref[0], colors, color_map))
    return False, None


def _numbers_itself(tree) -> bool:
    """True when a shape that is not a placeholder holds a slide-number field (LibreOffice masters)."""
    for sp in tree.iterchildren(qn("p:sp")):
        if sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is None:
            if any(f.get("type") == "slidenum" for f in sp.iter(qn("a:fld"))):
                return True
    return False


def _latin(node) -> str | None:
    if node is None:
        return None
    latin = node.find(f".//{qn('a:latin')}")
    return latin.get("typeface") if latin is not None and latin.get("typeface") else None


def _run_color(node, colors, color_map) -> str | None:
    if node is None:
        return None
    fill = node.find(f".//{qn('a:rPr')}/{qn('a:solidFill')}")
    if fill is None:
        fill = node.find(f".//{qn('a:defRPr')}/{qn('a:solidFill')}")
    return resolve_color(fill[0], colors, color_map) if fill is not None and len(fill) else None


def _face(master_el, style_tag: str, placeholder, theme_face: str, theme_ref: str, default: str) -> tuple[str, str]:
    """(face, reference to write) for a master's title or body text."""
    named = _latin(placeholder.find(qn("p:txBody"))) if placeholder is not None else None
    if named is None:
        styles = master_el.find(f"{qn('p:txStyles')}/{qn(style_tag)}")
        named = _latin(styles.find(qn("a:lvl1pPr"))) if styles is not None and styles.find(qn("a:lvl1pPr")) is not None else None
    if named is None or named.startswith("+"):
        if theme_face:
            return theme_face, theme_ref
        return default, default
    return named, named


# -- the design ----------------------------------------------------------------------------------


def _coverage(fills: Iterable[Fill], area: Rect, slide: Rect) -> float:
    """Share of ``area`` under decoration (shapes covering nearly the whole slide are background)."""
    shapes = [f.rect for f in fills if _overlap(f.rect, slide) < _BACKGROUND_SHARE * slide.w * slide.h]
    if not shapes or area.w <= 0 or area.h <= 0:
        return 0.0
    hit = 0
    for i in range(_SAMPLES):
        for j in range(_SAMPLES):
            x = area.x + (i + 0.5) * area.w / _SAMPLES
            y = area.y + (j + 0.5) * area.h / _SAMPLES
            hit += any(r.x <= x <= r.right and r.y <= y <= r.bottom for r in shapes)
    return hit / (_SAMPLES * _SAMPLES)


def _rect_or_none(placeholder: Placeholder | None) -> Rect | None:
    return placeholder.rect if placeholder is not None else None


def _overlap(a: Rect, b: Rect) -> int:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return max(0, w) * max(0, h)


class TemplateDesign:
    """Everything the deck reads from a template, worked out once per opened template."""

    def __init__(self, prs: PresentationType, default_font: str):
        if prs.slide_width is None or prs.slide_height is None:  # opening the template refuses these
            raise ValueError("the template declares no slide size")
        self.width = int(prs.slide_width)
        self.height = int(prs.slide_height)
        self.slide = Rect(0, 0, self.width, self.height)
        self.notices: list[str] = []  # what opening the template changed (content removed from it)
        self.masters: list[MasterDesign] = []
        self.layouts: list[LayoutDesign] = []
        for m, master in enumerate(prs.slide_masters):
            self.masters.append(self._master(m, master, default_font))
        self._shared_geometry = self._layouts_share_geometry()
        used = [slide.slide_layout.slide_master for slide in prs.slides]
        self.title_master = self._master_of(used[0]) if used else self.masters[0]
        second = self._master_of(used[1]) if len(used) > 1 else None
        self.content_master = min(self.masters, key=lambda m: (-round(m.room, 2), m is not second, m.index))

    def _master_of(self, master: SlideMaster) -> MasterDesign:
        return next(m for m in self.masters if m.master.part is master.part)

    def _master(self, index: int, master: SlideMaster, default_font: str) -> MasterDesign:
        el = master.element
        colors, theme_fonts = _theme_colors(master)
        color_map = _color_map(el)
        c_sld = el.find(qn("p:cSld"))
        tree = c_sld.find(qn("p:spTree"))
        placeholders: dict[str, Placeholder] = {}
        elements: dict[str, object] = {}
        for ph, sp in _placeholders(tree):
            if ph.role not in placeholders:
                placeholders[ph.role], elements[ph.role] = ph, sp
        heading, heading_ref = _face(el, "p:titleStyle", elements.get("title"), theme_fonts["major"], "+mj-lt", default_font)
        body, body_ref = _face(el, "p:bodyStyle", elements.get("body"), theme_fonts["minor"], "+mn-lt", default_font)
        title_color = _run_color(elements.get("title"), colors, color_map)
        if title_color is None:
            styles = el.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
            title_color = _run_color(styles, colors, color_map)
        has_bg, bg = _background(c_sld, colors, color_map, master.part)
        fills = _decoration(tree, colors, color_map, master.part)
        background = bg if has_bg else _one(colors.get(color_map.get("bg1", "lt1")))
        design = MasterDesign(index, master, colors, color_map, heading, body, heading_ref, body_ref, title_color,
                              background, fills, placeholders)
        body_area = placeholders["body"].rect if "body" in placeholders and placeholders["body"].rect else self._middle()
        design.coverage = _coverage(fills, body_area, self.slide)
        design.draws_number = _numbers_itself(tree)
        design.room = body_area.w * body_area.h / (self.width * self.height) * (1 - design.coverage)
        for layout in master.slide_layouts:
            design.layouts.append(self._layout(layout, design))
        return design

    def _middle(self) -> Rect:
        return Rect(self.width // 10, self.height // 4, self.width * 8 // 10, self.height // 2)

    def _layout(self, layout: SlideLayout, master: MasterDesign) -> LayoutDesign:
        el = layout.element
        c_sld = el.find(qn("p:cSld"))
        override = el.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
        color_map = dict(master.color_map)
        if override is not None:
            color_map.update({k: v for k, v in override.attrib.items() if k in color_map})
        tree = c_sld.find(qn("p:spTree"))
        has_bg, bg = _background(c_sld, master.colors, color_map, layout.part)
        placeholders = []
        for ph, _sp in _placeholders(tree):
            if ph.rect is None:  # no position of its own: the master's placeholder of its kind
                inherited = master.placeholders.get(ph.role)
                ph = Placeholder(ph.type, ph.idx, inherited.rect if inherited else None, ph.ph_xml)
            placeholders.append(ph)
        design = LayoutDesign(
            len(self.layouts), layout, master, " ".join((layout.name or "").split()), el.get("type"), placeholders,
            _decoration(tree, master.colors, color_map, layout.part), el.get("showMasterSp") != "0",
            bg if has_bg else (master.background if override is None else _one(master.colors.get(color_map.get("bg1", "lt1")))),
            color_map, _numbers_itself(tree),
        )
        self.layouts.append(design)
        return design

    def _layouts_share_geometry(self) -> bool:
        """True when every master's layouts place their title and body alike while the masters
        place theirs differently (LibreOffice writes one master's geometry into all layouts)."""
        if len(self.masters) < 2:
            return False

        def places(m: MasterDesign):
            return {lay.name: (_rect_or_none(lay.first("title")), _rect_or_none(lay.first("body") or lay.first("subtitle"))) for lay in m.layouts}

        first = places(self.masters[0])
        own = {(_rect_or_none(m.placeholders.get("title")), _rect_or_none(m.placeholders.get("body"))) for m in self.masters}
        return len(own) > 1 and all(places(m) == first for m in self.masters[1:])

    # -- geometry ------------------------------------------------------------------------------

    def rect(self, layout: LayoutDesign, placeholder: Placeholder | None) -> Rect | None:
        """Where ``placeholder`` of ``layout`` really is."""
        if placeholder is None:
            return None
        if self._shared_geometry:
            own = layout.master.placeholders.get(placeholder.role)
            if own is None and placeholder.role == "subtitle":  # LibreOffice masters: the outline area
                own = layout.master.placeholders.get("body")
            if own is not None and own.rect is not None:
                return own.rect
        return placeholder.rect

    # -- choosing layouts ---------------------------------------------------------------------------

    def choose(self, role: str, names: Iterable[str], origin: str = "") -> tuple[LayoutDesign, str | None]:
        """The layout the deck picks for slides of ``role`` and, when it is a fallback, a warning
        (a layout a ``--layouts`` mapping pins is looked up with ``find``)."""
        master = self._master_for(role)
        pool = master.layouts + [lay for m in sorted(self.masters, key=lambda m: -m.room) if m is not master for lay in m.layouts]
        wanted = [" ".join(n.split()).casefold() for n in names]
        if wanted:  # the role's own layout ("Finding"), whatever it holds: the template was made for us
            own = next((lay for lay in pool if lay.name.casefold() == wanted[0] and self.usable(lay)), None)
            if own is not None:
                return own, None
        signatures = {"title": ("cover", "content", "title only"), "closing": ("cover", "title only", "content"),
                      "timeline": ("title only", "content")}.get(role, ("content", "title only"))
        types = {"title": ("title", "ctrTitle"), "timeline": ("titleOnly",), "closing": ("title",)}.get(role, ("obj", "tx"))

        def preference(lay: LayoutDesign) -> tuple:
            named = wanted.index(lay.name.casefold()) if lay.name.casefold() in wanted else len(wanted)
            return (lay.master is not master, named, lay.type not in types)  # then the template's order

        for signature in signatures:  # the placeholders a designer would want, names only break ties
            matches = [lay for lay in pool if lay.signature == signature and self.usable(lay)]
            if matches:
                return min(matches, key=preference), None
        usable = [lay for lay in pool if self.usable(lay)]
        if not usable:
            raise BriefingError.at(
                origin, "template has no slide layout with a title placeholder; add a 'Title Only' layout",
            )
        return usable[0], f"template has no layout suited to {role.replace('_', ' ')} slides; they use '{usable[0].name}'"

    def usable(self, layout: LayoutDesign) -> bool:
        """Whether slides of ``layout`` can carry a title: a title placeholder wider than it is tall."""
        rect = self.rect(layout, layout.first("title"))
        return rect is not None and rect.w > rect.h

    def find(self, reference: str, role: str | None = None) -> LayoutDesign | None:
        """The layout ``reference`` names (``NAME`` or ``MASTER-NUMBER/NAME``). A bare name several masters
        share is taken from the master the deck uses for ``role``'s slides when it has one (LibreOffice
        gives its title master and its content masters the same layout names)."""
        master_part, _, name = reference.rpartition("/")
        name = " ".join(name.split()).casefold()
        found = [lay for lay in self.layouts
                 if lay.name.casefold() == name and (not master_part or master_part == str(lay.master.index + 1))]
        if role is not None and not master_part:
            preferred = self._master_for(role)
            found.sort(key=lambda lay: lay.master is not preferred)  # stable: else the template's order
        return found[0] if found else None

    def _master_for(self, role: str) -> MasterDesign:
        return self.title_master if role in ("title", "closing") else self.content_master
