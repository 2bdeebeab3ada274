"""Quotes against their paragraphs: spans in the text as written, errors that say where the quote is."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.formats.load import check, open_document
from briefing.formats.quotes import check_quotes, find_quote, normalized_with_offsets
from briefing.formats.yamlread import parse_yaml
from briefing.importer.sourcecheck import check_quotes_against
from briefing.text import normalize_for_match

PARAGRAPHS = [
    "The minister said the deal was “a new chapter” — and a test.",
    "Critics called it a\u00a0gamble:  ‘too much, too soon’… for now.",
    "Nothing else happened.",
]


@pytest.mark.parametrize(
    "paragraph, quote, expected",
    [
        (PARAGRAPHS[0], '"a new chapter" - and a test', "“a new chapter” — and a test"),
        (PARAGRAPHS[0], "The minister said", "The minister said"),
        (PARAGRAPHS[1], "a gamble: 'too much, too soon'...", "a\u00a0gamble:  ‘too much, too soon’…"),
        (PARAGRAPHS[1], "  called it\n a gamble ", "called it a\u00a0gamble"),
        ("Caf\u0065\u0301 owners protested.", "Café owners", "Caf\u0065\u0301 owners"),  # decomposed é in the text
    ],
)
def test_find_quote_returns_the_span_as_written(paragraph, quote, expected):
    span = find_quote(paragraph, quote)
    assert span is not None
    assert paragraph[span[0] : span[1]] == expected


@pytest.mark.parametrize("quote", ["a new chapter and a test", "the minister said", "", "   ", "Nothing else happened. More"])
def test_find_quote_is_verbatim(quote):
    assert all(find_quote(p, quote) is None for p in PARAGRAPHS)


_TEXT = st.text(
    alphabet=st.sampled_from(list("ab c.\n\t") + ["\u00a0", "\u2019", "\u201c", "\u2014", "\u2026", "\u0301", "e", "\u00e9", "\u3000"]),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_offsets_normalise_exactly_like_the_text_module(text):
    assert normalized_with_offsets(text)[0] == normalize_for_match(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_any_passage_of_a_paragraph_is_found_where_it_is(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote = text[start:end]
    if not normalize_for_match(quote) or unicodedata.combining(quote[:1] or "a") or unicodedata.combining(text[end : end + 1] or "a"):
        return  # a passage that splits a letter from its accent is not a passage
    span = find_quote(text, quote)
    assert span is not None
    assert normalize_for_match(quote) in normalize_for_match(text[span[0] : span[1]])  # "…" is one character holding "..."


SUMMARY = """format: summary/1
source:
  title: Deal
headline: A deal was made.
bluf: The minister made a deal; critics doubt it.
findings:
  - id: deal
    title: The deal opens a new chapter.
    statement: The minister presented the deal as a new chapter.
    evidence:
      - quote: “a new chapter”
        paragraph: 1
      - quote: >-
          too much,
          too soon
        paragraph: 1
      - quote: a new chapter, and a test
        paragraph: 3
      - quote: Nothing else happened
        paragraph: 9
