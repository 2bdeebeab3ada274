"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


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
