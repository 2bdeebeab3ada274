"""Names at the system's limits (found by the hostile-input pass).

* A name longer than the 255 bytes a file name may hold, on the command line or as a brief's
  ``summary:`` or a style sheet's ``parent:``, made ``Path.exists`` / ``is_dir`` / ``is_file``
  raise OSError (ENAMETOOLONG, unlike a missing file): 'internal error: OSError: [Errno 36]'.
  Now it is one located line saying so.
* An input whose name is near that limit could not be exported: the temporary file beside each
  output adds some 25 bytes to the output's name ('cannot write here: File name too long'). 80
  CJK characters are 240 bytes. Now the temporary name is cut to fit.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from hostile_corpus import DATA, run_briefing
from pptx import Presentation
from pypdf import PdfReader

from briefing.atomic import _part_name, remove_stale_parts, write_bytes

MINI = DATA / "valid" / "mini.yaml"
TOO_LONG = "x" * 300


def _one_line_error(result, code: int, *words: str) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("arguments, code, words", [
    (("validate", "b.brief.yaml"), 1, ("b.brief.yaml:2:10: summary file 'x", "File name too long")),
    (("export", "b.brief.yaml", "-f", "pdf"), 1, ("b.brief.yaml:2:10: summary file 'x", "File name too long")),
    (("export", f"{TOO_LONG}.yaml"), 2, (f"briefing export: {TOO_LONG}.yaml: File name too long",)),
    (("export", "mini.yaml", "-o", TOO_LONG), 2, (f"--out {TOO_LONG}: cannot create the folder: File name too long",)),
    (("export", "mini.yaml", "-o", f"{TOO_LONG}/sub"), 2, ("cannot create the folder: File name too long",)),
    (("export", "mini.yaml", "--report", f"{TOO_LONG}.json"), 2, (f"--report {TOO_LONG}.json: File name too long",)),
    (("export", "mini.yaml", "--report", f"{TOO_LONG}/r.json"), 2, ("File name too long",)),
    (("export", "mini.yaml", "-f", "pptx", "--style", TOO_LONG, "--report", "r.json"), 0, ()),
    (("export", "mini.yaml", "-f", "pdf", "--style", TOO_LONG), 2, ("--style: x", "no such PDF style;")),
    (("export", "mini.yaml", "-f", "pdf", "--style", "parent.yaml"), 2, ("parent.yaml:1:9: parent style sheet 'x", "not found")),
    (("import", "article.txt", "-o", f"{TOO_LONG}.yaml"), 1, (f"{TOO_LONG}.yaml: cannot write the draft there: File name too long",)),
], ids=["validate-summary", "export-summary", "export-input", "out", "out-under", "report", "report-under",
        "style-unused", "style-name", "style-parent", "import-output"])
def test_a_name_too_long_is_one_located_line(tmp_path, arguments, code, words):
    shutil.copy(MINI, tmp_path / "mini.yaml")
    (tmp_path / "b.brief.yaml").write_text(f"format: brief/1\nsummary: {TOO_LONG}.yaml\ntitle: T\nfindings:\n  - {{id: f1}}\n",
                                           encoding="utf-8")
    (tmp_path / "parent.yaml").write_text(f"parent: {TOO_LONG}.yaml\n", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Title\n\nA paragraph of article text, long enough to be kept as one.\n", encoding="utf-8")
    result = run_briefing(*arguments, cwd=tmp_path)
    _one_line_error(result, code, *words)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows counts a name's length in UTF-16 units")
@pytest.mark.parametrize("name", ["\u5831" * 80, "y" * 245], ids=["cjk-240-bytes", "latin-250-bytes"])
def test_an_input_named_near_the_limit_is_exported(tmp_path, name):
    source = tmp_path / f"{name}.yaml"
    shutil.copy(MINI, source)
    result = run_briefing("export", source.name, "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(Presentation(str(tmp_path / f"{name}.pptx")).slides) > 1
    assert len(PdfReader(str(tmp_path / f"{name}.pdf")).pages) >= 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.{s}" for s in ("pdf", "pptx", "yaml"))


def test_a_dead_writers_leftover_of_a_long_name_is_still_removed(tmp_path):
    """The cut temporary name still tells whose it is: a dead writer's is removed, another target's is not."""
    target, other = tmp_path / ("z" * 240 + "1.pptx"), tmp_path / ("z" * 240 + "2.pptx")
    write_bytes(target, b"deck")
    pid = _a_dead_pid()
    leftovers = []
    for of in (target, other):
        leftover = tmp_path / f".{_part_name(of.name)}.{pid}.abcdefgh.part"
        leftover.write_bytes(b"half")
        assert len(os.fsencode(leftover.name)) <= 255
        leftovers.append(leftover)
    assert remove_stale_parts(target) == [leftovers[0]]
    assert not leftovers[0].exists() and leftovers[1].exists()


def _a_dead_pid() -> int:
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(sys.platform == "win32", reason="Windows counts a name's length in UTF-16 units")
def test_an_output_name_over_the_limit_is_one_located_line(tmp_path):
    """An input within the limit whose output is not ('b' * 251 + '.yml': its deck would be named
    'b' * 251 + '.pptx', 256 bytes): the atomic writer's Path.is_dir raised ENAMETOOLONG, reported as
    'internal error: OSError: [Errno 36]'. Its PDF (255 bytes) is still written. Found by the red team."""
    name = "b" * 251
    shutil.copy(MINI, tmp_path / f"{name}.yml")
    result = run_briefing("export", f"{name}.yml", "-j", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert f"{name}.pptx: cannot write: File name too long" in result.stderr, result.stderr
    assert len(PdfReader(str(tmp_path / f"{name}.pdf")).pages) >= 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{name}.yml", f"{name}.pdf"])  # no temporary file left