"""


NOWHERE_3 = "quote is not in paragraph 3 or anywhere else in the article"


def test_check_quotes_names_the_right_paragraph_and_line():
    doc = parse_yaml(SUMMARY, "s.yaml")
    problems = check_quotes("s.yaml", doc.data, PARAGRAPHS, doc)
    assert [str(p) for p in problems] == [
        "s.yaml:13:16: quote is in paragraph 2, not 1",
        "s.yaml:17:16: quote is not in paragraph 3 or anywhere else in the article; closest is paragraph 1: “a new chapter” — and a test.",
        "s.yaml:19:16: quote is in paragraph 3, not 9",
    ]


def test_check_quotes_accepts_the_model_and_works_without_lines(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SUMMARY, encoding="utf-8")
    summary = open_document(path).summary
    problems = check_quotes(str(path), summary, PARAGRAPHS)
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [(0, "quote is in paragraph 2, not 1"), (0, NOWHERE_3), (0, "quote is in paragraph 3, not 9")]


def test_quote_found_in_several_paragraphs_names_them_all():
    data = {"findings": [{"evidence": [{"quote": "happened", "paragraph": 3}]}]}
    problems = check_quotes("s.yaml", data, ["It happened.", "Then it happened again.", "Nothing."])
    assert [p.message for p in problems] == ["quote is in paragraphs 1 and 2, not 3"]


def test_quote_citing_a_missing_paragraph_and_found_nowhere():
    doc = parse_yaml(SUMMARY, "s.yaml")
    problems = check_quotes("s.yaml", doc.data, ["Only one paragraph."], doc)
    assert problems[-1].message == "quote is not in the article, and paragraph 9 does not exist (the article has 1)"


def with_paragraphs(text: str, paragraphs: list[str]) -> str:
    lines = "".join(f"    - {_quoted(p)}\n" for p in paragraphs)
    return text.replace("  title: Deal\n", "  title: Deal\n  paragraphs:\n" + lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_validation_checks_quotes_when_the_summary_carries_its_paragraphs(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(with_paragraphs(SUMMARY, PARAGRAPHS), encoding="utf-8")
    errors = [d for d in check(path) if d.is_error]
    messages = [(d.line, d.message.split(";")[0]) for d in errors]
    assert (17, "quote is in paragraph 2, not 1") in messages
    assert (21, NOWHERE_3) in messages
    assert (23, "quote is in paragraph 3, not 9") in messages
    assert any(d.line == 24 and "paragraph 9 does not exist" in d.message for d in errors)  # the range check of load.py


def test_against_an_article_with_the_same_paragraphs_reports_once(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(with_paragraphs(SUMMARY, PARAGRAPHS), encoding="utf-8")
    assert check_quotes_against(str(path), str(article)) == []
    path.write_text(with_paragraphs(SUMMARY, PARAGRAPHS[:2]), encoding="utf-8")
    problems = check_quotes_against(str(path), str(article))
    assert not problems[0].is_error and "source.paragraphs differ from a.txt (2 paragraphs here, 3 in the article)" in problems[0].message
    assert [p.message.split(";")[0] for p in problems[1:]] == ["quote is in paragraph 2, not 1", NOWHERE_3, "quote is in paragraph 3, not 9"]


def test_against_unreadable_files_returns_their_problem(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SUMMARY, encoding="utf-8")
    problems = check_quotes_against(str(path), str(tmp_path / "missing.txt"))
    assert [p.message for p in problems] == ["no such file"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: [\n", encoding="utf-8")
    assert check_quotes_against(str(broken), str(path))[0].is_error


def test_the_bundled_example_passes_the_quote_check_against_the_seed(example_summary, seed_article):
    assert check_quotes_against(str(example_summary), str(seed_article)) == []


def test_the_bundled_example_with_the_seed_paragraphs_validates(example_summary, seed_article, tmp_path):
    from briefing.importer.article import import_article

    paragraphs = import_article(seed_article).paragraphs
    text = example_summary.read_text(encoding="utf-8")
    marker = "  published: 2025-08\n"
    assert marker in text
    path = tmp_path / "example.yaml"
    path.write_text(text.replace(marker, marker + "  paragraphs:\n" + "".join(f"    - {_quoted(p)}\n" for p in paragraphs)), encoding="utf-8")
    assert [d for d in check(path) if d.is_error] == []


def test_a_brief_is_checked_through_its_summary(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SUMMARY, encoding="utf-8")
    brief = tmp_path / "b.yaml"
    brief.write_text("format: brief/1\nsummary: s.yaml\ntitle: Deal\nfindings: [{id: deal}]\n", encoding="utf-8")
    problems = check_quotes_against(str(brief), str(article))
    assert [(Path(p.file).name, p.line) for p in problems] == [("s.yaml", 13), ("s.yaml", 17), ("s.yaml", 19)]


def test_a_brief_naming_itself_does_not_loop(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("One paragraph.\n", encoding="utf-8")
    brief = tmp_path / "b.yaml"
    brief.write_text("format: brief/1\nsummary: b.yaml\ntitle: Loop\nfindings: []\n", encoding="utf-8")
    assert check_quotes_against(str(brief), str(article)) == []
