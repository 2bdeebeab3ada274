"""The deck under construction: slides with their chrome, and text flowed across them.

Every slide gets the marking banner (top and bottom) when the brief has one, a
slide-number field, a kicker and a title fitted into the layout's title
placeholder. ``flow`` sets columns of paragraphs on as many slides as they need,
titling the later ones "… (2 of 3)" so that every slide's title is its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pptx.presentation import Presentation

from briefing.deck.contrast import Legibility
from briefing.deck.layout.flow import Block, Para, TextFitter, frame_height, para, plain_lines, rejoin
from briefing.deck.layout.geometry import Rect
from briefing.deck.layout.metrics import metrics_for
from briefing.deck.ooxml.canvas import Canvas
from briefing.deck.ooxml.parts import SlideParts
from briefing.deck.ooxml.textframe import TextWriter
from briefing.deck.style import EMU_PER_POINT, DeckStyle
from briefing.deck.template import SlideFrame, TemplateLayouts
from briefing.text import Span

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Heading:
    """A kicker and title placed in a layout's title zone, and the body area left below them."""

    frame: SlideFrame
    title: list[Block]
    title_rect: Rect
    kicker: list[Block]
    kicker_rect: Rect | None
    body: Rect
    overflow: Para | None  # title words that did not fit even at the floor: they open the body


@dataclass(frozen=True)
class Stream:
    """Paragraphs flowing through ``span`` side-by-side columns; ``inset`` pads them inside each
    column, ``reserve`` keeps room at the top of the first slide (for the badge); a stream whose
    ``not_above`` names an earlier stream is never set larger than that stream's first paragraph
    (a finding's evidence never outgrows its statement). A stream of more than ``words`` words
    is never shrunk: it continues on the next slide after about that many."""

    paras: Sequence[Para]
    inset: int = 0
    reserve: int = 0
    span: int = 1
    not_above: int | None = None
    words: int | None = None  # at most about this many words a slide, at full size: more continues, never shrinks


@dataclass
class FlowPage:
    """One slide of a flow of text: its canvas, columns and the blocks placed in each."""

    canvas: Canvas
    number: int
    index: int  # 0 for the first slide of a flow
    columns: list[Rect]
    frames: list[Rect]  # where each column's text goes on this slide
    blocks: list[list[Block]] = field(default_factory=list)


