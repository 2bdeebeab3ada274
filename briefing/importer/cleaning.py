"""Telling the article from what the scraper caught around it.

Two passes. ``drop_debris`` removes lines that are page furniture, wherever
they are (screenshot captions, image credits, "Share this", "Also Read: ...",
disclaimers, separators such as ``***``, truncated teasers), and everything
from a "Related articles" heading on. ``drop_repeats`` removes a paragraph
that repeats an earlier one or is wholly contained in it: scrapes duplicate
paragraphs, and pull quotes repeat a sentence of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text import normalize_for_match

SHORT = 300  # debris is short; a long paragraph is never dropped by a line rule
PULL_QUOTE_MIN_WORDS = 6  # a shorter line inside an earlier paragraph is a heading, not a pull quote

_SOCIAL = {"share", "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e-mail", "print", "reddit",
           "telegram", "pinterest", "copy", "link", "tweet", "this", "on", "via", "mail"}


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    max_length: int = SHORT


def _rule(name: str, pattern: str, max_length: int = SHORT) -> Rule:
    return Rule(name, re.compile(pattern, re.I), max_length)


LINE_RULES = (
    _rule("screenshot caption", r"^screen\s?shot\b"),
    _rule("image credit", r"^(?:image|photo|picture|figure|fig\.|illustration|graphic|video)\s*\d*\s*(?::|\||credit\b|courtesy\b|by\b|via\b)"),
    _rule("image credit", r"^\(?(?:photo|image|picture)s?\s*(?:credit|courtesy|source)?\s*:"),
    _rule("image credit", r"^(?:credits?|courtesy)\s*:"),
    _rule("share buttons", r"^share(?:\s+(?:this|on|via)\b.*|\s+this\s+(?:article|story|page|post)\b.*)?\s*:?$"),
    _rule("read-more link", r"^(?:also read|read also|read more|see also|must read|recommended|more on this(?: topic)?|related(?: article| story| post)?)\s*(?::|\||–|—|-|$)"),
    _rule("disclaimer", r"^(?:disclaimer\b|(?:the\s+)?(?:views|opinions)\s+expressed\b)", 800),
    _rule("disclaimer", r"\b(?:authors?|writers?|contributors?)['’]s?\s+own\b.*\bnot\s+necessarily\b", 800),
    _rule("copyright line", r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))"),
    _rule("advertisement", r"^(?:advertisement|sponsored(?: content)?|subscribe\b.*|sign up\b.*|click here\b.*|newsletter)$", 160),
    _rule("teaser", r"\w\s?(?:…|\.\.\.)$", 250),
)

END_MARKERS = re.compile(
    r"^(?:related(?:\s+(?:articles?|posts?|stories|content|reading|coverage))?|more\s+(?:stories|articles|from\b.*)"
    r"|read\s+next|recommended(?:\s+(?:for you|reading|articles))?|you\s+(?:may|might)\s+also\s+like|trending(?: now)?"
    r"|most\s+(?:read|popular)|(?:leave\s+a\s+)?(?:comments?|reply)|about\s+the\s+authors?)\s*:?$",
    re.I,
)


@dataclass(frozen=True)
class Dropped:
    """A line removed from the article, and why."""

    text: str
    reason: str


def debris_reason(line: str) -> str | None:
    """Why ``line`` is page furniture rather than article, or None when it is article."""
    if not any(ch.isalnum() for ch in line):
        return "separator"
    words = re.findall(r"[\w-]+", line.lower())
    if words and len(line) <= 120 and all(w in _SOCIAL for w in words) and ("share" in words or len(words) >= 2):
        return "share buttons"
    for rule in LINE_RULES:
        if len(line) <= rule.max_length and rule.pattern.search(line):
            return rule.name
    return None


def drop_debris(lines: list[str]) -> tuple[list[str], list[Dropped]]:
    """The article's lines without debris, and the dropped lines (in order)."""
    kept: list[str] = []
    dropped: list[Dropped] = []
    for index, line in enumerate(lines):
        if kept and END_MARKERS.match(line):
            dropped.extend(Dropped(rest, "after a related-articles heading") for rest in lines[index:])
            break
        reason = debris_reason(line)
        if reason:
            dropped.append(Dropped(line, reason))
        else:
            kept.append(line)
    return kept, dropped


