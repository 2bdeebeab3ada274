"""A template is opened once per process and shared by the decks made from it: no deck's edits reach the next.

Each deck gets a fresh presentation that shares the template's masters,
layouts and themes (``briefing/deck/ooxml/pristine.py``). These tests export
different decks one after another in one process, with templates of each kind
(the bundled one; one holding slides and a notes master of its own; one without
core properties), and compare every file with the same deck exported alone in a
new process.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.deck import render_pptx
from briefing.deck.template import open_template
from briefing.formats.load import open_document

ALONE = """
import sys
from briefing.deck import render_pptx
from briefing.formats.load import open_document
render_pptx(open_document(sys.argv[1]).build(), sys.argv[2] or None, sys.argv[3], include_notes=sys.argv[4] == "1")
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _without_core_properties(source: Path, target: Path) -> Path:
    """``source`` as a package with no core properties part (python-pptx then makes one per deck)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            if info.filename == "docProps/core.xml":
                continue
            data = archive.read(info)
            if info.filename == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*Target="docProps/core.xml"/>', b"", data)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/docProps/core.xml"[^>]*/>', b"", data)
            copy.writestr(info, data)
    target.write_bytes(out.getvalue())
    return target


@pytest.fixture(scope="module")
def templates(tmp_path_factory, example_brief) -> list[Path | None]:
    """The bundled template; a deck of ours used as a template (slides, notes slides, a notes master);
    the bundled template without core properties."""
    folder = tmp_path_factory.mktemp("templates")
    used = folder / "with-slides.pptx"
    subprocess.run([sys.executable, "-c", ALONE, str(example_brief), "", str(used), "1"], check=True)
    bundled = Path(__file__).parents[2] / "templates" / "deck" / "default.pptx"
    return [None, used, _without_core_properties(bundled, folder / "no-core.pptx")]


@pytest.fixture(scope="module")
def documents(tmp_path_factory, example_brief, example_summary) -> list[Path]:
    """Three documents that make decks of different lengths, titles, markings and properties."""
    folder = tmp_path_factory.mktemp("documents")
    other = folder / "other.brief.yaml"
    text = example_brief.read_text(encoding="utf-8")
    other.write_text(re.sub(r"(?m)^title: .*$", "title: A second, different brief", text, count=1), encoding="utf-8")
    (folder / example_summary.name).write_text(example_summary.read_text(encoding="utf-8"), encoding="utf-8")
    return [example_summary, example_brief, other]


def test_decks_made_one_after_another_in_one_process_equal_each_made_alone(tmp_path, templates, documents):
    runs = [(doc, template, notes) for template in templates for doc in documents for notes in (True, False)]
    together = {}
    for n, (doc, template, notes) in enumerate(runs):  # one process: each template opened once, shared
        path = tmp_path / f"together-{n}.pptx"
        render_pptx(open_document(doc).build(), template, path, include_notes=notes)
        together[n] = _digest(path)
    for n, (doc, template, notes) in enumerate(runs):
        path = tmp_path / f"alone-{n}.pptx"
        subprocess.run([sys.executable, "-c", ALONE, str(doc), str(template or ""), str(path), "1" if notes else "0"], check=True)
        assert _digest(path) == together[n], (doc.name, template, notes)
    # the runs really made different decks (a summary has no analyst's notes to leave out)
    assert len(set(together.values())) >= len(templates) * len(documents)


def test_a_deck_leaves_the_shared_template_as_its_file_holds_it(tmp_path, templates, example_summary):
    for template in templates:
        source = template or Path(__file__).parents[2] / "templates" / "deck" / "default.pptx"
        before, _ = open_template(source)
        parts_before = {str(p.partname): p.blob for p in before.part.package.iter_parts()}
        render_pptx(open_document(example_summary).build(), template, tmp_path / "deck.pptx")
        after, _ = open_template(source)
        assert {str(p.partname): p.blob for p in after.part.package.iter_parts()} == parts_before, source.name
        assert len(after.slides) == 0
        reopened = Presentation(str(tmp_path / "deck.pptx"))
        assert len(reopened.slides) > 10 and len(reopened.slide_layouts) == len(after.slide_layouts)
