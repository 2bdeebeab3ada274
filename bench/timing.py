"""Timing helpers shared by the benchmarks: interleaved medians, and running a measured process."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def interleaved_medians(
    actions: Sequence[Callable[[], object]],
    runs: int,
    *,
    clock: Callable[[], float] = time.perf_counter,
    warm_up: bool = False,
) -> list[float]:
    """Median seconds of each action, run in turn each round, so a busy machine weighs on each alike.

    ``clock=time.process_time`` measures CPU time instead of wall time; ``warm_up``
    runs every action once first (font files, style sheets, library caches).
    """
    if warm_up:
        for action in actions:
            action()
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times):
            start = clock()
            action()
            spent.append(clock() - start)
    return [statistics.median(spent) for spent in times]


@dataclass(frozen=True)
class Finished:
    """A finished process: its output, wall time, CPU time and peak memory."""

    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float  # user + system, the process and the children it waited for
    peak_mib: float  # largest resident set of the process and the children it waited for


def child_environment(**extra: str) -> dict[str, str]:
    """The environment benchmarked commands run in: as a user's, so without
    PYTHONDONTWRITEBYTECODE (an installed package has its bytecode compiled;
    without it every start would compile Briefing's modules again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def run(argv: Sequence[str], *, cwd: str | None = None, **env: str) -> Finished:
    """Run ``argv`` to the end; raise RuntimeError (with its output) if it fails."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, env=child_environment(**env), cwd=cwd, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode}:\n{stdout}\n{stderr}")
    return Finished(stdout, stderr, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
