"""Briefing desktop app (PySide6): thin Qt adapters and widgets over the Qt-free ``briefing`` core."""

from .compat import keep_none_alive

keep_none_alive()  # before any window exists: see compat.py
