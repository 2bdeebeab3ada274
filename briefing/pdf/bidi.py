"""Paragraphs with right-to-left text (Urdu, Arabic), set line by line in visual order.

Lines are broken in logical (reading) order. Each line then gets its bidi
levels (the Unicode Bidirectional Algorithm, rules W1-W7, N1-N2, I1-I2, L1-L2
and L4 mirroring; explicit embedding controls are not honoured), is reordered
for display, and each run is shaped (Arabic letters take their joined forms)
and drawn in the fonts the ``FontSet`` picks. The levels are computed per
character, so bold, italic and superscript pieces keep their look wherever
they move. A paragraph whose first strong character is right-to-left is set
flush right. Text is drawn with the canvas directly: nothing is parsed as markup.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import arabic_reshaper
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus.flowables import Flowable

from briefing.pdf.fontset import FontSet

_SUPER_SCALE = 0.65
_SUPER_RISE = 0.35
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
_EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = set(_OPENING.values())
_MIRROR = dict(zip("()[]{}<>«»‹›≤≥⁅⁆⁽⁾₍₎〈〉", ")(][}{><»«›‹≥≤⁆⁅⁾⁽₎₍〉〈"))


def shape(text: str) -> str:
    """Arabic-script letters in their contextual (joined) forms; other text unchanged."""
    return _RESHAPER.reshape(text) if any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u08ff" for c in text) else text


# -- the bidirectional algorithm, for one line without explicit embeddings ------------------------


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (even: left to right, odd: right to left)."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    types = []
    for ch in text:
        t = unicodedata.bidirectional(ch) or "L"
        types.append("BN" if t in _EXPLICIT else t)
    n = len(types)
    marks = [t == "NSM" for t in types]
    previous = sos  # W1: marks take the type of what they mark
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = previous
        elif t != "BN":
            previous = t
    strong = sos  # W2: European digits after Arabic letters are Arabic digits
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            strong = t
        elif t == "EN" and strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]  # W3
    for i in range(1, n - 1):  # W4: one separator between two numbers joins them
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < n:  # W5: currency and percent signs next to European numbers
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    strong = sos  # W7: European numbers in left-to-right context are left to right
    for i, t in enumerate(types):
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"

    def direction(t: str) -> str | None:
        return "L" if t == "L" else "R" if t in ("R", "EN", "AN") else None

    _pair_brackets(text, types, marks, sos, direction)
    i = 0
    while i < n:  # N1, N2: neutrals between two of one direction take it, else the base direction
        if direction(types[i]) is None:
            j = i
            while j < n and direction(types[j]) is None:
                j += 1
            before = direction(types[i - 1]) if i > 0 else sos
            after = direction(types[j]) if j < n else sos
            types[i:j] = [before if before == after else sos] * (j - i)
            i = j
        else:
            i += 1
    if base == 0:  # I1
        levels = [0 if t == "L" else 1 if t == "R" else 2 for t in types]
    else:  # I2
        levels = [1 if t == "R" else 2 for t in types]
    j = n  # L1: trailing white space goes back to the base level
    while j > 0 and unicodedata.bidirectional(text[j - 1]) in ("WS", "S", "B", "BN", *_EXPLICIT):
        j -= 1
        levels[j] = base
    return levels


def _pair_brackets(text: str, types: list[str], marks: list[bool], sos: str, direction) -> None:
    """N0: a bracket pair takes the direction of the strong text inside it (and around it)."""
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if types[i] != "ON":
            continue
        if ch in _OPENING:
            if len(stack) == 63:
                break
            stack.append((_OPENING[ch], i))
        elif ch in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        inside = {direction(t) for t in types[opening + 1 : closing]} - {None}
        if sos in inside:
            chosen = sos
        elif inside:
            before = next((direction(t) for t in reversed(types[:opening]) if direction(t)), sos)
            chosen = before if before != sos else sos
        else:
            continue
        for index in (opening, closing):
            types[index] = chosen
            k = index + 1
            while k < len(types) and marks[k]:  # marks on a bracket follow it
                types[k] = chosen
                k += 1


def visual_order(levels: list[int]) -> list[int]:
    """L2: the logical index of each character, in display order (left to right)."""
    order = list(range(len(levels)))
    odd = [lvl for lvl in levels if lvl % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def display_runs(text: str, looks: list, rtl: bool) -> list[tuple[object, bool, str]]:
    """Runs of one line in display order (left to right): ``(look, right_to_left, text)``.

    Each run's text is in logical order; ``set_chunk`` turns it into glyphs.
    """
    if not text:
        return []
    levels = bidi_levels(text, rtl)
    runs: list[tuple[object, int, list[int]]] = []
    for index in visual_order(levels):
        key = (looks[index], levels[index])
        if runs and (runs[-1][0], runs[-1][1]) == key:
            runs[-1][2].append(index)
        else:
            runs.append((looks[index], levels[index], [index]))
    return [(look, bool(level % 2), "".join(text[i] for i in sorted(indexes))) for look, level, indexes in runs]


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u08ff" or "\ufb50" <= c <= "\ufeff" for c in text)


def set_chunk(text: str, rtl: bool, font: str, size: float):
    """A piece of text in one font, logical order in, drawable (str or shaped glyphs) and width out.

    Arabic script is shaped with HarfBuzz when ReportLab can use it (marks sit on
    their letters), else with arabic-reshaper's joined letter forms; other
    right-to-left text is mirrored and reversed.
    """
    if rtl and _has_arabic(text) and getFont(font).shapable:
        glyphs = shapeStr(text, font, size)
        if hasattr(glyphs, "__shapeData__"):
            return glyphs, sum(g.x_advance for g in glyphs.__shapeData__) * size / 1000
        # HarfBuzz changed nothing (a lone letter) and ReportLab hands the text back: set it as below.
    if rtl:
        text = shape("".join(_MIRROR.get(c, c) for c in text))[::-1]
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
    """The words of a text (split at spaces), each character keeping its look."""
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


class BidiParagraph(Flowable):
    def __init__(self, words: list[Word], style: ParagraphStyle, family: str, fonts: FontSet, rtl: bool,
                 _lines: list[list[_Piece]] | None = None, _width: float | None = None, _continued: bool = False,
                 *, flush_right: bool = True):
        super().__init__()
        self.flush_right = flush_right and rtl  # right-to-left paragraphs start at the right margin
        self.words = words
        self.style = style
        self.family = family
        self.fonts = fonts
        self.rtl = rtl
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = style.keepWithNext
        self._lines = _lines
        self._lines_width = _width
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
        space = self._measure(Word(" ", (Look(),)))
        lines: list[list[_Piece]] = []
        line: list[_Piece] = []
        used = 0.0

        def room() -> float:
            first = not lines and not self._continued
            return max(width - style.leftIndent - style.rightIndent - (style.firstLineIndent if first else 0), 1.0)

        for word in self.words:
            pieces = [_Piece(word, self._measure(word))]
            if pieces[0].width > room():
                pieces = self._split_word(word, room())
            for piece in pieces:
                gap = space if line else 0.0
                if line and used + gap + piece.width > room():
                    lines.append(line)
                    line, used, gap = [], 0.0, 0.0
                line.append(piece)
                used += gap + piece.width
        if line:
            lines.append(line)
        return lines

    def _split_word(self, word: Word, room: float) -> list[_Piece]:
        """A word wider than the line, cut where it reaches the edge."""
        pieces, start, length = [], 0, len(word.text)
        while start < length:
            end = start + 1
            while end < length and self._measure(word.part(start, end + 1)) <= room:
                end += 1
            part = word.part(start, end)
            pieces.append(_Piece(part, self._measure(part)))
            start = end
        return pieces

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._lines_width != availWidth:
            self._lines = self._break(availWidth)
            self._lines_width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            return [self]

        def part(lines, continued):
            words = [piece.word for line in lines for piece in line]
            return BidiParagraph(words, self.style, self.family, self.fonts, self.rtl, lines, availWidth, continued,
                                 flush_right=self.flush_right)

        head = part(self._lines[:fit], self._continued)
        tail = part(self._lines[fit:], True)
        head.spaceAfter = 0
        tail.spaceBefore = 0
        head.keepWithNext = False
        return [head, tail]

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
            for look, font, size, chunk, width in drawn:
                canvas.setFont(font, size)
                canvas.drawString(x, y + (style.fontSize * _SUPER_RISE if look.superscript else 0), chunk)
                x += width
        canvas.restoreState()
