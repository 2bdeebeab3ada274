"""Templates: the bundled one is reproducible; an organisation's is used or refused clearly."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile

import pytest
from deck_helpers import make_brief, make_finding, make_summary, slide_texts
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.render import default_template
from briefing.deck.style import load_style
from briefing.diagnostics import BriefingError
from briefing.resources import data_path

LAYOUT_NAMES = ["Title", "Bottom line", "Finding", "Timeline", "Sources", "Closing"]


@pytest.fixture(scope="module")
def brief():
    return make_brief(make_summary([make_finding("a", key=True), make_finding("b")]))


def _builder():
    spec = importlib.util.spec_from_file_location("build_template", data_path("templates", "deck", "build_template.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_default_template_is_16_9_with_named_layouts_and_is_rebuilt_byte_for_byte():
    prs = Presentation(str(default_template()))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == LAYOUT_NAMES
    assert len(prs.slides) == 0
    builder = _builder()
    assert builder.build(load_style()) == default_template().read_bytes(), "run templates/deck/build_template.py"


def _error(brief, template, tmp_path) -> str:
    out = tmp_path / "out.pptx"
    with pytest.raises(BriefingError) as caught:
        render_pptx(brief, template, out)
    assert not out.exists()
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_file_that_is_not_a_zip_is_refused(brief, tmp_path):
    bad = tmp_path / "corrupt.pptx"
    bad.write_bytes(b"this is not a zip archive at all" * 10)
    assert _error(brief, bad, tmp_path) == f"{bad}: template refused: not a .pptx or .potx file (not a zip archive)"


def test_a_truncated_zip_is_refused(brief, tmp_path):
    bad = tmp_path / "truncated.pptx"
    bad.write_bytes(default_template().read_bytes()[:5000])
    assert "template refused" in _error(brief, bad, tmp_path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(brief, tmp_path):
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/media/zeros.bin", b"\0" * (4 * 1024 * 1024))
    assert "looks like a zip bomb" in _error(brief, bomb, tmp_path)


def test_a_template_that_unpacks_too_large_is_refused(brief, tmp_path, monkeypatch):
    from briefing.deck import template

    monkeypatch.setattr(template, "MAX_UNPACKED_BYTES", 10_000)
    assert "unpacks to 0 MB; the limit is 0 MB" in _error(brief, default_template(), tmp_path)


def test_a_zip_that_is_not_a_presentation_is_refused(brief, tmp_path):
    other = tmp_path / "document.pptx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    assert _error(brief, other, tmp_path).endswith("not a PowerPoint presentation or template")


def _without_title_layouts() -> bytes:
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_a_template_without_a_title_layout_gets_a_clear_message(brief, tmp_path):
    template = tmp_path / "blank-only.pptx"
    template.write_bytes(_without_title_layouts())
    message = _error(brief, template, tmp_path)
    assert message.startswith(f"{template}: template has no slide layout with a title placeholder")


def test_an_organisation_template_is_used_by_layout_name_and_placeholders(brief, tmp_path):
    template = tmp_path / "org.pptx"
    prs = Presentation()  # python-pptx's own: "Title Slide", "Title and Content", ... and a sample slide
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Sample slide to be removed"
    prs.save(str(template))
    result = render_pptx(brief, template, tmp_path / "deck.pptx")
    deck = Presentation(str(result.path))
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[:3] == ["Title Slide", "Title and Content", "Title and Content"]
    assert "Sample slide to be removed" not in "".join(slide_texts(result.path))
    assert result.warnings == ()  # its layouts suit every kind of slide: nothing to warn about
    assert deck.slide_width == 9144000  # the organisation's 4:3 page


def test_layouts_named_in_another_language_are_chosen_by_their_placeholders(brief, tmp_path):
    prs = Presentation()
    german = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt", "Title Only": "Nur Titel", "Section Header": "Abschnitts\u00fcberschrift"}
    for layout in prs.slide_layouts:
        layout.name = german.get(layout.name, layout.name + " (de)")
    template = tmp_path / "de.pptx"
    prs.save(str(template))
    result = render_pptx(brief, template, tmp_path / "deck.pptx")
    layouts = [s.slide_layout.name for s in Presentation(str(result.path)).slides]
    assert layouts[0] == "Titelfolie"
    assert set(layouts[1:-1]) <= {"Titel und Inhalt", "Nur Titel"} and "Titel und Inhalt" in layouts
    assert result.warnings == ()


def test_a_potx_template_is_opened_as_a_presentation(brief, tmp_path):
    potx = tmp_path / "org.potx"
    source = zipfile.ZipFile(default_template())
    with zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            blob = source.read(name)
            if name == "[Content_Types].xml":
                blob = blob.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            archive.writestr(name, blob)
    result = render_pptx(brief, potx, tmp_path / "deck.pptx")
    assert result.warnings == ()
    types = zipfile.ZipFile(result.path).read("[Content_Types].xml")
    assert b"presentationml.presentation.main+xml" in types and b"template.main" not in types
    assert [s.slide_layout.name for s in Presentation(str(result.path)).slides][:3] == ["Title", "Bottom line", "Finding"]


def _textured_template(path):
    """The default template with a full-slide photo-sized texture on its master (as LibreOffice's
    Vintage has), so every run of text is checked against the picture's colours."""
    import random

    from PIL import Image

    noise = random.Random(7)
    texture = Image.new("RGB", (1600, 900))
    texture.putdata([(noise.randrange(200, 256), noise.randrange(190, 240), noise.randrange(150, 220)) for _ in range(1600 * 900)])
    picture = io.BytesIO()
    texture.save(picture, "PNG")
    prs = Presentation(str(default_template()))
    master = prs.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(picture.getvalue()))
    tree = master.shapes._spTree
    pic = tree.add_pic(900, "Texture", "", rid, 0, 0, prs.slide_width, prs.slide_height)
    tree.remove(pic)
    tree.insert(2, pic)  # bottom-most, under the master's own shapes
    prs.save(str(path))
    return path


