"""File names that are not UTF-8 (Linux names are bytes: b'\\xff' reaches Python as '\\udcff').

Printed to a strict UTF-8 stream (PYTHONIOENCODING=utf-8, or any UTF-8 locale other than C),
or written into a UTF-8 file, such a name ended the command with 'internal error:
UnicodeEncodeError'. Every line stays printable (the byte shown as an escape) and every file
is written.
"""

from __future__ import annotations

import os
import sys

import pytest
from hostile_corpus import DATA, run_briefing

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")


def test_a_batch_prints_such_names_as_escapes(tmp_path):
    (tmp_path / os.fsdecode(b"good\xff.yaml")).write_bytes((DATA / "valid" / "mini.yaml").read_bytes())
    (tmp_path / os.fsdecode(b"bad\xfe.yaml")).write_text("format: summary/1\n", encoding="utf-8")
    result = run_briefing("export", ".", "-f", "pdf", cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 1, result.stderr  # one input is invalid, the other exported
    assert "internal error" not in result.stderr
    printed = (result.stdout + result.stderr).splitlines()
    # Two workers: either file may finish first.
    assert {"[1/2] bad\\udcfe.yaml: failed", "[2/2] bad\\udcfe.yaml: failed"} & set(printed), printed
    assert {"[1/2] good\\udcff.yaml -> good\\udcff.pdf", "[2/2] good\\udcff.yaml -> good\\udcff.pdf"} & set(printed), printed
    assert (tmp_path / os.fsdecode(b"good\xff.pdf")).stat().st_size > 0


def test_import_of_such_an_article_writes_its_draft(tmp_path):
    article = tmp_path / os.fsdecode(b"article\xff.txt")
    article.write_text("Title\n\nA paragraph of article text, long enough to be kept as one.\n", encoding="utf-8")
    result = run_briefing("import", article.name, "-o", "draft.yaml", cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 0, result.stderr
    assert "# Draft summary of article\\udcff.txt" in (tmp_path / "draft.yaml").read_text(encoding="utf-8")
