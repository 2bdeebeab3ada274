"""Every script shown in the app's own panes: Urdu and emoji with real glyphs (no .notdef boxes),
control characters as visible pictures (never U+FFFD), quotes never doubled.

(The loader itself makes escaped control characters a line break or a space, never U+FFFD;
controls typed or pasted into the app are shown as pictures here.)"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout

pytestmark = pytest.mark.gui

URDU = "\u067e\u0627\u06a9\u0633\u062a\u0627\u0646 \u0627\u0648\u0631 \u0627\u0645\u0631\u06cc\u06a9\u06c1"  # "Pakistan and America"
EMOJI = "\U0001f4c8"  # chart increasing


@pytest.fixture
def many_scripts(tmp_path):
    path = tmp_path / "scripts.yaml"
    path.write_text(
        "format: summary/1\nsource: {title: T}\nheadline: H\nbluf: B\n"
        "findings:\n"
        f'  - id: f1\n    title: "{URDU} {EMOJI}"\n    statement: "{URDU}\\x7f delete\\x85 next line"\n'
        f'    evidence: [{{quote: "\u201c{URDU}\u201d", paragraph: 1}}, {{quote: "plain words", paragraph: 2}}]\n',
        encoding="utf-8",
    )
    return path


def notdef_glyphs(layout: QTextLayout) -> int:
    """Glyph index 0 is .notdef: the empty box a font draws for a character it lacks."""
    return sum(list(run.glyphIndexes()).count(0) for run in layout.glyphRuns())


def laid_out(text: str, font) -> QTextLayout:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100000)
    layout.endLayout()
    return layout


def test_urdu_and_emoji_show_with_real_glyphs_in_the_detail_pane_and_the_list(window, open_in, many_scripts, tmp_path):
    from briefing_gui.findings import FindingsModel

    open_in(window, many_scripts)
    window.findings.show_finding("f1")
    details = window.finding.details
    document = details.document()
    block = document.begin()
    checked = 0
    while block.isValid():
        checked += len(block.text())
        assert notdef_glyphs(block.layout()) == 0, block.text()
        block = block.next()
    assert URDU in details.toPlainText() and checked > 40

    title = window.findings.proxy.index(0, FindingsModel.TITLE).data()
    assert notdef_glyphs(laid_out(title, window.findings.view.font())) == 0
    assert notdef_glyphs(laid_out(window.finding.title.text(), window.finding.title.font())) == 0

    image = details.grab().toImage()  # the pane as drawn: ink where the Urdu line is
    image.save(str(tmp_path / "details.png"))
    assert not image.isNull() and image.width() > 100


def test_control_characters_are_shown_as_pictures_never_as_replacement_marks(window, open_in, many_scripts):
    open_in(window, many_scripts)
    window.findings.show_finding("f1")
    text = window.finding.details.toPlainText()
    assert "\ufffd" not in text and "\x7f" not in text and "\x85" not in text
    # The loader (briefing.text.clean) makes DEL a space and NEL a line break, merged with the spaces beside
    # them (one space, not two): the app shows what it gives.
    assert f"{URDU} delete\nnext line" in text
    from briefing_gui.fonts import visible

    assert visible("a\x07b\x1bc\td\ne") == "a\u2407b\u241bc\td\ne"  # typed or pasted C0 controls too


def test_quotes_that_carry_their_own_marks_are_not_doubled(window, open_in, many_scripts):
    open_in(window, many_scripts)
    window.findings.show_finding("f1")
    text = window.finding.details.toPlainText()
    assert "\u201c\u201c" not in text and "\u201d\u201d" not in text
    assert f"\u201c{URDU}\u201d" in text and "\u201cplain words\u201d" in text
