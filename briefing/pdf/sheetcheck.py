"""Does a style sheet fit its page? Refuse, at the value's line, what would push text off the page.

Each value of a sheet is checked alone when it is read (a length, a colour, a
number from 0 to 1000); this checks them together, against the text frame
(the page less its margins) and the margins themselves:

* the marking, running header and footer sit inside the top and bottom
  margins, on the page, and out of the text frame;
* a paragraph style's line fits the frame many times over (size at most a
  tenth of its width, leading at most a quarter of its height), and its spaces
  and indents leave room for text;
* component lengths (padding, rules, spaces, the timeline's markers) are not
  negative and leave room for text; one row of the timeline fits a page;
* each font file the sheet names beside itself (or by path) is a font, and
  each family a paragraph style is set in has its regular face on this system
  (so ``briefing export --style`` refuses the sheet once, before anything is
  written, instead of failing every file after its deck was written).

So the renderer never meets a line, box or figure taller than its frame, and
a sheet never silently moves the marking off the page.
"""

from __future__ import annotations

import math

from briefing.pdf import fontfiles
from briefing.pdf.stylesheet import StyleSheet
from briefing.pdf.timeline import figure_height

_MM = 72 / 25.4
# Component lengths that are not bounded by a quarter of the frame's smaller side.
_WIDE = {("notes", "rule_length"): "width", ("timeline", "height"): "half height"}
_SFNT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"typ1")


def _n(value: float) -> str:
    """A number as people write it: at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _at_most(value: float) -> str:
    return _n(math.floor(value * 10) / 10)


def _pt(value: float) -> str:
    return f"{_n(value)} pt ({_n(value / _MM)} mm)"


def check_sheet(sheet: StyleSheet) -> None:
    """Raise the sheet's located BriefingError for the first value that does not fit."""
    _check_furniture(sheet)
    frame_width = sheet.page_size[0] - sheet.margins["left"] - sheet.margins["right"]
    frame_height = sheet.page_size[1] - sheet.margins["top"] - sheet.margins["bottom"]
    _check_paragraphs(sheet, frame_width, frame_height)
    _check_components(sheet, frame_width, frame_height)
    _check_font_files(sheet)
    _check_paragraph_families(sheet)


def _check_furniture(sheet: StyleSheet) -> None:
    """The marking, header and footer: on the page, in their margin, clear of the text."""
    page, margins = sheet.page, sheet.margins
    half = sheet.page_size[1] / 2
    marking = sheet.paragraphs["marking"].size
    running = sheet.paragraphs["running"].size
    rule_gap = sheet.component("running_header")["rule_gap"]
    # (key, what it places, margin it lives in, room it needs above its baseline, below it)
    places = (
        ("marking_top", "the top marking", "top", marking, 0.0),
        ("header", "the running header", "top", running, rule_gap),
        ("marking_bottom", "the bottom marking", "bottom", 0.0, marking),
        ("footer", "the running footer", "bottom", 0.0, running),
    )
    for key, what, side, before, after in places:
        position = page[key]  # the baseline's distance from the top (bottom) edge
        edge = "top" if side == "top" else "bottom"
        if not before < position < half:
            raise sheet.error_at(("page", key), f"'page.{key}' is {_pt(position)}: {what} would be off the page "
                                                f"(its baseline is measured from the {edge} edge and must be more "
                                                f"than {_n(before)} pt and less than half the page from it)")
        if position + after > margins[side]:
            raise sheet.error_at([("page", "margins", side), ("page", key)],
                                 f"the {side} margin, {_pt(margins[side])}, is too small for {what} at "
                                 f"{_pt(position)} from the {edge} edge: the text would run into it "
                                 f"(make the margin at least {_n(position + after)} pt)")


# The values that make the text frame: a clash with one a child sheet changed (its page size or a
# margin) is located there, not at the parent sheet's paragraph or component it makes too large.
_FRAME_WIDTH = [("page", "size"), ("page", "margins", "left"), ("page", "margins", "right")]
_FRAME_HEIGHT = [("page", "size"), ("page", "margins", "top"), ("page", "margins", "bottom")]
_FRAME = _FRAME_WIDTH + _FRAME_HEIGHT[1:]


