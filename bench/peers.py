"""The same brief for the peers we compare with: Markdown slides for Pandoc, a Typst document for Typst.

Fair comparisons need the same content, so both are made from the ``Brief``
Briefing exports, with the words Briefing prints:

* ``pandoc_markdown``: the slides of the deck (bench_deck.py's baseline has
  the same list): a title slide (title, subtitle, author, date); the bottom line
  (headline, BLUF, each key judgment's headline); one slide per finding
  (headline, statement, each quote with its citation, the actors) with speaker
  notes holding exactly the deck's notes; the timeline with the deck's timeline
  notes; the sources; a closing slide.
* ``typst_document``: the PDF brief (bench_pdf.py's baseline prints the same
  strings): title, subtitle, byline, bottom line, key judgments, each finding
  (numbered headline, statement with note numbers, judgment and priority,
  actors and theme, the analyst's comment, each numbered quote with its
  citation), the timeline and actors as tables, the source's fields; every page
  has the marking at top and bottom, a running title and date after the first,
  the author and "Page N of M". The text is set in Noto Sans from Briefing's
  fonts folder (the faces the brief embeds); the data reaches Typst as JSON, so
  no text is parsed as markup.

Neither peer draws what only Briefing draws (badges, the evidence index,
"(cont.)" slides, boxes and rules): the comparison favours them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefing import icd203
from briefing.brief import Brief
from briefing.deck.slides.notes import finding_notes, timeline_notes
from briefing.deck.style import load_style as load_deck_style
from briefing.pdf import load_style as load_pdf_style
from briefing.resources import data_path

FONTS = data_path("assets", "fonts")
SEP = " \u00b7 "

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~^$@\"'])")


def _md(text: str | None) -> str:
    """Text for Pandoc's Markdown, taken literally, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _notes(paras) -> list[str]:
    lines = ["::: notes"]
    for p in paras:
        lines += [_md(p.text), ""]
    return lines + [":::", ""]


def pandoc_markdown(brief: Brief) -> str:
    style = load_deck_style()
    date = brief.date.label() if brief.date else ""
    lines = [f"% {_md(brief.title)}", f"% {_md(brief.author or '')}", f"% {_md(date)}", ""]
    if brief.subtitle:
        lines += ["## " + _md(brief.title), "", _md(brief.subtitle), ""]
    lines += ["## " + _md(brief.headline), "", _md(brief.bluf), ""]
    lines += [f"- {_md(f.headline)}" for f in brief.key_judgments] + [""]
    for f in brief.findings:
        lines += ["## " + _md(f.headline), "", _md(f.statement), ""]
        lines += [f"> \u201c{_md(e.quote)}\u201d {_md(e.citation)}\n" for e in f.evidence]
        if f.actors:
            lines += [_md(", ".join(a.name for a in f.actors)), ""]
        lines += _notes(finding_notes(f, style, include_note=True))
    lines += ["## Timeline", ""] + [f"- {_md(e.date.label())}: {_md(e.event)}" for e in brief.timeline] + [""]
    lines += _notes(timeline_notes(brief, list(brief.timeline), style))
    lines += ["## Sources", "", _md(brief.source.title), "", _md(brief.source.publisher), "", _md(brief.source.url), ""]
    lines += ["## " + _md(brief.title), ""]
    return "\n".join(lines)


TYPST_TEMPLATE = r"""
#let d = json("brief.json")
#set document(title: d.title)
#set text(font: "Noto Sans", size: 10pt)
#set page(paper: "us-letter", margin: (x: 1in, y: 1in),
  header: context {
    set text(size: 8pt)
    align(center, d.marking)
    if counter(page).get().first() > 1 { grid(columns: (1fr, auto), d.title, d.date) }
  },
  footer: context {
    set text(size: 8pt)
    grid(columns: (1fr, auto), d.author,
      d.page_word.replace("{page}", str(counter(page).get().first()))
        .replace("{pages}", str(counter(page).final().first())))
    align(center, d.marking)
  })
#text(size: 20pt, weight: "bold", d.title)
#if d.subtitle != "" [ #par(d.subtitle) ]
#par(d.byline)
== #d.words.bottom_line
#par(d.bluf)
#if d.key_judgments.len() > 0 [ == #d.words.key_judgments ]
#for k in d.key_judgments [ #par(strong(k.headline)) #par(k.line) ]
== #d.words.findings
#for f in d.findings [
  === #f.heading
  #par(f.statement)
  #par(f.judgment)
  #if f.actors != "" [ #par(f.actors) ]
  #if f.note != "" [ #par(d.words.analyst_comment) #par(emph(f.note)) ]
  #for q in f.quotes [ #par(q) ]
]
#if d.timeline.len() > 0 [
  == #d.words.timeline
  #if d.timeline_caption != "" [ #par(d.timeline_caption) ]
  #table(columns: (auto, auto, 1fr), ..d.timeline_head, ..d.timeline.flatten())
]
#if d.actors.len() > 0 [
  == #d.words.actors
  #table(columns: (auto, auto, 1fr), ..d.actors_head, ..d.actors.flatten())
]
== #d.words.sources
#for s in d.sources [ #par(s) ]
"""


