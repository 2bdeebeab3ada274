"""Never lose work: unsaved edits are autosaved to a recovery file, offered back after a crash.

Each running window holds a lock file beside its recovery files; a recovery
file whose lock is gone or stale (its process died) is an orphan, and the next
start offers to restore it. A clean exit removes the files.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from briefing.atomic import write_bytes
from briefing.formats.load import open_document
from briefing.formats.save import dump_brief
from briefing.model import BriefFile
from briefing.session import BriefSession, BriefState

RECOVERY_FORMAT = "briefing-recovery/1"


def recovery_text(brief_file: BriefFile, summary_path: str | os.PathLike) -> str:
    """The recovery copy: the brief/1 text of ``brief_file``, naming its summary by absolute path.
    Its inputs are immutable, so the app makes it on a worker thread: the YAML of 300
    annotated findings takes 30-odd ms."""
    return dump_brief(brief_file, str(summary_path))


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "recovery"


@dataclass(frozen=True)
class RecoveredWork:
    """Unsaved work a previous run left behind."""

    key: str
    folder: Path
    summary_path: Path
    brief_path: Path | None
    title: str
    saved_at: float

    @property
    def brief_copy(self) -> Path:
        return self.folder / f"{self.key}.brief.yaml"

    @property
    def record(self) -> Path:
        return self.folder / f"{self.key}.json"

    @property
    def name(self) -> str:
        return (self.brief_path or self.summary_path).name

    def state(self) -> BriefState:
        """The recovered selection and metadata (raises BriefingError if the copy is unreadable)."""
        brief_file = open_document(self.brief_copy, allow_outside_paths=True).brief_file  # names its summary by absolute path
        return BriefState.of(brief_file)

    def discard(self) -> None:
        for path in (self.brief_copy, self.record):
            try:
                path.unlink()
            except FileNotFoundError:
                pass


class Recovery:
    """This window's recovery files, and the orphans of earlier runs."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # an unwritable profile must not stop the app; recover from the temp folder
            self.folder = Path(tempfile.gettempdir()) / f"briefing-recovery-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
            self.folder.mkdir(parents=True, exist_ok=True)
        self.key = uuid.uuid4().hex[:16]
        self._lock = QLockFile(str(self.folder / f"{self.key}.lock"))
        self._lock.setStaleLockTime(0)  # only a dead process makes it stale, never its age
        self._lock.tryLock(0)

    @property
    def _mine(self) -> RecoveredWork:
        return RecoveredWork(self.key, self.folder, Path(), None, "", 0.0)

    def save(self, session: BriefSession) -> Path:
        """Write the session's unsaved state: a brief/1 copy naming its summary by absolute path."""
        return self.store(session, recovery_text(session.to_brief_file(), session.summary_path))

    def store(self, session: BriefSession, text: str) -> Path:
        """``save`` with the copy's text already made (``recovery_text``, on a worker thread)."""
        mine = self._mine
        write_bytes(mine.brief_copy, text.encode("utf-8"))
        record = {
            "format": RECOVERY_FORMAT,
            "summary_path": str(session.summary_path),
            "brief_path": str(session.brief_path) if session.brief_path else None,
            "title": session.to_brief_file().title,
            "saved_at": time.time(),
            "pid": os.getpid(),
        }
        # ASCII, with escapes: a name that is not UTF-8 holds lone surrogates ('\udcff'), which
        # UTF-8 cannot encode; their JSON escapes read back as the same name.
        write_bytes(mine.record, json.dumps(record, indent=2).encode("ascii"))
        return mine.brief_copy

    def clear(self) -> None:
        """Nothing unsaved any more (saved, discarded or closed)."""
        self._mine.discard()

    def close(self) -> None:
        """Clean exit: remove the recovery files and the lock."""
        self.clear()
        self._lock.unlock()

    def abandon(self) -> None:
        """Let go of the lock but keep the files, as a crash would (for tests)."""
        self._lock.unlock()

    def orphans(self) -> list[RecoveredWork]:
        """Recovery files whose window is gone, newest first."""
        found = []
        for record in self.folder.glob("*.json"):
            key = record.stem
            if key == self.key or not self._owner_gone(key):
                continue
            work = self._read(record)
            if work is not None:
                found.append(work)
        return sorted(found, key=lambda w: w.saved_at, reverse=True)

    def _owner_gone(self, key: str) -> bool:
        lock = QLockFile(str(self.folder / f"{key}.lock"))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # no live owner: Qt removes a lock whose process has died
            lock.unlock()
            return True
        return False

    def _read(self, record: Path) -> RecoveredWork | None:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            if data.get("format") != RECOVERY_FORMAT:
                return None
            brief_path = data.get("brief_path")
            return RecoveredWork(
                key=record.stem,
                folder=self.folder,
                summary_path=Path(data["summary_path"]),
                brief_path=Path(brief_path) if brief_path else None,
                title=str(data.get("title") or ""),
                saved_at=float(data.get("saved_at") or 0),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
