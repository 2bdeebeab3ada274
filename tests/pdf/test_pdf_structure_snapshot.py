"""The structure tree, links and parent tree of real exports, read back and compared with snapshots.

The tagging is written by hand-tuned code (``briefing.pdf.marking``, ``accessible``): each element's
place, its kids, MCIDs on the element's page and on others, link annotations with their
descriptions and parent-tree keys. The snapshots in ``data/`` were written by the renderer before
it was made faster; any change to what a screen reader is given shows up here as a diff of
``structure_outline.outline``. Rewrite them (``python tests/pdf/test_pdf_structure_snapshot.py``)
only for an intended change of the tagging, and say so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]  # as a script

from pdf_helpers import REPO, finding, write_summary  # noqa: E402
from structure_outline import outline  # noqa: E402

from briefing.formats.load import open_document  # noqa: E402
from briefing.pdf import render_pdf  # noqa: E402

SNAPSHOTS = Path(__file__).resolve().parent / "data"
HOSTILE = REPO / "tests" / "data" / "hostile"


def _long_table(folder: Path) -> Path:
    """90 timeline events, every third linking to its finding: a key table over several pages, its
    header row repeated (an artifact), links inside table cells."""
    findings = [finding(f"f{i}", f"Finding {i}", f"Statement {i}.", f"Quote {i}.") for i in range(3)]
    events = [{"date": f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}", "event": f"Event {i}",
               **({"finding": f"f{i % 3}"} if i % 3 == 0 else {})} for i in range(90)]
    return write_summary(folder, {"source": {"title": "Long", "url": "https://example.org/long"}, "headline": "H",
                                  "bluf": "B", "findings": findings, "timeline": events})


# name -> (input, style sheet)
CASES = {
    "example-brief": (lambda folder: REPO / "assets" / "us-pakistan-reset.brief.yaml", None),
    "links": (lambda folder: HOSTILE / "links.yaml", None),
    "rtl-cjk-emoji-letter": (lambda folder: HOSTILE / "rtl-cjk-emoji.brief.yaml", "letter"),
    "huge-statement": (lambda folder: HOSTILE / "huge-statement.yaml", None),  # content on two pages: /MCR
    "long-table": (_long_table, None),
}


def _outline(name: str, folder: Path) -> str:
    make, style = CASES[name]
    out = folder / f"{name}.pdf"
    render_pdf(open_document(make(folder)).build(), style, out)
    return outline(out)


@pytest.mark.parametrize("name", sorted(CASES))
def test_structure_matches_the_snapshot(name, tmp_path):
    expected = (SNAPSHOTS / f"structure-{name}.txt").read_text(encoding="utf-8")
    assert _outline(name, tmp_path) == expected


def test_the_snapshots_cover_what_the_tagging_writes():
    """Nested elements, content on a second page, links to notes (``Reference``) and to addresses,
    attributes, and header rows drawn again: each appears in some snapshot."""
    text = "".join((SNAPSHOTS / f"structure-{name}.txt").read_text(encoding="utf-8") for name in CASES)
    for needle in ("mcr p", "Reference |", "-> uri ", "-> dest ", "/Lang=", "/ActualText=", "/A={/O: /Table",
                   "/Alt=", "/ID='note-1'", "TD | elem"):
        assert needle in text, needle


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for case in sorted(CASES):
            (SNAPSHOTS / f"structure-{case}.txt").write_text(_outline(case, Path(folder)), encoding="utf-8")
            print("wrote", case)
