"""Hypothesis strategies for valid ``summary/1`` and ``brief/1`` documents (plain data, as in the YAML).

They follow ``schema/summary.schema.json`` and ``schema/brief.schema.json`` and the
rules the schema cannot say: ids unique in their list, every reference resolves,
dates are real calendar dates, confidence and likelihood use the ICD 203 words,
and when the source carries its paragraphs every quote is a verbatim slice of the
paragraph it cites.

Text comes from many scripts: Latin with diacritics, Greek, Cyrillic, Chinese,
Japanese kana, Hangul, Arabic and Urdu, Hebrew, and any letter, mark, number,
punctuation or symbol of Unicode (never a surrogate, a control or format
character, or an unassigned code point). ``pdf_checkable`` says which texts the
PDF can be checked for character by character; see ``tests/properties``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import strategies as st

from briefing.icd203 import CONFIDENCE_LEVELS, LIKELIHOOD_TERMS, PRIORITIES

KINDS = ("person", "state", "organization", "group", "other")


def _chars(*ranges: tuple[int, int]) -> str:
    return "".join(chr(c) for low, high in ranges for c in range(low, high + 1))


LATIN = _chars((0x41, 0x5A), (0x61, 0x7A), (0x30, 0x39), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x17F)) + ".,;:!?'()-&%$/"
GREEK = _chars((0x391, 0x3A1), (0x3A3, 0x3A9), (0x3B1, 0x3C9))
CYRILLIC = _chars((0x410, 0x44F))
CJK = _chars((0x4E00, 0x4FFF), (0x3041, 0x3096), (0x30A1, 0x30FA), (0xAC00, 0xAD00)) + "。、"
ARABIC = _chars((0x621, 0x63A), (0x641, 0x64A)) + "\u0679\u067e\u0686\u0688\u0691\u0698\u06a9\u06af\u06ba\u06be\u06c1\u06cc\u06d2\u06d4"
HEBREW = _chars((0x5D0, 0x5EA))

# Scripts the PDF's fonts cover and that run left to right: text made only of these can be
# found character for character in the PDF's extracted text.
PDF_CHECKABLE = frozenset(LATIN + GREEK + CYRILLIC + CJK)

BROAD = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S"))


def pdf_checkable(text: str) -> bool:
    return all(ch in PDF_CHECKABLE or ch.isspace() for ch in text)


def _word(alphabet) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=1, max_size=10)


# A text mixes words of one or two scripts; "broad" is any character of Unicode's
# letter, mark, number, punctuation and symbol categories.
WORDS = {
    "latin": _word(LATIN),
    "ltr": _word(st.sampled_from(LATIN + GREEK + CYRILLIC) | st.sampled_from(CJK)),
    "cjk": _word(CJK),
    "urdu+latin": _word(ARABIC) | _word(LATIN),
    "hebrew+latin": _word(HEBREW) | _word(LATIN),
    "broad": _word(BROAD),
}


@st.composite
def text(draw, max_words: int = 8, lines: bool = False) -> str:
    """A non-empty text: words of one mix, joined by spaces (and, with ``lines``, line breaks)."""
    words = draw(st.lists(WORDS[draw(st.sampled_from(sorted(WORDS)))], min_size=1, max_size=max_words))
    gaps = st.sampled_from([" ", " ", " ", "\n"]) if lines else st.just(" ")
    out = words[0]
    for word in words[1:]:
        out += draw(gaps) + word
    return out


def ids(count: int, prefix: str) -> st.SearchStrategy[list[str]]:
    """``count`` distinct ids: text without whitespace, from any script; distinct also in Unicode
    canonical form (``Ω`` U+2126 and ``Ω`` U+03A9 are one id to the validator)."""
    ident = st.text(st.characters(codec="utf-8", categories=("L", "N")) | st.sampled_from("-_.:#/"), min_size=1, max_size=8)
    return st.lists(ident.map(lambda s: f"{prefix}{s}"), min_size=count, max_size=count,
                    unique_by=lambda s: unicodedata.normalize("NFC", s))


@st.composite
def partial_date(draw, years: tuple[int, int] = (1, 9999)) -> str:
    """A real date at year, month or day precision: ``2025``, ``2025-07``, ``2025-07-25``."""
    day = draw(st.dates(min_value=dt.date(years[0], 1, 1), max_value=dt.date(years[1], 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _maybe(draw, key: str, strategy, into: dict) -> None:
    if draw(st.booleans()):
        into[key] = draw(strategy)


@st.composite
def summaries(draw, max_findings: int = 4, years: tuple[int, int] = (1, 9999)) -> dict:
    """A valid ``summary/1`` document as plain data, its dates within ``years``."""
    when = partial_date(years)
    source: dict = {"title": draw(text())}
    _maybe(draw, "publisher", text(4), source)
    _maybe(draw, "authors", st.lists(text(3), min_size=1, max_size=3), source)
    _maybe(draw, "url", st.sampled_from(["https://example.org/a?b=1&c=2", "http://example.org", "mailto:desk@example.org"]), source)
    _maybe(draw, "published", when, source)
    paragraphs = draw(st.lists(text(30, lines=True), min_size=1, max_size=4)) if draw(st.booleans()) else []
    if paragraphs:
        source["paragraphs"] = paragraphs

    theme_ids = draw(ids(draw(st.integers(0, 3)), "t"))
    actor_ids = draw(ids(draw(st.integers(0, 4)), "a"))
    finding_ids = draw(ids(draw(st.integers(1, max_findings)), "f"))
    data: dict = {"format": "summary/1", "source": source, "headline": draw(text()), "bluf": draw(text(25, lines=True))}
    if theme_ids or draw(st.booleans()):
        data["themes"] = [{"id": i, "label": draw(text(3))} for i in theme_ids]
    if actor_ids or draw(st.booleans()):
        data["actors"] = [_actor(draw, i) for i in actor_ids]
    data["findings"] = [_finding(draw, i, theme_ids, actor_ids, paragraphs, when) for i in finding_ids]
    events = draw(st.lists(_event(actor_ids, finding_ids, when), max_size=4))
    if events:
        data["timeline"] = events
    return data


def _actor(draw, ident: str) -> dict:
    actor = {"id": ident, "name": draw(text(4)), "kind": draw(st.sampled_from(KINDS))}
    _maybe(draw, "role", text(6), actor)
    return actor


def _finding(draw, ident: str, themes: list[str], actors: list[str], paragraphs: list[str], when) -> dict:
    finding: dict = {"id": ident, "title": draw(text(14)), "statement": draw(text(40, lines=True))}
    if themes:
        _maybe(draw, "theme", st.sampled_from(themes), finding)
    if actors:
        _maybe(draw, "actors", st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True), finding)
    finding["evidence"] = draw(st.lists(_evidence(paragraphs), max_size=3))
    _maybe(draw, "confidence", st.sampled_from(CONFIDENCE_LEVELS), finding)
    _maybe(draw, "likelihood", st.sampled_from(LIKELIHOOD_TERMS), finding)
    _maybe(draw, "key_judgment", st.booleans(), finding)
    _maybe(draw, "date", when, finding)
    _maybe(draw, "tags", st.lists(text(2), min_size=1, max_size=3), finding)
    return finding


@st.composite
def _evidence(draw, paragraphs: list[str]) -> dict:
    """A quote: when the source carries its paragraphs, a verbatim run of words of the one it cites."""
    if paragraphs:
        number = draw(st.integers(1, len(paragraphs)))
        words = paragraphs[number - 1].split()
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, min(len(words), start + 12)))
        item = {"quote": " ".join(words[start:end]), "paragraph": number}
    else:
        item = {"quote": draw(text(12)), "paragraph": draw(st.integers(1, 400))}
    if draw(st.booleans()):
        item["grade"] = draw(st.sampled_from("ABCDEF")) + draw(st.sampled_from("123456"))
    return item


@st.composite
def _event(draw, actors: list[str], findings: list[str], when) -> dict:
    event = {"date": draw(when), "event": draw(text(10))}
    if actors:
        _maybe(draw, "actors", st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True), event)
    _maybe(draw, "finding", st.sampled_from(findings), event)
    return event


@st.composite
def briefs(draw, summary: dict, summary_name: str = "summary.yaml", years: tuple[int, int] = (1, 9999)) -> dict:
    """A valid ``brief/1`` over ``summary``: an ordered selection of its findings, with annotations."""
    finding_ids = [f["id"] for f in summary["findings"]]
    chosen = draw(st.permutations(finding_ids))[: draw(st.integers(0, len(finding_ids)))]
    data: dict = {"format": "brief/1", "summary": summary_name, "title": draw(text())}
    for key in ("subtitle", "author", "audience", "marking"):
        _maybe(draw, key, text(5), data)
    _maybe(draw, "date", partial_date(years), data)
    selection = []
    for ident in chosen:
        item: dict = {"id": ident}
        _maybe(draw, "title", text(14), item)
        _maybe(draw, "note", text(20, lines=True), item)
        _maybe(draw, "priority", st.sampled_from(PRIORITIES), item)
        _maybe(draw, "key_judgment", st.booleans(), item)
        selection.append(item)
    data["findings"] = selection
    return data
