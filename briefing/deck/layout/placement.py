"""Labels in a row beside their markers: in marker order, never overlapping, leaders as upright as the room allows.

A label of width ``w`` is joined to its marker by a leader to the nearest point
of the label's edge; the leader is upright when the label spans the marker. The
lefts are chosen together (dynamic programming over candidate positions) to
minimise how far leaders lean, then to hang each label like a flag from its
marker (the marker at the label's left or right edge; the timeline sets a label
reached in its right half flush right). Keeping labels in marker order,
``gap`` apart, means no two leaders can cross.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.deck.style import EMU_PER_INCH

_STEP = EMU_PER_INCH // 20  # candidate positions every 0.05 in, besides the exact flag positions
_RIGHT_FLAG = EMU_PER_INCH  # what hanging a label to the left of its marker costs, as an offset


def lean(marker: int, left: int, width: int) -> int:
    """How far the leader leans: the marker's distance outside the label's span (EMU)."""
    return max(0, left - marker, marker - (left + width))


def anchor(marker: int, left: int, width: int) -> int:
    """Where the leader meets the label: the point of its span nearest the marker."""
    return min(max(marker, left), left + width)


def _costs(marker: int, lefts: Sequence[int], width: int) -> list[float]:
    """What placing the label at each of ``lefts`` costs: leaning (squared, so that several
    small leans beat one long one) far above hanging away from the marker."""
    out = []
    for left in lefts:
        leaning = max(0, left - marker, marker - left - width) / EMU_PER_INCH
        # Text reads from its date: a flag to the left of its marker only when the room requires it.
        flag = min(abs(left - marker), abs(left + width - marker) + _RIGHT_FLAG) / EMU_PER_INCH
        out.append(100 * leaning * leaning + 10 * leaning + flag)
    return out


def place_labels(markers: Sequence[int], width: int, gap: int, low: int, high: int) -> list[int]:
    """Left edges for labels of ``width`` for ``markers`` (ascending), ``gap`` apart inside [low, high]."""
    count = len(markers)
    if not count:
        return []
    pitch = width + gap
    slack = high - low - count * pitch + gap
    if slack < 0:  # cannot happen with widths from the timeline plan; keep order, share the room
        step = (high - low - width) / max(1, count - 1)
        return [round(low + k * step) for k in range(count)]
    # Candidates: a grid, each label's flag positions, and those of the others shifted by whole
    # pitches (where labels pushed against each other end up).
    flags = [x - k * pitch for k, marker in enumerate(markers) for x in (marker, marker - width)]
    options: list[list[int]] = []
    for k in range(count):
        first = low + k * pitch
        last = first + slack
        wanted = {first, last, *range(first, last + 1, _STEP)}
        wanted.update(min(max(x + k * pitch, first), last) for x in flags)
        options.append(sorted(wanted))
    # best[k][i]: least total cost of labels 0..k with label k at options[k][i]; came[k][i]: label k-1's option
    best = [_costs(markers[0], options[0], width)]
    came: list[list[int]] = [[]]
    for k in range(1, count):
        previous, before = best[-1], options[k - 1]
        row, links = [], []
        j, low_cost, low_at = 0, float("inf"), -1
        for x, cost in zip(options[k], _costs(markers[k], options[k], width)):
            while j < len(before) and before[j] <= x - pitch:
                if previous[j] < low_cost:
                    low_cost, low_at = previous[j], j
                j += 1
            row.append(low_cost + cost)
            links.append(low_at)
        best.append(row)
        came.append(links)
    i = min(range(len(best[-1])), key=best[-1].__getitem__)
    lefts = []
    for k in range(count - 1, -1, -1):
        lefts.append(options[k][i])
        if k:
            i = came[k][i]
    return lefts[::-1]
