"""The one module that touches ReportLab's private internals.

Briefing sets text faster than ReportLab's public text calls and decides some
layout questions ReportLab answers only inside its own objects (is a flowable
at the top of its frame? what did a ``KeepTogether`` measure?). Every such use
is here, read directly, never through ``getattr(..., default)``: when a
ReportLab release renames one, the export fails loudly instead of paginating
differently, and ``tests/pdf/test_rlcompat.py`` checks each name in
``PRIVATE_NAMES`` on the installed ReportLab.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from array import array
from collections import OrderedDict
from collections.abc import Iterator

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen import canvas as pdfcanvas

# What Briefing reads or writes of ReportLab's private names, by the class that has them.
PRIVATE_NAMES = {
    "PDFTextObject": ("_canvas", "_fontname", "_fontsize", "_leading", "_curSubset", "_code", "_textOut",
                      "_enforceColorSpace", "_setFillAlpha"),
    "Canvas": ("_doc", "_pagesize", "_code", "_filename", "_destinations", "_cropMarks", "_addAnnotation", "_absRect",
               "_fillColorObj", "_currentMatrix", "_extgstate", "_enforceColorSpace", "_setFillAlpha"),
    "TTFont": ("_dynamicFont", "_TTFont__hbUnis", "_TTFont__hbPrivate"),
    "pdfmetrics": ("_fonts",),
    "Frame": ("_atTop", "_oASpace", "_prevASpace"),
    "Flowable in a Frame": ("_frame",),
    "KeepTogether": ("_content", "_H", "_H0", "_wrapInfo"),
    "ShapedStr": ("__shapeData__",),
    "PDFDocument": ("idToObject", "delayedFonts", "numberToId", "idToObjectNumberAndVersion", "_pdfVersion",
                    "signature", "invariant", "Outlines"),
    "PDFPage": ("__NoDefault__",),
}


# -- shaping (HarfBuzz, through ReportLab's uharfbuzz support) ------------------------------------


def shaping_available() -> bool:
    """True when ReportLab found uharfbuzz (a dependency of Briefing): Arabic script is shaped with HarfBuzz."""
    return ttfonts.uharfbuzz is not None


def shape(text: str, font_name: str, size: float):
    """``text`` shaped by HarfBuzz in one font: ``(drawable, width)``, or None when nothing changed.

    The drawable is ReportLab's shaped string (glyphs with their advances and
    offsets), which ``canvas.drawString`` draws as it is.
    """
    if not getFont(font_name).shapable:
        return None
    glyphs = ttfonts.shapeStr(text, font_name, size)
    if not isinstance(glyphs, ttfonts.ShapedStr):
        return None  # HarfBuzz changed nothing (a lone letter): ReportLab hands the text back
    return glyphs, sum(g.x_advance for g in glyphs.__shapeData__) * size / 1000


def number_shaped_glyphs_afresh() -> None:
    """Forget the private-use codes ReportLab gave glyphs HarfBuzz made for earlier documents.

    A shaped glyph with no character of its own (an Arabic letter's joined form, a
    ligature) is named by its font's next free code from U+E000, and ReportLab keeps
    these for the process: the codes, and with them the PDF's ToUnicode maps,
    depended on what the process had shaped before (a batch worker or the app's
    export process wrote other bytes than a one-file export of the same brief). Each
    document now numbers them from U+E000 again, as a fresh process does.
    """
    for font in list(pdfmetrics._fonts.values()):
        given = font.__dict__.get("_TTFont__hbUnis")  # TTFont's private {glyph name: code}
        if not given:
            continue
        face = font.face
        for code in given.values():
            glyph = face.charToGlyph.pop(code, None)
            face.charWidths.pop(code, None)
            codes = face.glyphToChar.get(glyph)
            if codes is not None and code in codes:
                codes.remove(code)
                if not codes:
                    del face.glyphToChar[glyph]
        given.clear()
        font._TTFont__hbPrivate = 0xE000


# -- embedding fonts ------------------------------------------------------------------------------


def keep_font_tables(font_name: str) -> None:
    """Let a registered TrueType font hand out each table it has read again without copying it.

    ReportLab cuts a subset of every font for every document, and copies the tables it
    needs out of the font file for each subset: the whole ``glyf`` table (365 KB for
    Noto Sans) once per font per document. A table is immutable bytes of a font file
    ReportLab holds in memory, so the copy read first is the same as every later one.
    """
    face = getFont(font_name).face
    if "_briefing_tables" in face.__dict__:
        return
    tables: dict[str, bytes] = {}
    read = face.get_table

    def get_table(tag: str) -> bytes:
        data = tables.get(tag)
        if data is None:
            data = tables[tag] = read(tag)
        return data

    face.get_table = get_table
    face._briefing_tables = tables


# -- frames and keep-together groups -------------------------------------------------------------


def frame_of(flowable):
    """The frame adding ``flowable`` right now, else None (ReportLab sets it only while it adds one)."""
    return flowable.__dict__.get("_frame")


def set_frame(flowable, frame) -> None:
    """Let a child measured by a group see the group's frame, as ReportLab's own groups do."""
    flowable._frame = frame


def clear_frame(flowable) -> None:
    flowable.__dict__.pop("_frame", None)


def at_top(frame) -> bool:
    """True when nothing has been placed in ``frame`` yet (the top of a page)."""
    return bool(frame._atTop)


def space_after_previous(frame) -> float:
    """The space after the flowable placed last, which the next one's space before overlaps (0 when spaces add)."""
    return frame._prevASpace if frame._oASpace else 0.0


