"""The desktop app's test fixtures, shared with ``tests/gui`` rather than copied: windows built offscreen
with isolated settings, and every dialog answered from a script that records what it showed."""

from __future__ import annotations

import os

import pytest

if not os.environ.get("CI"):  # CI installs the app's extras: there a missing Qt is an error, not a skip
    pytest.importorskip("PySide6.QtPdf")

from hostile_corpus import sibling_module

_gui = sibling_module("gui", "conftest", as_name="_briefing_gui_test_fixtures")

dialogs = _gui.dialogs  # autouse: no modal dialog ever blocks
settings = _gui.settings
recovery_dir = _gui.recovery_dir
make_window = _gui.make_window
window = _gui.window
open_in = _gui.open_in
