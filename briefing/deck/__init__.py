"""PowerPoint deck export: ``render_pptx(brief, template, path)``."""
