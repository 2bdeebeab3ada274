"""One style system: the deck's style and the PDF's sheets share inheritance, units and located errors."""

from __future__ import annotations

import re

import pytest

from briefing.deck import style as deck_style
from briefing.deck.style import EMU_PER_POINT
from briefing.diagnostics import BriefingError
from briefing.pdf import stylesheet as pdf_style


def _deck_child(tmp_path, text: str):
    path = tmp_path / "deck.yaml"
    path.write_text("parent: style\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["12pt", "25mm", "2.5cm", "1in", "0.6in", "14", " 3.5 mm "])
def test_deck_and_pdf_read_a_length_alike(tmp_path, written):
    deck = deck_style.load_style(_deck_child(tmp_path, f"grid:\n  margin: '{written}'\n"))
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(f"parent: default\npage:\n  header: '{written}'\n", encoding="utf-8")
    points = pdf_style.load_style(sheet).page["header"]
    assert deck.length("grid.margin") == round(points * EMU_PER_POINT)


def test_a_deck_style_inherits_and_overrides(tmp_path):
    shipped = deck_style.load_style()
    deck = deck_style.load_style(_deck_child(tmp_path, "text:\n  body: {size: 18}\nwords:\n  closing: Fin\n"))
    assert deck.text("body").size == 18 and deck.text("body").min == shipped.text("body").min
    assert deck.text("statement").size == 18  # a child text style follows its parent's new size
    assert deck.word("closing") == "Fin" and deck.word("timeline") == shipped.word("timeline")
    assert deck.length("grid.margin") == shipped.length("grid.margin")


BAD_DECK_STYLES = [
    ("grid:\n  margin: 0.6inch\n", r"'grid.margin' is '0.6inch'; expected a length such as 12pt, 25mm or 1in", 3),
    ("text:\n  body: {colour: text}\n", r"unknown key 'colour' in text.body; did you mean 'color'\?", 3),
    ("text:\n  body: {color: ink}\n", r"unknown colour 'ink'", 3),
    ("text:\n  title: {parent: headline}\n", r"unknown text style 'headline'", 3),
    ("palette:\n  accent: {theme: accent_9}\n", r"'accent_9' is not a theme colour", 3),
    ("columns:\n  finding: [0.4, lots]\n", r"'columns.finding' is 'lots'; expected a number", 3),
    ("words:\n  closing: [a, b]\n", r"'words.closing' must be text", 3),
    ("grids:\n  margin: 1in\n", r"unknown section 'grids'; did you mean 'grid'\?", 2),
    ("badge:\n  line: true\n", r"'badge.line' must be a number", 3),
]


@pytest.mark.parametrize(("content", "message", "line"), BAD_DECK_STYLES)
def test_a_bad_deck_style_is_one_located_error(tmp_path, content, message, line):
    path = _deck_child(tmp_path, content)
    with pytest.raises(BriefingError) as caught:
        deck_style.load_style(path)
    text = str(caught.value)
    assert len(text.splitlines()) == 1
    assert re.match(rf"^{re.escape(str(path))}:{line}:\d+: ", text), text
    assert re.search(message, text), text


def test_deck_styles_that_inherit_in_a_loop(tmp_path):
    (tmp_path / "a.yaml").write_text("parent: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("parent: a.yaml\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"b\.yaml:1:9: style sheets inherit from each other in a loop"):
        deck_style.load_style(tmp_path / "a.yaml")


def test_text_styles_that_inherit_in_a_loop(tmp_path):
    path = _deck_child(tmp_path, "text:\n  body: {parent: statement}\n")
    with pytest.raises(BriefingError, match=r"text styles inherit in a loop: body -> statement -> body"):
        deck_style.load_style(path)


def test_a_changed_style_file_is_read_again(tmp_path):
    path = _deck_child(tmp_path, "text:\n  body: {size: 18}\n")
    first = deck_style.load_style(path)
    assert deck_style.load_style(path) is first
    path.write_text("parent: style\ntext:\n  body: {size: 19.5}\n", encoding="utf-8")
    assert deck_style.load_style(path).text("body").size == 19.5


def test_a_style_file_changed_to_the_same_size_and_modification_time_is_read_again(tmp_path):
    """An edit that keeps the file's size and modification time (an editor or a copy that keeps times,
    or two writes within one tick of the file system's clock) still changes its status-change time,
    which a program cannot put back; the app's export process used the style it had kept. Found by
    the red team."""
    import os

    path = _deck_child(tmp_path, "text:\n  body: {size: 18}\n")
    before = path.stat()
    assert deck_style.load_style(path).text("body").size == 18
    path.write_text("parent: style\ntext:\n  body: {size: 17}\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert deck_style.load_style(path).text("body").size == 17
