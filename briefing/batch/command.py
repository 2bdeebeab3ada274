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
import fnmatch
import functools
import os
import signal
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.atomic import FileState, announcing_replaces, path_key
from briefing.batch import collector, inprocess
from briefing.batch.inputs import InputFile, SearchStopped, UsageError, discover, is_pattern
from briefing.batch.outcome import End, Outcome
from briefing.batch.progress import Progress, progress_for
from briefing.batch.report import Report
from briefing.batch.stopsignals import StopSignals
from briefing.batch.task import ExportJob, discard_partial, export_alone, export_file, prepare, written_by
from briefing.diagnostics import BriefingError, Diagnostic, one_line
from briefing.exits import Exit
from briefing.export import PDF, PPTX, formats_for, output_path
from briefing.formats.load import peek_format, referenced_summary
from briefing.formats.userfiles import look_up, require_regular_file
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


class PlanningStopped(Exception):
    """A stop request (Ctrl-C, SIGTERM) came while the batch was planned: nothing was exported.

    ``found``: the inputs found until then; ``searched``: whether the search for them had ended
    (else ``found`` may lack some)."""

    def __init__(self, found: list[InputFile], searched: bool, formats: tuple[str, ...], shard: Shard | None):
        self.found, self.searched, self.formats, self.shard = found, searched, formats, shard
        super().__init__(f"stopped while planning, {len(found)} inputs found")


def run_cli(args, stop: StopSignals) -> int:
    """``briefing export`` with ``stop`` held (Ctrl-C and SIGTERM recorded from the command's start)."""
    progress = progress_for(quiet=args.quiet)
    try:
        plan = plan_batch(args, stop.requested)
    except UsageError as exc:
        _print_usage_error(exc)
        return Exit.USAGE
    except PlanningStopped as cut:
        return _stopped_while_planning(args, cut, stop, progress)
    return run(plan, progress, stop)


def _print_usage_error(exc: UsageError) -> None:
    for line in exc.lines:
        print(f"briefing export: {one_line(line)}", file=sys.stderr)


def plan_batch(args, stopped: Callable[[], bool] = lambda: False) -> Plan:
    """Check the command line and find the work; raise UsageError (before writing anything) if it cannot run.

    ``stopped`` is asked between the steps and between the files of the search; once it says
    yes, planning ends with PlanningStopped."""
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

    def checkpoint(found: list[InputFile], searched: bool) -> None:
        if stopped():
            raise PlanningStopped(found, searched, formats, shard)

    _check_options(args, formats)
    checkpoint([], False)
    try:
        inputs = discover(args.paths, stopped)
    except SearchStopped as cut:
        raise PlanningStopped(cut.found, False, formats, shard) from None
    checkpoint(inputs, True)
    out_dir = Path(args.out) if args.out else None
    outputs = _plan_outputs(inputs, formats, out_dir)
    chosen = shard.select(inputs) if shard else inputs
    if args.report:
        _check_report_destination(args, inputs, outputs, formats)
    checkpoint(inputs, True)
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
    if args.out and os.path.exists(args.out) and not os.path.isdir(args.out):  # (never raise; mkdir says why it fails)
        raise UsageError(f"--out {args.out}: is a file, not a folder")
    _check_report_file(args)


def _check_report_file(args) -> None:
    """``--report`` names a file that may be written: UsageError if not."""
    if args.report:
        report = Path(args.report)
        try:
            found = look_up(report)
        except OSError as exc:  # a name too long, a loop of links
            raise UsageError(f"--report {args.report}: {exc.strerror or exc}") from None
        if found is not None and stat.S_ISDIR(found.st_mode):
            raise UsageError(f"--report {args.report}: is a folder; give a file name")
        if not os.path.isdir(report.parent) and str(report.parent):
            raise UsageError(f"--report {args.report}: folder '{report.parent}' does not exist")
        if found is not None and not stat.S_ISREG(found.st_mode):
            # Written atomically, the report replaces what is at its path: a device (/dev/null, which
            # root may replace), a named pipe or /dev/stdout would become a file, not be written to.
            raise UsageError(f"--report {args.report}: is not a regular file (a device, a named pipe or a "
                             "terminal); the report would replace it with a file. Nothing was written; give a file name")


