"""Decoding a font file prints nothing: fontTools' remarks on the file are not the user's problems.

Carlito (the Calibri twin Debian installs) dates its head table before 1970, and fontTools
logs a warning when it reads it; with no logging handler set, Python printed that to stderr as
a stray line beside the command's one-line problems. Run in a fresh interpreter: pytest's own
logging capture would hide the line the command printed.
"""

from __future__ import annotations

import subprocess
import sys

from fontTools.ttLib import TTFont

from briefing.resources import data_path

_DECODE = """
import sys
from pathlib import Path
from briefing.deck.layout.metrics import _read_advances
print(len(_read_advances(Path(sys.argv[1]))))
"""


def test_a_font_dated_before_1970_is_decoded_without_a_word(tmp_path):
    font = TTFont(str(data_path("assets", "fonts", "NotoSans-Regular.ttf")))
    font["head"].created = 0  # what fontTools calls "very low" and warns about when it reads it
    old = tmp_path / "old.ttf"
    font.save(str(old))
    done = subprocess.run([sys.executable, "-c", _DECODE, str(old)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100 and done.stderr == ""
