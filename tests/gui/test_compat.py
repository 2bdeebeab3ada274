"""The workaround for PySide6 6.12's lost references to None (see gui/compat.py).

On CPython 3.11 the app must give None its margin when it is imported; on 3.12+
None is immortal and the workaround must leave it alone. Each branch checks
what is true of the running interpreter, so each can fail there.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

# What gui/compat.py promises: a count no session can use up.
SAFE = 1 << 30

_REFCOUNTS_AROUND_IMPORT = """
import sys
import PySide6
before = sys.getrefcount(None)
import briefing_gui
print(before, sys.getrefcount(None))
"""


def test_importing_the_app_gives_none_a_count_no_session_can_use_up():
    out = subprocess.run([sys.executable, "-c", _REFCOUNTS_AROUND_IMPORT], capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split())
    if sys.version_info >= (3, 12):
        assert before > SAFE, "None is no longer immortal: gui/compat.py must apply its margin on this Python too"
        assert after == before  # the workaround stays out of the way
    else:
        assert before < SAFE < after  # the margin was added by importing the app, and only then


def test_none_survives_many_calls_from_qt_into_python(qtbot):
    from PySide6.QtWidgets import QWidget

    import briefing_gui  # noqa: F401  (importing the app applies the workaround)

    class Painted(QWidget):
        def paintEvent(self, event):
            return None

    widget = Painted()
    qtbot.addWidget(widget)
    widget.show()
    for _ in range(200):
        widget.repaint()
    assert sys.getrefcount(None) > SAFE


_BOOL_REFCOUNTS = """
import sys
import briefing_gui
print(sys.getrefcount(True), sys.getrefcount(False))
"""


def test_true_and_false_get_the_same_margin_where_none_needs_it():
    out = subprocess.run([sys.executable, "-c", _BOOL_REFCOUNTS], capture_output=True, text=True, check=True)
    true_count, false_count = (int(n) for n in out.stdout.split())
    # Immortal in the interpreter itself from 3.12; given the margin by briefing_gui.compat before.
    assert true_count > SAFE and false_count > SAFE
