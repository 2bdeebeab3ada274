"""The PDF/UA post-pass: ReportLab's file plus the recorder's log in, a tagged PDF/UA-1 file out (pikepdf).

What it writes:

* the structure tree (``/StructTreeRoot``) from the story's nodes, in reading
  order, each marked-content id referenced once (``/MCR`` for content on a page
  other than the element's own), links as ``/OBJR``; the ``/ParentTree`` that
  maps each page's MCIDs and each link annotation back to its element;
* ``/StructParents`` and ``/Tabs /S`` on pages, ``/StructParent`` and a
  ``/Contents`` description on link annotations;
* every page operator left outside marked content (rules, boxes, the table
  grid) wrapped as a layout ``/Artifact``;
* ``/MarkInfo``, ``/Lang``, ``/ViewerPreferences /DisplayDocTitle`` and an XMP
  packet with ``pdfuaid:part 1`` and ``dc:title`` in the catalog;
* ToUnicode maps that name characters beyond the BMP as UTF-16 (ReportLab
  writes them as five hex digits, which readers drop or cut);
* the creation date: ``SOURCE_DATE_EPOCH`` when set, else the brief's own date
  (see docs/accessibility.md), so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import BinaryIO
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from briefing.pdf.marking import StructureRecorder
from briefing.pdf.structure import Annotation, Content, Node
from briefing.text import clean

# Operators that put something on the page (path painting, text, images, shadings, forms).
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "sh", "Do", "BI", "INLINE IMAGE"}
_TEXT_SHOW = {"Tj", "TJ", "'", '"'}
_BEGIN = {"BDC", "BMC"}


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    language: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    created: dt.datetime | None  # None: the file carries no creation date


def creation_time(brief_date: dt.date | None) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` when it is set (reproducible builds), else midnight UTC of the brief's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    if brief_date is not None:
        return dt.datetime(brief_date.year, brief_date.month, brief_date.day, tzinfo=dt.UTC)
    return None


def make_accessible(source: BinaryIO, recorder: StructureRecorder, info: DocumentInfo, out: BinaryIO) -> None:
    """The tagged file of ``source`` (ReportLab's, a seekable file read as needed) to ``out``."""
    with pikepdf.open(source) as pdf:
        pages = list(pdf.pages)
        for page in pages:  # one page's parsed operators at a time
            _wrap_artifacts(pdf, page)
        _write_tree(pdf, pages, recorder)
        _catalog(pdf, info)
        _fix_to_unicode(pdf)
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)


# -- page content ------------------------------------------------------------------------------------


