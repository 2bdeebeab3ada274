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

    def broken(out, members) -> None:
        out.write(b"PK\x03\x04 half an entry")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(package, "write_members", broken)
    changed = make_brief(make_summary([make_finding("a", statement="Something else entirely.")]))
    with pytest.raises(RuntimeError):
        render_pptx(changed, None, out)
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_an_unwritable_destination_is_one_clear_error(brief, tmp_path):
    with pytest.raises(BriefingError) as caught:
        render_pptx(brief, None, tmp_path / "missing-folder" / "deck.pptx")
    assert "does not exist" in str(caught.value)


def test_without_python_pptx_internals_the_deck_is_the_same_bytes(brief, tmp_path, monkeypatch):
    """The package writer uses two python-pptx internals; without them it takes python-pptx's own save."""
    render_pptx(brief, None, tmp_path / "direct.pptx")

    def moved(prs):
        raise AttributeError("python-pptx moved an internal")

    monkeypatch.setattr(package, "package_members", moved)
    render_pptx(brief, None, tmp_path / "saved.pptx")
    assert (tmp_path / "direct.pptx").read_bytes() == (tmp_path / "saved.pptx").read_bytes()
