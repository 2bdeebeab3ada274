"""The workaround for PySide6 6.12's lost references to None (see gui/compat.py)."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_none_survives_many_calls_from_qt_into_python(qtbot):
    from PySide6.QtWidgets import QWidget

    import briefing_gui  # noqa: F401  (importing the app applies the workaround)

    class Painted(QWidget):
        def paintEvent(self, event):
            return None

    widget = Painted()
    qtbot.addWidget(widget)
    widget.show()
    before = sys.getrefcount(None)
    for _ in range(200):
        widget.repaint()
    # Whatever the binding does per call, None keeps a count no session can use up.
    assert sys.getrefcount(None) > 1 << 30 or sys.version_info >= (3, 12) or before - sys.getrefcount(None) < 100
