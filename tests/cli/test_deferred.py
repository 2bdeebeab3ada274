"""``briefing.cli.deferred``: modules and patterns a library sets up at its top, made when first used, with the same answers."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import subprocess
import sys

import pytest

from briefing.cli import deferred


def test_deferring_leaves_missing_modules_to_fail_where_they_did(monkeypatch):
    """A module that is not installed is not deferred: no lazy module stands in for it."""
    monkeypatch.delitem(sys.modules, "briefing_no_such_module", raising=False)
    deferred.defer(("briefing_no_such_module", "briefing_no_such_package.module"))
    assert "briefing_no_such_module" not in sys.modules
    with pytest.raises(ImportError):
        importlib.import_module("briefing_no_such_module")


_LAZY_PROBE = """
import sys
from briefing.cli import deferred
deferred.defer(("briefing_probe_lazy",))
import briefing_probe_lazy  # what a library's own import statement does: finds it, runs nothing
print(hasattr(sys, "briefing_probe_ran"), deferred.executed("briefing_probe_lazy"))
print(briefing_probe_lazy.VALUE)
print(hasattr(sys, "briefing_probe_ran"), deferred.executed("briefing_probe_lazy"))
"""


def test_a_deferred_module_runs_on_first_use_and_an_import_statement_does_not_run_it(tmp_path):
    """In a fresh interpreter, as in the command (here PySide6's import hook, loaded by the app's
    tests, looks into every module imported)."""
    (tmp_path / "briefing_probe_lazy.py").write_text("import sys\nsys.briefing_probe_ran = True\nVALUE = 42\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run([sys.executable, "-c", _LAZY_PROBE], capture_output=True, text=True, env=env, check=True, timeout=60)
    assert done.stdout.split("\n")[:3] == ["False False", "42", "True True"]


_PATTERNS = """
import re
WORDS = re.compile(r"(\\w+)@(\\w+)", re.I)
SPLIT = re.compile(r"[,;]+").split
"""


def test_patterns_compiled_on_use_answer_as_compiled_ones(tmp_path, monkeypatch):
    """Patterns compiled at the top of a named module are compiled on first use, answer as
    ``re.compile``'s do, and ``re.compile`` is itself again afterwards."""
    (tmp_path / "briefing_probe_patterns.py").write_text(_PATTERNS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "briefing_probe_patterns", raising=False)
    compile_before = re.compile
    with deferred.patterns_compiled_on_use(("briefing_probe_patterns",)):
        probe = importlib.import_module("briefing_probe_patterns")
        assert isinstance(re.compile("a"), re.Pattern)  # other callers still get compiled patterns
    assert re.compile is compile_before
    assert not isinstance(probe.WORDS, re.Pattern)
    words = re.compile(r"(\w+)@(\w+)", re.I)
    for text in ("Ann@Example", "no at sign", "x@y and z@w"):
        assert probe.WORDS.findall(text) == words.findall(text)
        assert bool(probe.WORDS.match(text)) == bool(words.match(text))
    assert probe.WORDS.pattern == words.pattern and probe.WORDS.flags == words.flags
    assert probe.SPLIT("a,b;;c") == ["a", "b", "c"]


