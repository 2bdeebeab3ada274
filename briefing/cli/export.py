"""``briefing export PATH...``: the batch export (``briefing.batch``), planned before anything is written."""

from __future__ import annotations


def run(args) -> int:
    from briefing.batch.command import run_cli

    return run_cli(args)
