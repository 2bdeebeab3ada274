"""``briefing export PATH...``: export many summaries and briefs, in parallel, with nothing lost.

The command is planned completely before anything is written: inputs found,
output names checked for clashes, options checked; a problem there is a
usage error (exit 2). Then a pool of worker processes exports each input
(see ``pool``), one bad, hung or crashing file failing alone; a single
input is exported in this process instead (``inprocess``). The exit code
is 0 when every input was exported, 1 when any failed, 130 or 143 when
Ctrl-C or SIGTERM stopped the run. Every output is written atomically:
an interrupted run leaves whole files only.

The pieces: ``inputs`` (which files), ``shard`` (``--shard``), ``pool``
(processes), ``inprocess`` (one input, no worker), ``task`` (one file),
``report`` (records, counts, exit code, JSON), ``progress`` (what is printed).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.atomic import FileState, announcing_replaces, path_key
from briefing.batch import collector, inprocess, signalled
from briefing.batch.inputs import InputFile, UsageError, discover
from briefing.batch.outcome import End, Outcome
from briefing.batch.progress import Progress, progress_for
from briefing.batch.report import Report
from briefing.batch.task import ExportJob, discard_partial, export_alone, export_file, prepare, written_by
from briefing.diagnostics import BriefingError, Diagnostic, one_line
from briefing.exits import Exit
from briefing.export import PDF, PPTX, formats_for, output_path
from briefing.formats.load import peek_format, referenced_summary
from briefing.formats.userfiles import require_regular_file
from briefing.results import InputResult, Status

if TYPE_CHECKING:
    from briefing.batch.shard import Shard


@dataclass(frozen=True)
class Plan:
    """Everything a batch will do, checked before it starts."""

    jobs: tuple[ExportJob, ...]  # this shard's inputs, in order
    formats: tuple[str, ...]
    workers: int
    timeout: float
    shard: Shard | None
    found: int  # inputs before sharding
    report_path: str | None


def run_cli(args) -> int:
    try:
        plan = plan_batch(args)
    except UsageError as exc:
        for line in exc.lines:
            print(f"briefing export: {one_line(line)}", file=sys.stderr)
        return Exit.USAGE
    return run(plan, progress_for(quiet=args.quiet))


def plan_batch(args) -> Plan:
    """Check the command line and find the work; raise UsageError (before writing anything) if it cannot run."""
    workers = args.jobs if args.jobs is not None else _cpu_count()
    if workers < 1:
        raise UsageError(f"--jobs {args.jobs}: give at least 1 worker")
    if not args.timeout > 0:
        raise UsageError(f"--timeout {args.timeout:g}: give a time limit above 0 seconds")
    shard = None
    if args.shard is not None:
        from briefing.batch.shard import Shard  # only with --shard: not at every export's start

        shard = Shard.parse(args.shard)
    formats = formats_for(args.format)
    _check_options(args, formats)
    inputs = discover(args.paths)
    out_dir = Path(args.out) if args.out else None
    outputs = _plan_outputs(inputs, formats, out_dir)
    chosen = shard.select(inputs) if shard else inputs
    if args.report:
        _check_report_destination(args, inputs, outputs)
    jobs = tuple(
        ExportJob(
            source=item.name,
            outputs=outputs[item.name],
            template=args.template,
            style=args.style,
            include_notes=not args.no_notes,
            allow_outside_paths=getattr(args, "allow_outside_paths", False),
            layouts=getattr(args, "layouts", None),
        )
        for item in chosen
    )
    if out_dir is not None and jobs:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--out {out_dir}: cannot create the folder: {exc.strerror or exc}") from None
    return Plan(jobs, formats, min(workers, max(1, len(jobs))), args.timeout, shard, len(inputs), args.report)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1  # the cores this process may use (containers, taskset)
    except AttributeError:
        return os.cpu_count() or 1


def _check_options(args, formats: tuple[str, ...]) -> None:
    """Options that would fail every file fail once, here, instead."""
    if PPTX in formats and args.template:
        try:
            require_regular_file(args.template)  # a named pipe would block, a device never end
        except BriefingError as exc:
            raise UsageError(f"--template {exc.diagnostics[0]}") from None
        from briefing.deck.template import open_template  # python-pptx: only to check a template

        try:
            open_template(args.template)
        except BriefingError as exc:
            raise UsageError(*(f"--template: {d}" for d in exc.diagnostics)) from None
    if PPTX in formats and getattr(args, "layouts", None):
        from briefing.deck.render import check_layouts  # python-pptx: only to check a mapping

        try:
            check_layouts(args.template, args.layouts)
        except BriefingError as exc:
            raise UsageError(*(f"--layouts: {d}" for d in exc.diagnostics)) from None
    if PDF in formats and args.style:
        from briefing.pdf import load_style  # ReportLab: only when a style sheet is to be checked

        try:
            load_style(args.style)
        except BriefingError as exc:
            raise UsageError(*(f"--style: {d}" for d in exc.diagnostics)) from None
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        raise UsageError(f"--out {args.out}: is a file, not a folder")
    if args.report:
        report = Path(args.report)
        if report.is_dir():
            raise UsageError(f"--report {args.report}: is a folder; give a file name")
        if not report.parent.is_dir() and str(report.parent):
            raise UsageError(f"--report {args.report}: folder '{report.parent}' does not exist")
        if report.exists() and not report.is_file():
            # Written atomically, the report replaces what is at its path: a device (/dev/null, which
            # root may replace), a named pipe or /dev/stdout would become a file, not be written to.
            raise UsageError(f"--report {args.report}: is not a regular file (a device, a named pipe or a "
                             "terminal); the report would replace it with a file. Nothing was written; give a file name")


def _check_report_destination(args, inputs: list[InputFile], outputs: dict[str, tuple]) -> None:
    """The report may replace no file the run reads or writes: UsageError (one line) before anything is written.

    Compared as files on disk, not as names: through '..', symbolic links and hard links.
    """
    report = Path(args.report)
    report_ids = {_identity(report), os.path.normcase(os.path.realpath(report))}
    # Case-insensitive folders (macOS, Windows shares, casefolded ext4) make MINI.PDF and mini.pdf
    # one file, and the outputs do not exist yet for samefile to tell: names equal up to case are
    # refused on every system.
    report_ids |= {name.casefold() for name in report_ids}
    exists = report.exists()

    def refuse(what: str):
        return UsageError(f"--report {args.report}: is {what}; the report would replace it. Nothing was written; choose another file")

    def same(path: str | Path) -> bool:
        names = {_identity(Path(path)), os.path.normcase(os.path.realpath(path))}
        if names & report_ids or {name.casefold() for name in names} & report_ids:
            return True
        return exists and _samefile(report, path)

    for item in inputs:
        if same(item.path):
            raise refuse(f"the input {item.name}")
    for item in inputs:
        for fmt, target in outputs[item.name]:
            if same(target):
                raise refuse(f"the {fmt} export of {item.name}")
    for option, value in (("--template", args.template), ("--style", args.style)):
        if value and Path(value).exists() and same(value):
            raise refuse(f"the {option} file")
    if not exists:
        return  # a file that does not exist is no input's summary
    for item in inputs:
        summary = referenced_summary(item.path)
        if summary is not None and same(summary):
            raise refuse(f"the summary of the brief {item.name}")
    kind = peek_format(report)
    if kind is not None:
        raise refuse(f"a {kind} file")


def _samefile(a: Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _plan_outputs(inputs: list[InputFile], formats: tuple[str, ...], out_dir: Path | None) -> dict[str, tuple]:
    """Each input's (format, output path) pairs; UsageError if two inputs would write one file."""
    sources = {_identity(item.path): item for item in inputs}
    claimed: dict[str, InputFile] = {}
    planned: dict[str, tuple] = {}
    clashes = []
    for item in inputs:
        pairs = []
        for fmt in formats:
            target = output_path(item.path, fmt, out_dir)
            identity = _identity(target)
            if identity in sources:
                clashes.append(f"{item.name}: its {fmt} export would overwrite the input {sources[identity].name}")
            elif identity in claimed:
                clashes.append(f"{claimed[identity].name} and {item.name} would both write {target}")
            claimed.setdefault(identity, item)
            pairs.append((fmt, str(target)))
        planned[item.name] = tuple(pairs)
    if clashes:
        hint = "rename one of each pair" + (", or export without --out to write beside each input" if out_dir else "")
        raise UsageError(*clashes, f"nothing was written; {hint}")
    return planned


