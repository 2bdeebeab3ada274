"""``briefing validate FILE...``"""

from __future__ import annotations

import sys

from briefing.formats.load import check


def run(args) -> int:
    failed = False
    outside = getattr(args, "allow_outside_paths", False)
    for name in args.files:
        diagnostics = check(name, allow_outside_paths=outside)
        if args.source:
            from briefing.importer.sourcecheck import check_quotes_against

            diagnostics += check_quotes_against(name, args.source, allow_outside_paths=outside)
        for diagnostic in diagnostics:
            if diagnostic.is_error or not args.quiet:
                print(diagnostic, file=sys.stderr if diagnostic.is_error else sys.stdout)
        failed |= any(d.is_error for d in diagnostics)
    if not args.quiet:
        total = len(args.files)
        print(f"{total} file{'s' if total != 1 else ''} checked: {'problems found' if failed else 'all valid'}")
    return 1 if failed else 0