def spaces_overlap(frame) -> bool:
    return bool(frame._oASpace)


def group_content(keep) -> list:
    """The flowables of a ``KeepTogether``."""
    return keep._content


def set_group_measure(keep, height: float, first_height: float, avail: tuple[float, float]) -> None:
    """What ``KeepTogether.split`` reads from its own ``wrap``: the group's height, its first flowable's, the space offered."""
    keep._H = height
    keep._H0 = first_height
    keep._wrapInfo = avail


def page_size(canvas) -> tuple[float, float]:
    return canvas._pagesize


# -- setting text ----------------------------------------------------------------------------------


class _Encoder(dict):
    """One embedded TrueType font's characters as escaped codes of its first subset, for one document.

    ReportLab's text object finds each character's subset and code and escapes it
    anew for every string it sets; this looks each character up once per document
    and writes exactly what ReportLab would: ``(codes) Tj``, after ``Tf`` and
    ``TL`` when the subset changes. Codes are still assigned by ReportLab, in the
    order the characters are first set, so the file is the same byte for byte.
    Strings that reach a second subset (more than about 220 different characters
    in one font) are left to ReportLab.
    """

    def __init__(self, font, doc):
        super().__init__()
        self.font = font
        self.doc = doc
        self.single = True  # every character so far is in subset 0
        self._selects: dict[tuple[float, float], str] = {}

    def select(self, size: float, leading: float) -> str:
        """The operators that make subset 0 the font, at a size and leading."""
        key = (size, leading)
        op = self._selects.get(key)
        if op is None:
            name = self.font.getSubsetInternalName(0, self.doc)
            op = self._selects[key] = f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"
        return op

    def __missing__(self, ch: str) -> str:
        ((subset, code),) = self.font.splitString(ch, self.doc)
        if subset:
            self.single = False
        escaped = self[ch] = escapePDF(code)
        return escaped


def text_out(tx, text: str, line_end: bool = False) -> None:
    """What ``tx.textOut`` (``textLine`` with ``line_end``) writes, in fewer steps for a font whose characters fit one subset.

    On a canvas that records the structure (``briefing.pdf.marking``), a run in another language
    than its paragraph is wrapped in a ``/Span`` with its ``/Lang``.
    """
    recorder = getattr(tx._canvas, "structure_recorder", None)
    # ASCII text never has a language of its own (``briefing.language``): no span to ask for.
    opening = recorder.span(text) if recorder is not None and not text.isascii() and text.strip() else None
    if opening is None:
        _text_out(tx, text, line_end)
        return
    tx._code.append(opening)
    _text_out(tx, text, line_end)
    tx._code.append("EMC")


def _text_out(tx, text: str, line_end: bool) -> None:
    canvas = tx._canvas
    encoders = canvas.__dict__.setdefault("_briefing_encoders", {})
    encoder = encoders.get(tx._fontname)
    if encoder is None:
        font = getFont(tx._fontname)
        encoder = encoders[tx._fontname] = _Encoder(font, canvas._doc) if font._dynamicFont else False
    if encoder is False or not text:
        tx._textOut(text, line_end)
        return
    codes = "".join(map(encoder.__getitem__, text))
    if not encoder.single:
        tx._textOut(text, line_end)
        return
    if tx._curSubset != 0:
        tx._code.append(f"{encoder.select(tx._fontsize, tx._leading)} ({codes}) Tj" + (" T*" if line_end else ""))
        tx._curSubset = 0
    else:
        tx._code.append(f"({codes}) Tj T*" if line_end else f"({codes}) Tj")


