"""The PDF brief is a tagged PDF/UA-1 document: its structure tree, read back with pikepdf and poppler.

Each test exports real files and reads them back: the tree walked with pikepdf
(each element's text gathered from the marked content it references), poppler's
``pdfinfo -struct-text`` and ``pdftotext``, and the ``pdfua`` checker (every PDF
written through ``render_file`` passes it, see ``check_pdf``).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import yaml
from pdf_helpers import REPO, render_file

from briefing.formats.load import check, open_document
from briefing.pdf import render_pdf_bytes

MINI = REPO / "tests" / "data" / "valid" / "mini.yaml"
needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils (pdfinfo, pdftotext) missing")


# -- reading a tagged PDF back ---------------------------------------------------------------------------


def _unicode_maps(page: pikepdf.Page) -> dict[str, dict[int, str]]:
    """Each font of the page: code -> text, from its ToUnicode map."""
    maps = {}
    for name, font in page.Resources.get("/Font", {}).items():
        table: dict[int, str] = {}
        cmap = font.get("/ToUnicode")
        if cmap is not None:
            data = cmap.read_bytes()
            entries = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", data, re.DOTALL))
            for code, text in re.findall(rb"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>", entries):
                table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        maps[name] = table
    return maps


def marked_texts(pdf: pikepdf.Pdf) -> tuple[dict[tuple[int, int], str], Counter]:
    """The text inside each marked-content sequence with an MCID, by (page index, MCID), and how
    often each (page, MCID) was opened."""
    texts: dict[tuple[int, int], str] = {}
    opened: Counter = Counter()
    for index, page in enumerate(pdf.pages):
        maps = _unicode_maps(page)
        font: dict[int, str] = {}
        stack: list[int | None] = []
        for ins in pikepdf.parse_content_stream(page):
            op = str(ins.operator)
            if op == "BDC":
                props = ins.operands[1]
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                stack.append(mcid)
                if mcid is not None:
                    opened[(index, mcid)] += 1
                    texts.setdefault((index, mcid), "")
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = maps.get(str(ins.operands[0]), {})
            elif op in ("Tj", "TJ"):
                strings = ins.operands[0] if op == "TJ" else [ins.operands[0]]
                shown = "".join(font.get(b, "") for s in strings if isinstance(s, pikepdf.String) for b in bytes(s))
                current = next((m for m in reversed(stack) if m is not None), None)
                if current is not None:
                    texts[(index, current)] += shown
    return texts, opened


class Tree:
    """The structure tree of a file: each element's role, attributes, text and children."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.pages = {page.objgen: i for i, page in enumerate(self.pdf.pages)}
        self.texts, self.opened = marked_texts(self.pdf)
        self.referenced: Counter = Counter()
        root = self.pdf.Root.StructTreeRoot
        self.document = self._element(root.K if isinstance(root.K, pikepdf.Dictionary) else root.K[0])

    def _element(self, elem) -> dict:
        page = self.pages.get(elem.Pg.objgen) if "/Pg" in elem else None
        kids = elem.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        node = {"role": str(elem.S)[1:], "elem": elem, "kids": [], "text": ""}
        for item in items:
            if isinstance(item, int):
                self.referenced[(page, int(item))] += 1
                node["text"] += self.texts.get((page, int(item)), "")
            elif item.get("/Type") == "/MCR":
                key = (self.pages[item.Pg.objgen], int(item.MCID))
                self.referenced[key] += 1
                node["text"] += self.texts.get(key, "")
            elif item.get("/Type") == "/OBJR":
                node["kids"].append({"role": "OBJR", "elem": item, "kids": [], "text": ""})
            else:
                child = self._element(item)
                node["kids"].append(child)
                node["text"] += child["text"]
        return node

    def walk(self, node=None):
        node = node or self.document
        yield node
        for kid in node["kids"]:
            yield from self.walk(kid)


