"""Speaker notes: what the presenter needs but the slide leaves out (the full record)."""

from __future__ import annotations

from briefing.brief import Brief, BriefFinding
from briefing.deck.layout.flow import Para, plain_lines
from briefing.deck.style import DeckStyle
from briefing.icd203 import describe
from briefing.model import TimelineEvent
from briefing.text import Span, unquoted


def _labelled(label: str, text: str | None) -> list[Para]:
    """``label`` then the text; a text of several lines gives several paragraphs."""
    lines = plain_lines(text)
    if not lines:
        return []
    head = (Span(label, "notes_label"), Span(f" {lines[0]}", "notes")) if label else (Span(lines[0], "notes"),)
    return [Para(head, "notes"), *(Para((Span(line, "notes"),), "notes") for line in lines[1:])]


def finding_notes(finding: BriefFinding, style: DeckStyle, *, include_note: bool) -> list[Para]:
    paras: list[Para] = []
    if include_note:
        paras += _labelled(style.word("notes_note"), finding.note)
    paras += _labelled(style.word("notes_statement"), finding.statement)
    if finding.evidence:
        paras.append(Para((Span(style.word("notes_evidence"), "notes_label"),), "notes"))
        for item in finding.evidence:
            paras += _labelled("", style.word("notes_quote", text=unquoted(item.quote), citation=item.citation))
    actors = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in finding.actors)
    paras += _labelled(style.word("notes_actors"), actors)
    paras += _labelled(style.word("notes_judgment"), describe(finding.confidence, finding.likelihood))
    paras += _labelled(style.word("notes_theme"), finding.theme.label if finding.theme else None)
    paras += _labelled(style.word("notes_tags"), ", ".join(finding.finding.tags))
    return paras


def continued_notes(finding: BriefFinding, style: DeckStyle) -> list[Para]:
    return _labelled("", style.word("notes_continued", number=finding.number, headline=finding.headline))


def timeline_notes(brief: Brief, events: list[TimelineEvent], style: DeckStyle) -> list[Para]:
    names = {a.id: a.name for a in brief.actors}
    paras: list[Para] = []
    for event in events:
        line = style.word("notes_event", date=event.date.label(), event=event.event)
        actors = ", ".join(names.get(a, a) for a in event.actors)
        paras += _labelled("", f"{line} ({actors})" if actors else line)
    return paras
