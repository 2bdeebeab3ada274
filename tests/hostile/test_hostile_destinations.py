"""Hostile surroundings of an export, through the real ``briefing export``: corrupt and zip-bomb deck
templates, bad style sheets, output folders that cannot be written, an output path that is a folder, and
an earlier output that a failed or concurrent export must leave whole.

Options that would fail every file are refused before anything is written (exit 2, ``briefing export:``
lines); a problem with one file's output fails that file alone (exit 1, ``FILE: message``).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import yaml
from hostile_corpus import DATA, LOCATED, WHOLE_FILE, run_briefing
from pptx import Presentation

MINI = DATA / "valid" / "mini.yaml"


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "mini.yaml").write_bytes(MINI.read_bytes())
    return tmp_path


def export(work: Path, *args: str, wrapper: tuple[str, ...] = ()):
    result = run_briefing("export", "mini.yaml", *args, cwd=work, wrapper=wrapper)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def written(folder: Path) -> list[str]:
    """Every file an export left, temporary ones included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "mini.yaml")


def usage_error(result) -> str:
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("briefing export: ")
    return line


# -- deck templates -------------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


TEMPLATES = {
    "not-a-zip": (lambda p: p.write_bytes(b"PK but not really a zip archive" * 40), "not a zip archive"),
    "truncated": (lambda p: p.write_bytes(_default_template().read_bytes()[:4000]), "template refused"),
    "zip-bomb": (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "ppt/media/zeros.bin": b"\0" * (8 << 20)}), "zip bomb"),
    "not-a-presentation": (lambda p: _zip(p, {"[Content_Types].xml": b'<Types><Override ContentType="application/'
                                              b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'}),
                           "not a PowerPoint presentation or template"),
    "path-traversal-member": (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "../../escaped.txt": b"x"}),
                              "not a PowerPoint presentation or template"),
}


def _default_template() -> Path:
    from briefing.deck.render import default_template

    return default_template()


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_a_bad_deck_template_is_refused_before_anything_is_written(work, kind):
    make, words = TEMPLATES[kind]
    template = work / f"{kind}.pptx"
    make(template)
    line = usage_error(export(work, "--template", template.name))
    assert line.startswith(f"briefing export: --template: {template.name}: ") and words in line, line
    assert written(work) == [template.name]
    assert not (work.parent / "escaped.txt").exists()


# -- PDF style sheets -----------------------------------------------------------------------------------

STYLES = {
    "syntax": ("parent: default\npage: {size: [10, 10]\n", "syntax.yaml:3:1: YAML syntax error"),
    "loop": ("parent: loop.yaml\n", "loop.yaml:1:9: style sheets inherit from each other in a loop"),
    "python-tag": ("parent: default\ncolours: !!python/object/apply:os.system ['touch pwned']\n",
                   "python-tag.yaml:2:10: tag '!!python/object/apply:os.system' is not allowed"),
    "alias-bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                   "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "alias-bomb.yaml:7:5: document expands to more than 1,000,000 nodes"),
    # Values each inside their own range that do not fit together on the page (issue 12).
    "size-1000": ("parent: default\nparagraphs:\n  body: {size: 1000, leading: 1000}\n",
                  "size-1000.yaml:3:16: paragraph style 'body': size 1000 is too large for the text frame"),
    "huge-leading": ("parent: default\nparagraphs:\n  note: {leading: 900}\n",
                     "huge-leading.yaml:3:19: paragraph style 'note': leading 900 is too large"),
    "zero-page": ("parent: default\npage:\n  size: [0, 0]\n", "zero-page.yaml:3:9: page size 0 × 0 pt"),
    "tiny-page": ("parent: default\npage:\n  size: [10pt, 1mm]\n  margins: {top: 0, bottom: 0, left: 0, right: 0}\n",
                  "tiny-page.yaml:3:9: page size 10 × 2.8 pt"),
    "zero-margins": ("parent: default\npage:\n  margins: {top: 0, bottom: 0, left: 0, right: 0}\n",
                     "zero-margins.yaml:3:18: the top margin, 0 pt (0 mm), is too small for the top marking"),
    "negative-margin": ("parent: default\npage:\n  margins: {top: 27mm, bottom: 24mm, left: -50mm, right: 38mm}\n",
                        "negative-margin.yaml:3:44: margin 'left' is -50mm; a margin cannot be negative"),
    "marking-off-page": ("parent: default\npage:\n  marking_top: -5mm\n",
                         "marking-off-page.yaml:3:16: 'page.marking_top' is -14.2 pt (-5 mm): the top marking would be off the page"),
    "marking-past-middle": ("parent: default\npage:\n  marking_bottom: 200mm\n",
                            "marking-past-middle.yaml:3:19: 'page.marking_bottom' is 566.9 pt (200 mm): the bottom marking"),
    "header-in-text": ("parent: default\npage:\n  header: 40mm\n",
                       "header-in-text.yaml:3:11: the top margin, 76.5 pt (27 mm), is too small for the running header at 113.4 pt (40 mm)"),
    "footer-into-text": ("parent: default\npage:\n  margins: {top: 27mm, bottom: 12mm, left: 38mm, right: 38mm}\n",
                         "footer-into-text.yaml:3:32: the bottom margin, 34 pt (12 mm), is too small for the running footer"),
    "negative-padding": ("parent: default\ncomponents:\n  bluf: {padding: -20}\n",
                         "negative-padding.yaml:3:19: 'bluf.padding' is -20; it cannot be negative"),
    "huge-marker": ("parent: default\ncomponents:\n  timeline: {marker_radius: 90mm}\n",
                    "huge-marker.yaml:3:29: 'timeline.marker_radius' is 255.1 pt (90 mm); it leaves too little room"),
    "not-a-font": ("parent: default\nfonts:\n  families:\n    sans: {regular: not-a-font.yaml}\n",
                   "not-a-font.yaml:4:21: font family 'sans': 'not-a-font.yaml' is not a TrueType or OpenType font file"),
}


