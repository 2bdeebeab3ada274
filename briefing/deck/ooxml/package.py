"""Saving a deck as the same bytes every time, and only as a whole file.

python-pptx stamps zip entries with the current time and the core properties
with ``now``; the deck fixes both, orders the entries, and writes the result
atomically. The zip is written here, straight to the file: slides and notes
arrive deflated (``WrittenPart``), so a long deck is never held whole,
uncompressed, in memory, and no part is compressed twice. A template's parts
that every deck shares unchanged (``pristine``) are deflated once, for all of
them (``unchanging``).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import weakref
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pptx.opc.package import Part
from pptx.presentation import Presentation

from briefing.atomic import atomic_writer
from briefing.deck.ooxml.parts import WrittenPart, raw_deflate
from briefing.text import clean

_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00, the zip format's first day
FIXED_DOCUMENT_TIME = dt.datetime(2000, 1, 1)
_FIRST = ("[Content_Types].xml", "_rels/.rels")


@dataclass(frozen=True)
class Member:
    """One zip entry, deflated as zipfile does (raw deflate, default level), with the CRC and size of its data."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, data: bytes) -> Member:
    return Member(name, zlib.crc32(data), len(data), raw_deflate(data))


def _order(name: str) -> tuple:
    return (name not in _FIRST, _FIRST.index(name) if name in _FIRST else 0, name)


_ZIP64_SIZE = 0xFFFFFFFF  # a 32-bit size or offset at this value or above is written as ZIP64
_ZIP64_COUNT = 0xFFFF  # likewise for the 16-bit entry counts


def write_members(out: BinaryIO, members: Iterable[Member]) -> None:
    """A zip of ``members`` in canonical order, with fixed times and attributes, to ``out``.

    Records switch to ZIP64 only where a field would overflow (more than 65,534
    entries, a size or offset of 4 GiB or more), so every usual deck keeps the
    plain zip format and the same bytes.
    """
    central = []
    offset = 0
    ordered = sorted(members, key=lambda m: _order(m.name))
    for member in ordered:
        name = member.name.encode("utf-8")
        flags = 0x800 if not member.name.isascii() else 0
        big = member.size >= _ZIP64_SIZE or len(member.deflated) >= _ZIP64_SIZE
        version = 45 if big or offset >= _ZIP64_SIZE else 20
        sizes = (_ZIP64_SIZE, _ZIP64_SIZE) if big else (len(member.deflated), member.size)
        local_extra = struct.pack("<2H2Q", 1, 16, member.size, len(member.deflated)) if big else b""
        fields = (flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, member.crc, *sizes)
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", version, *fields, len(name), len(local_extra))
        out.write(header + name + local_extra)
        out.write(member.deflated)
        # The central record's ZIP64 extra holds, in this order, only the fields that overflow.
        wide = [member.size, len(member.deflated)] if big else []
        if offset >= _ZIP64_SIZE:
            wide.append(offset)
        extra = struct.pack(f"<2H{len(wide)}Q", 1, 8 * len(wide), *wide) if wide else b""
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", version, version, *fields, len(name), len(extra),
                                   0, 0, 0, 0, min(offset, _ZIP64_SIZE)) + name + extra)
        offset += len(header) + len(name) + len(local_extra) + len(member.deflated)
    directory = b"".join(central)
    out.write(directory)
    count, size = len(ordered), len(directory)
    if count >= _ZIP64_COUNT or size >= _ZIP64_SIZE or offset >= _ZIP64_SIZE:
        end64 = offset + size
        out.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, offset))
        out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, end64, 1))
        count, size, offset = min(count, _ZIP64_COUNT), min(size, _ZIP64_SIZE), min(offset, _ZIP64_SIZE)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, offset, 0))


def canonical_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with sorted entries, fixed times and fixed attributes.

    Entries are copied compressed, as they are: only the headers change.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in source.infolist():
        header = data[info.header_offset : info.header_offset + 30]
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        members.append(Member(info.filename, info.CRC, info.file_size, data[start : start + info.compress_size]))
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()


_UNCHANGING: weakref.WeakKeyDictionary[Part, tuple[Member, ...]] = weakref.WeakKeyDictionary()


def unchanging(parts: Iterable[Part]) -> None:
    """Deflate ``parts`` and their relationships now, once: parts that no deck will change
    (a template's masters, layouts, themes and pictures, shared by every deck made from it)."""
    for part in parts:
        _UNCHANGING[part] = tuple(_part_members(part))


def _part_members(part: Part) -> list[Member]:
    """The zip entries of ``part``: its data, then its relationships when it has any."""
    if isinstance(part, WrittenPart):
        members = [Member(part.partname.membername, *part.deflated)]
    else:
        members = [deflate(part.partname.membername, part.blob)]
    if len(part.rels):
        members.append(deflate(part.partname.rels_uri.membername, part.rels.xml))
    return members


def package_members(prs: Presentation) -> list[Member]:
    """Every entry of the deck's package, as python-pptx would write it: the content types,
    the package's relationships, then each part and its relationships. Slides and notes
    slides come deflated already (``WrittenPart``); the other parts are deflated here.

    Uses two python-pptx internals (the content-types builder and the package's
    relationships), which its own ``save`` uses; ``deck_bytes`` falls back to
    ``save`` if they are gone."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from pptx.opc.serialized import _ContentTypesItem

    package = prs.part.package
    parts = tuple(package.iter_parts())
    members = [
        deflate(CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts))),
        deflate(PACKAGE_URI.rels_uri.membername, package._rels.xml),
    ]
    for part in parts:
        members.extend(_UNCHANGING.get(part) or _part_members(part))
    return members


def set_properties(prs: Presentation, *, title: str, author: str, subject: str, category: str | None,
                   keywords: str, when: dt.datetime | None) -> None:
    props = prs.core_properties
    stamp = when or FIXED_DOCUMENT_TIME
    props.title = _short(title)
    props.author = _short(author)
    props.subject = _short(subject)
    props.category = _short(category or "")
    props.keywords = _short(keywords)
    props.last_modified_by = _short(author)
    props.revision = 1
    props.created = stamp
    props.modified = stamp


def _short(text: str) -> str:
    """Core properties hold at most 255 characters (the slides carry the full text), on one line."""
    text = " ".join(clean(text).split())
    return text if len(text) <= 255 else text[:254] + "\u2026"


def deck_bytes(prs: Presentation) -> bytes:
    out = io.BytesIO()
    write_deck(prs, out)
    return out.getvalue()


def write_deck(prs: Presentation, out: BinaryIO) -> None:
    """The deck's canonical bytes to ``out``."""
    try:
        members = package_members(prs)
    except (ImportError, AttributeError):  # python-pptx moved an internal: take the long way
        raw = io.BytesIO()
        prs.save(raw)
        out.write(canonical_zip(raw.getvalue()))
        return
    write_members(out, members)


def save(prs: Presentation, path: str | Path) -> None:
    """Write the deck to ``path`` atomically: a failure leaves any earlier file as it was."""
    with atomic_writer(path) as handle:
        write_deck(prs, handle)
