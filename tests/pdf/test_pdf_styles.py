"""Style sheets: picked by name or path, inherited with parent:, and wrong ones explained at FILE:LINE:COL."""

from __future__ import annotations

import os
import re
import textwrap

import pytest
from pdf_helpers import check_pdf, page_texts
from pypdf import PdfReader

from briefing.diagnostics import BriefingError
from briefing.formats.load import open_document
from briefing.pdf import load_style, render_pdf, style_names
from briefing.resources import data_path


def test_shipped_styles():
    assert {"default", "letter"} <= set(style_names())
    assert load_style(None) is load_style("default")  # unchanged sheets are read once


@pytest.mark.parametrize(("style", "size"), [(None, (595.3, 841.9)), ("default", (595.3, 841.9)), ("letter", (612.0, 792.0))])
def test_style_picks_the_page_size(example_brief, tmp_path, style, size):
    out = tmp_path / "brief.pdf"
    result = render_pdf(open_document(example_brief).build(), style, out)
    check_pdf(out)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == size
    assert f"Page 1 of {result.pages}" in page_texts(out)[0]


def test_a_sheet_by_path_inherits_from_its_parent(example_brief, tmp_path):
    sheet = tmp_path / "house.yaml"
    sheet.write_text(textwrap.dedent("""\
        parent: letter
        colours: {accent: "#7a1f1f"}
        paragraphs:
          body: {size: 10.5, leading: 14}
        labels: {bottom_line: "BLUF"}
    """), encoding="utf-8")
    style = load_style(sheet)
    assert style.page_size == (612.0, 792.0)  # from letter
    assert style.paragraphs["body"].size == 10.5
    assert style.paragraphs["bluf"].size == load_style("default").paragraphs["bluf"].size  # body's child keeps its own
    assert style.paragraphs["note"].leading == load_style("default").paragraphs["note"].leading
    assert style.paragraphs["heading"].colour.hexval() == "0x7a1f1f"  # accent, by name
    out = tmp_path / "house.pdf"
    render_pdf(open_document(example_brief).build(), str(sheet), out)
    check_pdf(out)
    assert "BLUF" in page_texts(out)[0]


def test_renderer_holds_no_style_literals():
    """Sizes, colours and fonts come from the sheet: the renderer's modules name none."""
    package = data_path("templates").parent / "briefing" / "pdf"
    for module in ("story.py", "render.py", "timeline.py", "panel.py", "bidi.py", "typeset.py"):
        code = (package / module).read_text(encoding="utf-8")
        assert not re.search(r"#[0-9a-fA-F]{6}\b", code), module
        assert "Helvetica" not in code and "NotoSans" not in code, module


BAD_SHEETS = [
    ("paragraphs:\n  body:\n    size: [11\n", r"YAML syntax error", 4),
    ("parent: default\nparagraphs:\n  body:\n    colr: ink\n", r"unknown key 'colr' in paragraphs.body; did you mean 'colour'\?", 4),
    ("parent: default\ncolours:\n  accent: blue\n", r"colour 'accent' is 'blue'; write it as \"#rrggbb\"", 3),
    ("parent: default\nparagraphs:\n  title:\n    parent: headline\n", r"unknown paragraph style 'headline'", 4),
    # a mapping or a list as a paragraph style's parent raised TypeError (unhashable); found by the fuzz pass
    ("parent: default\nparagraphs:\n  title:\n    parent: {}\n", r"'parent' must be the name of a paragraph style", 4),
    ("parent: default\nparagraphs:\n  title:\n    parent: [body]\n", r"'parent' must be the name of a paragraph style", 4),
    ("parent: default\npage:\n  size: A5\n", r"page size 'A5' is not A4, Letter", 3),
    ("parent: default\npage:\n  margins: {left: 3furlongs}\n", r"expected a length such as 12pt, 25mm or 1in", 3),
    ("parent: default\nparagraphs:\n  body: {font: comic}\n", r"unknown font family 'comic'", 3),
    ("parent: nosuch\n", r"no such PDF style; known styles: .*default", 1),
    ("parent: default\ncomponents:\n  bluf: {padding: -}\n", r"expected a length", 3),
    ("parent: default\nstyles: {}\n", r"unknown section 'styles'", 2),
    # a conflict with the parent's values is blamed on the value this sheet changed
    ("parent: default\npage:\n  margins: {top: 400mm}\n", r"margins leave too little room for text", 3),
    ("parent: default\nparagraphs:\n  body:\n    size: 900\n", r"paragraph style 'body': leading must be at least", 4),
    ("parent: default\nfonts:\n  families:\n    sans: {regular: NoSuchFont-Regular.ttf}\n", r"font file not found", 4),
    # a name longer than a file name may be made Path.is_file raise OSError; found by the hostile-input pass
    ("parent: default\nfonts:\n  families:\n    sans: {regular: " + "x" * 300 + ".ttf}\n", r"font file not found", 4),
    # a page or margins this sheet changed make the parent's paragraph sizes too large (was default.yaml's line)
    ("parent: default\npage:\n  size: [320, 900]\n", r"paragraph style 'body': size 11 is too large", 3),
    ("parent: default\npage:\n  margins: {left: 230pt, right: 230pt}\n", r"paragraph style 'title': size 21 is too large", 3),
    ("parent: default\npage:\n  size: [600, 216]\n", r"paragraph style 'title': leading 25.5 is too large", 3),
]


@pytest.mark.parametrize(("content", "message", "line"), BAD_SHEETS)
def test_bad_style_sheet_is_one_located_error(example_brief, tmp_path, content, message, line):
    sheet = tmp_path / "bad.yaml"
    sheet.write_text(content, encoding="utf-8")
    out = tmp_path / "never.pdf"
    with pytest.raises(BriefingError) as caught:
        render_pdf(open_document(example_brief).build(), sheet, out)
    text = str(caught.value)
    assert len(text.splitlines()) == 1
    assert re.match(rf"^{re.escape(str(sheet))}:{line}:\d+: ", text), text
    assert re.search(message, text), text
    assert not out.exists()


def test_sheets_that_inherit_in_a_loop(tmp_path):
    (tmp_path / "a.yaml").write_text("parent: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("parent: a.yaml\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"b\.yaml:1:9: style sheets inherit from each other in a loop"):
        load_style(tmp_path / "a.yaml")


def test_unknown_style_name():
    with pytest.raises(BriefingError, match=r"^leter: no such PDF style; known styles: .*; did you mean 'letter'\?$"):
        load_style("leter")


def test_a_missing_font_file_is_named(example_brief, tmp_path):
    sheet = tmp_path / "fonts.yaml"
    sheet.write_text("parent: default\nfonts:\n  families:\n    sans: {regular: NoSuchFont-Regular.ttf}\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"font family 'sans': font file not found \(NoSuchFont-Regular.ttf\)"):
        render_pdf(open_document(example_brief).build(), sheet, tmp_path / "never.pdf")


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_parent_that_is_not_a_regular_file_is_named_as_such(tmp_path, kind):
    target = tmp_path / "house.yaml"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    sheet = tmp_path / "child.yaml"
    sheet.write_text("parent: house.yaml\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"child\.yaml:1:9: parent style sheet 'house.yaml' is not a regular file"):
        load_style(sheet)
