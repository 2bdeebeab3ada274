"""The one line breaker: greedy, nothing lost or reordered, and a renderer decides what an overflowing word becomes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.linebreak import NEXT_LINE, break_lines

widths = st.floats(min_value=0.0, max_value=30.0, allow_nan=False)
words = st.lists(st.tuples(widths, st.floats(min_value=0.0, max_value=3.0, allow_nan=False)), max_size=40)


def _items(pairs):
    return [(width, gap, f"w{i}") for i, (width, gap) in enumerate(pairs)]


def _used(line):
    return sum(item[0] for item in line) + sum(item[1] for item in line[1:])


@settings(max_examples=300, deadline=None)
@given(words, st.floats(min_value=1.0, max_value=60.0), st.floats(min_value=1.0, max_value=60.0))
def test_greedy_lines_keep_every_word_in_order(pairs, first, later):
    items = _items(pairs)
    lines = break_lines(items, (first, later))
    assert [item for _, line in lines for item in line] == items
    for n, (left, line) in enumerate(lines):
        limit = first if n == 0 else later
        assert abs(left - (limit - _used(line))) < 1e-9
        if len(line) > 1:
            assert _used(line) <= limit + 1e-9  # only a word alone may overflow its line
        if n + 1 < len(lines):
            following = lines[n + 1][1][0]
            assert _used(line) + following[1] + following[0] > limit  # it did not fit: greedy


def test_spaces_may_shrink_to_take_one_more_word():
    items = [(4.0, 0.0, "a"), (4.0, 2.0, "b"), (1.0, 2.0, "c")]
    assert [len(line) for _, line in break_lines(items, (11.0, 11.0))] == [2, 1]
    assert [len(line) for _, line in break_lines(items, (11.0, 11.0), shrink=0.5)] == [3]


def test_an_overflowing_word_is_the_renderers_to_place():
    items = [(3.0, 0.0, "ab"), (9.0, 1.0, "cdefghi"), (1.0, 1.0, "j")]
    asked = []

    def overflow(item, used, room, lineno, started):
        asked.append((item[2], used, lineno, started))
        if started:
            return NEXT_LINE
        return [(5.0, 0.0, "cdefg"), (4.0, 0.0, "hi")]  # a head that ends its line, then the rest

    lines = break_lines(items, (6.0, 6.0), overflow=overflow)
    assert [[item[2] for item in line] for _, line in lines] == [["ab"], ["cdefg"], ["hi", "j"]]
    assert asked == [("cdefghi", 4.0, 0, True), ("cdefghi", 0.0, 1, False)]


def test_an_empty_head_only_ends_the_line():
    items = [(3.0, 0.0, "ab"), (9.0, 1.0, "long")]

    def overflow(item, used, room, lineno, started):
        return [(0.0, 1.0, ""), (9.0, 0.0, "piece")] if item[2] == "long" else None  # nothing of it fits here

    lines = break_lines(items, (6.0, 6.0), overflow=overflow)
    assert [[item[2] for item in line] for _, line in lines] == [["ab"], ["piece"]]
