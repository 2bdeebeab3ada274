"""Hostile input, generated (Hypothesis): the YAML loader, ``briefing validate``, the exporters and
``briefing import`` meet damaged and strange files and must answer with located problems only.

Every property here holds for any input: no exception other than ``BriefingError`` (the command
line: no traceback, no 'internal error', exit 0 or 1), every problem on one line and located in
the file it is about (``FILE:LINE:COL`` when it is about a place in it), no half-written output.

Derandomized with a small number of examples, so that CI runs the same few seconds of cases each
time; set ``BRIEFING_FUZZ_EXAMPLES`` to run more (and random ones) while hunting:
``BRIEFING_FUZZ_EXAMPLES=2000 pytest tests/hostile/test_fuzz_inputs.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import yaml
from hostile_corpus import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.diagnostics import BriefingError
from briefing.formats.load import check, open_document

SUMMARY_TEXT = (DATA / "valid" / "mini.yaml").read_text(encoding="utf-8")
BRIEF_TEXT = (DATA / "valid" / "mini.brief.yaml").read_text(encoding="utf-8")
SUMMARY = yaml.safe_load(SUMMARY_TEXT)
BRIEF = yaml.safe_load(BRIEF_TEXT)

_HUNTING = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int):
    """Settings for one property: ``examples`` fixed cases in CI, or as many random ones as asked."""
    return settings(
        max_examples=_HUNTING or examples, derandomize=not _HUNTING, database=None, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )


# -- what a damaged document is made of ---------------------------------------------------------

_WORDS = ["", " ", "0000-00", "2025-02-30", "9999-12-31", "0001-01", "2025", "-1", "f1", "f2", "usa", "pak", "security",
          "high", "moderate", "likely", "summary/1", "brief/1", "mini.yaml", "../mini.yaml", "/etc/passwd", "\u202e", "\x00",
          "a\nb", "x" * 400, "\u5831" * 90, "https://example.org/a", "javascript:alert(1)", "<b>bold</b>", "**md**", "NaN"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=20), st.sampled_from(_WORDS),
    st.dates(min_value=dt.date(1, 1, 1)), st.datetimes(),
)
_KEYS = st.one_of(st.text(max_size=8), st.sampled_from(["id", "title", "quote", "paragraph", "date", "actors", "finding", "note",
                                                        "priority", "key_judgment", "statement", "evidence", "summary"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
                       max_leaves=8)


def _places(data, at=()):
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*at, index))


@st.composite
def mutated(draw, base: dict) -> dict:
    """A document with 1-3 of its values replaced, removed or added (any YAML value, any type)."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _places(data) if p]
        if not places:
            break
        at = draw(st.sampled_from(places))
        parent = data
        for key in at[:-1]:
            parent = parent[key]
        change = draw(st.sampled_from(["set", "remove", "add"]))
        if change == "set":
            parent[at[-1]] = draw(_VALUES)
        elif change == "remove":
            del parent[at[-1]]
        elif isinstance(parent, list):
            parent.append(draw(_VALUES))
        else:
            parent[draw(_KEYS)] = draw(_VALUES)
    return data


_YAML_BITS = ["~", "null", "true", "no", "0x1F", "0o17", "1e400", "-.inf", ".nan", "2001-12-14 21:59:43.10 -5", "!!binary aGVsbG8=",
              "!!set {a, b}", "!!omap [a: 1]", "!!python/object:os.system x", "!!str 5", "!!int '5'", "!!float x", "!custom x",
              "&a x", "*a", "*nope", "<<: *a", "? complex", "|\n  block", ">-\n  folded", "'it''s'", '"\\u0000\\x07\\uD800"', "%YAML 1.1",
              "---", "...", "#c", "\t", "\ufeff", "\u2028", "\x85", "9" * 40, "{a: 1, a: 2}", "[[[[[]]]]]", "- - - x", "'", '"', "{", "["]


