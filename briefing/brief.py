"""The brief every exporter renders: ``build_brief(summary, selection) -> Brief``.

Pure: it resolves ids to actors and themes, applies the analyst's overrides and
order, and returns an immutable value. A summary alone gives a brief of all its
findings in file order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.dates import PartialDate
from briefing.model import Actor, BriefFile, Evidence, Finding, Selection, Source, Summary, Theme, TimelineEvent

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class BriefFinding:
    """A finding as a brief shows it: numbered, titled and annotated by the analyst."""

    number: int
    finding: Finding
    headline: str
    note: str | None
    priority: str | None
    key_judgment: bool
    theme: Theme | None
    actors: tuple[Actor, ...]

    # Shortcuts that read well in renderers.
    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def statement(self) -> str:
        return self.finding.statement

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.finding.evidence

    @property
    def confidence(self) -> str | None:
        return self.finding.confidence

    @property
    def likelihood(self) -> str | None:
        return self.finding.likelihood


@dataclass(frozen=True)
class Brief:
    """What the deck and the PDF render: a brief's metadata and findings, resolved against its summary."""

    title: str
    subtitle: str | None
    author: str | None
    date: PartialDate | None
    audience: str | None
    marking: str | None
    source: Source
    headline: str
    bluf: str
    findings: tuple[BriefFinding, ...]
    actors: tuple[Actor, ...]
    themes: tuple[Theme, ...]
    timeline: tuple[TimelineEvent, ...]
    language: str = DEFAULT_LANGUAGE  # BCP 47 tag

    @property
    def key_judgments(self) -> tuple[BriefFinding, ...]:
        return tuple(f for f in self.findings if f.key_judgment)

    @property
    def cited_actors(self) -> tuple[Actor, ...]:
        """Actors named by the brief's findings, in the summary's order."""
        named = {a.id for f in self.findings for a in f.actors}
        return tuple(a for a in self.actors if a.id in named)


def headline(finding: Finding, chosen: Selection | None) -> str:
    """A finding's headline in a brief: the analyst's override, else the summary's title."""
    return chosen.title if chosen is not None and chosen.title else finding.title


def is_key_judgment(finding: Finding, chosen: Selection | None) -> bool:
    """Whether a finding is a key judgment in a brief: the analyst's choice, else the summary's flag."""
    if chosen is not None and chosen.key_judgment is not None:
        return chosen.key_judgment
    return bool(finding.key_judgment)


def build_brief(summary: Summary, selection: BriefFile | None = None) -> Brief:
    """Resolve a summary, and optionally an analyst's selection, into the brief to render.

    Selection entries naming unknown findings are skipped here; the validator
    reports them to the user before export.
    """
    actors = {a.id: a for a in summary.actors}
    themes = {t.id: t for t in summary.themes}
    if selection is None:
        picks: list[tuple[Finding, Selection | None]] = [(f, None) for f in summary.findings]
    else:
        # One index for the whole selection: Summary.finding() builds its index on every call,
        # which made a brief of 300 findings out of 1,000 cost 300,000 dictionary insertions.
        by_id = {f.id: f for f in summary.findings}
        picks = [(by_id[s.id], s) for s in selection.findings if s.id in by_id]
    findings = tuple(
        BriefFinding(
            number=n,
            finding=f,
            headline=headline(f, s),
            note=s.note if s else None,
            priority=s.priority if s else None,
            key_judgment=is_key_judgment(f, s),
            theme=themes.get(f.theme) if f.theme else None,
            actors=tuple(actors[a] for a in f.actors if a in actors),
        )
        for n, (f, s) in enumerate(picks, start=1)
    )
    timeline = tuple(sorted(summary.timeline, key=lambda e: e.date.sort_key))
    common: dict[str, Any] = dict(
        source=summary.source,
        headline=summary.headline,
        bluf=summary.bluf,
        findings=findings,
        actors=summary.actors,
        themes=summary.themes,
        timeline=timeline,
    )
    if selection is None:
        byline = ", ".join(summary.source.authors) or summary.source.publisher
        return Brief(
            title=summary.headline,
            subtitle=summary.source.title,
            author=byline,
            date=summary.source.published,
            audience=None,
            marking=None,
            **common,
        )
    return Brief(
        title=selection.title,
        subtitle=selection.subtitle,
        author=selection.author,
        date=selection.date,
        audience=selection.audience,
        marking=selection.marking,
        language=selection.language or DEFAULT_LANGUAGE,
        **common,
    )
