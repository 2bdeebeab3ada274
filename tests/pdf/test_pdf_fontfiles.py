"""Fonts cut down to a document's characters (CJK) stay right when one process renders many documents."""

from __future__ import annotations

import os

import pytest
from pdf_helpers import all_text, finding, render_file, write_summary


def test_each_document_gets_its_own_cut_of_a_cjk_font(tmp_path):
    texts = ["中巴经济走廊", "日本語のテキスト", "战略关系超越了竞争"]
    for i, text in enumerate(texts):
        summary = write_summary(tmp_path, {"source": {"title": "T"}, "headline": "H", "bluf": "B",
                                           "findings": [finding("f1", "F", text)]}, name=f"s{i}.yaml")
        out = tmp_path / f"cjk{i}.pdf"
        result = render_file(summary, out)
        if result.warnings:
            if os.environ.get("CI"):  # scripts/test installs fonts-noto-cjk
                pytest.fail(f"no CJK font in CI: {result.warnings[0]}")
            pytest.skip(f"no CJK font on this system: {result.warnings[0]}")
        assert text in "".join(all_text(out).split())
