"""Batch export speed and memory: ``briefing export`` at --jobs 1 and 2, next to Pandoc.

Generates N summaries (about 12 findings each) and the same content as
Pandoc Markdown (bench/peers.py: the deck's slides, sources and closing
included, with its speaker notes), then times, each in a fresh measuring
process:

* ``briefing export`` to both formats and to decks only, at --jobs 1 and 2;
* Pandoc making a .pptx from each Markdown file, one process per file,
  one at a time and two at a time.

Each run is repeated (``--rounds``, interleaved) and the best kept, since
the machine may be shared. CPU time (user + system, all processes) is the
steadier measure of work per file. Peak RSS is the largest single process of
a run (getrusage RUSAGE_CHILDREN), so for Briefing it is the biggest worker;
a run over a tenth of the files shows whether it grows with the batch.

    .venv/bin/python bench/bench_batch.py [--files 100] [--findings 12] [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from peers import pandoc_markdown
from timing import child_environment

from briefing.formats.load import open_document

WORDS = (
    "ministry coalition border talks sanctions exports minerals corridor envoy summit ceasefire "
    "budget reform militia refinery grain tariff observers delegation parliament treaty patrols "
    "investment pipeline elections donors port convoy agreement inspectors loan provinces"
).split()
CONFIDENCE = ("low", "moderate", "high")
LIKELIHOOD = ("unlikely", "roughly even chance", "likely", "very likely")


# -- inputs -------------------------------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def summary(n: int, findings: int) -> dict:
    rng = random.Random(n)
    paragraphs = [" ".join(sentence(rng, 14) for _ in range(3)) for _ in range(20)]  # noqa: F841 - drawn only to keep the generator's sequence (and the corpus) unchanged
    return {
        "format": "summary/1",
        "source": {"title": f"Report {n}: {sentence(rng, 6)[:-1]}", "publisher": "Regional Desk", "published": "2025-07"},
        "headline": sentence(rng, 14),
        "bluf": " ".join(sentence(rng, 18) for _ in range(3)),
        "themes": [{"id": f"t{i}", "label": sentence(rng, 3)[:-1]} for i in range(3)],
        "actors": [{"id": f"a{i}", "name": f"Actor {i} {rng.choice(WORDS).title()}", "kind": "organization"} for i in range(4)],
        "findings": [
            {
                "id": f"f{i}",
                "title": sentence(rng, 11),
                "statement": " ".join(sentence(rng, 16) for _ in range(2)),
                "theme": f"t{i % 3}",
                "actors": [f"a{i % 4}"],
                "evidence": [{"quote": sentence(rng, 15), "paragraph": rng.randint(1, 20)} for _ in range(1 + i % 2)],
                "confidence": CONFIDENCE[i % 3],
                "likelihood": LIKELIHOOD[i % 4],
                "key_judgment": i < 2,
            }
            for i in range(findings)
        ],
        "timeline": [{"date": f"2025-0{m}", "event": sentence(rng, 8), "finding": f"f{m}"} for m in range(1, 5)],
    }


def generate(folder: Path, files: int, findings: int) -> tuple[Path, Path]:
    summaries, notes = folder / "summaries", folder / "markdown"
    summaries.mkdir(parents=True)
    notes.mkdir()
    for n in range(files):
        data = summary(n, findings)
        source = summaries / f"report-{n:03}.yaml"
        source.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        brief = open_document(source).build()  # the peer gets the deck's content (bench/peers.py)
        (notes / f"report-{n:03}.md").write_text(pandoc_markdown(brief), encoding="utf-8")
    return summaries, notes


# -- measuring ----------------------------------------------------------------------------------


@dataclass
class Run:
    what: str
    files: int
    commands: Callable[[], list[list[str]]]  # prepares a clean output folder, returns the commands
    at_once: int = 1
    best: dict = field(default_factory=dict)  # fastest wall time, least CPU, largest peak RSS over rounds

    def measure(self) -> None:
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(self.at_once)],
            input=json.dumps(self.commands()), stdout=subprocess.PIPE, text=True, check=True, env=child_environment(),
        )
        got = json.loads(child.stdout)
        for key, better in (("seconds", min), ("cpu", min), ("peak_kib", max)):
            self.best[key] = better(self.best.get(key, got[key]), got[key])

    def per_file(self, key: str = "seconds") -> float:
        return self.best[key] / self.files


def _child(at_once: int) -> None:
    """Run the commands given on stdin, ``at_once`` at a time; print wall time, CPU time and peak RSS."""
    commands = json.loads(sys.stdin.read())
    start = time.perf_counter()
    with ThreadPoolExecutor(at_once) as pool:
        codes = list(pool.map(lambda argv: subprocess.run(argv, stdout=subprocess.DEVNULL).returncode, commands))
    seconds = time.perf_counter() - start
    failed = [argv for argv, code in zip(commands, codes) if code]
    if failed:
        sys.exit(f"a command failed: {' '.join(failed[0])}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}))


def briefing(summaries: Path, out: Path, fmt: str, jobs: int) -> Callable[[], list[list[str]]]:
    def prepare():
        shutil.rmtree(out, ignore_errors=True)
        return [[sys.executable, "-m", "briefing", "export", str(summaries), "-f", fmt, "-j", str(jobs), "-o", str(out), "-q"]]

    return prepare


def pandoc(notes: Path, out: Path) -> Callable[[], list[list[str]]]:
    def prepare():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        return [["pandoc", str(md), "-o", str(out / f"{md.stem}.pptx")] for md in sorted(notes.glob("*.md"))]

    return prepare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--findings", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best is kept (default 3)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the inputs and outputs")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        summaries, notes = generate(work, args.files, args.findings)
        n, tenth = args.files, max(1, args.files // 10)
        few = work / "few"
        few.mkdir()
        for path in sorted(summaries.glob("*.yaml"))[:tenth]:
            shutil.copy(path, few / path.name)
        out, decks = work / "out", work / "pandoc"
        runs = [
            Run("briefing pptx+pdf, --jobs 1, a tenth", tenth, briefing(few, out, "all", 1)),
            Run("briefing pptx+pdf, --jobs 1", n, briefing(summaries, out, "all", 1)),
            Run("briefing pptx+pdf, --jobs 2", n, briefing(summaries, out, "all", 2)),
            Run("briefing pptx, --jobs 1", n, briefing(summaries, out, "pptx", 1)),
            Run("briefing pptx, --jobs 2", n, briefing(summaries, out, "pptx", 2)),
            Run("pandoc pptx, 1 process at a time", n, pandoc(notes, decks), 1),
            Run("pandoc pptx, 2 processes at a time", n, pandoc(notes, decks), 2),
        ]
        for _ in range(args.rounds):  # rounds interleave the runs, so a busy moment hits them all alike
            for run in runs:
                run.measure()

        print(f"{n} summaries x {args.findings} findings, best of {args.rounds}; pandoc {_pandoc_version()}")
        print(f"{'run':<38} {'files':>5} {'seconds':>8} {'files/s':>8} {'s/file':>7} {'CPU s/file':>10} {'peak RSS':>9}")
        for run in runs:
            seconds, peak = run.best["seconds"], run.best["peak_kib"] / 1024
            print(f"{run.what:<38} {run.files:>5} {seconds:>8.2f} {run.files / seconds:>8.2f} {run.per_file():>7.4f} "
                  f"{run.per_file('cpu'):>10.4f} {peak:>5.0f} MiB")
        deck_1, deck_2, pandoc_1, pandoc_2 = runs[3], runs[4], runs[5], runs[6]
        print(f"per deck, Pandoc time / Briefing time: {pandoc_1.per_file() / deck_1.per_file():.2f}x one at a time, "
              f"{pandoc_2.per_file() / deck_2.per_file():.2f}x two at a time, "
              f"{pandoc_1.per_file('cpu') / deck_1.per_file('cpu'):.2f}x in CPU time (above 1: Briefing is faster)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _pandoc_version() -> str:
    return subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0].split()[-1]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]))
    else:
        sys.exit(main())
