"""Real templates nobody here wrote: the example brief in each looks whole and legible.

The corpus (``templates/build_corpus.py``): LibreOffice's bundled templates as
``.pptx`` and ``.potx``, Pandoc's reference deck, python-pptx's default, and
edited variants (German layout names, a dark master, 16:10 and 4:3 pages).
Every deck is rendered with LibreOffice once; the checks read the rendered
words (``pdftotext -bbox``) and the reopened package.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from deck_helpers import opc_problems, overlapping_words, rendered_pages
from lxml import etree
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.template import open_template
from briefing.formats.load import open_document

pytestmark = pytest.mark.render
HERE = Path(__file__).parent
MARKING = "UNCLASSIFIED"


def _tools() -> None:
    for tool in ("soffice", "pdftotext", "pandoc"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} is required in CI")
            pytest.skip(f"{tool} is not installed")


def _corpus() -> list[Path]:
    spec = importlib.util.spec_from_file_location("build_corpus", HERE / "templates" / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(Path(os.environ.get("BRIEFING_TEMPLATE_CORPUS", HERE / "templates" / "corpus")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, example_brief):
    """template name -> (template, deck, result, rendered pages); the default template as 'default'."""
    _tools()
    folder = tmp_path_factory.mktemp("corpus")
    brief = open_document(example_brief).build()
    decks = {}
    for template in [None, *_corpus()]:
        name = "default" if template is None else template.name
        deck = folder / f"{name.replace('.', '-')}.pptx"
        decks[name] = (template, deck, render_pptx(brief, template, deck))
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(d) for _, d, _ in decks.values())], check=True, capture_output=True, timeout=900)
    return {name: (template, deck, result, rendered_pages(deck.with_suffix(".pdf"))) for name, (template, deck, result) in decks.items()}


def test_the_corpus_holds_real_templates_in_both_packagings(corpus):
    names = set(corpus)
    assert sum(n.endswith(".potx") for n in names) >= 6 and sum(n.endswith(".pptx") for n in names) >= 6
    assert {"pandoc-reference.pptx", "python-pptx-default.pptx", "german-layout-names.pptx", "dark-master.pptx"} <= names


def test_every_deck_has_about_the_default_number_of_slides(corpus):
    default = corpus["default"][2].pages
    for name, (_, deck, result, pages) in corpus.items():
        assert len(Presentation(str(deck)).slides) == result.pages == len(pages), name
        assert abs(result.pages - default) <= 2, (name, result.pages, default)


def test_no_rendered_word_is_off_the_slide_or_overlaps_another(corpus):
    for name, (_, _, _, pages) in corpus.items():
        for number, (width, height, words) in enumerate(pages, start=1):
            for x0, y0, x1, y1, text in words:
                assert x0 >= -0.5 and y0 >= -0.5 and x1 <= width + 0.5 and y1 <= height + 0.5, (name, number, text)
            assert overlapping_words(words) == [], (name, number)


def test_the_marking_is_on_every_slide_top_and_bottom(corpus):
    for name, (_, _, _, pages) in corpus.items():
        for number, (_, height, words) in enumerate(pages, start=1):
            marks = [y0 for _, y0, _, _, text in words if text == MARKING]
            assert any(y < height / 4 for y in marks) and any(y > height * 3 / 4 for y in marks), (name, number)


def test_runs_are_set_in_the_templates_theme_fonts(corpus):
    for name, (template, deck, _, _) in corpus.items():
        if template is None:
            continue
        _, design = open_template(template)
        master = design.content_master
        allowed = {master.heading_ref, master.body_ref, design.title_master.heading_ref, design.title_master.body_ref}
        with zipfile.ZipFile(deck) as package:
            for part in package.namelist():
                if part.startswith("ppt/slides/slide") and part.endswith(".xml"):
                    root = etree.fromstring(package.read(part))
                    faces = {e.get("typeface") for e in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}latin")}
                    assert faces and faces <= allowed, (name, part, faces - allowed)


def test_every_deck_is_a_sound_package(corpus):
    for name, (_, deck, _, _) in corpus.items():
        assert opc_problems(deck) == [], name


def _word_contrast(image, box, scale: float) -> float:
    """Contrast of a rendered word: its most contrasting pixel against the commonest colour on the
    box's edge (the background). Anti-aliasing only lowers it, so it never flatters the deck."""
    from briefing.deck.contrast import ratio

    x0, y0, x1, y1 = (round(v * scale) for v in box)
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    background = _word_background(image, box, scale)
    colours = [colour for _, colour in image.crop((x0, y0, x1, y1)).getcolors(1 << 16) or []]
    darkest, lightest = min(colours, key=_luminance), max(colours, key=_luminance)  # the extremes hold the maximum
    return max(ratio("{:02X}{:02X}{:02X}".format(*darkest), background), ratio("{:02X}{:02X}{:02X}".format(*lightest), background))


def _word_background(image, box, scale: float) -> str:
    """The RRGGBB really behind a rendered word: the commonest colour on its box's top and bottom edges."""
    from collections import Counter

    x0, y0, x1, y1 = (round(v * scale) for v in box)
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    edge = Counter()
    for row in (y0, y1 - 1):
        for count, colour in image.crop((x0, row, x1, row + 1)).getcolors(4096) or []:
            edge[colour] += count
    return "{:02X}{:02X}{:02X}".format(*edge.most_common(1)[0][0])


