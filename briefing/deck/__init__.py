"""PowerPoint deck export: ``render_pptx(brief, template, path) -> ExportedFile`` (``briefing.results``)."""

from briefing.deck.render import render_pptx

__all__ = ["render_pptx"]
