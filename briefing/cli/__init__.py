"""The ``briefing`` command: thin wiring over the library, one module per subcommand.

Only the subcommand that runs is imported (``briefing export`` never loads the
schema printer, the importer or Qt), and each imports its heavy libraries
(python-pptx, ReportLab) only inside ``run``, so every start pays for what it
uses and nothing else. Exit codes live in ``briefing.exits``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from briefing import __version__
from briefing.exits import Exit

# Each subcommand's module under briefing.cli, imported when that subcommand runs.
SUBCOMMAND_MODULES = {
    "validate": "validate",
    "export": "export",
    "schema": "schema",
    "import": "import_article",
    "template-info": "template_info",
    "gui": "gui",
}


def subcommand_module(command: str):
    """The module that runs ``command`` (its ``run(args)`` does the work)."""
    return importlib.import_module(f"briefing.cli.{SUBCOMMAND_MODULES[command]}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every subcommand, or given ``command``, that one only.

    Each subcommand's parser costs the start gettext's look-ups for its own help lines
    (some 4 ms for the five a ``briefing export`` does not use). ``main`` builds them all
    for anything but a known subcommand, so the top-level help and an unknown command's
    message list them all; a subcommand's own help and messages are the same either way."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn structured article summaries (summary/1) and analysts' briefs (brief/1) "
        "into PowerPoint decks and PDF briefs.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, add_arguments) in _SUBCOMMANDS.items():
        if command is None or name == command:
            add_arguments(commands.add_parser(name, help=summary))
    return parser


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--source", metavar="ARTICLE", help="check every evidence quote against this article text")
    validate.add_argument("-q", "--quiet", action="store_true", help="print errors only, not warnings")
    validate.add_argument("--allow-outside-paths", action="store_true", help="let a brief name a summary outside its own folder (an absolute path or ..)")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (searched by 'format' key) or globs")
    export.add_argument("-f", "--format", choices=("pptx", "pdf", "all"), default="all", help="what to write (default: all)")
    export.add_argument("-o", "--out", metavar="DIR", help="output folder (default: beside each input)")
    export.add_argument("--template", metavar="PATH", help="a .pptx or .potx deck template")
    export.add_argument("--layouts", metavar="MAP.yaml", help="which template layout each kind of slide uses (see template-info)")
    export.add_argument("--style", metavar="NAME|PATH", help="a PDF style sheet name or YAML file")
    export.add_argument("-j", "--jobs", type=int, metavar="N", help="parallel worker processes (default: CPU count)")
    export.add_argument("--shard", metavar="I/N", help="export only the I-th of N stable, disjoint slices (1-based)")
    export.add_argument("--report", metavar="FILE.json", help="write a JSON record per input")
    export.add_argument("--no-notes", action="store_true", help="leave the analyst's notes out of the outputs")
    export.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS", help="per-file time limit (default: 300)")
    export.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    export.add_argument("--allow-outside-paths", action="store_true", help="let a brief name a summary outside its own folder (an absolute path or ..)")


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("which", nargs="?", choices=("summary", "brief"), help="one format (default: a schema for both)")


def _import_arguments(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("article", metavar="ARTICLE")
    imp.add_argument("-o", "--output", metavar="SUMMARY.yaml", help="where to write the draft (default: beside the article)")
    imp.add_argument("--force", action="store_true", help="overwrite an existing output file")
    imp.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date, for resolving dates such as 'in March'")


def _template_info_arguments(info: argparse.ArgumentParser) -> None:
    info.add_argument("template", metavar="TEMPLATE", help="a .pptx or .potx")
    info.add_argument("--layouts", metavar="MAP.yaml", help="a layout mapping to check against the template")


def _gui_arguments(gui: argparse.ArgumentParser) -> None:
    gui.add_argument("file", nargs="?", metavar="FILE")


# Each subcommand: its line in the top-level help, and what adds its arguments (in the help's order).
_SUBCOMMANDS = {
    "validate": ("check summary and brief files; print FILE:LINE:COL problems", _validate_arguments),
    "export": ("export summaries and briefs to decks and PDF briefs", _export_arguments),
    "schema": ("print the JSON Schema of the file formats", _schema_arguments),
    "import": ("turn an article (text) into a draft summary", _import_arguments),
    "template-info": ("show a deck template's masters, layouts, fonts and colours, and the layouts a deck would use", _template_info_arguments),
    "gui": ("open the desktop app", _gui_arguments),
}


def _subcommand_named(argv: Sequence[str]) -> str | None:
    """The subcommand the command line starts with, if any (after a top-level option such as
    ``-h``, every subcommand is built: the top-level help lists them all)."""
    return argv[0] if argv and argv[0] in _SUBCOMMANDS else None


def command() -> int:
    """The ``briefing`` command's process entry (``python -m briefing``, the ``briefing`` script).

    ``main`` is what programs and tests call; export's start-up tuning lives with the export
    (``briefing.cli.export``, ``briefing.batch.collector``). For an export, a stop from here on
    is recorded (``briefing.batch.earlystop``) until the export holds the stop signals, so that
    it too ends in the report an interrupted run promises."""
    if sys.argv[1:2] == ["export"]:
        from briefing.batch import earlystop

        earlystop.record()
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    try:
        parser = build_parser(_subcommand_named(words))
        args = parser.parse_args(words)
    except KeyboardInterrupt:  # Ctrl-C before the subcommand starts: one line, no traceback
        print("briefing: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    if not args.command:
        parser.print_help()
        return Exit.USAGE
    from briefing.diagnostics import BriefingError, one_line

    try:
        return subcommand_module(args.command).run(args)
    except BriefingError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return Exit.FAILED
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return Exit.FAILED
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(one_line(f"briefing: internal error: {type(exc).__name__}: {exc} (set BRIEFING_DEBUG=1 for details)"), file=sys.stderr)
        return Exit.FAILED
