"""One process per file: ``briefing export FILE`` against Pandoc and the Typst command.

    .venv/bin/python bench/bench_oneshot.py [--runs N] [--findings 15]

Makes one summary (bench_batch.py's generator, ``--findings`` findings), the
same content as Pandoc Markdown and as a Typst document (bench/peers.py), then
runs, in turn each round (so a busy machine weighs on each alike), a fresh
process for each of:

* ``briefing export FILE -f pptx``, ``-f pdf`` and both formats;
* ``pandoc FILE.md -o FILE.pptx``;
* the Typst command (bench/typst_cli.py: Typst's compiler from PyPI, Noto Sans
  from Briefing's fonts folder, no system fonts);
* the floor under each: ``python -c pass`` (the interpreter's start), and a
  process that only imports the libraries the deck (python-pptx, PyYAML,
  jsonschema-rs) or the PDF (ReportLab's platypus and TrueType support, PyYAML,
  jsonschema-rs) cannot export without, behind the deferrals Briefing's export
  uses (bench/import_floor.py). No export of that format can start faster than
  its floor, whatever Briefing does. The same imports done plainly
  (``python -c "import pptx, ..."``) are timed too: they load modules (Pillow,
  uharfbuzz, urllib.request ...) that a plain document never needs.

One round is run first and not counted: it compiles bytecode and fills the
cache of derived data, as a user's first export does. Prints the median wall
time and CPU time (user + system) of each, and the ratios the goals are
stated in: deck / Pandoc, PDF / Typst, and the floors' ratios to the same peers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_batch import summary  # noqa: E402
from peers import pandoc_markdown, write_typst  # noqa: E402
from timing import run  # noqa: E402

from briefing.formats.load import open_document  # noqa: E402

# What each format's export cannot run without, imported plainly (a package imports its parts).
DECK_LIBRARIES = "pptx, yaml, jsonschema_rs"
PDF_LIBRARIES = "reportlab.platypus, reportlab.pdfbase.ttfonts, yaml, jsonschema_rs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--findings", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-oneshot-") as folder:
        work = Path(folder)
        source = work / "report.yaml"
        source.write_text(yaml.safe_dump(summary(7, args.findings), sort_keys=False, allow_unicode=True), encoding="utf-8")
        brief = open_document(source).build()
        markdown = work / "report.md"
        markdown.write_text(pandoc_markdown(brief), encoding="utf-8")
        typ = write_typst(brief, work / "typst")
        out = work / "out"
        briefing = [sys.executable, "-m", "briefing", "export", str(source), "-q", "-o", str(out)]
        commands = {
            "briefing export -f pptx": briefing + ["-f", "pptx"],
            "briefing export -f pdf": briefing + ["-f", "pdf"],
            "briefing export (pptx + pdf)": briefing,
            "pandoc FILE.md -o FILE.pptx": ["pandoc", str(markdown), "-o", str(work / "pandoc.pptx")],
            "typst compile (Python package)": [sys.executable, str(BENCH / "typst_cli.py"), str(typ), str(work / "typst.pdf")],
            "floor: python -c pass": [sys.executable, "-c", "pass"],
            "floor: import the deck's libraries": [sys.executable, str(BENCH / "import_floor.py"), "deck"],
            "floor: import the PDF's libraries": [sys.executable, str(BENCH / "import_floor.py"), "pdf"],
            "plain import: the deck's libraries": [sys.executable, "-c", f"import {DECK_LIBRARIES}"],
            "plain import: the PDF's libraries": [sys.executable, "-c", f"import {PDF_LIBRARIES}"],
        }
        for argv in commands.values():  # the first run: bytecode, the cache of derived data
            run(argv)
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                done = run(argv)
                wall[name].append(done.seconds)
                cpu[name].append(done.cpu_seconds)
        # Reading, building and rendering the same file in a warm process: what any export of it
        # must do once the libraries are imported (first-call costs, if any, only add to it).
        work = {fmt: statistics.median(_in_process_cpu(source, fmt, out) for _ in range(args.runs)) * 1000
                for fmt in ("pptx", "pdf")}
    median = {name: statistics.median(times) * 1000 for name, times in wall.items()}
    median_cpu = {name: statistics.median(times) * 1000 for name, times in cpu.items()}
    print(f"one summary of {args.findings} findings, one process per file, median of {args.runs} interleaved runs")
    print(f"{'command':34} {'wall ms':>9} {'CPU ms':>9}")
    for name in commands:
        print(f"{name:34} {median[name]:9.0f} {median_cpu[name]:9.0f}")
    deck, pdf, both = (median[k] for k in ("briefing export -f pptx", "briefing export -f pdf", "briefing export (pptx + pdf)"))
    pandoc, typst = median["pandoc FILE.md -o FILE.pptx"], median["typst compile (Python package)"]

    def cpu(ours: str, theirs: str) -> str:  # on a busy machine CPU time says more than wall time
        return f"CPU {median_cpu[ours] / median_cpu[theirs]:.2f}"

    print(f"ratio deck / Pandoc: {deck / pandoc:.2f} ({cpu('briefing export -f pptx', 'pandoc FILE.md -o FILE.pptx')}; goal <= 1.0)")
    print(f"ratio PDF / Typst: {pdf / typst:.2f} ({cpu('briefing export -f pdf', 'typst compile (Python package)')}; goal <= 2.0)")
    print(f"ratio deck + PDF / deck: {both / deck:.2f} ({cpu('briefing export (pptx + pdf)', 'briefing export -f pptx')}; goal <= 1.5)")
    deck_floor, pdf_floor = median["floor: import the deck's libraries"], median["floor: import the PDF's libraries"]
    print(f"floor ratio deck libraries / Pandoc: {deck_floor / pandoc:.2f}; deck / its floor: {deck / deck_floor:.2f}")
    print(f"floor ratio PDF libraries / Typst: {pdf_floor / typst:.2f}; PDF / its floor: {pdf / pdf_floor:.2f}")
    # A lower bound in CPU time: the floor's imports plus the export's own reading and rendering,
    # with nothing else (no CLI, no Briefing modules, no writing the report) counted.
    for fmt, floor_name, peer_name, goal in (
        ("pptx", "floor: import the deck's libraries", "pandoc FILE.md -o FILE.pptx", 1.0),
        ("pdf", "floor: import the PDF's libraries", "typst compile (Python package)", 2.0),
    ):
        bound = median_cpu[floor_name] + work[fmt]
        print(f"lower bound {fmt}: floor CPU {median_cpu[floor_name]:.0f} ms + in-process export CPU {work[fmt]:.0f} ms "
              f"= {bound:.0f} ms = {bound / median_cpu[peer_name]:.2f}x the peer's CPU (goal <= {goal})")
    return 0


def _in_process_cpu(source: Path, fmt: str, out: Path) -> float:
    """CPU seconds to load ``source``, build its brief and render ``fmt``, in this (warm) process."""
    import time

    from briefing.export import export_document

    out.mkdir(exist_ok=True)
    export_document(open_document(source), fmt, out / f"warm.{fmt}")  # the first call loads what it needs
    start = time.process_time()
    export_document(open_document(source), fmt, out / f"report.{fmt}")
    return time.process_time() - start


if __name__ == "__main__":
    raise SystemExit(main())
