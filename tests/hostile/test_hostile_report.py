"""``--report PATH`` may never replace a file the run reads or writes.

The report is JSON written at the end of a run; named after an input, a
brief's summary or an output it would destroy that file with exit 0. It is
compared as a file on disk (``..``, symbolic and hard links) and refused
before anything is written: exit 2, one ``briefing export:`` line.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from hostile_corpus import DATA, run_briefing

MINI = DATA / "valid" / "mini.yaml"


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "a.yaml").write_bytes(MINI.read_bytes())
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.yaml").write_bytes(MINI.read_bytes())
    (tmp_path / "b.brief.yaml").write_text(
        "format: brief/1\nsummary: shared/s.yaml\ntitle: A brief\nfindings: []\n", encoding="utf-8"
    )
    (tmp_path / "style.yaml").write_text("parent: default\n", encoding="utf-8")
    os.symlink("a.yaml", tmp_path / "link-to-input.json")
    os.link(tmp_path / "shared" / "s.yaml", tmp_path / "hard-link-to-summary.json")
    (tmp_path / "other.yaml").write_bytes(MINI.read_bytes())
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


CASES = {
    "a.yaml": "is the input a.yaml",
    "./shared/../a.yaml": "is the input a.yaml",
    "link-to-input.json": "is the input a.yaml",
    "a.pdf": "is the pdf export of a.yaml",
    "a.pptx": "is the pptx export of a.yaml",
    "b.brief.pdf": "is the pdf export of b.brief.yaml",
    "shared/s.yaml": "is the summary of the brief b.brief.yaml",
    "hard-link-to-summary.json": "is the summary of the brief b.brief.yaml",
    "style.yaml": "is the --style file",
    "other.yaml": "is a summary/1 file",
    # On a case-insensitive folder these are the same files; the outputs do not exist yet when
    # the report is checked, so the names are compared without case everywhere.
    "A.yaml": "is the input a.yaml",
    "A.PDF": "is the pdf export of a.yaml",
    "b.Brief.Pdf": "is the pdf export of b.brief.yaml",
}


@pytest.mark.parametrize("report", sorted(CASES))
def test_a_report_naming_a_file_of_the_run_is_refused_before_anything_is_written(work, report):
    before = snapshot(work)
    result = run_briefing("export", "a.yaml", "b.brief.yaml", "--style", "style.yaml", "--report", report, cwd=work)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"briefing export: --report {report}: {CASES[report]}; the report would replace it"), line
    assert snapshot(work) == before  # nothing written, nothing replaced


def test_a_report_over_last_runs_outputs_is_refused_too(work):
    assert run_briefing("export", "a.yaml", "-q", cwd=work).returncode == 0
    os.link(work / "a.pdf", work / "pdf-alias.json")
    before = snapshot(work)
    result = run_briefing("export", "a.yaml", "--report", "pdf-alias.json", cwd=work)
    assert result.returncode == 2
    assert "is the pdf export of a.yaml" in result.stderr
    assert snapshot(work) == before


def test_a_report_elsewhere_is_written(work):
    result = run_briefing("export", "a.yaml", "b.brief.yaml", "-q", "--report", "run.json", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "run.json").read_text(encoding="utf-8").startswith("{")
    assert (work / "a.yaml").read_bytes() == MINI.read_bytes()


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_still_gets_a_valid_report(tmp_path):
    """The report ended in 'internal error: UnicodeEncodeError ... surrogates not allowed', and no report."""
    name = os.fsdecode(b"bad\xff.yaml")
    (tmp_path / name).write_bytes(MINI.read_bytes())
    result = run_briefing("export", ".", "-f", "pdf", "-q", "--report", "run.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))["files"]
    assert record["path"] == "bad\\xff.yaml"  # the byte's escape, as os.fsencode + backslashreplace writes it
