"""Breaking a paragraph into lines: the one routine the deck and the PDF call.

Lines are filled greedily, as PowerPoint and ReportLab fill them: a word goes
on the line when it fits (its width plus the space before it; the spaces
already on the line may shrink by ``shrink`` of their width), else it starts
the next line. The caller has measured the words, so each renderer keeps its
own metrics (font files in em for the deck, ReportLab's widths for the PDF).

What happens to a word that does not fit is the renderer's decision, asked
through ``overflow(item, used, room, lineno, line_has_items)``:

* ``None``: the usual rule (a new line, or the word alone on an empty one);
* ``NEXT_LINE``: end the line here and try the word again on the next line;
* a list of items: they replace the word; the first is placed where the line
  stands and ends it (the head of a hyphenated or cut word), the rest follow.

An item is a tuple ``(width, space before it, content, ...)``; a falsy content
places nothing (it only ends the line). Each line is ``(room left, items)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

NEXT_LINE = object()

Overflow = Callable[[tuple, float, float, int, bool], Any]  # items to insert (list[tuple]), NEXT_LINE, or None


def break_lines(items: Sequence[tuple], widths: tuple[float, float], *, shrink: float = 0.0,
                overflow: Overflow | None = None) -> list[tuple[float, list[tuple]]]:
    """``items`` in lines of ``widths[0]`` (the first line) and ``widths[1]`` (the others)."""
    items = list(items)
    first, later = widths
    lines: list[tuple[float, list[tuple]]] = []
    line: list[tuple] = []
    current = 0.0
    stretch = 0.0  # how far the spaces on the line may shrink
    limit = first
    forced = False
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        width, gap = item[0], item[1]
        new = current + gap + width if line else width
        room = limit + stretch + shrink * gap if line else limit
        if new > room and not forced and overflow is not None:
            answer = overflow(item, current + gap if line else 0.0, room, len(lines), bool(line))
            if answer is NEXT_LINE:
                i -= 1
                lines.append((limit - current, line))
                line, current, stretch, limit = [], 0.0, 0.0, later
                continue
            if answer:
                items[i:i] = answer
                forced = True
                continue
        if new <= room or not line or forced:
            if item[2]:
                if line:
                    stretch += shrink * gap
                line.append(item)
            if forced:
                forced = False
                lines.append((limit - new, line))
                line, current, stretch, limit = [], 0.0, 0.0, later
            else:
                current = new
        else:
            lines.append((limit - current, line))
            line, current, stretch, limit = [item], width, 0.0, later
    if line:
        lines.append((limit - current, line))
    return lines
