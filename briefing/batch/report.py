"""The outcome of a batch: one ``InputResult`` per input, the counts, the exit code and the JSON report.

Results keep the order of the inputs (not of completion), so the same batch
gives the same report, apart from the seconds.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefing.atomic import write_bytes
from briefing.diagnostics import Diagnostic, readable_name
from briefing.exits import Exit
from briefing.results import InputResult, Status

REPORT_VERSION = 1


@dataclass
class Report:
    """Every input's result, in input order; the counts and the exit code follow from them."""

    records: list[InputResult]
    shard: str | None = None
    interrupted_by: int | None = None  # the signal that stopped the run
    inputs_complete: bool = True  # false: the run was stopped while it searched for its inputs; records lack the rest
    seconds: float = 0.0
    _index: dict[str, int] = field(init=False, repr=False)

    @classmethod
    def for_inputs(cls, paths: Sequence[str], shard: str | None = None) -> Report:
        return cls([InputResult(p) for p in paths], shard)

    def __post_init__(self):
        self._index = {r.path: i for i, r in enumerate(self.records)}

    def finished(self, path: str, result: InputResult, seconds: float) -> InputResult:
        index = self._index[path]
        self.records[index] = record = replace(result, path=path, seconds=seconds)
        return record

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
        parts = [f"{ok} exported", f"{failed} failed"] + ([f"{cancelled} not finished{self._cut_short()}"] if cancelled else [])
        rate = f" ({self.done / self.seconds:.1f} files/s)" if self.seconds > 0 and self.done else ""
        noun = "file" if self.total == 1 else "files"
        return f"{self.total} {noun}: {', '.join(parts)} in {self.seconds:.1f} s{rate}"

    def _cut_short(self) -> str:
        """`` (2 of their files written whole)``: what inputs stopped midway had already written."""
        files = sum(len(r.outputs) for r in self.records if r.status is Status.CANCELLED)
        return f" ({files} of their files written whole)" if files else ""

    def to_json(self) -> dict:
        return {
            "version": REPORT_VERSION,
            "shard": self.shard,
            "interrupted": signal.Signals(self.interrupted_by).name if self.interrupted_by else None,
            "inputs_complete": self.inputs_complete,
            "exit_code": self.exit_code,
            "counts": {"total": self.total, **{s.value: self.count(s) for s in Status}},
            "files": [_result_json(r) for r in self.records],
        }

    def write(self, path: str) -> None:
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        # The names' bytes that are not UTF-8 are written as '\xff' (readable_name, in every value);
        # a lone surrogate from elsewhere would become the escape '\ud800', not a UnicodeEncodeError.
        write_bytes(path, text.encode("utf-8", "backslashreplace"))


def _result_json(result: InputResult) -> dict:
    return {
        "path": readable_name(result.path),
        "status": result.status.value,
        "format": result.format,
        "outputs": [{"path": readable_name(o.path), "format": o.format, "pages": o.pages} for o in result.outputs],
        "warnings": [_diagnostic_json(d) for d in result.warnings],
        "errors": [_diagnostic_json(d) for d in result.errors],
        "seconds": round(result.seconds, 3),
    }


def _diagnostic_json(d: Diagnostic) -> dict:
    return {"file": readable_name(d.file), "line": d.line, "col": d.col, "message": readable_name(d.message)}
