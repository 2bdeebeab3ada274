"""python-pptx's internals (its XML element tree, oxml, opc) are used only under briefing/deck/ooxml."""

from __future__ import annotations

import re
from pathlib import Path

import briefing.deck

INTERNALS = re.compile(r"\bpptx\.(oxml|opc)\b|\.element\b|\bqn\(|\blxml\b|\betree\b|\._element\b|\.part\.")


def test_python_pptx_internals_stay_in_ooxml():
    deck = Path(briefing.deck.__file__).parent
    outside = [p for p in deck.rglob("*.py") if "ooxml" not in p.relative_to(deck).parts]
    assert outside
    for module in outside:
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1):
            assert not INTERNALS.search(line), f"{module.relative_to(deck)}:{number}: {line.strip()} (move it to briefing/deck/ooxml)"