@pytest.mark.parametrize("kind", sorted(STYLES))
def test_a_bad_style_sheet_is_refused_before_anything_is_written(work, kind):
    content, words = STYLES[kind]
    (work / f"{kind}.yaml").write_text(content, encoding="utf-8")
    line = usage_error(export(work, "--style", f"{kind}.yaml"))
    assert line.startswith(f"briefing export: --style: {kind}.yaml:") and words in line, line
    assert written(work) == [f"{kind}.yaml"]
    assert not (work / "pwned").exists()


def _font_style(work: Path, content: bytes) -> None:
    (work / "evil.ttf").write_bytes(content)
    (work / "evil-font.yaml").write_text("parent: default\nfonts:\n  families:\n    sans: {regular: evil.ttf}\n", encoding="utf-8")


def test_a_style_naming_a_file_that_is_not_a_font_is_refused_at_its_line(work):
    _font_style(work, b"not a font at all\n")
    line = usage_error(export(work, "--style", "evil-font.yaml", "-f", "pdf"))
    assert line.startswith("briefing export: --style: evil-font.yaml:4:") and "'evil.ttf' is not a TrueType" in line, line
    assert written(work) == ["evil-font.yaml", "evil.ttf"]


def test_a_damaged_font_behind_a_font_header_fails_that_export_at_the_line_naming_it(work):
    _font_style(work, b"\x00\x01\x00\x00" + bytes(range(256)) * 4)
    result = export(work, "--style", "evil-font.yaml", "-f", "pdf")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "evil-font.yaml:4:" in line and "font family 'sans': cannot use 'evil.ttf'" in line, line
    assert written(work) == ["evil-font.yaml", "evil.ttf"]


# -- where the outputs go -------------------------------------------------------------------------------


def test_an_output_folder_inside_a_regular_file_is_a_usage_error(work):
    (work / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")
    line = usage_error(export(work, "-o", "notes.txt/out"))
    assert "--out notes.txt/out: cannot create the folder" in line
    line = usage_error(export(work, "-o", "notes.txt"))
    assert "--out notes.txt: is a file, not a folder" in line
    assert written(work) == ["notes.txt"]


def _as_an_ordinary_user() -> tuple[str, ...]:
    """A command prefix under which file permissions apply: for root (CI), the export runs without the
    capabilities that let root write and search anywhere, so a read-only folder stops it as it stops a user."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    drop = "-dac_override,-dac_read_search"
    return ("setpriv", "--inh-caps", drop, "--bounding-set", drop)


def test_a_read_only_output_folder_fails_each_file_in_one_line(work):
    out = work / "locked"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = export(work, "-o", "locked", wrapper=_as_an_ordinary_user())
    finally:
        out.chmod(0o755)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(WHOLE_FILE.match(x) and "cannot write here" in x for x in lines), lines
    assert list(out.iterdir()) == []


def test_an_output_path_that_is_a_folder_fails_that_format_only(work):
    (work / "mini.pptx").mkdir()
    (work / "mini.pptx" / "keep.txt").write_text("untouched\n", encoding="utf-8")
    result = export(work)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line == "mini.pptx: is a folder; give a file name to write"
    assert written(work) == ["mini.pdf", "mini.pptx/keep.txt"]


# -- the earlier output survives -------------------------------------------------------------------------


def _earlier_outputs(work: Path) -> dict[str, bytes]:
    assert export(work, "-q").returncode == 0
    return {name: (work / name).read_bytes() for name in ("mini.pptx", "mini.pdf")}


def test_a_failed_export_leaves_the_earlier_outputs_as_they_were(work):
    earlier = _earlier_outputs(work)
    (work / "mini.yaml").write_text(MINI.read_text(encoding="utf-8").replace("statement: Another", "statment: Another"), encoding="utf-8")
    result = export(work)
    assert result.returncode == 1 and LOCATED.match(result.stderr.splitlines()[0])
    assert {name: (work / name).read_bytes() for name in earlier} == earlier
    assert written(work) == sorted(earlier)


def test_an_export_stopped_midway_leaves_the_earlier_outputs_whole_and_no_temporary_files(work):
    earlier = _earlier_outputs(work)
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    base = data["findings"][0]
    data["findings"] = [{**base, "id": f"f{i}", "title": f"Finding {i}: {base['title']}"} for i in range(600)]
    data["timeline"] = []
    (work / "mini.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = export(work, "--timeout", "0.5")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line == "mini.yaml: export took longer than 0.5 s and was stopped (raise --timeout to allow more)"
    assert {name: (work / name).read_bytes() for name in earlier} == earlier
    assert written(work) == sorted(earlier)


def test_a_reader_holding_the_old_output_keeps_it_whole_while_it_is_replaced(work):
    """The POSIX face of a locked file: a viewer has the deck open. The export replaces the name
    atomically; the viewer keeps reading the complete old file, and the new one is complete too."""
    earlier = _earlier_outputs(work)
    (work / "mini.yaml").write_text(MINI.read_text(encoding="utf-8").replace("A one-line headline", "A changed headline"), encoding="utf-8")
    with open(work / "mini.pptx", "rb") as viewer:
        assert export(work, "-q").returncode == 0
        assert viewer.read() == earlier["mini.pptx"]
    assert (work / "mini.pptx").read_bytes() != earlier["mini.pptx"]
    assert "A changed headline" in Presentation(str(work / "mini.pptx")).slides[0].shapes.title.text_frame.text
    assert written(work) == ["mini.pdf", "mini.pptx"]
