"""``render_pptx``: a brief as a native, editable PowerPoint deck."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.brief import Brief
from briefing.deck.layoutmap import read_layout_map
from briefing.deck.ooxml.package import save, set_properties
from briefing.deck.slides.pages import DeckPages
from briefing.deck.slides.sequence import build_deck, deck_steps
from briefing.deck.style import load_style
from briefing.deck.template import TemplateLayouts, open_template
from briefing.resources import data_path
from briefing.results import ExportedFile
from briefing.steps import step


def default_template() -> Path:
    return data_path("templates", "deck", "default.pptx")


def render_pptx(brief: Brief, template: str | Path | None, path: str | Path, *, include_notes: bool = True,
                layouts: str | Path | None = None) -> ExportedFile:
    """Write ``brief`` as a deck to ``path`` (atomically) using ``template`` (default: the bundled one).

    ``include_notes=False`` leaves the analyst's notes out of the speaker notes; the
    evidence stays. Raises ``BriefingError`` for a template that is refused or lacks
    the layouts a deck needs.
    """
    source = Path(template) if template else default_template()
    prs, design = open_template(source, load_style().font_name)
    style = load_style().for_page(design.width, design.height)
    chooser = TemplateLayouts(design, style, str(source), read_layout_map(layouts) if layouts else None)
    pages = DeckPages(prs, style, chooser, brief.marking, brief.language)
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
    step(deck_steps(brief), deck_steps(brief))
    warnings = tuple(dict.fromkeys(chooser.warnings + pages.warnings + pages.legibility.warnings))
    return ExportedFile(Path(path), "pptx", pages.count, warnings, tuple(continued))


def prepare_template(template: str | Path | None) -> None:
    """Open ``template`` (default: the bundled one) now, so that the decks made from it in this
    process start from the opened template (``briefing.deck.template.open_template``)."""
    open_template(Path(template) if template else default_template(), load_style().font_name)


def check_layouts(template: str | Path | None, layouts: str | Path) -> None:
    """Raise the located error of a layout mapping that does not fit ``template``."""
    source = Path(template) if template else default_template()
    _, design = open_template(source, load_style().font_name)
    chooser = TemplateLayouts(design, load_style().for_page(design.width, design.height), str(source), read_layout_map(layouts))
    for role in ("title", "bottom_line", "finding", "timeline", "sources", "closing"):
        chooser.frame(role)
