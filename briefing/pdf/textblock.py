"""Left-to-right paragraphs set from runs of text: measured, broken into lines and drawn, never parsed.

The Typesetter hands a ``TextBlock`` its text as ``Run``s, each already in one
font (it has cut the text by font coverage), size, rise, colour and link. No
string is ever read as markup, so there is nothing to escape and nothing that
could run. Lines break (``briefing.linebreak``) as ReportLab's ``Paragraph`` breaks them (greedily at
spaces; spaces may shrink by the style's ``spaceShrinkage`` to fit one more
word; a word wider than the line is cut where it reaches the edge), a block
splits across pages by whole lines without widows or orphans, and it draws
with one text object, so a bold label or a superscript costs about what plain
text does.
"""

from __future__ import annotations

import functools

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from briefing.linebreak import NEXT_LINE, break_lines
from briefing.pdf import rlcompat
from briefing.pdf.lineblock import LineBlock
from briefing.pdf.rlcompat import text_out

_SHY = "\u00ad"  # a soft hyphen: not drawn; a word may break there, with a hyphen
_LINK_DROP = 1 / 8  # a link's box starts this share of the font size below the baseline (as ReportLab's)


class Run:
    """A piece of a paragraph's text in one font; ``colour`` None keeps the paragraph's colour.

    ``link`` is a vetted target: an http, https or mailto URL, or ``#anchor`` inside the document.
    """

    __slots__ = ("text", "font", "size", "rise", "colour", "link", "look")

    def __init__(self, text: str, font: str, size: float, rise: float = 0.0, colour=None, link: str | None = None):
        self.text = text
        self.font = font
        self.size = size
        self.rise = rise
        self.colour = colour
        self.link = link
        self.look = (font, size, rise, colour, link)


class _Widths(dict):
    """A font's advance widths by character (thousandths of an em), each looked up once per process."""

    def __init__(self, font_name: str):
        super().__init__()
        font = getFont(font_name)
        face = getattr(font, "face", None)
        self.name = font_name
        self._lookup = face.charWidths.get if face is not None else None
        self._default = face.defaultWidth if face is not None else 0

    def __missing__(self, ch: str) -> float:
        if ch == _SHY:
            width = 0
        elif self._lookup is not None:
            width = self._lookup(ord(ch), self._default)
        else:  # a font without a TrueType face (never from our style sheets): ask ReportLab
            width = stringWidth(ch, self.name, 1000)
        self[ch] = width
        return width


_WIDTHS: dict[str, _Widths] = {}


def _widths(font_name: str) -> _Widths:
    table = _WIDTHS.get(font_name)
    if table is None:
        table = _WIDTHS[font_name] = _Widths(font_name)
    return table


def text_width(text: str, font_name: str, size: float) -> float:
    """What ReportLab's ``stringWidth`` gives, in the same arithmetic (so lines break where they did)."""
    return 0.001 * size * sum(map(_widths(font_name).__getitem__, text))


# A word: (width, width of the space before it, pieces, kind, run of that space). Pieces are
# (run index, text). Kind: 0 a whole word; 1 a piece of a word cut because it was wider than the
# line; 2 its last piece.
_WHOLE, _CUT, _CUT_END = 0, 1, 2


def _words(runs: list[Run]) -> list[tuple]:
    """The words of the runs: split at spaces; a word may span runs (``reset.`` + superscript ``1,2``)."""
    if len(runs) == 1:
        run = runs[0]
        table = _widths(run.font)
        scale = 0.001 * run.size
        space = scale * table[" "]
        get = table.__getitem__
        return [(scale * sum(map(get, w)), space, ((0, w),), _WHOLE, 0) for w in run.text.split(" ") if w]
    words: list[tuple] = []
    pieces: list[tuple[int, str]] = []
    width = gap = 0.0
    gap_run = 0
    for index, run in enumerate(runs):
        table = _widths(run.font)
        scale = 0.001 * run.size
        get = table.__getitem__
        for j, part in enumerate(run.text.split(" ")):
            if j:  # a space: the word so far ends; the next one is spaced in this run's font
                if pieces:
                    words.append((width, gap, tuple(pieces), _WHOLE, gap_run))
                    pieces, width = [], 0.0
                gap, gap_run = scale * table[" "], index
            if part:
                pieces.append((index, part))
                width += scale * sum(map(get, part))
    if pieces:
        words.append((width, gap, tuple(pieces), _WHOLE, gap_run))
    return words


