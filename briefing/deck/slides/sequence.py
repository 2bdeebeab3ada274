"""The deck's slides, in order: title, bottom line, findings, timeline, sources, closing.

Findings follow the assertion-evidence pattern: the headline is the slide's
title, the statement and the evidence quotes are its body.
"""

from __future__ import annotations

from collections import defaultdict

from briefing.brief import Brief, BriefFinding
from briefing.deck.layout.flow import Para, frame_height, para, plain_lines
from briefing.deck.slides.badge import badge_height, draw_badge
from briefing.deck.slides.notes import continued_notes, finding_notes
from briefing.deck.slides.pages import DeckPages, FlowPage, Stream
from briefing.deck.slides.timeline import timeline_slides
from briefing.direction import is_rtl
from briefing.icd203 import describe
from briefing.steps import step
from briefing.text import Span, safe_link, unquoted

LEFT_TO_RIGHT_MARK = "\u200e"


def deck_steps(brief: Brief) -> int:
    """Steps a deck's render reports (``briefing.steps``): the opening slides, each finding's
    slides, the closing slides, and the package written (the renderer's last)."""
    return len(brief.findings) + 3


def build_deck(pages: DeckPages, brief: Brief, *, include_notes: bool) -> list[str]:
    """Add every slide; return the ids of findings that ran onto "(cont.)" slides."""
    units = deck_steps(brief)
    title_slide(pages, brief)
    bottom_line_slide(pages, brief)
    step(1, units)
    continued = []
    for number, finding in enumerate(brief.findings, start=2):
        flowed = finding_slides(pages, finding, len(brief.findings), include_notes=include_notes)
        if len(flowed) > 1:
            continued.append(finding.id)
        pages.finish()  # its slides are drawn: write them now, so a long deck holds no open slides
        step(number, units)
    timeline_slides(pages, brief)
    sources_slide(pages, brief)
    closing_slide(pages, brief)
    pages.finish()
    step(units - 1, units)
    return continued


def _lines(text: str | None, style: str, **options) -> list[Para]:
    return [para(line, style, **options) for line in plain_lines(text)]


def _label(pages: DeckPages, key: str) -> Para:
    return para(pages.style.word(key), "label", keep_with_next=True)


def _draw_columns(page: FlowPage) -> None:
    for i, (frame, blocks) in enumerate(zip(page.frames, page.blocks)):
        if blocks:
            page.canvas.text(frame.with_height(frame_height(blocks)), blocks, f"Text {i + 1}")


def _divider(pages: DeckPages, page: FlowPage) -> None:
    """A hairline between the columns, as tall as the taller column's text."""
    if len(page.columns) < 2:
        return
    used = max((f.y - page.columns[0].y + frame_height(b) for f, b in zip(page.frames, page.blocks) if b), default=0)
    if not used:
        return
    x = page.columns[0].right + (page.columns[1].x - page.columns[0].right) // 2
    top = page.columns[0].y
    page.canvas.line((x, top), (x, top + used), "Column rule", color=pages.style.color("rule"), width=pages.style.length("rules.column"))


def _meta(pages: DeckPages, brief: Brief) -> list[Para]:
    style = pages.style
    lines = []
    if brief.author:
        # A summary's brief is "by" the article's authors; an analyst's brief is "prepared by" its author.
        of_source = brief.author in (", ".join(brief.source.authors), brief.source.publisher)
        lines.append(style.word("by" if of_source else "prepared_by", name=brief.author))
    if brief.date:
        lines.append(brief.date.label())
    if brief.audience:
        lines.append(style.word("audience", audience=brief.audience))
    return [p for line in lines for p in _lines(line, "meta")]


def title_slide(pages: DeckPages, brief: Brief) -> None:
    streams = [Stream(_lines(brief.subtitle, "subtitle") + _meta(pages, brief))]
    for page in pages.flow("title", brief.title, None, streams, pages.style.fractions("single"), title_style="cover_title", single=True):
        _draw_columns(page)


def bottom_line_slide(pages: DeckPages, brief: Brief) -> None:
    style = pages.style
    judgments: list[Para] = []
    for n, finding in enumerate(brief.key_judgments, start=1):
        number = style.word("judgment_number", n=n)
        judgments.append(Para((Span(number, "judgment_no"), Span(finding.headline, "judgment")), "judgment"))
        words = describe(finding.confidence, finding.likelihood)
        if words:
            judgments.append(para(words, "judgment_words"))
    pad = style.length("grid.panel_padding")
    streams = [Stream(_lines(brief.bluf, "body"), inset=pad, words=int(style.number("grid.bottom_line_words")))]
    if judgments:
        streams.append(Stream([_label(pages, "key_judgments"), *judgments]))
    fractions = style.fractions("bottom_line" if judgments else "bottom_line_alone")
    for page in pages.flow("bottom_line", brief.headline, style.word("bottom_line"), streams, fractions):
        if page.blocks[0]:
            panel = page.columns[0].with_height(frame_height(page.blocks[0]) + 2 * pad)
            page.canvas.box(panel, "Bottom line panel", fill=style.color("panel"))
        _draw_columns(page)


