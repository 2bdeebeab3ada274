"""The deck style: fonts, sizes, colours, grid and labels, read from ``templates/deck/*.yaml``.

Renderers ask the style for every value they paint with, so the look changes in
YAML, not in code. A style file may name a ``parent:`` and override only what
differs; a text style may name a ``parent:`` text style.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from briefing.diagnostics import BriefingError
from briefing.resources import data_path

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
_UNITS = {"in": EMU_PER_INCH, "cm": 360000, "mm": 36000, "pt": EMU_PER_POINT}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(in|cm|mm|pt)\s*$")
THEME_SLOTS = (
    "text_1", "background_1", "text_2", "background_2",
    "accent_1", "accent_2", "accent_3", "accent_4", "accent_5", "accent_6", "hyperlink",
)


@dataclass(frozen=True)
class Color:
    """A theme slot (recoloured by the template) with a brightness, or a fixed RGB value."""

    theme: str | None = None
    rgb: str | None = None
    brightness: float = 0.0


@dataclass(frozen=True)
class TextStyle:
    size: float
    min: float
    color: Color
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    line: float = 1.2  # line pitch as a multiple of the size
    before: float = 0.0  # points
    after: float = 0.0  # points
    comfortable: float | None = None  # for titles: shrink this far before taking more room

    @property
    def face(self) -> tuple[bool, bool]:
        return (self.bold, self.italic)

    def sized(self, size: float) -> TextStyle:
        return replace(self, size=size)


def length(value: Any) -> int:
    """``'0.5in'``, ``'12pt'``, ``'2cm'`` -> EMU."""
    match = _LENGTH.match(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a length (use in, cm, mm or pt)")
    return round(float(match.group(1)) * _UNITS[match.group(2)])


class DeckStyle:
    def __init__(self, data: dict, origin: str):
        self.data = data
        self.origin = origin
        self._text = {name: self._build_text(name, set()) for name in data["text"]}
        self._palette = {name: _color(value) for name, value in data["palette"].items()}
        self._lengths: dict[str, int] = {}

    # -- values -------------------------------------------------------------------

    def text(self, name: str) -> TextStyle:
        return self._text[name]

    def color(self, name: str) -> Color:
        return self._palette[name]

    def length(self, path: str) -> int:
        value = self._lengths.get(path)
        if value is None:
            value = self._lengths[path] = length(self._get(path))
        return value

    def number(self, path: str) -> float:
        return float(self._get(path))

    def fractions(self, name: str) -> tuple[float, ...]:
        """Column widths ``columns.NAME``, as fractions of the body width."""
        return self.fractions_at(f"columns.{name}")

    def fractions_at(self, path: str) -> tuple[float, ...]:
        return tuple(float(f) for f in self._get(path))

    def word(self, key: str, **fields: Any) -> str:
        return str(self.data["words"][key]).format(**fields)

    def layout_names(self, kind: str) -> tuple[str, ...]:
        return tuple(self.data["layouts"][kind])

    @property
    def font_name(self) -> str:
        return str(self.data["font"]["name"])

    def _get(self, path: str) -> Any:
        node: Any = self.data
        for key in path.split("."):
            node = node[key]
        return node

    def _build_text(self, name: str, seen: set[str]) -> TextStyle:
        if name in seen:
            raise ValueError(f"text style '{name}' inherits from itself")
        spec = dict(self.data["text"][name])
        parent = spec.pop("parent", None)
        base = self._build_text(parent, seen | {name}) if parent else None
        values: dict[str, Any] = {} if base is None else dict(base.__dict__)
        for key, value in spec.items():
            values[key] = _color(self.data["palette"][value]) if key == "color" else value
        values.setdefault("min", values.get("size"))
        return TextStyle(**values)


def _color(value: Any) -> Color:
    if isinstance(value, dict):
        return Color(theme=_slot(value["theme"]), brightness=float(value.get("brightness", 0.0)))
    text = str(value)
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", text):
        return Color(rgb=text[1:].upper())
    return Color(theme=_slot(text))


def _slot(name: str) -> str:
    if name not in THEME_SLOTS:
        raise ValueError(f"'{name}' is not a theme colour ({', '.join(THEME_SLOTS)})")
    return name


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _read(path: Path, seen: tuple[Path, ...] = ()) -> dict:
    if path in seen:
        raise BriefingError.at(str(path), "style inherits from itself")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError.at(str(path), f"cannot read deck style: {exc}") from None
    parent = data.pop("parent", None)
    if parent is None:
        return data
    parent_path = Path(parent) if str(parent).endswith(".yaml") else path.parent / f"{parent}.yaml"
    if not parent_path.is_absolute():
        parent_path = path.parent / parent_path
    return _merge(_read(parent_path, seen + (path,)), data)


@functools.cache
def load_style(path: str | Path | None = None) -> DeckStyle:
    """The deck style at ``path`` (default: the bundled ``templates/deck/style.yaml``)."""
    source = Path(path) if path else data_path("templates", "deck", "style.yaml")
    try:
        return DeckStyle(_read(source), str(source))
    except (KeyError, TypeError, ValueError) as exc:
        raise BriefingError.at(str(source), f"deck style is incomplete or invalid: {exc}") from None
