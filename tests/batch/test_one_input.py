"""One input is exported in the command's own process, with the pool's time limit and stop handling."""

from __future__ import annotations

import json
import signal
import time

import pytest
from batch_helpers import LOCATED, leftovers, start_briefing, wait_for, write_summary
from pptx import Presentation
from pypdf import PdfReader

from briefing.batch import inprocess, pool
from briefing.batch.outcome import End
from briefing.cli import main


def test_one_input_is_exported_without_a_worker(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a single input must not start a worker pool")

    monkeypatch.setattr(pool, "WorkerPool", no_pool)
    source = write_summary(tmp_path / "one.yaml", "One", findings=3)
    code = main(["export", str(source), "-q", "--report", str(tmp_path / "report.json")])
    assert code == 0
    assert len(Presentation(str(tmp_path / "one.pptx")).slides) > 3
    assert "Finding 3 on One" in "".join(page.extract_text() for page in PdfReader(str(tmp_path / "one.pdf")).pages)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in report["files"]] == ["ok"]
    assert not leftovers(tmp_path)


def test_one_bad_input_fails_alone_with_a_located_error(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text("format: summary/1\nheadline: [\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "bad.yaml"), "-q"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err and all(LOCATED.match(line) for line in err)
    assert not list(tmp_path.glob("bad.p*"))


def _slow(task):
    time.sleep(5)
    return task


def _broken(task):
    raise ValueError(f"no good: {task}")


def _stopped(task):
    raise inprocess.Stopped()


def test_the_time_limit_holds_in_process():
    started = time.monotonic()
    outcome = inprocess.run_here(_slow, "t", timeout=0.2)
    assert outcome.end is End.TIMEOUT and "0.2 s" in outcome.detail
    assert time.monotonic() - started < 4
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is disarmed afterwards


@pytest.mark.parametrize("timeout", [float("inf"), 1e10])
def test_a_time_limit_beyond_the_timers_range_is_no_limit(timeout):
    # setitimer cannot hold it: 'briefing export ONE.yaml --timeout inf' failed the file (OverflowError)
    done = inprocess.run_here(str.upper, "t", timeout=timeout)
    assert (done.end, done.result) == (End.DONE, "T")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_bug_and_a_stop_are_reported_as_a_worker_would():
    raised = inprocess.run_here(_broken, "t", timeout=10)
    assert raised.end is End.RAISED and raised.detail == "ValueError: no good: t"
    assert inprocess.run_here(_stopped, "t", timeout=10).end is End.CANCELLED
    done = inprocess.run_here(str.upper, "t", timeout=10)
    assert (done.end, done.result) == (End.DONE, "T")


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopping_a_one_file_export_leaves_no_partial_file(tmp_path, signum, code):
    write_summary(tmp_path / "long.yaml", "Long", findings=1500)
    run = start_briefing("export", "long.yaml", "--report", "report.json", cwd=tmp_path)
    try:
        # The export is under way once the command has read its input and is rendering.
        assert wait_for(lambda: any(tmp_path.glob(".long.*.part")) or run.poll() is not None, step=0.005)
        run.send_signal(signum)
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert "Traceback" not in err
    if run.returncode == 0:  # the export won the race: it finished whole
        assert len(Presentation(str(tmp_path / "long.pptx")).slides) > 1500
    else:
        assert run.returncode == code, err
        assert f"interrupted by {signal.Signals(signum).name}" in err
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        assert report["counts"]["cancelled"] == 1
    assert not leftovers(tmp_path)


def test_the_command_says_where_it_exports(tmp_path, capsys):
    one = write_summary(tmp_path / "one.yaml", "One", findings=1)
    assert main(["export", str(one), "-f", "pptx", "-j", "4"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "exporting 1 file to pptx in this process"
    two = write_summary(tmp_path / "two.yaml", "Two", findings=1)
    assert main(["export", str(one), str(two), "-f", "pptx", "-j", "4"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "exporting 2 files to pptx with 2 workers"
