"""``briefing export PATH...``: the batch export (``briefing.batch``), planned before anything is written."""

from __future__ import annotations


def run(args) -> int:
    from briefing.batch import collector

    collector.hold()  # while the renderers are imported; the batch releases it once they are
    try:
        from briefing.batch.command import run_cli

        return run_cli(args)
    finally:
        collector.release()