@st.composite
def damaged_text(draw, base: str) -> str:
    """The YAML text of a valid file with 1-6 lines inserted or edited with YAML's odder features."""
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        bit = draw(st.sampled_from(_YAML_BITS))
        indent = " " * draw(st.sampled_from([0, 1, 2, 4, 6]))
        change = draw(st.integers(0, 3))
        if change == 0 or at == len(lines):
            lines.insert(at, f"{indent}{draw(_KEYS)}: {bit}")
        elif change == 1:
            lines.insert(at, f"{indent}- {bit}")
        elif change == 2 and ":" in lines[at]:
            lines[at] = f"{lines[at].partition(':')[0]}: {bit}"
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + bit + lines[at][cut:]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n---\n"]))


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- the properties ---------------------------------------------------------------------------------

_LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (warning: )?\S")


def _assert_clean(diagnostics, *files: Path) -> None:
    names = {str(f) for f in files}
    for diagnostic in diagnostics:
        shown = str(diagnostic)
        assert "\n" not in shown and diagnostic.message, shown
        assert diagnostic.file in names, shown
        # Every problem in a file that exists and was read is about a place in it.
        assert _LOCATED.match(shown), shown


def _write_pair(folder: Path, summary_text: str, brief_text: str | None) -> Path:
    (folder / "mini.yaml").write_text(summary_text, encoding="utf-8", errors="surrogatepass")
    if brief_text is None:
        return folder / "mini.yaml"
    (folder / "mini.brief.yaml").write_text(brief_text, encoding="utf-8", errors="surrogatepass")
    return folder / "mini.brief.yaml"


@fuzz(60)
@given(st.one_of(mutated(SUMMARY).map(_dump), damaged_text(SUMMARY_TEXT)))
def test_the_loader_answers_any_damaged_summary_with_located_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = _write_pair(Path(folder), text, None)
        _assert_clean(check(path), path)
        try:
            open_document(path)
        except BriefingError as exc:
            _assert_clean(exc.diagnostics, path)


@fuzz(40)
@given(st.one_of(mutated(BRIEF).map(_dump), damaged_text(BRIEF_TEXT)))
def test_the_loader_answers_any_damaged_brief_with_located_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = _write_pair(Path(folder), SUMMARY_TEXT, text)
        _assert_clean(check(path), path, Path(folder) / "mini.yaml")


def _command(*arguments: str) -> tuple[int, str, str]:
    """``briefing ARGUMENTS`` in this process (its promise, one line and no traceback, is made by ``main``)."""
    from briefing.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


@fuzz(25)
@given(mutated(SUMMARY).map(_dump), st.one_of(st.none(), mutated(BRIEF).map(_dump)))
def test_validate_prints_one_located_line_per_problem(summary, brief):
    with tempfile.TemporaryDirectory() as folder:
        path = _write_pair(Path(folder), summary, brief)
        code, out, err = _command("validate", str(path))
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err, err
    for line in err.splitlines() + out.splitlines()[:-1]:
        assert _LOCATED.match(line), line


@fuzz(6)
@given(mutated(SUMMARY).map(_dump))
def test_an_export_of_a_damaged_summary_writes_whole_files_or_fails_located(text):
    """Of those the loader accepts, each export either writes a file that reads back, or fails with a
    located problem and leaves nothing (no half file, no temporary file)."""
    from pptx import Presentation
    from pypdf import PdfReader

    from briefing.export import export_document

    with tempfile.TemporaryDirectory() as folder:
        path = _write_pair(Path(folder), text, None)
        try:
            document = open_document(path)
        except BriefingError:
            return
        for fmt in ("pptx", "pdf"):
            out = Path(folder) / f"out.{fmt}"
            try:
                export_document(document, fmt, out)
            except BriefingError as exc:
                _assert_clean(exc.diagnostics, path)
                assert not out.exists()
            else:
                if fmt == "pptx":
                    assert len(Presentation(str(out)).slides) >= 1
                else:
                    assert len(PdfReader(str(out)).pages) >= 1
        assert not [p for p in Path(folder).iterdir() if p.name.endswith(".part")]


