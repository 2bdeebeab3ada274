"""Drawing on one slide: text boxes, the title placeholder, plain shapes, groups, fields and notes.

Every shape is native and editable. Shapes are written as DrawingML directly,
numbered in the order they are drawn (so ids stay unique), with fill and line
from the deck style and no theme style reference (which would pull in the
theme's shadows).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from briefing.deck.contrast import Legibility, resolve
from briefing.deck.layout.flow import Block, Para
from briefing.deck.layout.geometry import Rect
from briefing.deck.ooxml.parts import SlideParts
from briefing.deck.ooxml.textframe import TextWriter, attr, fill_xml
from briefing.deck.style import Color, DeckStyle
from briefing.deck.template import SlideFrame

# PowerPoint gives every slide-number field the same id; a fixed one keeps output reproducible.
SLIDE_NUMBER_FIELD = ("slidenum", "{8F7B2C1E-3D4A-4B5C-9E6F-0A1B2C3D4E5F}")
_GEOMETRY = {"rect": "rect", "oval": "ellipse"}


def _xfrm(rect: Rect, flips: str = "") -> str:
    return f'<a:xfrm{flips}><a:off x="{rect.x}" y="{rect.y}"/><a:ext cx="{rect.w}" cy="{rect.h}"/></a:xfrm>'


_DECORATIVE = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'
)


def _c_nv_pr(ident: int, name: str, descr: str | None) -> str:
    """A shape's ``p:cNvPr``: its alt text (``descr``), or the mark that it is decorative, for
    screen readers and PowerPoint's accessibility checker."""
    if descr:
        return f"<p:cNvPr id=\"{ident}\" name={attr(name)} descr={attr(descr)}/>"
    return f"<p:cNvPr id=\"{ident}\" name={attr(name)}>{_DECORATIVE}</p:cNvPr>"


def _line(color: Color | None, width: int) -> str:
    return f'<a:ln w="{width}">{fill_xml(color) if color else "<a:noFill/>"}</a:ln>'