def test_a_pillow_that_cannot_load_fails_the_deck_and_is_not_taken_for_a_picture_of_unknown_colours(brief, tmp_path, monkeypatch):
    """Pillow may load only when a template's picture is first decoded (``briefing.cli.deferred``);
    one that cannot (a broken install) fails the deck, as it did when python-pptx imported it at the
    start. Taken for an unreadable picture, it set the text as on a plain background, and the cache
    kept that answer for every later export, Pillow mended or not."""
    import PIL

    template = _textured_template(tmp_path / "textured.pptx")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delattr(PIL, "Image")
    monkeypatch.setitem(sys.modules, "PIL.Image", None)  # the import system's "cannot be imported"
    with pytest.raises(ImportError):
        render_pptx(brief, template, tmp_path / "deck.pptx")
    assert not (tmp_path / "deck.pptx").exists()
    assert list((tmp_path / "cache").glob("picture-grid-*")) == []


def test_a_templates_picture_is_decoded_once_then_its_colours_come_from_the_cache(brief, tmp_path, monkeypatch):
    from PIL import Image

    from briefing.deck.template import open_template

    template = _textured_template(tmp_path / "textured.pptx")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "off")
    uncached = [f.picture for f in open_template(template)[1].content_master.fills if f.picture is not None]
    render_pptx(brief, template, tmp_path / "uncached.pptx")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    render_pptx(brief, template, tmp_path / "first.pptx")
    decoded = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: decoded.append(args) or real_open(*args, **kwargs))
    render_pptx(brief, template, tmp_path / "second.pptx")
    cached = [f.picture for f in open_template(template)[1].content_master.fills if f.picture is not None]
    assert decoded == []
    assert cached == uncached and len(cached) == 1 and len(set(cached[0])) > 1
    assert (tmp_path / "second.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes() == (tmp_path / "uncached.pptx").read_bytes()
