"""The confidence / likelihood badge: ICD 203 words with a shape cue, never colour alone.

Likelihood is a mark on a seven-step scale (position); confidence is three
rising bars, as many filled as the level (count). Both read in greyscale.
"""

from __future__ import annotations

from briefing.brief import BriefFinding
from briefing.deck.layout.flow import TextFitter, para
from briefing.deck.layout.geometry import Rect
from briefing.deck.ooxml.canvas import Canvas
from briefing.deck.style import DeckStyle
from briefing.icd203 import LIKELIHOOD_TERMS, confidence_rank, likelihood_range, likelihood_rank


def _rows(finding: BriefFinding, style: DeckStyle) -> list[tuple[str, int, str]]:
    rows = []
    if finding.likelihood:
        words = style.word("likelihood", term=finding.likelihood.capitalize(), range=likelihood_range(finding.likelihood))
        rows.append(("likelihood", likelihood_rank(finding.likelihood), words))
    if finding.confidence:
        rows.append(("confidence", confidence_rank(finding.confidence), style.word("confidence", level=finding.confidence.capitalize())))
    return rows


def badge_height(finding: BriefFinding, style: DeckStyle) -> int:
    rows = len(_rows(finding, style))
    if not rows:
        return 0
    return rows * style.length("badge.row_height") + (rows - 1) * style.length("badge.row_gap")


def draw_badge(canvas: Canvas, typesetter: TextFitter, finding: BriefFinding, left: int, top: int, width: int) -> None:
    style = canvas.style
    rows = _rows(finding, style)
    if not rows:
        return
    row_h = style.length("badge.row_height")
    cue_w = style.length("badge.cue_width")
    words_x = left + cue_w + style.length("badge.cue_gap")
    y = top
    with canvas.group("Judgment badge", "; ".join(words for _, _, words in rows)):
        for kind, rank, words in rows:
            if kind == "likelihood":
                _scale(canvas, style, rank, left, y, row_h)
            else:
                _bars(canvas, style, rank, left, y, row_h)
            blocks = [typesetter.set(para(words, "badge"), left + width - words_x)]
            canvas.text(Rect(words_x, y, left + width - words_x, row_h), blocks, f"{kind.capitalize()} words", anchor="middle")
            y += row_h + style.length("badge.row_gap")


def _scale(canvas: Canvas, style: DeckStyle, rank: int, left: int, top: int, row_h: int) -> None:
    step, gap, line = style.length("badge.step"), style.length("badge.step_gap"), style.length("badge.line")
    y = top + (row_h - step) // 2
    for i in range(1, len(LIKELIHOOD_TERMS) + 1):
        chosen = i == rank
        canvas.box(
            Rect(left + (i - 1) * (step + gap), y, step, step),
            f"Likelihood step {i}{' (this judgment)' if chosen else ''}",
            fill=style.color("accent") if chosen else None,
            line=style.color("accent") if chosen else style.color("faint"),
            line_width=line,
        )


def _bars(canvas: Canvas, style: DeckStyle, rank: int, left: int, top: int, row_h: int) -> None:
    width, gap, line = style.length("badge.bar_width"), style.length("badge.bar_gap"), style.length("badge.line")
    heights = [round(row_h * f) for f in style.fractions_at("badge.bar_heights")]
    bottom = top + (row_h + heights[-1]) // 2
    for i, height in enumerate(heights, start=1):
        filled = i <= rank
        canvas.box(
            Rect(left + (i - 1) * (width + gap), bottom - height, width, height),
            f"Confidence bar {i}{' (filled)' if filled else ''}",
            fill=style.color("text") if filled else None,
            line=style.color("text") if filled else style.color("faint"),
            line_width=line,
        )
