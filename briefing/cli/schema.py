"""``briefing schema [summary|brief]``"""

from __future__ import annotations

import json

from briefing.formats.load import schema
from briefing.model import BRIEF_FORMAT, SUMMARY_FORMAT


def combined_schema() -> dict:
    """One schema that accepts either format (chosen by its ``format`` key), for editors."""
    summary, brief = schema(SUMMARY_FORMAT), schema(BRIEF_FORMAT)
    # Namespace the summary's definitions so both formats fit in one document.
    summary = json.loads(json.dumps(summary).replace('"#/$defs/', '"#/$defs/summary.'))
    defs = {f"summary.{k}": v for k, v in summary.pop("$defs").items()}
    defs["summary"] = {k: v for k, v in summary.items() if not k.startswith("$")}
    defs["brief"] = {k: v for k, v in brief.items() if not k.startswith("$")}
    return {
        "$schema": brief["$schema"],
        "title": "Briefing files (summary/1 or brief/1)",
        "oneOf": [{"$ref": "#/$defs/summary"}, {"$ref": "#/$defs/brief"}],
        "$defs": defs,
    }


def run(args) -> int:
    document = schema(f"{args.which}/1") if args.which else combined_schema()
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0
