"""``briefing gui [FILE]``: the desktop app, the one place the core's command line reaches into ``briefing_gui``.

The import is direct (import-linter sees it and allows exactly this edge) and
happens only when the subcommand runs, so the rest of the CLI never loads Qt.
"""

from __future__ import annotations


def run(args) -> int:
    from briefing_gui.app import run_cli

    return run_cli(args)
