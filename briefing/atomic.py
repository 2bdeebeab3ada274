"""Writing output files so that a reader only ever sees a whole file, and no writer replaces a newer one.

Every output goes through ``atomic_writer`` (or ``write_bytes``): the data goes
to a temporary file beside the target, is flushed to disk and renamed over the
target. On any error the temporary file is removed and an earlier file at the
target stays as it was.

A process killed mid-write (``kill -9``) cannot remove its temporary file, so
temporary files are named ``.NAME.<pid>.<random>.part``: recognisable, and
carrying the writer's process id. Before writing a target, and when a batch
worker dies, ``remove_stale_parts`` removes the leftovers of *dead* writers
only; a concurrent export's temporary file (its writer alive) is never touched.

Two guards keep a late writer from replacing a newer file (a batch worker that
outlived its parent, or that started before another run wrote the same deck):

* ``unchanged_targets(paths)``: within the block, a target whose state (absent,
  or its mtime, size and inode) differs from the state when the block started
  is not replaced; the write fails with a ``BriefingError`` saying so, unless the
  target now holds exactly the bytes being written (two runs exporting the same
  input to the same place agree, so neither fails).
* ``require_before_replace(check)``: a process-wide condition checked right
  before each replace (a worker's "is my parent still alive?"); when it fails,
  ``WriterAbandoned`` is raised, the temporary file is removed and the target
  is left as it was.

``announcing_replaces(announce)`` tells a caller, right before each replace, the
state of the file about to take the target's place: the target's own state
later says whether that replace happened and whether the file is still there,
however the writer was stopped after the call (``kill -9`` included). A batch
reports from it exactly which files a stopped export wrote.
"""

from __future__ import annotations

import contextlib
import contextvars
import filecmp
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from briefing.diagnostics import BriefingError


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask is process-wide and not safe to toggle from worker threads.
_FILE_MODE = 0o666 & ~_read_umask()

# ``.NAME.<pid>.<random>.part``: the writer's pid is what tells a leftover from a file being written.
# <random> is exactly what tempfile.mkstemp puts there (8 of [a-z0-9_]): a user's own hidden file
# such as ``.photos.2019.final.part`` in an output folder is not ours and is never removed.
_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.part$")
# The NAME in it is the target's, up to _NAME_ROOM bytes: a target's name may be near the system's
# limit of 255 bytes (85 CJK characters are 255), and the temporary name adds some 25. A longer
# one is cut, and a digest of the whole name added, so that each target's temporary files are
# still told apart (``_part_name``).
_NAME_ROOM = 200

FileState = tuple[int, int, int] | None  # (mtime_ns, size, inode), or None for "absent"

_expected: contextvars.ContextVar[dict[str, FileState] | None] = contextvars.ContextVar("expected_targets", default=None)
_replace_checks: list[Callable[[], str | None]] = []
_announcers: list[Callable[[Path, FileState], object]] = []


class WriterAbandoned(BaseException):
    """Raised instead of replacing a target when a ``require_before_replace`` check fails.

    A BaseException: the process is going away (its parent died), and no
    ``except Exception`` on the way out should turn that into a file's error.
    """


def file_state(path: str | Path, *, follow_symlinks: bool = True) -> FileState:
    """What a target looks like now: None when absent, else (mtime_ns, size, inode); without
    ``follow_symlinks``, those of a symbolic link at ``path`` itself, not of the file it names."""
    try:
        st = os.stat(path, follow_symlinks=follow_symlinks)
    except OSError:  # absent, or unreadable: either way nothing a writer may count on
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@contextlib.contextmanager
def unchanged_targets(paths: Iterable[str | Path]) -> Iterator[None]:
    """Within the block, refuse to replace any of ``paths`` that changed after the block began."""
    expected = {path_key(p): file_state(p) for p in paths}
    token = _expected.set({**(_expected.get() or {}), **expected})
    try:
        yield
    finally:
        _expected.reset(token)


def require_before_replace(check: Callable[[], str | None]) -> None:
    """Run ``check()`` before every replace in this process; a returned reason abandons the write."""
    _replace_checks.append(check)


