"""Every benchmark, one command, one table.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME,...] [--out FILE.md]

Runs each benchmark script in a process of its own, so none inherits another's
warm caches and each one's peak memory can be read (the largest resident set of
its process tree, from ``wait4``):

* ``cli``: start-up and validation (bench_cli.py), and peak memory of
  ``briefing validate`` on a 5,000-finding summary;
* ``oneshot``: one process per file, ``briefing export FILE`` against Pandoc
  (deck) and the Typst command (PDF) on the same content (bench_oneshot.py);
* ``deck`` and ``pdf``: export in-process against bare python-pptx and
  ReportLab baselines setting the same text, and the PDF against
  ``typst.compile`` (bench_deck.py, bench_pdf.py);
* ``batch``: ``briefing export`` over a folder against Pandoc (bench_batch.py);
* ``scale``: time per finding and peak memory from 100 to 10,000 findings
  (bench_scale.py);
* ``gui``: the app opening and filtering 5,000 findings (bench_gui.py, offscreen).

The scripts print tables for people; this one reads their numbers with the
patterns below and stops with the script's output when a pattern no longer
matches, so a changed script cannot silently drop a row. Each script's own
output is kept in ``bench/results/`` (not in git). It prints the machine
and a Markdown table of medians and ratios (ours / baseline: below 1 is faster
than the baseline), ready for the README. ``--quick`` runs fewer rounds and
smaller batches: a smoke test, not numbers to publish.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from timing import Finished, run  # noqa: E402


@dataclass(frozen=True)
class Row:
    benchmark: str
    median: str
    compared_with: str = ""
    ratio: str = ""
    peak: str = ""


class Unreadable(Exception):
    """A benchmark's output no longer matches what this script reads."""


# -- running a process and reading its peak memory ------------------------------------------------


RESULTS = BENCH / "results"  # each script's own output, kept for reference (not in git)


def script(name: str, *args: str) -> Finished:
    done = run([sys.executable, str(BENCH / name), *args])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{Path(name).stem}.txt").write_text(f"$ {name} {' '.join(args)}\n{done.stdout}", encoding="utf-8")
    return done


def matches(pattern: str, text: str, what: str) -> list[re.Match]:
    found = list(re.finditer(pattern, text, re.M))
    if not found:
        raise Unreadable(f"{what}: no line matches {pattern!r}; the output was:\n{text}")
    return found


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}"


def mib(value: float) -> str:
    return f"{value:,.0f} MiB"


# -- the benchmarks ---------------------------------------------------------------------------------


def bench_cli(quick: bool) -> list[Row]:
    done = script("bench_cli.py", "--runs", "3" if quick else "9")
    times = {m["name"].strip(): float(m["ms"]) for m in matches(r"^(?P<name>\S.*?)\s{2,}(?P<ms>[\d.]+) ms$", done.stdout, "bench_cli")}
    floor = _pick(times, "python -c pass")
    rows = [Row("CLI start-up: `briefing --help`", ms(_pick(times, "briefing --help")), f"{ms(floor)} (`python -c pass`)",
                ratio(_pick(times, "briefing --help"), floor))]
    validate = _pick(times, "briefing validate")
    rows.append(Row("`briefing validate` bundled brief + summary", ms(validate), f"{ms(floor)} (`python -c pass`)", ratio(validate, floor)))
    rows.append(Row("validate 5,000-finding summary (in-process)", ms(_pick(times, "validate 5,000"))))
    rows.append(_validate_memory())
    return rows


def _pick(times: dict[str, float], start: str) -> float:
    if start in times:
        return times[start]
    for name, value in times.items():
        if name.startswith(start):
            return value
    raise Unreadable(f"no row starting with {start!r} in {sorted(times)}")


def _validate_memory() -> Row:
    from generate import write_summary

    with tempfile.TemporaryDirectory() as folder:
        big = write_summary(Path(folder) / "big.yaml", findings=5000, seed=1)
        done = run([sys.executable, "-m", "briefing", "validate", "-q", str(big)])
    return Row("`briefing validate` 5,000 findings (CLI, one run)", ms(done.seconds * 1000), peak=mib(done.peak_mib))


def bench_deck(quick: bool) -> list[Row]:
    done = script("bench_deck.py", "--runs", "3" if quick else "9")
    found = matches(r"^(?P<case>\S.*?)\s{2,}(?P<ours>[\d.]+)ms\s+(?P<base>[\d.]+)ms", done.stdout, "bench_deck")
    return [Row(f"deck export in-process: {m['case'].strip()}", ms(float(m["ours"])),
                f"{ms(float(m['base']))} (bare python-pptx, linear naming)", ratio(float(m["ours"]), float(m["base"])),
                mib(done.peak_mib) if i == len(found) - 1 else "")
            for i, m in enumerate(found)]