def typst_data(brief: Brief) -> dict:
    """The strings the PDF brief prints, as JSON for ``TYPST_TEMPLATE``."""
    words = load_pdf_style(None).label
    byline = [f"{words('prepared_by')} {brief.author}" if brief.author else "",
              brief.date.label() if brief.date else "",
              f"{words('for')} {brief.audience}" if brief.audience else ""]
    findings, note = [], 0
    for f in brief.findings:
        refs = ",".join(str(note + i) for i in range(1, len(f.evidence) + 1))
        judgment = [f"{words('judgment')}: {icd203.describe(f.confidence, f.likelihood)}",
                    f"{words('priority')}: {f.priority}" if f.priority else ""]
        actors = [f"{words('actors_field')}: {', '.join(a.name for a in f.actors)}" if f.actors else "",
                  f"{words('theme')}: {f.theme.label}" if f.theme else ""]
        quotes = []
        for e in f.evidence:
            note += 1
            quotes.append(f"{note} \u201c{e.quote}\u201d ({e.citation})")
        findings.append({"heading": f"{f.number}. {f.headline}", "statement": f"{f.statement} {refs}",
                         "judgment": SEP.join(p for p in judgment if p), "actors": SEP.join(p for p in actors if p),
                         "note": f.note or "", "quotes": quotes})
    number_of = {f.id: f.number for f in brief.findings}
    timeline = []
    for n, e in enumerate(brief.timeline, start=1):
        see = f" ({words('see_finding', number=number_of[e.finding])})" if e.finding in number_of else ""
        timeline.append([str(n), e.date.label(), f"{e.event}{see}"])
    src = brief.source
    fields = [("title", src.title), ("publisher", src.publisher), ("authors", ", ".join(src.authors)),
              ("published", src.published.label() if src.published else None), ("link", src.url)]
    return {
        "title": brief.title, "subtitle": brief.subtitle or "", "author": brief.author or "",
        "date": brief.date.label() if brief.date else "", "marking": brief.marking or "",
        "byline": SEP.join(p for p in byline if p), "bluf": brief.bluf,
        "page_word": words("page", page="{page}", pages="{pages}"),
        "words": {k: words(k) for k in ("bottom_line", "key_judgments", "findings", "analyst_comment", "timeline",
                                        "actors", "sources")},
        "key_judgments": [{"headline": f.headline,
                           "line": f"{icd203.describe(f.confidence, f.likelihood)}{SEP}{words('see_finding', number=f.number)}"}
                          for f in brief.key_judgments],
        "findings": findings,
        "timeline_caption": words("timeline_caption") if any(e.date.precision != "day" for e in brief.timeline) else "",
        "timeline_head": [words(k) for k in ("number", "date", "event")],
        "timeline": timeline,
        "actors_head": [words(k) for k in ("name", "kind", "role")],
        "actors": [[a.name, a.kind.capitalize(), a.role or ""] for a in brief.cited_actors],
        "sources": [f"{words(key)}: {value}" for key, value in fields if value],
    }


def write_typst(brief: Brief, folder: Path) -> Path:
    """``folder/brief.typ`` and the ``brief.json`` it reads; returns the .typ file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief.json").write_text(json.dumps(typst_data(brief), ensure_ascii=False), encoding="utf-8")
    source = folder / "brief.typ"
    source.write_text(TYPST_TEMPLATE, encoding="utf-8")
    return source


def typst_compile(source: Path, output: Path) -> None:
    """Typst's compiler on ``source`` with Briefing's fonts only (no system font scan)."""
    import typst

    typst.compile(str(source), output=str(output), font_paths=[str(FONTS)], ignore_system_fonts=True)
