"""How long the PDF brief takes, against bare ReportLab setting the same text.

    .venv/bin/python bench/bench_pdf.py [--runs N]

Two inputs: the bundled brief (7 findings) and a generated summary of 200
findings. The baseline sets the same strings with ReportLab's sample styles
(SimpleDocTemplate + getSampleStyleSheet, built-in Helvetica, no tables, boxes,
figure, font fallback, bookmarks or page totals). Prints the median of each and
the overhead of Briefing's renderer over the baseline (the goal: under 50 %).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from briefing import icd203  # noqa: E402
from briefing.brief import Brief, build_brief  # noqa: E402
from briefing.dates import PartialDate  # noqa: E402
from briefing.load import open_document  # noqa: E402
from briefing.model import Evidence, TimelineEvent  # noqa: E402
from briefing.pdf import render_pdf  # noqa: E402
from briefing.resources import example_brief, example_summary  # noqa: E402


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


def baseline(brief: Brief, path: Path) -> None:
    """Bare ReportLab: the same words in default styles, written to ``path``."""
    styles = getSampleStyleSheet()
    p = lambda text, style="Normal": Paragraph(escape(text), styles[style])  # noqa: E731
    story = [p(brief.title, "Title")]
    story += [p(t) for t in (brief.subtitle, brief.author, brief.audience) if t]
    story += [p("Bottom line", "Heading2"), p(brief.bluf), p("Key judgments", "Heading2")]
    for f in brief.key_judgments:
        story += [p(f.headline, "Heading4"), p(icd203.describe(f.confidence, f.likelihood))]
    story.append(p("Findings", "Heading2"))
    for f in brief.findings:
        story += [p(f"{f.number}. {f.headline}", "Heading3"), p(f.statement),
                  p(icd203.describe(f.confidence, f.likelihood)), p(", ".join(a.name for a in f.actors))]
        if f.note:
            story.append(p(f.note, "Italic"))
        story += [p(f"\u201c{e.quote}\u201d ({e.citation})") for e in f.evidence]
    story.append(p("Timeline", "Heading2"))
    story += [p(f"{e.date.label()}: {e.event}") for e in brief.timeline]
    story.append(p("Actors", "Heading2"))
    story += [p(f"{a.name} ({a.kind}): {a.role or ''}") for a in brief.cited_actors]
    story += [p("Source", "Heading2"), p(brief.source.title)]
    SimpleDocTemplate(str(path)).build(story)


def median_seconds(action, runs: int) -> float:
    action()  # warm up: font files, caches
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = [("bundled brief (7 findings)", open_document(example_brief()).build()),
             ("summary of 200 findings", large_summary_brief(200))]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.pdf"
        bare_target = Path(folder) / "baseline.pdf"
        print(f"{'input':28} {'pages':>5} {'briefing':>10} {'baseline':>10} {'overhead':>9}")
        for name, brief in cases:
            pages = render_pdf(brief, None, target).pages
            ours = median_seconds(lambda: render_pdf(brief, None, target), args.runs)
            bare = median_seconds(lambda: baseline(brief, bare_target), args.runs)
            print(f"{name:28} {pages:>5} {ours * 1000:>8.0f}ms {bare * 1000:>8.0f}ms {100 * (ours / bare - 1):>8.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
