"""Set paragraphs as DrawingML text: literal, exact spacing, right-to-left runs marked, safe links only.

The XML is written here rather than through python-pptx's text setters, which
turn control characters into ``_x000B_`` escapes, know nothing of right-to-left
runs, and are slow for hundreds of slides. Text is cleaned again (it already is
by the loader) and escaped, so no caller can slip a control character or markup
through.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.deck.layout.flow import Block
from briefing.deck.style import Color, DeckStyle, TextStyle
from briefing.direction import is_rtl, rtl_phrases
from briefing.language import script_language
from briefing.text import clean, safe_link

_STYLE_LANGUAGES = {"ur": "urdu", "ar": "arabic", "he": "hebrew"}  # script_language -> font.languages key
_SCHEME = {"text_1": "tx1", "background_1": "bg1", "text_2": "tx2", "background_2": "bg2", "hyperlink": "hlink"}
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def scheme_name(slot: str) -> str:
    return _SCHEME.get(slot, slot.replace("_", ""))


@functools.cache
def fill_xml(color: Color) -> str:
    """``a:solidFill`` for ``color``: a theme slot (with brightness) or a fixed RGB value."""
    if color.rgb:
        return f'<a:solidFill><a:srgbClr val="{color.rgb}"/></a:solidFill>'
    if color.theme is None:
        raise ValueError("a colour names a theme slot or an RGB value")  # the style sheet's schema requires one
    tint = ""
    if color.brightness > 0:
        tint = f'<a:lumMod val="{round((1 - color.brightness) * 100000)}"/><a:lumOff val="{round(color.brightness * 100000)}"/>'
    elif color.brightness < 0:
        tint = f'<a:lumMod val="{round((1 + color.brightness) * 100000)}"/>'
    return f'<a:solidFill><a:schemeClr val="{scheme_name(color.theme)}">{tint}</a:schemeClr></a:solidFill>'


def attr(value: str) -> str:
    """A quoted XML attribute value."""
    return quoteattr(clean(value))


def rtl_language(text: str, style: DeckStyle) -> str:
    """The ``lang`` of a right-to-left phrase: the language its script tells (``briefing.language``,
    as the PDF's tags), spelled as the style's ``font.languages`` spells it."""
    found = script_language(text)
    return style.data["font"]["languages"][_STYLE_LANGUAGES.get(found or "", "arabic")]


def _points(points: float) -> str:
    return str(round(points * 100))


class TextWriter:
    def __init__(self, style: DeckStyle, faces: dict[str, str] | None = None, language: str = "en-US"):
        """``faces``: what a run writes for the heading and body faces: a theme font
        reference (``+mj-lt``, ``+mn-lt``) or a face name (default: the style's font).
        ``language``: the ``lang`` of every run that is not right-to-left (the brief's language)."""
        self.style = style
        self._language = attr(language)
        self._font = attr(style.font_name)
        faces = faces or {}
        self._faces = {role: attr(faces.get(role) or style.font_name) for role in ("heading", "body")}

    def body(self, part, blocks: Sequence[Block], *, anchor: str = "top", field: tuple[str, str] | None = None,
             recolor: Callable[[Color], Color] | None = None) -> str:
        """A ``p:txBody`` holding ``blocks``: no insets, no auto-fit (the deck has measured the text).
        With ``field`` (its type, such as ``slidenum``, and id), the first run is that field.
        Links are related from ``part``; with no part (speaker notes) they stay plain text."""
        paragraphs = "".join(self._paragraph(part, b, first=i == 0, field=field, recolor=recolor) for i, b in enumerate(blocks)) or "<a:p/>"
        return (
            f'<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{_ANCHORS[anchor]}" rtlCol="0">'
            f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody>"
        )

    def _paragraph(self, part, block: Block, *, first: bool, field: tuple[str, str] | None, recolor=None) -> str:
        style = block.style
        para = block.para
        rtl = is_rtl(para.text)
        align = "r" if rtl and para.align == "left" else _ALIGN[para.align]
        runs = []
        for span in para.spans:
            look = self.style.text(span.style or para.style)
            written = clean(span.text)
            if look.caps:
                written = written.upper()
            link = safe_link(span.link)
            for segment, rtl_segment in rtl_phrases(written):
                runs.append(self._run(part, segment, look, style.size, link, rtl_segment, recolor))
        if field and runs:
            kind, ident = field
            runs[0] = runs[0].replace("<a:r>", f'<a:fld id="{ident}" type="{kind}">', 1).replace("</a:r>", "</a:fld>", 1)
        direction = ' rtl="1"' if rtl else ""
        return (
            f'<a:p><a:pPr marL="0" indent="0" algn="{align}"{direction}>'
            f'<a:lnSpc><a:spcPts val="{_points(block.pitch)}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{_points(0 if first else style.before)}"/></a:spcBef>'
            f'<a:spcAft><a:spcPts val="{_points(style.after)}"/></a:spcAft><a:buNone/></a:pPr>'
            f'{"".join(runs)}<a:endParaRPr sz="{_points(style.size)}"><a:latin typeface={self._faces[style.font]}/></a:endParaRPr></a:p>'
        )

    def _run(self, part, text: str, look: TextStyle, size: float, link: str | None, rtl: bool, recolor=None) -> str:
        lang = f' lang="{rtl_language(text, self.style)}"' if rtl else f" lang={self._language}"
        underline = ' u="sng"' if look.underline else ""
        hyperlink = ""
        if link and part is not None:
            rid = part.relate_to(link, RT.HYPERLINK, is_external=True)
            hyperlink = f'<a:hlinkClick r:id="{rid}"/>'
        return (
            # cap and spc set: a layout's capitals or letter spacing (PowerPoint's Section Header title has
            # cap="all") would widen the text past what was measured; the deck style decides capitals
            f'<a:r><a:rPr{lang} sz="{_points(size)}" b="{int(look.bold)}" i="{int(look.italic)}"{underline} cap="none" spc="0" dirty="0">'
            f"{fill_xml(recolor(look.color) if recolor else look.color)}<a:latin typeface={self._faces[look.font]}/><a:cs typeface={self._font}/>{hyperlink}</a:rPr>"
            f"<a:t>{escape(text)}</a:t></a:r>"
        )
