"""Where the data shipped with Briefing lives: templates, assets (fonts, icons, the example), schemas.

In a wheel they sit inside the ``briefing`` package; in a source checkout they
are the top-level folders beside it.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(kind: str) -> Path:
    """The folder of one kind of data: ``templates``, ``assets`` or ``schema``."""
    for candidate in (_HERE / kind, _HERE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Briefing's {kind} folder is missing from this installation")


def data_path(kind: str, *parts: str) -> Path:
    return data_dir(kind).joinpath(*parts)


def example_summary() -> Path:
    return data_path("assets", "us-pakistan-reset.yaml")


def example_brief() -> Path:
    return data_path("assets", "us-pakistan-reset.brief.yaml")