def _identity(path: Path) -> str:
    """One string per file on disk, however it is named (links, '..', case on Windows)."""
    return os.path.normcase(os.path.join(os.path.realpath(path.parent), path.name))


# -- running --------------------------------------------------------------------------------------


def run(plan: Plan, progress: Progress) -> int:
    report = Report.for_inputs([job.source for job in plan.jobs], str(plan.shard) if plan.shard else None)
    with _StopSignals() as stop:  # held until the report is written, so it is never cut short
        if plan.jobs:
            _export_all(plan, report, progress, stop)
        else:
            progress.say(f"shard {plan.shard}: none of the {plan.found} inputs fall in this shard")
        if report.interrupted_by is not None:
            name = signal.Signals(report.interrupted_by).name
            progress.problem(f"briefing: interrupted by {name}: {report.summary()}; every file written is whole")
        if plan.report_path:
            report.write(plan.report_path)
    return report.exit_code


def _export_all(plan: Plan, report: Report, progress: Progress, stop: _StopSignals) -> None:
    here = len(plan.jobs) == 1 and inprocess.available()
    progress.start(len(plan.jobs), plan.formats, 0 if here else plan.workers)
    started = time.monotonic()
    if here:
        ready = functools.partial(_prepare_then_export, plan.formats)
        replacing: list[tuple[str, FileState]] = []
        with announcing_replaces(lambda target, state: replacing.append((path_key(target), state))):
            outcome = inprocess.run_here(ready, plan.jobs[0], plan.timeout, stop.raising())
        record = _record(report, dataclasses.replace(outcome, replacing=tuple(replacing)))
        if record is not None:
            progress.file_done(record, report)
    else:
        from briefing.batch.pool import WorkerPool  # multiprocessing: only when there are workers

        first = plan.jobs[0]
        warm = functools.partial(_prepare_and_release, plan.formats, first.template, first.style)
        pool = WorkerPool(export_file, jobs=plan.workers, timeout=plan.timeout, prepare=warm)
        if pool.method != "fork":
            collector.release()  # spawned workers import the renderers; this process only waits for them
        with contextlib.closing(pool.run(plan.jobs, stop.requested)) as outcomes:
            for outcome in outcomes:
                record = _record(report, outcome)
                if record is not None:
                    progress.file_done(record, report)
    report.interrupted_by = stop.signal
    report.seconds = time.monotonic() - started
    progress.finish(report)


