"""What an article says about itself: title, publisher, authors, date, address.

Only what the text states is taken, never guessed: a title from the first line
when it reads like a headline, authors from a byline ("By ..."), a date from a
dateline, a publisher from a disclaimer ("... do not reflect the positions of
South Asian Voices, the Stimson Center, ...") or a copyright line. A screenshot
caption's date ("Screenshot 2025-08-05 133102") is kept apart as the capture
date: the page existed then, but it was not necessarily published then.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from briefing.dates import PartialDate
from briefing.importer import datetext
from briefing.text import clean, has_visible_text, normalize_for_match

FRONT_LINES = 6  # a title, byline and dateline sit in the first few lines, or nowhere


def _legible(text: str | None) -> str | None:
    if text is None or not has_visible_text(text):
        return None
    return clean(text).strip()


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published: PartialDate | None = None
    captured: PartialDate | None = None  # date of a screenshot caption: an upper bound of `published`
    captured_from: str | None = None  # the caption it came from

    def legible(self) -> Metadata:
        """These values as a summary holds text (controls as spaces, ``briefing.text.clean``), each
        with something visible left, else dropped: a page's ``<title>`` of a NUL or a bidi mark
        made a draft that its own validation refused ('title' must not be empty)."""
        return dataclasses.replace(
            self,
            title=_legible(self.title),
            publisher=_legible(self.publisher),
            authors=tuple(a for a in map(_legible, self.authors) if a),
            url=_legible(self.url),
            captured_from=_legible(self.captured_from),
        )

    def filled_from(self, other: Metadata) -> Metadata:
        """These values, with gaps filled from ``other``."""
        return dataclasses.replace(
            self,
            **{f.name: getattr(other, f.name) for f in dataclasses.fields(self) if not getattr(self, f.name)},
        )


# -- the first lines: title, byline, dateline -------------------------------------------------

_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<names>.+)$", re.I)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|bin|al|el|ul))*$")
_READ_TIME = re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?(?:\s+read)?$", re.I)
_DATE_WORDS = re.compile(
    r"\b(?i:published|posted|updated|last|first|on|at|am|pm|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b[A-Z]{2,4}\b|[\s,:;.|/()\d+-]"
)
_PART_SPLIT = re.compile(r"\s*(?:\||·|•|\s—\s|\s–\s|\s-\s)\s*")
_HEADLINE_END = re.compile(r"[.,;:]$")


def split_front(lines: list[str], hints: Metadata) -> tuple[Metadata, list[str]]:
    """Take the title, byline and dateline off the top of the article; return them and the body."""
    title, authors, published, updated = hints.title, list(hints.authors), hints.published, None
    title_key = normalize_for_match(title).casefold() if title else None
    taken = 0
    for index, line in enumerate(lines[:FRONT_LINES]):
        if title_key and normalize_for_match(line).casefold() == title_key:
            taken = index + 1
            continue
        parts = _front_parts(line)
        if parts is not None:
            for kind, value in parts:
                if kind == "authors" and not authors:
                    authors = list(value)
                elif kind == "published" and not published:
                    published = value
                elif kind == "updated" and not updated:
                    updated = value
            taken = index + 1
            continue
        if index == 0 and title is None and len(lines) > 1 and _reads_like_headline(line):
            title, title_key = line, normalize_for_match(line).casefold()
            taken = 1
            continue
        break
    found = Metadata(title=title, authors=tuple(authors), published=published or updated)
    return found.filled_from(hints), lines[taken:]


def _reads_like_headline(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 20 and len(line) <= 200 and not _HEADLINE_END.search(line) and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'")


def _front_parts(line: str) -> list[tuple[str, Any]] | None:
    """A byline/dateline split into its parts, or None when any part is something else."""
    if len(line) > 160:
        return None
    parts: list[tuple[str, Any]] = []
    for part in filter(None, _PART_SPLIT.split(line.strip())):
        byline = _BYLINE.match(part)
        if byline:
            names = authors_from(byline.group("names"))
            if not names:
                return None
            parts.append(("authors", names))
        elif _READ_TIME.match(part):
            parts.append(("read time", None))
        elif (date := dateline_date(part)) is not None:
            parts.append(("updated" if re.match(r"^(?:last\s+)?updated\b", part, re.I) else "published", date))
        else:
            return None
    return parts or None


def authors_from(names: str) -> tuple[str, ...]:
    """``"Jane Doe, Ali Khan and Li Wei"`` -> three names; empty unless every part is a name."""
    found = tuple(n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names) if n.strip())
    return found if found and all(_NAME.match(n) and len(n.split()) <= 5 for n in found) else ()


def dateline_date(text: str) -> PartialDate | None:
    """The date of a line that is nothing but a date (with "Published", a time, a zone)."""
    found = datetext.find_full_date(text)
    if not found:
        return None
    date, match = found
    rest = text[: match.start()] + text[match.end() :]
    return date if not _DATE_WORDS.sub("", rest).strip() else None


# -- scrape debris that names the publisher or a date ------------------------------------------

_DISCLAIMER_OWNER = re.compile(r"(?:reflect|represent)s?\s+(?:the\s+)?(?:views|positions|opinions|policy|policies)\s+of\s+(?P<owners>.+?)\.?$", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?(?P<owner>[^.|]+?)\s*(?:\.|\||all rights reserved|$)", re.I)
_SCREENSHOT_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_NOT_AN_OWNER = re.compile(r"^(?:our|its|their|his|her|any|the author|this)\b", re.I)


def from_debris(debris: list[str]) -> Metadata:
    """Publisher and capture date found in the lines dropped as scrape debris."""
    publisher = captured = captured_from = None
    for line in debris:
        if publisher is None:
            publisher = _publisher(line)
        if captured is None and re.match(r"^screen\s?shot\b", line, re.I):
            match = _SCREENSHOT_DATE.search(line)
            if match:
                captured = datetext.real_date(int(match["year"]), int(match["month"]), int(match["day"]))
                captured_from = line if captured else None
    return Metadata(publisher=publisher, captured=captured, captured_from=captured_from)


def _publisher(line: str) -> str | None:
    disclaimer = _DISCLAIMER_OWNER.search(line)
    if disclaimer:
        owners = re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", disclaimer.group("owners"))
        named = [re.sub(r"^the\s+", "", o.strip(), flags=re.I) for o in owners if o.strip() and not _NOT_AN_OWNER.match(o.strip())]
        return ", ".join(named) or None
    copyright_line = _COPYRIGHT.match(line)
    if copyright_line and copyright_line.group("owner").strip():
        return copyright_line.group("owner").strip()
    return None
