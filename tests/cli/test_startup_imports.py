"""A one-file export loads only what its format uses: the gain of a lean start cannot silently regress.

Each case runs the real command in a fresh interpreter (``briefing.cli.main``,
as ``python -m briefing`` runs it), exports the bundled example, checks the
file it wrote, and lists the modules the process ended up with. The cache of
derived data is filled by a first run, as a user's first export fills it: what
it holds (font metrics and coverage) needs no font library to read. A module named
here on the export path costs every one-file export its import time; an
import moved back to a module's top (or a subcommand imported eagerly) shows
up here as the module it dragged in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.resources import example_summary

# Never on any export: other subcommands, the importer, the app, the pure-Python
# validator (only an invalid file needs its explanations), the worker pool (one file
# is exported in the command's own process).
NEVER_ON_EXPORT = (
    "briefing.cli.schema", "briefing.cli.import_article", "briefing.cli.validate", "briefing.cli.template_info",
    "briefing.cli.gui", "briefing.importer", "briefing_gui", "PySide6", "shiboken6", "jsonschema",
    "multiprocessing", "briefing.batch.pool",
)
NOT_FOR = {
    "pptx": ("reportlab", "briefing.pdf", "fontTools", "uharfbuzz", "pikepdf"),
    # urllib.request (with http.client and ssl) came with xml.sax.saxutils; python-pptx imports
    # that module itself, so only the PDF can do without it.
    "pdf": ("pptx", "briefing.deck", "fontTools", "pikepdf", "urllib.request", "http.client", "ssl"),
}

_PROBE = """
import json, sys
from briefing.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(*args: str, cache: Path) -> tuple[int, set[str]]:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True, timeout=300, env=env)
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    return answer["code"], set(answer["modules"])


def _offenders(modules: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden packages among ``modules`` (a package counts with any of its submodules)."""
    return sorted({f for f in forbidden for m in modules if m == f or m.startswith(f + ".")})


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_a_one_file_export_imports_only_what_its_format_uses(fmt, tmp_path):
    export = ("export", str(example_summary()), "-q", "-f", fmt, "-o", str(tmp_path))
    assert _loaded(*export, cache=tmp_path / "cache")[0] == 0  # the first export fills the cache
    code, modules = _loaded(*export, cache=tmp_path / "cache")
    assert code == 0
    written = tmp_path / f"{example_summary().stem}.{fmt}"
    assert written.read_bytes()[:4] == (b"PK\x03\x04" if fmt == "pptx" else b"%PDF")
    assert _offenders(modules, NEVER_ON_EXPORT + NOT_FOR[fmt]) == []


def test_validate_imports_no_renderer_and_no_other_subcommand(tmp_path):
    code, modules = _loaded("validate", "-q", str(example_summary()), cache=tmp_path / "cache")
    assert code == 0
    renderers = ("pptx", "reportlab", "briefing.deck", "briefing.pdf", "fontTools", "pikepdf", "lxml")
    others = ("briefing.cli.export", "briefing.cli.schema", "briefing.cli.import_article", "briefing.batch", "briefing_gui")
    assert _offenders(modules, renderers + others) == []
