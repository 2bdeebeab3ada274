"""Reading a file the user named: regular files only, bounded in what is actually read, every failure one located line.

A path in a summary, a brief or on the command line may name anything: a
named pipe (FIFO) that blocks the reader forever, ``/dev/zero`` or
``/dev/urandom`` that never end, a ``/proc`` file whose size says 0. So a file
is opened without blocking (``O_NONBLOCK``), checked to be a regular file on
the open descriptor (``fstat``, no race with a rename), and read up to the
limit plus one byte: the bound holds on the bytes read, whatever the size said.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing.diagnostics import BriefingError

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


def read_bounded(path: str | Path, limit: int, *, name: str | None = None, what: str = "file") -> bytes:
    """The file's bytes; BriefingError when it is missing, not a regular file, unreadable or over ``limit`` bytes."""
    name = name or str(path)
    with _open_regular(path, name) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_large(name, what, limit, f"{size / (1024 * 1024):.1f} MiB; ")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise BriefingError.at(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # the size said less (a /proc file, a file still growing): the bytes decide
        raise _too_large(name, what, limit)
    return data


def read_head(path: str | Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file, or None for anything else (missing, a FIFO, a device)."""
    try:
        with _open_regular(path, str(path)) as handle:
            return handle.read(size)
    except (BriefingError, OSError):
        return None


def is_regular_file(path: str | Path) -> bool:
    """Whether ``path`` (following links) is a regular file, without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def look_up(path: str | Path) -> os.stat_result | None:
    """What is at ``path`` (following links), or None when nothing is (no such file, or a part of
    the path is not a folder); OSError, with its reason, when that cannot be told: a name too long
    for the system, a loop of symbolic links. (``Path.exists`` and ``is_dir`` raise OSError for a
    name too long, which a check of the user's paths must not.)"""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError as exc:  # a NUL character in the name
        raise OSError(errno.EINVAL, str(exc)) from None


def require_regular_file(path: str | Path, name: str | None = None) -> None:
    """BriefingError unless ``path`` (following links) is a regular file; nothing is opened."""
    name = name or str(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise BriefingError.at(name, "no such file") from None
    except NotADirectoryError:
        raise BriefingError.at(name, "no such file (a part of the path is not a folder)") from None
    except PermissionError:
        raise BriefingError.at(name, "permission denied") from None
    except (OSError, ValueError) as exc:
        raise BriefingError.at(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    _require_regular(before.st_mode, name)  # a FIFO or a device is not even opened


def _open_regular(path: str | Path, name: str):
    require_regular_file(path, name)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except PermissionError:
        raise BriefingError.at(name, "permission denied") from None
    except IsADirectoryError:
        raise BriefingError.at(name, "is a folder, not a file") from None
    except OSError as exc:
        raise BriefingError.at(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        _require_regular(os.fstat(fd).st_mode, name)  # what was opened, in case the name changed meanwhile
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _require_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise BriefingError.at(name, "is a folder, not a file")
    kind = (
        "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a special file"
    )
    raise BriefingError.at(name, f"is {kind}, not a regular file; only regular files are read")


def _too_large(name: str, what: str, limit: int, size: str = "") -> BriefingError:
    return BriefingError.at(name, f"{what} is too large ({size}the limit is {limit // (1024 * 1024)} MiB)")