@functools.cache
def _luminance(colour: tuple[int, int, int]) -> float:
    from briefing.deck.contrast import luminance

    return luminance("{:02X}{:02X}{:02X}".format(*colour))


def test_every_word_we_set_contrasts_at_least_4_5_to_1_with_what_is_behind_it(corpus, tmp_path):
    from PIL import Image

    dpi = 100
    for name, (template, deck, _, pages) in corpus.items():
        if name.endswith(".potx"):
            continue  # its slides are the .pptx's (test_a_potx_gives_the_same_slides_as_its_pptx)
        out = tmp_path / name.replace(".", "-")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(deck.with_suffix(".pdf")), str(out)], check=True)
        images = sorted(tmp_path.glob(out.name + "-*.png"))
        numbered_by_master = [s.slide_layout for s in Presentation(str(deck)).slides]
        _, design = open_template(template) if template else (None, None)
        for number, ((_, _, words), png, layout) in enumerate(zip(pages, images, numbered_by_master), start=1):
            template_numbers = design is not None and any(
                candidate.draws_number for candidate in design.layouts if candidate.layout.part.partname == layout.part.partname)
            with Image.open(png) as image:
                rgb = image.convert("RGB")
                for x0, y0, x1, y1, text in words:
                    if len(text) < 2 or not any(ch.isalnum() for ch in text):
                        continue  # a lone glyph or a dot is mostly anti-aliased edge at this resolution
                    if template_numbers and text == str(number):
                        continue  # the template's own slide-number field, not a run of ours
                    assert _word_contrast(rgb, (x0, y0, x1, y1), dpi / 72) >= 4.5, (name, number, text)


def test_a_marking_on_the_templates_footer_strip_is_set_on_the_strip_without_a_card(corpus, tmp_path):
    """Midnightblue's content slides end in a navy strip lower than the marking band: the bottom
    marking sits on the strip, legible on it, as part of the design (it used to straddle the strip's
    edge and get a white card across it)."""
    from PIL import Image

    from briefing.deck.contrast import ratio

    strip = "2C3E50"  # the template's own footer strip (its master's dk2-coloured rectangle)
    dpi = 100
    for name in ("Midnightblue.pptx", "Midnightblue.potx"):
        _, deck, _, pages = corpus[name]
        for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
            assert "Text backing" not in [shape.name for shape in slide.shapes], (name, number)
        out = tmp_path / name.replace(".", "-")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(deck.with_suffix(".pdf")), str(out)], check=True)
        on_strip = 0
        for (_, height, words), png in zip(pages, sorted(tmp_path.glob(out.name + "-*.png")), strict=True):
            with Image.open(png) as image:
                rgb = image.convert("RGB")
                for box in [w[:4] for w in words if w[4] == MARKING and w[1] > height * 3 / 4]:
                    background = _word_background(rgb, box, dpi / 72)
                    assert _word_contrast(rgb, box, dpi / 72) >= 4.5, (name, png.name)
                    on_strip += ratio(background, strip) < 1.1  # the navy strip, not a white card
        assert on_strip >= len(pages) - 1, (name, on_strip, len(pages))  # all but the title slide's other master


def test_a_potx_gives_the_same_slides_as_its_pptx(corpus):
    """Our slides are byte for byte the same (the template parts are LibreOffice's two serialisations)."""
    for name, (_, deck, _, _) in corpus.items():
        if not name.endswith(".potx"):
            continue
        twin = corpus[name[: -len(".potx")] + ".pptx"][1]
        with zipfile.ZipFile(deck) as a, zipfile.ZipFile(twin) as b:
            slides = sorted(n for n in a.namelist() if n.startswith("ppt/slides/"))
            assert slides and slides == sorted(n for n in b.namelist() if n.startswith("ppt/slides/"))
            assert all(a.read(n) == b.read(n) for n in slides), name


def test_a_bare_layout_name_pins_the_layout_of_the_master_the_deck_uses_for_that_kind(corpus, example_brief, tmp_path):
    """LibreOffice names its title master's and its content masters' layouts alike: 'Title, 2 Content'
    for the bottom line is the content master's, for the title slide the title master's."""
    template = corpus["Vintage.pptx"][0]
    design = open_template(template)[1]
    assert design.title_master is not design.content_master
    mapping = tmp_path / "map.yaml"
    mapping.write_text("title: Title, 2 Content\nbottom_line: Title, 2 Content\n", encoding="utf-8")
    deck = render_pptx(open_document(example_brief).build(), template, tmp_path / "deck.pptx", layouts=mapping).path
    prs = Presentation(str(deck))
    masters = [m.part for m in prs.slide_masters]
    pinned = [(s.slide_layout.name, masters.index(s.slide_layout.slide_master.part)) for s in list(prs.slides)[:2]]
    assert pinned == [("Title, 2 Content", design.title_master.index), ("Title, 2 Content", design.content_master.index)]