_ARTICLE_LINES = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "By Jane Doe", "By A. Writer and B. Other", "March 3, 2024", "Published: 2024-02-30", "Updated 31 April 2023",
        "On Tuesday, officials met.", "In 2019 the talks began, and on 5 June 0000 they ended.", "December 32, 2020", "Advertisement",
        "Share this article", "# Title", "<p>para</p>", "<title>\x00</title>", "<title>\u202e</title>", "<meta name='author' content='\u200b'>", "<article><h1>T</h1><p>x</p></article>", "<script>x</script>",
        "&amp; &#0; &#xD800; &#99999999;", "> quote", "* item", "```", "\u202e", "\x00", "\ufeff", "On 12/13/2024 and 31/12/2024",
        "year 10000", "Jan. 1, 1", "next March", "in the 1990s", "2024-13-01", "Monday, 5 May 2025 \u2014 LONDON \u2014", "w" * 3000,
    ]),
    st.from_regex(r"[A-Z][a-z]{2,9} \d{1,2}, \d{1,5}", fullmatch=True),
)


@fuzz(40)
@given(st.lists(_ARTICLE_LINES, max_size=16).map("\n".join), st.sampled_from([".txt", ".md", ".html", ""]),
       st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff"]), st.sampled_from([None, "2024-03-05", "2024", "0001-01-01"]))
def test_import_of_any_article_writes_a_draft_that_validates_or_says_why_not(text, suffix, start, date):
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / f"article{suffix}"
        article.write_bytes(start + text.encode("utf-8", "surrogatepass"))
        draft = Path(folder) / "draft.yaml"
        code, out, err = _command("import", str(article), "-o", str(draft), *(["--date", date] if date else []))
        assert code in (0, 1), err
        assert "internal error" not in err and "Traceback" not in err, err
        if code:
            assert err.startswith(f"{article}:") and len(err.splitlines()) == 1, err
            assert not draft.exists()
            return
        assert [str(d) for d in check(draft) if d.is_error] == []


_FIELD_TEXT = st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(
    ["---", "...", "# x", "a: b", "- x", "'", '"', "  lead", "trail  ", "a\r\nb", "\x85", "\u2028x", "\t", "\x00", "null", "~", "yes",
     "2025-01-01", "&a", "*a", "!!str", "%YAML", "{a", "[a", "a #b", "\ufeff", "\u200b", "\u202e", "x" * 2000, "\U0001f600"]))


@fuzz(20)
@given(st.lists(st.tuples(st.sampled_from(["title", "note"]), _FIELD_TEXT), max_size=3),
       st.lists(st.tuples(st.sampled_from(["title", "subtitle", "marking", "audience"]), _FIELD_TEXT), max_size=3))
def test_whatever_is_typed_into_the_app_the_saved_brief_opens_again(annotations, metadata):
    """The session's save (the app's) of any text typed into its fields validates and reads back."""
    import shutil

    from briefing.session import BriefSession
    from briefing.text import clean

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(DATA / "valid" / "mini.yaml", Path(folder) / "mini.yaml")
        session = BriefSession()
        session.open(Path(folder) / "mini.yaml")
        session.select(["f1"]).redo()
        for name, text in annotations:
            edit = session.annotate("f1", name, text)
            if edit is not None:
                edit.redo()
        for name, text in metadata:
            edit = session.set_metadata(name, text)
            if edit is not None:
                edit.redo()
        path = Path(folder) / "mini.brief.yaml"
        path.write_text(session.dump(path), encoding="utf-8")
        _assert_clean(check(path), path)
        assert [d for d in check(path) if d.is_error] == []
        saved, wanted = open_document(path).brief_file, session.to_brief_file(path)
        assert saved.findings[0].note == (clean(wanted.findings[0].note) if wanted.findings[0].note else None)
