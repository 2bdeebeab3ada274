"""File names that are not UTF-8 (Linux names are bytes: b'\\xff' reaches Python as '\\udcff').

Printed to a strict UTF-8 stream (PYTHONIOENCODING=utf-8, or any UTF-8 locale other than C),
or written into a UTF-8 file, such a name ended the command with 'internal error:
UnicodeEncodeError'. Then it printed as '\\udcff', a character that does not exist, and the
report held the escape of a lone surrogate, which strict JSON readers refuse. Everywhere a name
is shown it is now the byte's escape, ``bad\\xff.yaml``, as ``os.fsencode`` + ``backslashreplace``
writes it: every line, the report, the draft's header.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hostile_corpus import DATA, run_briefing

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="only Linux folders hold names that are not UTF-8")

MINI = DATA / "valid" / "mini.yaml"
TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "deck" / "default.pptx"


def _name(raw: bytes) -> str:
    return os.fsdecode(raw)


def _shown(raw: bytes) -> str:
    return raw.decode("utf-8", "backslashreplace")


def _no_surrogate(text: str) -> None:
    assert "\\udc" not in text and not any("\ud800" <= c <= "\udfff" for c in text), text
    assert "internal error" not in text and "Traceback" not in text, text


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_a_batch_shows_such_names_as_byte_escapes_in_its_lines_and_its_report(tmp_path, encoding):
    (tmp_path / _name(b"good\xff.yaml")).write_bytes(MINI.read_bytes())
    (tmp_path / _name(b"bad\xfe.yaml")).write_text("format: summary/1\n", encoding="utf-8")
    (tmp_path / _name(b"syntax\xfd.yaml")).write_text("format: summary/1\nsource: [\n", encoding="utf-8")
    result = run_briefing("export", ".", "-f", "pdf", "-j", "1", "--report", "run.json", cwd=tmp_path,
                          PYTHONIOENCODING=encoding)
    assert result.returncode == 1, result.stderr  # two inputs are invalid, the other exported
    _no_surrogate(result.stdout + result.stderr)
    printed = (result.stdout + result.stderr).splitlines()
    assert "[1/3] bad\\xfe.yaml: failed" in printed, printed
    assert "[2/3] good\\xff.yaml -> good\\xff.pdf" in printed, printed
    assert any(line.startswith("syntax\\xfd.yaml:3:") for line in printed), printed
    assert (tmp_path / _name(b"good\xff.pdf")).stat().st_size > 0
    text = (tmp_path / "run.json").read_text(encoding="utf-8")
    _no_surrogate(text)
    records = {r["path"]: r for r in json.loads(text)["files"]}
    assert set(records) == {_shown(b"bad\xfe.yaml"), _shown(b"good\xff.yaml"), _shown(b"syntax\xfd.yaml")}
    assert records[_shown(b"good\xff.yaml")]["outputs"][0]["path"] == _shown(b"good\xff.pdf")
    assert {e["file"] for e in records[_shown(b"syntax\xfd.yaml")]["errors"]} == {_shown(b"syntax\xfd.yaml")}


def test_a_batch_stopped_by_a_usage_error_shows_the_names(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / _name(b"a\xff.yaml")).write_bytes(MINI.read_bytes())
    (tmp_path / "in" / _name(b"a\xff.pdf")).mkdir()  # the output path is a folder
    template = _name(b"deck\xfe.pptx")
    result = run_briefing("export", "in", "--template", template, cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 2
    _no_surrogate(result.stderr)
    assert "deck\\xfe.pptx" in result.stderr, result.stderr


def test_validate_locates_problems_in_such_a_file(tmp_path):
    (tmp_path / _name(b"broken\xff.yaml")).write_text("format: summary/1\nsource: [\n", encoding="utf-8")
    result = run_briefing("validate", _name(b"broken\xff.yaml"), _name(b"absent\xfe.yaml"), cwd=tmp_path,
                          PYTHONIOENCODING="utf-8")
    assert result.returncode == 1
    _no_surrogate(result.stdout + result.stderr)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("broken\\xff.yaml:3:"), lines
    assert lines[-1].startswith("absent\\xfe.yaml: "), lines


def test_template_info_names_such_a_template(tmp_path):
    (tmp_path / _name(b"deck\xff.pptx")).write_bytes(b"not a zip")
    result = run_briefing("template-info", _name(b"deck\xff.pptx"), cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 1
    _no_surrogate(result.stdout + result.stderr)
    assert result.stderr.startswith("deck\\xff.pptx: "), result.stderr
    (tmp_path / _name(b"deck\xff.pptx")).write_bytes(TEMPLATE.read_bytes())
    result = run_briefing("template-info", _name(b"deck\xff.pptx"), cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 0, result.stderr
    _no_surrogate(result.stdout + result.stderr)
    assert result.stdout.startswith("deck\\xff.pptx: page "), result.stdout


def test_import_of_such_an_article_writes_its_draft_and_says_so(tmp_path):
    article = tmp_path / _name(b"article\xff.txt")
    article.write_text("Title\n\nA paragraph of article text, long enough to be kept as one.\n", encoding="utf-8")
    result = run_briefing("import", article.name, "-o", _name(b"draft\xfe.yaml"), cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert result.returncode == 0, result.stderr
    _no_surrogate(result.stdout + result.stderr)
    assert result.stdout.startswith("wrote draft\\xfe.yaml: ")
    assert "# Draft summary of article\\xff.txt" in (tmp_path / _name(b"draft\xfe.yaml")).read_text(encoding="utf-8")
    again = run_briefing("import", article.name, "-o", _name(b"draft\xfe.yaml"), cwd=tmp_path, PYTHONIOENCODING="utf-8")
    assert again.returncode == 1 and again.stderr.startswith("draft\\xfe.yaml: already exists"), again.stderr


def test_a_brief_of_such_a_summary_is_not_saved_unreadable(tmp_path):
    """A brief names its summary in UTF-8 text; YAML wrote such a name as '\\udcff', an escape no
    YAML reader accepts, so the saved brief could never be opened again. The save is refused
    with one line naming the file as the user sees it, and the session keeps the work."""
    from briefing.diagnostics import BriefingError
    from briefing.session import BriefSession

    summary = tmp_path / _name(b"case\xff.yaml")
    summary.write_bytes(MINI.read_bytes())
    session = BriefSession()
    session.open(summary)
    session.select([session.summary.findings[0].id]).redo()
    with pytest.raises(BriefingError) as refused:
        session.dump(tmp_path / "case.brief.yaml")
    message = str(refused.value)
    _no_surrogate(message)
    assert _shown(b"case\xff.yaml") in message and "rename the summary" in message
    assert [f.id for f in session.brief().findings] == [session.summary.findings[0].id]  # exports still work
