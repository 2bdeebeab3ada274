"""Small subcommands of the ``briefing`` CLI (the batch export lives in ``briefing.batch``)."""
