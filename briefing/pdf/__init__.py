"""PDF brief export: ``render_pdf(brief, style, path) -> ExportedFile`` (``briefing.results``).

``style`` is the name of a style sheet in ``templates/styles`` (``default`` for
A4, ``letter`` for US Letter), a path to a YAML style sheet, or None for the
default. See docs/pdf.md.
"""

from briefing.pdf.render import render_pdf, render_pdf_bytes
from briefing.pdf.stylesheet import StyleSheet, load_style, style_names

__all__ = ["StyleSheet", "load_style", "render_pdf", "render_pdf_bytes", "style_names"]
