"""An interrupted batch (Ctrl-C, SIGTERM) leaves whole files only and says what it finished."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
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


def _another_program_writes(path: Path, data: bytes) -> None:
    """Another process (another run, a user's copy) puts its own file at ``path``, atomically."""
    script = "import sys; from briefing.atomic import write_bytes; write_bytes(sys.argv[1], sys.argv[2].encode())"
    subprocess.run([sys.executable, "-c", script, str(path), data.decode()], check=True, timeout=60)


@pytest.mark.parametrize("inputs", [1, 2], ids=["in-process", "worker"])
def test_a_stop_during_the_second_format_lists_the_first_and_not_what_another_program_wrote(tmp_path, inputs):
    """Stopped during its PDF, after its deck, an input is not finished, but its whole deck is listed;
    the PDF path, which another program wrote meanwhile, is not this run's file. An input never
    started lists nothing, not even an older file already at its output."""
    folder = tmp_path / "in"
    big = write_summary(folder / "a-big.yaml", "Big", findings=800)  # its PDF takes seconds
    if inputs == 2:
        write_summary(folder / "b-later.yaml", "Later")
        (folder / "b-later.pptx").write_bytes(b"an earlier run's deck")
    run = start_briefing("export", "in", "-j", "1", "--report", "report.json", cwd=tmp_path)
    deck, pdf = big.with_suffix(".pptx"), big.with_suffix(".pdf")
    try:
        assert wait_for(lambda: deck.exists() or run.poll() is not None, timeout=120)
        _another_program_writes(pdf, b"another program's PDF")
        run.send_signal(signal.SIGTERM)
        err = run.communicate(timeout=60)[1]
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 143, err
    assert "0 exported" in err and "not finished (1 of their files written whole)" in err
    assert len(Presentation(str(deck)).slides) > 800
    assert pdf.read_bytes() == b"another program's PDF"
    records = {r["path"]: r for r in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"]}
    first = records[str(Path("in") / "a-big.yaml")]
    assert first["status"] == "cancelled"
    assert first["outputs"] == [{"path": str(Path("in") / "a-big.pptx"), "format": "pptx", "pages": None}]
    if inputs == 2:
        assert records[str(Path("in") / "b-later.yaml")]["outputs"] == []
        assert (folder / "b-later.pptx").read_bytes() == b"an earlier run's deck"
    assert not leftovers(folder)


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker through /proc (Linux)")
def test_a_worker_killed_with_sigkill_lists_what_it_wrote_and_not_what_another_program_did(tmp_path):
    """kill -9 on the worker after it replaced the deck: that input fails, its deck (whole, this
    run's) is listed, the PDF another program wrote at its path meanwhile is not; the batch goes on."""
    folder = tmp_path / "in"
    big = write_summary(folder / "a-big.yaml", "Big", findings=800)
    write_summary(folder / "b-later.yaml", "Later")
    run = start_briefing("export", "in", "-j", "1", "--report", "report.json", cwd=tmp_path)
    deck, pdf = big.with_suffix(".pptx"), big.with_suffix(".pdf")
    try:
        assert wait_for(lambda: deck.exists() or run.poll() is not None, timeout=120)
        _another_program_writes(pdf, b"another program's PDF")
        (worker,) = _children(run.pid)  # a-big's, rendering the PDF; b-later waits its turn
        os.kill(worker, signal.SIGKILL)
        err = run.communicate(timeout=60)[1]
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 1, err
    assert "Traceback" not in err
    problems = [line for line in err.splitlines() if line.strip()]
    assert problems == [f"{Path('in') / 'a-big.yaml'}: export failed: the export process was killed by SIGKILL (out of memory?)"]
    assert pdf.read_bytes() == b"another program's PDF"
    records = {r["path"]: r for r in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"]}
    first = records[str(Path("in") / "a-big.yaml")]
    assert first["status"] == "failed"
    assert first["outputs"] == [{"path": str(Path("in") / "a-big.pptx"), "format": "pptx", "pages": None}]
    assert records[str(Path("in") / "b-later.yaml")]["status"] == "ok"
    assert not leftovers(folder)


def test_a_stopped_input_claims_only_the_files_its_output_paths_hold_from_it(tmp_path):
    """An output path may be a symbolic link to another input's output: that file replaced while
    this input ran is not this input's writing; the link replaced by this input's file is, until
    another program replaces that file in turn."""
    from briefing.atomic import announcing_replaces, path_key, write_bytes
    from briefing.batch.task import ExportJob, written_by

    (tmp_path / "a.pptx").write_bytes(b"an earlier run's deck")
    (tmp_path / "b.pptx").symlink_to("a.pptx")
    (tmp_path / "b.pdf").write_bytes(b"an earlier run's PDF")
    job = ExportJob("b.yaml", (("pptx", str(tmp_path / "b.pptx")), ("pdf", str(tmp_path / "b.pdf"))))
    replacing: list = []
    with announcing_replaces(lambda target, state: replacing.append((path_key(target), state))):
        write_bytes(tmp_path / "a.pptx", b"the deck of a.yaml, exported meanwhile")
        assert written_by(job, ()) == ()
        write_bytes(tmp_path / "b.pptx", b"the deck of b.yaml")
        assert [o.path for o in written_by(job, tuple(replacing))] == [tmp_path / "b.pptx"]
        write_bytes(tmp_path / "b.pdf", b"the PDF of b.yaml")
    assert [o.format for o in written_by(job, tuple(replacing))] == ["pptx", "pdf"]
    assert not (tmp_path / "b.pptx").is_symlink()
    write_bytes(tmp_path / "b.pptx", b"another program's deck")
    assert [o.format for o in written_by(job, tuple(replacing))] == ["pdf"]