@contextlib.contextmanager
def announcing_replaces(announce: Callable[[Path, FileState], object]) -> Iterator[None]:
    """Within the block, call ``announce(target, state)`` in this process right before each replace,
    ``state`` being the file about to become ``target``. An exception ``announce`` raises abandons that
    write (the temporary file is removed, the target stays as it was)."""
    _announcers.append(announce)
    try:
        yield
    finally:
        _announcers.remove(announce)


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only when the block completes.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and is renamed over the target; on any error the temporary file is removed
    and an earlier file at ``path`` stays as it was.
    """
    target = Path(path)
    # os.path's checks, not Path's: those raise for a name over the system's limit (ENAMETOOLONG),
    # which the replace below then reports as the reason it cannot write.
    if os.path.isdir(target):
        raise BriefingError.at(str(target), "is a folder; give a file name to write")
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):
        raise BriefingError.at(str(target), f"folder '{folder}' does not exist")
    _sweep_once(folder)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{_part_name(target.name)}.{os.getpid()}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BriefingError.at(str(target), f"cannot write here: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _FILE_MODE)
        if _check_before_replace(target, temp):
            for announce in _announcers:
                # Before, not after: a writer killed between the replace and a message sent after it
                # would have replaced the target unannounced.
                announce(target, file_state(temp, follow_symlinks=False))
            os.replace(temp, target)
        else:
            temp.unlink()
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise BriefingError.at(str(target), f"cannot write: {exc.strerror or exc}") from None
        raise


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)


def path_key(path: str | Path) -> str:
    """One string per output path as named (absolute, case folded where the system does); links not followed."""
    return os.path.normcase(os.path.abspath(path))


def _check_before_replace(target: Path, written: Path) -> bool:
    """True when ``written`` may replace ``target``; False when ``target`` already holds exactly
    its bytes (written meanwhile by another export of the same input: nothing to do, no error)."""
    for check in _replace_checks:
        reason = check()
        if reason:
            raise WriterAbandoned(f"{target}: not replaced: {reason}")
    expected = _expected.get()
    if expected is None or path_key(target) not in expected:
        return True
    before, now = expected[path_key(target)], file_state(target)
    if now != before:
        # Two runs exporting the same input to the same place (output is byte-identical for the
        # same input) agree: the one that finishes second has nothing to replace, and no reason to
        # fail. filecmp compares regular files only (never opens a FIFO put there) and sizes first.
        if now is not None and _same_bytes(written, target):
            return False
        what = "appeared" if before is None else "was removed" if now is None else "changed"
        raise BriefingError.at(
            str(target), f"{what} while this export ran (another export or program wrote it); left as it is, not replaced"
        )
    return True


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:  # removed meanwhile, or unreadable: not known to be the same
        return False


# -- leftovers of killed writers -------------------------------------------------------------------


def _part_name(target_name: str) -> str:
    """The NAME of ``target_name``'s temporary files: the name itself, or when longer than
    ``_NAME_ROOM`` bytes its start, ``~`` and a digest of the whole."""
    encoded = os.fsencode(target_name)
    if len(encoded) <= _NAME_ROOM:
        return target_name
    digest = hashlib.sha256(encoded).hexdigest()[:12]
    start = target_name
    while len(os.fsencode(start)) > _NAME_ROOM - len(digest) - 1:
        start = start[:-1]
    return f"{start}~{digest}"


def part_owner(name: str, target_name: str | None = None) -> int | None:
    """The writer's pid in a temporary file's name (of ``target_name`` when given), else None."""
    match = _PART.match(name)
    if match is None or (target_name is not None and match["name"] != _part_name(target_name)):
        return None
    return int(match["pid"])


_swept: set[str] = set()


def _sweep_once(folder: Path) -> None:
    """Remove dead writers' leftovers in ``folder``, once per process: a batch writes
    thousands of files into one folder, and listing it for each would be quadratic."""
    key = path_key(folder)
    if key not in _swept:
        _swept.add(key)
        _remove_dead_parts(folder, None)


def remove_stale_parts(target: str | Path, *, ours_too: bool = False) -> list[Path]:
    """Remove the temporary files of ``target`` whose writer has died; return what was removed.

    A temporary file whose writer is still running, or whose name carries no
    pid (not ours), is left alone. ``ours_too``: this process's own are stale
    as well (a caller that knows its write of ``target`` was cut short, in a
    place where the writer could not clean up).
    """
    target = Path(target)
    return _remove_dead_parts(target.parent if str(target.parent) else Path("."), target.name, ours_too)


def _remove_dead_parts(folder: Path, target_name: str | None, ours_too: bool = False) -> list[Path]:
    removed: list[Path] = []
    prefix = f".{_part_name(target_name)}." if target_name else "."
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(prefix) and entry.name.endswith(".part")]
    except OSError:
        return removed
    for name in names:
        pid = part_owner(name, target_name)
        if pid is None or (pid == os.getpid() and not ours_too) or (pid != os.getpid() and process_alive(pid)):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()
            removed.append(folder / name)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (an unknown answer counts as alive: keep the file)."""
    if pid <= 0:
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else (EPERM)
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still has a pid; it writes nothing any more."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    synchronize, still_active = 0x00100000 | 0x1000, 259
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]  # ctypes has windll only on Windows
    handle = kernel.OpenProcess(synchronize, False, pid)
    if not handle:
        return kernel.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process; others (access denied): alive
    try:
        code = ctypes.c_ulong()
        return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel.CloseHandle(handle)