def squash(text: str) -> str:
    return "".join(text.split())


def write_summary(folder: Path, change) -> Path:
    summary = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    change(summary)
    path = folder / "summary.yaml"
    path.write_text(yaml.safe_dump(summary, allow_unicode=True), encoding="utf-8")
    return path


# -- the tree mirrors the brief ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_tree(example_pdf) -> Tree:
    return Tree(example_pdf.path)


def test_each_finding_reads_as_heading_paragraphs_and_notes_in_order(example_tree, example_brief):
    brief = open_document(example_brief).build()
    document = example_tree.document
    assert document["role"] == "Document"
    first = document["kids"][0]
    assert first["role"] == "H1" and squash(first["text"]) == squash(brief.title)
    sections = [k for k in document["kids"] if k["role"] == "Sect" and k["kids"][0]["role"] == "H3"]
    assert len(sections) == len(brief.findings)
    note_number = 0
    for finding, section in zip(brief.findings, sections):
        heading, *rest = section["kids"]
        assert squash(heading["text"]) == squash(f"{finding.number}. {finding.headline}")
        roles = [k["role"] for k in rest]
        assert roles[0] == "P" and squash(finding.statement) in squash(rest[0]["text"])
        notes = [k for k in rest if k["role"] == "Note"]
        assert len(notes) == len(finding.evidence)
        assert roles[len(roles) - len(notes):] == ["Note"] * len(notes)  # the notes close the finding
        for note, evidence in zip(notes, finding.evidence):
            note_number += 1
            assert note["elem"].ID == f"note-{note_number}"
            assert squash(evidence.quote) in squash(note["text"])
        references = [k for k in rest[0]["kids"] if k["role"] == "Reference"]
        assert len(references) == len(finding.evidence)  # each callout links to its note
        if finding.note:
            assert any(k["role"] == "Div" and squash(finding.note) in squash(k["text"]) for k in rest)


def test_every_mcid_on_every_page_is_referenced_once_and_the_parent_tree_agrees(example_tree):
    tree = example_tree
    assert tree.opened and all(count == 1 for count in tree.opened.values())
    assert set(tree.referenced) == set(tree.opened)
    assert all(count == 1 for count in tree.referenced.values())
    parents = tree.pdf.Root.StructTreeRoot.ParentTree.Nums
    by_key = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
    owner = {}
    for node in tree.walk():
        elem = node["elem"]
        kids = elem.get("/K") if node["role"] != "OBJR" else None
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for item in items:
            if isinstance(item, int):
                owner[(tree.pages[elem.Pg.objgen], int(item))] = elem.objgen
            elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
                owner[(tree.pages[item.Pg.objgen], int(item.MCID))] = elem.objgen
    for index, page in enumerate(tree.pdf.pages):
        mapped = by_key[int(page.StructParents)]
        for mcid in range(len(mapped)):
            assert owner[(index, mcid)] == mapped[mcid].objgen


_PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"'}


