"""An imported article: its numbered paragraphs, what it says about itself, and its dated events.

``import_article(path)`` runs the whole pipeline: read the file, drop scrape
debris, take the title/byline/dateline off the top, drop repeats and pull
quotes, and number what is left from 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError
from briefing.importer import cleaning, metadata
from briefing.importer.cleaning import Dropped
from briefing.importer.metadata import Metadata
from briefing.importer.reading import read_source
from briefing.importer.timeline import Timeline, timeline_candidates
from briefing.text import clean


@dataclass(frozen=True)
class Article:
    path: Path
    metadata: Metadata
    paragraphs: tuple[str, ...]  # paragraph n is paragraphs[n - 1]
    dropped: tuple[Dropped, ...]
    reference: PartialDate | None  # the date year-less dates are resolved against
    reference_basis: str | None  # where that date comes from, for the analyst

    def paragraph(self, number: int) -> str:
        return self.paragraphs[number - 1]

    def numbered(self) -> list[tuple[int, str]]:
        return list(enumerate(self.paragraphs, start=1))

    @property
    def debris(self) -> tuple[Dropped, ...]:
        return tuple(d for d in self.dropped if not d.reason.startswith(("repeats", "pull quote")))

    @property
    def repeats(self) -> tuple[Dropped, ...]:
        return tuple(d for d in self.dropped if d.reason.startswith(("repeats", "pull quote")))

    def timeline(self) -> Timeline:
        return timeline_candidates(self.paragraphs, self.reference)


def import_article(path: str | Path, *, date: PartialDate | str | None = None) -> Article:
    """Read and clean an article. ``date`` (the article's date, if known) overrides what the text says."""
    path = Path(path)
    source = read_source(path)
    kept, debris = cleaning.drop_debris(list(source.blocks))
    found, body = metadata.split_front(kept, source.hints)
    found = found.legible().filled_from(metadata.from_debris([d.text for d in debris]).legible())
    paragraphs, repeats = cleaning.drop_repeats(body)
    if not paragraphs:  # a draft with `paragraphs: []` would be a summary of nothing
        reasons = sorted({d.reason for d in debris + repeats})
        what = f" ({', '.join(reasons[:3])}{', ...' if len(reasons) > 3 else ''})" if reasons else ""
        raise BriefingError.at(
            str(path), f"has no article text left: all {len(source.blocks)} lines are page furniture or front matter{what}"
        )
    if isinstance(date, str):
        date = PartialDate.parse(date)
    reference, basis = _reference(date, found)
    return Article(path, found, tuple(clean(p) for p in paragraphs), tuple(debris + repeats), reference, basis)


def _reference(given: PartialDate | None, found: Metadata) -> tuple[PartialDate | None, str | None]:
    if given:
        return given, "the date given on import"
    if found.published:
        return found.published, "the article's publication date"
    if found.captured:
        return found.captured, f"the date in the screenshot caption \u201c{found.captured_from}\u201d, when the page existed"
    return None, None
