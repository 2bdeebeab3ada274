"""A one-file export loads only what its format uses: the gain of a lean start cannot silently regress.

Each case runs the real command in a fresh interpreter (``briefing.cli.main``,
as ``python -m briefing`` runs it), exports the bundled example, checks the
file it wrote, and lists the modules the process ended up with. The cache of
derived data is filled by a first run, as a user's first export fills it: what
it holds (font metrics and coverage) needs no font library to read. A module named
here on the export path costs every one-file export its import time; an
import moved back to a module's top (or a subcommand imported eagerly) shows
up here as the module it dragged in.

Modules the libraries import but a plain document never uses (pictures, URLs,
Arabic shaping: ``briefing.cli.deferred``) may sit in ``sys.modules`` as lazy
modules; a lazy module whose code has not run counts as not loaded, and a
document that does use one loads it and gets the same bytes as with it loaded
at the start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing.resources import example_summary

# Never on any export: other subcommands, the importer, the app, the pure-Python
# validator (only an invalid file needs its explanations), the worker pool (one file
# is exported in the command's own process).
NEVER_ON_EXPORT = (
    "briefing.cli.schema", "briefing.cli.import_article", "briefing.cli.validate", "briefing.cli.template_info",
    "briefing.cli.gui", "briefing.importer", "briefing_gui", "PySide6", "shiboken6", "jsonschema",
    "multiprocessing", "briefing.batch.pool",
    # Deferred (briefing.cli.deferred): imported by python-pptx and ReportLab, run by neither
    # for a document without pictures, links or Arabic text.
    "PIL.Image", "PIL.ImageFont", "urllib.request", "http.client", "ssl", "uharfbuzz", "pickle",
    "socket",
    # Imported where they are needed (a misspelt name, a font not bundled, right-to-left text,
    # --shard), not at the start.
    "difflib", "subprocess", "bidi", "briefing.pdf.bidi", "briefing.batch.shard",
)
NOT_FOR = {
    # logging: only to quiet fontTools when a font is decoded; traceback: only with BRIEFING_DEBUG;
    # glob: only for a pattern the shell left (ReportLab imports all three at its top).
    "pptx": ("reportlab", "briefing.pdf", "fontTools", "pikepdf", "logging", "traceback", "glob"),
    "pdf": ("pptx", "briefing.deck", "fontTools", "pikepdf", "reportlab.graphics"),
}

# Prints the modules whose code ran: a lazy module (importlib.util's) not touched yet has not.
_PROBE = """
import importlib.util, json, sys
from briefing.cli import main
code = main(sys.argv[1:])
ran = [name for name, module in sys.modules.items() if not isinstance(module, importlib.util._LazyModule)]
print(json.dumps({"code": code, "modules": sorted(ran)}))
"""


def _loaded(*args: str, cache: Path, first: str = "") -> tuple[int, set[str]]:
    """Run the command in a fresh interpreter (after the statement ``first``): its exit code and the modules that ran."""
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    probe = first + "\n" + _PROBE
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True, timeout=300, env=env)
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


def test_a_document_that_needs_a_deferred_module_loads_it_and_gets_the_same_pdf(tmp_path):
    """Arabic text is shaped with HarfBuzz: the deferred ``uharfbuzz`` runs when the PDF needs it,
    and the PDF is byte for byte the one written with ``uharfbuzz`` imported at the start."""
    document = yaml.safe_load(example_summary().read_text(encoding="utf-8"))
    document["headline"] = "\u0648\u0641\u062f \u0627\u0644\u0642\u0645\u0629 " + document["headline"]
    source = tmp_path / "arabic.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pdfs = {}
    for how, first in (("deferred", ""), ("eager", "import uharfbuzz, PIL.Image, urllib.request")):
        out = tmp_path / how
        code, modules = _loaded("export", str(source), "-q", "-f", "pdf", "-o", str(out), cache=tmp_path / "cache", first=first)
        assert code == 0
        assert "uharfbuzz._harfbuzz" in modules
        assert "bidi" in modules  # the levels of right-to-left text (python-bidi), imported on first use
        assert "briefing.pdf.bidi" in modules  # and the paragraph that sets it
        pdfs[how] = (out / "arabic.pdf").read_bytes()
    assert pdfs["deferred"][:4] == b"%PDF"
    assert pdfs["deferred"] == pdfs["eager"]


_FAILING_RENDER = """
import briefing.export

def failing(*args, **kwargs):
    raise RuntimeError("a bug in the renderer")

briefing.export.export_document = failing
"""


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error_is_one_line_and_its_traceback_shown_when_debugging(debug, tmp_path):
    """``traceback`` is imported only for ``BRIEFING_DEBUG``: the export still shows the trace then."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DEBUG"}
    env["BRIEFING_CACHE_DIR"] = str(tmp_path / "cache")
    if debug:
        env["BRIEFING_DEBUG"] = "1"
    argv = ["export", str(example_summary()), "-q", "-f", "pptx", "-o", str(tmp_path)]
    probe = _FAILING_RENDER + "\nimport sys\nfrom briefing.cli import main\nraise SystemExit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()  # the trace, when shown, is on the same line (its breaks escaped)
    message = "pptx export failed: internal error: RuntimeError: a bug in the renderer"
    if debug:
        assert f"{message}\\nTraceback (most recent call last):" in line and 'line 5, in failing' in line
    else:
        assert line.endswith(message)
    assert not list(tmp_path.glob("*.pptx"))
