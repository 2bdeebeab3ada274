"""Data derived from files that do not change between runs, computed once and kept on disk.

Reading a font's advance widths with fontTools takes tens of milliseconds per
file, at every start of the command or a worker, for the same answer each
time. ``derived(kind, source, build)`` returns ``build(source)``, kept in the user's
cache folder (``platformdirs.user_cache_dir``; ``BRIEFING_CACHE_DIR`` overrides
it, ``BRIEFING_CACHE_DIR=off`` turns the cache off) in ``marshal`` form, which
loads in well under a millisecond.

The entry's name is a digest of everything the answer depends on: the source
file's resolved path, size and modification time, the code of ``build``, the
caller's ``version`` and Briefing's version. A changed font, or changed code,
names another entry, so a stale answer is never read; an entry that cannot be
read is rebuilt, and a cache folder that cannot be written costs only the time
saved. Values are plain data (dicts, lists, tuples, numbers, strings, bytes);
``marshal`` reads nothing else back, so an entry cannot run code.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefing import __version__
from briefing.atomic import write_bytes
from briefing.diagnostics import BriefingError

T = TypeVar("T")
_FORMAT = 1  # bump when the layout of entries changes


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
        entry = folder / f"{kind}-{_key(source, build, version)}.marshal"
    except OSError:  # the source is missing: let build() say so
        return build(source)
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no entry yet, or one cut short: build it again
    value = build(source)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(entry, marshal.dumps(value))  # type: ignore[arg-type]  # builders return plain data
    except (OSError, BriefingError):
        pass  # a cache that cannot be written only costs the time it would save
    return value


def _key(source: Path, build: Callable, version: str) -> str:
    resolved = Path(source).resolve()
    stat = resolved.stat()
    parts = [str(_FORMAT), __version__, version, str(marshal.version), str(resolved), str(stat.st_size), str(stat.st_mtime_ns)]
    while isinstance(build, functools.partial):  # its arguments are part of what is derived
        parts.append(repr((build.args, sorted(build.keywords.items()))))
        build = build.func
    parts.append(getattr(build, "__qualname__", ""))
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    code = getattr(build, "__code__", None)
    if code is not None:
        digest.update(marshal.dumps(code))
    return digest.hexdigest()[:32]
