"""Slides and notes slides added to the package directly, in time and memory linear in the deck's length.

python-pptx's ``add_slide`` copies every layout placeholder onto the new slide
(the deck removes all but the title), and each notes slide scans every part of
the package for a free name and clones the notes master again; relating a new
slide to the presentation scans every relationship the presentation already
has for one to reuse. All grow with the deck, so long decks slowed
quadratically. Here part names come from counters (the names already taken are
read once), a new part gets a new relationship without a search (it cannot
have one yet), and the notes master is cloned once.

A slide's XML is parsed once, when its shapes are complete, and kept only as
the deflated bytes the package will store: a deck holds no parsed tree per
slide, so its memory grows by the compressed size of its slides.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from itertools import count

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.presentation import Presentation
from pptx.slide import NotesSlide, SlideLayout

NAMESPACES = nsdecls("p", "a", "r")
_GROUP_HEAD = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
_SLIDE_HEAD = f"<p:sld {NAMESPACES}><p:cSld><p:spTree>{_GROUP_HEAD}"
_SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
_NOTES_BODY = "<p:txBody/>"  # where a notes slide's text goes in the cloned notes master


class WrittenPart(Part):
    """A slide or notes slide held as the deflated bytes the package stores; empty until ``write``.

    Deflated as zipfile deflates (raw, default level), so the package writer
    copies them into the zip as they are, and a slide takes a fifth of the
    memory of its XML until the deck is saved.
    """

    def __init__(self, partname: PackURI, content_type: str, package):
        super().__init__(partname, content_type, package)
        self.deflated: tuple[int, int, bytes] = (0, 0, raw_deflate(b""))  # CRC-32, size, raw deflate

    @property  # type: ignore[misc]  # read-only here: the XML is set through this part's own methods
    def blob(self) -> bytes:
        return zlib.decompress(self.deflated[2], -15)

    def write(self, xml: str) -> None:
        """Store ``xml`` (a whole part) as python-pptx would serialise it; parsing it checks it is well formed."""
        data = serialize_part_xml(parse_xml(xml))
        self.deflated = (zlib.crc32(data), len(data), raw_deflate(data))


def raw_deflate(data: bytes) -> bytes:
    """``data`` compressed as zipfile's ZIP_DEFLATED compresses an entry."""
    squeeze = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush()


def _free_names(pattern: str, taken: set[str]) -> Iterator[PackURI]:
    for n in count(1):
        name = pattern % n
        if name not in taken:
            yield PackURI(name)


def relate_new(source: Part, target: Part, reltype: str) -> str:
    """The rId of a new relationship from ``source`` to ``target``, a part created since
    ``source`` was loaded. ``Part.relate_to`` first searches every relationship of
    ``source`` for one to reuse, which costs the whole deck when ``source`` is the
    presentation; a new part has no relationship to find, so the search is skipped.
    python-pptx names no public way to add one without the search: fall back to it
    if the private one is gone."""
    rels = source.rels
    add = getattr(rels, "_add_relationship", None)
    return add(reltype, target) if add is not None else source.relate_to(target, reltype)


class SlideParts:
    """Adds slide parts (and their notes slides) to ``prs``, in order."""

    def __init__(self, prs: Presentation):
        self._presentation = prs.part
        self._package = prs.part.package
        taken = {str(part.partname) for part in self._package.iter_parts()}
        self._slide_names = _free_names("/ppt/slides/slide%d.xml", taken)
        self._notes_names = _free_names("/ppt/notesSlides/notesSlide%d.xml", taken)
        self._slide_ids = prs.element.get_or_add_sldIdLst()
        self._next_id = max((int(s.get("id")) for s in self._slide_ids), default=255) + 1
        self._notes: tuple[Part, str, str | None] | None = None  # notes master, XML before and after the body

    def add_slide(self, layout: SlideLayout) -> WrittenPart:
        """An empty slide on ``layout``, appended to the deck; give it its shapes with ``fill``."""
        part = WrittenPart(next(self._slide_names), CT.PML_SLIDE, self._package)
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rid = relate_new(self._presentation, part, RT.SLIDE)
        etree.SubElement(self._slide_ids, qn("p:sldId"), {"id": str(self._next_id), qn("r:id"): rid})
        self._next_id += 1
        return part

    @staticmethod
    def fill(part: WrittenPart, shapes: str) -> None:
        """Give the slide its shapes (once): ``shapes`` is the XML of every shape, in z-order."""
        part.write(f"{_SLIDE_HEAD}{shapes}{_SLIDE_TAIL}")

    def add_notes(self, slide: Part, body: str) -> None:
        """A notes slide for ``slide`` from the notes master, ``body`` (a ``p:txBody``) in its
        notes placeholder; the notes stay empty when the master has no body placeholder."""
        master, before, after = self._notes_template()
        part = WrittenPart(next(self._notes_names), CT.PML_NOTES_SLIDE, self._package)
        part.write(before + body + after if after is not None else before)
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide, RT.SLIDE)
        slide.relate_to(part, RT.NOTES_SLIDE)

    def _notes_template(self) -> tuple[Part, str, str | None]:
        if self._notes is None:
            master = self._presentation.notes_master_part
            notes = CT_NotesSlide.new()
            NotesSlide(notes, None).clone_master_placeholders(master.notes_master)  # type: ignore[arg-type]  # no part: only cloned
            body = None
            for sp in notes.cSld.spTree.iterchildren(qn("p:sp")):
                if sp.ph_type == PP_PLACEHOLDER.BODY:
                    body = sp
                    break
            if body is not None:
                old = body.find(qn("p:txBody"))
                if old is not None:
                    body.remove(old)
                body.append(parse_xml(f"<p:txBody {NAMESPACES}/>"))
            xml = etree.tostring(notes, encoding="unicode")
            if body is None or xml.count(_NOTES_BODY) != 1:
                self._notes = (master, xml, None)
            else:
                before, _, after = xml.partition(_NOTES_BODY)
                self._notes = (master, before, after)
        return self._notes
