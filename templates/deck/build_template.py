"""Build the default deck template, ``default.pptx``, from ``style.yaml``.

    .venv/bin/python templates/deck/build_template.py [OUTPUT]

The template is python-pptx's blank presentation made 16:9, with the style's
theme colours and fonts, a master whose text styles follow the style, and six
named layouts (Title, Bottom line, Finding, Timeline, Sources, Closing) whose
placeholders sit on the style's grid. The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from briefing.atomic import write_bytes
from briefing.deck.ooxml.package import canonical_zip, set_properties
from briefing.deck.ooxml.textframe import scheme_name
from briefing.deck.style import DeckStyle, load_style

HERE = Path(__file__).resolve().parent
THEME_PART = "ppt/theme/theme1.xml"
NUMBER_FIELD = "{8F7B2C1E-3D4A-4B5C-9E6F-0A1B2C3D4E5F}"

# Layouts in order: (name, layout type, geometry, title prompt, body prompt)
LAYOUTS = (
    ("Title", "title", "cover", "Brief title", "Subtitle, author, date and audience"),
    ("Bottom line", "tx", "content", "The bottom line as one full sentence", "Bottom line up front | key judgments"),
    ("Finding", "tx", "content", "The finding as a full-sentence claim", "Statement | evidence"),
    ("Timeline", "tx", "content", "Timeline span", "Timeline"),
    ("Sources", "tx", "content", "Source and evidence", "Source article | evidence index"),
    ("Closing", "secHead", "cover", "Brief title", "Author, date, audience and source"),
)


class Geometry:
    def __init__(self, style: DeckStyle):
        length = style.length
        self.width, self.height = length("page.width"), length("page.height")
        margin = length("grid.margin")
        self.x, self.w = margin, self.width - 2 * margin
        self.band = length("grid.band")
        self.number_w = length("grid.number_width")
        self.title = (length("grid.title_top"), length("grid.title_height"))
        self.body = (length("grid.body_top"), length("grid.body_bottom") - length("grid.body_top"))
        self.cover_title = (length("cover.title_top"), length("cover.title_height"))
        self.cover_body = (length("cover.body_top"), length("cover.body_bottom") - length("cover.body_top"))
        self.bar = (length("rules.accent_bar.width"), length("rules.accent_bar.height"))

    def zones(self, kind: str) -> tuple[tuple[int, int], tuple[int, int]]:
        return (self.cover_title, self.cover_body) if kind == "cover" else (self.title, self.body)


def _xfrm(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _placeholder(shape_id: int, name: str, ph: str, box: tuple | None, prompt: str, anchor: str = "t",
                 list_style: str = "<a:lstStyle/>") -> str:
    geometry = f'{_xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if box else ""
    text = (
        f'<a:p><a:fld id="{NUMBER_FIELD}" type="slidenum"><a:rPr lang="en-US"/><a:t>&#8249;#&#8250;</a:t></a:fld></a:p>'
        if "sldNum" in ph
        else f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r></a:p>'
    )
    body_pr = f'<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>' if box else "<a:bodyPr/>"
    return (
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{geometry}</p:spPr><p:txBody>{body_pr}{list_style}{text}</p:txBody></p:sp>"
    )


def _bar(shape_id: int, box: tuple, style: DeckStyle) -> str:
    color = style.color("accent")
    return (
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Accent rule"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{scheme_name(color.theme)}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def _tree(shapes: list[str]) -> etree._Element:
    tree = parse_xml(
        f'<p:spTree {nsdecls("p", "a")}><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm>'
        "</p:grpSpPr></p:spTree>"
    )
    for shape in shapes:
        tree.append(parse_xml(shape))
    return tree


def _replace_tree(element: etree._Element, tree: etree._Element) -> None:
    csld = element.find(qn("p:cSld"))
    csld.replace(csld.find(qn("p:spTree")), tree)
    for ext in csld.findall(qn("p:extLst")):
        csld.remove(ext)


def _run_props(style: DeckStyle, name: str, *, major: bool) -> str:
    look = style.text(name)
    color = look.color
    fill = f'<a:solidFill><a:schemeClr val="{scheme_name(color.theme)}"/></a:solidFill>' if color.theme else f'<a:solidFill><a:srgbClr val="{color.rgb}"/></a:solidFill>'
    font = "+mj" if major else "+mn"
    bold = ' b="1"' if look.bold else ""
    return f'<a:defRPr sz="{round(look.size * 100)}"{bold} kern="0">{fill}<a:latin typeface="{font}-lt"/><a:ea typeface="{font}-ea"/><a:cs typeface="{font}-cs"/></a:defRPr>'


def _para_props(level: int, style: DeckStyle, name: str, *, major: bool, bullet: bool) -> str:
    look = style.text(name)
    indent = 285750 * (level - 1)
    bullet_xml = '<a:buFont typeface="Arial"/><a:buChar char="&#8226;"/>' if bullet else "<a:buNone/>"
    mar = f'marL="{indent + (228600 if bullet else 0)}" indent="{-228600 if bullet else 0}"'
    return (
        f'<a:lvl{level}pPr {mar} algn="l" rtl="0"><a:lnSpc><a:spcPct val="{round(look.line * 100000)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="{round(look.after * 100)}"/></a:spcAft>'
        f"{bullet_xml}{_run_props(style, name, major=major)}</a:lvl{level}pPr>"
    )


def _text_styles(style: DeckStyle) -> etree._Element:
    title = _para_props(1, style, "title", major=True, bullet=False)
    body = "".join(_para_props(level, style, "body" if level == 1 else "quote", major=False, bullet=level > 1) for level in range(1, 6))
    other = _para_props(1, style, "body", major=False, bullet=False)
    return parse_xml(
        f'<p:txStyles {nsdecls("p", "a")}><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>'
        f"<p:otherStyle>{other}</p:otherStyle></p:txStyles>"
    )


def _number_style(style: DeckStyle) -> str:
    return f'<a:lstStyle><a:lvl1pPr algn="r">{_run_props(style, "slide_number", major=False)}</a:lvl1pPr></a:lstStyle>'


def build_master(prs, style: DeckStyle, geo: Geometry) -> None:
    master = prs.slide_master.element
    title_zone, body_zone = geo.zones("content")
    number_box = (geo.width - geo.x - geo.number_w, geo.height - geo.band, geo.number_w, geo.band)
    shapes = [
        _placeholder(2, "Title Placeholder", '<p:ph type="title"/>', (geo.x, *title_zone[:1], geo.w, title_zone[1]), "Title", "b"),
        _placeholder(3, "Text Placeholder", '<p:ph type="body" idx="1"/>', (geo.x, body_zone[0], geo.w, body_zone[1]), "Text"),
        _placeholder(4, "Slide Number Placeholder", '<p:ph type="sldNum" sz="quarter" idx="4"/>', number_box, "", "ctr",
                     _number_style(style)),
    ]
    _replace_tree(master, _tree(shapes))
    master.replace(master.find(qn("p:txStyles")), _text_styles(style))


def build_layouts(prs, style: DeckStyle, geo: Geometry) -> None:
    layouts = list(prs.slide_layouts)
    for layout in layouts[len(LAYOUTS):]:
        prs.slide_layouts.remove(layout)
    for layout, (name, kind, zones, title_prompt, body_prompt) in zip(layouts, LAYOUTS):
        (title_top, title_h), (body_top, body_h) = geo.zones(zones)
        title_type = "ctrTitle" if kind == "title" else "title"
        body_ph = '<p:ph type="subTitle" idx="1"/>' if kind == "title" else '<p:ph type="body" idx="1"/>'
        shapes = [
            _placeholder(2, "Title", f'<p:ph type="{title_type}"/>', (geo.x, title_top, geo.w, title_h), title_prompt, "b"),
            _placeholder(3, "Body", body_ph, (geo.x, body_top, geo.w, body_h), body_prompt),
            _placeholder(4, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>', None, ""),
        ]
        if zones == "cover":
            bar_w, bar_h = geo.bar
            gap_top = title_top + title_h
            shapes.append(_bar(5, (geo.x, gap_top + (body_top - gap_top - bar_h) // 2, bar_w, bar_h), style))
        element = layout.element
        element.set("type", kind)
        element.set("preserve", "1")
        element.find(qn("p:cSld")).set("name", name)
        _replace_tree(element, _tree(shapes))


def themed(theme_xml: bytes, style: DeckStyle) -> bytes:
    root = etree.fromstring(theme_xml)
    spec = style.data["theme"]
    root.set("name", spec["name"])
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", spec["name"])
    for slot in scheme:
        value = spec["colors"][etree.QName(slot).localname]
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=value)
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", spec["name"])
    fonts.find(qn("a:majorFont")).find(qn("a:latin")).set("typeface", spec["fonts"]["major"])
    fonts.find(qn("a:minorFont")).find(qn("a:latin")).set("typeface", spec["fonts"]["minor"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build(style: DeckStyle) -> bytes:
    prs = Presentation()
    geo = Geometry(style)
    prs.slide_width, prs.slide_height = geo.width, geo.height
    build_master(prs, style, geo)
    build_layouts(prs, style, geo)
    set_properties(prs, title="Briefing deck template", author="Briefing", subject="Default deck template",
                   category=None, keywords="", when=dt.datetime(2025, 1, 1))
    raw = io.BytesIO()
    prs.save(raw)
    source = zipfile.ZipFile(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            blob = source.read(name)
            target.writestr(name, themed(blob, style) if name == THEME_PART else blob)
    return canonical_zip(out.getvalue())


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else HERE / "default.pptx"
    write_bytes(output, build(load_style(HERE / "style.yaml")))
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