def fill_colour(target, colour) -> None:
    """``target.setFillColor(colour)`` (a canvas or a text object) in fewer steps for an opaque RGB
    ``Color``, as the style sheet's colours are: the same operator, fill colour and transparency
    state (an opaque colour still sets its alpha, which writes nothing unless a transparent one was
    set). Anything else is left to ReportLab."""
    if type(colour) is not Color or colour.alpha != 1 or target._enforceColorSpace is not None:
        target.setFillColor(colour)
        return
    target._fillColorObj = colour
    target._code.append(f"{fp_str(colour.red, colour.green, colour.blue)} rg")
    target._setFillAlpha(colour.alpha)


def draw_translated(canvas, flowable, x: float, y: float) -> None:
    """What ``Flowable.drawOn`` does for a left-aligned flowable: ``q``, a translation to (x, y), its
    ``draw()``, ``Q``, with the canvas's graphics state put back, for a flowable whose drawing changes
    no canvas state but the fill colour and the extended graphics state (transparency).

    ``saveState`` copies all 23 of ReportLab's state attributes for every paragraph drawn; this
    keeps the three the drawing and the translation change (``tests/pdf/test_textblock``
    checks that a paragraph's drawing leaves every other one as it was)."""
    fill, matrix, extended = canvas._fillColorObj, canvas._currentMatrix, canvas._extgstate
    canvas._extgstate = extended.pushCopy()
    # canvas.translate(x, y) after "q" (so nothing to merge with): its operator and its matrix,
    # in Canvas.transform's arithmetic (the matrix places link boxes).
    a, b, c, d, e, f = matrix
    canvas._code += ("q", f"1 0 0 1 {fp_str(x, y)} cm")
    canvas._currentMatrix = (a * 1 + c * 0, b * 1 + d * 0, a * 0 + c * 1, b * 0 + d * 1, a * x + c * y + e, b * x + d * y + f)
    flowable.canv = canvas
    flowable.draw()
    del flowable.canv
    canvas._code.append("Q")
    canvas._fillColorObj, canvas._currentMatrix, canvas._extgstate = fill, matrix, extended


# -- the document ReportLab writes: pages, annotations, fonts, the info dictionary --------------------


def page_code(canvas) -> list[str]:
    """The operators drawn so far on the canvas's current page (or form), as strings in order."""
    return canvas._code


def document(canvas) -> pdfdoc.PDFDocument:
    return canvas._doc


def pages(doc: pdfdoc.PDFDocument) -> list[pdfdoc.PDFPage]:
    """The pages shown so far, in order."""
    return doc.Pages.pages


def compress_last_page(canvas) -> None:
    """Compress the page just shown now rather than when the file is written: ReportLab keeps every
    page's operators as text until then, several times the size of the compressed stream.

    The stream is what ReportLab would write (its Flate filter on the same text); the compressed
    bytes also go into the file's ID, so different documents get different IDs.
    """
    doc = canvas._doc
    page = doc.Pages.pages[-1]
    data = pdfdoc.PDFZCompress.encode(page.stream)
    page.stream = None
    page.Contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}),
                                     data)
    doc.updateSignature(data)


def set_page_entries(page: pdfdoc.PDFPage, **entries) -> None:
    """Entries ReportLab's page dictionary has no attribute for (``/StructParents``, ``/Tabs``)."""
    page.__NoDefault__ = [*type(page).__NoDefault__, *(k for k in entries if k not in type(page).__NoDefault__)]
    for key, value in entries.items():
        setattr(page, key, value)


def register_font(font: ttfonts.TTFont, *, own: bool = False) -> None:
    """``pdfmetrics.registerFont``; with ``own``, the font's name sets this font even when ReportLab
    gave it another font of the same PostScript name registered before, whose bytes differ."""
    pdfmetrics.registerFont(font)
    shared = getFont(font.fontName)
    if own and shared is not font and shared.face._ttf_data != font.face._ttf_data:
        pdfmetrics._fonts[font.fontName] = font  # no public way to name a second font of one PostScript name


