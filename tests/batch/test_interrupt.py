"""An interrupted batch (Ctrl-C, SIGTERM) leaves whole files only and says what it finished."""

from __future__ import annotations

import json
import signal

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
