"""``render_pptx``: a brief as a native, editable PowerPoint deck."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.brief import Brief
from briefing.deck.ooxml.package import save, set_properties
from briefing.deck.slides.pages import DeckPages
from briefing.deck.slides.sequence import build_deck
from briefing.deck.style import load_style
from briefing.deck.template import TemplateLayouts, open_template
from briefing.resources import data_path
from briefing.results import ExportedFile


def default_template() -> Path:
    return data_path("templates", "deck", "default.pptx")


def render_pptx(brief: Brief, template: str | Path | None, path: str | Path, *, include_notes: bool = True) -> ExportedFile:
    """Write ``brief`` as a deck to ``path`` (atomically) using ``template`` (default: the bundled one).

    ``include_notes=False`` leaves the analyst's notes out of the speaker notes; the
    evidence stays. Raises ``BriefingError`` for a template that is refused or lacks
    the layouts a deck needs.
    """
    source = Path(template) if template else default_template()
    prs, design = open_template(source, load_style().font_name)
    style = load_style().for_page(design.width, design.height)
    layouts = TemplateLayouts(design, style, str(source))
    pages = DeckPages(prs, style, layouts, brief.marking)
    continued = build_deck(pages, brief, include_notes=include_notes)
    when = brief.date or brief.source.published
    themes = dict.fromkeys(f.theme.label for f in brief.findings if f.theme)
    set_properties(
        prs,
        title=brief.title,
        author=brief.author or "",
        subject=brief.source.title,
        category=brief.marking,
        keywords="; ".join(themes),
        when=dt.datetime.combine(when.start, dt.time()) if when else None,
    )
    save(prs, path)
    warnings = tuple(dict.fromkeys(layouts.warnings + pages.warnings + pages.legibility.warnings))
    return ExportedFile(Path(path), "pptx", pages.count, warnings, tuple(continued))
