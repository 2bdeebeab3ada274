"""A template's checks and sanitizing are kept in the cache of derived data: the same deck, less start.

The bundled template gives the same checked bytes at every start (``deck/template.py``
``_check``: limits, sanitizing, a rebuilt zip), so each state of a template file is checked
once per machine. The entry is named by the file's state and the code that checks it;
a refused template is never kept.
"""

from __future__ import annotations

import pytest

from briefing.deck import render_pptx, template
from briefing.deck.ooxml import sanitize
from briefing.deck.render import default_template
from briefing.diagnostics import BriefingError
from briefing.formats.load import open_document


@pytest.fixture
def fresh_process(monkeypatch):
    """Forget what this process opened, as a new process would."""
    monkeypatch.setattr(template, "_CHECKED", {})
    monkeypatch.setattr(template, "_OPENED", {})


def _deck(brief, path, cache, monkeypatch) -> bytes:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    template._CHECKED.clear()
    template._OPENED.clear()
    render_pptx(brief, None, path)
    return path.read_bytes()


def test_a_deck_from_the_kept_check_is_the_deck_checked_afresh(tmp_path, example_brief, monkeypatch, fresh_process):
    brief = open_document(example_brief).build()
    uncached = _deck(brief, tmp_path / "off.pptx", "off", monkeypatch)
    cache = tmp_path / "cache"
    assert _deck(brief, tmp_path / "first.pptx", cache, monkeypatch) == uncached
    assert len(list(cache.glob("template-*.marshal"))) == 1

    def unavailable(archive):
        raise AssertionError("the kept check was not used")

    monkeypatch.setattr(sanitize, "_sanitize", unavailable)  # a second start reads the check back
    assert _deck(brief, tmp_path / "second.pptx", cache, monkeypatch) == uncached


def test_a_refused_template_is_not_kept(tmp_path, monkeypatch, fresh_process):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    refused = tmp_path / "not-a-template.pptx"
    refused.write_bytes(b"PK\x03\x04 but no archive")
    for _ in range(2):
        with pytest.raises(BriefingError, match="template refused"):
            template.open_template(refused)
    assert not list((tmp_path / "cache").glob("template-*"))


def test_the_kept_check_is_named_by_the_code_that_checks(tmp_path, monkeypatch, fresh_process):
    """Changed checking code (a module file of the check rewritten) names another entry."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    template.read_template(default_template())
    assert len(list((tmp_path / "cache").glob("template-*"))) == 1
    before = template._check_code()
    checker = tmp_path / "sanitize.py"
    checker.write_text("# a changed sanitizer\n", encoding="utf-8")
    monkeypatch.setattr(sanitize, "__file__", str(checker))
    assert template._check_code() != before
    template._CHECKED.clear()
    template.read_template(default_template())
    assert len(list((tmp_path / "cache").glob("template-*"))) == 2
