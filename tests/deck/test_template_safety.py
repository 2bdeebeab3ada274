"""Templates are untrusted: what could act or reach out never reaches a deck, and the deck is a sound package."""

from __future__ import annotations

import io
import os
import random
import zipfile

import pytest
from deck_helpers import make_brief, make_finding, make_summary, opc_problems

from briefing.deck import render_pptx
from briefing.deck.render import default_template
from briefing.diagnostics import BriefingError

LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


@pytest.fixture(scope="module")
def brief():
    return make_brief(make_summary([make_finding("a", key=True)]))


def _edited(tmp_path, name: str, edit) -> str:
    """The default template with ``edit(members)`` applied to its parts (a dict name -> bytes)."""
    with zipfile.ZipFile(default_template()) as source:
        members = {n: source.read(n) for n in source.namelist()}
    edit(members)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for n, blob in members.items():
            target.writestr(n, blob)
    return str(path)


def _add_rel(members, rels: str, rel: str) -> None:
    members[rels] = members[rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def test_a_macro_wired_under_an_ordinary_type_never_reaches_the_deck(brief, tmp_path):
    def edit(m):
        m["ppt/vbaProject.bin"] = b"Attribute VB_Name = \"Module1\"" + os.urandom(64)
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/xml"/></Types>')
        _add_rel(m, "ppt/_rels/presentation.xml.rels", '<Relationship Id="rId900" Type="http://example.org/custom" Target="vbaProject.bin"/>')

    result = render_pptx(brief, _edited(tmp_path, "macro.pptx", edit), tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.path) as deck:
        assert not any("vba" in n.casefold() for n in deck.namelist())
        assert b"vbaProject" not in b"".join(deck.read(n) for n in deck.namelist() if n.endswith((".rels", ".xml")))
    assert "removed from the template: macros (1)" in result.warnings
    assert opc_problems(result.path) == []


def test_activex_ole_and_external_links_from_a_layout_are_removed(brief, tmp_path):
    links = {"rId901": "file:///etc/passwd", "rId902": "\\\\attacker\\share\\x.png", "rId903": "https://example.org/ok"}

    def edit(m):
        for rid, target in links.items():
            kind = "hyperlink" if rid != "rId902" else "image"
            _add_rel(m, LAYOUT_RELS, f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
                                     f'Target="{target}" TargetMode="External"/>')
        m["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>'
        m["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + os.urandom(64)
        _add_rel(m, LAYOUT_RELS, '<Relationship Id="rId904" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/control" Target="../activeX/activeX1.xml"/>')
        _add_rel(m, LAYOUT_RELS, '<Relationship Id="rId905" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="../embeddings/oleObject1.bin"/>')
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/ppt/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>'
                         b'<Override PartName="/ppt/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>')
        shapes = (
            '<p:sp><p:nvSpPr><p:cNvPr id="90" name="Linked"><a:hlinkClick r:id="rId901"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm></p:spPr></p:sp>'
            '<p:pic><p:nvPicPr><p:cNvPr id="91" name="Remote"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            '<p:blipFill><a:blip r:link="rId902"/></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm></p:spPr></p:pic>'
        )
        m[LAYOUT] = m[LAYOUT].replace(b"</p:spTree>", shapes.encode() + b"</p:spTree>", 1)

    result = render_pptx(brief, _edited(tmp_path, "active.pptx", edit), tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.path) as deck:
        names = deck.namelist()
        assert not any(n.startswith(("ppt/activeX", "ppt/embeddings")) for n in names)
        rels = b"".join(deck.read(n) for n in names if n.endswith(".rels"))
        assert b"file://" not in rels and b"attacker" not in rels
        assert b"rId901" not in deck.read(LAYOUT) and b"rId902" not in deck.read(LAYOUT)
    assert "removed from the template: links to files outside the template (2)" in result.warnings
    assert "removed from the template: ActiveX controls (1)" in result.warnings
    assert "removed from the template: OLE objects (1)" in result.warnings
    assert opc_problems(result.path) == []


@pytest.mark.parametrize("kind", ["slideshow", "addin", "presentation", "template"])
def test_every_macro_enabled_package_type_is_refused(brief, tmp_path, kind):
    def edit(m):
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            f"application/vnd.ms-powerpoint.{kind}.macroEnabled.main+xml".encode())

    with pytest.raises(BriefingError, match="macro-enabled files are not accepted"):
        render_pptx(brief, _edited(tmp_path, "m.pptm", edit), tmp_path / "deck.pptx")
    assert not (tmp_path / "deck.pptx").exists()


def test_a_bomb_hidden_behind_stored_padding_is_refused_by_its_own_ratio(brief, tmp_path):
    def edit(m):
        m["ppt/padding.dat"] = random.Random(1).randbytes(2 * 1024 * 1024)  # incompressible: the total ratio looks fine

    path = _edited(tmp_path, "bomb.pptx", edit)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/theme/huge.xml", b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    with pytest.raises(BriefingError, match="'ppt/theme/huge.xml' is compressed .*zip bomb"):
        render_pptx(brief, path, tmp_path / "deck.pptx")


def test_too_much_xml_is_refused(brief, tmp_path, monkeypatch):
    from briefing.deck import template

    monkeypatch.setattr(template, "MAX_XML_BYTES", 5_000)
    with pytest.raises(BriefingError, match="MB of XML; the limit is"):
        render_pptx(brief, _edited(tmp_path, "xml.pptx", lambda m: None), tmp_path / "deck.pptx")


def test_the_default_deck_is_a_sound_package(brief, tmp_path):
    result = render_pptx(brief, None, tmp_path / "deck.pptx")
    assert opc_problems(result.path) == []
    with zipfile.ZipFile(io.BytesIO(result.path.read_bytes())) as deck:
        assert b'TargetMode="External"' not in b"".join(deck.read(n) for n in deck.namelist() if n.startswith("ppt/slideLayouts/_rels"))
