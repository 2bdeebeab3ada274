"""Text that must fit: paragraphs measured with font metrics, shrunk to a floor, then paginated.

python-pptx cannot auto-fit, so the deck sets every line itself: a ``Para`` is
broken into lines at spaces the way PowerPoint breaks them (long words at
characters; ``briefing.linebreak``, the PDF's line breaker too), sized with exact line pitch, and a stream of paragraphs is shrunk
step by step to its styles' floors. What still does not fit is split at a line
boundary and continues on the next page, so no word is ever dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.deck.layout.metrics import Metrics
from briefing.deck.style import EMU_PER_POINT, DeckStyle, TextStyle
from briefing.linebreak import NEXT_LINE, break_lines
from briefing.text import Span, clean

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def plain_lines(text: str | None) -> list[str]:
    """Untrusted text as the paragraphs to set: XML-safe, tabs as spaces, one item per line."""
    if not text:
        return []
    return clean(_NEWLINES.sub("\n", text)).replace("\t", " ").split("\n")


@dataclass(frozen=True)
class Para:
    """A paragraph to flow: its spans, style, alignment and whether it keeps with the next."""

    spans: tuple[Span, ...]
    style: str
    keep_with_next: bool = False
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    def split(self, at: int) -> tuple[Para, Para]:
        """The paragraph cut at character ``at`` (a word start) into two."""
        head: list[Span] = []
        tail: list[Span] = []
        pos = 0
        for span in self.spans:
            end = pos + len(span.text)
            if end <= at:
                head.append(span)
            elif pos >= at:
                tail.append(span)
            else:
                head.append(replace(span, text=span.text[: at - pos]))
                tail.append(replace(span, text=span.text[at - pos :]))
            pos = end
        while head and not head[-1].text.rstrip(" "):
            head.pop()
        if head:
            head[-1] = replace(head[-1], text=head[-1].text.rstrip(" "))
        return replace(self, spans=tuple(head)), replace(self, spans=tuple(s for s in tail if s.text))


def para(text: str, style: str, **options) -> Para:
    return Para((Span(text, style),), style, **options)


@dataclass(frozen=True)
class Block:
    """A paragraph set at one size: its line starts (character offsets) and line pitch."""

    para: Para
    style: TextStyle

    starts: tuple[int, ...]
    continued: bool = False  # the rest of a paragraph split where a frame ended

    @property
    def lines(self) -> int:
        return len(self.starts)

    @property
    def pitch(self) -> float:
        """Line pitch in points (written as exact line spacing)."""
        return round(self.style.size * self.style.line, 1)


def split_block(block: Block, lines: int) -> tuple[Block, Block]:
    """``block`` cut after its first ``lines`` lines, both parts keeping their line breaks."""
    cut = block.starts[lines]
    head, tail = block.para.split(cut)
    head_block = Block(head, block.style, block.starts[:lines], block.continued)
    return head_block, Block(tail, block.style, tuple(s - cut for s in block.starts[lines:]), continued=True)


def rejoin(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with the pieces of each split paragraph joined again (to be set anew), the first
    piece's setting kept."""
    joined: list[Block] = []
    for block in blocks:
        if block.continued and joined and block.para.spans:
            before = joined[-1]
            last = before.para.spans[-1] if before.para.spans else Span("", before.para.style)
            spans = (*before.para.spans, replace(last, text=" "), *block.para.spans)
            joined[-1] = replace(before, para=replace(before.para, spans=spans))
        else:
            joined.append(block)
    return joined


def frame_height(blocks: Sequence[Block]) -> int:
    """EMU a frame needs for ``blocks``: no space before the first or after the last paragraph."""
    points = 0.0
    for i, block in enumerate(blocks):
        points += block.lines * block.pitch
        if i:
            points += block.style.before
        if i < len(blocks) - 1:
            points += block.style.after
    return round(points * EMU_PER_POINT)


_SETS_REMEMBERED = 2_048  # paragraphs set (with size and width) kept for a repeat


