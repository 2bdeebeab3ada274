"""Validation of summary/1 and brief/1 files: the broken corpus, warnings, and the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError
from briefing.formats.load import check, open_document

DATA = Path(__file__).parent.parent / "data"
BROKEN = DATA / "broken"

# file -> (line:col, words the message must contain)
EXPECTED = {
    "alias-bomb": ("7:29", "alias bomb"),
    "bad-actor-kind": ("7:34", "'kind' is 'company'; expected one of: person"),
    "bad-confidence": ("10:17", "'confidence' is 'extreme'"),
    "bad-likelihood": ("10:17", "'likelihood' is 'probable'"),
    "brief-bad-priority": ("5:24", "'priority' is 'urgent'"),
    "brief-duplicate-selection": ("6:9", "duplicate selected finding id 'f1' (first used on line 5)"),
    "brief-key-judgment-not-bool": ("5:28", "'key_judgment' must be true or false"),
    "brief-missing-summary": ("2:10", "summary file 'no-such-summary.yaml' not found"),
    "brief-missing-title": ("1:1", "missing required field 'title'"),
    "brief-summary-is-a-brief": ("2:10", "is a brief/1 file, not a summary"),
    "brief-unknown-finding": ("6:9", "finding 'f7' is not in the summary"),
    "control-character": ("8:16", "control character U+0007"),
    "date-in-words": ("4:14", "'published' is 'July 2025', not a date"),
    "deep-nesting": ("2:56", "nesting is deeper than"),
    "duplicate-actor-id": ("8:10", "duplicate actor id 'a' (first used on line 7)"),
    "duplicate-finding-id": ("10:9", "duplicate finding id 'f1' (first used on line 7)"),
    "duplicate-key": ("10:5", "duplicate key 'title' (first defined on line 8)"),
    "duplicate-theme-id": ("8:10", "duplicate theme id 't'"),
    "empty-title": ("3:10", "'title' must not be empty"),
    "findings-not-a-list": ("7:3", "'findings' must be a list, not a mapping"),
    "impossible-day": ("10:11", "not a real date (February 2025 has 28 days)"),
    "impossible-month": ("11:12", "not a real date (month 13)"),
    "format-a-list": ("1:9", "'format' must be the text summary/1 or brief/1, not a list"),
    "missing-format": ("1:1", "missing 'format' key"),
    "missing-headline": ("1:1", "missing required field 'headline'"),
    "missing-source-title": ("3:3", "missing required field 'title' in source"),
    "non-utf8": ("8:15", "not valid UTF-8 (byte 0xe9)"),
    "nul-byte": ("8:13", "control character U+0000"),
    "paragraph-not-a-number": ("11:31", "'paragraph' must be a whole number, not the text 'twelve'"),
    "paragraph-zero": ("11:31", "'paragraph' must be at least 1"),
    "python-tag": ("9:16", "tag '!!python/object/apply:os.system' is not allowed"),
    "python-tag-top": ("1:1", "tag '!!python/object:__main__.Exploit' is not allowed"),
    "recursive-alias": ("4:13", "refers to itself"),
    "syntax-bad-indent": ("9:4", "YAML syntax error"),
    "syntax-tab-indent": ("7:1", "YAML syntax error"),
    "syntax-unclosed-flow": ("8:1", "YAML syntax error: while parsing a flow sequence"),
    "timeline-unknown-actor": ("11:43", "unknown actor 'nobody'"),
    "timeline-unknown-finding": ("11:43", "unknown finding 'f9'"),
    "top-level-list": ("1:1", "expected a mapping with a 'format' key, found a list"),
    "two-documents": ("7:1", "only one YAML document per file"),
    "unknown-actor-in-finding": ("12:19", "unknown actor 'pak'"),
    "unknown-alias": ("10:11", "unknown alias '*tags'"),
    "unknown-format-version": ("1:9", "unsupported format 'summary/2'"),
    "unknown-theme": ("12:12", "unknown theme 'economy'; did you mean 'economics'?"),
}


def test_the_corpus_is_complete():
    on_disk = {p.stem for p in BROKEN.glob("*.yaml")}
    assert on_disk == set(EXPECTED), "every broken file needs an expectation, and every expectation a file"
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_rejected_at_the_right_place(name):
    where, words = EXPECTED[name]
    path = BROKEN / f"{name}.yaml"
    errors = [d for d in check(path) if d.is_error]
    assert errors, f"{name} was accepted"
    first = errors[0]
    assert f"{first.line}:{first.col}" == where, str(first)
    assert words in first.message
    assert str(first).startswith(f"{path}:{where}: ")
    with pytest.raises(BriefingError):
        open_document(path)


def test_the_cli_prints_one_line_per_problem_and_exits_1(briefing_cli):
    result = briefing_cli("validate", *sorted(str(p.name) for p in BROKEN.glob("*.yaml")), cwd=BROKEN)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for name, (where, _words) in EXPECTED.items():
        assert f"{name}.yaml:{where}: " in result.stderr, name
    for line in result.stderr.splitlines():
        assert ".yaml:" in line and line.count(":") >= 3, line


def test_the_python_tag_payload_never_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check(BROKEN / "python-tag.yaml")
    assert not (tmp_path / "pwned").exists()


def test_valid_files_load_into_the_model():
    document = open_document(DATA / "valid" / "mini.brief.yaml")
    assert document.is_brief
    assert document.summary.source.published == PartialDate(2025, 8, 5)
    assert [s.id for s in document.brief_file.findings] == ["f2", "f1"]
    brief = document.build()
    assert [f.headline for f in brief.findings] == ["The second finding.", "An override headline."]
    assert brief.marking == "UNCLASSIFIED // FOR TESTS"
    assert [f.id for f in brief.key_judgments] == ["f2"]
    assert [a.name for a in brief.findings[1].actors] == ["United States", "Pakistan"]


def _summary(tmp_path, body: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text("format: summary/1\nsource: {title: T}\nheadline: H\nbluf: B\n" + body, encoding="utf-8")
    return path


def test_yaml_1_1_surprises_do_not_corrupt_text(tmp_path):
    path = _summary(
        tmp_path,
        "actors:\n  - {id: no, name: NO, kind: state, role: 3.10}\n"
        "findings:\n  - {id: f1, title: 1984, statement: yes, date: 2025, tags: [on, off, 0x1F, 1_000]}\n",
    )
    summary = open_document(path).summary
    actor = summary.actors[0]
    assert (actor.id, actor.name, actor.role) == ("no", "NO", "3.10")
    finding = summary.findings[0]
    assert (finding.title, finding.statement) == ("1984", "yes")
    assert finding.date == PartialDate(2025)
    assert finding.tags == ("on", "off", "0x1F", "1_000")


def test_warnings_do_not_fail_validation(tmp_path):
    path = _summary(tmp_path, "findings: []\n")
    diagnostics = check(path)
    assert diagnostics and not any(d.is_error for d in diagnostics)
    assert "no findings yet" in diagnostics[0].message
    assert str(diagnostics[0]).startswith(f"{path}:5:11: warning: ")
    assert open_document(path).summary.findings == ()


def test_a_finding_without_evidence_and_an_unknown_field_are_warnings(tmp_path):
    path = _summary(tmp_path, "findings:\n  - {id: f1, title: T, statement: S, confidance: high}\n")
    messages = [d.message for d in check(path)]
    assert "finding 'f1' has no evidence" in messages
    assert "unknown field 'confidance' (ignored); did you mean 'confidence'?" in messages


def test_escaped_control_characters_become_line_breaks_or_spaces_never_replacement_marks(tmp_path):
    path = _summary(tmp_path, 'findings:\n  - {id: f1, title: "a\\vb\\x00c\\fd\\ae\\ef\\x9bg", statement: S}\n')
    assert open_document(path).summary.findings[0].title == "a\nb c\nd e f g"


def test_a_huge_file_is_refused_before_parsing(tmp_path, monkeypatch):
    import briefing.formats.yamlread as yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 1000)
    path = _summary(tmp_path, "findings: []\n# " + "x" * 2000 + "\n")
    (error,) = check(path)
    assert "file is too large" in error.message


def test_missing_file_and_folder_are_one_line_errors(tmp_path):
    assert "no such file" in check(tmp_path / "absent.yaml")[0].message
    assert "is a folder" in check(tmp_path)[0].message


def test_a_utf8_bom_is_accepted(tmp_path):
    path = _summary(tmp_path, "findings: []\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert not any(d.is_error for d in check(path))


@pytest.mark.parametrize("value, said", [("null", "nothing (null)"), ("~", "nothing (null)"), ("true", "true"), ("false", "false"),
                                         ("2", "the number 2")])
def test_a_format_that_is_not_text_is_named_in_the_files_words(tmp_path, value, said):
    """'format: null' said "not 'None'" (Python's word for it, not the file's); found by the fuzz pass."""
    path = tmp_path / "s.yaml"
    path.write_text(f"format: {value}\nheadline: H\n", encoding="utf-8")
    (error,) = check(path)
    assert (error.line, error.col) == (1, 9)
    assert error.message == f"'format' must be the text summary/1 or brief/1, not {said}"