def _prepare_then_export(formats: tuple[str, ...], job: ExportJob) -> InputResult:
    _prepare_and_release(formats, job.template, job.style)
    return export_alone(job)


def _prepare_and_release(formats: tuple[str, ...], template: str | None, style: str | None) -> None:
    """``prepare``, then the collector as usual: the start (imports, the template) is over."""
    prepare(formats, template, style)
    collector.release()


def _record(report: Report, outcome: Outcome[ExportJob]) -> InputResult | None:
    """Put the outcome in the report; return the record to show, or None for an input the stop cut short."""
    job = outcome.task
    if outcome.end is End.DONE:
        return report.finished(job.source, outcome.result, outcome.seconds)
    discard_partial(job.outputs)  # a stopped worker may not have had time to remove its temporary files
    written = written_by(job, outcome.replacing)  # whole files (written atomically) it put in place before it was stopped
    if outcome.end is End.CANCELLED:
        if written:
            report.finished(job.source, InputResult(job.source, Status.CANCELLED, outputs=written), outcome.seconds)
        return None
    if outcome.end is End.TIMEOUT:
        message = f"export {outcome.detail} and was stopped (raise --timeout to allow more)"
    elif outcome.end is End.RAISED:
        message = f"export failed: internal error: {outcome.detail}"
    else:
        message = f"export failed: {outcome.detail}"
    failure = InputResult(job.source, Status.FAILED, outputs=written, errors=(Diagnostic(job.source, 0, 0, message),))
    return report.finished(job.source, failure, outcome.seconds)


class _StopSignals:
    """Turn Ctrl-C and SIGTERM into a stop request the pool checks, instead of an exception at any line."""

    def __init__(self):
        self.signal: int | None = None
        self._previous: dict[int, Any] = {}  # what signal.signal returned: a handler, or SIG_DFL/SIG_IGN/None
        self._again = signalled.Redelivery()

    def requested(self) -> bool:
        return self.signal is not None

    @contextlib.contextmanager
    def raising(self):
        """While exporting in this process, a stop request also interrupts the export
        (``inprocess.Stopped``), which has no pool to check the request between files; delivered
        again until it takes (``signalled``). An export that went on all the same (a library
        swallowed the stop, or made a failure of the file out of it) replaces no more files (the
        library may have taken a wrong path: ReportLab's bookmarks take their ``except:`` path
        for a new one) and, should it reach its end, is not taken as finished."""
        with self._again.armed(), announcing_replaces(self._refuse_once_delivered):
            if self.signal is not None:
                raise inprocess.Stopped()
            yield
            if self._again.started is not None:
                raise inprocess.Stopped()

    def _refuse_once_delivered(self, target: Path, state: FileState) -> None:
        if self._again.started is not None:
            raise inprocess.Stopped()

    def _catch(self, signum, frame) -> None:
        if self.signal is None:
            self.signal = signum
        if self._again.is_armed:  # every time: the last one may have been swallowed
            self._again.start(signum)
            raise signalled.from_signal(inprocess.Stopped(), signum)

    def __enter__(self) -> _StopSignals:
        for signum in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
            if signum is not None:
                self._previous[signum] = signal.signal(signum, self._catch)
        self._hook = signalled.quiet_when_swallowed()
        return self

    def __exit__(self, *exc) -> None:
        # signal.signal runs a pending handler first: a delivery on its way reaches _catch, which
        # only records it now, rather than Python's KeyboardInterrupt in the caller's code.
        sys.unraisablehook = self._hook
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