class TextFitter:
    """Sets paragraphs in frames: line breaks, shrinking to the styles' floors, pages."""

    def __init__(self, style: DeckStyle, metrics: Metrics):
        self.style = style
        self.metrics = metrics
        self._safety = style.number("font.safety")
        self._words: dict[Para, list[tuple[int, int, float, float]]] = {}
        self._set: dict[tuple[Para, int, float], Block] = {}

    # -- one paragraph -----------------------------------------------------------------

    def set(self, para: Para, width: int, shrink: float = 0.0, size: float | None = None) -> Block:
        """``para`` set ``shrink`` points below its size (never below its floor) in ``width`` EMU.

        Remembered for the deck: fitting a slide tries the same paragraph at the same size and
        width again (about half of all calls), and a block never changes."""
        base = self.style.text(para.style)
        chosen = size if size is not None else max(base.min, base.size - shrink)
        key = (para, width, chosen)
        block = self._set.get(key)
        if block is None:
            width_em = width / EMU_PER_POINT / chosen * self._safety
            if len(self._set) >= _SETS_REMEMBERED:
                self._set.clear()  # the repeats come while one slide is fitted; a deck-long memory cost 47 MiB at 10,000 findings
            block = self._set[key] = Block(para, base.sized(chosen), tuple(self._break(para, width_em)))
        return block

    def shrink_steps(self, paras: Sequence[Para]) -> int:
        return max((int(round(self.style.text(p.style).size - self.style.text(p.style).min)) for p in paras), default=0)

    def _break(self, para: Para, width: float) -> list[int]:
        """Line starts (character offsets) of ``para`` in ``width`` em: greedy at spaces, as PowerPoint breaks."""
        words, space = [], 0.0
        for start, end, word, trailing in self._words_of(para):
            words.append((word, space, (start, end)))
            space = trailing
        lines = break_lines(words, (width, width), overflow=functools.partial(self._overflow, para, width))
        return [0] + [line[0][2][0] for _, line in lines[1:]]

    def _overflow(self, para: Para, width: float, word: tuple, used: float, room: float, lineno: int, started: bool):
        """A word longer than a line starts one and is broken between characters, as renderers do."""
        word_width, _, (start, end) = word
        if word_width <= width or end - start < 2:
            return None
        if started:
            return NEXT_LINE
        pieces: list[tuple] = []
        x, piece_start = 0.0, start
        for offset, advance in self._char_advances(para, start, end):
            if x > 0 and x + advance > width:
                pieces.append((x, 0.0, (piece_start, offset)))
                x, piece_start = 0.0, offset
            x += advance
        pieces.append((x, 0.0, (piece_start, end)))
        return pieces

    def _words_of(self, para: Para) -> list[tuple[int, int, float, float]]:
        """(start, end, width, width of the spaces after it) for each word, in em."""
        cached = self._words.get(para)
        if cached is not None:
            return cached
        words: list[list] = []
        pos = 0
        current: list | None = None
        for span in para.spans:
            style = self.style.text(span.style or para.style)
            face = style.face
            space = self.metrics.width(" ", face, style.font)
            for i, piece in enumerate(span.text.split(" ")):
                if i:
                    if current is not None:
                        current[1] = pos
                        words.append(current)
                        current = None
                    if words:
                        words[-1][3] += space
                    pos += 1
                if piece:
                    if current is None:
                        current = [pos, pos, 0.0, 0.0]
                    current[2] += self.metrics.width(piece.upper() if style.caps else piece, face, style.font)
                    pos += len(piece)
        if current is not None:
            current[1] = pos
            words.append(current)
        result = [tuple(w) for w in words]
        if len(self._words) > 20_000:
            self._words.clear()
        self._words[para] = result
        return result

    def _char_advances(self, para: Para, start: int, end: int):
        pos = 0
        for span in para.spans:
            style = self.style.text(span.style or para.style)
            for i, ch in enumerate(span.text):
                offset = pos + i
                if start <= offset < end:
                    yield offset, self.metrics.width(ch.upper() if style.caps else ch, style.face, style.font)
            pos += len(span.text)

    # -- streams of paragraphs ---------------------------------------------------------------

    def fit(self, paras: Sequence[Para], width: int, height: int, least: int = 0) -> list[Block] | None:
        """The paragraphs shrunk just enough (at least ``least`` points) to fit ``height``, or None
        when even the floor is too big."""
        step = self.fitting_step(paras, width, height, least)
        return None if step is None else [self.set(p, width, step) for p in paras]

    def fitting_step(self, paras: Sequence[Para], width: int, height: int, least: int = 0) -> int | None:
        """How many points (from ``least``) ``paras`` must shrink to fit ``height`` (None: not even at the floor)."""
        for step in range(min(least, self.shrink_steps(paras)), self.shrink_steps(paras) + 1):
            if frame_height([self.set(p, width, step) for p in paras]) <= height:
                return step
        return None

    def flow(self, paras: Sequence[Para], width: int, heights: Callable[[int], int], frames: int = 1,
             least: int = 0) -> list[list[Block]]:
        """Frames of blocks: shrunk just enough (at least ``least`` points) to fit the first slide's
        ``frames`` frames, else set at the floor size over as many frames as they need."""
        steps = self.shrink_steps(paras)
        least = min(least, steps)
        if frames == 1:
            fitted = self.fit(paras, width, heights(0), least)
            return [fitted] if fitted is not None else self.paginate(paras, width, heights, steps)
        for step in range(least, steps + 1):
            pages = self.paginate(paras, width, heights, step)
            if len(pages) <= frames:
                return pages
        return pages

    def height_of_words(self, paras: Sequence[Para], width: int, words: int) -> int | None:
        """EMU the first ``words`` words of ``paras`` take at full size (None: they have no more)."""
        head: list[Para] = []
        for p in paras:
            starts = [m.start() for m in re.finditer(r"\S+", p.text)]
            if len(starts) > words:
                head.append(p.split(starts[words])[0])
                return frame_height([self.set(h, width) for h in head])
            head.append(p)
            words -= len(starts)
        return None

    def shrink_to(self, paras: Sequence[Para], size: float) -> int:
        """The fewest points ``paras`` must shrink for none to be set larger than ``size``."""
        return max([0, *(int(-(-(self.style.text(p.style).size - size) // 1)) for p in paras)])

    def paginate(self, paras: Sequence[Para | Block], width: int, heights: Callable[[int], int],
                 shrink: int | None = None) -> list[list[Block]]:
        """Frames of blocks set ``shrink`` points down (default: at the floor; a ``Block`` keeps its
        setting), paragraphs split between lines where a frame ends.

        Each paragraph is measured once: where it is split, both parts keep the line breaks
        already found (breaking is greedy from each line start, so the rest of a paragraph
        breaks the same on the next frame), so a long paragraph costs time linear in its length."""
        floor = self.shrink_steps([p if isinstance(p, Para) else p.para for p in paras]) if shrink is None else shrink
        pages: list[list[Block]] = [[]]
        queue: list[Para | Block] = list(reversed(paras))
        opened_by_split: set[int] = set()  # frames that open with the rest of a split paragraph  # a Block: the rest of a split paragraph, already set

        def setting(item: Para | Block) -> Block:
            return item if isinstance(item, Block) else self.set(item, width, floor)

        while queue:
            block = setting(queue.pop())
            para = block.para
            page = pages[-1]
            room = heights(len(pages) - 1) - frame_height(page)
            spacing = (page[-1].style.after + block.style.before) * EMU_PER_POINT if page else 0
            need = spacing + frame_height([block])
            if para.keep_with_next and queue:
                following = setting(queue[-1])
                need += (block.style.after + following.style.before + min(2, following.lines) * following.pitch) * EMU_PER_POINT
            if need <= room:
                page.append(block)
                continue
            fitting_lines = int((room - spacing) // (block.pitch * EMU_PER_POINT))
            if not page:
                fitting_lines = max(1, fitting_lines)  # an empty page always takes something
            elif para.keep_with_next or fitting_lines < min(2, block.lines):
                pages.append([])
                queue.append(block)
                continue
            if fitting_lines >= block.lines:
                page.append(block)
                continue
            if block.lines - fitting_lines < 2:  # the next frame never opens with one orphaned line:
                if fitting_lines >= 3:
                    fitting_lines = block.lines - 2  # it takes one more,
                elif page:
                    pages.append([])  # or the short paragraph moves over whole
                    queue.append(block)
                    continue
            head, tail = split_block(block, fitting_lines)
            page.append(head)
            queue.append(tail)
            pages.append([])
            opened_by_split.add(len(pages) - 1)
        last = len(pages) - 1
        if last and last not in opened_by_split and sum(b.lines for b in pages[last]) < 2 and pages[last - 1]:
            # The last frame would hold one orphaned line: the paragraph before it gives it its last
            # line, or, too short to split, moves over whole when it fits.
            before = pages[last - 1][-1]
            if before.lines >= 3:
                head, tail = split_block(before, before.lines - 1)
                pages[last - 1][-1] = head
                pages[last].insert(0, tail)
            elif len(pages[last - 1]) > 1 and not pages[last - 1][-2].para.keep_with_next and frame_height([before, *pages[last]]) <= heights(last):
                pages[last].insert(0, pages[last - 1].pop())
        return [page for page in pages if page] or [[]]