def bench_pdf(quick: bool) -> list[Row]:
    done = script("bench_pdf.py", "--runs", "3" if quick else "7")
    row = (r"^(?P<case>\S.*?)\s{2,}\d+\s+(?P<ours>[\d.]+)ms\s+(?P<bare>[\d.]+)ms\s+-?\d+%\s+(?P<noto>[\d.]+)ms\s+-?\d+%"
           r"\s+(?P<typst>[\d.]+)ms")
    rows = []
    for m in matches(row, done.stdout, "bench_pdf"):
        ours, noto, typst = float(m["ours"]), float(m["noto"]), float(m["typst"])
        case = m["case"].strip()
        rows.append(Row(f"PDF in-process (CPU): {case}", ms(ours), f"{ms(noto)} (bare ReportLab, Noto embedded; goal \u2264 1.1)",
                        ratio(ours, noto)))
        rows.append(Row(f"PDF in-process (CPU): {case}", ms(ours), f"{ms(typst)} (`typst.compile`; goal \u2264 1.0)",
                        ratio(ours, typst)))
    return rows


def bench_oneshot(quick: bool) -> list[Row]:
    done = script("bench_oneshot.py", "--runs", "3" if quick else "9")
    times = {m["name"].strip(): (float(m["wall"]), float(m["cpu"]))
             for m in matches(r"^(?P<name>\S.*?)\s{2,}(?P<wall>\d+)\s+(?P<cpu>\d+)$", done.stdout, "bench_oneshot")}
    deck, pdf, both = (_pick_pair(times, k) for k in ("briefing export -f pptx", "briefing export -f pdf", "briefing export (pptx"))
    pandoc, typst = _pick_pair(times, "pandoc"), _pick_pair(times, "typst")

    def versus(ours, theirs, name, goal):
        return (f"{ms(theirs[0])} ({name}; CPU {ms(ours[1])} vs {ms(theirs[1])}, ratio {ours[1] / theirs[1]:.2f}; goal \u2264 {goal})",
                ratio(ours[0], theirs[0]))

    deck_floor, pdf_floor = _pick_pair(times, "floor: import the deck"), _pick_pair(times, "floor: import the PDF")
    deck_plain, pdf_plain = _pick_pair(times, "plain import: the deck"), _pick_pair(times, "plain import: the PDF")
    bounds = []  # the floor's imports + reading and rendering the file in a warm process, in CPU time
    for bound in matches(r"^lower bound (?P<fmt>\w+): floor CPU (?P<floor>[\d.]+) ms \+ in-process export CPU (?P<work>[\d.]+) ms "
                         r"= [\d.]+ ms = (?P<ratio>[\d.]+)x the peer's CPU \(goal <= (?P<goal>[\d.]+)\)$", done.stdout, "bench_oneshot"):
        what, peer, peer_name = ("deck", pandoc, "Pandoc") if bound["fmt"] == "pptx" else ("PDF", typst, "Typst command")
        bounds.append(Row(f"lower bound, {what}: the floor + reading and rendering the file in a warm process (CPU)",
                          f"{float(bound['floor']):.0f} + {float(bound['work']):.0f} ms",
                          f"{ms(peer[1])} ({peer_name}, CPU; goal \u2264 {bound['goal']})", f"{float(bound['ratio']):.2f}"))
    return [
        Row("one process per file (15 findings): deck", ms(deck[0]), *versus(deck, pandoc, "Pandoc", "1.0")),
        Row("one process per file: PDF", ms(pdf[0]), *versus(pdf, typst, "Typst command", "2.0")),
        Row("one process per file: deck + PDF", ms(both[0]), *versus(both, deck, "the deck alone", "1.5")),
        # The floor: a process that only imports the libraries a format cannot export without,
        # with the export's deferrals (bench/import_floor.py); then the same imports done plainly.
        Row("floor: Python importing python-pptx, PyYAML, jsonschema-rs as the export does", ms(deck_floor[0]),
            *versus(deck_floor, pandoc, "Pandoc's whole deck", "1.0")),
        Row("floor: Python importing ReportLab, PyYAML, jsonschema-rs as the export does", ms(pdf_floor[0]),
            *versus(pdf_floor, typst, "the Typst command's whole PDF", "2.0")),
        *bounds,
        Row("the same libraries imported plainly (deck; PDF)", f"{ms(deck_plain[0])}; {ms(pdf_plain[0])}",
            f"the floors above (CPU {ms(deck_plain[1])} vs {ms(deck_floor[1])}; {ms(pdf_plain[1])} vs {ms(pdf_floor[1])})",
            f"{deck_plain[0] / deck_floor[0]:.2f}; {pdf_plain[0] / pdf_floor[0]:.2f}"),
    ]


