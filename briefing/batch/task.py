"""One input of a batch, exported in a worker process: load it once, write each format.

``export_file(job)`` never raises for a problem in the file: everything the
user should see comes back in its ``InputResult``, so one bad file never stops
the others.

The state of each output (absent, or its mtime, size and inode) is recorded
when the task starts; an output that changed before the export is ready to
replace it (another run, or the user, wrote it meanwhile) is left as it is and
reported, never replaced by this older export.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.atomic import FileState, file_state, path_key, remove_stale_parts, unchanged_targets
from briefing.diagnostics import BriefingError, Diagnostic, Severity
from briefing.results import ExportedFile, InputResult, Status


@dataclass(frozen=True)
class ExportJob:
    source: str  # the input as the user named it
    outputs: tuple[tuple[str, str], ...]  # (format, output path) in export order
    template: str | None = None
    style: str | None = None
    include_notes: bool = True
    allow_outside_paths: bool = False  # a brief may name a summary outside its folder
    layouts: str | None = None  # the deck's layout mapping (--layouts)


def prepare(formats: tuple[str, ...], template: str | None, style: str | None) -> None:
    """Do before the first file what every export of this batch needs: import the renderers,
    open the deck's template (parsed and read once per process: ``briefing.deck.template``),
    read the style sheets and register the PDF's fonts with ReportLab (``FontSet.register_whole_fonts``).
    Run where the workers are forked from, every worker starts with it done. Writes nothing but
    the cache of derived data; a problem here is left for each file to report."""
    from briefing.export import PDF, PPTX

    try:
        if PPTX in formats:
            from briefing.deck.render import prepare_template

            prepare_template(template)
        if PDF in formats:
            from briefing.pdf import load_style
            from briefing.pdf.fontset import FontSet

            FontSet(load_style(style), "").register_whole_fonts()
    except Exception:  # noqa: BLE001 - the same problem fails each file, located, as without this
        pass


def export_file(job: ExportJob) -> InputResult:
    """Load ``job.source`` and write every requested format; collect, never raise, its problems."""
    try:
        return export_alone(job)
    finally:
        _collect()


def export_alone(job: ExportJob) -> InputResult:
    """``export_file`` for a process that ends after this input: without the garbage
    collection a long-lived worker needs after each file."""
    with unchanged_targets(path for _, path in job.outputs):
        return _export(job)


_frozen = False


def _collect() -> None:
    """A deck's XML trees sit in reference cycles that hold little Python memory, so the
    collector seldom runs on its own and a long-lived worker would keep growing: collect
    after each file. What survives the first collection (the imported libraries, the
    fonts', styles' and templates' caches) lives as long as the worker, so it is frozen
    out of later collections, which then scan one file's objects instead of the whole
    interpreter (a full collection was 15 % of a 12-finding deck's time)."""
    global _frozen
    gc.collect()
    if not _frozen:
        gc.freeze()
        _frozen = True


def _export(job: ExportJob) -> InputResult:
    from briefing.export import export_document
    from briefing.formats.load import open_document

    try:
        document = open_document(job.source, allow_outside_paths=job.allow_outside_paths)
    except BriefingError as exc:
        return InputResult.failed(job.source, *exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - a bug in the exporter: this input fails, the batch goes on
        return InputResult.failed(job.source, _internal(job.source, exc))
    written, warnings, errors = [], list(document.warnings), []
    for fmt, path in job.outputs:
        try:
            exported = export_document(
                document, fmt, path, template=job.template, style=job.style, include_notes=job.include_notes,
                layouts=job.layouts,
            )
        except BriefingError as exc:
            errors.extend(exc.diagnostics)
        except Exception as exc:  # noqa: BLE001 - as above, for one format
            errors.append(_internal(job.source, exc, fmt))
        else:
            written.append(exported)
            # The renderer's warnings are about this input: place them on it.
            warnings.extend(Diagnostic(job.source, 0, 0, w, Severity.WARNING) for w in exported.warnings)
    status = Status.FAILED if errors else Status.OK
    return InputResult(job.source, status, document.format, tuple(written), tuple(warnings), tuple(errors))


def _internal(source: str, exc: Exception, fmt: str | None = None) -> Diagnostic:
    """A bug, not the user's mistake: one line, with the traceback only when debugging."""
    what = f"{fmt} export" if fmt else "export"
    message = f"{what} failed: internal error: {type(exc).__name__}: {exc}"
    if os.environ.get("BRIEFING_DEBUG"):
        import traceback  # only when debugging: not at every export's start

        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return Diagnostic(source, 0, 0, message)


def written_by(job: ExportJob, replacing: tuple[tuple[str, FileState], ...]) -> tuple[ExportedFile, ...]:
    """The outputs of ``job`` that hold a whole file its export put there, from what the export
    announced right before each replace (``Outcome.replacing``).

    An export stopped (Ctrl-C, SIGTERM, the time limit, a crash) after it replaced one output, or
    after it finished but before it could say so, leaves whole files its result never listed; the
    report names them all the same. An output counts only while its path holds the very file
    announced (mtime, size, inode): not when the replace never happened, nor when another process
    wrote the path, before or since.
    """
    installed = dict(replacing)
    return tuple(
        ExportedFile(Path(path), fmt, None)
        for fmt, path in job.outputs
        if (state := installed.get(path_key(path))) is not None and _path_state(path) == state
    )


def _path_state(path: str) -> FileState:
    # The path's own state: the atomic writer replaces a symbolic link there with the file, while
    # the file the link names changes whenever something else writes it (another input's output).
    return file_state(path, follow_symlinks=False)


def discard_partial(outputs: tuple[tuple[str, str], ...]) -> None:
    """Remove temporary files a stopped export left behind; a live writer's (another run's) stay.

    The export is over (its worker killed, or, run in this process, unwound), so this
    process's own temporary files of these outputs are leftovers too.
    """
    for _, path in outputs:
        remove_stale_parts(path, ours_too=True)

