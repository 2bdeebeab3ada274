"""``briefing export PATH...``: the batch export (``briefing.batch``), planned before anything is written."""

from __future__ import annotations


def run(args) -> int:
    # First: Ctrl-C and SIGTERM are a stop request from here on, so that a stop at any moment,
    # even while the batch's modules are imported, ends with the report an interrupted run promises.
    from briefing.batch.stopsignals import StopSignals

    with StopSignals() as stop:
        return _run(args, stop)


def _run(args, stop) -> int:
    from briefing.batch import collector
    from briefing.cli import deferred

    deferred.defer()  # before python-pptx and ReportLab import the modules they seldom use

    collector.hold()  # while the renderers are imported; the batch releases it once they are
    try:
        with deferred.patterns_compiled_on_use():  # PyYAML, python-pptx and ReportLab are imported in here
            from briefing.batch.command import run_cli

            return run_cli(args, stop)
    finally:
        collector.release()