def _pick_pair(times: dict[str, tuple[float, float]], start: str) -> tuple[float, float]:
    for name, value in times.items():
        if name.startswith(start):
            return value
    raise Unreadable(f"no row starting with {start!r} in {sorted(times)}")


def bench_scale(quick: bool) -> list[Row]:
    done = script("bench_scale.py", "--sizes", "100,1000" if quick else "100,1000,10000", "--runs", "1")
    found = matches(r"^(?P<what>deck \+ PDF|deck|PDF)\s+(?P<n>\d+)\s+(?P<s>[\d.]+)\s+(?P<per>[\d.]+)\s+(?P<cpu_per>[\d.]+)\s+(?P<peak>\d+) MiB$",
                    done.stdout, "bench_scale")
    rows = []
    for what in ("deck", "PDF", "deck + PDF"):
        mine = [m for m in found if m["what"] == what]
        first, last = mine[0], mine[-1]
        rows.append(Row(f"{what}, {int(first['n']):,} \u2192 {int(last['n']):,} findings: ms per finding (CPU)",
                        f"{float(first['cpu_per']):.2f} \u2192 {float(last['cpu_per']):.2f} ms",
                        "largest / smallest size (goal \u2264 1.5)", ratio(float(last["cpu_per"]), float(first["cpu_per"])),
                        f"{mib(float(last['peak']))} at {int(last['n']):,}" + (" (goal < 300 MiB)" if what == "deck + PDF" else "")))
    return rows


def bench_batch(quick: bool) -> list[Row]:
    args = ["--files", "20", "--rounds", "1"] if quick else ["--files", "60", "--rounds", "2"]
    done = script("bench_batch.py", *args)
    row = r"^(?P<what>\S.*?)\s+(?P<files>\d+)\s+(?P<seconds>[\d.]+)\s+(?P<rate>[\d.]+)\s+(?P<per>[\d.]+)\s+(?P<cpu>[\d.]+)\s+(?P<peak>\d+) MiB$"
    runs = {m["what"].strip(): m for m in matches(row, done.stdout, "bench_batch")}
    head = matches(r"^(?P<files>\d+) summaries x (?P<findings>\d+) findings", done.stdout, "bench_batch")[0]
    size = f"{head['files']} summaries \u00d7 {head['findings']} findings"

    def per_file(key: str) -> float:
        return float(_run(runs, key)["per"]) * 1000

    def cpu_per_file(key: str) -> float:
        return float(_run(runs, key)["cpu"]) * 1000

    def peak(key: str) -> str:
        return mib(float(_run(runs, key)["peak"]))

    rows = [
        Row(f"batch deck + PDF, `--jobs 1` ({size}), per file", ms(per_file("briefing pptx+pdf, --jobs 1")), peak=peak("briefing pptx+pdf, --jobs 1") + " per worker"),
        Row("batch deck + PDF, `--jobs 2`, per file", ms(per_file("briefing pptx+pdf, --jobs 2")), peak=peak("briefing pptx+pdf, --jobs 2") + " per worker"),
    ]
    for jobs, pandoc in (("1", "pandoc pptx, 1 process"), ("2", "pandoc pptx, 2 processes")):
        ours, theirs = per_file(f"briefing pptx, --jobs {jobs}"), per_file(pandoc)
        cpu_ours, cpu_theirs = cpu_per_file(f"briefing pptx, --jobs {jobs}"), cpu_per_file(pandoc)
        rows.append(Row(f"batch decks only, `--jobs {jobs}`, per file", ms(ours),
                        f"{ms(theirs)} (Pandoc, {jobs} at a time; CPU {ms(cpu_ours)} vs {ms(cpu_theirs)}, "
                        f"ratio {cpu_ours / cpu_theirs:.2f}; goal \u2264 0.5)",
                        ratio(ours, theirs), peak(f"briefing pptx, --jobs {jobs}") + " per worker"))
    both, deck = per_file("briefing pptx+pdf, --jobs 1"), per_file("briefing pptx, --jobs 1")
    cpu_both, cpu_deck = cpu_per_file("briefing pptx+pdf, --jobs 1"), cpu_per_file("briefing pptx, --jobs 1")
    rows.append(Row("batch deck + PDF against deck only, `--jobs 1`, per file", ms(both),
                    f"{ms(deck)} (deck only; CPU {ms(cpu_both)} vs {ms(cpu_deck)}, ratio {cpu_both / cpu_deck:.2f}; goal \u2264 1.5)",
                    ratio(both, deck)))
    return rows


