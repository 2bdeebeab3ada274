"""Fixtures for the deck tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.formats.load import open_document


@pytest.fixture(scope="session")
def example_deck(tmp_path_factory, example_brief) -> Path:
    from briefing.deck import render_pptx

    path = tmp_path_factory.mktemp("deck") / "example.pptx"
    render_pptx(open_document(example_brief).build(), None, path)
    return path