def test_everything_painted_is_inside_marked_content(example_pdf):
    """Each painting operator (paths, text, forms) is content of an element or an artifact; and marked
    content is balanced on every page."""
    with pikepdf.open(example_pdf.path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth = 0
            for ins in pikepdf.parse_content_stream(page):
                op = str(ins.operator)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                    assert depth >= 0, f"page {number}: EMC without a start"
                elif op in _PAINTING:
                    assert depth > 0, f"page {number}: {op} outside marked content"
            assert depth == 0, f"page {number}: marked content left open"


def test_tables_have_column_headers_and_the_figure_says_what_it_shows(example_tree, example_brief):
    brief = open_document(example_brief).build()
    tables = [n for n in example_tree.walk() if n["role"] == "Table"]
    assert len(tables) == 2  # the timeline key and the actors
    for table in tables:
        header, *rows = table["kids"]
        assert [c["role"] for c in header["kids"]] == ["TH"] * 3
        assert all(c["elem"].A.Scope == "/Column" for c in header["kids"])
        assert rows and all([c["role"] for c in row["kids"]] == ["TD"] * 3 for row in rows)
    key = tables[0]
    assert len(key["kids"]) - 1 == len(brief.timeline)
    (figure,) = [n for n in example_tree.walk() if n["role"] == "Figure"]
    alt = str(figure["elem"].Alt)
    assert brief.timeline[0].date.label() in alt and brief.timeline[-1].date.label() in alt
    assert all(" ".join(event.event.split()) in alt for event in brief.timeline)


def test_links_are_link_elements_with_descriptions(example_tree):
    pdf = example_tree.pdf
    parents = pdf.Root.StructTreeRoot.ParentTree.Nums
    by_key = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
    annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
    assert annotations
    for annot in annotations:
        assert str(annot.Contents).strip()
        link = by_key[int(annot.StructParent)]
        assert link.S == "/Link" and any(k.get("/Obj") is not None and k.Obj.objgen == annot.objgen
                                         for k in ([link.K] if isinstance(link.K, pikepdf.Dictionary) else link.K))
    for page in pdf.pages:
        assert page.Tabs == "/S"


def test_the_catalog_declares_pdf_ua_language_and_title(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    with pikepdf.open(example_pdf.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.Lang == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert f'<rdf:li xml:lang="x-default">{brief.title}</rdf:li>' in xmp.replace("&amp;", "&")
        assert str(pdf.docinfo.Title) == brief.title
        assert str(pdf.docinfo.CreationDate).startswith("D:20250806")  # the brief's date


@needs_poppler
def test_poppler_reads_the_tree_in_reading_order(example_pdf, example_brief):
    brief = open_document(example_brief).build()
    run = subprocess.run(["pdfinfo", "-struct-text", str(example_pdf.path)], capture_output=True, check=True)
    listing = squash(run.stdout.decode("utf-8"))
    expected = [brief.title, "Keyjudgments", "Findings"]
    expected += [f"{f.number}.{f.headline}" for f in brief.findings]
    expected += ["Timeline", "Actors", "Source", brief.source.title]
    position = 0
    for text in expected:
        found = listing.find(squash(text), position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found


# -- text, languages and dates -------------------------------------------------------------------------------

EVERY_KIND_OF_CHARACTER = {
    "headline": "Shipping 🚢 up 📈, risk 𝔸 steady",
    "bluf": "Ports 🛳️ reopened; Zürich café naïve façade — “quoted” ½ µ ∑ ≈ ✓",
    "statement": "Traffic through 上海 and 東京 rose 🚀 while Ελλάδα and Київ held 👍🏽.",
    "event": "Emoji flags 🇵🇰 🇺🇸 and a family 👨‍👩‍👧 in the key",
}


@needs_poppler
def test_the_text_layer_round_trips_every_character_including_emoji(tmp_path):
    def change(s):
        s["headline"] = EVERY_KIND_OF_CHARACTER["headline"]
        s["bluf"] = EVERY_KIND_OF_CHARACTER["bluf"]
        s["findings"][0]["statement"] = EVERY_KIND_OF_CHARACTER["statement"]
        s["timeline"][0]["event"] = EVERY_KIND_OF_CHARACTER["event"]

    source = write_summary(tmp_path, change)
    render_file(source, tmp_path / "text.pdf")
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "text.pdf"), "-"], capture_output=True, check=True)
    text = squash(run.stdout.decode("utf-8"))
    for field, value in EVERY_KIND_OF_CHARACTER.items():
        wanted = squash(value).replace("\u200d", "").replace("\ufe0f", "")  # joiners and selectors draw nothing
        assert wanted in text.replace("\u200d", "").replace("\ufe0f", ""), field


def spans(pdf: pikepdf.Pdf) -> list[dict]:
    """The property lists of every ``/Span`` marked-content sequence in the page content, in order."""
    found = []
    for page in pdf.pages:
        for ins in pikepdf.parse_content_stream(page):
            if str(ins.operator) == "BDC" and ins.operands[0] == "/Span":
                found.append({str(k)[1:]: str(v) for k, v in ins.operands[1].items()})
    return found


@needs_poppler
def test_a_character_no_font_has_is_drawn_as_a_box_and_kept_in_the_text_layer(tmp_path):
    shaking_face = "\U0001fae8"  # Unicode 15: newer than every font the default sheet names
    source = write_summary(tmp_path, lambda s: s.__setitem__("bluf", f"Markets {shaking_face} today"))
    result = render_file(source, tmp_path / "box.pdf")
    assert any("U+1FAE8" in w for w in result.warnings)  # still reported
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "box.pdf"), "-"], capture_output=True, check=True)
    assert f"Markets {shaking_face} today" in run.stdout.decode("utf-8")
    with pikepdf.open(tmp_path / "box.pdf") as pdf:
        fonts = [str(f.BaseFont) for page in pdf.pages for f in page.Resources.Font.values()]
        assert any("LastResort" in name for name in fonts)


