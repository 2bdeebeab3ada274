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
    if task.startswith(("write-then-kill:", "write-then-hang:")):  # then killed at once, or by the time limit
        from briefing.atomic import write_bytes

        then, target = task.split(":", 1)
        write_bytes(target, b"a whole file")
        if then == "write-then-kill":  # right after its replace, before any other line
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(600)
    if task.startswith("lose-sigterm:"):  # SIGTERM lost at first (see ``lose``), then a long task
        kind, ran = task.removeprefix("lose-sigterm:").split(":", 1)
        lose(kind, signal.SIGTERM)
        return work_on(Path(ran))
    if task.startswith("lose-sigterm-then-write:"):  # SIGTERM swallowed, then a file written at once
        kind, target = task.removeprefix("lose-sigterm-then-write:").split(":", 1)
        lose(kind, signal.SIGTERM)
        from briefing.atomic import write_bytes

        write_bytes(target, b"written after a stop went astray")
        return "wrote"
    if task == "sigterm-made-a-failure":  # SIGTERM made the file's failure, right as the task ends
        lose("made-a-failure", signal.SIGTERM)
        return "failed: KeyError"
    if task == "annotated-sigterm":  # SIGTERM raised anew with a message, as ReportLab does
        from reportlab.lib.utils import annotateException

        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        except:  # noqa: E722 - as doctemplate.ActionFlowable.apply does
            annotateException("\nhandle_pageBegin args=()")
    if task.startswith("sleep"):
        time.sleep(float(task.removeprefix("sleep")))
    return task.upper()


prepared: list[int] = []  # pids of the processes that ran ``get_ready``


def get_ready() -> None:
    prepared.append(os.getpid())


def who_prepared(task: str) -> tuple[int, tuple[int, ...]]:
    """This worker's pid and the pids that prepared what it holds."""
    return os.getpid(), tuple(prepared)


LOST = ("finalizer", "bare-except", "made-a-failure")


def lose(kind: str, signum: int | None) -> None:
    """Run code that loses a signal's first delivery: it arrives (sent here, or a timer expiring)
    inside a finalizer, a bare ``except:``, or an ``except:`` that makes a failure of it (ReportLab's
    ``pdfdoc.PDFObjectReference.format`` raises KeyError, which the export reports for the file)."""

    def inside() -> None:
        if signum is not None:
            os.kill(os.getpid(), signum)  # its handler runs at the next line, in here
        until = time.monotonic() + 0.3
        while time.monotonic() < until:
            pass

    class Dying:
        def __del__(self):
            inside()

    if kind == "finalizer":
        Dying()
    elif kind == "bare-except":
        try:
            inside()
        except:  # noqa: E722 - as a library's bare except
            pass
    elif kind == "made-a-failure":
        try:
            try:
                inside()
            except:  # noqa: E722 - as the library does
                raise KeyError("forward reference to 'F1+0' not resolved upon final formatting") from None
        except Exception:  # noqa: BLE001 - as the export does: this format failed, the next goes on
            pass
    else:
        raise ValueError(kind)


def work_on(ran: Path) -> str:
    """The rest of an export, long: a signal that is delivered again ends it at once."""
    until = time.monotonic() + 30
    while time.monotonic() < until:
        pass
    ran.touch()
    return "ran to the end"
