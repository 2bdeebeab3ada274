"""Which files a batch exports: PATH arguments -> an ordered, de-duplicated list of inputs.

* A file that is named, or matched by a glob, is an input whatever it holds;
  if it is not a summary or a brief, its export fails with a located error.
* A folder is searched recursively for files whose ``format`` key says
  ``summary/1`` or ``brief/1``, whatever their names; other files and hidden
  files and folders (``.git``, ``.venv``) are skipped.
* The same file reached twice (named twice, or by a folder and a glob, or
  through a symbolic link) is exported once.
* Inputs are ordered by their path relative to the folder that holds them all
  (the common root). That relative path is also each input's shard key, so
  the order and the shards are the same on every machine, wherever the
  checkout lives.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.formats.load import peek_format
from briefing.formats.userfiles import is_regular_file, look_up

_GLOB_CHARS = frozenset("*?[")


class UsageError(Exception):
    """The command line cannot be run as given; nothing has been written (exit 2)."""

    def __init__(self, *lines: str):
        self.lines = lines
        super().__init__("\n".join(lines))


def is_pattern(argument: str) -> bool:
    """Whether a PATH argument is a glob for Briefing to expand (when no file has that very name)."""
    return bool(_GLOB_CHARS.intersection(argument))


class SearchStopped(Exception):
    """A stop request (Ctrl-C, SIGTERM) came during the search: ``found`` holds the inputs found until then."""

    def __init__(self, found: list[InputFile]):
        self.found = found
        super().__init__(f"stopped after {len(found)} inputs found")


@dataclass(frozen=True)
class InputFile:
    """One input of a batch: the path as the user named it, and its key among the others."""

    path: Path  # as the user named it, for messages and the report
    key: str  # POSIX path relative to the common root: the sort and shard key

    @property
    def name(self) -> str:
        return str(self.path)


def discover(arguments: Sequence[str], stopped: Callable[[], bool] = lambda: False) -> list[InputFile]:
    """Every input the PATH arguments name, once each, in stable order; UsageError if one names nothing.

    ``stopped`` is asked before each file is looked at: once it says yes, the search ends at
    once with SearchStopped, holding the inputs found so far (a large folder takes seconds)."""
    seen: set[str] = set()
    found: list[Path] = []
    try:
        for argument in arguments:
            for path in _expand(argument, stopped):
                identity = os.path.normcase(os.path.realpath(path))
                if identity not in seen:
                    seen.add(identity)
                    found.append(path)
    except _Stopped:
        raise SearchStopped(_ordered(found)) from None
    if not found:
        raise UsageError(f"no summaries or briefs found in {' '.join(arguments)}")
    return _ordered(found)


class _Stopped(Exception):
    """Ends the search from inside its generators."""


def _ordered(found: list[Path]) -> list[InputFile]:
    """The inputs sorted by their path relative to the folder that holds them all."""
    if not found:
        return []
    absolute = [os.path.abspath(p) for p in found]
    root = os.path.commonpath([os.path.dirname(a) for a in absolute])
    inputs = [InputFile(p, Path(os.path.relpath(a, root)).as_posix()) for p, a in zip(found, absolute)]
    return sorted(inputs, key=lambda i: i.key)


def _expand(argument: str, stopped: Callable[[], bool]) -> Iterator[Path]:
    if stopped():
        raise _Stopped()
    path = Path(argument)
    try:
        found = look_up(path)
    except OSError as exc:  # a name too long, a loop of links: unless it is a pattern, say why
        if not is_pattern(argument):
            raise UsageError(f"{argument}: {exc.strerror or exc}") from None
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        yield from _search(path, stopped)
    elif found is not None:
        yield path
    elif is_pattern(argument):
        import glob  # only for a pattern the shell left unexpanded: not at every export's start

        names = []
        for name in glob.iglob(argument, recursive=True):  # '**' may walk a large tree
            if stopped():
                raise _Stopped()
            names.append(name)
        if not names:
            raise UsageError(f"{argument}: matches no files")
        for match in map(Path, sorted(names)):
            yield from _search(match, stopped) if match.is_dir() else (match,)
    else:
        raise UsageError(f"{argument}: no such file or folder")


def _search(folder: Path, stopped: Callable[[], bool]) -> Iterator[Path]:
    """Summaries and briefs under ``folder``, by their ``format`` key, in sorted walk order.

    Only regular files are looked into: a named pipe would block the search, a device never end.
    """
    for top, folders, files in os.walk(folder):
        if stopped():
            raise _Stopped()
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if stopped():
                raise _Stopped()
            path = Path(top) / name
            if not name.startswith(".") and is_regular_file(path) and peek_format(path) is not None:
                yield path