@needs_poppler
def test_every_field_of_a_brief_reaches_the_text_layer_character_for_character(tmp_path):
    """Every text field the PDF prints, each with characters from another plane, script or symbol set."""
    summary = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    summary["source"].update(title="Source title Ωmega 𝔖", publisher="Publisher ❤ Desk", authors=["Zoë Ångström 🖋"])
    summary["bluf"] = "Bottom line 🚢 ⚖ 𝔸 中文"
    summary["themes"][0]["label"] = "Theme ✈ label"
    summary["actors"][0].update(name="Actor Ünited 🇺🇸", role="Role of the actor ⚓")
    summary["findings"][0].update(title="Headline one 📈", statement="Statement one 𝟙 with ∑ and 한국어")
    summary["findings"][0]["evidence"][0]["quote"] = "quoted passage 🌍"
    summary["findings"][1].update(title="Headline two 🛰", statement="Statement two — “curly” ½")
    summary["timeline"][0]["event"] = "Event words 🎯 日本語"
    (tmp_path / "mini.yaml").write_text(yaml.safe_dump(summary, allow_unicode=True), encoding="utf-8")
    brief = {"format": "brief/1", "summary": "mini.yaml", "title": "Brief title 🧭 Ærø", "subtitle": "Subtitle 🗺",
             "author": "Author Þór 🖊", "audience": "Audience 👥 list", "marking": "MARKING 🔒 TEST",
             "findings": [{"id": "f1", "note": "Analyst note 📝 text", "key_judgment": True}, {"id": "f2"}]}
    (tmp_path / "b.brief.yaml").write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")
    render_file(tmp_path / "b.brief.yaml", tmp_path / "b.pdf")
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "b.pdf"), "-"], capture_output=True, check=True)
    text = squash(run.stdout.decode("utf-8"))
    fields = [brief[k] for k in ("title", "subtitle", "author", "audience", "marking")] + [brief["findings"][0]["note"]]
    fields += [summary["source"][k] for k in ("title", "publisher")] + summary["source"]["authors"]
    fields += [summary["bluf"], summary["themes"][0]["label"], summary["actors"][0]["name"], summary["actors"][0]["role"],
               summary["timeline"][0]["event"], summary["findings"][0]["evidence"][0]["quote"]]
    fields += [f[k] for f in summary["findings"] for k in ("title", "statement")]
    missing = [f for f in fields if squash(f) not in text]
    assert not missing, missing


