"""Generated summaries of any size for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import random
from pathlib import Path

from briefing.atomic import write_bytes
from briefing.formats.yamlwrite import dump_yaml

WORDS = (
    "alliance minister trade security region policy deal talks border militancy investment minerals "
    "counterterrorism cooperation strategy pressure leverage economy reform election diaspora envoy"
).split()
LEVELS = ["low", "moderate", "high"]
TERMS = ["unlikely", "roughly even chance", "likely", "very likely"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def summary_data(findings: int, seed: int = 0) -> dict:
    rng = random.Random(seed)
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "kind": rng.choice(["person", "state", "organization"])} for i in range(12)]
    themes = [{"id": f"t{i}", "label": f"Theme {i}"} for i in range(5)]
    items = []
    for i in range(findings):
        items.append(
            {
                "id": f"f{i}",
                "title": _sentence(rng, rng.randint(6, 12)),
                "statement": " ".join(_sentence(rng, rng.randint(10, 20)) for _ in range(2)),
                "theme": rng.choice(themes)["id"],
                "actors": sorted({rng.choice(actors)["id"] for _ in range(2)}),
                "evidence": [{"quote": _sentence(rng, rng.randint(8, 18)), "paragraph": rng.randint(1, 20)} for _ in range(rng.randint(1, 3))],
                "confidence": rng.choice(LEVELS),
                "likelihood": rng.choice(TERMS),
                "tags": [rng.choice(WORDS)],
            }
        )
    timeline = [{"date": f"2025-{m:02d}-{rng.randint(1, 28):02d}", "event": _sentence(rng, 6)} for m in range(1, 11)]
    return {
        "format": "summary/1",
        "source": {"title": f"Generated article {seed}", "publisher": "Bench Desk", "published": "2025-08"},
        "headline": _sentence(rng, 10),
        "bluf": " ".join(_sentence(rng, 15) for _ in range(3)),
        "themes": themes,
        "actors": actors,
        "findings": items,
        "timeline": timeline,
    }


def write_summary(path: Path, findings: int, seed: int = 0) -> Path:
    write_bytes(path, dump_yaml(summary_data(findings, seed)).encode("utf-8"))
    return path
