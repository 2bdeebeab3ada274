"""``drop_repeats`` finds through its index exactly what comparing with every earlier paragraph finds."""

from __future__ import annotations

import random

from briefing.importer import cleaning


def reference(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The plain quadratic rule: each line against every kept line before it."""
    kept, keys, dropped = [], [], []
    for line in lines:
        key = cleaning._match_key(line)
        if key in keys:
            dropped.append((line, "repeats an earlier paragraph"))
        elif len(key.split()) >= cleaning.PULL_QUOTE_MIN_WORDS and any(cleaning._contains(k, key) for k in keys):
            dropped.append((line, "pull quote: contained in an earlier paragraph"))
        else:
            kept.append(line)
            keys.append(key)
    return kept, dropped


def test_the_index_agrees_with_comparing_every_pair():
    rng = random.Random(12)
    words = "the a of deal talks minister border trade x y z é 3".split()
    for _ in range(500):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(30)]
        lines += [" ".join(line.split()[rng.randint(0, 3):rng.randint(5, 14)]) for line in lines[:12]]  # pull quotes
        lines += [f'"{line}"' for line in lines[5:15]] + [line.replace(" ", ", ", 1) + "." for line in lines[15:20]]
        rng.shuffle(lines)
        kept, dropped = cleaning.drop_repeats(lines)
        assert (kept, [(d.text, d.reason) for d in dropped]) == reference(lines)
