"""PowerPoint deck export: ``render_pptx(brief, template, path) -> DeckResult``."""

from briefing.deck.render import DeckResult, render_pptx

__all__ = ["DeckResult", "render_pptx"]