def referenced(doc: pdfdoc.PDFDocument, reference: pdfdoc.PDFObjectReference):
    """The object of ``doc`` that ``reference`` names (a font's descriptor, its font file)."""
    return doc.idToObject[reference.name]


def annotation(doc: pdfdoc.PDFDocument, page: pdfdoc.PDFPage, index: int):
    """The ``index``-th annotation of ``page`` and the reference to it."""
    ref = page.Annots[index]
    return doc.idToObject[ref.name], ref


class Link(pdfdoc.PDFObject):
    """A link annotation that writes itself in one step, with the ``/Contents`` (what a screen reader
    says) and ``/StructParent`` of a tagged PDF.

    What ``canvas.linkRect`` and ``canvas.linkURL`` make (no border, no colour), but
    ReportLab's generic dictionaries take a fifth of a long brief's saving time.
    """

    def __init__(self, rect, destination=None, uri: str | None = None):
        self.rect = rect
        self.destination = destination  # a ReportLab Destination (a place in this document), or
        self.uri = uri  # an address
        self.contents = ""
        self.struct_parent: int | None = None

    def format(self, document) -> bytes:
        parts = [b"<< /Type /Annot /Subtype /Link /Rect [ %s ] /Border [ 0 0 0 ] /Contents "
                 % fp_str(*self.rect).encode("ascii"),
                 text_string(self.contents, document)]
        if self.destination is not None:
            parts += [b" /Dest ", _destination(self.destination, document)]
        elif self.uri is not None:
            parts += [b" /A << /S /URI /Type /Action /URI ", text_string(ascii_uri(self.uri), document), b" >>"]
        else:
            raise ValueError("a link needs a destination or an address")
        if self.struct_parent is not None:
            parts.append(b" /StructParent %d" % self.struct_parent)
        parts.append(b" >>")
        return b"".join(parts)


def ascii_uri(uri: str) -> str:
    """``uri`` as the 7-bit ASCII a PDF's ``/URI`` holds (ISO 32000-1, 12.6.4.7): every other character
    percent-encoded as its UTF-8 bytes, as a browser sends the address. As a text string it was
    written in UTF-16 or Latin-1, which no viewer opens as the address."""
    if uri.isascii():
        return uri
    return "".join(ch if ch.isascii() else "".join(f"%{byte:02X}" for byte in ch.encode("utf-8", "replace")) for ch in uri)


def add_link(canvas, rect, relative: bool, *, anchor: str | None = None, uri: str | None = None) -> None:
    """A link annotation on the current page, to a named place (``anchor``) or an address (``uri``);
    ``rect`` in the current user space when ``relative``, else in page space."""
    destination = None
    if anchor is not None:  # canvas._bookmarkReference(anchor), which finds a new name by catching KeyError
        destinations = canvas._destinations
        destination = destinations.get(anchor)
        if destination is None:
            destination = destinations[anchor] = pdfdoc.Destination(anchor)
    canvas._addAnnotation(Link(_page_rect(canvas, rect, relative), destination, uri))


def _page_rect(canvas, rect, relative: bool):
    """``canvas._absRect(rect, relative)``: a box in the current user space as the smallest box in page
    space holding its corners, in ``absolutePosition``'s arithmetic, without its four calls. Pages
    with crop marks (never Briefing's) are left to ReportLab."""
    if not rect or not relative or canvas._cropMarks or not pdfcanvas.ENABLE_TRACKING:
        return canvas._absRect(rect, relative)
    a, b, c, d, e, f = canvas._currentMatrix
    lx, ly, ux, uy = rect
    xs = a * lx + c * ly + e, a * ux + c * uy + e, a * lx + c * uy + e, a * ux + c * ly + e
    ys = b * lx + d * ly + f, b * ux + d * uy + f, b * lx + d * uy + f, b * ux + d * ly + f
    return min(xs), min(ys), max(xs), max(ys)


def describe_annotation(annot: Link, description: str, struct_parent: int) -> None:
    """Give a link annotation its ``/Contents`` (what a screen reader says) and its ``/StructParent``."""
    annot.contents = description
    annot.struct_parent = struct_parent


_TO_UNICODE = "toUnicodeCMap:"  # ReportLab's name for each font subset's ToUnicode stream
_BEYOND_BMP = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


