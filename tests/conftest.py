"""Fixtures shared by every test: the bundled example, the seed article, and running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO.parent / "shared" / "seed"


@pytest.fixture(scope="session")
def example_summary() -> Path:
    from briefing.resources import example_summary

    return example_summary()


@pytest.fixture(scope="session")
def example_brief() -> Path:
    from briefing.resources import example_brief

    return example_brief()


@pytest.fixture(scope="session")
def seed_article() -> Path:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        if os.environ.get("CI"):  # CI checks out ../shared beside the clone: a missing seed is a setup error
            pytest.fail(f"the seed article is missing in CI: no *.txt in {SEED_DIR}")
        pytest.skip("the seed article (../shared/seed) is not present")
    return files[0]


def run_briefing(*args: str, cwd: Path | None = None, timeout: float = 600, wrapper: Sequence[str] = (),
                 **env) -> subprocess.CompletedProcess:
    """Run the real ``briefing`` command in a subprocess (``wrapper``: a command that runs it, e.g. ``setpriv ...``)."""
    environment = {**os.environ, **{k: str(v) for k, v in env.items()}}
    environment.pop("BRIEFING_DEBUG", None)
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "briefing", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def briefing_cli():
    return run_briefing
