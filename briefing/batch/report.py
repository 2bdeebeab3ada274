"""The outcome of a batch: one record per input, the counts, the exit code and the JSON report.

Records keep the order of the inputs (not of completion), so the same batch
gives the same report, apart from the seconds.
"""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass, field
from enum import Enum
from typing import Sequence

from briefing.atomic import write_bytes
from briefing.batch.task import FileResult, WrittenFile
from briefing.exits import Exit
from briefing.diagnostics import Diagnostic

REPORT_VERSION = 1


class Status(str, Enum):
    OK = "ok"
    FAILED = "failed"
    CANCELLED = "cancelled"  # the run was interrupted before this input finished


@dataclass
class FileRecord:
    path: str
    status: Status = Status.CANCELLED
    format: str | None = None
    outputs: tuple[WrittenFile, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "status": self.status.value,
            "format": self.format,
            "outputs": [{"path": o.path, "format": o.format, "pages": o.pages} for o in self.outputs],
            "warnings": [_diagnostic_json(d) for d in self.warnings],
            "errors": [_diagnostic_json(d) for d in self.errors],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Report:
    """Every input's record, in input order; the counts and the exit code follow from them."""

    records: list[FileRecord]
    shard: str | None = None
    interrupted_by: int | None = None  # the signal that stopped the run
    seconds: float = 0.0
    _by_path: dict[str, FileRecord] = field(init=False, repr=False)

    @classmethod
    def for_inputs(cls, paths: Sequence[str], shard: str | None = None) -> "Report":
        return cls([FileRecord(p) for p in paths], shard)

    def __post_init__(self):
        self._by_path = {r.path: r for r in self.records}

    def finished(self, path: str, result: FileResult, seconds: float) -> FileRecord:
        record = self._by_path[path]
        record.status = Status.OK if result.ok else Status.FAILED
        record.format, record.outputs = result.format, result.outputs
        record.warnings, record.errors, record.seconds = result.warnings, result.errors, seconds
        return record

    def failed(self, path: str, error: Diagnostic, seconds: float) -> FileRecord:
        return self.finished(path, FileResult(errors=(error,)), seconds)

    def count(self, status: Status) -> int:
        return sum(r.status is status for r in self.records)

    @property
    def total(self) -> int:
        return len(self.records)

    @property
    def done(self) -> int:
        return self.total - self.count(Status.CANCELLED)

    @property
    def exit_code(self) -> int:
        if self.interrupted_by is not None:
            return 128 + self.interrupted_by  # 130 for SIGINT, 143 for SIGTERM, as shells report
        return Exit.FAILED if self.count(Status.FAILED) else Exit.OK

    def summary(self) -> str:
        """``12 files: 11 exported, 1 failed in 4.2 s (2.9 files/s)``."""
        ok, failed, cancelled = (self.count(s) for s in Status)
        parts = [f"{ok} exported", f"{failed} failed"] + ([f"{cancelled} not finished"] if cancelled else [])
        rate = f" ({self.done / self.seconds:.1f} files/s)" if self.seconds > 0 and self.done else ""
        noun = "file" if self.total == 1 else "files"
        return f"{self.total} {noun}: {', '.join(parts)} in {self.seconds:.1f} s{rate}"

    def to_json(self) -> dict:
        return {
            "version": REPORT_VERSION,
            "shard": self.shard,
            "interrupted": signal.Signals(self.interrupted_by).name if self.interrupted_by else None,
            "exit_code": self.exit_code,
            "counts": {"total": self.total, **{s.value: self.count(s) for s in Status}},
            "files": [r.to_json() for r in self.records],
        }

    def write(self, path: str) -> None:
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        write_bytes(path, text.encode("utf-8"))


def _diagnostic_json(d: Diagnostic) -> dict:
    return {"file": d.file, "line": d.line, "col": d.col, "message": d.message}
