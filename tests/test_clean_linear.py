"""``text.clean`` merges the blanks beside a control character in time linear in the text.

The rule (``briefing/text.py``): a run of controls with the spaces and tabs beside it
becomes one space, or nothing at the edge of a line; a line-ending control with
its blanks becomes a line break. Written as ``re.sub`` with ``[ \\t]*`` on both sides
of the control, every space of a long run was tried as a match's start: a field
of spaces followed by a word and a control character (40,000 spaces: 16 s; a
1 MB field: hours) held the loader, the app and a batch worker.
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys

from briefing.text import clean

_LINE_ENDING = re.compile("[ \t]*[\x0b\x0c\x85][ \t]*")
_OTHER = re.compile("[ \t]*[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+[ \t]*")


def _rule(text: str) -> str:
    """The rule as regular expressions (quadratic on long runs of blanks; fine for short strings)."""

    def gap(run: re.Match[str]) -> str:
        s, start, end = run.string, run.start(), run.end()
        return "" if start == 0 or end == len(s) or s[start - 1] in "\r\n" or s[end] in "\r\n" else " "

    text = _OTHER.sub(gap, _LINE_ENDING.sub("\n", text))
    return re.sub("[\ud800-\udfff\ufffe\uffff]", "\ufffd", text)


def test_clean_follows_the_rule_on_random_text():
    pick = random.Random(14)
    alphabet = [" ", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\x01", "\x07", "\x7f", "\x9f", "a", "b", "\u05e9", "\u200f", "\ufffe"]
    for _ in range(20_000):
        text = "".join(pick.choice(alphabet) for _ in range(pick.randrange(1, 14)))
        assert clean(text) == _rule(text), repr(text)


_LONG_RUNS = """
from briefing.text import clean
n = 1_000_000
assert clean(" " * n + "x\\x07 y") == " " * n + "x y"
assert clean("\\t" * n + "x\\x0b  y") == "\\t" * n + "x\\ny"
assert clean("a" + " \\x01" * n + "b") == "a" + " " * n + "b"
print("ok")
"""


def test_a_million_blanks_before_a_control_are_cleaned_in_linear_time():
    # A CPU-time limit, not a timing: the linear scan needs well under a second here, the
    # quadratic one about 10**4 s, so a limit 1,000 times the need cannot fail by load alone.
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    done = subprocess.run([sys.executable, "-c", _LONG_RUNS], capture_output=True, text=True, preexec_fn=limit)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
