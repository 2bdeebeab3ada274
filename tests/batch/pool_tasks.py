"""Tasks for the worker pool tests; importable by the spawned workers."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def behave(task: str) -> str:
    if task == "hang":
        time.sleep(600)
    if task == "crash":
        os._exit(7)
    if task == "raise":
        raise RuntimeError("a bug")
    if task.startswith("term:"):  # the stop reaches this worker too: says so (the file), then SIGTERM
        Path(task.removeprefix("term:")).touch()
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)
    if task.startswith("mark:"):  # says it has started (the file), then works a little
        Path(task.removeprefix("mark:")).touch()
        time.sleep(0.3)
    if task.startswith("write-then-kill:"):  # killed right after its replace, before any other line
        from briefing.atomic import write_bytes

        write_bytes(task.removeprefix("write-then-kill:"), b"a whole file")
        os.kill(os.getpid(), signal.SIGKILL)
    if task.startswith("sleep"):
        time.sleep(float(task.removeprefix("sleep")))
    return task.upper()


prepared: list[int] = []  # pids of the processes that ran ``get_ready``


def get_ready() -> None:
    prepared.append(os.getpid())


def who_prepared(task: str) -> tuple[int, tuple[int, ...]]:
    """This worker's pid and the pids that prepared what it holds."""
    return os.getpid(), tuple(prepared)
