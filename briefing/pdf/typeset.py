"""Untrusted text to flowables, literally: font runs, superscripts, links, right-to-left lines.

Every string goes through here on its way into the PDF. It is cut into runs
that one font can set (``FontSet.runs``) and handed to a ``TextBlock`` as text,
never as markup: ``&``, ``<`` and ``>`` print as they are and nothing in a
string is ever interpreted. Text with right-to-left characters is set by
``BidiParagraph`` instead. Links are made only by the renderer, for http, https
and mailto addresses and for anchors inside the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.flowables import Flowable

from briefing.direction import has_rtl, is_rtl
from briefing.pdf.fontset import FontSet
from briefing.pdf.stylesheet import ParagraphSpec, StyleSheet
from briefing.pdf.textblock import Run, TextBlock
from briefing.text import Span, safe_link

SHEET_FIELD = "style label"  # what warnings name for the style sheet's own words
_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER, "justify": TA_JUSTIFY}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# A superscript as ReportLab's <super> sets it: raised half the size, two points smaller (a fifth at most).
_SUPER_RISE = 0.5
_SUPER_SHRINK = (2.0, 0.2)

Content = str | Sequence[Span]


_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Composed characters, one space for every run of whitespace (kept at the ends)."""
    if text.isprintable() and "  " not in text:
        # Single spaces already, and most text is: a printable string has no whitespace but the
        # space (tabs, line ends, no-break and other wide spaces are not printable), and composing
        # never makes or joins spaces. ASCII is composed too.
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text))


# Paragraph styles made from the sheet's specs, kept for the process: each is made from its key
# alone (a spec, a frozen value, and the ReportLab name of its font), so an equal key gives an
# equal style. Nothing changes a style once made. Bounded for a long session editing its sheet.
_STYLES: dict[tuple, ParagraphStyle] = {}
_STYLES_LIMIT = 2048


def _kept_style(key: tuple, make) -> ParagraphStyle:
    style = _STYLES.get(key)
    if style is None:
        if len(_STYLES) >= _STYLES_LIMIT:
            _STYLES.clear()
        style = _STYLES[key] = make()
    return style


