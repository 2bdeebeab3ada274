"""``briefing export`` end to end: the real command on real folders, outputs read back."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from batch_helpers import LOCATED, exported, leftovers, write_summary
from pptx import Presentation
from pypdf import PdfReader


def test_a_folder_with_good_and_bad_files(briefing_cli, mixed_folder, tmp_path):
    report_path = tmp_path / "report.json"
    result = briefing_cli("export", "in", "--jobs", "2", "--report", str(report_path), cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # Every failure is a located one-line error naming the file as the user named it.
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    assert errors and all(LOCATED.match(line) for line in errors), result.stderr
    assert {LOCATED.match(line)["file"] for line in errors} == {"in/broken.yaml", "in/unfinished.yaml"}
    assert any("headline" in line for line in errors if line.startswith("in/unfinished.yaml"))

    # Summaries and briefs are found by their format key; a brief beside its summary is exported too.
    good = ["us-pakistan-reset", "us-pakistan-reset.brief", "desk/weekly"]
    for stem in good:
        deck, pdf = mixed_folder / f"{stem}.pptx", mixed_folder / f"{stem}.pdf"
        assert len(Presentation(str(deck)).slides) > 1
        assert len(PdfReader(str(pdf)).pages) >= 1
    assert len(exported(mixed_folder, "pptx")) == len(exported(mixed_folder, "pdf")) == len(good)
    assert not leftovers(mixed_folder)

    # Plain progress lines when the output is not a terminal, and a summary line.
    assert "3 exported, 2 failed" in result.stdout
    assert result.stdout.count("->") == 3

    report = json.loads(report_path.read_text(encoding="utf-8"))
    records = report["files"]
    assert [r["path"] for r in records] == sorted(r["path"] for r in records)
    assert {r["path"]: r["status"] for r in records} == {
        "in/broken.yaml": "failed",
        "in/desk/weekly.yaml": "ok",
        "in/unfinished.yaml": "failed",
        "in/us-pakistan-reset.brief.yaml": "ok",
        "in/us-pakistan-reset.yaml": "ok",
    }
    assert report["counts"] == {"total": 5, "ok": 3, "failed": 2, "cancelled": 0}
    assert report["exit_code"] == 1
    brief = next(r for r in records if r["path"] == "in/us-pakistan-reset.brief.yaml")
    assert brief["format"] == "brief/1" and brief["errors"] == []
    decks = [o for o in brief["outputs"] if o["format"] == "pptx"]
    assert decks[0]["path"] == "in/us-pakistan-reset.brief.pptx"
    assert decks[0]["pages"] == len(Presentation(str(tmp_path / decks[0]["path"])).slides)
    broken = next(r for r in records if r["path"] == "in/broken.yaml")
    assert broken["outputs"] == [] and broken["errors"][0]["line"] >= 1 and broken["seconds"] >= 0


def test_one_format_into_an_output_folder_exits_0(briefing_cli, tmp_path):
    write_summary(tmp_path / "a" / "one.yaml", "One")
    write_summary(tmp_path / "b" / "two.yaml", "Two")
    result = briefing_cli("export", "a", "b/two.yaml", "--format", "pdf", "--out", "out/pdfs", "-j", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(p.name for p in (tmp_path / "out" / "pdfs").iterdir()) == ["one.pdf", "two.pdf"]
    assert not exported(tmp_path / "a", "pptx") and not exported(tmp_path / "a", "pdf")


def test_quiet_prints_nothing_but_errors(briefing_cli, tmp_path):
    write_summary(tmp_path / "fine.yaml", "Fine")
    ok = briefing_cli("export", "fine.yaml", "--quiet", "--format", "pptx", cwd=tmp_path)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    (tmp_path / "bad.yaml").write_text("format: summary/1\nheadline: [\n", encoding="utf-8")
    bad = briefing_cli("export", "fine.yaml", "bad.yaml", "-q", "--format", "pptx", cwd=tmp_path)
    assert bad.returncode == 1 and bad.stdout == ""
    assert [LOCATED.match(line)["file"] for line in bad.stderr.splitlines()] == ["bad.yaml"]


def test_two_inputs_writing_one_name_is_a_usage_error_before_anything_is_written(briefing_cli, tmp_path):
    write_summary(tmp_path / "monday" / "notes.yaml", "Monday")
    write_summary(tmp_path / "tuesday" / "notes.yaml", "Tuesday")
    result = briefing_cli("export", "monday", "tuesday", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "monday/notes.yaml and tuesday/notes.yaml would both write out/notes.pptx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    # Beside their inputs the same two files do not clash.
    assert briefing_cli("export", "monday", "tuesday", "-f", "pptx", "-q", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--shard", "0/3"], "--shard '0/3'"),
        (["--shard", "4/3"], "--shard '4/3'"),
        (["--shard", "two"], "expected I/N"),
        (["--jobs", "0"], "--jobs 0"),
        (["--timeout", "0"], "--timeout 0"),
        (["--template", "missing.pptx"], "--template missing.pptx: no such file"),
        (["--style", "nope"], "--style: nope: no such PDF style"),
        (["--report", "nowhere/r.json"], "folder 'nowhere' does not exist"),
    ],
)
def test_bad_options_are_usage_errors(briefing_cli, tmp_path, args, message):
    write_summary(tmp_path / "one.yaml", "One")
    result = briefing_cli("export", "one.yaml", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not exported(tmp_path, "pptx")


def test_a_style_whose_text_font_is_missing_is_refused_before_anything_is_written(briefing_cli, tmp_path):
    # It failed every file instead (exit 1), each after its deck was written, the same line once per file.
    for name in ("one", "two"):
        write_summary(tmp_path / f"{name}.yaml", name.title())
    (tmp_path / "house.yaml").write_text(
        "parent: default\nfonts:\n  families:\n    sans:\n      regular: NoSuchFont-Regular.ttf\n", encoding="utf-8")
    result = briefing_cli("export", "one.yaml", "two.yaml", "-j", "2", "--style", "house.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "briefing export: --style: house.yaml:5:16: font family 'sans': font file not found (NoSuchFont-Regular.ttf); "
        "looked beside the style sheet, in Briefing's assets/fonts and in the system's font folders"]
    assert not exported(tmp_path, "pptx") and not exported(tmp_path, "pdf")


def test_a_report_path_that_is_not_a_regular_file_is_refused_and_left_as_it_is(briefing_cli, tmp_path):
    # The atomic writer replaced it with a file: as root, '--report /dev/null' replaced the device.
    write_summary(tmp_path / "one.yaml", "One")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "stdout").symlink_to(tmp_path / "pipe")  # as /dev/stdout names a pipe
    for name in ("pipe", "stdout"):
        result = briefing_cli("export", "one.yaml", "-f", "pptx", "--report", name, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"briefing export: --report {name}: is not a regular file")
        assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode) and (tmp_path / "stdout").is_symlink()
    assert not exported(tmp_path, "pptx")


def test_no_inputs_is_a_usage_error(briefing_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.yaml").write_text("title: not ours\n", encoding="utf-8")
    for args in (["empty"], ["missing.yaml"], ["nothing-*.yaml"]):
        result = briefing_cli("export", *args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr.startswith("briefing export: ") and "Traceback" not in result.stderr


def test_shards_partition_the_inputs(briefing_cli, tmp_path):
    for n in range(7):
        write_summary(tmp_path / "batch" / f"region-{n}" / f"sitrep-{n}.yaml", f"Region {n}", findings=1)
    shards = []
    for i in (1, 2, 3):
        report = tmp_path / f"shard-{i}.json"
        result = briefing_cli("export", "batch", "--shard", f"{i}/3", "-f", "pptx", "-j", "1", "--report", str(report), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        records = json.loads(report.read_text(encoding="utf-8"))
        assert records["shard"] == f"{i}/3"
        shards.append({r["path"] for r in records["files"]})
    everything = {f"batch/region-{n}/sitrep-{n}.yaml" for n in range(7)}
    assert set().union(*shards) == everything
    assert sum(len(s) for s in shards) == len(everything)  # pairwise disjoint
    assert len(exported(tmp_path / "batch", "pptx")) == 7

    # Stable: the same slice again, from another checkout location and another working folder.
    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(tmp_path / "batch", moved, ignore=shutil.ignore_patterns("*.pptx"))
    again = tmp_path / "again.json"
    result = briefing_cli("export", str(moved), "--shard", "2/3", "-f", "pptx", "--report", str(again), "-q")
    assert result.returncode == 0, result.stderr
    paths = {Path(r["path"]).relative_to(moved).as_posix() for r in json.loads(again.read_text(encoding="utf-8"))["files"]}
    assert paths == {p.removeprefix("batch/") for p in shards[1]}


def test_no_notes_leaves_the_analysts_notes_out(briefing_cli, tmp_path, example_summary, example_brief):
    for example in (example_summary, example_brief):
        shutil.copy(example, tmp_path / example.name)
    brief = example_brief.name
    for args, folder in (([], "with"), (["--no-notes"], "without")):
        result = briefing_cli("export", brief, "-f", "pdf", "-o", folder, "-q", *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    pdf = brief.replace(".yaml", ".pdf")
    with_notes, without = (" ".join(p.extract_text() for p in PdfReader(str(tmp_path / f / pdf)).pages) for f in ("with", "without"))
    note = "Treat recent"  # the start of the first selected finding's note in the example brief
    assert note in with_notes and note not in without
