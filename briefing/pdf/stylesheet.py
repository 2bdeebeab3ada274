"""PDF style sheets: the typed view of a style file in ``templates/styles``.

``load_style(None | NAME | PATH) -> StyleSheet``. Reading, ``parent:``
inheritance, units and located errors are ``briefing.styles``' (as for the
deck's style); this module checks what a PDF sheet holds: its page, colours,
font families, paragraph styles (each may start from another with
``parent:``), component settings (boxes, rules, the timeline) and the fixed
words it prints. Every problem is a one-line ``BriefingError`` at
``FILE:LINE:COL``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER

from briefing import styles
from briefing.diagnostics import BriefingError
from briefing.styles import MergedStyle, did_you_mean, dotted

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_PAGE_SIZES = {"a4": A4, "letter": LETTER}
_FACES = ("regular", "bold", "italic", "bolditalic")
_PAGE_SIDE = (216.0, 14400.0)  # points: 3 in, and 200 in (the largest page a PDF viewer must show)

# What each key holds; the sheet itself supplies every value.
_PAGE_KEYS = {"size": "size", "margins": "margins", "marking_top": "length", "marking_bottom": "length",
              "header": "length", "footer": "length"}
_MARGIN_KEYS = ("top", "bottom", "left", "right")
_PARAGRAPH_KEYS = {
    "parent": "name", "font": "family", "size": "number", "leading": "number", "colour": "colour",
    "weight": ("regular", "bold"), "italic": "bool", "align": ("left", "right", "centre", "justify"),
    "space_before": "length", "space_after": "length", "indent_left": "length", "indent_right": "length",
    "first_indent": "length", "upper": "bool", "keep_with_next": "bool",
}
_PARAGRAPH_REQUIRED = ("font", "size", "leading", "colour")
_COMPONENT_KEYS = {
    "title_block": {"rule": "colour", "rule_width": "length", "space_after": "length"},
    "bluf": {"background": "colour", "border": "colour", "border_width": "length", "padding": "length",
             "space_before": "length", "space_after": "length"},
    "comment": {"rule": "colour", "rule_width": "length", "indent": "length", "padding": "length",
                "space_before": "length", "space_after": "length"},
    "notes": {"rule": "colour", "rule_width": "length", "rule_length": "length", "space_before": "length",
              "space_after": "length"},
    "finding_rule": {"colour": "colour", "width": "length", "space": "length"},
    "table": {"header_background": "colour", "grid": "colour", "grid_width": "length", "padding": "length",
              "space_after": "length", "columns": "fractions"},
    "timeline": {"height": "length", "axis": "colour", "axis_width": "length", "tick": "colour",
                 "tick_length": "length", "tick_label": "style", "marker": "colour", "marker_text": "colour",
                 "marker_radius": "length", "marker_gap": "length", "key_columns": "fractions"},
    "sections": {"findings_on_new_page": "bool"},
    "running_header": {"rule": "colour", "rule_width": "length", "rule_gap": "length", "title_share": "share",
                       "footer_share": "share"},
}
# Paragraph styles and labels the renderer asks for by name.
PARAGRAPH_STYLES = (
    "body", "title", "subtitle", "byline", "box_label", "bluf", "heading", "judgment", "judgment_meta",
    "finding", "finding_meta", "comment_label", "comment", "note", "caption", "table_header", "table_cell",
    "timeline_date", "source", "marking", "running",
)
LABELS = (
    "bottom_line", "key_judgments", "findings", "timeline", "timeline_caption", "actors", "sources",
    "analyst_comment", "judgment", "actors_field", "theme", "priority", "see_finding", "prepared_by", "for",
    "name", "kind", "role", "number", "date", "event", "title", "publisher", "authors", "published", "link", "page",
)
KIND = styles.StyleKind("PDF style", "styles", ("page", "colours", "fonts", "paragraphs", "components", "labels"),
                        default="default")


@dataclass(frozen=True)
class FontFamily:
    """Candidate font files for each face; the first one found is used."""

    name: str
    faces: dict[str, tuple[str, ...]]
    face_name: str | None  # which font of a collection (.ttc)


@dataclass(frozen=True)
class ParagraphSpec:
    name: str
    font: str
    size: float
    leading: float
    colour: Color
    bold: bool = False
    italic: bool = False
    align: str = "left"
    space_before: float = 0.0
    space_after: float = 0.0
    indent_left: float = 0.0
    indent_right: float = 0.0
    first_indent: float = 0.0
    upper: bool = False
    keep_with_next: bool = False


@dataclass(frozen=True)
class StyleSheet:
    name: str
    path: Path
    folder: Path  # where font files named by the sheet are looked for first
    page_size: tuple[float, float]
    margins: dict[str, float]
    page: dict[str, float]
    colours: dict[str, Color]
    families: dict[str, FontFamily]
    fallback: tuple[str, ...]
    paragraphs: dict[str, ParagraphSpec]
    components: dict[str, dict[str, Any]]
    labels: dict[str, str]
    # (path of keys, or a list of paths in conflict; message) -> the error located where the sheet
    # (or a parent) sets that value
    error_at: Callable[[tuple | list[tuple], str], BriefingError] = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    def component(self, name: str) -> dict[str, Any]:
        return self.components[name]

    def label(self, name: str, **values: object) -> str:
        """A fixed word of the sheet, with ``{field}`` placeholders filled in (no other formatting)."""
        text = self.labels[name]
        for key, value in values.items():
            text = text.replace("{" + key + "}", str(value))
        return text


def style_names() -> list[str]:
    """The style sheets shipped with Briefing."""
    return styles.style_names(KIND)


def resolve_style_path(style: str | Path | None, relative_to: Path | None = None) -> Path:
    """A style NAME (a sheet in templates/styles) or a PATH to a YAML file."""
    return styles.resolve_style_path(KIND, style, relative_to)


def load_style(style: str | Path | None = None) -> StyleSheet:
    """Read a style sheet and its parents; raise BriefingError (FILE:LINE:COL) on any problem.

    A sheet is read again only when its file or one of its parents' has changed.
    """
    return styles.load_style(KIND, style, _build)


def _build(merged: MergedStyle) -> StyleSheet:
    from briefing.pdf.sheetcheck import check_sheet  # it measures with the built sheet

    sheet = _Builder(merged, merged.path).build()
    check_sheet(sheet)
    return sheet


# -- checking and building -----------------------------------------------------------------------


class _Builder:
    def __init__(self, merged: MergedStyle, path: Path):
        self.m = merged
        self.path = path
        self.colours: dict[str, Color] = {}

    def build(self) -> StyleSheet:
        data = self.m.data
        for section in ("page", "colours", "fonts", "paragraphs", "components", "labels"):
            if section not in data:
                raise self.m.error((), f"missing section '{section}' (start from the default with 'parent: default')")
            if not isinstance(data[section], dict):
                raise self.m.error((section,), f"'{section}' must be a mapping")
        self.colours = self._colours(data["colours"])
        page_size, margins, page = self._page(data["page"])
        families, fallback = self._font_families(data["fonts"])
        paragraphs = self._paragraphs(data["paragraphs"], families)
        components = self._components(data["components"], paragraphs)
        labels = self._labels(data["labels"])
        return StyleSheet(
            name=self.path.stem,
            path=self.path,
            folder=self.path.resolve().parent,
            page_size=page_size,
            margins=margins,
            page=page,
            colours=self.colours,
            families=families,
            fallback=fallback,
            paragraphs=paragraphs,
            components=components,
            labels=labels,
            error_at=self.m.error,
        )

    # values: the shared vocabulary of briefing.styles, and what only a PDF sheet has
    def length(self, path: tuple, value: Any) -> float:
        return self.m.length(path, value)

    def number(self, path: tuple, value: Any) -> float:
        return self.m.number(path, value)

    def colour(self, path: tuple, value: Any) -> Color:
        if isinstance(value, str) and value in self.colours:
            return self.colours[value]
        if isinstance(value, str) and _HEX.match(value):
            return HexColor(value)
        known = ", ".join(sorted(self.colours))
        raise self.m.error(path, f"'{dotted(path)}' is '{value}'; expected \"#rrggbb\" or a colour name ({known})")

    def boolean(self, path: tuple, value: Any) -> bool:
        return self.m.boolean(path, value)

    def text(self, path: tuple, value: Any) -> str:
        return self.m.text(path, value)

    def fractions(self, path: tuple, value: Any) -> tuple[float, ...]:
        if not isinstance(value, list) or not value:
            raise self.m.error(path, f"'{dotted(path)}' must be a list of numbers (shares of the width)")
        shares = tuple(self.number(path + (i,), v) for i, v in enumerate(value))
        if sum(shares) <= 0:
            raise self.m.error(path, f"'{dotted(path)}' must add up to more than 0")
        total = sum(shares)
        return tuple(s / total for s in shares)

    def keys(self, path: tuple, mapping: Any, known) -> dict:
        return self.m.keys(path, mapping, known)

    # sections
    def _colours(self, section: dict) -> dict[str, Color]:
        colours = {}
        for name, value in section.items():
            if not isinstance(value, str) or not _HEX.match(value):
                raise self.m.error(("colours", name), f"colour '{name}' is '{value}'; write it as \"#rrggbb\"")
            colours[str(name)] = HexColor(value)
        return colours

    def _page(self, section: dict):
        self.keys(("page",), section, _PAGE_KEYS)
        for key in _PAGE_KEYS:
            if key not in section:
                raise self.m.error(("page",), f"missing '{key}' in page")
        size = section["size"]
        if isinstance(size, str) and size.lower() in _PAGE_SIZES:
            page_size = _PAGE_SIZES[size.lower()]
        elif isinstance(size, list) and len(size) == 2:
            page_size = tuple(self.length(("page", "size", i), v) for i, v in enumerate(size))
        else:
            raise self.m.error(("page", "size"), f"page size '{size}' is not A4, Letter or [width, height]")
        if not all(_PAGE_SIDE[0] <= side <= _PAGE_SIDE[1] for side in page_size):
            raise self.m.error(("page", "size"), f"page size {round(page_size[0], 1):g} × {round(page_size[1], 1):g} pt: each side must be "
                                                 f"from {_PAGE_SIDE[0]:g} pt (3 in) to {_PAGE_SIDE[1]:g} pt (200 in)")
        margins_map = self.keys(("page", "margins"), section["margins"], _MARGIN_KEYS)
        margins = {}
        for key in _MARGIN_KEYS:
            if key not in margins_map:
                raise self.m.error(("page", "margins"), f"missing '{key}' in margins")
            margins[key] = self.length(("page", "margins", key), margins_map[key])
            if margins[key] < 0:
                raise self.m.error(("page", "margins", key), f"margin '{key}' is {margins_map[key]}; a margin cannot be negative")
        width, height = page_size
        if margins["left"] + margins["right"] > width * 0.8 or margins["top"] + margins["bottom"] > height * 0.8:
            # at the value the user changed: a child sheet's margin or page size, not the parent's
            raise self.m.error([("page", "size")] + [("page", "margins", key) for key in _MARGIN_KEYS],
                               "margins leave too little room for text")
        page = {k: self.length(("page", k), section[k]) for k, kind in _PAGE_KEYS.items() if kind == "length"}
        return (float(width), float(height)), margins, page

    def _font_families(self, section: dict):
        self.keys(("fonts",), section, ("families", "fallback"))
        families_map = section.get("families")
        if not isinstance(families_map, dict) or not families_map:
            raise self.m.error(("fonts",), "fonts needs 'families' naming at least one font family")
        families = {}
        for name, spec in families_map.items():
            here = ("fonts", "families", name)
            self.keys(here, spec, (*_FACES, "face"))
            if "regular" not in spec:
                raise self.m.error(here, f"font family '{name}' needs a 'regular' font file")
            faces = {}
            for face in _FACES:
                if face in spec:
                    files = spec[face] if isinstance(spec[face], list) else [spec[face]]
                    faces[face] = tuple(self.text(here + (face,), f) for f in files)
            face_name = self.text(here + ("face",), spec["face"]) if "face" in spec else None
            families[str(name)] = FontFamily(str(name), faces, face_name)
        fallback = section.get("fallback") or []
        if not isinstance(fallback, list):
            raise self.m.error(("fonts", "fallback"), "'fallback' must be a list of family names")
        for i, name in enumerate(fallback):
            if name not in families:
                raise self.m.error(("fonts", "fallback", i), f"unknown font family '{name}'{did_you_mean(name, families)}")
        return families, tuple(fallback)

    def _paragraphs(self, section: dict, families: dict) -> dict[str, ParagraphSpec]:
        for name, spec in section.items():
            self.keys(("paragraphs", name), spec, _PARAGRAPH_KEYS)
        resolved: dict[str, dict] = {}

        def resolve(name: str, trail: tuple) -> dict:
            if name in resolved:
                return resolved[name]
            if name in trail:
                raise self.m.error(("paragraphs", name, "parent"), f"paragraph styles inherit in a loop: {' -> '.join(trail + (name,))}")
            spec = section[name]
            values: dict = {}
            parent = spec.get("parent")
            if parent is not None:
                if not isinstance(parent, str):  # a mapping or a list cannot even be looked up
                    raise self.m.error(("paragraphs", name, "parent"), "'parent' must be the name of a paragraph style")
                if parent not in section:
                    raise self.m.error(("paragraphs", name, "parent"), f"unknown paragraph style '{parent}'{did_you_mean(parent, section)}")
                values.update(resolve(parent, trail + (name,)))
            for key, value in spec.items():
                if key != "parent":
                    values[key] = (value, ("paragraphs", name, key))
            resolved[name] = values
            return values

        specs = {}
        for name in section:
            specs[name] = self._paragraph(name, resolve(name, ()), families)
        for name in PARAGRAPH_STYLES:
            if name not in specs:
                raise self.m.error(("paragraphs",), f"missing paragraph style '{name}'")
        return specs

    def _paragraph(self, name: str, values: dict, families: dict) -> ParagraphSpec:
        for key in _PARAGRAPH_REQUIRED:
            if key not in values:
                raise self.m.error(("paragraphs", name), f"paragraph style '{name}' needs '{key}' (or a parent that has it)")
        out: dict[str, Any] = {"name": name}
        for key, (value, path) in values.items():
            kind = _PARAGRAPH_KEYS[key]
            if kind == "family":
                if value not in families:
                    raise self.m.error(path, f"unknown font family '{value}'{did_you_mean(value, families)}")
                out["font"] = value
            elif kind == "number":
                out[key] = self.number(path, value)
            elif kind == "length":
                out[key] = self.length(path, value)
            elif kind == "colour":
                out["colour"] = self.colour(path, value)
            elif kind == "bool":
                out[key] = self.boolean(path, value)
            elif isinstance(kind, tuple):
                if value not in kind:
                    raise self.m.error(path, f"'{key}' is '{value}'; expected one of: {', '.join(kind)}")
                if key == "weight":
                    out["bold"] = value == "bold"
                else:
                    out[key] = value
        if out["size"] <= 0 or out["leading"] < out["size"] * 0.8:
            raise self.m.error([values[key][1] for key in ("leading", "size") if key in values],
                               f"paragraph style '{name}': leading must be at least 0.8 × size")
        return ParagraphSpec(**out)

    def _components(self, section: dict, paragraphs: dict) -> dict[str, dict[str, Any]]:
        self.keys(("components",), section, _COMPONENT_KEYS)
        out = {}
        for name, known in _COMPONENT_KEYS.items():
            here = ("components", name)
            if name not in section:
                raise self.m.error(("components",), f"missing component '{name}'")
            values = self.keys(here, section[name], known)
            built: dict[str, Any] = {}
            for key, kind in known.items():
                if key not in values:
                    raise self.m.error(here, f"missing '{key}' in components.{name}")
                path = here + (key,)
                value = values[key]
                if kind == "length":
                    built[key] = self.length(path, value)
                elif kind == "colour":
                    built[key] = self.colour(path, value)
                elif kind == "fractions":
                    built[key] = self.fractions(path, value)
                elif kind == "bool":
                    built[key] = self.boolean(path, value)
                elif kind == "share":
                    built[key] = self.number(path, value)
                    if not 0 < built[key] < 1:
                        raise self.m.error(path, f"'{dotted(path)}' is {value}; expected a share of the width between 0 and 1")
                elif kind == "style":
                    if value not in paragraphs:
                        raise self.m.error(path, f"unknown paragraph style '{value}'{did_you_mean(value, paragraphs)}")
                    built[key] = value
            out[name] = built
        return out

    def _labels(self, section: dict) -> dict[str, str]:
        labels = {str(k): self.text(("labels", k), v) for k, v in section.items()}
        for name in LABELS:
            if name not in labels:
                raise self.m.error(("labels",), f"missing label '{name}'")
        return labels

