from briefing.cli import command

raise SystemExit(command())