def test_text_in_another_script_is_tagged_with_its_language(tmp_path):
    def change(s):
        s["findings"][0]["statement"] = "پاکستان اور امریکہ کے تعلقات میں بہتری آئی ہے۔"
        s["findings"][1]["statement"] = "中美关系"
        s["bluf"] = "Plain English with a name: عمران خان."
        s["source"]["title"] = "Talks in 北京 went well"

    source = write_summary(tmp_path, change)
    render_file(source, tmp_path / "scripts.pdf")
    tree = Tree(tmp_path / "scripts.pdf")
    paragraphs = [n for n in tree.walk() if n["role"] == "P"]
    urdu = [p for p in paragraphs if "/Lang" in p["elem"] and p["elem"].Lang == "ur"]
    # read as written (logical order, unshaped), with its note number
    assert len(urdu) == 1 and str(urdu[0]["elem"].ActualText) == "پاکستان اور امریکہ کے تعلقات میں بہتری آئی ہے۔1"
    assert [p for p in paragraphs if "/Lang" in p["elem"] and p["elem"].Lang == "zh"]
    mixed = [p for p in paragraphs if "PlainEnglish" in squash(p["text"])]
    assert mixed and "/Lang" not in mixed[0]["elem"]  # the brief's own language
    inside = spans(tree.pdf)
    assert {"Lang": "zh"} in inside  # 北京 inside an English line
    lines = [s["ActualText"] for s in inside if "ActualText" in s]  # right-to-left lines, as written
    assert "پاکستان اور امریکہ کے تعلقات میں بہتری آئی ہے۔1" in lines
    assert any("عمران خان" in line for line in lines)


def test_the_brief_language_is_the_document_language(tmp_path):
    summary = MINI.read_text(encoding="utf-8")
    (tmp_path / "mini.yaml").write_text(summary, encoding="utf-8")
    brief = tmp_path / "mini.brief.yaml"
    brief.write_text("format: brief/1\nsummary: mini.yaml\ntitle: Tagged\nlanguage: en-GB\ndate: 2025-08-06\n"
                     "findings: [{id: f1}]\n", encoding="utf-8")
    assert not [d for d in check(brief) if d.is_error]
    render_file(brief, tmp_path / "brief.pdf")
    with pikepdf.open(tmp_path / "brief.pdf") as pdf:
        assert pdf.Root.Lang == "en-GB"
    brief.write_text("format: brief/1\nsummary: mini.yaml\ntitle: Tagged\nlanguage: not a tag\n", encoding="utf-8")
    errors = [d for d in check(brief) if d.is_error]
    assert errors and errors[0].line == 4


def test_creation_date_follows_source_date_epoch_and_output_stays_byte_identical(monkeypatch, example_brief):
    brief = open_document(example_brief).build()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = render_pdf_bytes(brief)[0]
    assert plain == render_pdf_bytes(brief)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render_pdf_bytes(brief)[0]
    assert stamped == render_pdf_bytes(brief)[0] and stamped != plain
    with pikepdf.open(io.BytesIO(stamped)) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00'"
        assert "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>" in pdf.Root.Metadata.read_bytes().decode()


def test_a_brief_without_a_date_carries_no_made_up_creation_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = write_summary(tmp_path, lambda s: s["source"].pop("published"))
    render_file(source, tmp_path / "undated.pdf")
    with pikepdf.open(tmp_path / "undated.pdf") as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo


def test_a_long_table_repeats_its_header_as_an_artifact_and_every_mcid_is_still_referenced_once(tmp_path):
    source = write_summary(tmp_path, lambda s: s.__setitem__(
        "timeline", [{"date": f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}", "event": f"Event {i}"} for i in range(150)]))
    render_file(source, tmp_path / "long.pdf")
    tree = Tree(tmp_path / "long.pdf")
    assert len(tree.pdf.pages) > 3
    assert all(count == 1 for count in tree.opened.values()) and set(tree.referenced) == set(tree.opened)
    (key,) = [n for n in tree.walk() if n["role"] == "Table"][:1]
    assert len(key["kids"]) == 151  # one header row, read once
    headings = [n for n in tree.walk() if n["role"] in ("H1", "H2", "H3")]
    assert all(squash(h["text"]) for h in headings)
