"""Untrusted text: made safe to place in XML-based documents, literally; links vetted; folded for matching;
styled pieces of a paragraph (``Span``) as both renderers take them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Control characters (C0 other than tab, newline and carriage return; DEL; C1) are
# layout, not text: the ones that end a line (vertical tab, form feed, next line)
# become a line break, the others a space, so nobody reads a "\ufffd" where the writer
# meant a break or a pause. The spaces and tabs around a control merge into what it
# becomes ("end.\a Next" is "end. Next", not two spaces), and a run of them at the
# start or end of the text or of a line leaves nothing. Spaces nowhere near a control
# are the writer's and stay. The one rule for the loader, the deck, the PDF and the app.
# The patterns find the controls alone; ``_with_blanks`` widens each match over the spaces
# and tabs beside it. A pattern with leading ``[ \t]*`` is tried at every space of a long
# run of them before failing, which is quadratic: 40,000 spaces before a word took 16 s.
_LINE_ENDING_CONTROLS = re.compile("[\x0b\x0c\x85]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")
_BLANKS = " \t"
# What XML 1.0 cannot hold and is not a control (lone surrogates, U+FFFE/U+FFFF) is
# replaced, not dropped, so a reader sees that something was there.
_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
# Any character the rules above change: most text holds none, and one scan for them is
# much cheaper than the rules' patterns, which must be tried at every position.
_ANY_CHANGED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Typographic characters compared as their plain forms when a quote is matched with its source.
FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2026": "...",
}
_FOLD_TABLE = str.maketrans(FOLD)


# The characters that show nothing: Unicode's default-ignorable code points that are assigned (the
# soft hyphen, bidi marks, embeddings, overrides and isolates, zero-width spaces and joiners, the
# word joiner and invisible operators, variation selectors, Hangul fillers, the byte-order mark,
# tags). The PDF draws none of them (briefing.pdf.fontset), so a text of only these and spaces is
# empty: the schemas' "text" pattern is TEXT_PATTERN (tests check that they agree).
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE007F), (0xE0100, 0xE01EF),
)
INVISIBLE = frozenset(chr(code) for first, last in INVISIBLE_RANGES for code in range(first, last + 1))
# What the text of a summary or a brief may not consist of alone: space, and the characters above.
INVISIBLE_CLASS = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in INVISIBLE_RANGES)  # inside [...]
TEXT_PATTERN = f"[^\\s{INVISIBLE_CLASS}]"
_VISIBLE = re.compile(TEXT_PATTERN)


def has_visible_text(text: str) -> bool:
    """Whether ``text``, cleaned (controls as the spaces they become), holds a character a reader
    sees: what a summary's or brief's text must, or validation refuses it ('must not be empty')."""
    return _VISIBLE.search(clean(text)) is not None


def clean(text: str) -> str:
    """Control characters as line breaks or spaces, other characters XML cannot hold
    replaced; everything else kept as written."""
    if _ANY_CHANGED.search(text) is None:
        return text
    text = _with_blanks(_OTHER_CONTROLS, _gap, _with_blanks(_LINE_ENDING_CONTROLS, _line_break, text))
    return _XML_INVALID.sub(REPLACEMENT, text)


def _with_blanks(controls: re.Pattern[str], becomes, text: str) -> str:
    """``text`` with each match of ``controls``, and the spaces and tabs beside it, replaced by
    ``becomes(text, start, end)``: what ``re.sub`` with ``[ \t]*`` around the pattern gives, in
    linear time (the blanks before a match are walked back only as far as the previous one's end)."""
    pieces: list[str] = []
    done = 0
    for found in controls.finditer(text):
        start, end = found.start(), found.end()
        while start > done and text[start - 1] in _BLANKS:
            start -= 1
        while end < len(text) and text[end] in _BLANKS:
            end += 1
        pieces += [text[done:start], becomes(text, start, end)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _line_break(text: str, start: int, end: int) -> str:
    return "\n"


def _gap(text: str, start: int, end: int) -> str:
    """What a run of controls (with the spaces around it) becomes: one space between words,
    nothing at the start or end of the text or of a line."""
    at_edge = start == 0 or end == len(text) or text[start - 1] in "\r\n" or text[end] in "\r\n"
    return "" if at_edge else " "


# Quote marks a quote may carry around itself when copied with them (English, German, French, straight).
_OPENING_QUOTES = "\u201c\u201e\u00ab\""
_CLOSING_QUOTES = "\u201d\u201c\u00bb\""


def unquoted(text: str) -> str:
    """A quote without the marks it carries around itself, so every renderer sets one pair of its own
    (a quote copied with its marks showed as \u201c\u201c\u2026\u201d\u201d)."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] in _OPENING_QUOTES and stripped[-1] in _CLOSING_QUOTES:
        return stripped[1:-1]
    return text


def safe_link(url: str | None) -> str | None:
    """The URL when it is an http, https or mailto link, else None: nothing else becomes a link."""
    if not url:
        return None
    candidate = url.strip()
    scheme = candidate.split(":", 1)[0].lower() if ":" in candidate else ""
    if scheme in ("http", "https") and re.match(r"^https?://[^\s/]+", candidate, re.IGNORECASE):
        return candidate
    if scheme == "mailto" and re.match(r"^mailto:[^\s@]+@[^\s@]+$", candidate, re.IGNORECASE):
        return candidate
    return None


def normalize_for_match(text: str) -> str:
    """Fold whitespace, typographic quotes and dashes (``FOLD``), for comparing quotes with their source."""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    return " ".join(folded.split())


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph's text, set literally.

    ``style`` names a character style of the deck's style; ``bold`` and ``italic``
    (None: the paragraph style's own) and ``superscript`` are the PDF's emphasis.
    ``link`` is only ever a vetted target: an http, https or mailto URL, or
    ``#anchor`` inside a PDF.
    """

    text: str
    style: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    superscript: bool = False
    link: str | None = None
