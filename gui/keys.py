"""The keyboard contract of the window: its shortcuts win over text fields, and Tab reads left to right.

Qt lets a focused text field claim a key before any shortcut sees it (the
``ShortcutOverride`` event). A QLineEdit claims Ctrl+E (end of line on Linux),
Ctrl+Z/Ctrl+Y (its private undo) and more, so Export Deck did nothing while the
search box had focus. ``WindowKeysFirst`` refuses those claims for the window's
own shortcuts; text editing keys the window does not use (Ctrl+Backspace,
Ctrl+A, Home, End...) stay with the field.

Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y in a text field are the brief's Undo and
Redo, in the search box too: the brief's history is what an analyst means to
undo, and every keystroke in an annotation or detail field is a step of it
already. Escape clears the search box.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def key_text(event) -> str:
    """The portable text of the key combination of a key event ("Ctrl+E")."""
    return QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)


class WindowKeysFirst(QObject):
    """An event filter for text widgets: the window's shortcuts are never taken by the field."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.sequences: frozenset[str] = frozenset()
        self.kept: frozenset[str] = frozenset()

    def set_actions(self, actions: Iterable[QAction], keep_for_text: Iterable[QKeySequence] = ()) -> None:
        """Give the shortcuts of ``actions`` priority, except ``keep_for_text``: keys an editable
        field keeps even where Qt would let the shortcut win (Ctrl+Backspace deletes a word)."""
        portable = QKeySequence.SequenceFormat.PortableText
        kept = {k.toString(portable) for k in keep_for_text}
        keys = set()
        for action in actions:
            for sequence in action.shortcuts():
                if sequence.count() == 1:
                    keys.add(sequence.toString(portable))
        self.kept = frozenset(kept)
        self.sequences = frozenset(keys - kept)

    def watch(self, root: QWidget) -> None:
        """Filter every text widget under ``root`` (call again for widgets made later)."""
        for widget in root.findChildren(QWidget):
            if isinstance(widget, TEXT_WIDGETS):
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        key = key_text(event)
        if key in self.sequences:
            event.ignore()  # not overridden: the key goes on to the window's shortcut
            return True
        if key in self.kept and _editable(watched):
            event.accept()  # overridden: the field gets the key press
            return True
        return False


def _editable(widget: QObject) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return False


class TabRing:
    """Tab and Shift+Tab visit these widgets in order, in a ring, skipping hidden and disabled
    ones. Qt's own focus chain follows creation order and, once rearranged with
    ``setTabOrder``, can loop inside one pane; the window asks the ring instead."""

    def __init__(self, widgets: Iterable[QWidget]):
        self.widgets = list(widgets)

    def _reachable(self, widget: QWidget) -> bool:
        return widget.isVisible() and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)

    def step(self, focus: QWidget | None, forward: bool) -> QWidget | None:
        """The widget after (or before) ``focus``; None when ``focus`` is not in the ring."""
        place = None
        for n, widget in enumerate(self.widgets):
            if focus is not None and (widget is focus or widget.isAncestorOf(focus) or focus.focusProxy() is widget):
                place = n
                break
        if place is None:
            return None
        count = len(self.widgets)
        for offset in range(1, count):
            widget = self.widgets[(place + offset if forward else place - offset) % count]
            if self._reachable(widget):
                return widget
        return None
