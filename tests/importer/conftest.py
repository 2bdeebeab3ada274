"""Writing made-up articles for the importer tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write_article(tmp_path):
    """Write ``text`` (dedented lines joined) to a file in a fresh folder and return its path."""

    def write(text: str, name: str = "article.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
