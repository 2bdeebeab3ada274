"""PDF brief export: ``render_pdf(brief, style, path)``."""
