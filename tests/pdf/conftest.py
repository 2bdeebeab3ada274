"""Fixtures for the PDF tests: the bundled example rendered once per run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_helpers import render_file

from briefing.results import ExportedFile


@dataclass(frozen=True)
class Rendered:
    path: Path
    result: ExportedFile


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory, example_brief) -> Rendered:
    path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    return Rendered(path, render_file(example_brief, path))


@pytest.fixture(scope="session")
def summary_pdf(tmp_path_factory, example_summary) -> Rendered:
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    return Rendered(path, render_file(example_summary, path))
