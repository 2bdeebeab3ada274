"""Writing output files so that a reader only ever sees a whole file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from briefing.diagnostics import BriefingError


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask is process-wide and not safe to toggle from worker threads.
_FILE_MODE = 0o666 & ~_read_umask()


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only when the block completes.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and is renamed over the target; on any error the temporary file is removed
    and an earlier file at ``path`` stays as it was.
    """
    target = Path(path)
    if target.is_dir():
        raise BriefingError.at(str(target), "is a folder; give a file name to write")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BriefingError.at(str(target), f"folder '{folder}' does not exist")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BriefingError.at(str(target), f"cannot write here: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _FILE_MODE)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise BriefingError.at(str(target), f"cannot write: {exc.strerror or exc}") from None
        raise


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)