class Typesetter:
    def __init__(self, sheet: StyleSheet, fonts: FontSet):
        self.sheet = sheet
        self.fonts = fonts
        self.styles = {name: self._paragraph_style(spec) for name, spec in sheet.paragraphs.items()}
        self._warnings: dict[str, None] = {}
        self._variants: dict[tuple, ParagraphStyle] = {}

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._warnings)

    def _paragraph_style(self, spec: ParagraphSpec) -> ParagraphStyle:
        font = self.fonts.font_name(spec.font, spec.bold, spec.italic)
        return _kept_style((spec, font), lambda: self._new_paragraph_style(spec, font))

    @staticmethod
    def _new_paragraph_style(spec: ParagraphSpec, font: str) -> ParagraphStyle:
        return ParagraphStyle(
            spec.name,
            fontName=font,
            fontSize=spec.size,
            leading=spec.leading,
            textColor=spec.colour,
            alignment=_ALIGN[spec.align],
            spaceBefore=spec.space_before,
            spaceAfter=spec.space_after,
            leftIndent=spec.indent_left,
            rightIndent=spec.indent_right,
            firstLineIndent=spec.first_indent,
            keepWithNext=int(spec.keep_with_next),
            splitLongWords=1,
            allowWidows=0,
        )

    def style(self, name: str, **changes) -> ParagraphStyle:
        """A paragraph style of the sheet, optionally changed for one use (e.g. no space after)."""
        if not changes:
            return self.styles[name]
        key = (name, tuple(sorted(changes.items())))
        variant = self._variants.get(key)
        if variant is None:
            parent = self.styles[name]
            variant = self._variants[key] = _kept_style(
                (self.sheet.paragraphs[name], parent.fontName, key[1]),
                lambda: ParagraphStyle(f"{name}+", parent=parent, **changes))
        return variant

    # -- flowables ---------------------------------------------------------------------------------
    def paragraph(self, content: Content, style: str, field: str, *, number: str | None = None,
                  fixed_alignment: bool = False, **changes) -> Flowable:
        """One paragraph of text (newlines become spaces); ``field`` names it in warnings.

        ``number`` hangs in the style's left indent, as in a numbered list. Right-to-left
        text is set flush right unless ``fixed_alignment`` keeps the style's alignment
        (running headers and footers, whose slots have a side).
        """
        spans = _spans(content)
        spec = self.sheet.paragraphs[style]
        if number is not None:
            changes.update(bulletIndent=0, bulletFontName=self.styles[style].fontName,
                           bulletFontSize=spec.size, firstLineIndent=0)
        pstyle = self.style(style, **changes)
        if any(has_rtl(s.text) for s in spans):
            if number is not None:
                spans = [Span(f"{number} "), *spans]
            return self._bidi(spans, spec, pstyle, field, flush_right=not fixed_alignment)
        return TextBlock(self.runs(spans, style, field), pstyle, bullet=number)

    def paragraphs(self, text: str, style: str, field: str, **changes) -> list[Flowable]:
        """Text that may hold several paragraphs, separated by blank lines (spaced as body text is)."""
        blocks = split_blocks(text)
        gap = max(self.styles[style].spaceAfter, self.styles["body"].spaceAfter)
        return [
            self.paragraph(block, style, field, **({"spaceAfter": gap} if i < len(blocks) - 1 else {}), **changes)
            for i, block in enumerate(blocks)
        ]

    def runs(self, content: Content, style: str, field: str) -> list[Run]:
        """Left-to-right text as runs of one font and look each (neighbours that look alike merged)."""
        spec = self.sheet.paragraphs[style]
        out: list[Run] = []
        for span in _spans(content):
            if not span.text:
                continue
            bold, italic, text = _look(span, spec)
            chunks, missing = self.fonts.runs(text, spec.font, bold, italic)
            if missing:
                self._warn(field, missing)
            size, rise = spec.size, 0.0
            if span.superscript:
                size, rise = spec.size - min(_SUPER_SHRINK[0], _SUPER_SHRINK[1] * spec.size), _SUPER_RISE * spec.size
            href = _safe_href(span.link)
            colour = self.sheet.colours.get("link") if href else None
            for font, chunk in chunks:
                if out and out[-1].look == (font, size, rise, colour, href):
                    out[-1] = Run(out[-1].text + chunk, font, size, rise, colour, href)
                else:
                    out.append(Run(chunk, font, size, rise, colour, href))
        return out or [Run("", self.styles[style].fontName, spec.size)]

    def _bidi(self, spans: list[Span], spec: ParagraphSpec, pstyle: ParagraphStyle, field: str,
              flush_right: bool) -> Flowable:
        from briefing.pdf.bidi import BidiParagraph, Look, words_of  # only for right-to-left text: not at every start

        text, looks = [], []
        for span in spans:
            bold, italic, piece = _look(span, spec)
            _, missing = self.fonts.runs(piece, spec.font, bold, italic)
            self._warn(field, missing)
            text.append(piece)
            looks.extend([Look(bool(bold), bool(italic), span.superscript)] * len(piece))
        logical = "".join(text)
        return BidiParagraph(words_of(logical, looks), pstyle, spec.font, self.fonts, rtl=is_rtl(logical),
                             flush_right=flush_right)

    def _warn(self, field: str, missing: Iterable[int]) -> None:
        codes = sorted(missing)
        if codes:
            listed = ", ".join(f"U+{cp:04X}" for cp in codes[:8]) + (" …" if len(codes) > 8 else "")
            self._warnings[f"{field}: no font covers {listed}"] = None


def split_blocks(text: str) -> list[str]:
    """Paragraphs of a text, separated by blank lines (at least one, maybe empty)."""
    return [b for b in _BLANK_LINE.split(text) if b.strip()] or [""]


def _look(span: Span, spec: ParagraphSpec) -> tuple[bool, bool, str]:
    """Bold, italic and the text as set: the span's own emphasis wins over its paragraph style's."""
    bold = spec.bold if span.bold is None else span.bold
    italic = spec.italic if span.italic is None else span.italic
    text = normalise(span.text)
    return bold, italic, text.upper() if spec.upper else text


def _spans(content: Content) -> list[Span]:
    return [Span(content)] if isinstance(content, str) else list(content)


def _safe_href(link: str | None) -> str | None:
    if not link:
        return None
    if link.startswith("#"):
        return link if _ANCHOR.match(link[1:]) else None
    return safe_link(link)
