"""A deck package with more entries than the plain zip format can count is written as ZIP64 and reads back."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from briefing.deck.ooxml.package import deflate, package_members, write_members

EXTRA = 65_600  # more than the 65,535 entries a plain zip directory can count


def test_package_of_more_than_65535_members_reopens_with_zipfile_and_python_pptx():
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    filler = deflate("customXml/filler.xml", b"<x/>")
    members = package_members(prs)
    members += [filler.__class__(f"customXml/item{i:05}.xml", filler.crc, filler.size, filler.deflated)
                for i in range(EXTRA)]
    out = io.BytesIO()
    write_members(out, members)
    data = out.getvalue()

    assert b"PK\x06\x06" in data[-200:] and b"PK\x06\x07" in data[-200:]  # ZIP64 end records
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == len(members)
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert archive.read("customXml/item65599.xml") == b"<x/>"
        assert archive.testzip() is None
    reopened = Presentation(io.BytesIO(data))
    assert len(reopened.slides) == 1


def test_usual_package_keeps_the_plain_zip_format():
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    out = io.BytesIO()
    write_members(out, package_members(prs))
    data = out.getvalue()
    assert b"PK\x06\x06" not in data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(info.extra == b"" for info in archive.infolist())
        assert archive.testzip() is None
