"""Which language a piece of text is tagged with, as far as its script tells (briefing.language)."""

from __future__ import annotations

import pytest

from briefing import language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("Plain English", None),
        ("2025 — ¶ 12 · “quoted”", None),  # digits and punctuation say nothing
        ("مرحبا بالعالم", "ar"),
        ("یہ ٹھیک ہے", "ur"),  # letters only Urdu uses
        ("שלום עולם", "he"),
        ("한국어", "ko"),
        ("ひらがなと漢字", "ja"),
        ("中文", "zh"),
        ("\U00020001", "zh"),  # a supplementary-plane Han character
        ("مرحبا Hello", None),  # mixed with Latin letters: no single voice
        ("שלום 中文", None),
    ],
)
def test_the_script_names_the_language(text, expected):
    assert language.script_language(text) == expected


def test_text_without_those_scripts_does_not_compile_their_patterns():
    """Latin letters, digits and punctuation answer before the scripts' patterns are needed."""
    language._scripts.cache_clear()
    for text in ("Plain English", "2025-07 ¶ 3", "Ωμέγα", "Дж", ""):
        assert language.script_language(text) is None
    assert language._scripts.cache_info().currsize == 0
    assert language.script_language("中文") == "zh"
    assert language._scripts.cache_info().currsize == 1
