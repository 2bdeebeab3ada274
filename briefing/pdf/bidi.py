"""Paragraphs with right-to-left text (Urdu, Arabic), set line by line in visual order.

Lines are broken in logical (reading) order. Each line is then put in display
order by ``briefing.direction`` (python-bidi's levels, per character, so bold,
italic and superscript pieces keep their look wherever they move), and each
run is shaped by HarfBuzz (Arabic letters take their joined forms, marks sit
on their letters) and drawn in the fonts the ``FontSet`` picks. A paragraph
whose first strong character is right-to-left is set flush right. Text is
drawn with the canvas directly: nothing is parsed as markup.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.direction import display_runs, mirrored
from briefing.linebreak import NEXT_LINE, break_lines
from briefing.pdf import rlcompat
from briefing.pdf.fontset import FontSet
from briefing.pdf.lineblock import LineBlock
from briefing.pdf.marking import drawn_as

_SUPER_SCALE = 0.65
_SUPER_RISE = 0.35
_SHY = "\u00ad"  # a soft hyphen


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u08ff" or "\ufb50" <= c <= "\ufeff" for c in text)


def set_chunk(text: str, rtl: bool, font: str, size: float):
    """A piece of text in one font, logical order in, drawable (str or shaped glyphs) and width out.

    Arabic script is shaped with HarfBuzz (through ReportLab); other right-to-left
    text, and a lone Arabic letter HarfBuzz leaves as it is, is mirrored and reversed.
    """
    if rtl and _has_arabic(text):
        shaped = rlcompat.shape(text, font, size)
        if shaped is not None:
            return shaped
    if rtl:
        text = mirrored(text)[::-1]
    return text, stringWidth(text, font, size)


# -- the flowable --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    superscript: bool = False


@dataclass(frozen=True)
class Word:
    """One word in logical order, with the look of each of its characters."""

    text: str
    looks: tuple[Look, ...]

    def part(self, start: int, end: int) -> Word:
        return Word(self.text[start:end], self.looks[start:end])


def words_of(text: str, looks: list[Look]) -> list[Word]:
    """The words of a text (split at spaces), each character keeping its look.

    Soft hyphens are left out: these paragraphs do not break words at them, fonts draw them
    as a hyphen, and one in a word would cut it into runs of different fonts, which HarfBuzz
    then shapes apart (the Arabic letters either side of it would not join).
    """
    if _SHY in text:
        kept = [i for i, ch in enumerate(text) if ch != _SHY]
        text, looks = "".join(text[i] for i in kept), [looks[i] for i in kept]
    words, start = [], None
    for i, ch in enumerate(text + " "):
        if ch == " ":
            if start is not None:
                words.append(Word(text[start:i], tuple(looks[start:i])))
                start = None
        elif start is None:
            start = i
    return words


@dataclass(frozen=True)
class _Piece:
    word: Word
    width: float


class BidiParagraph(LineBlock):
    def __init__(self, words: list[Word], style: ParagraphStyle, family: str, fonts: FontSet, rtl: bool,
                 _lines: list[list[_Piece]] | None = None, _width: float | None = None, _continued: bool = False,
                 *, flush_right: bool = True):
        super().__init__(style, _lines, _width)
        self.flush_right = flush_right and rtl  # right-to-left paragraphs start at the right margin
        self.words = words
        self.family = family
        self.fonts = fonts
        self.rtl = rtl
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = style.keepWithNext
        self._continued = _continued  # a later part of a paragraph split across pages

    # -- measuring ---------------------------------------------------------------------------
    def _size(self, look: Look) -> float:
        return self.style.fontSize * (_SUPER_SCALE if look.superscript else 1.0)

    def _measure(self, word: Word) -> float:
        total, start = 0.0, 0
        for i in range(1, len(word.text) + 1):
            if i == len(word.text) or word.looks[i] != word.looks[start]:
                look = word.looks[start]
                runs, _ = self.fonts.runs(word.text[start:i], self.family, look.bold, look.italic)
                size = self._size(look)
                total += sum(set_chunk(chunk, _has_arabic(chunk), font, size)[1] for font, chunk in runs)
                start = i
        return total

    def _break(self, width: float) -> list[list[_Piece]]:
        style = self.style
        later = max(width - style.leftIndent - style.rightIndent, 1.0)
        first = later if self._continued else max(later - style.firstLineIndent, 1.0)
        space = self._measure(Word(" ", (Look(),)))
        words = [(self._measure(word), space, word) for word in self.words]
        lines = break_lines(words, (first, later), overflow=functools.partial(self._overflow, (first, later)))
        return [[_Piece(word, word_width) for word_width, _, word in line] for _, line in lines]

    def _overflow(self, widths: tuple[float, float], item: tuple, used: float, room: float, lineno: int,
                  started: bool):
        """A word wider than a whole line starts one and is cut where it reaches the edge."""
        word_width, space, word = item
        if len(word.text) < 2 or word_width <= widths[min(lineno + started, 1)]:
            return None
        if started:
            return NEXT_LINE
        pieces, start, length = [], 0, len(word.text)
        while start < length:
            end = start + 1
            while end < length and self._measure(word.part(start, end + 1)) <= room:
                end += 1
            part = word.part(start, end)
            pieces.append((self._measure(part), space, part))
            start = end
        return pieces

    def _parts(self, head_lines: list, tail_lines: list, width: float) -> tuple[BidiParagraph, BidiParagraph]:
        def part(lines, continued):
            words = [piece.word for line in lines for piece in line]
            return BidiParagraph(words, self.style, self.family, self.fonts, self.rtl, lines, width, continued,
                                 flush_right=self.flush_right)

        head = part(head_lines, self._continued)
        tail = part(tail_lines, True)
        head.spaceAfter = 0
        tail.spaceBefore = 0
        head.keepWithNext = False
        return head, tail

    # -- drawing ---------------------------------------------------------------------------------
    def _line_runs(self, line: list[_Piece]) -> list[tuple[Look, bool, str]]:
        text, looks = [], []
        for i, piece in enumerate(line):
            if i:
                text.append(" ")
                before, after = line[i - 1].word.looks[-1], piece.word.looks[0]
                looks.append(before if before == after else Look())
            text.append(piece.word.text)
            looks.extend(piece.word.looks)
        return display_runs("".join(text), looks, self.rtl)

    def draw(self):
        canvas = self.canv
        style = self.style
        leading = style.leading
        descent = (leading - style.fontSize) / 2 + style.fontSize * 0.22
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        for i, line in enumerate(self._lines or []):
            drawn = []
            for look, rtl, text in self._line_runs(line):
                size = self._size(look)
                chunks = self.fonts.runs(text, self.family, look.bold, look.italic)[0]
                for font, chunk in (reversed(chunks) if rtl else chunks):
                    drawable, width = set_chunk(chunk, rtl, font, size)
                    drawn.append((look, font, size, drawable, width))
            line_width = sum(d[4] for d in drawn)
            indent = style.firstLineIndent if i == 0 and not self._continued else 0
            left = style.leftIndent + (0 if self.rtl else indent)
            right = self.width - style.rightIndent - (indent if self.rtl else 0)
            if style.alignment == TA_CENTER:
                x = (left + right - line_width) / 2
            elif self.flush_right or style.alignment == TA_RIGHT:
                x = right - line_width
            else:
                x = left
            y = self.height - (i + 1) * leading + descent
            with drawn_as(canvas, " ".join(piece.word.text for piece in line)):  # the line as written
                for look, font, size, chunk, width in drawn:
                    canvas.setFont(font, size)
                    canvas.drawString(x, y + (style.fontSize * _SUPER_RISE if look.superscript else 0), chunk)
                    x += width
        canvas.restoreState()
