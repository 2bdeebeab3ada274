"""``briefing export``, the real command, over the whole corpus.

Refused files: exit 1, one located line each, nothing written. Valid but hostile
files: exit 0, and both outputs, read back, carry the text exactly as written:
markup as text, payloads inert, control characters replaced (never ``_x000B_``
debris), only http, https and mailto ever a link, long tokens whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_corpus import (
    DATA,
    LOCATED,
    SHELL_MARKERS,
    WHOLE_FILE,
    Literal,
    Refused,
    all_refused,
    literals,
    sibling_module,
)
from pypdf import PdfReader

deck_helpers = sibling_module("deck", "deck_helpers")
pdf_helpers = sibling_module("pdf", "pdf_helpers")

LINK_SCHEMES = re.compile(r"^(https?://|mailto:)", re.I)


# -- refused ------------------------------------------------------------------------------------------


def test_a_batch_of_refused_files_exits_1_with_one_clean_line_per_problem(refused_export):
    run = refused_export
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "internal error" not in run.stderr
    for line in run.stderr.splitlines():
        assert LOCATED.match(line) or WHOLE_FILE.match(line), line
    assert len(run.records) == len(all_refused()) + 1
    assert all(r["status"] == "failed" and r["outputs"] == [] for r in run.records.values())
    assert not any(run.out.iterdir())  # and no temporary files either


@pytest.mark.parametrize("case", all_refused(), ids=lambda c: c.id)
def test_each_refused_file_fails_at_its_first_problem(refused_export, case: Refused):
    shown = str(case.path.relative_to(DATA))
    _assert_first_error(refused_export, case, shown)


def test_a_file_over_the_size_limit_is_refused_unread(refused_export, huge_file):
    _assert_first_error(refused_export, huge_file, str(huge_file.path))


def _assert_first_error(run, case: Refused, shown: str) -> None:
    record = run.records[shown]
    first = record["errors"][0]
    line = f"{first['file']}:{first['line']}:{first['col']}: {first['message']}" if first["line"] else f"{first['file']}: {first['message']}"
    assert case.matches(line, shown), line
    assert line in run.stderr.splitlines()


# -- valid but hostile -----------------------------------------------------------------------------------


def _outputs(run, case: Literal) -> tuple[Path, Path]:
    record = run.records[f"in/{case.name}"]
    assert record["status"] == "ok", record["errors"]
    stem = case.name.removesuffix(".yaml")
    deck, pdf = run.out / f"{stem}.pptx", run.out / f"{stem}.pdf"
    assert sorted(run.cwd / o["path"] for o in record["outputs"]) == [pdf, deck]
    return deck, pdf


def deck_text(path: Path) -> str:
    return deck_helpers.flat("\n".join(deck_helpers.slide_texts(path) + deck_helpers.notes_texts(path)))


def pdf_text(path: Path) -> str:
    """pypdf's text of every page, whitespace removed (lines break anywhere in a long token)."""
    return "".join("".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def deck_links(path: Path) -> list[str]:
    rels = "".join(xml for name, xml in deck_helpers.xml_parts(path).items() if name.endswith(".rels"))
    return re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)


def test_the_hostile_batch_exits_0_and_runs_no_payload(literal_export):
    run = literal_export
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    for line in run.stderr.splitlines():
        assert (LOCATED.match(line) or WHOLE_FILE.match(line)) and "warning:" in line, line
    created = [p for p in run.cwd.rglob("*") if p.name in SHELL_MARKERS]
    assert created == []
    assert sorted(p.name for p in run.cwd.iterdir()) == ["in", "out", "out-report.json"]


@pytest.mark.parametrize("case", literals(), ids=lambda c: c.name)
def test_the_deck_prints_the_text_as_written(literal_export, case: Literal):
    deck, _ = _outputs(literal_export, case)
    text = deck_text(deck)
    for phrase in case.phrases + case.deck_only + case.long_tokens:
        assert deck_helpers.flat(phrase) in text, phrase[:80]
    for name, xml in deck_helpers.xml_parts(deck).items():
        assert not re.search(r"_x[0-9A-Fa-f]{4}_", xml), name
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), name
    assert all(LINK_SCHEMES.match(target) for target in deck_links(deck))


@pytest.mark.parametrize("case", literals(), ids=lambda c: c.name)
def test_the_pdf_prints_the_text_as_written(literal_export, case: Literal):
    _, pdf = _outputs(literal_export, case)
    pdf_helpers.check_pdf(pdf)
    text = pdf_text(pdf)
    for phrase in case.phrases:
        assert "".join(phrase.split()) in text, phrase[:80]
    for token in case.long_tokens:
        assert text.count(token[0]) >= len(token), token[:20]
    assert len(PdfReader(str(pdf)).pages) >= case.pdf_pages_at_least
    assert all(LINK_SCHEMES.match(t) or t == "internal" for t in pdf_helpers.link_targets(pdf))


def test_no_scheme_but_http_https_and_mailto_becomes_a_link(literal_export):
    """javascript:, file:, data: and friends stay text in both outputs; the control file's https link is live,
    so the link checks above can see a link when there is one."""
    run = literal_export
    for case in literals():
        deck, pdf = _outputs(run, case)
        assert deck_links(deck) == [], case.name
        assert [t for t in pdf_helpers.link_targets(pdf) if t != "internal"] == [], case.name
    control = run.out / "mini.pptx"
    assert deck_links(control) == ["https://example.org/article"]
    assert "https://example.org/article" in pdf_helpers.link_targets(run.out / "mini.pdf")
