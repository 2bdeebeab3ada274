"""Does the time per finding stay flat as documents grow, and how much memory do big ones take?

    .venv/bin/python bench/bench_scale.py [--sizes 100,1000,10000] [--runs 3]

For each size, a generated summary (bench/generate.py) is exported in a fresh
process per run, after that process has imported the renderers (start-up is
bench_oneshot.py's subject, not this one's): the deck, the PDF, and both. Prints
the median seconds, milliseconds per finding, and the peak resident memory of
the process (which holds the loaded summary and everything the export made).
CPU time (this process's) is shown too: on a shared machine it is the
steadier measure.
The goals: milliseconds per finding within 1.5x from the smallest size to the
largest, and deck + PDF of the largest under 300 MiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import write_summary  # noqa: E402
from timing import run  # noqa: E402

FORMATS = {"deck": ("pptx",), "PDF": ("pdf",), "deck + PDF": ("pptx", "pdf")}


def _child(source: str, formats: str, out: str) -> None:
    """One export in this process; print its seconds and the process's peak RSS as JSON."""
    import briefing.deck  # the renderers' imports are not the export's time
    import briefing.pdf  # noqa: F401
    from briefing.batch.task import ExportJob, export_file

    outputs = tuple((fmt, str(Path(out) / f"scale.{fmt}")) for fmt in formats.split(","))
    started, cpu = time.perf_counter(), time.process_time()
    result = export_file(ExportJob(source, outputs))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if result.errors:
        sys.exit(f"export failed: {result.errors[0]}")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="findings per summary, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and format (the median is shown)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        work = Path(folder)
        for size in sizes:
            source = write_summary(work / f"summary-{size}.yaml", findings=size, seed=5)
            for label, formats in FORMATS.items():
                seconds, cpu, peaks = [], [], []
                for _ in range(args.runs):
                    done = run([sys.executable, __file__, "--child", str(source), ",".join(formats), str(work)])
                    got = json.loads(done.stdout)
                    seconds.append(got["seconds"])
                    cpu.append(got["cpu"])
                    peaks.append(got["peak_mib"])
                rows.append((label, size, statistics.median(seconds), statistics.median(cpu), max(peaks)))
    print(f"generated summaries, export in a warm process, median of {args.runs} runs")
    print(f"{'format':12} {'findings':>8} {'seconds':>8} {'ms/finding':>10} {'CPU ms/finding':>14} {'peak RSS':>9}")
    for label, size, seconds, cpu, peak in rows:
        print(f"{label:12} {size:>8} {seconds:>8.2f} {seconds * 1000 / size:>10.2f} {cpu * 1000 / size:>14.2f} {peak:>5.0f} MiB")
    for label in FORMATS:
        per = [c * 1000 / n for lab, n, _, c, _ in rows if lab == label]
        print(f"{label}: CPU ms per finding, largest / smallest size: {per[-1] / per[0]:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        sys.exit(main())
