"""What PowerPoint's accessibility checker asks of every deck: titles, alt text, reading order, languages."""

from __future__ import annotations

import zipfile

from deck_helpers import long_brief, make_brief, make_finding, make_summary
from lxml import etree
from pptx import Presentation

from briefing.deck import render_pptx

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _check(path):
    prs = Presentation(str(path))
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else None for slide in prs.slides]
    assert None not in titles and all(t.strip() for t in titles)
    assert len(set(titles)) == len(titles), [t for t in titles if titles.count(t) > 1]
    with zipfile.ZipFile(path) as package:
        for n in range(1, len(prs.slides) + 1):
            tree = etree.fromstring(package.read(f"ppt/slides/slide{n}.xml")).find(f"{P}cSld/{P}spTree")
            shapes = [s for s in tree if s.tag in (f"{P}sp", f"{P}grpSp", f"{P}cxnSp", f"{P}pic")]
            # Reading order: the title first, the marking and the slide number last.
            names = [s.find(f".//{P}cNvPr").get("name") for s in shapes]
            assert names[0].startswith("Title") or names[0] == "Text backing", names[:2]
            tail = [name for name in names if name.startswith("Marking") or name == "Slide Number"]
            assert names[len(names) - len(tail):] == tail, names
            for shape in shapes:
                props = shape.find(f".//{P}cNvPr")
                has_text = any((t.text or "").strip() for t in shape.iter(f"{A}t"))
                if shape.tag == f"{P}sp" and has_text:
                    continue
                assert props.get("descr") or props.find(f".//{DECORATIVE}") is not None, (n, props.get("name"))
            for run in tree.iter(f"{A}r"):
                assert run.find(f"{A}rPr").get("lang"), (n, run.findtext(f"{A}t"))


def test_the_example_deck_passes_the_accessibility_rules(example_deck):
    _check(example_deck)


def test_continuation_slides_are_titled_2_of_n(tmp_path):
    path = render_pptx(long_brief(), None, tmp_path / "long.pptx").path
    _check(path)
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]
    assert any(t.endswith(" (2 of 2)") or t.endswith(" (2 of 3)") for t in titles)


def test_urdu_runs_are_tagged_ur_pk_and_the_rest_with_the_briefs_language(tmp_path):
    urdu = "\u067e\u0627\u06a9\u0633\u062a\u0627\u0646 \u06a9\u06d2 \u0633\u0627\u062a\u06be"
    brief = make_brief(make_summary([make_finding("a", statement=f"English words, then {urdu}.")]))
    path = render_pptx(brief, None, tmp_path / "ur.pptx").path
    _check(path)
    with zipfile.ZipFile(path) as package:
        runs = [r for n in package.namelist() if n.startswith("ppt/slides/slide")
                for r in etree.fromstring(package.read(n)).iter(f"{A}r")]
    langs = {r.findtext(f"{A}t"): r.find(f"{A}rPr").get("lang") for r in runs}
    assert langs[urdu] == "ur-PK"
    assert {lang for text, lang in langs.items() if text != urdu} == {brief.language}


def test_badge_and_timeline_have_alt_text_in_words(example_deck):
    with zipfile.ZipFile(example_deck) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.startswith("ppt/slides/slide"))
    assert b'name="Judgment badge" descr="' in xml and b"confidence" in xml
    assert b'descr="Timeline of ' in xml