def _run(runs: dict[str, re.Match], start: str) -> re.Match:
    """The run named ``start`` exactly, else the one whose name starts with it ("pandoc pptx, 1 process ...")."""
    if start in runs:
        return runs[start]
    for what, match in runs.items():
        if what.startswith(start):
            return match
    raise Unreadable(f"bench_batch: no run starting with {start!r} in {sorted(runs)}")


def bench_gui(quick: bool) -> list[Row]:
    done = script("bench_gui.py", "--findings", "5000")
    text = done.stdout
    opened = float(matches(r"^open to interactive:\s+([\d.]+) ms", text, "bench_gui")[0][1])
    core = float(matches(r"read \+ validate in the core: ([\d.]+) ms", text, "bench_gui")[0][1])
    keys = matches(r"^filter keystroke:\s+([\d.]+) ms median, ([\d.]+) ms worst", text, "bench_gui")[0]
    stall = float(matches(r"^UI stall during preview \+ 2 exports:\s+([\d.]+) ms worst", text, "bench_gui")[0][1])
    return [
        Row("app: open 5,000 findings until interactive", ms(opened), f"goal < 1,000 ms; {ms(core)} of it reading + validating",
            ratio(opened, 1000), mib(done.peak_mib)),
        Row("app: filter keystroke on 5,000 findings", ms(float(keys[1])), f"goal < 50 ms; worst {ms(float(keys[2]))}", ratio(float(keys[1]), 50)),
        Row("app: worst UI stall, preview + 2 exports running", ms(stall), "goal < 100 ms", ratio(stall, 100)),
    ]


BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "cli": bench_cli,
    "oneshot": bench_oneshot,
    "deck": bench_deck,
    "pdf": bench_pdf,
    "batch": bench_batch,
    "scale": bench_scale,
    "gui": bench_gui,
}


# -- the machine -------------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    ram = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
        with open("/proc/meminfo", encoding="utf-8") as handle:
            total_kib = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
        ram = f"{total_kib / 1024 ** 2:.1f} GiB"
    except (OSError, StopIteration):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{name} {_version(name)}" for name in ("python-pptx", "reportlab", "rl_accel", "PySide6-Essentials", "typst"))
    pandoc = shutil.which("pandoc")
    if pandoc:
        versions += ", pandoc " + subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split()[1]
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        ("CPU", f"{cpu}; {os.cpu_count()} logical cores, {usable} usable"),
        ("RAM", ram or "unknown"),
        ("OS", _os_name()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Libraries", versions),
        ("Load average (1/5/15 min) at start", load),
        ("Date", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _os_name() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as handle:
            fields = dict(line.rstrip("\n").split("=", 1) for line in handle if "=" in line)
        return f"{fields.get('PRETTY_NAME', '').strip(chr(34))} (kernel {platform.release()})"
    except OSError:
        return platform.platform()


# -- output -------------------------------------------------------------------------------------------------


def markdown(rows: list[Row], about: list[tuple[str, str]]) -> str:
    lines = ["| Benchmark | Median | Compared with | Ratio | Peak RSS |", "| --- | ---: | --- | ---: | ---: |"]
    lines += [f"| {r.benchmark} | {r.median} | {r.compared_with} | {r.ratio} | {r.peak} |" for r in rows]
    lines += ["", "Median of repeated runs, except: batch rows, best of the rounds per file (bench_batch.py); rows "
              "saying \"one run\" or \"worst\". Ratio: ours / baseline (or / goal); below 1 is faster. Peak RSS: the "
              "largest resident set of the process measured (deck and PDF rows: the benchmark process, ours and the "
              "baseline together; batch rows: the largest worker).", ""]
    lines += [f"- **{key}:** {value}" for key, value in about]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller batches (a smoke test)")
    parser.add_argument("--only", metavar="NAME,...", help=f"run only these: {', '.join(BENCHMARKS)}")
    parser.add_argument("--out", metavar="FILE.md", help="also write the table to this file")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    about = machine()
    rows: list[Row] = []
    failed = []
    for name in chosen:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            rows += BENCHMARKS[name](args.quick)
        except (Unreadable, RuntimeError) as exc:
            failed.append(name)
            print(f"{name}: {exc}", file=sys.stderr)
        print(f"  {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if hasattr(os, "getloadavg"):
        about.append(("Load average (1/5/15 min) at the end", " / ".join(f"{x:.2f}" for x in os.getloadavg())))
    table = markdown(rows, about)
    print(table)
    if args.out:
        Path(args.out).write_text(table, encoding="utf-8")
    if failed:
        print(f"not measured: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
