"""Does the cost grow in proportion to the input? A 10x larger article or statement should cost at most ~12x.

    .venv/bin/python bench/bench_scaling.py [--runs N] [--small-paragraphs N] [--small-statement CHARS]

Each row times one stage on an input and on the same kind of input ten times
larger, in the same run (interleaved medians of CPU time, so a busy machine
weighs on both alike), and prints the ratio. A ratio near 10 is linear; one
far above 12 marks quadratic work. The inputs are generated (deterministic):

* import: an article of N paragraphs of ~60 words, with a repeat and a pull
  quote every 50 paragraphs (the work ``drop_repeats`` does);
* validate: a summary whose one finding has a statement of C characters;
* pptx / pdf: that summary exported (deck pagination, PDF line breaking).

The ratio is printed, not asserted: timing belongs here, not in the tests.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import interleaved_medians

LIMIT = 12.0


def article(path: Path, paragraphs: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(20000)]
    lines = ["A generated article", "By Bench Desk", ""]
    body = []
    for n in range(paragraphs):
        body.append(" ".join(rng.choice(vocabulary) for _ in range(60)).capitalize() + ".")
        if n % 50 == 49:
            body.append(body[n - 10])  # a repeat
            body.append(" ".join(body[n - 20].split()[5:15]))  # a pull quote
    path.write_text("\n".join(lines + body) + "\n", encoding="utf-8")
    return path


def statement_summary(path: Path, characters: int, seed: int = 2) -> Path:
    from briefing.formats.yamlwrite import dump_yaml

    rng = random.Random(seed)
    words = "alliance minister trade security region policy deal talks border investment strategy pressure".split()
    text, size = [], 0
    while size < characters:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
        text.append(sentence)
        size += len(sentence) + 1
    data = {
        "format": "summary/1",
        "source": {"title": "Generated", "publisher": "Bench Desk", "published": "2025-08"},
        "headline": "One long statement",
        "bluf": "The bottom line, in one sentence.",
        "findings": [{"id": "f1", "title": "A finding with a very long statement.", "statement": " ".join(text),
                      "evidence": [{"quote": "a quote", "paragraph": 1}], "confidence": "moderate"}],
    }
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def stages(folder: Path, small_paragraphs: int, small_statement: int) -> list[tuple[str, str, Callable, Callable]]:
    from briefing.export import export_document
    from briefing.formats.load import check, open_document
    from briefing.importer.article import import_article

    rows = []
    small_article = article(folder / "small.txt", small_paragraphs)
    large_article = article(folder / "large.txt", small_paragraphs * 10)
    rows.append(("import", f"{small_paragraphs:,} vs {small_paragraphs * 10:,} paragraphs",
                 lambda: import_article(small_article), lambda: import_article(large_article)))
    small = statement_summary(folder / "small.yaml", small_statement)
    large = statement_summary(folder / "large.yaml", small_statement * 10)
    shown = f"{small_statement:,} vs {small_statement * 10:,} characters"
    rows.append(("validate", shown, lambda: check(small), lambda: check(large)))
    small_doc, large_doc = open_document(small), open_document(large)
    for fmt in ("pptx", "pdf"):
        rows.append((
            fmt, shown,
            lambda fmt=fmt: export_document(small_doc, fmt, folder / f"small.{fmt}"),
            lambda fmt=fmt: export_document(large_doc, fmt, folder / f"large.{fmt}"),
        ))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small-paragraphs", type=int, default=1000)
    parser.add_argument("--small-statement", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(f"{'stage':<9} {'inputs':<32} {'small s':>8} {'10x s':>8} {'ratio':>6}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, shown, small, large in stages(Path(tmp), args.small_paragraphs, args.small_statement):
            started = time.perf_counter()
            small_s, large_s = interleaved_medians([small, large], args.runs, clock=time.process_time, warm_up=True)
            ratio = large_s / small_s if small_s > 0 else float("inf")
            worst = max(worst, ratio)
            verdict = "" if ratio <= LIMIT else f"  over {LIMIT:g}x"
            print(f"{name:<9} {shown:<32} {small_s:8.3f} {large_s:8.3f} {ratio:6.1f}{verdict}"
                  f"   ({time.perf_counter() - started:.0f} s wall)", flush=True)
    print(f"worst ratio: {worst:.1f} (linear is 10; the goal is at most {LIMIT:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
