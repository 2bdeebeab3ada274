"""The PDF/UA parts of the file, written by ReportLab's own writer as it saves: no second pass.

When the pages are drawn (the recorder, ``briefing.pdf.marking``, has noted which
element each marked-content id belongs to), ``write_tagging`` adds to ReportLab's
document, before it is formatted:

* the structure tree (``/StructTreeRoot``) from the story's nodes, in reading
  order, each marked-content id referenced once (``/MCR`` for content on a page
  other than the element's own), links as ``/OBJR``; the ``/ParentTree`` that
  maps each page's MCIDs and each link annotation back to its element;
* ``/StructParents`` and ``/Tabs /S`` on pages, ``/StructParent`` and a
  ``/Contents`` description on link annotations;
* ``/MarkInfo``, ``/Lang``, ``/ViewerPreferences /DisplayDocTitle`` and an XMP
  packet with ``pdfuaid:part 1`` and ``dc:title`` in the catalog;
* the creation date: ``SOURCE_DATE_EPOCH`` when set, else the brief's own date
  (see docs/accessibility.md), so the same input gives the same bytes.

Operators drawn outside marked content are wrapped as layout artifacts by the
recording canvas as each page is shown; ToUnicode maps name characters beyond
the BMP as UTF-16 (``rlcompat.embed_fonts``). The elements are small objects
that format themselves straight to bytes: a long brief has hundreds of
thousands of them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from briefing.pdf import rlcompat
from briefing.pdf.marking import StructureRecorder
from briefing.pdf.structure import Annotation, Content, Node
from briefing.text import clean


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


def write_tagging(doc: PDFDocument, recorder: StructureRecorder, info: DocumentInfo) -> None:
    """Add the structure tree, the catalog entries and the metadata to ``doc`` (every page shown, nothing
    formatted yet)."""
    rlcompat.embed_fonts(doc)
    pages = rlcompat.pages(doc)
    page_refs = [doc.Reference(page) for page in pages]
    tree = _Tree(doc, recorder, page_refs)
    root = _Formatted(tree.format_root)
    root_ref = doc.Reference(root)
    tree.build(root_ref)
    for index, page in enumerate(pages):
        rlcompat.set_page_entries(page, StructParents=index, Tabs=PDFName("S"))
    # Link annotations: a key in the parent tree each, after the pages'; and what they say.
    for key, (_, item) in enumerate(tree.annotations, start=len(pages)):
        annot, ref = rlcompat.annotation(doc, pages[item.page], item.index)
        rlcompat.describe_annotation(annot, recorder.describe(item.target), key)
        tree.annotation_refs[item] = ref
    _catalog(doc, info, root)


# -- the structure tree ---------------------------------------------------------------------------------


class _Formatted(PDFObject):
    """An object that writes itself when the file is formatted (when every reference is numbered)."""

    def __init__(self, write: Callable[[PDFDocument], bytes]):
        self.write = write

    def format(self, document) -> bytes:
        return self.write(document)


class _Element(PDFObject):
    """One structure element: ``<< /Type /StructElem /S /P /P parent /Pg page /K … >>``."""

    def __init__(self, tree: _Tree, node: Node, parent: PDFObjectReference, first_page: int | None):
        self.tree = tree
        self.node = node
        self.parent = parent
        self.first_page = first_page
        self.kids: list[_Element] = []

    def format(self, document) -> bytes:
        tree = self.tree
        node = self.node
        head = [b"<< /Type /StructElem /S /", node.role.encode("ascii"), b" /P ", self.parent.format(document)]
        if self.first_page is not None:
            head += [b" /Pg ", tree.page_refs[self.first_page].format(document)]
        for key, value in node.attributes.items():
            head += [b" /", key.encode("ascii"), b" ", _value(value, document)]
        kids: list[bytes] = []
        elements = iter(self.kids)
        for item in node.items:
            if isinstance(item, Node):
                if id(item) in tree.drawn:
                    kids.append(document.Reference(next(elements)).format(document))
            elif isinstance(item, Content):
                if item.page == self.first_page:
                    kids.append(b"%d" % item.mcid)
                else:
                    kids.append(b"<< /Type /MCR /Pg " + tree.page_refs[item.page].format(document)
                                + b" /MCID %d >>" % item.mcid)
            elif isinstance(item, Annotation):
                kids.append(b"<< /Type /OBJR /Pg " + tree.page_refs[item.page].format(document)
                            + b" /Obj " + tree.annotation_refs[item].format(document) + b" >>")
        # One item stands alone (as most writers do).
        head += [b" /K ", kids[0] if len(kids) == 1 else b"[ " + b" ".join(kids) + b" ]", b" >>"]
        return b"".join(head)


class _Tree:
    """The elements that hold content, registered with the document in reading order."""

    def __init__(self, doc: PDFDocument, recorder: StructureRecorder, page_refs: list[PDFObjectReference]):
        self.doc = doc
        self.recorder = recorder
        self.pages = rlcompat.pages(doc)
        self.page_refs = page_refs
        self.drawn = _with_content(recorder.root)  # elements without content (an empty list) are left out
        self.element_of: dict[int, PDFObjectReference] = {}  # id(node) -> its element
        self.annotations: list[tuple[PDFObjectReference, Annotation]] = []  # with the element holding each
        self.annotation_refs: dict[Annotation, PDFObjectReference] = {}
        self.document: _Element | None = None
        self.parent_tree: PDFObjectReference | None = None

    def build(self, root: PDFObjectReference) -> None:
        self.document = self._element(self.recorder.root, root)
        page_arrays = [self.doc.Reference(_Formatted(self._page_array(index))) for index in range(len(self.pages))]
        self.page_arrays = page_arrays
        self.parent_tree = self.doc.Reference(_Formatted(self._format_parent_tree))

    def _element(self, node: Node, parent: PDFObjectReference) -> _Element:
        first_page = next((item.page for item in node.items if isinstance(item, (Content, Annotation))), None)
        element = _Element(self, node, parent, first_page)
        ref = self.element_of[id(node)] = self.doc.Reference(element)
        for item in node.items:
            if isinstance(item, Node):
                if id(item) in self.drawn:
                    element.kids.append(self._element(item, ref))
            elif isinstance(item, Annotation):
                self.annotations.append((ref, item))
        return element

    def _page_array(self, index: int) -> Callable[[PDFDocument], bytes]:
        def write(document) -> bytes:
            marked = self.recorder.marked_pages[index] if index < len(self.recorder.marked_pages) else []
            return b"[ " + b" ".join(self.element_of[id(node)].format(document) for node in marked) + b" ]"
        return write

    def _format_parent_tree(self, document) -> bytes:
        """Page i's MCIDs under key i, then one key per link annotation."""
        nums = [b"%d %s" % (index, ref.format(document)) for index, ref in enumerate(self.page_arrays)]
        nums += [b"%d %s" % (key, element.format(document))
                 for key, (element, _) in enumerate(self.annotations, start=len(self.pages))]
        return b"<< /Nums [ " + b"\n".join(nums) + b" ] >>"

    def format_root(self, document) -> bytes:
        next_key = len(self.pages) + len(self.annotations)
        return (b"<< /Type /StructTreeRoot /K [ " + document.Reference(self.document).format(document)
                + b" ] /ParentTree " + self.parent_tree.format(document) + b" /ParentTreeNextKey %d >>" % next_key)


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


