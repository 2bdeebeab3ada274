"""Right-to-left text: which way a text runs, its right-to-left phrases, and a line in display order.

This is the one place that decides direction, for the deck and the PDF alike:

* ``has_rtl`` and ``is_rtl`` read each character's bidi class (``unicodedata``),
  after a cheap test for the blocks that hold right-to-left scripts;
* ``rtl_phrases`` cuts a text into left-to-right pieces and right-to-left phrases
  (the deck marks the latter ``rtl``; PowerPoint orders them itself);
* ``mirrored`` swaps brackets and other paired characters, as drawn right
  to left (python-bidi's table of Unicode's pairs);
* ``display_runs`` puts one line in display order for renderers that draw
  glyphs themselves (the PDF). The levels come from python-bidi (the Unicode
  Bidirectional Algorithm, brackets included). python-bidi's Rust core only
  hands out a reordered string, and a line must keep each character's look
  (bold, superscript) wherever it moves, so the levels are read from
  ``get_display(..., debug=True)`` (documented as "return the calculated
  levels"; one per UTF-8 byte). What remains here is the line's part of the
  algorithm, rules L1 and L2 (trailing white space back to the paragraph level,
  then reversing runs), twenty lines that ``get_display`` itself does for a
  whole string; ``tests/pdf/test_pdf_bidi.py`` checks that both orders agree.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# The blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
# their presentation forms, and the right-to-left marks and embeddings).
_RTL_BLOCKS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
_MAYBE_RTL = re.compile(f"[{_RTL_BLOCKS}\u200f\u202b\u202e\u2067\U00010800-\U00010fff\U0001e800-\U0001efff]")
_RTL_CLASSES = frozenset(("R", "AL"))
# A right-to-left phrase: RTL words joined by spaces, joiners, Arabic punctuation and digits.
_RTL_PHRASE = re.compile(
    f"[{_RTL_BLOCKS}]+(?:[\\s\u200c-\u200f\u060c\u061b\u061f0-9\u0660-\u0669\u06f0-\u06f9]+[{_RTL_BLOCKS}]+)*"
)
# White space that L1 returns to the paragraph level at the end of a line.
_TRAILING_CLASSES = frozenset(("WS", "S", "B", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))
_LEVELS = re.compile(r"\n    levels: \[\n(.*?)\n    \],\n", re.DOTALL)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def has_rtl(text: str) -> bool:
    """True when any right-to-left character occurs."""
    return bool(_MAYBE_RTL.search(text)) and any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def is_rtl(text: str) -> bool:
    """True when the first strong directional character is right-to-left (Urdu, Arabic, Hebrew)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False


def rtl_phrases(text: str):
    """``(piece, right_to_left)`` in reading order: right-to-left phrases apart from the rest."""
    pos = 0
    for match in _RTL_PHRASE.finditer(text):
        if match.start() > pos:
            yield text[pos : match.start()], False
        yield match.group(0), True
        pos = match.end()
    if pos < len(text):
        yield text[pos:], False


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of one line (even: left to right, odd: right to left)."""
    if not text:
        return []
    from bidi import get_display  # only for right-to-left text: a plain document never loads python-bidi

    dump = get_display(text, base_dir="R" if rtl else "L", debug=True)
    found = _LEVELS.search(dump)
    byte_levels = [int(level) for level in _LEVEL.findall(found.group(1))] if found else []
    if len(byte_levels) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi no longer reports its levels as expected; see briefing/direction.py")
    levels, offset = [], 0
    for ch in text:  # a character's level is that of its first byte
        levels.append(byte_levels[offset])
        offset += len(ch.encode("utf-8"))
    base = 1 if rtl else 0
    end = len(text)  # L1: white space at the end of the line goes back to the paragraph level
    while end and unicodedata.bidirectional(text[end - 1]) in _TRAILING_CLASSES:
        end -= 1
        levels[end] = base
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """L2: the logical index of each character, in display order (left to right)."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):  # from the highest level down, reverse every run at or above it
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def mirrored(text: str) -> str:
    """``text`` with each character that has a mirrored pair swapped for it (rule L4: ``(`` drawn right to left is ``)``)."""
    from bidi.mirror import MIRRORED  # Unicode's mirrored pairs (BidiMirroring.txt); only for right-to-left text

    return "".join(MIRRORED.get(ch, ch) for ch in text)


def display_runs(text: str, looks: list, rtl: bool) -> list[tuple[Any, bool, str]]:
    """Runs of one line in display order (left to right): ``(look, right_to_left, text)``.

    ``looks`` holds each character's look; a run's text stays in logical order
    (a right-to-left run is shaped, then drawn reversed).
    """
    if not text:
        return []
    levels = bidi_levels(text, rtl)
    runs: list[tuple[object, int, list[int]]] = []
    for index in visual_order(levels):
        if runs and runs[-1][0] == looks[index] and runs[-1][1] == levels[index]:
            runs[-1][2].append(index)
        else:
            runs.append((looks[index], levels[index], [index]))
    return [(look, bool(level % 2), "".join(text[i] for i in sorted(indexes))) for look, level, indexes in runs]