def _check_report_destination(args, inputs: list[InputFile], outputs: dict[str, tuple], formats: tuple[str, ...],
                              searched: bool = True) -> None:
    """The report may replace no file the run reads or writes: UsageError (one line) before anything is written.

    Compared as files on disk, not as names: through '..', symbolic links and hard links.
    ``searched`` false: ``inputs`` are those a stopped search had found, and the report may
    not replace a file the rest of the search could have found or an export of one.
    """
    report = Path(args.report)
    report_ids = {_identity(report), os.path.normcase(os.path.realpath(report))}
    # Case-insensitive folders (macOS, Windows shares, casefolded ext4) make MINI.PDF and mini.pdf
    # one file, and the outputs do not exist yet for samefile to tell: names equal up to case are
    # refused on every system.
    report_ids |= {name.casefold() for name in report_ids}
    exists = os.path.exists(report)

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
        if value and os.path.exists(value) and same(value):
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
    if searched:
        return
    # The inputs not found yet are summaries and briefs (peek_format above), files named (already
    # found: the arguments are searched in order) or files a glob matches; their outputs are
    # decks and PDF briefs. A pattern's '*' matches '/' in fnmatch: a wider match, refusing more.
    for argument in args.paths:
        if is_pattern(argument) and fnmatch.fnmatchcase(os.path.abspath(report), os.path.abspath(argument)):
            raise refuse(f"matched by {argument}, whose search was stopped")
    if report.suffix.lower() in {f".{fmt}" for fmt in formats}:
        raise refuse("perhaps the export of an input the stopped search had not reached")


def _samefile(a: Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _plan_outputs(inputs: list[InputFile], formats: tuple[str, ...], out_dir: Path | None,
                  clashes_allowed: bool = False) -> dict[str, tuple]:
    """Each input's (format, output path) pairs; UsageError if two inputs would write one file
    (unless ``clashes_allowed``: for a run that will export nothing)."""
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
    if clashes and not clashes_allowed:
        hint = "rename one of each pair" + (", or export without --out to write beside each input" if out_dir else "")
        raise UsageError(*clashes, f"nothing was written; {hint}")
    return planned


def _identity(path: Path) -> str:
    """One string per file on disk, however it is named (links, '..', case on Windows)."""
    return os.path.normcase(os.path.join(os.path.realpath(path.parent), path.name))


# -- running --------------------------------------------------------------------------------------


def run(plan: Plan, progress: Progress, stop: StopSignals) -> int:
    """Export the plan; ``stop`` is held until the report is written, so it is never cut short."""
    report = Report.for_inputs([job.source for job in plan.jobs], str(plan.shard) if plan.shard else None)
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


def _stopped_while_planning(args, cut: PlanningStopped, stop: StopSignals, progress: Progress) -> int:
    """The report of a run stopped before any export: every input found, not started.

    When the search had not ended, the inputs it had found; with --shard, none (an input's
    shard follows from its path relative to the folder that holds all the inputs, which only
    the whole search tells)."""
    if cut.searched:
        chosen = cut.shard.select(cut.found) if cut.shard else cut.found
    else:
        chosen = [] if cut.shard else cut.found
    report = Report.for_inputs([item.name for item in chosen], str(cut.shard) if cut.shard else None)
    report.interrupted_by = stop.signal
    report.inputs_complete = cut.searched
    name = signal.Signals(report.interrupted_by or signal.SIGINT).name
    where = "before exporting" if cut.searched else f"while looking for inputs ({len(cut.found)} found so far)"
    progress.problem(f"briefing: interrupted by {name} {where}: {report.summary()}; nothing was written")
    if args.report:
        try:
            _check_report_file(args)
            out_dir = Path(args.out) if args.out else None
            outputs = _plan_outputs(cut.found, cut.formats, out_dir, clashes_allowed=True)
            _check_report_destination(args, cut.found, outputs, cut.formats, searched=cut.searched)
        except UsageError as exc:
            _print_usage_error(exc)
        else:
            report.write(args.report)
    return report.exit_code


def _export_all(plan: Plan, report: Report, progress: Progress, stop: StopSignals) -> None:
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