def test_reportlab_splits_a_long_url_as_with_its_pattern_compiled_at_import():
    """The pattern this is for: ReportLab's URL splitting gives the same pieces."""
    paragraph = importlib.import_module("reportlab.platypus.paragraph")
    pattern = deferred._CompiledOnUse(re.compile, paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
    for uri in ("https://example.com/a/b/c", "ftp://user@host.example.org/x/", "not a uri", "C:\\dir\\file"):
        eager = paragraph.uri_pat.match(uri)
        lazy = pattern.match(uri)
        assert (eager and eager.groups()) == (lazy and lazy.groups())


def test_pyyaml_finds_unprintable_characters_as_with_its_pattern_compiled_at_import():
    """The pure-Python reader's check (Briefing reads with libyaml): the same characters found."""
    reader = importlib.import_module("yaml.reader").Reader
    pattern = deferred._CompiledOnUse(re.compile, reader.NON_PRINTABLE.pattern, reader.NON_PRINTABLE.flags)
    for text in ("plain text", "bell \x07 here", "\ufffe", "emoji \U0001f600 ok", "nul \x00"):
        eager, lazy = reader.NON_PRINTABLE.search(text), pattern.search(text)
        assert (eager and eager.span()) == (lazy and lazy.span())


def test_a_deferred_module_is_loaded_by_the_standard_lazy_module_as_itself(tmp_path, monkeypatch):
    """From Python 3.13 (CPython gh-114763) the standard lazy module loads only a module whose class
    is exactly its own; given our subclass it handed each attribute back to ``getattr`` until
    RecursionError (an Arabic PDF failed; a template's picture was taken as unreadable, its colours
    unknown). The standard code is held to that condition here, on every Python."""
    name = "briefing_deferred_probe"
    (tmp_path / f"{name}.py").write_text("VALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    standard = importlib.util._LazyModule
    load = standard.__getattribute__

    def as_itself(module, attr):
        if object.__getattribute__(module, "__class__") is not standard:
            raise AssertionError(f"the standard lazy module's code ran for a {type(module).__name__}")
        return load(module, attr)

    monkeypatch.setattr(standard, "__getattribute__", as_itself)
    try:
        deferred.defer((name,))
        # The import system reads __spec__ only (an import statement might not: PySide6, imported
        # by other tests, puts a hook in front of it that reads __name__).
        probe = importlib.import_module(name)
        assert not deferred.executed(name)
        assert probe.VALUE == 42
        assert deferred.executed(name)
    finally:
        sys.modules.pop(name, None)


_WINDOW_PROBE = """
import re, sys
standard = re.compile
from briefing.batch import collector  # imports nothing of the export's libraries
release = collector.release
seen = []

def watching(*args, **kwargs):
    seen.append(re.compile is standard)
    return export_document(*args, **kwargs)

def released():  # the renderers are imported now (the batch prepares them first): watch the rendering
    global export_document
    import briefing.export
    export_document = briefing.export.export_document
    briefing.export.export_document = watching
    release()

collector.release = released
from briefing.cli import main
code = main(sys.argv[1:])
print(code, seen, re.compile is standard, type(sys.modules["yaml.reader"].Reader.NON_PRINTABLE).__name__)
"""


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_re_compile_is_the_standard_one_while_the_export_renders(fmt, tmp_path):
    """The patterns of ``SELDOM_MATCHING`` are compiled on use, but ``re.compile`` is replaced
    only while those modules' tops run: every pattern the export itself compiles (python-pptx's,
    ReportLab's, ours) goes to the standard function, without a look at its caller."""
    from briefing.resources import example_summary

    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["export", str(example_summary()), "-q", "-f", fmt, "-o", str(tmp_path)]
    done = subprocess.run([sys.executable, "-c", _WINDOW_PROBE, *argv], capture_output=True, text=True, env=env, check=True, timeout=300)
    assert done.stdout.split() == ["0", "[True]", "True", "_CompiledOnUse"]
    assert (tmp_path / f"{example_summary().stem}.{fmt}").stat().st_size > 0


def test_patterns_on_use_leave_the_module_its_own_loader(tmp_path, monkeypatch):
    """The import hook runs the module's code only: the module keeps its loader (its source for
    tracebacks, its package data), and a module imported by it compiles as usual."""
    (tmp_path / "briefing_probe_inner.py").write_text("import re\nINNER = re.compile('b+')\n", encoding="utf-8")
    (tmp_path / "briefing_probe_outer.py").write_text("import re\nimport briefing_probe_inner\nOUTER = re.compile('a+')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("briefing_probe_inner", "briefing_probe_outer"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    meta_path = list(sys.meta_path)
    with deferred.patterns_compiled_on_use(("briefing_probe_outer",)):
        outer = importlib.import_module("briefing_probe_outer")
    assert sys.meta_path == meta_path
    assert isinstance(outer.briefing_probe_inner.INNER, re.Pattern)
    assert not isinstance(outer.OUTER, re.Pattern) and outer.OUTER.fullmatch("aaa")
    assert outer.__loader__ is outer.__spec__.loader
    assert "OUTER = re.compile" in outer.__loader__.get_source("briefing_probe_outer")


# Uses each module of SELDOM_MATCHING for what its patterns are for, and prints the answers.
_EXERCISE = """
import contextlib, importlib, io, json, sys
from briefing.cli import deferred

hook = deferred.patterns_compiled_on_use() if sys.argv[1] == "deferred" else contextlib.nullcontext()
with hook:
    for name in deferred.SELDOM_MATCHING + ("yaml", "platformdirs"):
        importlib.import_module(name)
import _markupbase, email.utils, html.parser, logging, platform, platformdirs.unix, textwrap, yaml
import reportlab.lib.colors, reportlab.pdfbase.pdfdoc, reportlab.pdfgen.canvas

def patterns(module):
    found = {}
    for name, value in vars(module).items():
        members = [(f"{name}.{k}", v) for k, v in vars(value).items()] if isinstance(value, type) else []
        for attr, item in [(name, value), *members]:
            if isinstance(item, deferred._CompiledOnUse) or type(item).__name__ == "Pattern":
                found[attr] = [str(item.pattern), item.flags, type(item).__name__]
    return found

before = {name: patterns(sys.modules[name]) for name in deferred.SELDOM_MATCHING}

class Events(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.events = []
    def handle_starttag(self, tag, attrs): self.events.append(["start", tag, attrs])
    def handle_endtag(self, tag): self.events.append(["end", tag])
    def handle_data(self, data): self.events.append(["data", data])
    def handle_comment(self, data): self.events.append(["comment", data])
    def handle_decl(self, decl): self.events.append(["decl", decl])
    def unknown_decl(self, data): self.events.append(["unknown", data])
    def handle_entityref(self, name): self.events.append(["entity", name])

parser = Events()
parser.feed("<!DOCTYPE html><p class='x' id=y>a &amp; b &#65; <!-- c --><![CDATA[d]]></p><br/>")
parser.close()
record = logging.LogRecord("n", logging.INFO, "f", 1, "hello %s", ("world",), None)
home = sys.argv[2]
with open(home + "/.config/user-dirs.dirs", "w") as f:
    f.write('XDG_DOCUMENTS_DIR="$HOME/My \\\\"Docs\\\\""\\r\\nXDG_MUSIC_DIR=$HOME/Tunes\\n')
pdf = reportlab.pdfgen.canvas.Canvas(io.BytesIO())
pdf.drawAlignedString(100, 100, "(12)")
answers = {
    "textwrap": [textwrap.fill("Wrap these words. Then more of them. " * 4, 30, fix_sentence_endings=True), textwrap.dedent("  a\\n   b\\n")],
    "email": [email.utils.formataddr(("Doe, Jane", "jd@example.org")), email.utils.decode_params([("text/plain", ""), ("title*0*", "us-ascii'en'A"), ("title*1", "B")])],
    "html": parser.events,
    "platform": [platform._comparable_version("3.11.7rc1") if hasattr(platform, "_comparable_version") else None, platform.python_implementation(), list(platform.python_version_tuple())],
    "logging": [logging.Formatter("%(levelname)-8s %(message)s").format(record), logging.Formatter("{message}", style="{").format(record)],
    "yaml": [str(v) for v in yaml.safe_load("a: 2025-03-14\\nb: 2025-03-14 10:20:30.5\\nc: text").values()],
    "platformdirs": [platformdirs.unix.Unix().user_documents_dir, platformdirs.unix.Unix().user_music_dir],
    "reportlab": [reportlab.lib.colors.toColor("rgb(10, 20, 30)").rgb(), reportlab.lib.colors.toColor("hsl(120, 50%, 50%)").rgb(),
                  reportlab.pdfbase.pdfdoc._isbalanced("(a(b)c)"), reportlab.pdfbase.pdfdoc._isbalanced("(a")],
}
print(json.dumps({"before": before, "answers": answers}, default=repr))
"""


def test_every_seldom_matching_module_answers_as_with_its_patterns_compiled_at_import(tmp_path):
    """Each module of ``SELDOM_MATCHING`` imported under the hook has the same patterns (expression and
    flags, at the same names) as imported plainly, and its functions that match give the same answers."""
    (tmp_path / ".config").mkdir()
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("XDG_CONFIG_HOME", None)
    runs = {}
    for how in ("deferred", "eager"):
        done = subprocess.run([sys.executable, "-c", _EXERCISE, how, str(tmp_path)], capture_output=True, text=True, env=env, check=True, timeout=120)
        runs[how] = json.loads(done.stdout)
    deferred_patterns, eager_patterns = runs["deferred"]["before"], runs["eager"]["before"]
    for name in deferred.SELDOM_MATCHING:
        assert deferred_patterns[name], f"{name}: no top-level pattern found"
        assert {k: v[:2] for k, v in deferred_patterns[name].items()} == {k: v[:2] for k, v in eager_patterns[name].items()}, name
        kinds = {v[2] for v in deferred_patterns[name].values()}
        assert "_CompiledOnUse" in kinds, f"{name}: imported before the hook, nothing deferred"
        assert {v[2] for v in eager_patterns[name].values()} == {"Pattern"}
    assert runs["deferred"]["answers"] == runs["eager"]["answers"]
    assert runs["eager"]["answers"]["platformdirs"][0].endswith('My "Docs"')