class DeckPages:
    def __init__(self, prs: Presentation, style: DeckStyle, layouts: TemplateLayouts, marking: str | None,
                 language: str = "en-US"):
        self.prs = prs
        self.style = style
        self.layouts = layouts
        master = layouts.design.content_master
        metrics = metrics_for(style, master.heading_font, master.body_font)
        self.typesetter = TextFitter(style, metrics)
        self.writer = TextWriter(style, {"heading": master.heading_ref, "body": master.body_ref}, language)
        self.parts = SlideParts(prs)
        self._open: list[Canvas] = []  # slides are drawn on until the deck is finished
        self.count = 0
        self.warnings: list[str] = list(metrics.warnings)
        self.legibility = Legibility()
        self.width = layouts.design.width
        self.height = layouts.design.height
        self._margin = style.length("grid.margin")
        self._band = style.length("grid.band")
        self._gap = style.length("grid.gap")
        self._banner_x = self._margin + style.length("grid.number_width")  # centred, clear of the slide number
        self._marking = self._set_marking(marking)

    # -- one slide -----------------------------------------------------------------------------

    def heading(self, kind: str, title: str, kicker: str | None, *, title_style: str = "title") -> Heading:
        """Fit the title: shrink to the style's comfortable size in the zone, then take up to
        ``grid.title_growth`` more room and shrink to the floor, then split it."""
        frame = self.layouts.frame(kind)
        zone = frame.title
        if self._marking and zone.y < self._band + self._gap:  # the marking banner keeps its band
            zone = zone.with_top(self._band + self._gap)
        title, kicker = _one_line(title), _one_line(kicker)
        kicker_blocks = [self.typesetter.set(para(kicker, "kicker"), zone.w)] if kicker else []
        kicker_h = frame_height(kicker_blocks) + self._gap if kicker_blocks else 0
        room = zone.h - kicker_h
        growth = self.style.length("grid.title_growth")
        look = self.style.text(title_style)
        title_para = para(title, title_style)
        comfortable = look.comfortable or look.size
        overflow = None
        blocks = self._title_at(title_para, zone.w, look.size, comfortable, room) or self._title_at(
            title_para, zone.w, comfortable, look.min, room + growth
        )
        if blocks is None:
            blocks, overflow = self._split_title(title_para, zone.w, look.min, room + growth)
        height = frame_height(blocks)
        extra = max(0, height - room)
        title_rect = Rect(zone.x, zone.bottom + extra - height, zone.w, height)
        kicker_rect = None
        if kicker_blocks:
            kicker_h = frame_height(kicker_blocks)
            kicker_rect = Rect(zone.x, title_rect.y - self._gap - kicker_h, zone.w, kicker_h)
        body = frame.body or Rect(zone.x, zone.bottom + self._gap, zone.w, 0)
        top = max(body.y, zone.bottom + extra + self._gap) if extra else body.y
        bottom = min(body.bottom if frame.body else self.height, self.height - self._band - self._gap)
        body = Rect(body.x, top, body.w, max(0, bottom - top))
        return Heading(frame, blocks, title_rect, kicker_blocks, kicker_rect, body, overflow)

    def _title_at(self, title: Para, width: int, largest: float, smallest: float, room: int) -> list[Block] | None:
        """The title at the largest size from ``largest`` down to ``smallest`` that fits ``room``."""
        size = largest
        while size >= smallest:
            blocks = [self.typesetter.set(title, width, size=size)]
            if frame_height(blocks) <= room:
                return blocks
            size -= 1
        return None

    def _split_title(self, title_para: Para, width: int, size: float, room: int) -> tuple[list[Block], Para]:
        block = self.typesetter.set(title_para, width, size=size)
        keep = max(1, int(room // (block.pitch * EMU_PER_POINT)))
        while True:
            head, tail = title_para.split(block.starts[min(keep, block.lines - 1)])
            head = Para(head.spans + (Span(f" {ELLIPSIS}", title_para.style),), title_para.style)
            fitted = [self.typesetter.set(head, width, size=size)]
            if frame_height(fitted) <= room or keep == 1:
                self.warnings.append(f"a title was too long for its slide; it continues in the body: '{title_para.text[:60]}{ELLIPSIS}'")
                return fitted, Para(tail.spans, "statement")
            keep -= 1

    def slide(self, heading: Heading, notes: Sequence[Para] = ()) -> tuple[Canvas, int]:
        """A new slide from ``heading``: title, kicker, marking banners, slide number, notes.
        What is drawn on its canvas reaches the slide when the deck is finished."""
        self.count += 1
        canvas = Canvas(self.parts, heading.frame, self.style, self.writer, self.legibility)
        self._open.append(canvas)
        canvas.title(heading.title_rect, heading.title)
        if heading.kicker_rect is not None:
            canvas.text(heading.kicker_rect, heading.kicker, "Kicker", anchor="bottom")
        if self._marking:
            for name, y in (("Marking (top)", 0), ("Marking (bottom)", self.height - self._band)):
                band = canvas.on_strip(Rect(self._banner_x, y, self.width - 2 * self._banner_x, self._band), frame_height(self._marking))
                canvas.text(band, self._marking, name, anchor="middle", furniture=True)
        if not heading.frame.design.draws_number:  # some masters number their slides themselves
            number_width = self.style.length("grid.number_width")
            canvas.slide_number(
                self.count,
                Rect(self.width - self._margin - number_width, self.height - self._band, number_width, self._band),
                [self.typesetter.set(para(str(self.count), "slide_number", align="right"), number_width)],
            )
        if notes:
            canvas.notes(notes)
        return canvas, self.count

    def finish(self) -> None:
        """Write every slide's shapes out (slides of a flow are drawn on after all are made)."""
        for canvas in self._open:
            canvas.close()
        self._open.clear()

    def _set_marking(self, marking: str | None) -> list[Block] | None:
        if not marking or not marking.strip():
            return None
        banner = para(" ".join(marking.split()).upper(), "marking", align="center")
        width = self.width - 2 * self._banner_x
        fitted = self.typesetter.fit([banner], width, self._band)
        if fitted is None:
            self.warnings.append("the marking is too long for the banner; it is set at its smallest size and may touch the content")
            fitted = [self.typesetter.set(banner, width, self.typesetter.shrink_steps([banner]))]
        return fitted

    # -- text flowed over slides ----------------------------------------------------------------------

    def flow(self, kind: str, title: str, kicker: str | None, streams: Sequence[Stream], fractions: Sequence[float],
             *, notes: Sequence[Para] = (), continued_notes: Sequence[Para] = (), title_style: str = "title",
             single: bool = False) -> list[FlowPage]:
        """Slides for ``streams`` set side by side in ``fractions`` of the body (a stream takes
        ``span`` of them): one slide when they fit, else continuation slides ("… (2 of 3)") until all is set.

        A ``single`` flow (the title and closing slides) never continues: its body may use the
        slide down to the marking band, and what still does not fit goes to the speaker notes."""
        first = self.heading(kind, title, kicker, title_style=title_style)
        if single:
            limit = self.height - self._band - self._gap
            first = replace(first, body=first.body.with_height(max(first.body.h, limit - first.body.y)))
        streams = list(streams)
        if first.overflow is not None:
            head = streams[0]
            streams[0] = replace(head, paras=(first.overflow, *head.paras))
        shown_title = "".join(b.para.text for b in first.title)
        gutter = self.style.length("grid.gutter")
        later: list[Heading] = []

        def heading_of(slide: int) -> Heading:
            if slide == 0:
                return first
            if not later:  # every later slide shares one heading, measured with the longest numbering
                widest = self.style.word("continued_of", n=999, total=999)
                later.append(self.heading(kind, f"{shown_title} {widest}", kicker, title_style=title_style))
            return later[0]

        def numbered(slide: int, total: int) -> Heading:
            """The heading of a later slide, titled uniquely: "Headline (2 of 3)"."""
            shared = heading_of(slide)
            if slide == 0:
                return shared
            numbering = self.style.word("continued_of", n=slide + 1, total=total)
            size, room = shared.title[0].style.size, shared.title_rect.h
            words = shown_title.split(" ")
            keep = len(words)
            while True:  # a title too long for the zone keeps its numbering and loses words at its end
                text = " ".join(words[:keep]) + ("" if keep == len(words) else f" {ELLIPSIS}") + f" {numbering}"
                blocks = [self.typesetter.set(para(text, title_style), shared.title_rect.w, size=size)]
                if frame_height(blocks) <= room or keep <= 1:
                    return replace(shared, title=blocks)
                keep = max(1, keep - max(1, keep // 8))

        def columns(slide: int) -> list[Rect]:
            return heading_of(slide).body.columns(fractions, gutter)

        starts = [sum(s.span for s in streams[:i]) for i in range(len(streams))]
        frames_per_stream: list[list[list[Block]]] = []
        for stream, start in zip(streams, starts):
            width = columns(0)[start].w - 2 * stream.inset

            def height(k: int, stream=stream, start=start) -> int:
                column = columns(k // stream.span)[start + k % stream.span]
                return column.h - 2 * stream.inset - (stream.reserve if k == 0 else 0)

            least = 0
            if stream.not_above is not None and frames_per_stream[stream.not_above][0]:
                lead = frames_per_stream[stream.not_above][0][0].style.size
                least = self.typesetter.shrink_to(stream.paras, lead)
            if stream.words and stream.paras:
                cap = self.typesetter.height_of_words(stream.paras, width, stream.words)

                def capped(k: int, height=height, cap=cap) -> int:
                    return height(k) if cap is None else min(height(k), cap)

                frames = self.typesetter.paginate(stream.paras, width, capped, 0)
            elif stream.paras:
                frames = self.typesetter.flow(stream.paras, width, height, stream.span, least)
            else:
                frames = [[]]
            frames_per_stream.append(frames)
        total = max(-(-len(frames) // stream.span) for frames, stream in zip(frames_per_stream, streams))
        later_frames: list[list[Block]] = []
        inset = 0
        if total > 1 and not single and len(columns(1)) > 1:
            later_frames, inset = self._continue_full_width(streams, frames_per_stream, heading_of(1).body)
            total = 1 + len(later_frames)
        if single and total > 1:
            left_out = [b.para for frames in frames_per_stream for frame in frames[1:] for b in frame]
            self.warnings.append(f"the {kind} slide's text is too long for it; {len(left_out)} paragraph(s) are in its speaker notes")
            notes = [*notes, *left_out]
            total = 1
        out = []
        for n in range(total):
            canvas, number = self.slide(numbered(n, total), notes if n == 0 else continued_notes)
            if n and later_frames:
                body = heading_of(n).body
                out.append(FlowPage(canvas, number, n, [body], [body.inset(inset)], [later_frames[n - 1]]))
                continue
            page_columns = columns(n)
            page = FlowPage(canvas, number, n, page_columns, [], [])
            for stream, start, frames in zip(streams, starts, frames_per_stream):
                for j in range(stream.span):
                    k = n * stream.span + j
                    frame = page_columns[start + j].inset(stream.inset)
                    if k == 0 and stream.reserve:
                        frame = frame.with_top(frame.y + stream.reserve)
                    page.frames.append(frame)
                    page.blocks.append(frames[k] if k < len(frames) else [])
            out.append(page)
        return out

    def _continue_full_width(self, streams: Sequence[Stream], frames_per_stream: list[list[list[Block]]],
                             body: Rect) -> tuple[list[list[Block]], int]:
        """What the first slide's columns left over, one stream after another, over continuation
        slides in one column as wide as the body (not a narrow column beside an empty one), each
        paragraph at the size it had; and the inset of that column."""
        leftover = [(stream, rejoin([block for frame in frames[stream.span:] for block in frame]))
                    for stream, frames in zip(streams, frames_per_stream)]
        lead = next((stream for stream, blocks in leftover if blocks), Stream(()))
        inset = lead.inset
        width = body.w - 2 * inset
        blocks = [self.typesetter.set(block.para, width, size=block.style.size) for _, stream_blocks in leftover for block in stream_blocks]
        cap = self.typesetter.height_of_words([b.para for b in blocks], width, lead.words) if lead.words else None
        room = body.h - 2 * inset if cap is None else min(body.h - 2 * inset, cap)
        frames = self.typesetter.paginate(blocks, width, lambda k: room)
        return [frame for frame in frames if frame], inset


def _one_line(text: str | None) -> str:
    """A title or kicker is one paragraph: its line breaks become spaces."""
    return " ".join(plain_lines(text))