class TextBlock(LineBlock):
    """A paragraph of runs in a ParagraphStyle (spacing, indents, alignment, leading, colour).

    ``bullet`` hangs in the left indent on the first line, as ReportLab draws a
    paragraph's bullet text (note numbers).
    """

    def __init__(self, runs: list[Run], style: ParagraphStyle, bullet: str | None = None, *,
                 _words: list[tuple] | None = None, _continued: bool = False):
        super().__init__(style)
        self.runs = runs
        self.bullet = bullet
        self._word_list = _words
        self._continued = _continued  # a later part of a block split across pages: no indent, no bullet
        self._justify_last = False

    # -- the parts of a block split across pages (spacing and keep-with-next come from the style) -------
    def _parts(self, head_lines: list, tail_lines: list, width: float) -> tuple[TextBlock, TextBlock]:
        head = TextBlock(self.runs, self.style, None if self._continued else self.bullet,
                         _words=[w for _, line in head_lines for w in line], _continued=self._continued)
        head._lines, head._wrapped_for = head_lines, width
        head._justify_last = True
        tail = TextBlock(self.runs, self.style, None, _words=[w for _, line in tail_lines for w in line],
                         _continued=True)
        tail._lines, tail._wrapped_for = tail_lines, width
        return head, tail

    def minWidth(self):
        words = self._all_words()
        return max((w[0] for w in words), default=0)

    # -- breaking --------------------------------------------------------------------------------
    def _all_words(self) -> list[tuple]:
        if self._word_list is None:
            self._word_list = _words(self.runs)
        return self._word_list

    def _line_widths(self, width: float) -> list[float]:
        style = self.style
        later = width - style.leftIndent - style.rightIndent
        if self._continued:
            return [later, later]
        first = later - style.firstLineIndent
        if self.bullet:
            reach = style.bulletIndent + self._bullet_width() + 0.6 * style.bulletFontSize
            indent = style.leftIndent + style.firstLineIndent
            if reach > indent:  # a wide number takes room from the first line
                first -= reach - indent
        return [first, later]

    def _bullet_width(self) -> float:
        return text_width(self.bullet or "", self.style.bulletFontName, self.style.bulletFontSize)

    def _break(self, width: float) -> list[tuple[float, list[tuple]]]:
        widths = self._line_widths(width)
        return break_lines(self._all_words(), (widths[0], widths[1]), shrink=self.style.spaceShrinkage,
                           overflow=functools.partial(self._overflow, widths))

    def _overflow(self, widths: list[float], word: tuple, used: float, room: float, lineno: int, started: bool):
        """A word that does not fit: hyphenated at a soft hyphen, moved on, or cut when wider than a line."""
        word_width, _, pieces, kind, _ = word
        if any(_SHY in text for _, text in pieces):
            halves = self._hyphenate(word, used, room)
            if halves:  # the longest head that fits, with a hyphen, ends this line
                return halves
            if started and self._hyphenate(word, 0.0, widths[min(lineno + 1, 1)]):
                return NEXT_LINE  # it can break on the next line: start it there
        if self.style.splitLongWords and kind == _WHOLE and word_width > widths[min(lineno, 1)]:
            return self._cut(word, used, widths, lineno)
        return None

    def _hyphenate(self, word: tuple, used: float, room: float) -> list[tuple] | None:
        """A soft-hyphenated word cut at its last soft hyphen whose head (and a hyphen) fits in ``room``."""
        _, gap, pieces, _, gap_run = word
        chars = [(index, ch) for index, text in pieces for ch in text]
        for k in range(len(chars) - 1, 0, -1):
            if chars[k][1] != _SHY:
                continue
            head = chars[:k]
            run = self.runs[head[-1][0]]
            hyphen = text_width("-", run.font, run.size)
            width = sum(text_width(ch, self.runs[index].font, self.runs[index].size) for index, ch in head)
            if used + hyphen - 1e-8 + width <= room:
                tail = chars[k + 1:]
                tail_width = sum(text_width(ch, self.runs[index].font, self.runs[index].size) for index, ch in tail)
                return [(width + hyphen, gap, _merge(head + [(head[-1][0], "-")]), _WHOLE, gap_run),
                        (tail_width, gap, _merge(tail), _WHOLE, gap_run)]
        return None

    def _cut(self, word: tuple, used: float, widths: list[float], lineno: int) -> list[tuple]:
        """A word wider than a line, cut character by character where each line is full."""
        _, gap, pieces, _, gap_run = word
        limit = widths[min(lineno, 1)]
        following = widths[min(lineno + 1, 1)]
        out: list[tuple] = []
        part: list[tuple[int, str]] = []
        part_width, line_width = 0.0, used
        for index, text in pieces:
            run = self.runs[index]
            table = _widths(run.font)
            scale = 0.001 * run.size
            for ch in text:
                cw = scale * table[ch]
                if line_width + cw > limit and (part or cw <= following):
                    out.append((part_width, 0.0 if out else gap, _merge(part), _CUT, gap_run))
                    lineno += 1
                    limit = widths[min(lineno, 1)]
                    part, part_width, line_width = [], 0.0, 0.0
                part.append((index, ch))
                part_width += cw
                line_width += cw
        out.append((part_width, 0.0 if out else gap, _merge(part), _CUT_END, gap_run))
        return out

    # -- drawing ----------------------------------------------------------------------------------
    def drawOn(self, canvas, x, y, _sW=0):
        """``Flowable.drawOn`` (the same operators), saving only the state ``draw`` changes (the fill colour)."""
        rlcompat.draw_translated(canvas, self, self._hAlignAdjust(x, _sW), y)

    def draw(self):
        lines = self._lines
        if not lines:
            return
        canvas = self.canv
        style = self.style
        runs = self.runs
        leading = style.leading
        baseline = self.height - style.fontSize
        offset = 0.0 if self._continued else style.firstLineIndent
        # No saveState here: drawOn has saved the state, and restores colour and text state after us.
        if self.bullet and not self._continued:
            offset = self._draw_bullet(canvas, offset, baseline)
        rlcompat.fill_colour(canvas, style.textColor)
        tx = canvas.beginText(style.leftIndent, baseline)
        first = runs[0]
        tx.setFont(first.font, first.size, leading)
        plain = len(runs) == 1 and not first.rise and first.colour is None
        # Several runs: those that look alike share a number (they join one text operator), and
        # widths, which only place link boxes, are measured only on a line with a linked run.
        kinds = None if plain else _look_kinds(runs)
        linked = [] if plain else [i for i, run in enumerate(runs) if run.link]
        look = [first.font, first.size, 0.0, None]  # what the text object is set to: font, size, rise, colour
        align = style.alignment
        last_line = len(lines) - 1
        links: list[tuple] = []
        for n, (extra, words) in enumerate(lines):
            last = n == last_line and not self._justify_last
            spaces = len(words) - 1
            shift, word_space = offset, 0.0
            if align == TA_JUSTIFY:
                if spaces > 0 and not (-1e-8 < extra <= 1e-8 or (last and extra > -1e-8)):
                    word_space = extra / spaces
            elif extra <= -1e-8 and spaces > 0:  # an over-full line (its spaces shrink to fit)
                word_space = extra / spaces
            elif align == TA_CENTER:
                shift += 0.5 * extra
            elif align == TA_RIGHT:
                shift += extra
            if shift:
                tx.setXPos(shift)
            if word_space:
                tx.setWordSpace(word_space)
            y = baseline - n * leading
            if plain:
                text = " ".join([w[2][0][1] for w in words])
                text_out(tx, text.replace(_SHY, "") if _SHY in text else text, True)
                if first.link:
                    width = sum(w[0] for w in words) + sum(w[1] + word_space for w in words[1:])
                    links.append((first.link, shift, shift + width, y, first.size))
            else:
                # A line's pieces run from its first word's run to its last word's (the spaces between
                # them too): a linked run outside that range draws nothing on this line.
                measure = bool(linked) and bool(words) and any(words[0][2][0][0] <= i <= words[-1][2][-1][0]
                                                               for i in linked)
                self._draw_line(tx, words, kinds, measure, look, word_space, shift, y, links)
            if word_space:
                tx.setWordSpace(0)
            if shift:
                tx.setXPos(-shift)
            offset = 0.0
        canvas.drawText(tx)
        for link, x0, x1, y, size in links:
            bottom = y - size * _LINK_DROP
            rect = (style.leftIndent + x0, bottom, style.leftIndent + x1, bottom + leading)
            if link.startswith("#"):
                canvas.linkRect("", link[1:], rect, relative=1)
            else:
                canvas.linkURL(link, rect, relative=1)

    def _draw_line(self, tx, words: list[tuple], kinds: list[int], measure: bool, look: list, word_space: float,
                   x: float, y: float, links: list[tuple]) -> None:
        """A line whose words are in several runs: one text operator per change of look (``kinds``);
        the width of each only when ``measure`` (it places link boxes)."""
        runs = self.runs
        segments: list[list] = []  # [run index, texts, width]
        segment: list = []  # the last of them
        current = -1  # its look
        for k, (_, gap, pieces, _, gap_run) in enumerate(words):
            if k:  # the space before the word, in the run it was typed in
                if kinds[gap_run] == current:
                    segment[1].append(" ")
                    if measure:
                        segment[2] += gap + word_space
                else:
                    segment = [gap_run, [" "], gap + word_space]
                    segments.append(segment)
                    current = kinds[gap_run]
            for index, text in pieces:
                if measure:
                    run = runs[index]  # text_width's arithmetic, step for step
                    width = 0.001 * run.size * sum(map(_widths(run.font).__getitem__, text))
                else:
                    width = 0.0
                if kinds[index] == current:
                    segment[1].append(text)
                    segment[2] += width
                else:
                    segment = [index, [text], width]
                    segments.append(segment)
                    current = kinds[index]
        last = len(segments) - 1
        leading = self.style.leading
        for s, (index, texts, width) in enumerate(segments):
            run = runs[index]
            if run.font != look[0] or run.size != look[1]:
                tx.setFont(run.font, run.size, leading)
                look[0], look[1] = run.font, run.size
            if run.rise != look[2]:
                tx.setRise(run.rise)
                look[2] = run.rise
            if run.colour is not look[3]:
                rlcompat.fill_colour(tx, self.style.textColor if run.colour is None else run.colour)
                look[3] = run.colour
            text = "".join(texts)
            text_out(tx, text.replace(_SHY, "") if _SHY in text else text, s == last)
            if run.link:
                links.append((run.link, x, x + width, y, run.size))
            x += width

    def _draw_bullet(self, canvas, offset: float, baseline: float) -> float:
        """The number in the left indent, on the first line's baseline; returns the first line's indent."""
        style = self.style
        tx = canvas.beginText(style.bulletIndent, baseline + getattr(style, "bulletOffsetY", 0))
        tx.setFont(style.bulletFontName, style.bulletFontSize)
        rlcompat.fill_colour(tx, getattr(style, "bulletColor", style.textColor))
        text_out(tx, self.bullet or "")
        canvas.drawText(tx)
        end = style.bulletIndent + self._bullet_width() + 0.6 * style.bulletFontSize
        return max(offset, end - style.leftIndent)


def _look_kinds(runs: list[Run]) -> list[int]:
    """For each run, the index of the first run that looks the same (font, size, rise, colour, link)."""
    first: dict[tuple, int] = {}
    return [first.setdefault(run.look, i) for i, run in enumerate(runs)]


def _merge(pieces: list[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """Characters of a cut word back into pieces, one per run."""
    out: list[list] = []
    for index, ch in pieces:
        if out and out[-1][0] == index:
            out[-1][1] += ch
        else:
            out.append([index, ch])
    return tuple((index, text) for index, text in out)
