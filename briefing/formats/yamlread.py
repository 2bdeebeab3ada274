"""Safe, located reading of untrusted YAML.

PyYAML's loaders resolve YAML 1.1 types (``NO`` becomes False, ``3.10``
becomes 3.1), expand aliases without limit and recurse once per nesting
level. Briefing reads files written by people and by scrapers, so it builds
plain data from the parser's event stream itself:

* only the core types: mappings, sequences, text, integers, ``true``/``false``
  and ``null``; every other plain scalar (``NO``, ``3.10``, ``2025-07-25``)
  stays the text that was written, and the raw text of integers is kept so a
  text field can take it back;
* explicit tags other than the standard ones (``!!python/...``) are refused;
* duplicate keys are an error naming both lines;
* nesting depth, node count and characters (alias expansion included) and
  file size are bounded, so "billion laughs", one long text aliased a
  thousand times, and deep nesting fail fast in small memory;
* an integer longer than Python converts (4,300 digits) stays the text
  that was written, so a text field keeps it and a number field says so;
* line breaks are YAML 1.2's: CR LF, CR or LF. NEL, U+2028 and U+2029 are
  ordinary characters (PyYAML, a YAML 1.1 parser, would break lines there),
  and positions count lines the same way;
* every node's position is recorded by its path for ``FILE:LINE:COL`` errors;
* characters XML cannot hold (only double-quoted escapes can produce them) are
  replaced, so no renderer ever sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml

from briefing.diagnostics import BriefingError
from briefing.formats.userfiles import read_bounded
from briefing.text import clean

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 1_000_000
# Characters of text after alias expansion. A file without aliases holds fewer characters
# than bytes, so only aliases can reach this; the renderers never see more text than a file can hold.
MAX_CHARACTERS = MAX_BYTES
MAX_INT_DIGITS = 4300  # Python's own limit on int(str) (sys.get_int_max_str_digits)
_YAML11_BREAKS = "\x85\u2028\u2029"  # line breaks in YAML 1.1 only

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_STANDARD = "tag:yaml.org,2002:"
_MAYBE_TYPED = frozenset("0123456789+-~nNtTfF")  # first characters of null, booleans and integers
_SCALAR_TAGS = {None, "!", *(_STANDARD + t for t in ("str", "int", "bool", "null", "float", "timestamp"))}
_COLLECTION_TAGS = {None, "!", _STANDARD + "seq", _STANDARD + "map"}

YamlPath = tuple  # of str keys and int indexes


class Mark(NamedTuple):
    """A 1-based position in the text (a tuple: millions are made for large files)."""

    line: int
    col: int


@dataclass
class YamlDocument:
    """A YAML file as read: its data, and where each value was written (for FILE:LINE:COL messages)."""

    file: str
    data: Any
    text: str = ""
    # The parser's own 0-based marks, converted only when asked: most are never needed.
    marks: dict[YamlPath, Any] = field(default_factory=dict)
    key_marks: dict[YamlPath, Any] = field(default_factory=dict)
    plain_text: dict[YamlPath, str] = field(default_factory=dict)

    def mark(self, path: YamlPath, *, key: bool = False) -> Mark:
        """Position of the node at ``path`` (its key with ``key=True``), else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_marks:
            return _to_mark(self.key_marks[path])
        while path:
            if path in self.marks:
                return _to_mark(self.marks[path])
            path = path[:-1]
        return _to_mark(self.marks[()]) if () in self.marks else Mark(1, 1)

    def error(self, path: YamlPath, message: str, *, key: bool = False) -> BriefingError:
        m = self.mark(path, key=key)
        return BriefingError.at(self.file, message, m.line, m.col)


