"""What a batch prints while it runs.

* On a terminal: a progress bar on stderr (files done, failures, rate, time left).
* Otherwise (a log, CI): one plain line per finished file on stdout.
* ``--quiet``: nothing but errors.

Problems always go to stderr, one ``FILE:LINE:COL: message`` line each
(warnings too, unless quiet), written so they never tear the bar.
"""

from __future__ import annotations

import sys
from typing import TextIO

from briefing.batch.report import Report
from briefing.diagnostics import one_line
from briefing.results import InputResult, Status


class Progress:
    """Plain lines: for logs and pipes."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None, *, quiet: bool = False):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.quiet = quiet

    def start(self, total: int, formats: tuple[str, ...], workers: int) -> None:
        """``workers``: worker processes; 0 when the files are exported in this process."""
        noun = "file" if total == 1 else "files"
        where = f"with {workers} worker{'s' if workers != 1 else ''}" if workers else "in this process"
        self.say(f"exporting {total} {noun} to {', '.join(formats)} {where}")

    def file_done(self, record: InputResult, report: Report) -> None:
        for problem in record.errors + (() if self.quiet else record.warnings):
            self.problem(str(problem))
        self.advance(record, report)

    def advance(self, record: InputResult, report: Report) -> None:
        if record.status is Status.OK:
            written = ", ".join(str(o.path) for o in record.outputs)
            self.say(f"[{report.done}/{report.total}] {record.path} -> {written}")
        else:
            self.say(f"[{report.done}/{report.total}] {record.path}: failed")

    def finish(self, report: Report) -> None:
        self.say(report.summary())

    def say(self, line: str) -> None:
        if not self.quiet:
            print(one_line(line), file=self.out, flush=True)  # names come from the inputs: one line each

    def problem(self, line: str) -> None:
        print(one_line(line), file=self.err, flush=True)


class BarProgress(Progress):
    """A tqdm bar on the terminal; problems printed above it."""

    def start(self, total: int, formats: tuple[str, ...], workers: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="file", file=self.err, dynamic_ncols=True, desc="exporting")
        self.bar.set_postfix(failed=0)

    def advance(self, record: InputResult, report: Report) -> None:
        self.bar.set_postfix(failed=report.count(Status.FAILED), refresh=False)
        self.bar.update(1)

    def finish(self, report: Report) -> None:
        self.bar.close()
        self.say(report.summary())

    def problem(self, line: str) -> None:
        from tqdm import tqdm

        tqdm.write(one_line(line), file=self.err)  # clears the bar, prints, draws it again


def progress_for(*, quiet: bool) -> Progress:
    if not quiet and sys.stderr.isatty():
        return BarProgress(quiet=quiet)
    return Progress(quiet=quiet)
