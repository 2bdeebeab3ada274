"""Checking evidence quotes against the article they cite.

A quote must occur in its cited paragraph after both are normalised the way
``briefing.text.normalize_for_match`` does it (whitespace runs, typographic
quotes and dashes, the ellipsis character). ``find_quote`` answers with the
span in the paragraph as written, so the app can highlight the quote there.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from briefing.diagnostics import Diagnostic
from briefing.formats.yamlread import YamlDocument
from briefing.text import FOLD, normalize_for_match

CLOSE_ENOUGH = 0.8  # similarity above which a near miss is shown to the analyst


@functools.lru_cache(maxsize=512)
def normalized_with_offsets(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """``text`` normalised for matching, with each normalised character's start and end in ``text``.

    Characters are composed (NFC) one base character plus its combining marks at
    a time, so every output character maps back to the characters it came from.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space: int | None = None
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        for ch in piece:
            folded = FOLD.get(ch, ch)  # the folding of normalize_for_match, one character at a time
            if folded.isspace():
                if out and pending_space is None:
                    pending_space = i
                continue
            if pending_space is not None:
                out.append(" ")
                starts.append(pending_space)
                ends.append(i)
                pending_space = None
            for part in folded:
                out.append(part)
                starts.append(i)
                ends.append(j)
        i = j
    return "".join(out), tuple(starts), tuple(ends)


def find_quote(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``paragraph``: a (start, end) span of the paragraph as written, or None."""
    wanted = normalize_for_match(quote)
    if not wanted:
        return None
    haystack, starts, ends = normalized_with_offsets(paragraph)
    at = haystack.find(wanted)
    if at < 0:
        return None
    return starts[at], ends[at + len(wanted) - 1]


def paragraphs_with_quote(paragraphs: Sequence[str], quote: str) -> list[int]:
    """The 1-based numbers of the paragraphs holding ``quote``."""
    return [n for n, text in enumerate(paragraphs, start=1) if find_quote(text, quote) is not None]


def closest_passage(paragraphs: Sequence[str], quote: str) -> tuple[int, str] | None:
    """The paragraph number and passage (as written) most like ``quote``, when one is close (a typo, a changed word)."""
    wanted = normalize_for_match(quote)
    size = len(wanted.split())
    best, best_ratio = None, CLOSE_ENOUGH
    import difflib  # only a quote not found as written needs it: not at every export's start

    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)
    for number, paragraph in enumerate(paragraphs, start=1):
        text, starts, ends = normalized_with_offsets(paragraph)
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        if not words:
            continue
        for width in sorted({size - 1, size, size + 1} - {0}):
            for first in range(0, max(1, len(words) - width + 1)):
                span = words[first : first + width]
                matcher.set_seq1(text[span[0][0] : span[-1][1]])
                if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio and matcher.ratio() > best_ratio:
                    best_ratio = matcher.ratio()
                    best = (number, paragraph[starts[span[0][0]] : ends[span[-1][1] - 1]])
    return best


# -- checking a summary ------------------------------------------------------------------------------


def check_quotes(doc_path: str, summary: Any, paragraphs: Sequence[str], yaml_doc: YamlDocument | None = None) -> list[Diagnostic]:
    """Every evidence quote of ``summary`` (loaded data, or a ``Summary``) checked against ``paragraphs``.

    ``yaml_doc`` locates the quotes in the file; without it problems carry no line.
    """
    problems = []
    for path, quote, cited in _evidence(summary):
        message = _quote_problem(quote, cited, paragraphs)
        if message:
            mark = yaml_doc.mark(path) if yaml_doc else None
            problems.append(Diagnostic(str(doc_path), mark.line if mark else 0, mark.col if mark else 0, message))
    return problems


def _quote_problem(quote: str, cited: int, paragraphs: Sequence[str]) -> str | None:
    if 1 <= cited <= len(paragraphs) and find_quote(paragraphs[cited - 1], quote) is not None:
        return None
    holders = paragraphs_with_quote(paragraphs, quote)
    if holders:
        where = _numbers(holders)
        return f"quote is in paragraph{'s' if len(holders) > 1 else ''} {where}, not {cited}"
    if not 1 <= cited <= len(paragraphs):
        return f"quote is not in the article, and paragraph {cited} does not exist (the article has {len(paragraphs)})"
    near = closest_passage(paragraphs, quote)
    hint = f"; closest is paragraph {near[0]}: {near[1]}" if near else "; copy it verbatim from the article"
    return f"quote is not in paragraph {cited} or anywhere else in the article{hint}"


def _numbers(numbers: list[int]) -> str:
    shown = [str(n) for n in numbers]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"


def _evidence(summary: Any) -> Iterator[tuple[tuple, str, int]]:
    """(YAML path of the quote, quote, cited paragraph) for each well-formed evidence item."""
    if isinstance(summary, Mapping):
        findings = summary.get("findings")
        for i, finding in enumerate(findings if isinstance(findings, list) else []):
            evidence = finding.get("evidence") if isinstance(finding, Mapping) else None
            for j, item in enumerate(evidence if isinstance(evidence, list) else []):
                if isinstance(item, Mapping) and isinstance(item.get("quote"), str) and type(item.get("paragraph")) is int:
                    yield ("findings", i, "evidence", j, "quote"), item["quote"], item["paragraph"]
        return
    for i, finding in enumerate(getattr(summary, "findings", ())):
        for j, item in enumerate(finding.evidence):
            yield ("findings", i, "evidence", j, "quote"), item.quote, item.paragraph
