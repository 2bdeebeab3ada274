"""An interrupted batch (Ctrl-C, SIGTERM) leaves whole files only and says what it finished."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from batch_helpers import exported, leftovers, start_briefing, wait_for, write_summary
from pptx import Presentation
from pypdf import PdfReader


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_leaves_only_whole_files(tmp_path, signum, code):
    folder = tmp_path / "in"
    for n in range(12):
        write_summary(folder / f"sitrep-{n:02}.yaml", f"Sitrep {n}", findings=6)
    run = start_briefing("export", "in", "-j", "2", "--report", "report.json", cwd=tmp_path)
    try:
        assert wait_for(lambda: exported(folder, "pdf") or run.poll() is not None)
        run.send_signal(signum)
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == code, err
    assert "Traceback" not in err
    assert f"interrupted by {signal.Signals(signum).name}" in err and "not finished" in err
    assert not leftovers(folder)
    for deck in exported(folder, "pptx"):
        assert len(Presentation(str(deck)).slides) > 1
    for pdf in exported(folder, "pdf"):
        assert len(PdfReader(str(pdf)).pages) >= 1
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] == signal.Signals(signum).name and report["exit_code"] == code
    assert report["counts"]["cancelled"] >= 1
    for record in report["files"]:
        if record["status"] == "ok":
            assert all((tmp_path / o["path"]).is_file() for o in record["outputs"])
    listed = {o["path"] for record in report["files"] for o in record["outputs"]}
    assert {str(f.relative_to(tmp_path)) for f in exported(folder, "pptx") + exported(folder, "pdf")} <= listed


@pytest.mark.parametrize("inputs", [1, 2], ids=["in-process", "worker"])
def test_a_file_written_before_the_stop_is_in_the_report(tmp_path, inputs):
    """Stopped between its deck and its PDF, an input is not finished, but its whole deck is listed;
    an input never started lists nothing, not even an older file already at its output."""
    folder = tmp_path / "in"
    big = write_summary(folder / "a-big.yaml", "Big", findings=800)  # its PDF takes seconds
    if inputs == 2:
        write_summary(folder / "b-later.yaml", "Later")
        (folder / "b-later.pptx").write_bytes(b"an earlier run's deck")
    run = start_briefing("export", "in", "-j", "1", "--report", "report.json", cwd=tmp_path)
    deck = big.with_suffix(".pptx")
    try:
        assert wait_for(lambda: deck.exists() or run.poll() is not None, timeout=120)
        run.send_signal(signal.SIGTERM)
        err = run.communicate(timeout=60)[1]
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 143 and deck.exists() and not big.with_suffix(".pdf").exists()
    assert "0 exported" in err and "not finished (1 of their files written whole)" in err
    assert len(Presentation(str(deck)).slides) > 800
    records = {r["path"]: r for r in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"]}
    first = records[str(Path("in") / "a-big.yaml")]
    assert first["status"] == "cancelled"
    assert first["outputs"] == [{"path": str(Path("in") / "a-big.pptx"), "format": "pptx", "pages": None}]
    if inputs == 2:
        assert records[str(Path("in") / "b-later.yaml")]["outputs"] == []
        assert (folder / "b-later.pptx").read_bytes() == b"an earlier run's deck"


def test_a_stopped_input_does_not_claim_the_file_its_output_path_links_to(tmp_path):
    """An output path may be a symbolic link to another input's output: that file replaced while
    this input ran is not this input's writing; the link replaced by this input's file is."""
    from briefing.atomic import write_bytes
    from briefing.batch.task import ExportJob, OutputsSeen

    (tmp_path / "a.pptx").write_bytes(b"an earlier run's deck")
    (tmp_path / "b.pptx").symlink_to("a.pptx")
    job = ExportJob("b.yaml", (("pptx", str(tmp_path / "b.pptx")),))
    seen = OutputsSeen()
    seen.starting(job)
    write_bytes(tmp_path / "a.pptx", b"the deck of a.yaml, exported meanwhile")
    assert seen.written(job) == ()
    write_bytes(tmp_path / "b.pptx", b"the deck of b.yaml")
    assert [o.path for o in seen.written(job)] == [tmp_path / "b.pptx"]
    assert not (tmp_path / "b.pptx").is_symlink()
