"""The bundled example as a PDF brief: what it says, in what order, and how the file is built."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from pdf_helpers import HOSTILE, all_text, check_pdf, flat, has, link_targets, outline_titles, page_texts
from pypdf import PdfReader

from briefing.formats.load import open_document
from briefing.pdf import render_pdf


def test_first_page_has_title_block_bottom_line_and_key_judgments(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    first = flat(page_texts(example_pdf.path)[0])
    for text in (brief.title, brief.subtitle, brief.author, "6 August 2025", brief.audience, "BOTTOM LINE",
                 flat(brief.bluf), "Key judgments"):
        assert flat(text) in first, text
    assert first.index("BOTTOM LINE") < first.index("Key judgments")
    for judgment in brief.key_judgments:
        assert flat(judgment.headline) in first


def test_key_judgments_carry_icd203_words_and_ranges(example_pdf):
    first = flat(page_texts(example_pdf.path)[0])
    assert "Likely (55–80%) · high confidence" in first  # kf-india-centrality
    assert "Moderate confidence" in first  # kf-step-not-reset has no likelihood


def test_findings_appear_numbered_in_brief_order_with_their_evidence(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    text = all_text(example_pdf.path)
    positions = [text.index(flat(f"{f.number}. {f.headline}")) for f in brief.findings]
    assert positions == sorted(positions)
    for f in brief.findings:
        assert has(text, f.statement)
        for evidence in f.evidence:
            assert has(text, f"\u201c{evidence.quote}\u201d (\u00b6 {evidence.paragraph})")


def test_analyst_notes_are_labelled_commentary(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    text = all_text(example_pdf.path)
    assert text.count("ANALYST’S COMMENT") == len([f for f in brief.findings if f.note])
    for f in brief.findings:
        assert has(text, f.note)


def test_notes_can_be_left_out(example_brief, tmp_path):
    brief = open_document(example_brief).build()
    out = tmp_path / "no-notes.pdf"
    render_pdf(brief, None, out, include_notes=False)
    check_pdf(out)
    text = all_text(out)
    assert "ANALYST’S COMMENT" not in text
    for f in brief.findings:
        assert not has(text, f.note)
        assert has(text, f.statement)


def test_timeline_actors_and_source_sections(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    text = all_text(example_pdf.path)
    sections = [text.index(name) for name in ("Key judgments", "No. Date Event", "Name Kind Role", "Title: ")]
    assert sections == sorted(sections)
    for event in brief.timeline:
        assert has(text, event.event)
        assert event.date.label() in text
    for actor in brief.cited_actors:
        assert has(text, actor.name)
    assert "Title: " + flat(brief.source.title) in text
    assert "Publisher: South Asian Voices, Stimson Center" in text
    assert "Published: August 2025" in text


def test_timeline_is_vector_graphics(example_pdf):
    reader = PdfReader(str(example_pdf.path))
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for xobject in (resources.get("/XObject") or {}).values():
            assert xobject.get_object().get("/Subtype") != "/Image"


def test_marking_top_and_bottom_of_every_page(example_pdf):
    for page in page_texts(example_pdf.path):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "UNCLASSIFIED // FOR TRAINING"
        assert lines[-1] == "UNCLASSIFIED // FOR TRAINING" or "UNCLASSIFIED // FOR TRAINING" in lines[-3:]
        assert flat(page).count("UNCLASSIFIED // FOR TRAINING") == 2


def test_page_n_of_m_and_running_header(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    pages = page_texts(example_pdf.path)
    total = len(PdfReader(str(example_pdf.path)).pages)
    assert example_pdf.result.pages == total == len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        if number > 1:
            assert flat(brief.title) in flat(page)


def test_bookmarks_for_sections_and_findings(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    titles = outline_titles(example_pdf.path)
    top = [title for level, title in titles if level == 0]
    assert top == ["Bottom line", "Key judgments", "Findings", "Timeline", "Actors", "Source"]
    children = [title for level, title in titles if level == 1]
    assert children == [f"{f.number}. {flat(f.headline)}" for f in brief.findings]


def test_metadata(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    info = PdfReader(str(example_pdf.path)).metadata
    assert info.title == brief.title
    assert info.author == brief.author
    assert info.subject == brief.source.title
    assert "Whether the reset can last" in info["/Keywords"]
    assert info["/Creator"].startswith("Briefing")


def test_links_only_inside_the_document_or_to_the_web(example_pdf):
    targets = link_targets(example_pdf.path)
    assert targets  # "see finding N" jumps
    assert all(t == "internal" or re.match(r"^(https?|mailto):", t) for t in targets)


def test_same_input_gives_identical_bytes(example_pdf, example_brief, tmp_path):
    again = tmp_path / "again.pdf"
    render_pdf(open_document(example_brief).build(), None, again)
    assert again.read_bytes() == example_pdf.path.read_bytes()


def test_written_atomically_over_an_older_file(example_brief, tmp_path):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    render_pdf(open_document(example_brief).build(), None, out)
    check_pdf(out)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_summary_without_brief_file(summary_pdf, example_summary):
    document = open_document(example_summary)
    text = all_text(summary_pdf.path)
    assert "UNCLASSIFIED" not in text  # a summary has no marking
    for f in document.summary.findings:
        assert has(text, f.title)
    assert summary_pdf.result.warnings == ()
    assert f"Page {summary_pdf.result.pages} of {summary_pdf.result.pages}" in text


def test_same_bytes_from_separate_processes(tmp_path):
    """Fonts cut down and converted on the fly (CJK) are byte-stable too, whatever the hash seed."""
    source = HOSTILE / "rtl-cjk-emoji.yaml"
    script = ("import sys; from briefing.formats.load import open_document; from briefing.pdf import render_pdf; "
              "render_pdf(open_document(sys.argv[1]).build(), None, sys.argv[2])")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.pdf"
        subprocess.run([sys.executable, "-c", script, str(source), str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
