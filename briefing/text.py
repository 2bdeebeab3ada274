"""Making untrusted text safe to place in XML-based documents, literally."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 cannot hold (C0 controls other than tab, newline and carriage
# return; lone surrogates; U+FFFE/U+FFFF). They are replaced, not dropped, so a
# reader sees that something was there.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"

_RTL_BIDI = {"R", "AL"}


def clean(text: str) -> str:
    """Replace characters XML cannot hold; keep everything else as written."""
    return _XML_INVALID.sub(REPLACEMENT, text)


def is_rtl(text: str) -> bool:
    """True when the first strong directional character is right-to-left (Urdu, Arabic, Hebrew)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in _RTL_BIDI:
            return True
        if bidi == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    """True when any right-to-left character occurs."""
    return any(unicodedata.bidirectional(ch) in _RTL_BIDI for ch in text)


def safe_link(url: str | None) -> str | None:
    """The URL when it is an http, https or mailto link, else None: nothing else becomes a link."""
    if not url:
        return None
    candidate = url.strip()
    scheme = candidate.split(":", 1)[0].lower() if ":" in candidate else ""
    if scheme in ("http", "https") and re.match(r"^https?://[^\s/]+", candidate, re.I):
        return candidate
    if scheme == "mailto" and re.match(r"^mailto:[^\s@]+@[^\s@]+$", candidate, re.I):
        return candidate
    return None


def normalize_for_match(text: str) -> str:
    """Fold whitespace, typographic quotes and dashes, for comparing quotes with their source."""
    table = {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u00a0": " ", "\u2026": "...",
    }
    folded = unicodedata.normalize("NFC", text).translate(str.maketrans(table))
    return " ".join(folded.split())
