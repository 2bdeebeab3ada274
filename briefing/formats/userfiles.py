"""Reading a file the user named: bounded in size, every failure one located line."""

from __future__ import annotations

from pathlib import Path

from briefing.diagnostics import BriefingError


def read_bounded(path: str | Path, limit: int, *, name: str | None = None, what: str = "file") -> bytes:
    """The file's bytes; BriefingError when it is missing, a folder, unreadable or over ``limit`` bytes."""
    path = Path(path)
    name = name or str(path)
    try:
        if path.is_dir():
            raise BriefingError.at(name, "is a folder, not a file")
        size = path.stat().st_size
        if size > limit:
            raise BriefingError.at(
                name, f"{what} is too large ({size / (1024 * 1024):.1f} MiB; the limit is {limit // (1024 * 1024)} MiB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BriefingError.at(name, "no such file") from None
    except PermissionError:
        raise BriefingError.at(name, "permission denied") from None
    except IsADirectoryError:
        raise BriefingError.at(name, "is a folder, not a file") from None
    except OSError as exc:
        raise BriefingError.at(name, f"cannot read: {exc.strerror or exc}") from None
