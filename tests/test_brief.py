"""build_brief: pure resolution of a summary and a selection into the brief exporters render."""

from __future__ import annotations

from briefing.brief import build_brief
from briefing.formats.load import open_document
from briefing.icd203 import describe, likelihood_range
from briefing.model import BriefFile, Selection


def test_a_summary_alone_gives_every_finding_in_file_order(example_summary):
    summary = open_document(example_summary).summary
    brief = build_brief(summary)
    assert [f.id for f in brief.findings] == [f.id for f in summary.findings]
    assert [f.number for f in brief.findings] == list(range(1, len(summary.findings) + 1))
    assert brief.title == summary.headline and brief.marking is None
    assert [e.date.sort_key for e in brief.timeline] == sorted(e.date.sort_key for e in summary.timeline)


def test_a_selection_orders_overrides_and_flags(example_summary):
    summary = open_document(example_summary).summary
    first, second = summary.findings[3], summary.findings[0]
    selection = BriefFile(
        summary="x.yaml",
        title="T",
        marking="SECRET",
        findings=(
            Selection(first.id, title="Override", note="n", priority="high", key_judgment=True),
            Selection(second.id),
            Selection("no-such-id"),
        ),
    )
    brief = build_brief(summary, selection)
    assert [f.id for f in brief.findings] == [first.id, second.id]
    assert brief.findings[0].headline == "Override" and brief.findings[1].headline == second.title
    assert brief.findings[0].note == "n" and brief.findings[1].note is None
    assert [f.id for f in brief.key_judgments] == [first.id]
    assert brief.marking == "SECRET"


def test_build_brief_is_pure(example_brief):
    document = open_document(example_brief)
    assert document.build() == document.build()


def test_icd203_words_and_ranges():
    assert likelihood_range("roughly even chance") == "45\u201355%"
    assert describe("moderate", "likely") == "Likely (55\u201380%) \u00b7 moderate confidence"
    assert describe("high", None) == "High confidence"
