"""Finding the findings: a filter of words and facets, the folded text it searches, and the facets on offer.

Matching ignores case, typographic quotes and dashes (``normalize_for_match``).
``search_index`` folds every finding once, so a big summary is searched
without re-folding its text on each keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefing import icd203
from briefing.model import Actor, Finding, Summary, Theme
from briefing.text import normalize_for_match


@dataclass(frozen=True)
class FindingFilter:
    """Which findings the list shows: words to search for and facets to match.

    Every word of ``text`` must occur in the finding's title, statement, quotes
    or tags (case, typographic quotes and dashes ignored); each facet that is
    set must match.
    """

    text: str = ""
    theme: str | None = None
    actor: str | None = None
    confidence: str | None = None
    tag: str | None = None
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(_fold(self.text).split()))

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.theme or self.actor or self.confidence or self.tag)

    def matches(self, finding: Finding, haystack: str | None = None) -> bool:
        """``haystack`` is ``search_text(finding)``, passed in when the caller has it cached."""
        if self.theme and finding.theme != self.theme:
            return False
        if self.confidence and finding.confidence != self.confidence:
            return False
        if self.actor and self.actor not in finding.actors:
            return False
        if self.tag and self.tag not in finding.tags:
            return False
        if self.words:
            text = search_text(finding) if haystack is None else haystack
            return all(word in text for word in self.words)
        return True


def _fold(text: str) -> str:
    return normalize_for_match(text).casefold()


def search_text(finding: Finding) -> str:
    """What a search looks through: title, statement, quotes and tags, folded for matching."""
    parts = [finding.title, finding.statement, *(e.quote for e in finding.evidence), *finding.tags]
    return _fold("\n".join(parts))


def search_index(findings: Iterable[Finding]) -> tuple[str, ...]:
    """``search_text`` of every finding; worth building once, off the UI thread, for big summaries."""
    return tuple(search_text(f) for f in findings)


@dataclass(frozen=True)
class Facets:
    """The values the list can be filtered by, in the summary's order (tags sorted)."""

    themes: tuple[Theme, ...] = ()
    actors: tuple[Actor, ...] = ()
    confidences: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, summary: Summary | None, findings: tuple[Finding, ...]) -> Facets:
        """The facets the findings actually use (themes and actors as the summary lists them)."""
        used_themes = {f.theme for f in findings}
        used_actors = {a for f in findings for a in f.actors}
        return cls(
            themes=tuple(t for t in summary.themes if t.id in used_themes) if summary else (),
            actors=tuple(a for a in summary.actors if a.id in used_actors) if summary else (),
            confidences=tuple(c for c in icd203.CONFIDENCE_LEVELS if any(f.confidence == c for f in findings)),
            tags=tuple(sorted({t for f in findings for t in f.tags}, key=str.casefold)),
        )
