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
_LINE_ENDING_CONTROLS = re.compile("[ \t]*[\x0b\x0c\x85][ \t]*")
_OTHER_CONTROLS = re.compile("[ \t]*[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+[ \t]*")
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


def clean(text: str) -> str:
    """Control characters as line breaks or spaces, other characters XML cannot hold
    replaced; everything else kept as written."""
    if _ANY_CHANGED.search(text) is None:
        return text
    text = _OTHER_CONTROLS.sub(_gap, _LINE_ENDING_CONTROLS.sub("\n", text))
    return _XML_INVALID.sub(REPLACEMENT, text)


def _gap(run: re.Match[str]) -> str:
    """What a run of controls (with the spaces around it) becomes: one space between words,
    nothing at the start or end of the text or of a line."""
    text, start, end = run.string, run.start(), run.end()
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