def _value(value, document) -> bytes:
    """A structure attribute as PDF: a dictionary, a name (``"/Column"``), a text string, a boolean or a number."""
    if isinstance(value, dict):
        return PDFDictionary({k: _object(v) for k, v in value.items()}).format(document)
    return pdf_format(_object(value), document)


def _object(value):
    if isinstance(value, dict):
        return PDFDictionary({k: _object(v) for k, v in value.items()})
    if isinstance(value, str):
        return PDFName(value[1:]) if value.startswith("/") else PDFString(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    raise TypeError(f"cannot write {value!r} as a structure attribute")


# -- the catalog and metadata --------------------------------------------------------------------------


def _catalog(doc: PDFDocument, info: DocumentInfo, tree_root: PDFObject) -> None:
    stamp = _pdf_date(info.created) if info.created is not None else None
    producer = rlcompat.set_creation_date(doc, stamp)
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Lang = PDFString(info.language)
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    catalog.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                 _xmp(info, producer).encode("utf-8"))  # not compressed: XMP stays readable


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S") + "+00'00'"


def _x(text: str) -> str:
    """Text for XML: escaped, and without the characters XML 1.0 cannot hold.

    ``html.escape`` without quotes replaces exactly what ``xml.sax.saxutils.escape``
    does (&, <, >), and costs nothing: ``xml.sax.saxutils`` imports ``urllib.request``
    (with ``http.client`` and ``ssl``), some 20 ms of every PDF export's start."""
    return escape(clean(text), quote=False)


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
