"""Typst as a command, for one-process-per-file timings: ``python bench/typst_cli.py IN.typ OUT.pdf``.

The PyPI ``typst`` package is Typst's compiler as a Python extension; this
script is its command line (Python's start-up, about 20 ms, included).
"""

import sys
from pathlib import Path

import typst

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"

if __name__ == "__main__":
    typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[str(FONTS)], ignore_system_fonts=True)
