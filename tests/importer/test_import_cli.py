"""``briefing import`` as a user runs it: exit codes, one-line errors, no overwriting by accident."""

from __future__ import annotations

import os
import stat

from tests.conftest import run_briefing

ARTICLE = "The finance ministry announced a new budget on Monday.\nIn March, officials floated a wealth tax.\n"


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_import_writes_the_draft_beside_the_article(write_article):
    article = write_article(ARTICLE, name="budget.txt")
    result = run_briefing("import", str(article))
    assert result.returncode == 0, result.stderr
    draft = article.with_name("budget.yaml")
    assert draft.is_file()
    assert f"wrote {draft}: 2 paragraphs" in result.stdout
    assert run_briefing("validate", str(draft)).returncode == 0


def test_import_refuses_to_overwrite_without_force(write_article):
    article = write_article(ARTICLE, name="budget.txt")
    existing = article.with_name("budget.yaml")
    existing.write_text("analyst's work\n", encoding="utf-8")
    result = run_briefing("import", str(article))
    assert_one_line_error(result, str(existing), "already exists; use --force to overwrite it")
    assert existing.read_text(encoding="utf-8") == "analyst's work\n"
    forced = run_briefing("import", str(article), "--force")
    assert forced.returncode == 0, forced.stderr
    assert existing.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_import_to_a_named_output(write_article, tmp_path):
    article = write_article(ARTICLE)
    output = tmp_path / "drafts" / "budget-draft.yaml"
    missing_folder = run_briefing("import", str(article), "-o", str(output))
    assert_one_line_error(missing_folder, "does not exist")
    output.parent.mkdir()
    result = run_briefing("import", str(article), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.is_file()
    assert [p.name for p in output.parent.iterdir()] == ["budget-draft.yaml"]  # no temporary file left


def test_import_never_writes_over_the_article(write_article):
    article = write_article(ARTICLE)
    result = run_briefing("import", str(article), "-o", str(article), "--force")
    assert_one_line_error(result, "is the article itself")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_import_never_replaces_a_pipe_or_device_even_with_force(write_article, tmp_path):
    # The atomic write replaced it with the draft: as root, '-o /dev/null --force' replaced the device.
    article = write_article(ARTICLE)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = run_briefing("import", str(article), "-o", str(pipe), "--force")
    assert_one_line_error(result, str(pipe), "is not a regular file")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_missing_and_unsupported_articles_fail_with_one_line(tmp_path):
    assert_one_line_error(run_briefing("import", str(tmp_path / "nope.txt")), "nope.txt", "no such file")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert_one_line_error(run_briefing("import", str(pdf)), "cannot import '.pdf' files")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xfe\n")
    assert_one_line_error(run_briefing("import", str(bad)), "bad.txt:2:1:", "not valid UTF-8")


def test_validate_source_reports_quotes_with_their_lines(write_article, tmp_path):
    article = write_article(ARTICLE)
    summary = tmp_path / "summary.yaml"
    summary.write_text(
        "format: summary/1\n"
        "source: {title: Budget}\n"
        "headline: The budget is out.\n"
        "bluf: A new budget was announced.\n"
        "findings:\n"
        "  - id: tax\n"
        "    title: A wealth tax was floated.\n"
        "    statement: Officials floated a wealth tax.\n"
        "    evidence:\n"
        "      - {quote: officials floated a wealth tax, paragraph: 1}\n"
        "      - {quote: officials sank a wealth tax, paragraph: 2}\n",
        encoding="utf-8",
    )
    result = run_briefing("validate", str(summary), "--source", str(article))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{summary}:10:17: quote is in paragraph 2, not 1",
        f"{summary}:11:17: quote is not in paragraph 2 or anywhere else in the article; closest is paragraph 2: officials floated a wealth tax.",
    ]
    missing = run_briefing("validate", str(summary), "--source", str(tmp_path / "gone.txt"))
    assert missing.returncode == 1 and "gone.txt: no such file" in missing.stderr
