"""Candidate timeline events: the article's dated sentences, with the dates resolved.

A sentence is a candidate when it names a date: a full date ("July 25, 2025"),
a month and year, a year ("in 2024", "the 2024 election"), a month after a
preposition ("in March", "In early April", "since mid-May"), a day without a
year ("On July 25"), "this year"/"last month", or a step from the sentence
before in the same paragraph ("A day later", "Later that month").

Dates without a year are resolved against the article's reference date
(given, published, or the capture date of a screenshot caption). Articles
report the past, so a month means its latest occurrence on or before the
reference month ("in December" in an article of January 2026 is 2025-12);
a sentence that looks ahead ("will", "scheduled", "next") takes the next
occurrence instead. Without a reference date such sentences are left out,
counted in ``Timeline.undated``: a missing event is visible to the analyst, a
wrong year is not.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from briefing.dates import PartialDate
from briefing.importer import datetext

_PREPOSITION = r"(?:in|on|since|during|by|until|till|from|through|throughout|before|after|of|last|this|next|early|late|mid)"
_QUALIFIER = r"(?:early|late|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)"
# Prepositions in any case, month names capitalised only ("in may" is not a date).
_BARE_MONTH = re.compile(
    rf"\b(?P<word>(?i:{_PREPOSITION}))[\s-]+(?:(?i:{_QUALIFIER})[\s-]+)?(?P<month>{datetext.FULL_MONTH})\b(?!\s+\d)"
)
_YEAR = re.compile(rf"\b(?:in|since|during|by|until|from|of|the|early|late|mid|mid-)[\s-]+(?P<year>{datetext.YEAR})\b(?![-,]?\s*\d)", re.I)
_THIS_PERIOD = re.compile(r"\b(?P<which>this|last|earlier\s+this|later\s+this|next)\s+(?P<unit>year|month)\b", re.I)
_STEP = re.compile(
    r"\b(?:(?P<days>a|one|two|three|four|five|six|a few)\s+(?P<unit>days?|weeks?)\s+later|the\s+(?:next|following)\s+(?P<next>day|week)"
    r"|the\s+day\s+after|(?:later|earlier)\s+that\s+(?P<same>month|year)|(?:that|the)\s+same\s+(?P<same2>month|year))\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|upcoming|next|is\s+due|are\s+due|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|planned)\b", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

# A full stop ends a sentence unless it ends an abbreviation: initials ("U.S.", "J."), titles, months.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Pres|St|Jr|Sr|Prof|No|Vol|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Candidate:
    date: PartialDate
    event: str  # the sentence, as written
    paragraph: int  # 1-based


@dataclass(frozen=True)
class Timeline:
    events: tuple[Candidate, ...]
    undated: int  # sentences naming a month or day without a year, left out for want of a reference date


def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph[start : match.start()]):
            continue
        sentences.append(paragraph[start : match.start()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def timeline_candidates(paragraphs: list[str] | tuple[str, ...], reference: PartialDate | None) -> Timeline:
    """Dated sentences of the numbered paragraphs, sorted by date (then by position)."""
    events: list[Candidate] = []
    undated = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        previous: PartialDate | None = None
        for sentence in split_sentences(paragraph):
            date, needs_reference = _sentence_date(sentence, reference, previous)
            if date is None:
                undated += needs_reference
                continue
            events.append(Candidate(date, sentence, number))
            previous = date
    ordered = sorted(enumerate(events), key=lambda item: (item[1].date.sort_key, item[0]))
    return Timeline(tuple(event for _, event in ordered), undated)


def _sentence_date(sentence: str, reference: PartialDate | None, previous: PartialDate | None) -> tuple[PartialDate | None, bool]:
    """The first date a sentence names, and whether it was left out for want of a reference date."""
    found: list[tuple[int, PartialDate | None, bool]] = []
    full = datetext.find_full_date(sentence)
    if full:
        found.append((full[1].start(), full[0], False))
    for pattern in (datetext.MONTH_DAY, _BARE_MONTH, _YEAR, _THIS_PERIOD, _STEP):
        match = _first_unclaimed(pattern, sentence, full[1] if full else None)
        if match:
            needs_reference = pattern in (datetext.MONTH_DAY, _BARE_MONTH, _THIS_PERIOD)
            found.append((match.start(), _resolve(pattern, match, sentence, reference, previous), needs_reference))
    if not found:
        return None, False
    _, date, needs_reference = min(found, key=lambda item: item[0])
    return date, date is None and needs_reference and reference is None


def _first_unclaimed(pattern: re.Pattern, sentence: str, claimed: re.Match | None) -> re.Match | None:
    for match in pattern.finditer(sentence):
        if claimed and claimed.start() <= match.start() < claimed.end():
            continue
        if pattern is datetext.MONTH_DAY and match.group("year"):
            continue
        return match
    return None


def _resolve(pattern, match: re.Match, sentence: str, reference: PartialDate | None, previous: PartialDate | None) -> PartialDate | None:
    future = bool(_FUTURE.search(sentence))
    if pattern is datetext.MONTH_DAY:
        return _place(datetext.month_number(match["month"]), int(re.sub(r"\D", "", match["day"])), reference, future)
    if pattern is _BARE_MONTH:
        word = match["word"].lower()
        if word == "this":
            return _place(datetext.month_number(match["month"]), None, reference, future, this=True)
        ahead = word == "next" or (future and word != "last")
        return _place(datetext.month_number(match["month"]), None, reference, ahead, strict=word in ("last", "next"))
    if pattern is _YEAR:
        return PartialDate(int(match["year"]))
    if pattern is _THIS_PERIOD:
        return _this_period(match["which"].lower().split()[-1], match["unit"].lower(), reference)
    return _step(match, previous)


def _place(month: int, day: int | None, reference: PartialDate | None, future: bool, *, strict: bool = False, this: bool = False) -> PartialDate | None:
    """The year of a month (and day) named without one, seen from the reference date."""
    if reference is None:
        return None
    year = reference.year
    if reference.month and not this:
        both_days = bool(day and reference.day)  # compare days only when both are known
        named, ref = (month, day if both_days else 0), (reference.month, reference.day if both_days else 0)
        if future:
            year += named < ref or (strict and named == ref)
        else:
            year -= named > ref or (strict and named == ref)
    return datetext.real_date(year, month, day)


def _this_period(which: str, unit: str, reference: PartialDate | None) -> PartialDate | None:
    if reference is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[which]
    if unit == "year":
        return PartialDate(reference.year + step)
    if not reference.month:
        return None
    index = reference.year * 12 + reference.month - 1 + step
    return PartialDate(index // 12, index % 12 + 1)


def _step(match: re.Match, previous: PartialDate | None) -> PartialDate | None:
    if previous is None:
        return None
    same = match["same"] or match["same2"]
    if same == "year":
        return PartialDate(previous.year)
    if same == "month":
        return PartialDate(previous.year, previous.month) if previous.month else None
    if not previous.day:
        return None
    if match["days"] and match["days"].lower() == "a few":  # some days later: the month is all we know
        return PartialDate(previous.year, previous.month)
    if match["next"]:
        days = 7 if match["next"].lower() == "week" else 1
    elif match["days"]:
        days = _NUMBERS[match["days"].lower()] * (7 if match["unit"].lower().startswith("week") else 1)
    else:
        days = 1
    later = previous.start + _dt.timedelta(days=days)
    return PartialDate(later.year, later.month, later.day)
