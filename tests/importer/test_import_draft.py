"""The draft summary: valid with warnings, reads back as written, numbered, deterministic."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.formats.load import check
from briefing.formats.yamlread import parse_yaml
from briefing.importer.article import import_article
from briefing.importer.draft import draft_summary, render_draft

ARTICLE = """Budget Day: What Changes
By Jane Doe | June 10, 2025
The finance ministry announced a new budget on Monday after weeks of negotiation with lenders.
Image 1: Ministry of Finance
In March, officials first floated the idea of a wealth tax; it was dropped in early May.
“The finance ministry announced a new budget on Monday after weeks of negotiation”
Critics said: “It is NO answer — not for 3.10 million farmers.”
Share this:
"""


def write_draft(write_article, text: str = ARTICLE) -> tuple[Path, str]:
    article = import_article(write_article(text))
    output = article.path.with_suffix(".yaml")
    rendered = render_draft(article, output)
    output.write_text(rendered, encoding="utf-8")
    return output, rendered


def test_draft_reads_back_as_the_data_written(write_article):
    output, rendered = write_draft(write_article)
    article = import_article(output.with_suffix(".txt"))
    assert parse_yaml(rendered).data == draft_summary(article)


def test_draft_carries_metadata_paragraphs_and_timeline(write_article):
    output, rendered = write_draft(write_article)
    data = parse_yaml(rendered).data
    assert data["source"]["title"] == "Budget Day: What Changes"
    assert data["source"]["authors"] == ["Jane Doe"]
    assert data["source"]["published"] == "2025-06-10"
    assert data["source"]["paragraphs"][2] == "Critics said: “It is NO answer — not for 3.10 million farmers.”"  # text as written
    assert len(data["source"]["paragraphs"]) == 3
    assert [e["date"] for e in data["timeline"]] == ["2025-03"]
    assert data["findings"] == [] and data["headline"].startswith("TODO:")


def test_each_paragraph_is_preceded_by_its_number(write_article):
    _, rendered = write_draft(write_article)
    numbers = re.findall(r"^  # paragraph (\d+)\n  - ", rendered, re.M)
    assert numbers == ["1", "2", "3"]


def test_schema_header_points_at_the_real_schema(write_article):
    output, rendered = write_draft(write_article)
    first = rendered.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    link = first.split("=", 1)[1]
    assert (output.parent / link).resolve().name == "summary.schema.json"
    assert (output.parent / link).resolve().is_file()


def test_same_article_same_bytes(write_article):
    _, first = write_draft(write_article)
    _, second = write_draft(write_article)
    assert first == second


def test_draft_is_valid_with_placeholder_warnings(write_article):
    output, _ = write_draft(write_article, ARTICLE.split("\n", 1)[1])  # no headline line: the title is a placeholder
    diagnostics = check(output)
    assert not any(d.is_error for d in diagnostics)
    placeholders = sorted(d.message.split("'")[1] for d in diagnostics if "placeholder" in d.message)
    assert placeholders == ["bluf", "headline", "source.title"]


def test_a_wrong_quote_added_to_the_draft_is_an_error_at_its_line(write_article):
    output, rendered = write_draft(write_article)
    finding = (
        "findings:\n"
        "- id: wealth-tax\n"
        "  title: The wealth tax was floated and dropped.\n"
        "  statement: Officials floated a wealth tax in March.\n"
        "  evidence:\n"
        "  - quote: officials first floated the idea of a wealth tax\n"
        "    paragraph: 1\n"
        "  - quote: officials floated a wealth tax\n"
        "    paragraph: 2\n"
    )
    text = rendered.replace("findings: []\n", finding)
    output.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    errors = [d for d in check(output) if d.is_error]
    assert [(d.line, d.message.split(";")[0]) for d in errors] == [
        (lines.index("  - quote: officials first floated the idea of a wealth tax") + 1, "quote is in paragraph 2, not 1"),
        (lines.index("  - quote: officials floated a wealth tax") + 1, "quote is not in paragraph 2 or anywhere else in the article"),
    ]


def test_a_page_whose_title_and_authors_hold_nothing_visible_gives_a_valid_draft(write_article):
    """A <title> of a NUL or a bidi mark, an author of a zero-width space: the draft held them, and its
    own validation refused it ('title' must not be empty); found by the fuzz pass. Now such a value
    counts as missing, and controls inside a value become spaces, as everywhere else."""
    page = ("<html><head><title>\x00</title><meta name='author' content='\u200b'></head><body>"
            "<p>A paragraph of article text, long enough to be kept as one.</p></body></html>")
    article = import_article(write_article(page, "page.html"))
    assert article.metadata.title is None and article.metadata.authors == ()
    output = article.path.with_suffix(".yaml")
    output.write_text(render_draft(article, output), encoding="utf-8")
    assert [str(d) for d in check(output) if d.is_error] == []
    for title in ("\u202e", " \t\u2066 "):
        article = import_article(write_article(page.replace("\x00", title), "page.html"))
        assert article.metadata.title is None
    article = import_article(write_article(page.replace("\x00", "Budget\x07 Day"), "page.html"))
    assert article.metadata.title == "Budget Day"