def embed_fonts(doc: pdfdoc.PDFDocument) -> None:
    """Write the fonts' objects now (ReportLab would when saving), with ToUnicode maps that name
    characters beyond the BMP as UTF-16 surrogate pairs, as the PDF reference asks (ReportLab writes
    five hex digits, which readers drop or cut)."""
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.delayedFonts = []
    for name, obj in doc.idToObject.items():
        if name.startswith(_TO_UNICODE):
            obj.content = _BEYOND_BMP.sub(_utf16, obj.content)


class _Info(pdfdoc.PDFInfo):
    """ReportLab's document information dictionary with a chosen creation date, or none at all."""

    stamp: str | None = None  # "D:YYYYMMDDHHmmSS+00'00'"

    def format(self, document):
        entries = {"Title": pdfdoc.PDFString(self.title), "Author": pdfdoc.PDFString(self.author),
                   "Producer": pdfdoc.PDFString(self.producer), "Creator": pdfdoc.PDFString(self.creator),
                   "Subject": pdfdoc.PDFString(self.subject), "Keywords": pdfdoc.PDFString(self.keywords),
                   "Trapped": pdfdoc.PDFName(self.trapped)}
        if self.stamp is not None:
            entries["CreationDate"] = entries["ModDate"] = pdfdoc.PDFString(self.stamp)
        return pdfdoc.PDFDictionary(entries).format(document)


def set_creation_date(doc: pdfdoc.PDFDocument, stamp: str | None) -> str:
    """The creation and modification date of the file (a PDF date string), or none; returns the producer."""
    doc.info.__class__ = _Info
    doc.info.stamp = stamp
    return doc.info.producer


# -- the story ----------------------------------------------------------------------------------------


class LazyStory(list):
    """A story for ``BaseDocTemplate.build`` made part by part as ReportLab takes flowables from its front.

    ReportLab reads the story as a list: its length, its first flowable, and a run
    of flowables that keep with the next (``handle_keepWithNext``), which it groups
    with the one after. Parts are added whenever fewer than two flowables are left or
    the last one keeps with the next, so every such run is whole, as in the full
    list, and the document comes out the same byte for byte.
    """

    def __init__(self, parts: Iterator[list]):
        super().__init__()
        self._parts: Iterator[list] | None = parts
        self._settled = None  # the last flowable once it is known not to keep with the next

    def _fill(self) -> None:
        """Add parts until two flowables are left and the last does not keep with the next (called only
        when that is not known already: the last one is not ``_settled``, which only a new part changes)."""
        while self._parts is not None and (list.__len__(self) < 2 or list.__getitem__(self, -1).getKeepWithNext()):
            part = next(self._parts, None)
            if part is None:
                self._parts = None
            else:
                self.extend(part)
        self._settled = list.__getitem__(self, -1) if list.__len__(self) else None

    # ReportLab asks for the length and the front hundreds of times a page: whether anything may need
    # adding is asked here, without a call.
    def __len__(self) -> int:
        if self._parts is not None and not (list.__len__(self) >= 2 and list.__getitem__(self, -1) is self._settled):
            self._fill()
        return list.__len__(self)

    def __getitem__(self, index):
        if self._parts is not None and not (list.__len__(self) >= 2 and list.__getitem__(self, -1) is self._settled):
            self._fill()
        return list.__getitem__(self, index)


# -- writing the file -------------------------------------------------------------------------------


class Appendix(pdfdoc.PDFObject):
    """An object ReportLab registers (others can refer to it) but that is written after all of
    ReportLab's own objects, followed by objects of its own numbered from ``first``.

    ``write`` yields this object's content, then each of its own objects' content, in
    order. It is for the structure tree: 200,000 elements registered with ReportLab
    one by one would be 200,000 objects and names held until the file is written.
    """

    def write(self, own: int, first: int, number_of, document) -> Iterator[bytes]:
        """``own``: this object's number; ``number_of(reference)``: the number of one of ReportLab's objects."""
        raise NotImplementedError


# What ReportLab's object formatting recomputes for every name and number it writes: ``PDFName``
# (escaping a name character by character) and ``pdfdocEnc`` (str to bytes through a Python codec).
# Both are pure functions of one string, and the strings are mostly the same few dozen names in
# every document, so their answers are kept per process while Briefing saves (bounded: numbers vary).
_KEPT_LIMIT = 8192


