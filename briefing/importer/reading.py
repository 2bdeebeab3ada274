"""Reading an article file into candidate paragraphs: plain text, Markdown or HTML.

Scraped text puts one paragraph on each line, so every non-empty line is a
paragraph candidate; text wrapped by hand (blank lines between paragraphs and
no line longer than ``WRAPPED_WIDTH``) has its lines joined instead. Markdown
paragraphs are blank-line separated blocks. HTML is read with the standard
library's parser: text of block elements, inside ``<article>`` when there is one,
without scripts, navigation, asides, footers and figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from briefing.diagnostics import BriefingError
from briefing.formats.userfiles import read_bounded
from briefing.formats.yamlread import decode_utf8, parse_yaml
from briefing.importer.metadata import Metadata, authors_from, dateline_date

MAX_BYTES = 8 * 1024 * 1024
WRAPPED_WIDTH = 100
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class SourceText:
    """An article as read: paragraph candidates in order, and what the file format says about it."""

    blocks: tuple[str, ...]
    hints: Metadata


def read_source(path: str | Path) -> SourceText:
    """Read a UTF-8 ``.txt``, ``.md`` or ``.html`` article; raise BriefingError with the reason."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    readers = {**dict.fromkeys(TEXT_SUFFIXES, _read_text), **dict.fromkeys(MARKDOWN_SUFFIXES, _read_markdown), **dict.fromkeys(HTML_SUFFIXES, _read_html)}
    if suffix not in readers:
        raise BriefingError.at(name, f"cannot import '{suffix}' files; save the article as .txt, .md or .html")
    raw = read_bounded(path, MAX_BYTES, name=name, what="article")
    text = decode_utf8(raw, name).replace("\r\n", "\n").replace("\r", "\n")
    source = readers[suffix](text)
    blocks = tuple(b for b in (_tidy(block) for block in source.blocks) if b)
    if not blocks:
        raise BriefingError.at(name, "has no text to import")
    return SourceText(blocks, source.hints)


def _tidy(block: str) -> str:
    return " ".join(block.split())


def _split_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


# -- plain text ----------------------------------------------------------------------------------


def _read_text(text: str) -> SourceText:
    blocks = _split_blocks(text)
    wrapped = len(blocks) > 1 and any(len(b) > 1 for b in blocks) and max(len(line) for b in blocks for line in b) <= WRAPPED_WIDTH
    if wrapped:
        return SourceText(tuple(" ".join(b) for b in blocks), Metadata())
    return SourceText(tuple(line for b in blocks for line in b), Metadata())


# -- Markdown ------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")  # not inside snake_case words
_LINE_MARKER = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+)+")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _read_markdown(text: str) -> SourceText:
    hints = Metadata()
    front = _FRONT_MATTER.match(text)
    if front:
        hints = _front_matter(front.group(1))
        text = text[front.end() :]
    blocks: list[str] = []
    for block in _split_blocks(text):
        lines = [line for line in block if not _FENCE.match(line)]
        heading = _HEADING.match(lines[0]) if len(lines) == 1 else None
        if heading:
            if heading.group(1) == "#" and not blocks and hints.title is None:
                hints = Metadata(title=_inline(heading.group(2))).filled_from(hints)
            blocks.append(_inline(heading.group(2)))
            continue
        blocks.append(_inline(" ".join(_LINE_MARKER.sub("", line) for line in lines)))
    return SourceText(tuple(blocks), hints)


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return _EMPHASIS.sub(r"\2", text)


def _front_matter(text: str) -> Metadata:
    try:
        data = parse_yaml(text, "front matter").data
    except BriefingError:
        return Metadata()
    if not isinstance(data, dict):
        return Metadata()

    def text_of(*keys: str) -> str | None:
        for key in keys:
            value = data.get(key)
            if isinstance(value, (str, int)) and str(value).strip():
                return str(value).strip()
        return None

    authors = data.get("authors") or data.get("author")
    if isinstance(authors, str):
        authors = authors_from(authors) or (authors,)
    authors = tuple(str(a) for a in authors) if isinstance(authors, list) else tuple(authors or ())
    published = text_of("date", "published", "published_at")
    return Metadata(
        title=text_of("title"),
        publisher=text_of("publisher", "site", "site_name", "source"),
        authors=authors,
        url=text_of("url", "link", "canonical_url", "canonical"),
        published=_meta_date(published),
    )


def _meta_date(value: str | None):
    """A date from metadata: ISO (``2025-08-05T10:00:00Z``) or written out."""
    if not value:
        return None
    iso = re.match(r"^\d{4}-\d{2}-\d{2}", value)
    return dateline_date(iso.group(0) if iso else value)


# -- HTML ----------------------------------------------------------------------------------------


def _read_html(text: str) -> SourceText:
    parser = _ArticleParser()
    parser.feed(text)
    parser.close()
    return parser.result()


class _ArticleParser(HTMLParser):
    BLOCKS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "pre", "dd", "dt", "dl", "table", "tr", "td", "th", "caption", "br", "hr", "body"}
    SKIPPED = {"script", "style", "noscript", "nav", "footer", "aside", "form", "button", "svg", "figure",
               "iframe", "template", "select", "head", "object", "canvas"}
    VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.article_depth = 0
        self.buffer: list[str] = []
        self.in_article_buffer = False
        self.blocks: list[tuple[str, bool]] = []
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.page_title: list[str] = []
        self.h1: list[str] | None = None
        self.h1_done = False
        self.time: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key and attributes.get("content") and key not in self.meta:
                self.meta[key] = attributes["content"].strip()
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attributes.get("href", "").strip())
        elif tag == "time" and self.time is None and attributes.get("datetime"):
            self.time = attributes["datetime"]
        if tag == "title":
            self.in_title = True
        if tag in self.VOID:
            if tag in self.BLOCKS:
                self._flush()
            return
        if tag in self.SKIPPED:
            self.skip_depth += 1
            return
        if tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.article_depth += 1
        if tag == "h1" and not self.h1_done and not self.skip_depth:
            self.h1 = []

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.article_depth = max(0, self.article_depth - 1)
        if tag == "h1" and self.h1 is not None:
            self.h1_done = True
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.page_title.append(data)
            return
        if self.skip_depth:
            return
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)
        if not self.buffer:
            self.in_article_buffer = self.article_depth > 0
        self.buffer.append(data)

    def _flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append((text, self.in_article_buffer))
        self.buffer = []

    def result(self) -> SourceText:
        self._flush()
        inside = [text for text, in_article in self.blocks if in_article]
        blocks = inside or [text for text, _ in self.blocks]
        meta = self.meta
        h1 = " ".join("".join(self.h1 or []).split()) or None
        page_title = " ".join("".join(self.page_title).split()) or None
        author = meta.get("author") or meta.get("article:author") or meta.get("parsely-author") or ""
        authors = () if author.startswith(("http://", "https://")) else authors_from(author) or ((author,) if author else ())
        published = meta.get("article:published_time") or meta.get("datepublished") or meta.get("date") or meta.get("citation_publication_date") or self.time
        hints = Metadata(
            title=h1 or meta.get("og:title") or meta.get("twitter:title") or page_title,
            publisher=meta.get("og:site_name") or meta.get("publisher") or None,
            authors=authors,
            url=meta.get("canonical") or meta.get("og:url") or None,
            published=_meta_date(published),
        )
        return SourceText(tuple(blocks), hints)
