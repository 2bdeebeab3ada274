"""A stop (Ctrl-C, SIGTERM) while a batch plans its inputs still writes the report an interrupted run
promises, naming what it had not started, and does not wait for the search of a large folder to end.

The signal is sent at chosen points: the command runs in a child process in which one function of
the planning sends the signal to its own process on its N-th call, then goes on as usual.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

# argv: MODULE FUNCTION N SIGNAL briefing-arguments...; prints how often FUNCTION was called.
_DRIVER = """
import importlib, os, signal, sys
module_name, function_name, nth, signame, *arguments = sys.argv[1:]
module = importlib.import_module(module_name)
real, calls = getattr(module, function_name), []

def signalling(*args, **kwargs):
    calls.append(1)
    if len(calls) == int(nth):
        os.kill(os.getpid(), getattr(signal, signame))
    return real(*args, **kwargs)

setattr(module, function_name, signalling)
from briefing.cli import main
code = main(arguments)
print(f"calls: {len(calls)}", file=sys.stderr)
sys.exit(code)
"""

SUMMARIES = 60


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(SUMMARIES):  # found by their format key; never exported here
        (folder / f"s{n:03}.yaml").write_text(f"format: summary/1\nheadline: Summary {n}\n", encoding="utf-8")
    return folder


def _run(tmp_path: Path, where: str, nth: int, signum: signal.Signals, *arguments: str) -> subprocess.CompletedProcess:
    module, function = where.rsplit(".", 1)
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", _DRIVER, module, function, str(nth), signum.name, "export", *arguments],
        cwd=tmp_path, env=env, text=True, capture_output=True, timeout=120,
    )


def _report(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


def _calls(stderr: str) -> int:
    return int(stderr.rsplit("calls: ", 1)[1])


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_during_the_search_of_a_folder_ends_it_at_once_and_writes_the_report(tmp_path, signum):
    _folder(tmp_path)
    result = _run(tmp_path, "briefing.batch.inputs.peek_format", 5, signum, "in", "--report", "report.json")
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr
    assert f"briefing: interrupted by {signum.name} while looking for inputs" in result.stderr
    assert _calls(result.stderr) < 10  # the search ended at the next file, not after the other 55
    report = _report(tmp_path)
    assert report["interrupted"] == signum.name and report["exit_code"] == 128 + signum
    assert report["inputs_complete"] is False
    names = [record["path"] for record in report["files"]]
    assert names == [str(Path("in") / f"s{n:03}.yaml") for n in range(len(names))] and 4 <= len(names) <= 5
    assert {record["status"] for record in report["files"]} == {"cancelled"}
    assert not list((tmp_path / "in").glob("*.p*"))  # nothing exported


@pytest.mark.parametrize("where", ["briefing.cli.deferred.defer", "briefing.batch.command._check_options"])
def test_a_stop_before_the_search_writes_a_report_of_nothing_found(tmp_path, where):
    """At the command's start (before the batch's modules are imported) or while the options are checked."""
    _folder(tmp_path)
    result = _run(tmp_path, where, 1, signal.SIGTERM, "in", "--report", "report.json")
    assert result.returncode == 143, result.stderr
    assert "Traceback" not in result.stderr
    report = _report(tmp_path)
    assert report["interrupted"] == "SIGTERM" and report["inputs_complete"] is False and report["files"] == []


@pytest.mark.parametrize("where", ["briefing.batch.command._plan_outputs", "briefing.batch.command._check_report_destination"])
def test_a_stop_after_the_search_names_every_input_as_not_started(tmp_path, where):
    _folder(tmp_path)
    result = _run(tmp_path, where, 1, signal.SIGINT, "in", "-f", "pdf", "--report", "report.json")
    assert result.returncode == 130, result.stderr
    assert "briefing: interrupted by SIGINT before exporting" in result.stderr
    report = _report(tmp_path)
    assert report["inputs_complete"] is True
    assert report["counts"] == {"total": SUMMARIES, "ok": 0, "failed": 0, "cancelled": SUMMARIES}
    assert [record["path"] for record in report["files"]] == [str(Path("in") / f"s{n:03}.yaml") for n in range(SUMMARIES)]


def test_a_stop_after_the_search_of_a_shard_names_that_shards_inputs(tmp_path):
    _folder(tmp_path)
    whole = _run(tmp_path, "briefing.batch.command._plan_outputs", 1, signal.SIGINT, "in", "--report", "report.json")
    assert whole.returncode == 130, whole.stderr
    everything = [record["path"] for record in _report(tmp_path)["files"]]
    shards = []
    for index in (1, 2):
        result = _run(tmp_path, "briefing.batch.command._plan_outputs", 1, signal.SIGINT, "in", "--shard", f"{index}/2",
                      "--report", "report.json")
        assert result.returncode == 130, result.stderr
        report = _report(tmp_path)
        assert report["shard"] == f"{index}/2"
        shards.append([record["path"] for record in report["files"]])
    assert sorted(shards[0] + shards[1]) == everything and shards[0] and shards[1]


def test_a_stopped_search_does_not_let_the_report_replace_an_export_it_had_not_reached(tmp_path):
    """in/s059.pdf may be the PDF of in/s059.yaml, which the stopped search never reached: the
    report, which a whole run would have refused there, does not replace it."""
    _folder(tmp_path)
    earlier = tmp_path / "in" / "s059.pdf"
    earlier.write_bytes(b"an earlier run's PDF")
    result = _run(tmp_path, "briefing.batch.inputs.peek_format", 5, signal.SIGINT, "in", "--report", str(earlier))
    assert result.returncode == 130, result.stderr
    assert "--report" in result.stderr and "the stopped search had not reached" in result.stderr
    assert earlier.read_bytes() == b"an earlier run's PDF"


def test_a_stop_while_a_glob_is_expanded_writes_the_report(tmp_path):
    _folder(tmp_path)
    result = _run(tmp_path, "glob.iglob", 1, signal.SIGINT, "in/**/*.yaml", "--report", "report.json")
    assert result.returncode == 130, result.stderr
    assert _report(tmp_path)["inputs_complete"] is False


def test_ctrl_c_while_the_command_line_is_read_is_one_line(tmp_path):
    """Before 'briefing export' has its arguments there is no report to write: one line, exit 130,
    not the KeyboardInterrupt traceback it printed."""
    _folder(tmp_path)
    result = _run(tmp_path, "briefing.cli.build_parser", 1, signal.SIGINT, "in", "--report", "report.json")
    assert result.returncode == 130, result.stderr
    assert result.stderr.startswith("briefing: interrupted\n") and "Traceback" not in result.stderr, result.stderr


# As _DRIVER, through the process entry (``briefing.cli.command``, what the ``briefing`` script runs).
_ENTRY_DRIVER = _DRIVER.replace("from briefing.cli import main\ncode = main(arguments)",
                                "from briefing.cli import command\nsys.argv = ['briefing', *arguments]\ncode = command()")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_while_the_command_line_is_read_writes_the_report(tmp_path, signum):
    """Before ``briefing export`` takes the stop signals over (Python reads the command line and
    imports the batch, some 50-150 ms of every start): SIGTERM's default death wrote no report, nor
    did Ctrl-C (a KeyboardInterrupt, one line since the test above). The process entry records the
    stop, and the export takes it over. Found by the red team, signalling a starting export at
    random moments."""
    _folder(tmp_path)
    assert _ENTRY_DRIVER != _DRIVER
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-c", _ENTRY_DRIVER, "briefing.cli", "build_parser", "1", signum.name, "export", "in",
         "--report", "report.json"],
        cwd=tmp_path, env=env, text=True, capture_output=True, timeout=120,
    )
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr
    assert f"briefing: interrupted by {signum.name} while looking for inputs" in result.stderr
    report = _report(tmp_path)
    assert report["interrupted"] == signum.name and report["inputs_complete"] is False and report["files"] == []
