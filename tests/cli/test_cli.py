"""The briefing command itself: version, help, lazy imports, exit codes, the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from briefing import __version__
from briefing.formats.load import schema

REPO = Path(__file__).resolve().parents[2]


def test_version_and_help(briefing_cli):
    assert briefing_cli("--version").stdout.strip() == f"briefing {__version__}"
    result = briefing_cli("--help")
    assert result.returncode == 0
    for command in ("validate", "export", "schema", "import", "gui"):
        assert command in result.stdout


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pptx', 'reportlab', 'briefing_gui')]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_validate_accepts_the_example(briefing_cli, example_summary, example_brief):
    result = briefing_cli("validate", str(example_summary), str(example_brief))
    assert result.returncode == 0, result.stderr
    assert "all valid" in result.stdout


def test_no_command_and_bad_usage_exit_2(briefing_cli):
    assert briefing_cli().returncode == 2
    result = briefing_cli("validate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_schema_command_prints_the_kept_schemas(briefing_cli):
    for which in ("summary", "brief"):
        printed = json.loads(briefing_cli("schema", which).stdout)
        kept = json.loads((REPO / "schema" / f"{which}.schema.json").read_text(encoding="utf-8"))
        assert printed == kept == schema(f"{which}/1")


def test_the_combined_schema_accepts_both_example_files(briefing_cli, example_summary, example_brief):
    from briefing.formats.yamlread import read_yaml

    combined = json.loads(briefing_cli("schema").stdout)
    validator = jsonschema.Draft202012Validator(combined)
    validator.check_schema(combined)
    for path in (example_summary, example_brief):
        assert not list(validator.iter_errors(read_yaml(path).data)), path
    assert list(validator.iter_errors({"format": "summary/1"}))


def _subparsers(parser) -> dict:
    import argparse

    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return action.choices


def test_a_subcommand_parsed_alone_reads_and_helps_as_with_every_subcommand_built():
    """``main`` builds only the named subcommand's parser: its arguments, help and usage are the
    same as in the parser with all of them, and the others are not made."""
    from briefing.cli import _SUBCOMMANDS, build_parser

    full = build_parser()
    assert list(_subparsers(full)) == list(_SUBCOMMANDS)
    for name in _SUBCOMMANDS:
        alone = _subparsers(build_parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == _subparsers(full)[name].format_help()
    argv = ["export", "a.yaml", "b.yaml", "-f", "pdf", "-j", "3", "--shard", "1/2", "--no-notes", "-q"]
    assert build_parser("export").parse_args(argv) == full.parse_args(argv)


def test_the_top_level_help_and_an_unknown_command_still_list_every_subcommand(briefing_cli):
    result = briefing_cli("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
    for name in ("validate", "export", "schema", "import", "template-info", "gui"):
        assert f"'{name}'" in result.stderr
    for help_first in (("--help",), ("-h", "export")):
        assert "template-info" in briefing_cli(*help_first).stdout
    assert "the following arguments are required: PATH" in briefing_cli("export").stderr
