"""The draft ``summary/1`` an import writes: what the article gives, and placeholders for the analyst.

The headline and bottom line come first, where the analyst starts; the
cleaned article comes last under ``source.paragraphs``, each paragraph
preceded by a ``# paragraph N`` comment so evidence can be cited by number.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefing.diagnostics import one_line
from briefing.formats import placeholders
from briefing.formats.yamlwrite import dump_yaml
from briefing.importer.article import Article
from briefing.model import SUMMARY_FORMAT
from briefing.resources import data_path


def draft_summary(article: Article) -> dict:
    """The draft as plain data, keys in the order they are written."""
    meta = article.metadata
    source: dict = {"title": meta.title or placeholders.TITLE}
    if meta.publisher:
        source["publisher"] = meta.publisher
    if meta.authors:
        source["authors"] = list(meta.authors)
    if meta.url:
        source["url"] = meta.url
    if meta.published:
        source["published"] = str(meta.published)
    source["paragraphs"] = list(article.paragraphs)
    timeline = [{"date": str(event.date), "event": event.event} for event in article.timeline().events]
    return {
        "format": SUMMARY_FORMAT,
        "headline": placeholders.HEADLINE,
        "bluf": placeholders.BLUF,
        "themes": [],
        "actors": [],
        "findings": [],
        "timeline": timeline,
        "source": source,
    }


def render_draft(article: Article, output: str | Path) -> str:
    """The draft's YAML text, as it will be written to ``output`` (the schema link is relative to it)."""
    text = dump_yaml(draft_summary(article), header=_header(article, Path(output)))
    return _number_paragraphs(text)


def _header(article: Article, output: Path) -> str:
    timeline = article.timeline()
    kept, debris, repeats = len(article.paragraphs), len(article.debris), len(article.repeats)
    lines = [
        f"yaml-language-server: $schema={_schema_link(output)}",
        f"Draft summary of {one_line(article.path.name)}, written by `briefing import`.",  # a name may not be UTF-8
        f"Kept {kept} paragraph{'s' if kept != 1 else ''} (numbered under source.paragraphs, at the end); "
        f"dropped {debris} line{'s' if debris != 1 else ''} of scrape debris and {repeats} repeated paragraph{'s' if repeats != 1 else ''}.",
        "To do: replace every 'TODO:' text, add themes, actors and findings; quote evidence verbatim",
        "with its paragraph number (`briefing validate` checks each quote against source.paragraphs).",
    ]
    if timeline.events:
        lines.append("Timeline: candidate events from dated sentences; keep, trim or delete each.")
    if article.reference:
        lines.append(f"Dates without a year were resolved against {article.reference}: {article.reference_basis}.")
    elif timeline.undated:
        lines.append(f"{timeline.undated} dated sentence{'s' if timeline.undated != 1 else ''} without a year left out: the article gives no date to resolve them against.")
    if not article.metadata.published:
        lines.append("The article gives no publication date: add source.published when you know it.")
    return "\n".join(lines)


def _schema_link(output: Path) -> str:
    schema = data_path("schema", "summary.schema.json").resolve()
    folder = output.resolve().parent
    try:
        return Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return schema.as_uri()


_PARAGRAPHS_KEY = re.compile(r"^(?P<indent> *)paragraphs:\n", re.M)


def _number_paragraphs(text: str) -> str:
    """Put ``# paragraph N`` before each item of ``source.paragraphs`` (the last block of the file)."""
    found = _PARAGRAPHS_KEY.search(text)
    if not found:
        return text
    item = found.group("indent") + "- "
    head, body = text[: found.end()], text[found.end() :]
    out, number = [], 0
    for line in body.splitlines(keepends=True):
        if line.startswith(item):
            number += 1
            out.append(f"{found.group('indent')}# paragraph {number}\n")
        out.append(line)
    return head + "".join(out)
