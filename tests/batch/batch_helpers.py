"""Helpers for the batch tests: small inputs, and reading a run's results back."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

# One problem line: FILE:LINE:COL: message
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)$")


def write_summary(path: Path, title: str, findings: int = 2) -> Path:
    """A small valid summary/1 file."""
    data = {
        "format": "summary/1",
        "source": {"title": f"{title}: the source article", "publisher": "Test Desk", "published": "2025-06"},
        "headline": f"{title} holds for now",
        "bluf": f"The bottom line on {title}: the arrangement holds, but it rests on a few people.",
        "findings": [
            {
                "id": f"f{n}",
                "title": f"Finding {n} on {title} is a full-sentence claim.",
                "statement": f"Statement {n}: what the source says about {title}, in two plain sentences. It is short.",
                "evidence": [{"quote": f"Quote {n} from the article.", "paragraph": n}],
                "confidence": "moderate",
            }
            for n in range(1, findings + 1)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def exported(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.rglob(f"*.{suffix}"))


def leftovers(folder: Path) -> list[Path]:
    """Temporary files an atomic write would leave if it were cut short."""
    return sorted(p for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith("."))


def start_briefing(*args: str, cwd: Path) -> subprocess.Popen:
    """The real command, running in the background (to be interrupted)."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DEBUG"}
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", *args], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def wait_for(condition, timeout: float = 60.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
