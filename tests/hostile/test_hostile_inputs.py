"""Hostile inputs beyond the corpus files: special files, briefs naming odd summaries, amplification,
huge numbers, line-break corners, look-alike ids, debris-only articles and names that forge output lines.

Every case runs the real command with a time limit (a hang fails the test) and
holds it to the promise: one ``FILE[:LINE:COL]: message`` line per problem, a
non-zero exit, no traceback, no internal error.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hostile_corpus import DATA, LOCATED, WHOLE_FILE, run_briefing

from briefing.diagnostics import BriefingError
from briefing.formats.userfiles import read_bounded

MINI = DATA / "valid" / "mini.yaml"
LIMIT = 60  # seconds: far above any of these runs; reaching it means the command hung


def run(*args: str, cwd: Path):
    result = run_briefing(*args, cwd=cwd, timeout=LIMIT)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    return result


def problems(result) -> list[str]:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for line in lines:
        assert LOCATED.match(line) or WHOLE_FILE.match(line) or line.startswith("briefing export: "), line
    return lines


@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    return tmp_path


def mini_with(**changes) -> str:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# -- special files: only regular files are read --------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@needs_fifo
@pytest.mark.parametrize(
    "args, words",
    [
        (("validate", "pipe.yaml"), "pipe.yaml: is a named pipe (FIFO), not a regular file"),
        (("export", "pipe.yaml", "-f", "pdf"), "pipe.yaml: is a named pipe (FIFO), not a regular file"),
        (("validate", "mini.yaml", "--source", "pipe.txt"), "pipe.txt: is a named pipe (FIFO), not a regular file"),
        (("import", "pipe.txt"), "pipe.txt: is a named pipe (FIFO), not a regular file"),
        (("export", "mini.yaml", "-f", "pptx", "--template", "pipe.pptx"), "--template pipe.pptx: is a named pipe (FIFO)"),
        (("export", "mini.yaml", "-f", "pdf", "--style", "pipe.yaml"), "--style: pipe.yaml: is a named pipe (FIFO)"),
        (("validate", "fifo.brief.yaml"), "fifo.brief.yaml:2:10: summary file 'pipe.yaml' is a named pipe (FIFO)"),
    ],
    ids=["validate", "export", "source", "import", "template", "style", "brief-summary"],
)
def test_a_named_pipe_anywhere_a_path_is_taken_is_refused_without_blocking(work, args, words):
    for name in ("pipe.yaml", "pipe.txt", "pipe.pptx"):
        os.mkfifo(work / name)  # nothing ever writes to them: reading one would block forever
    (work / "fifo.brief.yaml").write_text("format: brief/1\nsummary: pipe.yaml\ntitle: A brief\n", encoding="utf-8")
    result = run(*args, cwd=work)
    assert result.returncode in (1, 2)
    assert any(words in line for line in problems(result)), result.stderr


@needs_fifo
def test_folder_discovery_skips_named_pipes_and_devices_unopened(work):
    os.mkfifo(work / "pipe.yaml")
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", work / "zero.yaml")
    result = run("export", ".", "-f", "pdf", cwd=work)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in work.glob("*.pdf")) == ["mini.pdf"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_not_read(work, device):
    result = run("validate", device, cwd=work)
    assert result.returncode == 1
    assert problems(result) == [f"{device}: is a device, not a regular file; only regular files are read"]
    result = run("import", device, "-o", "draft.yaml", cwd=work)
    assert result.returncode == 1 and "is a device" in result.stderr
    assert not (work / "draft.yaml").exists()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc")
def test_a_proc_file_that_says_it_is_empty_is_bounded_by_the_bytes_read():
    assert os.stat("/proc/self/maps").st_size == 0  # the size check alone would let anything through
    with pytest.raises(BriefingError, match="too large"):
        read_bounded("/proc/self/maps", 16)
    assert read_bounded("/proc/self/status", 1 << 20).startswith(b"Name:")


# -- a brief's summary: no loops, the path rule, nothing quoted from files that are not ours ----------


BRIEF = "format: brief/1\nsummary: {}\ntitle: A brief\n"


@pytest.mark.parametrize(
    "files, words",
    [
        ({"self.brief.yaml": "self.brief.yaml"}, "summary 'self.brief.yaml' is this brief itself"),
        ({"self.brief.yaml": "b.brief.yaml", "b.brief.yaml": "self.brief.yaml"}, "'b.brief.yaml' is a brief/1 file, not a summary"),
        ({"self.brief.yaml": "./self.brief.yaml"}, "is this brief itself"),
    ],
    ids=["itself", "two-brief-loop", "itself-via-dot"],
)
def test_a_brief_naming_itself_or_a_loop_is_a_located_error(work, files, words):
    for name, target in files.items():
        (work / name).write_text(BRIEF.format(target), encoding="utf-8")
    result = run("validate", "-q", "self.brief.yaml", cwd=work)
    assert result.returncode == 1
    (line,) = problems(result)
    assert line.startswith("self.brief.yaml:2:10: ") and words in line, line


@pytest.mark.parametrize(
    "reference, words",
    [
        ("/etc/passwd", "summary path '/etc/passwd' is absolute"),
        ("../outside/mini.yaml", "summary path '../outside/mini.yaml' leaves the brief's folder"),
        ("link/mini.yaml", "summary path 'link/mini.yaml' leaves the brief's folder"),
    ],
    ids=["absolute", "dot-dot", "symlink-out"],
)
def test_a_summary_outside_the_briefs_folder_needs_the_flag(tmp_path, reference, words):
    (tmp_path / "outside").mkdir()
    shutil.copy(MINI, tmp_path / "outside" / "mini.yaml")
    work = tmp_path / "briefs"
    work.mkdir()
    os.symlink(tmp_path / "outside", work / "link")
    (work / "x.brief.yaml").write_text(BRIEF.format(reference), encoding="utf-8")
    result = run("validate", "-q", "x.brief.yaml", cwd=work)
    assert result.returncode == 1
    assert problems(result) == [f"x.brief.yaml:2:10: {words}; keep the summary beside or under the brief "
                                "(or run with --allow-outside-paths)"] or words in result.stderr
    allowed = run("validate", "-q", "--allow-outside-paths", "x.brief.yaml", cwd=work)
    if reference != "/etc/passwd":
        assert allowed.returncode == 0, allowed.stderr


def test_a_file_that_is_not_ours_is_never_quoted(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\ntoken: hunter2-SECRET\n", encoding="utf-8")
    (tmp_path / "x.brief.yaml").write_text(BRIEF.format("secret.txt"), encoding="utf-8")
    for args in (("validate", "x.brief.yaml"), ("validate", "secret.txt"), ("export", "x.brief.yaml", "-f", "pdf")):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 1
        assert "root:x" not in result.stderr and "hunter2" not in result.stderr, result.stderr
    assert "x.brief.yaml:2:10: 'secret.txt' is not a summary/1 file" in run("validate", "x.brief.yaml", cwd=tmp_path).stderr


# -- amplification, huge numbers ---------------------------------------------------------------------


def test_one_long_text_aliased_hundreds_of_times_is_refused_by_its_expanded_size(work):
    long = "x" * 1_000_000
    findings = "".join(f"  - {{id: f{i}, title: *t, statement: S}}\n" for i in range(300))
    (work / "amp.yaml").write_text(f"format: summary/1\nsource:\n  title: &t {long}\nheadline: H\nbluf: B\nfindings:\n{findings}",
                                   encoding="utf-8")
    for args in (("validate", "amp.yaml"), ("export", "amp.yaml", "-f", "pptx")):
        result = run(*args, cwd=work)
        assert result.returncode == 1
        (line,) = problems(result)
        assert re.match(r"amp\.yaml:\d+:\d+: document expands to more than 16,777,216 characters of text through aliases", line)
    assert not (work / "amp.pptx").exists()


def test_a_five_thousand_digit_number_anywhere_is_text_or_a_located_error(work):
    digits = "7" * 5000
    text = MINI.read_text(encoding="utf-8")
    (work / "in-text.yaml").write_text(text.replace("A one-line headline", digits, 1) + f"extra: {digits}\n", encoding="utf-8")
    (work / "in-number.yaml").write_text(re.sub(r"paragraph: \d+", f"paragraph: {digits}", text, count=1), encoding="utf-8")
    assert "A one-line headline" in text and "paragraph: " in text
    ok = run("validate", "in-text.yaml", cwd=work)
    assert ok.returncode == 0, ok.stderr  # a headline of digits is text; the unknown field is a warning
    assert "unknown field 'extra'" in ok.stdout
    bad = run("validate", "-q", "in-number.yaml", cwd=work)
    assert bad.returncode == 1
    (line,) = problems(bad)
    assert re.match(r"in-number\.yaml:\d+:\d+: 'paragraph' must be a whole number, not the text '7{39}\u2026'$", line), line


# -- line breaks: YAML 1.2's, counted the way YAML counts them ----------------------------------------


def test_cr_only_line_endings_locate_errors_on_their_line(work):
    (work / "cr.yaml").write_bytes(b"format: summary/1\rsource:\r  title: T\rheadline: \"a\x07b\"\rbluf: B\r")
    result = run("validate", "cr.yaml", cwd=work)
    assert problems(result) == ["cr.yaml:4:13: control character U+0007 is not allowed in YAML; remove it"]


def test_nel_and_unicode_separators_are_text_not_line_breaks(work):
    headline = "Line\u2028separator, paragraph\u2029separator and next\u0085line stay in one headline"
    text = MINI.read_text(encoding="utf-8")
    assert "headline: A one-line headline" in text
    # Written raw in a plain scalar (a YAML 1.1 writer would break the line there).
    (work / "seps.yaml").write_text(text.replace("headline: A one-line headline", f"headline: {headline}"), encoding="utf-8")
    result = run("validate", "-q", "seps.yaml", cwd=work)
    assert result.returncode == 0, result.stderr
    from briefing.formats.load import open_document

    assert open_document(work / "seps.yaml").summary.headline == headline


# -- look-alike ids, invisible titles ---------------------------------------------------------------------


def test_ids_that_differ_only_by_normalisation_or_invisible_characters_are_duplicates(work):
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    first = data["findings"][0]
    data["findings"] = [dict(first, id="caf\u00e9"), dict(first, id="cafe\u0301"), dict(first, id="f1"),
                        dict(first, id="f\u200b1"), dict(first, id="\u200b\u2060")]
    (work / "ids.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run("validate", "-q", "ids.yaml", cwd=work)
    lines = problems(result)
    assert any("duplicate finding id 'cafe\u0301'" in x and "differs only in Unicode form" in x for x in lines), lines
    assert any("duplicate finding id 'f\\u200b1'" in x for x in lines), lines  # the invisible character shown
    assert any("finding id '\\u200b\\u2060' has no visible characters" in x for x in lines), lines


def test_a_title_of_only_invisible_characters_is_empty(work):
    (work / "zw.yaml").write_text(mini_with(headline="\u200b\u200d\ufeff"), encoding="utf-8")
    result = run("validate", "-q", "zw.yaml", cwd=work)
    (line,) = problems(result)
    assert re.match(r"zw\.yaml:\d+:\d+: 'headline' must not be empty \(it holds only invisible characters\)$", line)


@pytest.mark.parametrize("invisible", ["\u00ad", "\u3164", "\ufe0f\ufe0f", "\U000e0041", "\u061c", "\u034f"],
                         ids=["soft-hyphen", "hangul-filler", "variation-selectors", "tag", "arabic-letter-mark", "grapheme-joiner"])
def test_a_title_of_characters_the_pdf_does_not_draw_is_empty(work, invisible):
    """Validation and the PDF agree on what shows nothing: a headline of only a soft hyphen, a Hangul
    filler, variation selectors or tags was valid, and the PDF drew an empty headline and an empty
    finding title (its fonts draw none of them). Found by the red team."""
    (work / "zw.yaml").write_text(mini_with(headline=invisible), encoding="utf-8")
    result = run("validate", "-q", "zw.yaml", cwd=work)
    (line,) = problems(result)
    assert re.match(r"zw\.yaml:\d+:\d+: 'headline' must not be empty \(it holds only invisible characters\)$", line)


def test_what_the_pdf_leaves_out_is_what_validation_calls_invisible():
    import json

    from briefing.pdf.fontset import _INVISIBLE
    from briefing.resources import data_path
    from briefing.text import TEXT_PATTERN, has_visible_text

    assert not [hex(ord(c)) for c in _INVISIBLE | {"\u00ad", "\u200c", "\u200d"} if has_visible_text(f"{c} {c}")]
    for name in ("summary", "brief"):
        schema = json.loads(data_path("schema", f"{name}.schema.json").read_text(encoding="utf-8"))
        patterns = set()

        def walk(node):
            if isinstance(node, dict):
                if node.get("minLength") == 1 and str(node.get("pattern", "")).startswith("[^"):
                    patterns.add(node["pattern"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(schema)
        assert patterns == {TEXT_PATTERN}, name  # the schemas' text that must show something


# -- articles ---------------------------------------------------------------------------------------------


def test_an_article_of_nothing_but_debris_is_an_error_not_an_empty_draft(work):
    (work / "debris.txt").write_text("Share this:\nFacebook Twitter\n***\nAlso read: elsewhere\nAdvertisement\nPhoto: Reuters\n",
                                     encoding="utf-8")
    result = run("import", "debris.txt", cwd=work)
    assert result.returncode == 1
    (line,) = problems(result)
    assert line.startswith("debris.txt: has no article text left: all 6 lines are page furniture")
    assert not (work / "debris.yaml").exists()


# -- one line per message, whatever the names hold --------------------------------------------------------


def test_names_with_newlines_escapes_and_bidi_overrides_cannot_forge_lines(work):
    forged = "x\n3 files: 3 exported, 0 failed in 0.1 s\n\x1b[2Jevil\u202etxt.yaml"
    folder = work / "in"
    folder.mkdir()
    shutil.copy(MINI, folder / forged)
    (folder / f"bad{forged}").write_text("format: summary/1\nheadline: [\n", encoding="utf-8")
    for args in (("export", "in", "-f", "pdf"), ("validate", f"in/bad{forged}")):
        result = run(*args, cwd=work)
        output = result.stdout + result.stderr
        assert "\x1b" not in output and "\u202e" not in output
        assert "\\x1b[2J" in output and "\\u202e" in output and "\\n3 files" in output
        assert not any(line.startswith("3 files: 3 exported") for line in output.splitlines())
    assert (folder / "x\n3 files: 3 exported, 0 failed in 0.1 s\n\x1b[2Jevil\u202etxt.pdf").is_file()
