"""One input of a batch, exported in a worker process: load it once, write each format.

``export_file(job)`` never raises for a problem in the file: everything the
user should see comes back in the ``FileResult``, so one bad file never stops
the others.

The state of each output (absent, or its mtime, size and inode) is recorded
when the task starts; an output that changed before the export is ready to
replace it (another run, or the user, wrote it meanwhile) is left as it is and
reported, never replaced by this older export.
"""

from __future__ import annotations

import gc
import os
import traceback
from dataclasses import dataclass, field

from briefing.atomic import remove_stale_parts, unchanged_targets
from briefing.diagnostics import BriefingError, Diagnostic


@dataclass(frozen=True)
class ExportJob:
    source: str  # the input as the user named it
    outputs: tuple[tuple[str, str], ...]  # (format, output path) in export order
    template: str | None = None
    style: str | None = None
    include_notes: bool = True


@dataclass(frozen=True)
class WrittenFile:
    path: str
    format: str
    pages: int  # slides of a deck, pages of a PDF


@dataclass(frozen=True)
class FileResult:
    format: str | None = None  # summary/1 or brief/1, once the file has been read
    outputs: tuple[WrittenFile, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors


def export_file(job: ExportJob) -> FileResult:
    """Load ``job.source`` and write every requested format; collect, never raise, its problems."""
    try:
        with unchanged_targets(path for _, path in job.outputs):
            return _export(job)
    finally:
        # A deck's XML trees sit in reference cycles that hold little Python memory, so
        # the collector seldom runs on its own and a long-lived worker would keep growing.
        gc.collect()


def _export(job: ExportJob) -> FileResult:
    from briefing.export import export_document
    from briefing.formats.load import open_document

    try:
        document = open_document(job.source)
    except BriefingError as exc:
        return FileResult(errors=tuple(exc.diagnostics))
    except Exception as exc:
        return FileResult(errors=(_internal(job.source, exc),))
    written, warnings, errors = [], list(document.warnings), []
    for fmt, path in job.outputs:
        try:
            outcome = export_document(
                document, fmt, path, template=job.template, style=job.style, include_notes=job.include_notes
            )
        except BriefingError as exc:
            errors.extend(exc.diagnostics)
        except Exception as exc:
            errors.append(_internal(job.source, exc, fmt))
        else:
            written.append(WrittenFile(str(path), fmt, outcome.pages))
            warnings.extend(outcome.warnings)
    return FileResult(document.format, tuple(written), tuple(warnings), tuple(errors))


def _internal(source: str, exc: Exception, fmt: str | None = None) -> Diagnostic:
    """A bug, not the user's mistake: one line, with the traceback only when debugging."""
    what = f"{fmt} export" if fmt else "export"
    message = f"{what} failed: internal error: {type(exc).__name__}: {exc}"
    if os.environ.get("BRIEFING_DEBUG"):
        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return Diagnostic(source, 0, 0, message)


def discard_partial(outputs: tuple[tuple[str, str], ...]) -> None:
    """Remove temporary files a killed export left behind; a live writer's (another run's) stay."""
    for _, path in outputs:
        remove_stale_parts(path)

