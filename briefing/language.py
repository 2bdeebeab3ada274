"""Which language a piece of text is in, as far as its script tells: for screen readers' voices.

A brief names its own language (``language:``, default ``en``). Text written
wholly in another script than the brief's is tagged with that script's usual
language, so a screen reader switches voice: Arabic script is Urdu when it has
letters only Urdu uses (ٹ ڈ ڑ ں ھ ہ ے), else Arabic; Hebrew is Hebrew; kana
means Japanese, Hangul Korean, Han characters alone Chinese. Latin, Greek and
Cyrillic text, digits and punctuation say nothing: they keep the brief's language.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# Letters of the scripts that carry no language of their own here (Latin, Greek, Cyrillic).
_ALPHABETIC = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff]")
# Every script below starts at or above this character: text wholly under it has none of them.
_FIRST_SCRIPT_CHARACTER = "\u0590"


class _Scripts(NamedTuple):
    arabic: re.Pattern
    urdu_only: re.Pattern
    hebrew: re.Pattern
    kana: re.Pattern
    hangul: re.Pattern
    han: re.Pattern


@functools.cache
def _scripts() -> _Scripts:
    """The scripts' patterns, compiled on first need (some 3 ms of classes over thousands of
    characters, which text in Latin letters, digits and punctuation never needs)."""
    return _Scripts(
        arabic=re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
        urdu_only=re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c2\u06c3\u06d2\u06d3]"),
        hebrew=re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
        kana=re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"),
        hangul=re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"),
        # Two classes, not one: a class mixing BMP and supplementary-plane ranges takes Python's
        # regex compiler some 10 ms; apart, they match the same characters.
        han=re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\U00020000-\U0003134f]"),
    )


def primary(tag: str) -> str:
    """The language of a BCP 47 tag, without region or script: ``ur-PK`` -> ``ur``."""
    return tag.split("-", 1)[0].lower()


def script_language(text: str) -> str | None:
    """The language ``text`` is written in when its script alone says so, else None."""
    if text.isascii():
        return None  # Latin letters, digits, punctuation: no voice of their own (and most text is so)
    if max(text) < _FIRST_SCRIPT_CHARACTER or _ALPHABETIC.search(text):
        return None  # no letter of the scripts below, or mixed with Latin (Greek, Cyrillic) letters: no single voice
    scripts = _scripts()
    if scripts.arabic.search(text):
        if scripts.hebrew.search(text) or scripts.han.search(text):
            return None
        return "ur" if scripts.urdu_only.search(text) else "ar"
    if scripts.hebrew.search(text):
        return None if scripts.han.search(text) else "he"
    if scripts.hangul.search(text):
        return "ko"
    if scripts.kana.search(text):
        return "ja"
    if scripts.han.search(text):
        return "zh"
    return None


def language_of(text: str, document_language: str) -> str | None:
    """The language to tag ``text`` with inside a document in ``document_language``: None when it is the same."""
    found = script_language(text)
    if found is None or found == primary(document_language):
        return None
    return found
