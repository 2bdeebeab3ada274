"""The command's own process: its first garbage collection waits, every later one is Python's default."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import gc
from briefing.cli import FIRST_COLLECTION_AFTER, _collect_late
default = gc.get_threshold()
_collect_late()
print(gc.get_threshold() == (FIRST_COLLECTION_AFTER, *default[1:]))
kept = [[] for _ in range(FIRST_COLLECTION_AFTER + 1000)]  # enough new containers for the first collection
print(gc.get_threshold() == default)
"""


def test_the_first_collection_waits_and_then_the_default_applies_again():
    # A fresh interpreter: the test process's own collector stays as it is.
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split() == ["True", "True"]
