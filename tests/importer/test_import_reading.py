"""Reading articles: plain text (scraped or hand-wrapped), Markdown, HTML; clear errors."""

from __future__ import annotations

import pytest

from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError
from briefing.importer.reading import read_source

LONG = "word " * 30  # a scraped paragraph line is longer than a hand-wrapped one


def test_scraped_text_has_one_paragraph_per_line(write_article):
    path = write_article(f"First {LONG}\nSecond {LONG}\n\n\nThird   with   spaces {LONG}\n")
    blocks = read_source(path).blocks
    assert len(blocks) == 3
    assert blocks[2].startswith("Third with spaces word")


def test_hand_wrapped_text_is_joined_per_block(write_article):
    path = write_article("The first paragraph is wrapped\nover two lines.\n\nThe second one\nalso wraps.\n")
    assert read_source(path).blocks == ("The first paragraph is wrapped over two lines.", "The second one also wraps.")


def test_crlf_and_bom_are_accepted(write_article):
    path = write_article("")
    path.write_bytes("\ufeffOne line here.\r\nAnother line here.\r\n".encode("utf-8"))
    assert read_source(path).blocks == ("One line here.", "Another line here.")


def test_markdown_front_matter_heading_and_inline_markup(write_article):
    path = write_article(
        "---\ntitle: Budget Day\nauthor: Jane Doe and Ali Khan\ndate: 2025-06-10\npublisher: The Example Times\n---\n"
        "# Budget Day\n\nThe **minister** spoke for [two hours](https://example.org) and\nanswered *all* snake_case_questions.\n\n"
        "![chart](chart.png)\n\n## What changes\n\n> A quoted passage stays text.\n",
        name="budget.md",
    )
    source = read_source(path)
    assert source.blocks == ("Budget Day", "The minister spoke for two hours and answered all snake_case_questions.", "What changes", "A quoted passage stays text.")
    assert source.hints.title == "Budget Day"
    assert source.hints.authors == ("Jane Doe", "Ali Khan")
    assert source.hints.published == PartialDate(2025, 6, 10)
    assert source.hints.publisher == "The Example Times"


def test_html_reads_the_article_and_its_metadata(write_article):
    path = write_article(
        """<!doctype html><html><head><title>Budget Day | Example Times</title>
        <meta property="og:site_name" content="Example Times">
        <meta name="author" content="Jane Doe">
        <meta property="article:published_time" content="2025-06-10T08:00:00Z">
        <link rel="canonical" href="https://example.org/budget-day">
        <script>var x = "<p>not text</p>";</script></head>
        <body><nav><a href="/">Home</a></nav>
        <article><h1>Budget Day</h1>
        <p>The minister spoke for <b>two hours</b> &amp; took questions.</p>
        <figure><img src="a.jpg"><figcaption>Image 1: the minister</figcaption></figure>
        <p>Second paragraph.<br>Third, after a break.</p></article>
        <aside>Related articles</aside><footer>© Example Times</footer></body></html>""",
        name="page.html",
    )
    source = read_source(path)
    assert source.blocks == ("Budget Day", "The minister spoke for two hours & took questions.", "Second paragraph.", "Third, after a break.")
    hints = source.hints
    assert (hints.title, hints.publisher, hints.authors, hints.url) == ("Budget Day", "Example Times", ("Jane Doe",), "https://example.org/budget-day")
    assert hints.published == PartialDate(2025, 6, 10)


def test_html_without_article_element_uses_the_body(write_article):
    path = write_article("<html><body><div>One block.</div><div>Two <i>block</i>.</div></body></html>", name="x.htm")
    assert read_source(path).blocks == ("One block.", "Two block.")


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "has no text to import"),
        (lambda p: p.write_bytes(b"\n\n  \n"), "has no text to import"),
    ],
)
def test_unreadable_articles_fail_with_one_line(tmp_path, setup, message):
    path = tmp_path / "a.txt"
    setup(path)
    with pytest.raises(BriefingError) as caught:
        read_source(path)
    assert caught.value.diagnostics[0].message == message


def test_bad_utf8_is_reported_by_line_and_column(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"fine line\nbad \xff here\n")
    with pytest.raises(BriefingError) as caught:
        read_source(path)
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.line, diagnostic.col) == (2, 5)
    assert "not valid UTF-8" in diagnostic.message


def test_other_file_types_are_refused(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(BriefingError, match=r"cannot import '\.pdf' files"):
        read_source(path)


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(BriefingError, match="is a folder"):
        read_source(folder)
