"""An organisation pins layouts (--layouts map.yaml); template-info shows what the deck reads and would use."""

from __future__ import annotations

import pytest
from deck_helpers import make_brief, make_finding, make_summary
from pptx import Presentation

from briefing.cli import main
from briefing.deck import render_pptx
from briefing.diagnostics import BriefingError


@pytest.fixture(scope="module")
def brief():
    return make_brief(make_summary([make_finding("a", key=True), make_finding("b")]))


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "org.pptx"
    Presentation().save(str(path))  # python-pptx's default: "Title Slide", "Title and Content", "Title Only", ...
    return path


def test_a_mapping_pins_the_layout_of_each_kind_of_slide(brief, template, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("finding: Two Content\ntimeline: title only\n", encoding="utf-8")
    result = render_pptx(brief, template, tmp_path / "deck.pptx", layouts=mapping)
    layouts = [s.slide_layout.name for s in Presentation(str(result.path)).slides]
    assert layouts[0] == "Title Slide" and layouts[2:4] == ["Two Content", "Two Content"]


@pytest.mark.parametrize(("text", "where", "message"), [
    ("findings: Title Only\n", "1:1", "'findings' is not a kind of slide; did you mean 'finding'?"),
    ("finding: [Title Only]\n", "1:10", "'finding' needs a layout name"),
    ("title: Title Slide\nfinding: Titel und Inhalt\n", "2:10", "the template has no layout 'Titel und Inhalt'"),
    ("- finding\n", "1:1", "a layout mapping is a mapping of slide kinds to layout names"),
    ("finding: Blank\n", "1:10", "layout 'Blank' has no title placeholder wider than it is tall, and finding slides need one"),
])
def test_a_mistake_in_the_mapping_is_one_located_line(brief, template, tmp_path, text, where, message):
    mapping = tmp_path / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        render_pptx(brief, template, tmp_path / "deck.pptx", layouts=mapping)
    assert str(caught.value).startswith(f"{mapping}:{where}: {message}")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "deck.pptx").exists()


def test_export_refuses_a_bad_mapping_before_writing_anything(template, tmp_path, example_brief, capsys):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("closing: Nowhere\n", encoding="utf-8")
    code = main(["export", str(example_brief), "-f", "pptx", "-o", str(tmp_path / "out"), "--template", str(template),
                 "--layouts", str(mapping)])
    err = capsys.readouterr().err
    assert code != 0 and "the template has no layout 'Nowhere'" in err and f"{mapping}:1:10" in err
    assert not list((tmp_path / "out").glob("*.pptx")) if (tmp_path / "out").exists() else True


def test_template_info_lists_masters_layouts_fonts_colours_and_the_mapping(template, capsys):
    assert main(["template-info", str(template)]) == 0
    out = capsys.readouterr().out
    assert f"{template}: page 10.00 x 7.50 in (type and grid scaled x0.75), 1 master(s), 11 layout(s)" in out
    assert "fonts: headings 'Calibri' (+mj-lt), body 'Calibri' (+mn-lt)" in out
    assert "theme colours: dk1 #000000 lt1 #FFFFFF dk2 #1F497D" in out
    assert "layout 'Title and Content' (obj, content): title" in out
    for role, layout in (("title", "Title Slide"), ("finding", "Title and Content"), ("timeline", "Title Only")):
        assert any(line.startswith(f"  {role:<12} master 1 / '{layout}'") for line in out.splitlines()), role


def test_template_info_refuses_a_pinned_layout_without_a_title_in_one_line(template, tmp_path, capsys):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("title: Title Slide\nfinding: Blank\n", encoding="utf-8")
    assert main(["template-info", str(template), "--layouts", str(mapping)]) != 0
    err = capsys.readouterr().err
    assert err.startswith(f"{mapping}:2:10: layout 'Blank' has no title placeholder") and err.count("\n") == 1


def test_titles_keep_the_deck_styles_capitals_on_a_layout_that_sets_capitals(brief, template, tmp_path):
    """PowerPoint's Section Header title has cap="all": inherited, it would widen a title past what was measured."""
    mapping = tmp_path / "map.yaml"
    mapping.write_text("finding: Section Header\n", encoding="utf-8")
    result = render_pptx(brief, template, tmp_path / "deck.pptx", layouts=mapping)
    slides = [s for s in Presentation(str(result.path)).slides if s.slide_layout.name == "Section Header"]
    layout_caps = slides[0].slide_layout.placeholders[0]._element.xpath(".//a:defRPr/@cap")
    assert layout_caps == ["all"]  # what the template asks of the placeholder
    runs = [r for s in slides for p in s.shapes.title.text_frame.paragraphs for r in p.runs]
    assert runs and {r.font._rPr.get("cap") for r in runs} == {"none"}
    assert all(r.text != r.text.upper() for r in runs)  # set as written, not in capitals


def test_a_pinned_layout_with_a_caption_sized_text_area_is_warned_about(brief, template, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("bottom_line: Picture with Caption\nfinding: Two Content\n", encoding="utf-8")
    result = render_pptx(brief, template, tmp_path / "deck.pptx", layouts=mapping)
    cramped = [w for w in result.warnings if "under half of" in w]
    assert len(cramped) == 1, result.warnings
    assert cramped[0].startswith("layout 'Picture with Caption' pinned for bottom line slides holds text in ")
    assert "'Title and Content' (9.0 × 4.9 in)" in cramped[0]


def test_a_two_content_layout_gives_findings_both_of_its_text_areas(brief, template, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("finding: Two Content\n", encoding="utf-8")
    result = render_pptx(brief, template, tmp_path / "deck.pptx", layouts=mapping)
    slide = next(s for s in Presentation(str(result.path)).slides if s.slide_layout.name == "Two Content")
    left, right = (p for p in slide.slide_layout.placeholders if p.placeholder_format.idx in (1, 2))
    texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()
             and left.top <= s.top and s.top + s.height <= left.top + left.height]  # the body's text, not title or banners
    assert min(s.left for s in texts) < left.left + left.width  # text in the left area
    assert max(s.left + s.width for s in texts) > right.left + right.width // 2  # and well into the right one
    assert not any(w for w in result.warnings if "under half of" in w)
