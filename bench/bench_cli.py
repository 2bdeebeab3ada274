"""CLI start-up and validation speed.

    python bench/bench_cli.py [--runs N]

Reports medians of: ``briefing --help`` (start-up; must not import Qt, python-pptx or
ReportLab), ``briefing validate`` on the bundled example, and validating a generated
5,000-finding summary in-process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_summary

from briefing.formats.load import check
from briefing.resources import example_brief


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "briefing", *args], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    baseline = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    rows = [
        ("python -c pass (interpreter floor)", baseline),
        ("briefing --help", median_seconds(lambda: cli("--help"), runs)),
        ("briefing validate (example brief + summary)", median_seconds(lambda: cli("validate", str(example_brief())), runs)),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        big = write_summary(Path(tmp) / "big.yaml", findings=5000, seed=1)
        rows.append(("validate 5,000-finding summary (in-process)", median_seconds(lambda: check(big), max(3, runs // 2))))
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark'.ljust(width)}  median")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
