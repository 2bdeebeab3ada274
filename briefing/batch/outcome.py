"""How one task of a batch ended, whether a worker process or the command itself ran it.

Kept apart from the pool so that a batch of one input, exported without
workers, does not import multiprocessing to describe its result.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from briefing.atomic import FileState

Task = TypeVar("Task")


class End(str, Enum):
    DONE = "done"  # the task returned a result
    TIMEOUT = "timeout"  # the task ran past the time limit and its worker was killed
    DIED = "died"  # the worker exited without answering (crash, out of memory, killed)
    RAISED = "raised"  # func raised instead of returning; the worker lives on
    CANCELLED = "cancelled"  # the run was stopped before the task finished


@dataclass(frozen=True)
class Outcome(Generic[Task]):
    """How one task of a run ended: its result, or how its worker stopped."""

    index: int
    task: Task
    end: End
    result: Any = None
    seconds: float = 0.0
    detail: str = ""  # how a worker ended, when it did not answer
    # (path_key, state) of each file the task was about to put in place, announced right before its
    # atomic replace (``briefing.atomic.announcing_replaces``): what a task stopped midway wrote.
    replacing: tuple[tuple[str, FileState], ...] = ()
