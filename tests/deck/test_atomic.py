"""A failed export leaves no file behind and never clobbers an earlier one."""

from __future__ import annotations

import pytest
from deck_helpers import make_brief, make_finding, make_summary

from briefing.deck import render_pptx
from briefing.deck.ooxml import package
from briefing.diagnostics import BriefingError


@pytest.fixture
def brief():
    return make_brief(make_summary([make_finding("a")]))


def test_a_refused_template_leaves_no_file(brief, tmp_path):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(BriefingError):
        render_pptx(brief, bad, tmp_path / "out.pptx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pptx"]


def test_a_failure_while_writing_keeps_the_earlier_deck_and_leaves_no_temporary_file(brief, tmp_path, monkeypatch):
    out = tmp_path / "deck.pptx"
    render_pptx(brief, None, out)
    earlier = out.read_bytes()

    def broken(data: bytes) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(package, "canonical_zip", broken)
    changed = make_brief(make_summary([make_finding("a", statement="Something else entirely.")]))
    with pytest.raises(RuntimeError):
        render_pptx(changed, None, out)
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_an_unwritable_destination_is_one_clear_error(brief, tmp_path):
    with pytest.raises(BriefingError) as caught:
        render_pptx(brief, None, tmp_path / "missing-folder" / "deck.pptx")
    assert "does not exist" in str(caught.value)