def _wrap_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Operators outside marked content, in runs, each run wrapped as ``/Artifact BMC … EMC``.

    A run ends where marked content begins; a run that paints nothing
    (graphics state only) stays as it is.
    """
    instructions = pikepdf.parse_content_stream(page)
    out: list = []
    run: list = []
    depth = 0
    def flush() -> None:
        if any(_paints(ins) for ins in run):
            out.append(pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC")))
            out.extend(run)
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
        else:
            out.extend(run)
        run.clear()

    for ins in instructions:
        op = str(ins.operator)
        if depth == 0 and op not in _BEGIN:
            run.append(ins)
            continue
        if depth == 0:
            flush()
        if op in _BEGIN:
            depth += 1
        elif op == "EMC":
            depth -= 1
        out.append(ins)
    flush()
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _paints(ins) -> bool:
    if isinstance(ins, pikepdf.ContentStreamInlineImage):
        return True
    op = str(ins.operator)
    return op in _PAINT or op in _TEXT_SHOW or op == "BT"


# -- the structure tree ---------------------------------------------------------------------------------


def _write_tree(pdf: pikepdf.Pdf, pages: list[pikepdf.Page], recorder: StructureRecorder) -> None:
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    elements: dict[int, pikepdf.Dictionary] = {}
    drawn = _with_content(recorder.root)  # elements without content (an empty list) are left out

    def element(node: Node, parent) -> pikepdf.Dictionary:
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        elements[id(node)] = elem
        for key, value in node.attributes.items():
            elem[Name("/" + key)] = _pdf_value(value)
        first_page = next((item.page for item in _content_items(node)), None)
        if first_page is not None:
            elem.Pg = pages[first_page].obj
        kids = Array()
        for item in node.items:
            if isinstance(item, Node):
                if id(item) in drawn:
                    kids.append(element(item, elem))
            elif isinstance(item, Content):
                if item.page == first_page:
                    kids.append(item.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[item.page].obj, MCID=item.mcid))
            elif isinstance(item, Annotation):
                annot = pages[item.page].obj.Annots[item.index]
                kids.append(Dictionary(Type=Name.OBJR, Pg=pages[item.page].obj, Obj=annot))
        elem.K = kids[0] if len(kids) == 1 else kids  # one item stands alone (as most writers do)
        return elem

    document = element(recorder.root, root)
    root.K = Array([document])

    # The parent tree: page i's MCIDs under key i, then one key per link annotation.
    nums = Array()
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        page.obj.Tabs = Name.S
        marked = recorder.marked_pages[index] if index < len(recorder.marked_pages) else []
        nums.append(index)
        nums.append(pdf.make_indirect(Array([elements[id(node)] for node in marked])))
    key = len(pages)
    for node in recorder.root.walk():
        for item in node.items:
            if isinstance(item, Annotation):
                annot = pages[item.page].obj.Annots[item.index]
                annot.StructParent = key
                annot.Contents = String(item.description)
                nums.append(key)
                nums.append(elements[id(node)])
                key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root


def _with_content(root: Node) -> set[int]:
    """The ids of the elements that hold content, themselves or below them (one walk, leaves first)."""
    found: set[int] = set()

    def visit(node: Node) -> bool:
        has = False
        for item in node.items:
            has = (visit(item) if isinstance(item, Node) else True) or has
        if has:
            found.add(id(node))
        return has

    visit(root)
    return found


def _content_items(node: Node):
    return (item for item in node.items if isinstance(item, (Content, Annotation)))


def _pdf_value(value):
    if isinstance(value, dict):
        return Dictionary({"/" + k: _pdf_value(v) for k, v in value.items()})
    if isinstance(value, str):
        return String(value) if not value.startswith("/") else Name(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    raise TypeError(f"cannot write {value!r} as a structure attribute")


# -- the catalog and metadata --------------------------------------------------------------------------


def _catalog(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(info.language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    docinfo = pdf.docinfo
    docinfo.Title = String(info.title)
    for key in ("/CreationDate", "/ModDate"):
        if key in docinfo:
            del docinfo[key]
    if info.created is not None:
        stamp = String(_pdf_date(info.created))
        docinfo.CreationDate = stamp
        docinfo.ModDate = stamp
    producer = str(docinfo.get("/Producer", ""))
    pdf.Root.Metadata = pdf.make_stream(_xmp(info, producer).encode("utf-8"), Type=Name.Metadata,
                                        Subtype=Name.XML)


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S") + "+00'00'"


def _x(text: str) -> str:
    """Text for XML: escaped, and without the characters XML 1.0 cannot hold."""
    return escape(clean(text))


def _xmp(info: DocumentInfo, producer: str) -> str:
    dates = ""
    if info.created is not None:
        stamp = info.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
    creator = f"<dc:creator><rdf:Seq><rdf:li>{_x(info.author)}</rdf:li></rdf:Seq></dc:creator>" if info.author else ""
    subject = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_x(info.subject)}</rdf:li></rdf:Alt>'
               "</dc:description>") if info.subject else ""
    keywords = f"<pdf:Keywords>{_x('; '.join(info.keywords))}</pdf:Keywords>" if info.keywords else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        "<pdfuaid:part>1</pdfuaid:part>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_x(info.title)}</rdf:li></rdf:Alt></dc:title>'
        f"{creator}{subject}"
        f"<dc:language><rdf:Bag><rdf:li>{_x(info.language)}</rdf:li></rdf:Bag></dc:language>"
        f"{keywords}<pdf:Producer>{_x(producer)}</pdf:Producer>"
        f"<xmp:CreatorTool>{_x(info.creator)}</xmp:CreatorTool>{dates}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


# -- fonts ---------------------------------------------------------------------------------------------

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2,4})> <([0-9A-Fa-f]{5,6})>")


def _utf16(match: re.Match) -> bytes:
    code = int(match.group(2), 16)
    high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
    return b"<" + match.group(1) + b"> <%04X%04X>" % (high, low)


def _fix_to_unicode(pdf: pikepdf.Pdf) -> None:
    """ToUnicode entries beyond the BMP as UTF-16 surrogate pairs (as the PDF reference asks), in every
    font of the file (pages' and forms')."""
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get("/Type") != Name.Font:
            continue
        cmap = obj.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()
        fixed = _BFCHAR.sub(_utf16, data)
        if fixed != data:
            cmap.write(fixed)
