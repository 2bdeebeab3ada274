"""Data derived from files that do not change between runs, computed once and kept on disk.

Reading a font's advance widths with fontTools takes tens of milliseconds per
file, at every start of the command or a worker, for the same answer each
time. ``derived(kind, source, build)`` returns ``build(source)`` (``derived_from_bytes``
the same for bytes in memory, such as a template's picture), kept in the user's
cache folder (``platformdirs.user_cache_dir``; ``BRIEFING_CACHE_DIR`` overrides
it, ``BRIEFING_CACHE_DIR=off`` turns the cache off) in ``marshal`` form, which
loads in well under a millisecond.

The entry's name is a digest of everything the answer depends on: the bytes
themselves (``derived_from_bytes``), or the source file's resolved path, inode,
size, modification and status-change times; the code of ``build``, the caller's ``version`` and Briefing's version. A changed
font (even one of the same size whose modification time was put back: its
status-change time cannot be), or changed code, names another entry, so a stale
answer is never read. Each entry starts with a digest of its full key and its
data: an entry that was cut short, overwritten, or copied from another entry is
rebuilt instead of being believed, and a cache folder that cannot be written
costs only the time saved. Values are plain data (dicts, lists, tuples,
numbers, strings, bytes); ``marshal`` reads nothing else back, so an entry
cannot run code. Entries not used for 30 days (older versions', removed fonts')
are removed by the next process that writes one (``prune``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import stat
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefing import __version__
from briefing.atomic import write_bytes
from briefing.diagnostics import BriefingError

T = TypeVar("T")
_FORMAT = 2  # bump when the layout of entries changes
_SEAL_SIZE = hashlib.sha256().digest_size
_ENTRY_LIMIT = 64 * 1024 * 1024  # far above any font's derived data


def cache_dir() -> Path | None:
    """Where entries are kept, or None when caching is off."""
    chosen = os.environ.get("BRIEFING_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    from platformdirs import user_cache_dir  # only when the cache is used

    return Path(user_cache_dir("briefing", appauthor=False)) / "derived"


def derived(kind: str, source: Path, build: Callable[[Path], T], *, version: str = "") -> T:
    """``build(source)``, from the cache when an entry for this source and this code exists."""
    folder = cache_dir()
    if folder is None:
        return build(source)
    try:
        key = _key(_file_identity(source), build, version)
    except OSError:  # the source is missing: let build() say so
        return build(source)
    return _kept(folder / f"{kind}-{key[:32]}.marshal", key, lambda: build(source))


def derived_from_bytes(kind: str, data: bytes, build: Callable[[bytes], T], *, version: str = "") -> T:
    """``build(data)`` for bytes that are not a file of their own (a picture inside a template
    package), from the cache when an entry for these very bytes and this code exists: the key
    holds a digest of the bytes, so other bytes never read this entry."""
    folder = cache_dir()
    if folder is None:
        return build(data)
    key = _key(["bytes", hashlib.sha256(data).hexdigest(), str(len(data))], build, version)
    return _kept(folder / f"{kind}-{key[:32]}.marshal", key, lambda: build(data))


def _kept(entry: Path, key: str, build: Callable[[], T]) -> T:
    """The value sealed in ``entry`` for ``key``, else ``build()`` written there for next time."""
    try:
        data, modified = _read_entry(entry)
        value = _unpack(key, data)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no entry yet, or one cut short or not this key's: build it again
    else:
        _mark_used(entry, modified)
        return value
    value = build()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(entry, _pack(key, value))
    except (OSError, BriefingError):
        pass  # a cache that cannot be written only costs the time it would save
    else:
        _prune_once(entry.parent)
    return value


def _read_entry(entry: Path) -> tuple[bytes, float]:
    """An entry's bytes and modification time, when it is a regular file: anything else put at its
    name (a FIFO would block the export forever, a link to /dev/zero would be read without end)
    raises OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(entry, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _ENTRY_LIMIT:
            raise OSError(f"{entry}: not a cache entry")
        return handle.read(info.st_size), info.st_mtime


# -- pruning: entries nobody has used for a while ------------------------------------------------
#
# Entries are never changed once written, so an entry's modification time is free to record its
# last use: a read moves it to now (at most once a day, so most reads cost no write). Entries of
# older Briefing versions, of fonts or templates since removed, of code since changed are no
# longer read, and a process that writes an entry removes those unused for ``UNUSED_FOR``
# (once per process: writes happen on a miss, and listing the folder each time would add up).
# Only names this module writes are removed (a user's file in a chosen cache folder, the atomic
# writer's temporary files of a write in progress are not), and never through a link. A process
# reading an entry as it is removed keeps reading it (POSIX); where the system refuses to
# remove an open file, it stays until a later run.

UNUSED_FOR = 30 * 24 * 3600.0
_USE_RECORDED_EVERY = 24 * 3600.0
_ENTRY_NAME = re.compile(r"^[a-z0-9-]+-[0-9a-f]{32}\.marshal$")
_pruned: set[str] = set()


def _mark_used(entry: Path, modified: float) -> None:
    if time.time() - modified > _USE_RECORDED_EVERY:
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(entry, follow_symlinks=os.utime not in os.supports_follow_symlinks)


def _prune_once(folder: Path) -> None:
    key = os.path.abspath(folder)
    if key not in _pruned:
        _pruned.add(key)
        prune(folder)


def prune(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the entries in ``folder`` not used for ``UNUSED_FOR`` seconds; return what was removed."""
    cutoff = (time.time() if now is None else now) - UNUSED_FOR
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if _ENTRY_NAME.match(e.name)]
    except OSError:
        return removed
    for item in entries:
        try:
            if item.is_file(follow_symlinks=False) and item.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(item.path)
                removed.append(Path(item.path))
        except OSError:  # removed by another process meanwhile, or held open where that forbids it
            continue
    return removed


def _pack(key: str, value) -> bytes:
    payload = marshal.dumps(value)
    return _seal(key, payload) + payload


def _unpack(key: str, data: bytes):
    """The value of an entry written by ``_pack`` for ``key``; ValueError for anything else
    (well-formed ``marshal`` data of another entry or of garbage would otherwise be believed)."""
    seal, payload = data[:_SEAL_SIZE], data[_SEAL_SIZE:]
    if seal != _seal(key, payload):
        raise ValueError("cache entry does not match its key")
    return marshal.loads(payload)


def _seal(key: str, payload: bytes) -> bytes:
    return hashlib.sha256(key.encode("ascii") + b"\0" + payload).digest()


def code_identity(*modules: types.ModuleType) -> str:
    """A ``version`` for data built by the code of ``modules`` beyond ``build`` itself (a template's
    checks and sanitizing): each module file's path, size, modification and status-change times,
    so that changed code names another entry."""
    parts = []
    for module in modules:
        info = os.stat(module.__file__ or "")
        parts.append(f"{module.__file__}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}")
    return "|".join(parts)


def _file_identity(source: Path) -> list[str]:
    """What names one version of a file: its resolved path, inode, size, modification and status-change times."""
    resolved = Path(source).resolve()
    info = resolved.stat()
    return [str(resolved), str(info.st_ino), str(info.st_size), str(info.st_mtime_ns), str(info.st_ctime_ns)]


def _key(identity: list[str], build: Callable, version: str) -> str:
    parts = [str(_FORMAT), __version__, version, str(marshal.version), *identity]
    while isinstance(build, functools.partial):  # its arguments are part of what is derived
        parts.append(repr((build.args, sorted(build.keywords.items()))))
        build = build.func
    parts.append(getattr(build, "__qualname__", ""))
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    code = getattr(build, "__code__", None)
    if code is not None:
        digest.update(marshal.dumps(code))
    return digest.hexdigest()
