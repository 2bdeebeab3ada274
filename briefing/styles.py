"""Style files, for the deck and the PDF alike: YAML with ``parent:`` inheritance, one unit vocabulary, located errors.

A style is a YAML mapping in ``templates/<kind>/`` (the deck's in
``templates/deck``, the PDF's sheets in ``templates/styles``). It may start
from another with ``parent:``, a style NAME of the same kind or a PATH to a
YAML file (relative to the file naming it), and change only what differs:
mappings merge key by key, anything else is replaced. Loops and chains deeper
than 16 are refused.

``load_style(kind, NAME | PATH, build)`` reads the chain with the located
reader (``briefing.formats.yamlread``, libyaml's parser), merges it and hands
the ``MergedStyle`` to ``build``, which makes the renderer's typed view; the
view is cached until one of the files changes. ``MergedStyle`` remembers which
file and line gave each value, so every problem, found here or by ``build``,
is one ``FILE:LINE:COL: message``. Its readers (``length``, ``number``,
``numbers``, ``boolean``, ``text``, ``keys``) are the one vocabulary: lengths
are a number of points or a number with a unit, ``12pt``, ``25mm``, ``2.5cm``,
``1in``.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from briefing.diagnostics import BriefingError
from briefing.formats.yamlread import Mark, YamlDocument, read_yaml
from briefing.resources import data_path

MAX_PARENTS = 16
POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")

T = TypeVar("T")
Path_ = tuple  # a place in the data: keys and list indexes
_AT_PATH: Any = object()  # a reader's default: read the value at the path


@dataclass(frozen=True)
class StyleKind:
    """One kind of style file: where the shipped ones live and which sections a file may have."""

    title: str  # "PDF style", "deck style": how messages name it
    folder: str  # under templates/
    sections: tuple[str, ...]
    default: str


def style_names(kind: StyleKind) -> list[str]:
    """The styles of ``kind`` shipped with Briefing."""
    return sorted(p.stem for p in data_path("templates", kind.folder).glob("*.yaml"))


def resolve_style_path(kind: StyleKind, style: str | Path | None, relative_to: Path | None = None) -> Path:
    """A style NAME (shipped in templates/<kind>) or a PATH to a YAML file."""
    if style is None or str(style).strip() == "":
        style = kind.default
    text = str(style)
    looks_like_path = isinstance(style, Path) or any(c in text for c in "/\\") or text.endswith((".yaml", ".yml"))
    if looks_like_path:
        path = Path(text).expanduser()
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        return path
    shipped = data_path("templates", kind.folder, f"{text}.yaml")
    if os.path.isfile(shipped):  # never raises (Path.is_file does, for a name too long)
        return shipped
    choices = style_names(kind)
    raise BriefingError.at(text, f"no such {kind.title}; known styles: {', '.join(choices)}{did_you_mean(text, choices, 0.6)}")


def load_style(kind: StyleKind, style: str | Path | None, build: Callable[[MergedStyle], T]) -> T:
    """``build`` applied to the style and its parents, merged; raise BriefingError (FILE:LINE:COL) on any problem.

    A style is read again only when its file or one of its parents' has changed.
    """
    path = resolve_style_path(kind, style)
    key = (kind, path, build)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None and all(_stamp(file) == stamp for file, stamp in cached[0]):
        return cached[1]
    chain = _read_chain(kind, path)
    stamps = tuple((Path(doc.file), _stamp(Path(doc.file))) for doc in chain)
    merged = MergedStyle(path)
    for doc in reversed(chain):  # the root parent first, the named style last
        merged.overlay(doc)
    view = build(merged)
    with _CACHE_LOCK:
        _CACHE[key] = (stamps, view)
        while len(_CACHE) > 32:
            _CACHE.pop(next(iter(_CACHE)))
    return view


_CACHE: dict[tuple, tuple[tuple, Any]] = {}
_CACHE_LOCK = threading.Lock()


def _stamp(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)  # ctime: an edit cannot put it back


def _read_chain(kind: StyleKind, path: Path) -> list[YamlDocument]:
    chain: list[YamlDocument] = []
    seen: set[Path] = set()
    current = path
    while True:
        resolved = current.resolve()
        if resolved in seen:
            raise chain[-1].error(("parent",), f"style sheets inherit from each other in a loop ('{current}')")
        if len(chain) >= MAX_PARENTS:
            raise chain[-1].error(("parent",), f"more than {MAX_PARENTS} parent style sheets")
        seen.add(resolved)
        doc = read_yaml(current, str(current))
        if doc.data is None:
            doc.data = {}
        if not isinstance(doc.data, dict):
            raise doc.error((), f"a {kind.title} must be a mapping ({', '.join(s + ':' for s in kind.sections[:4])} ...)")
        for key in doc.data:
            if key != "parent" and key not in kind.sections:
                raise doc.error((key,), f"unknown section '{key}'{did_you_mean(key, kind.sections)}", key=True)
        chain.append(doc)
        parent = doc.data.get("parent")
        if parent is None:
            return chain
        if not isinstance(parent, str) or not parent.strip():
            raise doc.error(("parent",), "'parent' must be a style name or a path to a YAML file")
        try:
            current = resolve_style_path(kind, parent, relative_to=current.parent)
        except BriefingError as exc:
            raise doc.error(("parent",), exc.diagnostics[0].message) from None
        if not os.path.isfile(current):  # (os.path's checks never raise: a name too long is not found)
            found = "is not a regular file" if os.path.exists(current) else "not found"  # a folder, a device, a pipe
            raise doc.error(("parent",), f"parent style sheet '{parent}' {found} (looked for {current})")


class MergedStyle:
    """A style and its parents as one mapping; remembers which file and line gave each value.

    Its readers check one value each and answer in points, numbers, text, or a
    located ``BriefingError``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict = {}
        self.where: dict[tuple, tuple[str, Mark]] = {}
        self.layer: dict[tuple, int] = {}  # which file of the chain set each value (higher: nearer the named one)
        self._layers = 0

    # -- merging -------------------------------------------------------------------------------------
    def overlay(self, doc: YamlDocument) -> None:
        self._layers += 1
        self._merge(self.data, doc.data, (), doc)

    def _merge(self, into: dict, new: dict, path: tuple, doc: YamlDocument) -> None:
        for key, value in new.items():
            here = path + (key,)
            if here == ("parent",):
                continue
            if isinstance(value, dict) and isinstance(into.get(key), dict):
                self._merge(into[key], value, here, doc)
                continue
            into[key] = _copy(value)
            self._record(here, value, doc)

    def _record(self, path: tuple, value: Any, doc: YamlDocument) -> None:
        self.where[path] = (doc.file, doc.mark(path))
        self.layer[path] = self._layers
        if isinstance(value, dict):
            for key, item in value.items():
                self._record(path + (key,), item, doc)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._record(path + (i,), item, doc)

    # -- errors ------------------------------------------------------------------------------------------
    def error(self, path: Path_ | list[Path_], message: str) -> BriefingError:
        """A BriefingError at the value ``path`` names, else at its nearest ancestor that was written.

        Given several paths (values that conflict), at the one set by the file nearest the named
        one: blame the value the user changed.
        """
        if isinstance(path, list):
            path = max(path, key=lambda p: self.layer.get(tuple(p), 0))
        probe = tuple(path)
        while probe and probe not in self.where:
            probe = probe[:-1]
        if probe in self.where:
            file, mark = self.where[probe]
            return BriefingError.at(file, message, mark.line, mark.col)
        file = next(iter(self.where.values()), (str(self.path), None))[0]
        return BriefingError.at(file, message)

    # -- reading values ----------------------------------------------------------------------------------
    def get(self, path: Path_) -> Any:
        """The value at ``path``; a missing one is a located error naming it."""
        node: Any = self.data
        for i, key in enumerate(path):
            if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                node = node[key]
                continue
            if not isinstance(node, dict) or key not in node:
                where = ".".join(str(p) for p in path[:i]) or "the style"
                raise self.error(path[:i], f"missing '{key}' in {where}")
            node = node[key]
        return node

    def length(self, path: Path_, value: Any = _AT_PATH) -> float:
        """A length in points: a number (points) or a number with a unit (pt, mm, cm, in)."""
        value = self.get(path) if value is _AT_PATH else value
        if isinstance(value, bool):
            raise self.error(path, f"'{dotted(path)}' must be a length such as 12pt, 25mm or 1in, not {value}")
        if isinstance(value, (int, float)):
            return float(value)
        match = _LENGTH.match(str(value))
        if not match:
            raise self.error(path, f"'{dotted(path)}' is '{value}'; expected a length such as 12pt, 25mm or 1in")
        return float(match.group(1)) * POINTS_PER[match.group(2) or "pt"]

    def number(self, path: Path_, value: Any = _AT_PATH, low: float = 0, high: float = 1000) -> float:
        value = self.get(path) if value is _AT_PATH else value
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.error(path, f"'{dotted(path)}' must be a number")
        try:
            number = float(value)
        except ValueError:
            raise self.error(path, f"'{dotted(path)}' is '{value}'; expected a number") from None
        if not low <= number <= high:
            raise self.error(path, f"'{dotted(path)}' is {value}; expected a number from {low:g} to {high:g}")
        return number

    def numbers(self, path: Path_, value: Any = _AT_PATH, low: float = 0, high: float = 1000) -> tuple[float, ...]:
        value = self.get(path) if value is _AT_PATH else value
        if not isinstance(value, list) or not value:
            raise self.error(path, f"'{dotted(path)}' must be a list of numbers")
        return tuple(self.number(path + (i,), v, low, high) for i, v in enumerate(value))

    def boolean(self, path: Path_, value: Any = _AT_PATH) -> bool:
        value = self.get(path) if value is _AT_PATH else value
        if not isinstance(value, bool):
            raise self.error(path, f"'{dotted(path)}' must be true or false")
        return value

    def text(self, path: Path_, value: Any = _AT_PATH) -> str:
        value = self.get(path) if value is _AT_PATH else value
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise self.error(path, f"'{dotted(path)}' must be text")
        return str(value)

    def keys(self, path: Path_, mapping: Any, known: Iterable[str]) -> dict:
        """``mapping``, checked to be a mapping whose keys are all ``known``."""
        known = tuple(known)
        if not isinstance(mapping, dict):
            raise self.error(path, f"'{dotted(path)}' must be a mapping")
        for key in mapping:
            if key not in known:
                raise self.error(tuple(path) + (key,), f"unknown key '{key}' in {dotted(path)}{did_you_mean(key, known)}")
        return mapping


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def did_you_mean(word: object, choices: Iterable[str], cutoff: float = 0.7) -> str:
    import difflib  # only a misspelt name needs it: not at every export's start

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


def dotted(path: Path_) -> str:
    """How messages name a value: its last two keys (``margins.left``)."""
    parts = [str(p) for p in path if not isinstance(p, int)]
    return ".".join(parts[-2:]) if parts else "style"
