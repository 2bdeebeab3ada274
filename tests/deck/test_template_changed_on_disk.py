"""A template rewritten on disk between two exports in one process is read again.

The template is opened once per process (``deck/template.py``) for each state of
the file. A rewrite that keeps the size and puts the modification time back (a
copy that preserves times, ``touch -r``, a sync tool) is still a new state: its
status-change time moved, which nobody can put back.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from briefing.deck import render_pptx
from briefing.formats.load import open_document

BUNDLED = Path(__file__).parents[2] / "templates" / "deck" / "default.pptx"


def _stored_template(colour_from: bytes, colour_to: bytes) -> bytes:
    """The bundled template stored uncompressed, its theme's first ``colour_from`` made ``colour_to``
    (same length: the file keeps its size)."""
    out = io.BytesIO()
    with zipfile.ZipFile(BUNDLED) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/theme/theme1.xml":
                data = data.replace(colour_from, colour_to, 1)
            target.writestr(info.filename, data)
    return out.getvalue()


def _theme(deck: Path) -> bytes:
    with zipfile.ZipFile(deck) as archive:
        return archive.read("ppt/theme/theme1.xml")


def test_same_size_and_modification_time_but_new_bytes_are_read_again(tmp_path, example_brief):
    with zipfile.ZipFile(BUNDLED) as archive:
        theme = archive.read("ppt/theme/theme1.xml")
    start = theme.index(b'srgbClr val="') + len(b'srgbClr val="')
    colour = theme[start:start + 6]
    other = b"123456" if colour != b"123456" else b"654321"
    first, second = _stored_template(colour, colour), _stored_template(colour, other)
    assert len(first) == len(second) and first != second

    template = tmp_path / "house.pptx"
    template.write_bytes(first)
    brief = open_document(example_brief).build()
    render_pptx(brief, template, tmp_path / "first.pptx")
    before = os.stat(template)
    with open(template, "r+b") as handle:  # rewritten in place: same inode, same size
        handle.write(second)
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    after = os.stat(template)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)

    render_pptx(open_document(example_brief).build(), template, tmp_path / "second.pptx")
    assert b'srgbClr val="%s"' % colour in _theme(tmp_path / "first.pptx")
    assert b'srgbClr val="%s"' % other in _theme(tmp_path / "second.pptx")
