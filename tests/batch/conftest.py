"""Fixtures for the batch tests: a folder of good and bad inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_helpers import write_summary


@pytest.fixture
def mixed_folder(tmp_path, example_summary, example_brief) -> Path:
    """good: the example summary and its brief, a small summary in a subfolder;
    bad: a YAML syntax error and a summary missing its headline;
    ignored by folder search: a text file and a YAML file that is not ours."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_summary, folder / example_summary.name)
    shutil.copy(example_brief, folder / example_brief.name)
    write_summary(folder / "desk" / "weekly.yaml", "Weekly")
    (folder / "broken.yaml").write_text("format: summary/1\nsource: [\n", encoding="utf-8")
    unfinished = write_summary(folder / "unfinished.yaml", "Unfinished")
    unfinished.write_text(unfinished.read_text(encoding="utf-8").replace("headline:", "headlin:"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a summary\n", encoding="utf-8")
    (folder / "config.yaml").write_text("name: something else\n", encoding="utf-8")
    return folder
