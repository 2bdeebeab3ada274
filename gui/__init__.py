"""Briefing desktop app (PySide6): thin Qt adapters and widgets over the Qt-free ``briefing`` core."""
