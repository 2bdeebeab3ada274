"""How long the PDF brief takes, against bare ReportLab setting the same text.

    .venv/bin/python bench/bench_pdf.py [--runs N]

Two inputs: the bundled brief (7 findings) and a generated summary of 200
findings. Each run renders the whole PDF (``render_pdf``, written to a file);
runs of the renderer and of the baseline alternate, and the table shows the
median CPU time of each and the overhead of Briefing's renderer over the
baseline (the goal: under 50 %).

The baseline (``baseline()``) sets every string the brief prints, in the same
order, as plain ``Paragraph``s in ReportLab's sample styles
(``SimpleDocTemplate`` + ``getSampleStyleSheet``: built-in Helvetica, which is
not embedded): title, subtitle, byline ("Prepared by ... · date · For ..."),
the bottom-line label and text, the key judgments (headline; ICD 203 words ·
"see finding N"), every finding (numbered headline; statement with its note
numbers as plain text; "Judgment: ... · Priority: ..."; "Actors: ... · Theme:
..."; the comment label and the analyst's note in Italic; each quote as
"N “quote” (¶ 12)"), the timeline (caption, column names, one line per event
with its number, date, text and "(see finding N)"), the actors (column names,
one line per actor) and the source fields. Every page gets the marking at top
and bottom, the running title and date (after the first page), the author and
"Page N of M" with canvas.drawString, the total filled in by ReportLab's
one-pass ``NumberedCanvas`` recipe. It writes streams as Briefing does
(compressed, without the ASCII85 layer). It draws no boxes, rules, tables,
figure, superscripts, links or bookmarks and embeds no font.

The next two columns: the same baseline with the faces the brief embeds (the
style sheet's Noto Sans regular, bold and italic) instead of Helvetica, and
Briefing's overhead over that (the goal: at most 10 %). Embedding a Unicode
font costs the same whoever sets the text; on a short document it is a large
share of the time.

The last two columns are Typst's compiler (the PyPI ``typst`` package, in this
process, warm) on the same strings in Noto Sans (bench/peers.py), and
Briefing's time over Typst's. Times are CPU time of this process.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peers import typst_compile, write_typst
from reportlab import rl_config
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate
from timing import interleaved_medians

from briefing import icd203
from briefing.brief import Brief, build_brief
from briefing.dates import PartialDate
from briefing.formats.load import open_document
from briefing.model import Evidence, TimelineEvent
from briefing.pdf import load_style, render_pdf
from briefing.pdf.fontset import FontSet
from briefing.resources import example_brief, example_summary

SEP = " \u00b7 "  # between items on one line, as the brief sets them


def large_summary_brief(count: int = 200) -> Brief:
    """The example summary's findings repeated to ``count``, each with three quotes and a timeline event."""
    summary = open_document(example_summary()).summary
    base = summary.findings
    findings, timeline = [], []
    for i in range(count):
        f = base[i % len(base)]
        evidence = tuple(f.evidence[j % len(f.evidence)] for j in range(3)) if f.evidence else (Evidence("quote", 1),)
        findings.append(dataclasses.replace(f, id=f"{f.id}-{i}", title=f"{f.title} ({i + 1})", evidence=evidence,
                                            key_judgment=i % 10 == 0))
        if i % 5 == 0:
            timeline.append(TimelineEvent(PartialDate(2020 + i // 60, i % 12 + 1), f"Event {i}: {f.title}",
                                          f.actors, f"{f.id}-{i}"))
    big = dataclasses.replace(summary, findings=tuple(findings), timeline=tuple(timeline))
    return build_brief(big)


def baseline(brief: Brief, path: Path, faces: dict[str, str] | None = None) -> None:
    """Bare ReportLab: the words the brief prints, in default styles, written to ``path``.

    ``faces`` replaces Helvetica's regular, bold, italic and bold italic by
    registered fonts (for the diagnostic run with embedded fonts).
    """
    words = load_style(None).label  # the brief's fixed words ("Judgment", "see finding 3", ...)
    styles = getSampleStyleSheet()
    helvetica = {"Helvetica": "regular", "Helvetica-Bold": "bold", "Helvetica-Oblique": "italic",
                 "Helvetica-BoldOblique": "bolditalic"}
    font = faces["regular"] if faces else "Helvetica"
    if faces:
        for style in styles.byName.values():
            for attribute in ("fontName", "bulletFontName"):
                if getattr(style, attribute, None) in helvetica:
                    setattr(style, attribute, faces[helvetica[getattr(style, attribute)]])
    p = lambda text, style="Normal": Paragraph(escape(text), styles[style])
    story = [p(brief.title, "Title")]
    if brief.subtitle:
        story.append(p(brief.subtitle))
    byline = [f"{words('prepared_by')} {brief.author}" if brief.author else "",
              brief.date.label() if brief.date else "",
              f"{words('for')} {brief.audience}" if brief.audience else ""]
    story.append(p(SEP.join(part for part in byline if part)))
    story += [p(words("bottom_line"), "Heading2"), p(brief.bluf)]
    if brief.key_judgments:
        story.append(p(words("key_judgments"), "Heading2"))
    for f in brief.key_judgments:
        story += [p(f.headline, "Heading4"),
                  p(f"{icd203.describe(f.confidence, f.likelihood)}{SEP}{words('see_finding', number=f.number)}")]
    story.append(p(words("findings"), "Heading2"))
    note = 0
    for f in brief.findings:
        refs = ",".join(str(note + i) for i in range(1, len(f.evidence) + 1))
        story += [p(f"{f.number}. {f.headline}", "Heading3"),
                  p(f"{f.statement} {refs}")]
        judgment = [f"{words('judgment')}: {icd203.describe(f.confidence, f.likelihood)}",
                    f"{words('priority')}: {f.priority}" if f.priority else ""]
        story.append(p(SEP.join(part for part in judgment if part)))
        actors = [f"{words('actors_field')}: {', '.join(a.name for a in f.actors)}" if f.actors else "",
                  f"{words('theme')}: {f.theme.label}" if f.theme else ""]
        if any(actors):
            story.append(p(SEP.join(part for part in actors if part)))
        if f.note:
            story += [p(words("analyst_comment")), p(f.note, "Italic")]
        for e in f.evidence:
            note += 1
            story.append(p(f"{note} \u201c{e.quote}\u201d ({e.citation})"))
    if brief.timeline:
        story.append(p(words("timeline"), "Heading2"))
        if any(e.date.precision != "day" for e in brief.timeline):
            story.append(p(words("timeline_caption")))
        story.append(p(" ".join(words(k) for k in ("number", "date", "event"))))
        number_of = {f.id: f.number for f in brief.findings}
        for n, e in enumerate(brief.timeline, start=1):
            see = f" ({words('see_finding', number=number_of[e.finding])})" if e.finding in number_of else ""
            story.append(p(f"{n} {e.date.label()} {e.event}{see}"))
    if brief.cited_actors:
        story.append(p(words("actors"), "Heading2"))
        story.append(p(" ".join(words(k) for k in ("name", "kind", "role"))))
        story += [p(f"{a.name} {a.kind.capitalize()} {a.role or ''}") for a in brief.cited_actors]
    src = brief.source
    story.append(p(words("sources"), "Heading2"))
    fields = [("title", src.title), ("publisher", src.publisher), ("authors", ", ".join(src.authors)),
              ("published", src.published.label() if src.published else None), ("link", src.url)]
    story += [p(f"{words(key)}: {value}") for key, value in fields if value]

    def furniture(canvas, doc) -> None:  # the marking, running header and footer of every page
        canvas.saveState()
        canvas.setFont(font, 8)
        width, height = doc.pagesize
        if brief.marking:
            canvas.drawCentredString(width / 2, height - 25, brief.marking)
            canvas.drawCentredString(width / 2, 22, brief.marking)
        if doc.page > 1:
            canvas.drawString(doc.leftMargin, height - 45, brief.title)
            if brief.date:
                canvas.drawRightString(width - doc.rightMargin, height - 45, brief.date.label())
        if brief.author:
            canvas.drawString(doc.leftMargin, 40, brief.author)
        canvas.restoreState()

    class NumberedCanvas(Canvas):  # ReportLab's one-pass "Page N of M" recipe
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawRightString(self._pagesize[0] - 72, 40, words("page", page=self._pageNumber, pages=total))
                super().showPage()
            super().save()

    saved = rl_config.useA85
    rl_config.useA85 = 0  # the same stream encoding as Briefing's renderer (see the module docstring)
    try:
        SimpleDocTemplate(str(path)).build(story, onFirstPage=furniture, onLaterPages=furniture,
                                           canvasmaker=NumberedCanvas)
    finally:
        rl_config.useA85 = saved


def embedded_faces() -> dict[str, str]:
    """The faces the brief embeds (the default sheet's body family: regular, bold, italic), registered
    with ReportLab: face -> font name. Helvetica's bold italic (Heading4) maps to bold, as the brief has
    no bold italic text."""
    sheet = load_style(None)
    fonts = FontSet(sheet, "")
    family = sheet.paragraphs["body"].font
    bold = fonts.font_name(family, bold=True)
    return {"regular": fonts.font_name(family), "bold": bold, "italic": fonts.font_name(family, italic=True),
            "bolditalic": bold}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cases = [("bundled brief (7 findings)", open_document(example_brief()).build()),
             ("summary of 200 findings", large_summary_brief(200))]
    faces = embedded_faces()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.pdf"
        bare_target = Path(folder) / "baseline.pdf"
        typst_target = Path(folder) / "typst.pdf"
        print(f"{'input':28} {'pages':>5} {'briefing':>10} {'baseline':>10} {'overhead':>9}   "
              f"{'baseline, Noto embedded':>24} {'overhead':>9}   {'typst.compile':>14} {'ratio':>6}")
        for n, (name, brief) in enumerate(cases):
            pages = render_pdf(brief, None, target).pages
            typ = write_typst(brief, Path(folder) / f"typst-{n}")
            ours, bare, noto, typst = interleaved_medians([lambda: render_pdf(brief, None, target),
                                        lambda: baseline(brief, bare_target),
                                        lambda: baseline(brief, bare_target, faces),
                                        lambda: typst_compile(typ, typst_target)], args.runs,
                                       clock=time.process_time, warm_up=True)
            print(f"{name:28} {pages:>5} {ours * 1000:>8.1f}ms {bare * 1000:>8.1f}ms "
                  f"{100 * (ours / bare - 1):>8.0f}%   {noto * 1000:>22.1f}ms {100 * (ours / noto - 1):>8.0f}%   "
                  f"{typst * 1000:>12.1f}ms {ours / typst:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
