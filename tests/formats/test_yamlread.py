"""The safe YAML reader: core types only, positions, bounded resources."""

from __future__ import annotations

import pytest

from briefing.diagnostics import BriefingError
from briefing.formats.yamlread import Mark, parse_yaml


def test_only_core_types_are_resolved():
    doc = parse_yaml("a: NO\nb: 3.10\nc: 2025-07-25\nd: 12\ne: '12'\nf: true\ng: ~\nh: yes\n")
    assert doc.data == {"a": "NO", "b": "3.10", "c": "2025-07-25", "d": 12, "e": "12", "f": True, "g": None, "h": "yes"}
    assert doc.plain_text[("d",)] == "12"


def test_every_node_has_a_position():
    doc = parse_yaml("top:\n  items:\n    - x\n    - {k: v}\n")
    assert doc.mark(("top", "items", 1, "k")) == Mark(4, 11)
    assert doc.mark(("top", "items"), key=True) == Mark(2, 3)
    assert doc.mark(("top", "items", 7)) == Mark(3, 5)  # an absent node falls back to its parent


def test_aliases_share_data_without_copying():
    doc = parse_yaml("a: &x [1, 2]\nb: *x\n")
    assert doc.data["a"] is doc.data["b"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("a: !!binary aGk=\n", "tag '!!binary' is not allowed"),
        ("a: !custom x\n", "tag '!custom' is not allowed"),
        ("? [a, b]\n: c\n", "mapping key must be plain text"),
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first defined on line 1)"),
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused(text, words):
    with pytest.raises(BriefingError) as info:
        parse_yaml(text, "t.yaml")
    assert words in str(info.value)
    assert str(info.value).startswith("t.yaml:")


def test_a_billion_laughs_fails_fast_in_small_memory():
    rows = ["a: &a [x,x,x,x,x,x,x,x,x,x]"]
    rows += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
    with pytest.raises(BriefingError, match="alias bomb"):
        parse_yaml("\n".join(rows) + "\n")


def test_deep_nesting_is_an_error_not_a_recursion_error():
    with pytest.raises(BriefingError, match="nesting"):
        parse_yaml("[" * 100_000 + "]" * 100_000)