def read_yaml(path: str | Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse one YAML file safely; raise BriefingError with a located message."""
    name = display_name or str(path)
    raw = read_bounded(path, MAX_BYTES, name=name)
    return parse_yaml(decode_utf8(raw, name), name)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM); a bad byte is reported by line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        byte = raw[exc.start]
        raise BriefingError.at(name, f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8", line, col) from None


def parse_yaml(text: str, name: str = "<string>") -> YamlDocument:
    builder = _Builder(name)
    builder.document.text = text
    parsed, restore = _hide_yaml11_breaks(text)
    builder.restore = str.maketrans(restore) if restore else None
    loader = Loader(parsed)
    try:
        builder.run(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise BriefingError.at(name, message, line, col) from None
    except yaml.reader.ReaderError as exc:
        line, col = _offset_to_line_col(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise BriefingError.at(name, f"control character U+{code:04X} is not allowed in YAML; remove it", line, col) from None
    except yaml.YAMLError as exc:
        raise BriefingError.at(name, f"YAML error: {_first_line(str(exc))}", 1, 1) from None
    finally:
        loader.dispose()
    return builder.document


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(_first_line(p) for p in parts) or "YAML syntax error"
    if "control characters" in message or "special characters" in message:
        return f"YAML syntax error: {message}; remove the character"
    return f"YAML syntax error: {message}"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset; CR LF, CR and LF each end a line (as YAML counts)."""
    head = text[:offset]
    line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
    start = max(head.rfind("\n"), head.rfind("\r")) + 1
    return line, offset - start + 1


def _hide_yaml11_breaks(text: str) -> tuple[str, dict[str, str] | None]:
    """``text`` with NEL, U+2028 and U+2029 swapped for private-use characters the text does not use.

    PyYAML and libyaml follow YAML 1.1, where these end a line; in YAML 1.2 they
    are text. One character for one keeps every position; ``restore`` maps the
    stand-ins back in the values read.
    """
    present = [c for c in _YAML11_BREAKS if c in text]
    if not present:
        return text, None
    used = set(text)
    stand_ins = (chr(c) for c in range(0xF0000, 0x10FFFE) if chr(c) not in used)  # plane 15-16 private use
    restore: dict[str, str] = {}
    for char in present:
        stand_in = next(stand_ins)
        restore[stand_in] = char
        text = text.replace(char, stand_in)
    return text, restore


def _shown_tag(tag: str) -> str:
    """The tag as it is usually written: ``!!python/object`` rather than its full URI."""
    return "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag


def _to_mark(yaml_mark) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


class _Frame:
    __slots__ = ("obj", "path", "key", "key_mark", "seen", "anchor", "nodes_at_start", "characters_at_start")

    def __init__(self, obj, path, anchor, nodes_at_start, characters_at_start):
        self.obj = obj
        self.path = path
        self.key = _NO_KEY
        self.key_mark = None
        self.seen: dict[str, int] = {}
        self.anchor = anchor
        self.nodes_at_start = nodes_at_start
        self.characters_at_start = characters_at_start


_NO_KEY = object()


class _Builder:
    """Turns the parser's events into plain data without recursion."""

    def __init__(self, name: str):
        self.name = name
        self.document = YamlDocument(name, None)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, its nodes, its characters
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.characters = 0
        self.documents = 0
        self.restore: dict[int, str] | None = None  # stand-ins for YAML 1.1 line breaks (see parse_yaml)

    def fail(self, event, message: str) -> NoReturn:
        m = _to_mark(event.start_mark)
        raise BriefingError.at(self.name, message, m.line, m.col)

    def run(self, loader) -> None:
        handlers = {
            yaml.ScalarEvent: self.scalar,
            yaml.SequenceStartEvent: self.start,
            yaml.MappingStartEvent: self.start,
            yaml.SequenceEndEvent: self.end,
            yaml.MappingEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document_start,
        }
        get_event, check_event = loader.get_event, loader.check_event
        while check_event():
            event = get_event()
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def document_start(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(event, "only one YAML document per file is allowed (found a second '---')")

    # -- placing a finished node -------------------------------------------------
    def place(self, value, event, size: int = 1) -> YamlPath | None:
        """Attach a value node to its parent; returns its path, or None when it was a key."""
        if not self.stack:
            self.document.data = value
            return ()
        top = self.stack[-1]
        if isinstance(top.obj, list):
            top.obj.append(value)
            return top.path + (len(top.obj) - 1,)
        if top.key is _NO_KEY:
            self.take_key(top, value, event)
            return None
        path = top.path + (top.key,)
        top.obj[top.key] = value
        self.document.key_marks[path] = top.key_mark
        top.key = _NO_KEY
        return path

    def take_key(self, top: _Frame, value, event) -> None:
        if isinstance(value, (dict, list)):
            self.fail(event, "a mapping key must be plain text, not a list or mapping")
        key = "" if value is None else str(value) if not isinstance(value, bool) else str(value).lower()
        line = event.start_mark.line + 1
        if key in top.seen:
            self.fail(event, f"duplicate key '{key}' (first defined on line {top.seen[key]})")
        top.seen[key] = line
        top.key = key
        top.key_mark = event.start_mark

    def count(self, event, n: int, characters: int = 0) -> None:
        self.nodes += n
        self.characters += characters
        if self.nodes > MAX_NODES:
            self.fail(event, f"document expands to more than {MAX_NODES:,} nodes (alias bomb?); refusing to load it")
        if self.characters > MAX_CHARACTERS:
            self.fail(
                event,
                f"document expands to more than {MAX_CHARACTERS:,} characters of text through aliases "
                "(alias bomb?); refusing to load it",
            )

    # -- events --------------------------------------------------------------------
    def scalar(self, event) -> None:
        if event.tag not in _SCALAR_TAGS:
            self.fail(event, f"tag '{_shown_tag(event.tag)}' is not allowed; only plain YAML data is read")
        self.nodes += 1
        self.characters += len(event.value)
        if self.nodes > MAX_NODES or self.characters > MAX_CHARACTERS:
            self.count(event, 0)
        value, plain = self.resolve(event, self.restore)
        path = self.place(value, event)
        if path is not None:
            self.document.marks[path] = event.start_mark
            if plain is not None:
                self.document.plain_text[path] = plain
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value))

    @staticmethod
    def resolve(event, restore: dict[int, str] | None = None) -> tuple[Any, str | None]:
        """YAML 1.2 core resolution for plain scalars; anything else stays text."""
        text = event.value
        if restore:
            text = text.translate(restore)
        if event.style == '"':
            # Only double-quoted escapes can produce characters XML cannot hold (\v, \x00, \ud800).
            text = clean(text)
        tag = event.tag
        if tag is None and (not event.implicit[0] or (text and text[0] not in _MAYBE_TYPED)):
            return text, None
        if tag == _STANDARD + "str" or tag == "!":
            return text, None
        if tag is None or tag in (_STANDARD + "null", _STANDARD + "bool", _STANDARD + "int"):
            if _NULL.match(text):
                return None, text
            if text in _BOOL:
                return _BOOL[text], text
            if _INT.match(text):
                if len(text.lstrip("+-")) > MAX_INT_DIGITS:
                    return text, None  # too long to be a number anyone meant: it stays text
                return int(text), text
        return text, None

    def start(self, event) -> None:
        if event.tag not in _COLLECTION_TAGS:
            self.fail(event, f"tag '{_shown_tag(event.tag)}' is not allowed; only plain YAML data is read")
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels; refusing to load it")
        self.count(event, 1)
        obj: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.place(obj, event)
        if path is None:
            self.fail(event, "a mapping key must be plain text, not a list or mapping")
        self.document.marks[path] = event.start_mark
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(obj, path, event.anchor, self.nodes, self.characters))

    def end(self, event=None) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (
                frame.obj,
                self.nodes - frame.nodes_at_start + 1,
                self.characters - frame.characters_at_start,
            )

    def alias(self, event) -> None:
        if event.anchor in self.open_anchors:
            self.fail(event, f"alias '*{event.anchor}' refers to itself; recursive data is not allowed")
        if event.anchor not in self.anchors:
            self.fail(event, f"unknown alias '*{event.anchor}'")
        value, size, characters = self.anchors[event.anchor]
        self.count(event, size, characters)
        path = self.place(value, event, size)
        if path is not None:
            self.document.marks[path] = event.start_mark