def _kicker(pages: DeckPages, finding: BriefFinding, total: int) -> str:
    style = pages.style
    parts = [f"{style.word('finding')} {style.word('of', n=finding.number, total=total)}"]
    if finding.key_judgment:
        parts.append(style.word("key_judgment"))
    if finding.priority:
        parts.append(style.word("priority", priority=finding.priority.capitalize()))
    if finding.theme:
        parts.append(" ".join(finding.theme.label.split()))
    return style.word("separator").join(parts)


def _evidence(pages: DeckPages, finding: BriefFinding) -> list[Para]:
    paras = [_label(pages, "evidence")]
    if not finding.evidence:
        return paras + [para(pages.style.word("no_evidence"), "citation")]
    for item in finding.evidence:
        lines = plain_lines(pages.style.word("quote", text=unquoted(item.quote)))
        quotes = [Para((Span(line, "quote"),), "quote") for line in lines]
        last = quotes[-1]
        # In a right-to-left quote a left-to-right mark keeps the citation reading "¶ 12", not "12 ¶".
        mark = LEFT_TO_RIGHT_MARK if is_rtl(last.text) else ""
        quotes[-1] = Para(last.spans + (Span(f" {mark}{item.citation}", "citation"),), "quote")
        paras += quotes
    return paras


def finding_slides(pages: DeckPages, finding: BriefFinding, total: int, *, include_notes: bool) -> list[FlowPage]:
    style = pages.style
    left = _lines(finding.statement, "statement")
    if finding.actors:
        names = ", ".join(" ".join(a.name.split()) for a in finding.actors)
        left.append(Para((Span(style.word("actors") + " ", "actor_name"), Span(names, "actors")), "actors"))
    badge = badge_height(finding, style)
    reserve = badge + style.length("grid.gap") * 2 if badge else 0
    flowed = pages.flow(
        "finding", finding.headline, _kicker(pages, finding, total),
        [Stream(left, reserve=reserve), Stream(_evidence(pages, finding), not_above=0)],
        style.fractions("finding"),
        notes=finding_notes(finding, style, include_note=include_notes),
        continued_notes=continued_notes(finding, style),
    )
    for page in flowed:
        if page.index == 0 and badge:
            column = page.columns[0]
            draw_badge(page.canvas, pages.typesetter, finding, column.x, column.y, column.w)
        _draw_columns(page)
        _divider(pages, page)
    return flowed


def _evidence_index(pages: DeckPages, brief: Brief) -> list[Para]:
    style = pages.style
    cited: dict[int, list[int]] = defaultdict(list)
    for finding in brief.findings:
        for item in finding.evidence:
            if finding.number not in cited[item.paragraph]:
                cited[item.paragraph].append(finding.number)
    paras = [_label(pages, "evidence_index")]
    if not cited:
        return paras + [para(style.word("no_evidence"), "index")]
    for number in sorted(cited):
        findings = cited[number]
        key = "index_entry" if len(findings) == 1 else "index_entries"
        words = style.word(key, numbers=", ".join(str(n) for n in findings))
        mark = Span(style.word("index_mark", n=number), "index_mark")
        paras.append(Para((mark, Span(style.word("index_gap") + words, "index")), "index"))
    return paras


def _article(pages: DeckPages, brief: Brief) -> list[Para]:
    style = pages.style
    source = brief.source
    paras = [_label(pages, "article"), *_lines(source.title, "source_title"), *_lines(source.publisher, "source_line")]
    if source.authors:
        paras += _lines(style.word("by", name=", ".join(source.authors)), "source_line")
    if source.published:
        paras += _lines(style.word("published", date=source.published.label()), "source_line")
    for line in plain_lines(source.url):
        link = safe_link(line)
        if line and link is None:
            pages.warnings.append(f"the source link '{line[:80]}' is not an http, https or mailto address; it is shown as text")
        paras.append(Para((Span(line, "link" if link else "source_line", link=link),), "source_line"))
    return paras


def sources_slide(pages: DeckPages, brief: Brief) -> None:
    streams = [Stream(_article(pages, brief)), Stream(_evidence_index(pages, brief), span=2)]
    for page in pages.flow("sources", pages.style.word("sources"), None, streams, pages.style.fractions("sources")):
        _draw_columns(page)
        _divider(pages, page)


def closing_slide(pages: DeckPages, brief: Brief) -> None:
    """The last slide says it is the end (its title), then what the brief was and who made it."""
    style = pages.style
    body = _lines(" ".join(plain_lines(brief.title)), "subtitle") + _meta(pages, brief)
    credit = ", ".join(x for x in (brief.source.title, brief.source.publisher) if x)
    body += _lines(style.word("source_credit", title=credit), "meta")
    for page in pages.flow("closing", style.word("closing"), None, [Stream(body)], style.fractions("single"),
                           title_style="cover_title", single=True):
        _draw_columns(page)
