"""The bundled example brief as a deck, read back with python-pptx."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

from deck_helpers import flat, notes_texts, slide_texts, xml_parts
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.formats.load import open_document
from briefing.icd203 import LIKELIHOOD_TERMS


def test_slides_come_in_order_title_bottom_line_findings_timeline_sources_closing(example_deck, example_brief):
    brief = open_document(example_brief).build()
    prs = Presentation(str(example_deck))
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert titles[0] == brief.title
    assert titles[1] == brief.headline
    assert titles[2 : 2 + len(brief.findings)] == [f.headline for f in brief.findings]
    assert layouts == ["Title", "Bottom line", *["Finding"] * len(brief.findings), "Timeline", "Timeline", "Sources", "Closing"]
    assert titles[-2] == "Source and evidence"


def test_finding_slides_carry_statement_evidence_with_paragraphs_actors_and_badge_words(example_deck, example_brief):
    brief = open_document(example_brief).build()
    texts = slide_texts(example_deck)
    for finding, text in zip(brief.findings, texts[2:]):
        shown = flat(text)
        assert flat(finding.statement) in shown
        for item in finding.evidence:
            assert flat(item.quote) in shown
            assert f"\u00b6\u00a0{item.paragraph}" in text
        for actor in finding.actors:
            assert actor.name in text
        if finding.likelihood:
            assert finding.likelihood.capitalize() in text
        if finding.confidence:
            assert f"{finding.confidence.capitalize()} confidence" in text


def test_bottom_line_holds_the_bluf_and_key_judgments_in_icd203_words(example_deck, example_brief):
    brief = open_document(example_brief).build()
    text = flat(slide_texts(example_deck)[1])
    assert flat(brief.bluf) in text
    assert brief.key_judgments
    for n, finding in enumerate(brief.key_judgments, start=1):
        assert f"{n}\u2002{finding.headline}" in text  # number, en space, headline
    assert "Likely (55\u201380%) \u00b7 high confidence" in text


def test_speaker_notes_hold_the_analysts_note_and_the_full_evidence(example_deck, example_brief):
    brief = open_document(example_brief).build()
    notes = notes_texts(example_deck)
    for finding, note in zip(brief.findings, notes[2:]):
        said = flat(note)
        assert flat(finding.note) in said
        for item in finding.evidence:
            assert f"\u201c{flat(item.quote)}\u201d ({item.citation})" in said
    assert "Dar meets Rubio in Washington" in " ".join(notes)


def test_no_notes_leaves_the_analysts_notes_out_but_keeps_the_evidence(tmp_path, example_brief):
    brief = open_document(example_brief).build()
    path = tmp_path / "plain.pptx"
    render_pptx(brief, None, path, include_notes=False)
    notes = " ".join(flat(n) for n in notes_texts(path))
    for finding in brief.findings:
        assert flat(finding.note) not in notes
        for item in finding.evidence:
            assert flat(item.quote) in notes


def test_every_slide_has_the_marking_top_and_bottom_and_a_slide_number(example_deck, example_brief):
    marking = open_document(example_brief).build().marking.upper()
    prs = Presentation(str(example_deck))
    for number, slide in enumerate(prs.slides, start=1):
        banners = [s for s in slide.shapes if s.name.startswith("Marking")]
        assert sorted(b.name for b in banners) == ["Marking (bottom)", "Marking (top)"]
        assert all(b.text_frame.text == marking for b in banners)
        top, bottom = sorted(banners, key=lambda b: b.top)
        assert top.top == 0 and bottom.top + bottom.height == prs.slide_height
        assert all(b.text_frame.paragraphs[0].alignment == 2 for b in banners)  # centred
        numbers = [s for s in slide.shapes if s.name == "Slide Number"]
        assert [n.text_frame.text for n in numbers] == [str(number)]
    assert len(prs.slides) == 13


def test_shape_ids_are_unique_on_every_slide_and_every_relationship_resolves(example_deck):
    parts = xml_parts(example_deck)
    with zipfile.ZipFile(example_deck) as archive:
        members = set(archive.namelist())
    for name, xml in parts.items():
        if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", name):
            ids = re.findall(r'<p:cNvPr id="(\d+)"', xml)
            assert len(ids) == len(set(ids)), name
            folder, file = name.rsplit("/", 1)
            known = set(re.findall(r'Id="(rId\d+)"', parts[f"{folder}/_rels/{file}.rels"]))
            assert set(re.findall(r'r:(?:id|embed)="(rId\d+)"', xml)) <= known, name
    for name, xml in parts.items():
        if name.endswith(".rels"):
            owner_folder = name.split("_rels/")[0].rstrip("/")
            for target, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?', xml):
                if mode != "External":
                    assert _resolve(owner_folder, target) in members, f"{name} -> {target}"


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_document_properties_are_filled(example_deck, example_brief):
    brief = open_document(example_brief).build()
    props = Presentation(str(example_deck)).core_properties
    assert props.title == brief.title
    assert props.author == brief.author
    assert props.subject == brief.source.title
    assert props.created.date() == brief.date.start


def test_the_same_brief_gives_the_same_bytes_even_in_another_process(tmp_path, example_brief, example_deck):
    again = tmp_path / "again.pptx"
    code = (
        "import sys\nfrom briefing.formats.load import open_document\nfrom briefing.deck import render_pptx\n"
        "render_pptx(open_document(sys.argv[1]).build(), None, sys.argv[2])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(example_brief), str(again)], check=True,
                   env={"PYTHONHASHSEED": "7", "PATH": ""})
    assert again.read_bytes() == example_deck.read_bytes()


def test_result_reports_the_slides_written(tmp_path, example_brief):
    result = render_pptx(open_document(example_brief).build(), None, tmp_path / "deck.pptx")
    assert result.pages == len(Presentation(str(result.path)).slides) == 13
    assert result.continued == () and result.warnings == ()


def test_the_judgment_badge_pairs_icd203_words_with_a_shape_cue(example_deck, example_brief):
    brief = open_document(example_brief).build()
    prs = Presentation(str(example_deck))
    for finding, slide in zip(brief.findings, list(prs.slides)[2:]):
        (badge,) = [s for s in slide.shapes if s.name == "Judgment badge"]
        names = [s.name for s in badge.shapes]
        words = " ".join(s.text_frame.text for s in badge.shapes if s.has_text_frame and s.text_frame.text)
        if finding.likelihood:
            rank = LIKELIHOOD_TERMS.index(finding.likelihood) + 1
            assert f"Likelihood step {rank} (this judgment)" in names  # position on the seven-step scale
            assert words.startswith(finding.likelihood.capitalize())
        if finding.confidence:
            filled = sum(n.startswith("Confidence bar") and n.endswith("(filled)") for n in names)
            assert filled == ("low", "moderate", "high").index(finding.confidence) + 1
            assert f"{finding.confidence.capitalize()} confidence" in words
