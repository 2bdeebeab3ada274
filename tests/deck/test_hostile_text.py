"""Untrusted text stays text: markup, control characters, right-to-left scripts, CJK, emoji, links."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from deck_helpers import make_brief, make_finding, make_summary, notes_texts, slide_texts, xml_parts
from pptx import Presentation

from briefing.dates import PartialDate
from briefing.deck import render_pptx
from briefing.model import TimelineEvent

URDU = "\u0639\u0645\u0631\u0627\u0646 \u062e\u0627\u0646 \u0646\u06d2 \u06a9\u06c1\u0627"  # عمران خان نے کہا
ARABIC = "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"
CJK = "\u4e2d\u6587\u6587\u672c\uff0c\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"
EMOJI = "\U0001f600\U0001f44d\U0001f3fd"
MARKUP = "<b>bold?</b> &amp; {{field}} ]]> <a:t>x</a:t>"


@pytest.fixture(scope="module")
def hostile_deck(tmp_path_factory):
    finding = make_finding(
        "hostile",
        title=f"{MARKUP}\ttab\x0bvertical\x07bell",
        statement=f"{URDU}\n{ARABIC} text\n{CJK} {EMOJI}\ncarriage\rreturn\r\nand\x00null",
        quotes=(URDU, f"English with {URDU} inside it", CJK),
    )
    summary = make_summary(
        [finding],
        timeline=[TimelineEvent(PartialDate(2025, 1), f"{URDU} {EMOJI}")],
        url="javascript:alert(document.cookie)",
    )
    brief = make_brief(summary, marking=f"secret {URDU}", notes={"hostile": f"note {MARKUP}\x0b{EMOJI}"})
    # Straight from code (not the loader): control characters in document properties too.
    brief = replace(brief, title=f"Brief\x0btitle {MARKUP}", author="Desk\x07 " + "x" * 300)
    path = tmp_path_factory.mktemp("hostile") / "hostile.pptx"
    return path, render_pptx(brief, None, path)


def test_markup_is_written_as_literal_text(hostile_deck):
    path, _ = hostile_deck
    texts = slide_texts(path)
    assert MARKUP in texts[2]
    assert "<b>bold?</b>" in notes_texts(path)[2]


def test_control_characters_never_become_x000b_debris_or_a_crash(hostile_deck):
    path, _ = hostile_deck
    for name, xml in xml_parts(path).items():
        assert not re.search(r"_x[0-9A-Fa-f]{4}_", xml), name
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), name
    prs = Presentation(str(path))
    assert prs.slides[2].shapes.title.text_frame.text == f"{MARKUP} tab vertical bell"
    assert prs.slides[0].shapes.title.text_frame.text == f"Brief title {MARKUP}"
    assert prs.core_properties.title == f"Brief title {MARKUP}"
    assert len(prs.core_properties.author) == 255
    assert "carriage" in slide_texts(path)[2] and "return" in slide_texts(path)[2]


def test_right_to_left_runs_are_marked_and_cjk_and_emoji_survive(hostile_deck):
    path, _ = hostile_deck
    text = slide_texts(path)[2]
    for piece in (URDU, ARABIC, CJK, EMOJI):
        assert piece in text
    xml = xml_parts(path)["ppt/slides/slide3.xml"]
    assert re.search(r'<a:pPr[^>]*algn="r"[^>]*rtl="1"', xml), "an Urdu paragraph is right-to-left"
    assert 'lang="ur-PK"' in xml and 'lang="ar-SA"' in xml
    mixed = re.search(r"<a:p>(?:(?!</a:p>).)*English with(?:(?!</a:p>).)*</a:p>", xml).group(0)
    assert 'rtl="1"' not in mixed.split("<a:r>")[0], "an English paragraph stays left-to-right"
    assert re.search(r'<a:rPr lang="ur-PK"[^>]*>(?:(?!</a:r>).)*<a:t>' + re.escape(URDU) + "</a:t>", mixed)


def test_only_http_https_and_mailto_become_links(hostile_deck, tmp_path):
    path, result = hostile_deck
    rels = "".join(xml for name, xml in xml_parts(path).items() if name.endswith(".rels"))
    assert "javascript" not in rels
    assert "javascript:alert(document.cookie)" in slide_texts(path)[-2]
    assert any("javascript" in w for w in result.warnings)
    safe = make_brief(make_summary([make_finding("a")], url="https://example.org/a?b=1&c=2"))
    render_pptx(safe, None, tmp_path / "safe.pptx")
    targets = re.findall(r'Target="([^"]+)" TargetMode="External"', "".join(xml_parts(tmp_path / "safe.pptx").values()))
    assert targets == ["https://example.org/a?b=1&amp;c=2"]
