"""Deck export speed against a bare python-pptx baseline.

    .venv/bin/python bench/bench_deck.py [--runs N]

Times ``render_pptx`` on the bundled brief and on a generated 200-finding
summary against a bare python-pptx baseline, and prints the median of each and
our overhead over the baseline (goal: under 50 %). Runs alternate between the
two, so both see the same machine load.

The baseline uses python-pptx's default template and its public API only: one
blank slide per deck slide of content, each with one plain text box (18 pt,
word wrap, one paragraph per item, no measuring, styling or shapes), saved to
a file:

* title slide: title, subtitle, author, date;
* bottom line: headline, BLUF, the key judgments' headlines;
* one slide per finding: headline, statement, each quote with its citation,
  the actors' names; speaker notes with exactly the text of the deck's notes
  (analyst's note, statement, quotes with citations, actors with roles,
  judgment, theme, tags; built by ``briefing.deck.slides.notes``);
* one timeline slide: each event as "date: event"; speaker notes with exactly
  the deck's timeline notes (each event with its actors);
* sources: article title, publisher, link; closing: the title.

The deck writes more than this (marking banners, kickers, slide numbers, badge
words, the evidence index, "(cont.)" slides), so the comparison favours the
baseline. The baseline names and relates new parts in linear time
(``linear_naming``), as the deck does: python-pptx's own way is quadratic in
the deck's length, and would make the baseline slow for a reason unrelated to
setting text.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.util import Inches, Pt
from timing import interleaved_medians

from briefing.brief import Brief, build_brief
from briefing.dates import PartialDate
from briefing.deck import render_pptx
from briefing.deck.slides.notes import finding_notes, timeline_notes
from briefing.deck.style import load_style
from briefing.formats.load import open_document
from briefing.model import Actor, Evidence, Finding, Source, Summary, Theme, TimelineEvent
from briefing.resources import example_brief

TEXT = (
    "Officials in both capitals describe the new channel as useful but fragile, and expect its value to "
    "depend on delivery over the next year rather than on the announcements made so far"
).split()


def _words(n: int, seed: int) -> str:
    return " ".join(TEXT[(seed + i) % len(TEXT)] for i in range(n)).capitalize() + "."


def generated_summary(findings: int = 200) -> Summary:
    actors = tuple(Actor(f"a{i}", f"Actor number {i}", "person", f"Role {i}") for i in range(12))
    return Summary(
        source=Source("A long generated article", "Publisher", ("A. Author",), "https://example.org/a", PartialDate(2025, 8)),
        headline=_words(18, 1),
        bluf=_words(90, 2),
        themes=(Theme("t", "A theme"),),
        actors=actors,
        findings=tuple(
            Finding(
                id=f"f{i}", title=_words(12 + i % 9, i), statement=_words(40 + i % 30, i + 3), theme="t",
                actors=tuple(a.id for a in actors[i % 5 : i % 5 + 3]),
                evidence=tuple(Evidence(_words(18 + j * 5, i + j), 1 + (i + j) % 40) for j in range(1 + i % 4)),
                confidence=("low", "moderate", "high")[i % 3], likelihood=("likely", "unlikely", None)[i % 3],
                key_judgment=i % 25 == 0,
            )
            for i in range(findings)
        ),
        timeline=tuple(TimelineEvent(PartialDate(2024 + i // 12, i % 12 + 1), _words(8 + i % 6, i)) for i in range(30)),
    )


def linear_naming(prs) -> None:
    """Spare the baseline two costs of python-pptx that grow with the deck: naming each
    notes slide by listing every part of the package, and relating each new slide to
    the presentation after searching all of its relationships for one to reuse. A new
    part has no relationship to find, and its name can come from a counter. Without
    this the baseline would measure a library quirk (quadratic: half its time at 200
    findings), not setting the text."""
    package = prs.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = counters.get(template, 1)
        while template % n in taken:
            n += 1
        counters[template] = n + 1
        taken.add(template % n)
        return PackURI(template % n)

    presentation = prs.part

    def relate_new(target, reltype, is_external=False):
        if is_external:
            return type(presentation).relate_to(presentation, target, reltype, is_external)
        return presentation.rels._add_relationship(reltype, target)

    package.next_partname = next_partname
    presentation.relate_to = relate_new


def baseline(brief: Brief, path: Path) -> None:
    """The same text in plain text boxes on blank slides: no measuring, no styling, no shapes."""
    prs = Presentation()
    linear_naming(prs)
    blank = prs.slide_layouts[6]
    style = load_style()

    def notes_of(paras) -> str:
        return "\n".join(p.text for p in paras)

    def slide(*texts: str, notes: str | None = None) -> None:
        s = prs.slides.add_slide(blank)
        box = s.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(9), Inches(6.5))
        frame = box.text_frame
        frame.word_wrap = True
        for i, text in enumerate(t for t in texts if t):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = text
            p.runs[0].font.size = Pt(18)
        if notes:
            s.notes_slide.notes_text_frame.text = notes

    slide(brief.title, brief.subtitle or "", brief.author or "", brief.date.label() if brief.date else "")
    slide(brief.headline, brief.bluf, *(f.headline for f in brief.key_judgments))
    for f in brief.findings:
        evidence = [f"\u201c{e.quote}\u201d {e.citation}" for e in f.evidence]
        slide(f.headline, f.statement, *evidence, ", ".join(a.name for a in f.actors),
              notes=notes_of(finding_notes(f, style, include_note=True)))
    slide("Timeline", *(f"{e.date.label()}: {e.event}" for e in brief.timeline),
          notes=notes_of(timeline_notes(brief, list(brief.timeline), style)))
    slide("Sources", brief.source.title, brief.source.publisher or "", brief.source.url or "")
    slide(brief.title)
    data = io.BytesIO()
    prs.save(data)
    path.write_bytes(data.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cases = {
        "bundled brief (7 findings)": open_document(example_brief()).build(),
        "generated summary (200 findings)": build_brief(generated_summary()),
    }
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        render_pptx(cases["bundled brief (7 findings)"], None, out / "warm.pptx")  # fonts and template loaded once
        print(f"{'case':36} {'ours':>9} {'baseline':>9} {'overhead':>9}  slides")
        for name, brief in cases.items():
            ours, base = interleaved_medians([lambda: render_pptx(brief, None, out / "ours.pptx"),
                                  lambda: baseline(brief, out / "base.pptx")], args.runs)
            slides = len(Presentation(str(out / "ours.pptx")).slides)
            print(f"{name:36} {ours * 1000:7.0f}ms {base * 1000:7.0f}ms {100 * (ours / base - 1):8.0f}%  {slides}")


if __name__ == "__main__":
    main()
