"""A plain (non-editable) install carries its data and works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stderr[-2000:]}")
    (found,) = out.glob("briefing-*.whl")
    return found


def test_the_wheel_carries_templates_assets_fonts_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefing/cli/__init__.py",
        "briefing/formats/load.py",
        "briefing/batch/pool.py",
        "briefing/deck/ooxml/parts.py",
        "briefing/deck/layout/flow.py",
        "briefing/session/session.py",
        "briefing_gui/__init__.py",
        "briefing/assets/us-pakistan-reset.yaml",
        "briefing/assets/us-pakistan-reset.brief.yaml",
        "briefing/assets/fonts/NotoSans-Regular.ttf",
        "briefing/assets/fonts/OFL.txt",
        "briefing/schema/summary.schema.json",
        "briefing/schema/brief.schema.json",
    ):
        assert required in names, required
    assert any(n.startswith("briefing/templates/") for n in names)
    top_level = {n.split("/")[0] for n in names if not n.endswith(".dist-info") and ".dist-info/" not in n}
    assert top_level == {"briefing", "briefing_gui"}, "nothing called gui or templates at the top level"


def test_the_installed_package_validates_its_example_from_elsewhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    code = (
        "import briefing, sys\n"
        "from briefing.resources import example_brief\n"
        "from briefing.cli import main\n"
        "assert briefing.__file__.startswith(sys.argv[1]), briefing.__file__\n"
        "sys.exit(main(['validate', str(example_brief())]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "all valid" in result.stdout