def drop_repeats(lines: list[str]) -> tuple[list[str], list[Dropped]]:
    """Lines without those that repeat an earlier line or sit wholly inside one (pull quotes).

    Linear in practice: exact repeats are found in a set, and a possible pull quote is
    compared only with the earlier paragraphs that hold its rarest run of three words
    (a paragraph that contains the quote contains each of its runs).
    """
    kept: list[str] = []
    seen: set[str] = set()
    earlier = _ParagraphIndex()
    dropped: list[Dropped] = []
    for line in lines:
        key = _match_key(line)
        if key in seen:
            dropped.append(Dropped(line, "repeats an earlier paragraph"))
            continue
        runs = _runs(_WORD.findall(key))
        if len(key.split()) >= PULL_QUOTE_MIN_WORDS and earlier.contains(key, runs):
            dropped.append(Dropped(line, "pull quote: contained in an earlier paragraph"))
        else:
            kept.append(line)
            seen.add(key)
            earlier.add(key, runs)
    return kept, dropped


_WORD = re.compile(r"[^\W_]+")  # runs of str.isalnum() characters: the word boundaries `_contains` checks


class _ParagraphIndex:
    """Earlier paragraphs, and for every second run of three words (by its hash) the paragraphs holding it there.

    A paragraph that holds a part holds each run of the part's whole words (the
    part's ends are word boundaries), at consecutive positions; of any two
    consecutive runs of the part, one sits at an even position of the paragraph,
    and those are the ones indexed. So the paragraphs listed for the part's
    rarest pair of consecutive runs include every paragraph that can hold it.
    Runs of three words are rare, so the lists stay short however long the
    article; indexing every second run and storing a lone paragraph as a number
    keep the index small (two runs with one hash only cost an extra comparison).
    """

    def __init__(self):
        self.texts: list[str] = []
        self.by_run: dict[int, int | list[int]] = {}

    def add(self, text: str, runs: list[int]) -> None:
        number = len(self.texts)
        self.texts.append(text)
        for run in runs[::2]:
            listed = self.by_run.get(run)
            if listed is None:
                self.by_run[run] = number
            elif isinstance(listed, int):
                if listed != number:
                    self.by_run[run] = [listed, number]
            elif listed[-1] != number:
                listed.append(number)

    def contains(self, part: str, runs: list[int]) -> bool:
        """Whether an earlier paragraph holds ``part`` between word boundaries."""
        if len(runs) < 2:  # under four words (rare in a line of six or more): search them all
            return any(_contains(text, part) for text in self.texts)
        listed = [self._paragraphs(run) for run in runs]
        first, second = min(zip(listed, listed[1:]), key=lambda pair: len(pair[0]) + len(pair[1]))
        return any(_contains(self.texts[i], part) for i in sorted(set(first) | set(second)))

    def _paragraphs(self, run: int) -> tuple[int, ...] | list[int]:
        listed = self.by_run.get(run, ())
        return (listed,) if isinstance(listed, int) else listed


def _runs(words: list[str]) -> list[int]:
    """Hashes of each run of three words."""
    return [hash((a, b, c)) for a, b, c in zip(words, words[1:], words[2:])]


def _match_key(line: str) -> str:
    """The text compared for repeats: normalised, without the quotation marks a pull quote adds."""
    return normalize_for_match(line).strip("\"' ")


def _contains(text: str, part: str) -> bool:
    start = text.find(part)
    while start != -1:
        end = start + len(part)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            return True
        start = text.find(part, start + 1)
    return False
