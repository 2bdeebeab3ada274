"""The floor under a one-file export: import the libraries a format needs, as Briefing imports them.

    python bench/import_floor.py deck|pdf

Briefing's export defers what those libraries import at their top but a plain
document never runs (``briefing.cli.deferred``: Pillow, urllib.request,
uharfbuzz, pickle, socket, and some patterns compiled on first use), so a
process importing the libraries plainly (``python -c "import pptx, ..."``) pays
more than the export has to. This process imports the same libraries behind the
same deferrals and does nothing else: no export of that format can start faster.
"""

import sys

from briefing.cli import deferred

deferred.defer()
with deferred.patterns_compiled_on_use():
    if sys.argv[1:] == ["deck"]:
        import jsonschema_rs
        import pptx  # noqa: F401
        import yaml
    elif sys.argv[1:] == ["pdf"]:
        import jsonschema_rs  # noqa: F401
        import reportlab.pdfbase.ttfonts
        import reportlab.platypus  # noqa: F401
        import yaml  # noqa: F401
    else:
        sys.exit("usage: import_floor.py deck|pdf")
