"""The domain: an article summary (``summary/1``) and an analyst's brief file (``brief/1``).

Plain frozen dataclasses with tuples, so values compare, hash and export
deterministically. Text in them is already cleaned of characters XML cannot
hold (see ``briefing.text``); renderers place it literally.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.dates import PartialDate

SUMMARY_FORMAT = "summary/1"
BRIEF_FORMAT = "brief/1"


@dataclass(frozen=True)
class Source:
    """The article a summary is of: its bibliographic data and, when carried, its paragraphs."""

    title: str
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published: PartialDate | None = None
    paragraphs: tuple[str, ...] = ()

    def paragraph(self, number: int) -> str | None:
        """The 1-based paragraph's text, when the summary carries the article."""
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


@dataclass(frozen=True)
class Theme:
    """A theme findings are grouped under (``themes`` of a summary)."""

    id: str
    label: str


@dataclass(frozen=True)
class Actor:
    """A person, organisation or state the article names (``actors`` of a summary)."""

    id: str
    name: str
    kind: str
    role: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A quote from the article that supports a finding, with its paragraph and optional grade."""

    quote: str
    paragraph: int
    grade: str | None = None

    @property
    def citation(self) -> str:
        """``¶ 12`` (with the Admiralty grade when given: ``¶ 12 · B2``)."""
        mark = f"\u00b6\u00a0{self.paragraph}"
        return f"{mark} \u00b7 {self.grade}" if self.grade else mark


@dataclass(frozen=True)
class Finding:
    """One finding of a summary: its statement, evidence and the analyst's assessment."""

    id: str
    title: str
    statement: str
    theme: str | None = None
    actors: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: str | None = None
    likelihood: str | None = None
    key_judgment: bool = False
    date: PartialDate | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event of the article's timeline."""

    date: PartialDate
    event: str
    actors: tuple[str, ...] = ()
    finding: str | None = None


@dataclass(frozen=True)
class Summary:
    """A ``summary/1`` file as read: the source, its bottom line and every finding."""

    source: Source
    headline: str
    bluf: str
    themes: tuple[Theme, ...] = ()
    actors: tuple[Actor, ...] = ()
    findings: tuple[Finding, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()

    def finding(self, finding_id: str) -> Finding | None:
        return _index(self.findings).get(finding_id)

    def actor(self, actor_id: str) -> Actor | None:
        return _index(self.actors).get(actor_id)

    def theme(self, theme_id: str | None) -> Theme | None:
        return _index(self.themes).get(theme_id) if theme_id else None


def _index(items) -> dict:
    return {item.id: item for item in items}


@dataclass(frozen=True)
class Selection:
    """One selected finding in a brief, with the analyst's annotations."""

    id: str
    title: str | None = None
    note: str | None = None
    priority: str | None = None
    key_judgment: bool | None = None  # None: keep the summary's own flag


@dataclass(frozen=True)
class BriefFile:
    """The analyst's work as saved in a ``brief/1`` file: metadata and an ordered selection."""

    summary: str
    title: str
    subtitle: str | None = None
    author: str | None = None
    date: PartialDate | None = None
    audience: str | None = None
    marking: str | None = None
    language: str | None = None  # BCP 47 tag of the brief's language; None: English ("en")
    findings: tuple[Selection, ...] = field(default_factory=tuple)
