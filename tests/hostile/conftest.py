"""Fixtures for the robustness suite: the real ``briefing export`` run once over each half of the corpus."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_corpus import DATA, HOSTILE, Refused, all_refused, make_huge_file, run_briefing


@dataclass(frozen=True)
class BatchRun:
    """One ``briefing export`` run: its exit code and output, and its JSON report by input."""

    returncode: int
    stdout: str
    stderr: str
    records: dict[str, dict]
    cwd: Path
    out: Path


def export_batch(inputs: list[str], cwd: Path, out: Path, *options: str) -> BatchRun:
    report = out.parent / f"{out.name}-report.json"
    result = run_briefing("export", *inputs, "-o", str(out), "--report", str(report), "-j", "2", *options, cwd=cwd, timeout=300)
    records = {r["path"]: r for r in json.loads(report.read_text(encoding="utf-8"))["files"]} if report.exists() else {}
    return BatchRun(result.returncode, result.stdout, result.stderr, records, cwd, out)


@pytest.fixture(scope="session")
def huge_file(tmp_path_factory) -> Refused:
    return make_huge_file(tmp_path_factory.mktemp("huge"))


@pytest.fixture(scope="session")
def refused_export(tmp_path_factory, huge_file) -> BatchRun:
    """Every refused input in one ``briefing export``, named relative to ``tests/data`` as a user would."""
    names = [str(r.path.relative_to(DATA)) for r in all_refused()] + [str(huge_file.path)]
    return export_batch(names, DATA, tmp_path_factory.mktemp("refused") / "out")


@pytest.fixture(scope="session")
def literal_export(tmp_path_factory) -> BatchRun:
    """Every valid-but-hostile file, plus the small valid summary as the control, exported to both formats.

    The run works in a scratch folder: the payloads would write their marker files there.
    """
    work = tmp_path_factory.mktemp("literal")
    (work / "in").mkdir()
    for path in sorted(HOSTILE.glob("*.yaml")) + [DATA / "valid" / "mini.yaml"]:
        shutil.copy(path, work / "in" / path.name)
    return export_batch(["in"], work, work / "out")