class Canvas:
    """One slide to draw on. Shapes are collected as XML and written to the slide in one
    piece by ``close``."""

    def __init__(self, parts: SlideParts, frame: SlideFrame, style: DeckStyle, writer: TextWriter, legibility: Legibility):
        self.frame = frame
        self.legibility = legibility
        self._fills: list[tuple[Rect, Color]] = []  # the deck's own filled shapes, bottom to top
        self.style = style
        self.writer = writer
        self.part = parts.add_slide(frame.layout)
        self._parts = parts
        self._shapes: list[str] = []
        self._furniture: list[str] = []  # the marking and the slide number: read after the content
        self._next = 2  # the shape tree itself is id 1
        self._group: list[tuple[str, Rect]] | None = None
        self._closed = False

    def _add(self, xml: str, rect: Rect, *, furniture: bool = False) -> None:
        if self._group is not None:
            self._group.append((xml, rect))
        elif furniture:
            self._furniture.append(xml)
        else:
            self._shapes.append(xml)

    def _id(self) -> int:
        self._next += 1
        return self._next - 1

    def close(self) -> None:
        """Write the shapes drawn so far to the slide (once)."""
        if not self._closed:
            # Shape order is reading order: title, content, then the page furniture.
            self._parts.fill(self.part, "".join(self._shapes + self._furniture))
            self._closed = True

    @contextlib.contextmanager
    def group(self, name: str, descr: str):
        """Shapes drawn in the block become one group (child coordinates equal slide coordinates),
        ``descr`` its alt text."""
        members: list[tuple[str, Rect]] = []
        self._group = members
        try:
            yield self
        finally:
            self._group = None
        if not members:
            return
        x = min(r.x for _, r in members)
        y = min(r.y for _, r in members)
        box = Rect(x, y, max(r.right for _, r in members) - x, max(r.bottom for _, r in members) - y)
        child = f'<a:chOff x="{box.x}" y="{box.y}"/><a:chExt cx="{box.w}" cy="{box.h}"/></a:xfrm>'
        self._add(
            f'<p:grpSp><p:nvGrpSpPr>{_c_nv_pr(self._id(), name, descr)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f"<p:grpSpPr>{_xfrm(box).replace('</a:xfrm>', child)}</p:grpSpPr>{''.join(xml for xml, _ in members)}</p:grpSp>",
            box,
        )

    # -- text ------------------------------------------------------------------------------

    def _color_at(self, x: float, y: float) -> tuple[str, ...] | None:
        layout = self.frame.design
        own = next((c for r, c in reversed(self._fills) if r.x <= x <= r.right and r.y <= y <= r.bottom), None)
        return (resolve(own, layout),) if own is not None else layout.color_at(x, y)

    def _behind(self, rect: Rect) -> tuple[str, ...] | None:
        """The colours behind ``rect`` when one text colour of the theme reads on all of them, else None."""
        if not self._fills:  # nothing of ours drawn yet: the answer is the layout's, the same on every slide
            return self.frame.design.remember(("behind", rect), lambda: self._sampled_behind(rect))
        return self._sampled_behind(rect)

    def _sampled_behind(self, rect: Rect) -> tuple[str, ...] | None:
        # Sampled inside the box's edges: a template's shape that stops a hair short of the slide's edge still counts.
        points = [(rect.x + rect.w * (0.05 + 0.9 * i / 4), rect.y + rect.h * (0.1 + 0.8 * j / 2)) for i in range(5) for j in range(3)]
        colours: set[str] = set()
        for x, y in points:
            found = self._color_at(x, y)
            if found is None:
                return None
            colours.update(found)
        behind = tuple(sorted(colours))
        return behind if self.legibility.readable(self.frame.design, behind) else None

    def on_strip(self, rect: Rect, height: int) -> Rect:
        """``rect``, or where it crosses a strip of the template's own decoration (a filled band as
        wide as ``rect``, such as a dark footer bar) when text across the whole of ``rect`` would
        need a card and ``height`` fits on the strip: the text then reads as part of the design."""
        if self._behind(rect) is not None:
            return rect
        for fill in reversed(self.frame.design.painted()):
            strip = fill.rect
            if not fill.solid or fill.picture is not None or strip.x > rect.x or strip.right < rect.right:
                continue
            top, bottom = max(rect.y, strip.y), min(rect.bottom, strip.bottom)
            if bottom - top >= height:
                part = Rect(rect.x, top, rect.w, bottom - top)
                if self._behind(part) is not None:
                    return part
        return rect

    def _recolor(self, rect: Rect):
        """Run colours legible on everything behind ``rect``. Where no text colour of the theme
        reads on all of it (a busy picture, light and dark decoration), or what is behind cannot
        be known (a group), the text gets a plain card first, as a designer would set it."""
        layout = self.frame.design
        behind = self._behind(rect)
        if behind is None:
            card = self.style.color("paper")
            pad = self.style.length("grid.backing_padding")
            self.box(Rect(rect.x - pad, rect.y - pad, rect.w + 2 * pad, rect.h + 2 * pad), "Text backing", fill=card)
            behind = (resolve(card, layout),)
        return lambda look: self.legibility.color(look, layout, behind)

    def text(self, rect: Rect, blocks: Sequence[Block], name: str, *, anchor: str = "top", field=None,
             furniture: bool = False) -> None:
        recolor = self._recolor(rect)
        body = self.writer.body(self.part, blocks, anchor=anchor, field=field, recolor=recolor)
        self._add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name={attr(name)}/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>{body}</p:sp>',
            rect,
            furniture=furniture,
        )

    def title(self, rect: Rect, blocks: Sequence[Block]) -> None:
        """The title, in a placeholder tied to the layout's title placeholder. The layout's
        other placeholders stay off the slide: the deck draws its own text, and empty
        placeholders show prompts."""
        recolor = self._recolor(rect)
        ident = self._id()
        self._add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{ident}" name="Title {ident - 1}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr>{self.frame.title_placeholder}</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(rect)}</p:spPr>"
            f'{self.writer.body(self.part, blocks, anchor="bottom", recolor=recolor)}</p:sp>',
            rect,
        )

    def slide_number(self, number: int, fallback: Rect, blocks: Sequence[Block]) -> None:
        """The slide number as a field: in the layout's slide-number placeholder when it has one."""
        idx, rect = self.frame.number_placeholder, fallback  # the deck's place: clear of the marking
        if idx is None:
            self.text(fallback, blocks, "Slide Number", anchor="middle", field=SLIDE_NUMBER_FIELD, furniture=True)
            return
        kind, ident = SLIDE_NUMBER_FIELD
        look = blocks[0].style
        color = self._recolor(rect)(look.color)
        self._add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="Slide Number"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx={attr(idx)}/></p:nvPr></p:nvSpPr><p:spPr>{_xfrm(rect)}</p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{ident}" type="{kind}"><a:rPr lang="en-US" sz="{round(look.size * 100)}">'
            f"{fill_xml(color)}</a:rPr><a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>",
            rect,
            furniture=True,
        )

    def notes(self, paras: Sequence[Para]) -> None:
        """Speaker notes (plain paragraphs, no links) on the slide's notes page."""
        blocks = [Block(p, self.style.text(p.style), (0,)) for p in paras]
        self._parts.add_notes(self.part, self.writer.body(None, blocks, anchor="top"))

    # -- shapes ---------------------------------------------------------------------------------

    def box(self, rect: Rect, name: str, *, fill: Color | None = None, line: Color | None = None,
            line_width: int = 0, kind: str = "rect", descr: str | None = None) -> None:
        """A plain shape; without ``descr`` (its alt text) it is marked decorative."""
        if fill is not None:
            self._fills.append((rect, fill))
        self._add(
            f'<p:sp><p:nvSpPr>{_c_nv_pr(self._id(), name, descr)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(rect)}<a:prstGeom prst="{_GEOMETRY[kind]}"><a:avLst/></a:prstGeom>'
            f'{fill_xml(fill) if fill else "<a:noFill/>"}{_line(line, line_width)}</p:spPr></p:sp>',
            rect,
        )

    def line(self, start: tuple[int, int], end: tuple[int, int], name: str, *, color: Color, width: int) -> None:
        (x1, y1), (x2, y2) = start, end
        rect = Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
        flips = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
        self._add(
            f'<p:cxnSp><p:nvCxnSpPr>{_c_nv_pr(self._id(), name, None)}<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
            f'<p:spPr>{_xfrm(rect, flips)}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{_line(color, width)}</p:spPr></p:cxnSp>',
            rect,
        )
