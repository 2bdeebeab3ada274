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
the BMP as UTF-16 (``rlcompat.embed_fonts``). The tree is an appendix to
ReportLab's objects (``rlcompat.Appendix``): its elements are written straight
from the nodes after everything else, numbered in reading order, rather than
registered with ReportLab one by one (a long brief has hundreds of thousands).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFDocument,
    PDFName,
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
    tree = _Tree(recorder, [doc.Reference(page) for page in pages])
    for index, page in enumerate(pages):
        rlcompat.set_page_entries(page, StructParents=index, Tabs=PDFName("S"))
    # Link annotations: a key in the parent tree each, after the pages'; and what they say.
    for key, (_, item) in enumerate(tree.annotations, start=len(pages)):
        annot, ref = rlcompat.annotation(doc, pages[item.page], item.index)
        rlcompat.describe_annotation(annot, recorder.describe(item.target), key)
        tree.annotation_refs[item] = ref
    _catalog(doc, info, tree)


# -- the structure tree ---------------------------------------------------------------------------------


class _Tree(rlcompat.Appendix):
    """The structure tree root, and after ReportLab's objects its elements, the parent tree and one
    array per page, numbered in that order (elements in reading order, as the tree is walked).

    Two walks of the tree in all: ``_measure`` (how many elements each subtree writes, and the link
    annotations in reading order) before ReportLab formats anything, and ``write``, which numbers
    each element as it writes it: a kid's number is its parent's plus the sizes of the kids before it.
    """

    def __init__(self, recorder: StructureRecorder, page_refs: list[PDFObjectReference]):
        self.recorder = recorder
        self.page_refs = page_refs
        self.annotations: list[tuple[Node, Annotation]] = []  # each link annotation, with its element
        self.elements = _measure(recorder.root, self.annotations)  # elements without content are left out
        self.annotation_refs: dict[Annotation, PDFObjectReference] = {}

    def write(self, own: int, first: int, number_of, document) -> Iterator[bytes]:
        pages = [b"%d 0 R" % number_of(ref) for ref in self.page_refs]
        parent_tree = first + self.elements
        yield (b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
               % (first, parent_tree, len(pages) + len(self.annotations)))
        annotations = {item: b"%d 0 R" % number_of(ref) for item, ref in self.annotation_refs.items()}
        stack: list[tuple[Node, int, int]] = [(self.recorder.root, own, 0)]  # node, its parent's number, its place
        element = _element
        while stack:
            node, parent, place = stack.pop()
            node.place = place
            yield element(node, parent, place, first, pages, annotations, document, stack)
        # The parent tree: page i's MCIDs under key i, then one key per link annotation.
        nums = [b"%d %d 0 R" % (index, parent_tree + 1 + index) for index in range(len(pages))]
        nums += [b"%d %d 0 R" % (key, first + node.place)
                 for key, (node, _) in enumerate(self.annotations, start=len(pages))]
        yield b"<< /Nums [ " + b"\n".join(nums) + b" ] >>"
        marked_pages = self.recorder.marked_pages
        for index in range(len(pages)):
            marked = marked_pages[index] if index < len(marked_pages) else []
            yield b"[ " + b" ".join([b"%d 0 R" % (first + node.place) for node in marked]) + b" ]"


_ROLES: dict[str, bytes] = {}  # a role as an element's dictionary starts: b"<< /Type /StructElem /S /P"


def _element(node: Node, parent: int, place: int, first: int, pages: list[bytes], annotations, document,
             stack: list[tuple[Node, int, int]]) -> bytes:
    """``<< /Type /StructElem /S /P /P parent /Pg page /K … >>`` for the element numbered ``first + place``;
    its kids that are written go onto ``stack`` (last first), each with its place."""
    kids: list[bytes] = []
    written: list[tuple[Node, int, int]] = []
    own = first + place
    after = place + 1  # the place of the next kid written: after this element and its kids' subtrees
    first_page = None  # the page of its first marked content or annotation: the element's /Pg
    for item in node.items:  # one pass, by exact type (the tree holds only these three)
        if type(item) is Node:
            size = item.size
            if size:
                kids.append(b"%d 0 R" % (first + after))
                written.append((item, own, after))
                after += size
        elif type(item) is Content:
            if first_page is None:
                first_page = item.page
            if item.page == first_page:
                kids.append(b"%d" % item.mcid)
            else:
                kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (pages[item.page], item.mcid))
        elif type(item) is Annotation:
            if first_page is None:
                first_page = item.page
            kids.append(b"<< /Type /OBJR /Pg %s /Obj %s >>" % (pages[item.page], annotations[item]))
    if written:
        written.reverse()
        stack += written
    role = _ROLES.get(node.role)
    if role is None:
        role = _ROLES[node.role] = b"<< /Type /StructElem /S /" + node.role.encode("ascii")
    # One item stands alone (as most writers do).
    k = kids[0] if len(kids) == 1 else b"[ " + b" ".join(kids) + b" ]"
    if not node.attributes:
        if first_page is None:
            return b"%s /P %d 0 R /K %s >>" % (role, parent, k)
        return b"%s /P %d 0 R /Pg %s /K %s >>" % (role, parent, pages[first_page], k)
    head = [b"%s /P %d 0 R" % (role, parent)]
    if first_page is not None:
        head.append(b" /Pg " + pages[first_page])
    for key, value in node.attributes.items():
        head += [b" /", key.encode("ascii"), b" ", _value(key, value, document)]
    head += [b" /K ", k, b" >>"]
    return b"".join(head)


def _measure(root: Node, annotations: list[tuple[Node, Annotation]]) -> int:
    """Set each element's ``size``: how many elements its subtree writes (itself and those below it that
    hold content, themselves or below them; 0 when nothing in it was drawn); the root is always written.
    Adds the link annotations to ``annotations`` in reading order (an element's own before its kids').
    Returns how many elements there are."""

    def measure(node: Node) -> int:  # leaves first: a node is written when anything below it is drawn
        size = 0
        has = False
        start = len(annotations)
        own = 0
        for item in node.items:
            if type(item) is Node:
                size += measure(item)
            else:
                has = True
                if type(item) is Annotation:
                    annotations.insert(start + own, (node, item))
                    own += 1
        size = size + 1 if has or size else 0
        node.size = size
        return size

    measure(root)
    if not root.size:
        root.size = 1
    return root.size


# The structure element entries whose value is a text string (ISO 32000-1, table 323): they hold
# the document's own text (a paragraph's /ActualText, a figure's /Alt), which may start with "/"
# and must never be taken for a name.
_TEXT_ENTRIES = frozenset({"T", "Lang", "Alt", "E", "ActualText"})


def _value(key: str, value, document) -> bytes:
    """A structure attribute as PDF: a dictionary, a name (``"/Column"``), a text string, a boolean or
    a number; always a text string for an entry that holds text (``_TEXT_ENTRIES``)."""
    if key in _TEXT_ENTRIES and isinstance(value, str):
        return pdf_format(PDFString(value), document)
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


def _catalog(doc: PDFDocument, info: DocumentInfo, tree_root: _Tree) -> None:
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
