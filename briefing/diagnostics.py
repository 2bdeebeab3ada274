r"""Problems found in a user's file, reported as ``FILE:LINE:COL: message``, always on one line.

File names and the values a message quotes come from untrusted files. A
newline in them would forge whole lines of output ("3 files: 3 exported"),
an ANSI escape would recolour or erase the terminal, a bidi override
(U+202E) would show text in another order than it has. ``one_line`` writes
such characters as escapes (``\n``, ``\x1b``, ``\u202e``); ``Diagnostic``
applies it to everything it prints, and so does every other line the
command prints with a name in it.

A file name whose bytes are not UTF-8 (Linux names are bytes) reaches Python
with each such byte as a lone surrogate (b'\xff' as '\udcff', PEP 383).
Wherever a name is shown (these lines, the batch report, the app's titles and
dialogs) the byte is written as Python writes a byte, ``\xff``
(``readable_name``), not as the '\udcff' of a character that does not exist
(which Qt would silently drop); so that ``\xNN`` above 7F always means such a
byte, ``one_line`` writes the C1 controls (U+0080..U+009F) as ``\u0085``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum

# C0 and C1 controls (newline, tab, escape ...), line and paragraph separators, and the
# format characters that change no glyph: soft hyphen, zero-width spaces and joiners,
# bidi marks, embeddings, overrides and isolates, invisible operators, the byte-order
# mark, interlinear annotations, and the tag characters. Lone surrogates too: a file name whose
# bytes are not UTF-8 (b'\xff' -> '\udcff') cannot be printed to a strict UTF-8 stream.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A byte of a name that is not UTF-8, as Python's file system decoding holds it (surrogateescape).
_UNDECODABLE_BYTE = re.compile("[\udc80-\udcff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return _byte_escape(match)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _byte_escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()) - 0xDC00:02x}"


def readable_name(name: str | os.PathLike[str]) -> str:
    r"""A file name (or a text that holds names) as shown to the user: each byte that is not UTF-8
    written as ``\xff`` (what ``os.fsencode`` + ``backslashreplace`` gives), every other
    character as it is. For text that is not printed line by line: the app's titles and
    dialogs, the batch report's values."""
    return _UNDECODABLE_BYTE.sub(_byte_escape, os.fspath(name))


def one_line(text: str) -> str:
    """``text`` with control, separator, bidi and invisible characters written as escapes: one safe line."""
    return _UNPRINTABLE.sub(_escape, text)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file. ``line`` and ``col`` are 1-based, or 0 when unknown."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = one_line(self.file)
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{one_line(self.message)}"


class BriefingError(Exception):
    """An error the user can act on; carries one or more diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, file: str, message: str, line: int = 0, col: int = 0) -> BriefingError:
        return cls(Diagnostic(str(file), line, col, message))
