"""The deck style: the typed view of ``templates/deck/style.yaml`` (fonts, sizes, colours, grid and labels).

Renderers ask the style for every value they paint with, so the look changes in
YAML, not in code. Reading, ``parent:`` inheritance (a style file may start
from another and override only what differs), the units (pt, mm, cm, in; a bare
number is points) and located ``FILE:LINE:COL`` errors are ``briefing.styles``',
as for the PDF's style sheets. This module checks what a deck style holds and
answers in EMU; a text style may name a ``parent:`` text style.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from briefing import styles
from briefing.styles import MergedStyle, did_you_mean

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
_SIZES = ("size", "min", "before", "after", "comfortable")  # text style values in points, scaled with the page
THEME_SLOTS = (
    "text_1", "background_1", "text_2", "background_2",
    "accent_1", "accent_2", "accent_3", "accent_4", "accent_5", "accent_6", "hyperlink",
)
KIND = styles.StyleKind(
    "deck style", "deck",
    ("font", "theme", "palette", "page", "grid", "cover", "columns", "text", "badge", "timeline", "rules", "words",
     "layouts"),
    default="style",
)
_MEASURES = ("page", "grid", "cover", "badge", "timeline", "rules")  # sections of lengths and plain numbers
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Color:
    """A theme slot (recoloured by the template) with a brightness, or a fixed RGB value."""

    theme: str | None = None
    rgb: str | None = None
    brightness: float = 0.0


@dataclass(frozen=True)
class TextStyle:
    """How one kind of deck text is set: size (and the least it may shrink to), colour, face, spacing."""

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
    font: str = "body"  # the template's face it is set in: heading or body

    @property
    def face(self) -> tuple[bool, bool]:
        return (self.bold, self.italic)

    def sized(self, size: float) -> TextStyle:
        return _sized(self, size)


@functools.lru_cache(maxsize=4096)  # a fit tries each style at the same few sizes, paragraph after paragraph
def _sized(style: TextStyle, size: float) -> TextStyle:
    return replace(style, size=size)


_TEXT_KEYS = {"parent": "name", "size": "size", "min": "size", "comfortable": "size", "color": "colour",
              "bold": "bool", "italic": "bool", "underline": "bool", "caps": "bool", "line": "number",
              "before": "length", "after": "length", "font": "face"}
_RANGES = {"size": (1, 400), "number": (0.5, 5)}  # points; line pitch as a multiple of the size


class DeckStyle:
    """A deck style, checked: every colour, text style, word and measure is read once, with its position.

    ``scale`` multiplies every length and type size: the style is drawn for its ``page`` size, and a
    template's page of another size gets the same look (slides are shown at the size of the screen,
    so what matters is size relative to the page)."""

    def __init__(self, merged: MergedStyle, scale: float = 1.0):
        self.merged = merged
        self.scale = scale  # every length and type size: the style is drawn for its ``page``
        self.data = merged.data
        self.origin = str(merged.path)
        for section in ("font", "palette", "text", "words", "layouts", "columns", *_MEASURES):
            if not isinstance(merged.get((section,)), dict):
                raise merged.error((section,), f"'{section}' must be a mapping")
        self._palette = {name: self._color(("palette", name), value) for name, value in self.data["palette"].items()}
        self._text: dict[str, TextStyle] = {}
        for name in self.data["text"]:
            self._text[name] = self._build_text(name, ())
        for key in self.data["words"]:
            merged.text(("words", key))
        for kind, names in self.data["layouts"].items():
            if not isinstance(names, list) or not names:
                raise merged.error(("layouts", kind), f"'layouts.{kind}' must be a list of layout names")
            for i in range(len(names)):
                merged.text(("layouts", kind, i))
        for name in self.data["columns"]:
            merged.numbers(("columns", name), low=0, high=1)
        for section in _MEASURES:
            self._check_measures((section,), self.data[section])
        self._lengths: dict[str, int] = {}
        self._scaled: dict[float, DeckStyle] = {}

    def for_page(self, width: int, height: int) -> DeckStyle:
        """This style scaled to a page of ``width`` x ``height`` EMU (kept to two decimals, so
        pages of nearly the design size keep the exact design)."""
        page = [self.merged.length(("page", side)) * EMU_PER_POINT for side in ("width", "height")]
        factor = round(min(width / page[0], height / page[1]), 2)
        if factor == self.scale:
            return self
        if factor not in self._scaled:
            self._scaled[factor] = DeckStyle(self.merged, factor)
        return self._scaled[factor]

    # -- values -------------------------------------------------------------------

    def text(self, name: str) -> TextStyle:
        return self._text[name]

    def color(self, name: str) -> Color:
        return self._palette[name]

    def length(self, path: str) -> int:
        """The length at ``path`` (``grid.margin``) in EMU."""
        value = self._lengths.get(path)
        if value is None:
            value = self._lengths[path] = round(self.merged.length(tuple(path.split("."))) * EMU_PER_POINT * self.scale)
        return value

    def number(self, path: str) -> float:
        return self.merged.number(tuple(path.split(".")), low=-1e9, high=1e9)

    def fractions(self, name: str) -> tuple[float, ...]:
        """Column widths ``columns.NAME``, as fractions of the body width."""
        return self.fractions_at(f"columns.{name}")

    def fractions_at(self, path: str) -> tuple[float, ...]:
        return self.merged.numbers(tuple(path.split(".")), low=0, high=1)

    def word(self, key: str, **fields: Any) -> str:
        return str(self.data["words"][key]).format(**fields)

    def layout_names(self, kind: str) -> tuple[str, ...]:
        return tuple(self.data["layouts"][kind])

    @property
    def font_name(self) -> str:
        return self.merged.text(("font", "name"))

    # -- checking -------------------------------------------------------------------

    def _check_measures(self, path: tuple, node: Any) -> None:
        """Every text value of a measure section is a length; numbers and lists of numbers are numbers."""
        if isinstance(node, dict):
            for key, value in node.items():
                self._check_measures(path + (key,), value)
        elif isinstance(node, list):
            self.merged.numbers(path, low=-1e9, high=1e9)
        elif isinstance(node, str):
            self.merged.length(path)
        else:
            self.merged.number(path, low=-1e9, high=1e9)

    def _build_text(self, name: str, trail: tuple[str, ...]) -> TextStyle:
        m = self.merged
        here = ("text", name)
        if name in trail:
            raise m.error(here + ("parent",), f"text styles inherit in a loop: {' -> '.join(trail + (name,))}")
        spec = m.keys(here, self.data["text"][name], _TEXT_KEYS)
        parent = spec.get("parent")
        values: dict[str, Any] = {}
        if parent is not None:
            if parent not in self.data["text"]:
                raise m.error(here + ("parent",), f"unknown text style '{parent}'{did_you_mean(parent, self.data['text'])}")
            base = self._text.get(parent) or self._build_text(parent, trail + (name,))
            values = {f.name: getattr(base, f.name) for f in fields(TextStyle)}
        for key, value in spec.items():
            kind, path = _TEXT_KEYS[key], here + (key,)
            if kind == "colour":
                if value not in self._palette:
                    raise m.error(path, f"unknown colour '{value}'; the palette has {', '.join(self._palette)}")
                values["color"] = self._palette[value]
            elif kind in ("size", "number", "length"):
                checked = m.length(path) if kind == "length" else m.number(path, low=_RANGES[kind][0], high=_RANGES[kind][1])
                values[key] = value if isinstance(value, (int, float)) else checked  # as written: sizes stay exact
                if key in _SIZES and self.scale != 1.0:
                    values[key] = round(float(values[key]) * self.scale, 1)
            elif kind == "face":
                if value not in ("heading", "body"):
                    raise m.error(path, f"'font' is 'heading' or 'body' (the template's theme fonts), not '{value}'")
                values[key] = value
            elif kind == "bool":
                values[key] = m.boolean(path)
        for key in ("size", "color"):
            if key not in values:
                raise m.error(here, f"text style '{name}' needs '{key}' (or a parent that has it)")
        values.setdefault("min", values["size"])
        return TextStyle(**values)

    def _color(self, path: tuple, value: Any) -> Color:
        if isinstance(value, dict):
            self.merged.keys(path, value, ("theme", "brightness"))
            brightness = self.merged.number(path + ("brightness",), low=-1, high=1) if "brightness" in value else 0.0
            return Color(theme=self._slot(path + ("theme",), self.merged.get(path + ("theme",))), brightness=brightness)
        text = str(value)
        if _HEX.fullmatch(text):
            return Color(rgb=text[1:].upper())
        return Color(theme=self._slot(path, text))

    def _slot(self, path: tuple, name: Any) -> str:
        if name not in THEME_SLOTS:
            raise self.merged.error(path, f"'{name}' is not a theme colour ({', '.join(THEME_SLOTS)}) or \"#RRGGBB\"")
        return name


def load_style(path: str | Path | None = None) -> DeckStyle:
    """The deck style at ``path`` (default: the bundled ``templates/deck/style.yaml``), read once until it changes."""
    return styles.load_style(KIND, path, DeckStyle)
