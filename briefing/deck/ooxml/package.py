"""Saving a deck as the same bytes every time, and only as a whole file.

python-pptx stamps zip entries with the current time and the core properties
with ``now``; the deck fixes both, orders the entries, and writes the result
atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

from pptx.presentation import Presentation

from briefing.atomic import write_bytes
from briefing.text import clean

_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00, the zip format's first day
FIXED_DOCUMENT_TIME = dt.datetime(2000, 1, 1)
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def canonical_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with sorted entries, fixed times and fixed attributes.

    Entries are copied compressed, as they are: only the headers change.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = sorted(source.infolist(), key=lambda i: (i.filename not in _FIRST, _FIRST.index(i.filename) if i.filename in _FIRST else 0, i.filename))
    out = io.BytesIO()
    central = []
    for info in infos:
        header = data[info.header_offset : info.header_offset + 30]
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        payload = data[start : start + info.compress_size]
        name = info.filename.encode("utf-8")
        flags = 0x800 if not info.filename.isascii() else 0
        fields = (20, flags, info.compress_type, _DOS_TIME, _DOS_DATE, info.CRC, info.compress_size, info.file_size)
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, len(name), 0) + name + payload)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, len(name), 0, 0, 0, 0, 0, offset) + name)
    directory = out.tell()
    out.write(b"".join(central))
    size = out.tell() - directory
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(infos), len(infos), size, directory, 0))
    return out.getvalue()


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
    raw = io.BytesIO()
    prs.save(raw)
    return canonical_zip(raw.getvalue())


def save(prs: Presentation, path: str | Path) -> None:
    """Write the deck to ``path`` atomically: a failure leaves any earlier file as it was."""
    write_bytes(path, deck_bytes(prs))