class _Kept(dict):
    """A function of one string whose answers are kept (another argument is passed through)."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __call__(self, value, *rest):
        if rest or type(value) is not str:
            return self.function(value, *rest)
        answer = self.get(value)
        if answer is None:
            if len(self) >= _KEPT_LIMIT:
                self.clear()
            answer = self[value] = self.function(value)
        return answer


_kept_name = _Kept(pdfdoc.PDFName)
_kept_encoding = _Kept(pdfdoc.pdfdocEnc)


_library_format = pdfdoc.format

# What escapePDF changes in printable ASCII (it writes every other byte as an octal escape).
_ESCAPES = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


def text_string(text: str, document) -> bytes:
    """``PDFString(text).format(document)``: a text string as ReportLab writes it (PDFDocEncoding when
    every character has a code there, else UTF-16 with a byte-order mark; escaped; in parentheses).

    ReportLab tries the encoding by catching its error, escapes, then encodes the escaped text
    through its Python codec again (about 12 us for a link's description; a brief writes hundreds
    of titles, descriptions and addresses). Printable ASCII, most of them, is its own code in
    PDFDocEncoding and needs only ``\\``, ``(`` and ``)`` escaped; escaping leaves only printable
    ASCII, which PDFDocEncoding writes as ASCII. An encrypted document is left to ReportLab.
    """
    if type(document.encrypt) is not pdfdoc.NoEncryption:
        return pdfdoc.PDFString(text).format(document)
    if text.isascii() and text.isprintable():
        return b"(" + text.translate(_ESCAPES).encode("ascii") + b")"
    try:
        data = text.encode("pdfdoc")
    except UnicodeEncodeError:
        data = codecs.BOM_UTF16_BE + text.encode("utf_16_be")
    return b"(" + escapePDF(data).encode("ascii") + b")"


def _format(element, document, toplevel=0):
    """``pdfdoc.format``, the leaves it is mostly asked for (names, numbers, bytes) first: the same bytes.

    ReportLab's asks each element whether it is a PDF object, then whether a number, then bytes,
    then text; a bool is none of the first four there, so it is left to it here as well."""
    kind = type(element)
    if kind is str:
        return _kept_encoding(element)
    if kind is bytes:
        return element
    if kind is float or kind is int:
        return _kept_encoding(fp_str(element))
    if kind is pdfdoc.PDFString:
        if element.enc == "auto" and element.escape == 1 and type(element.s) is str:
            return text_string(element.s, document)
        return element.format(document)
    if kind is pdfdoc.PDFObjectReference:  # never top-level-only, no comment
        return element.format(document)
    if kind is pdfdoc.Destination:
        return _destination(element, document)
    return _library_format(element, document, toplevel)


def _destination(destination: pdfdoc.Destination, document) -> bytes:
    """``Destination.format`` for the place a bookmark or link names (``[ page /XYZ left top zoom ]``):
    the array ``PDFDestinationXYZ`` makes, written directly; any other kind by ReportLab."""
    place, page = destination.fmt, destination.page
    if type(place) is not pdfdoc.PDFDestinationXYZ or page is None or rl_config.pdfMultiLine:
        return destination.format(document)  # ReportLab's own, and its errors
    place.page = page
    left, top, zoom = place.left, place.top, place.zoom
    if _is_number(left) and _is_number(top) and _is_number(zoom):  # fp_str joins its arguments' with spaces
        where = fp_str(left, top, zoom).encode("ascii")
    else:  # "null" for a coordinate that stays as it is
        where = b" ".join((_format(left, document), _format(top, document), _format(zoom, document)))
    reference = page if type(page) is pdfdoc.PDFObjectReference else document.Reference(page)
    return b"[ " + reference.format(document) + b" /XYZ " + where + b" ]"


def _is_number(value) -> bool:
    return type(value) is float or type(value) is int


_names: dict[str, bytes] = {}  # a dictionary key as written: "/Key", escaped as PDFName escapes it


def _name(key: str) -> bytes:
    written = _names.get(key)
    if written is None:
        if len(_names) >= _KEPT_LIMIT:
            _names.clear()
        written = _names[key] = _kept_encoding(pdfdoc.PDFName(key))
    return written


def _dictionary_format(self, document, IND=b"\n "):
    """``PDFDictionary.format`` (ReportLab 5.1's, step for step) through ``_format`` and ``_name``."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    lines = [_name(k) + b" " + _format(entries[k], document) for k in keys]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        return b"<<\n" + IND.join(lines) + b"\n>>"
    for i in reversed(range(6, len(lines), 6)):
        lines.insert(i, b"\n ")
    return b"<<\n" + b" ".join(lines) + b"\n>>"


def _array_format(self, document, IND=b"\n "):
    """``PDFArray.format`` (ReportLab 5.1's, step for step) through ``_format``."""
    sequence = self.sequence
    multiline = (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced"
    if not multiline and sequence and all(type(e) is float or type(e) is int for e in sequence):
        # Numbers only (a font's /Widths: hundreds): each is fp_str's ASCII, ten to a line as below.
        return b"[ " + b" \n  ".join(fp_str(*sequence[i:i + 10]).encode("ascii")
                                     for i in range(0, len(sequence), 10)) + b" ]"
    items = [_format(e, document) for e in sequence]
    if multiline:
        return b"[ " + IND.join(items) + b" ]"
    for i in reversed(range(10, len(items), 10)):
        items.insert(i, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"


@contextlib.contextmanager
def _kept_formatting():
    """ReportLab's formatting with ``_kept_name`` and ``_kept_encoding``, and dictionaries, arrays and
    leaves formatted by the equivalents above, for one save (under the render lock; they give the same
    answers, so anything else formatting meanwhile is unaffected)."""
    saved = (pdfdoc.PDFName, pdfdoc.pdfdocEnc, pdfdoc.format, pdfdoc.PDFDictionary.format,
             pdfdoc.PDFArray.format)
    pdfdoc.PDFName, pdfdoc.pdfdocEnc, pdfdoc.format = _kept_name, _kept_encoding, _format
    pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format = _dictionary_format, _array_format
    try:
        yield
    finally:
        (pdfdoc.PDFName, pdfdoc.pdfdocEnc, pdfdoc.format, pdfdoc.PDFDictionary.format,
         pdfdoc.PDFArray.format) = saved


def save(canvas) -> None:
    """``canvas.save()`` (see ``_save``), formatting names and strings with what is kept of them."""
    with _kept_formatting():
        _save(canvas)


def _save(canvas) -> None:
    """``canvas.save()``, writing each object to the canvas's file as soon as it is formatted, appendices last.

    ReportLab formats the whole file into a list of strings, joins them and then
    writes the result: the file is held in memory twice (a 10,000-finding brief is
    30 MB). This is ``PDFDocument.GetPDFData`` and ``format`` without encryption
    or signatures (Briefing uses neither): the same objects in the same order.
    """
    if len(canvas._code):
        canvas.showPage()
    out = canvas._filename  # a binary file object (Briefing never hands ReportLab a file name)
    doc = canvas._doc
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.delayedFonts = []
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    catalog, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    numbers, objects, versions = doc.numberToId, doc.idToObject, doc.idToObjectNumberAndVersion
    header = pdfdoc.PDFFile(doc._pdfVersion).format(doc)  # "%PDF-1.7" and ReportLab's binary comment
    out.write(header)
    offsets = array("q", [0])  # by object number
    position = len(header)

    def put(number: int, data: bytes) -> None:
        nonlocal position
        offsets[number] = position
        out.write(data)
        position += len(data)

    appendices: list[tuple[int, Appendix]] = []
    number = 1
    while number in numbers:  # objects may register others while they are formatted
        oid = numbers[number]
        offsets.append(0)
        obj = objects[oid]
        if isinstance(obj, Appendix):
            appendices.append((number, obj))
        else:
            put(number, pdfdoc.PDFIndirectObject(oid, obj).format(doc))
        number += 1

    def number_of(ref: pdfdoc.PDFObjectReference) -> int:
        return versions[ref.name][0]

    for own, appendix in appendices:
        parts = iter(appendix.write(own, number, number_of, doc))
        put(own, b"%d 0 obj\n%s\nendobj\n" % (own, next(parts)))
        for data in parts:
            offsets.append(0)
            put(number, b"%d 0 obj\n%s\nendobj\n" % (number, data))
            number += 1
    # The cross-reference table: object 0 is free, every other object in use.
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % number)
    for start in range(1, number, 4096):  # in slices: one bytes object per entry adds up
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets[start:start + 4096]))
    trailer = pdfdoc.PDFTrailer(startxref=position, Size=number, Root=catalog, Info=info, ID=doc.ID())
    out.write(trailer.format(doc))
