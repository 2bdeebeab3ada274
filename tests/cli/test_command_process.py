"""The export's collector: held while the command starts, Python's default once the export starts and after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "us-pakistan-reset.brief.yaml"

# Runs the real command in a fresh interpreter (the test process's own collector stays as it is) and
# records, at the moment the export starts and when the command is done, the collector's thresholds
# and callbacks.
_PROBE = """
import gc, sys
import briefing.batch.task as task
from briefing.batch.collector import FIRST_COLLECTION_AFTER
from briefing.cli import command

default = gc.get_threshold()
seen = []
real = task.export_alone
def export_alone(job):
    seen.append(gc.get_threshold())
    return real(job)
task.export_alone = export_alone
import briefing.batch.command as batch_command
batch_command.export_alone = export_alone

sys.argv = ["briefing", *sys.argv[1:]]
code = command()
print(code, seen == [default], gc.get_threshold() == default, gc.callbacks == [])
"""


def _probe(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_an_export_starts_with_the_collector_held_and_exports_with_the_default(tmp_path):
    assert _probe("export", str(EXAMPLE), "-q", "-f", "pdf", "-o", str(tmp_path)) == ["0", "True", "True", "True"]
    assert (tmp_path / "us-pakistan-reset.brief.pdf").is_file()


def test_other_subcommands_run_with_the_default_collector():
    assert _probe("validate", "-q", str(EXAMPLE))[2:] == ["True", "True"]


def test_hold_waits_for_many_containers_and_release_restores_the_default():
    probe = """
import gc
from briefing.batch import collector
default = gc.get_threshold()
collector.hold(); collector.hold()
held = gc.get_threshold()
collector.release(); collector.release()
print(held == (collector.FIRST_COLLECTION_AFTER, *default[1:]), gc.get_threshold() == default, gc.callbacks == [])
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split() == ["True", "True", "True"]


def test_release_freezes_the_start_and_later_garbage_is_still_collected():
    """What exists when the start is over is frozen (never scanned again); cycles made after are collected."""
    probe = """
import gc, weakref
from briefing.batch import collector
class Node:
    pass
kept = [Node() for _ in range(100)]
collector.hold()
collector.release()
frozen = gc.get_freeze_count()
def cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)
made = [cycle() for _ in range(1000)]
gc.collect()
print(frozen >= 100, all(ref() is None for ref in made), gc.get_freeze_count() == frozen)
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split() == ["True", "True", "True"]
