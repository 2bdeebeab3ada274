"""Briefing: turn structured article summaries into analyst briefs.

The package is the Qt-free core: formats, loading, the brief model, exporters
and the command line. The desktop app lives in ``briefing_gui`` and imports
this package, never the reverse.
"""

__version__ = "0.1.0"