def _check_paragraphs(sheet: StyleSheet, frame_width: float, frame_height: float) -> None:
    for name, spec in sheet.paragraphs.items():
        here = ("paragraphs", name)
        if spec.size > frame_width / 10:
            raise sheet.error_at([here + ("size",), *_FRAME_WIDTH], f"paragraph style '{name}': size {_n(spec.size)} is too large for "
                                                   f"the text frame ({_n(frame_width)} pt wide); at most "
                                                   f"{_at_most(frame_width / 10)}")
        if spec.leading > frame_height / 4:
            raise sheet.error_at([here + ("leading",), *_FRAME_HEIGHT], f"paragraph style '{name}': leading {_n(spec.leading)} is too "
                                                      f"large for the text frame ({_n(frame_height)} pt high); at most "
                                                      f"{_at_most(frame_height / 4)}")
        for key in ("space_before", "space_after", "indent_left", "indent_right"):
            value = getattr(spec, key)
            if value < 0:
                raise sheet.error_at(here + (key,), f"paragraph style '{name}': '{key}' cannot be negative")
        if spec.space_before + spec.space_after > frame_height / 4:
            raise sheet.error_at([here + ("space_before",), *_FRAME_HEIGHT], f"paragraph style '{name}': the spaces before and after "
                                                           f"add up to more than a quarter of the text frame "
                                                           f"({_n(frame_height)} pt high)")
        text_width = frame_width - spec.indent_left - spec.indent_right
        first_line = text_width - spec.first_indent
        if spec.indent_left + spec.first_indent < 0:
            raise sheet.error_at(here + ("first_indent",), f"paragraph style '{name}': the first line would start "
                                                           f"left of the margin (indent_left + first_indent < 0)")
        if min(text_width, first_line) < frame_width / 2:
            raise sheet.error_at([here + ("indent_left",), *_FRAME_WIDTH], f"paragraph style '{name}': the indents leave less than "
                                                          f"half of the text frame ({_n(frame_width)} pt) for text")


def _check_components(sheet: StyleSheet, frame_width: float, frame_height: float) -> None:
    quarter = min(frame_width, frame_height) / 4
    bounds = {"width": frame_width, "half height": frame_height / 2}
    for name, values in sheet.components.items():
        for key, value in values.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if key in ("title_share", "footer_share"):  # shares, checked when read
                continue
            here = ("components", name, key)
            if value < 0:
                raise sheet.error_at(here, f"'{name}.{key}' is {_n(value)}; it cannot be negative")
            limit = bounds[_WIDE[(name, key)]] if (name, key) in _WIDE else quarter
            if value > limit:
                raise sheet.error_at([here, *_FRAME], f"'{name}.{key}' is {_pt(value)}; it leaves too little room for text "
                                           f"in the text frame ({_n(frame_width)} × {_n(frame_height)} pt): at most "
                                           f"{_at_most(limit)} pt")
    timeline = sheet.component("timeline")
    tick_size = sheet.paragraphs[timeline["tick_label"]].size
    if figure_height(timeline, tick_size, 1) > frame_height:
        raise sheet.error_at([("components", "timeline", "marker_radius"), *_FRAME_HEIGHT],
                             f"one row of timeline markers is taller than the text frame ({_n(frame_height)} pt)")


def _check_font_files(sheet: StyleSheet) -> None:
    """Font files named beside the sheet or by path must be fonts (a system's font folders are trusted)."""
    for name, family in sheet.families.items():
        for face, candidates in family.faces.items():
            for i, candidate in enumerate(candidates):
                path = fontfiles.locate(candidate, sheet.folder, system=False)
                if path is None:
                    continue
                try:
                    with open(path, "rb") as handle:
                        magic = handle.read(4)
                except OSError as exc:
                    magic, reason = b"", exc.strerror or "cannot be read"
                else:
                    reason = "not a TrueType or OpenType font file"
                if magic not in _SFNT_MAGIC:
                    here = ("fonts", "families", name, face) + ((i,) if len(candidates) > 1 else ())
                    raise sheet.error_at(here, f"font family '{name}': '{candidate}' is {reason}")
                break


def _check_paragraph_families(sheet: StyleSheet) -> None:
    """A family a paragraph is set in must be found (a fallback family may be missing: it is skipped)."""
    for name in sorted({spec.font for spec in sheet.paragraphs.values()}):
        candidates = sheet.families[name].faces["regular"]
        if not any(fontfiles.locate(candidate, sheet.folder) for candidate in candidates):
            raise sheet.error_at(("fonts", "families", name, "regular"), fontfiles.not_found(name, candidates))
