"""Small widget helpers shared by the panes: literal text, empty states, field bindings."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing.text import unquoted

from .fonts import visible


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt would otherwise guess at rich text)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(visible(text))}</p>" if text else ""


class ElidedLabel(QLabel):
    """One line of plain text that ends in an ellipsis where the pane is too narrow for it (it never
    widens the pane), and then shows the whole text in its tooltip, above any details given."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._details = ""

    def set_full_text(self, text: str, details: str = "") -> None:
        self._full, self._details = visible(text), details
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        self.setText(shown)
        self.setToolTip(plain_tooltip("\n".join(t for t in (self._full if shown != self._full else "", self._details) if t)))


def quoted(text: str) -> str:
    """``text`` in curly quotes, once (see ``briefing.text.unquoted``)."""
    return f"\u201c{unquoted(text.strip())}\u201d"


def label(text: str = "", *, wrap: bool = False, selectable: bool = False, role: str | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(visible(text))
    widget.setWordWrap(wrap)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if role:
        widget.setObjectName(role)
    return widget


def muted_color(palette: QPalette) -> QColor:
    """Secondary text: the text colour softened towards the background, yet readable
    (WCAG contrast about 4.5:1 on the usual light and dark palettes, unlike the disabled colour)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mix = 0.62
    return QColor.fromRgbF(
        text.redF() * mix + back.redF() * (1 - mix),
        text.greenF() * mix + back.greenF() * (1 - mix),
        text.blueF() * mix + back.blueF() * (1 - mix),
    )


def mute(widget: QWidget) -> QWidget:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
    widget.setPalette(palette)
    return widget


def heading(text: str) -> QLabel:
    widget = label(text, role="paneHeading")
    font = QFont(widget.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    widget.setFont(font)
    widget.setAccessibleName(text)
    return widget


class EmptyState(QWidget):
    """A friendly, centred message saying what to do next, with an optional button."""

    def __init__(self, title: str, hint: str = "", action_text: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label(title, wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.hint = label(hint, wrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(self.hint)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.buttons = QHBoxLayout()
        self.buttons.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self.buttons)
        self.button: QPushButton | None = self.add_button(action_text) if action_text else None
        layout.addStretch(2)
        self.setAccessibleName(title)

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        self.buttons.addWidget(button)
        return button

    def set_text(self, title: str, hint: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)


class TextField(QObject):
    """Binds a QLineEdit or QPlainTextEdit to one text value: user typing calls ``edited(text)``;
    ``show(text)`` updates the widget without echoing back (and keeps the cursor when it can).

    Ctrl+Z in the field is the window's Undo (``keys.WindowKeysFirst``): every keystroke is
    already an undoable edit of the brief, so the widget's own history stays off."""

    edited = Signal(str)

    def __init__(self, widget: QLineEdit | QPlainTextEdit):
        super().__init__(widget)
        self.widget = widget
        self._quiet = False
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.edited.emit)
        else:
            widget.setUndoRedoEnabled(False)
            widget.setTabChangesFocus(True)  # Tab moves on, as in every other form field
            widget.textChanged.connect(self._plain_changed)

    def _plain_changed(self) -> None:
        if not self._quiet:
            self.edited.emit(self.widget.toPlainText())

    def text(self) -> str:
        return self.widget.text() if isinstance(self.widget, QLineEdit) else self.widget.toPlainText()

    def show(self, text: str | None) -> None:
        text = text or ""
        if self.text() == text:
            return
        self._quiet = True
        try:
            if isinstance(self.widget, QLineEdit):
                position = self.widget.cursorPosition()
                self.widget.setText(text)
                self.widget.setCursorPosition(min(position, len(text)))
            else:
                cursor = self.widget.textCursor()
                position = cursor.position()
                self.widget.setPlainText(text)
                cursor = self.widget.textCursor()
                cursor.setPosition(min(position, len(text)))
                self.widget.setTextCursor(cursor)
        finally:
            self._quiet = False



class FlowLayout(QLayout):
    """Lays out small widgets left to right, wrapping to a new line when the pane is narrow."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12, line_spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self._line_spacing = line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    @staticmethod
    def _fitted(item, width: int) -> QSize:
        """The item's size on one line; a label wider than the pane wraps inside it instead of
        being clipped at the pane's edge (a long theme chip on a 1024-pixel window)."""
        widget = item.widget()
        if isinstance(widget, QLabel) and widget.wordWrap():
            widget.setWordWrap(False)
        hint = item.sizeHint()
        if not isinstance(widget, QLabel) or hint.width() <= width or width <= 0:
            return hint
        widget.setWordWrap(True)
        return QSize(width, max(hint.height(), widget.heightForWidth(width)))

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = self._fitted(item, area.width())
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._line_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


def soften_inactive_highlight(view: QWidget) -> None:
    """The highlight of a list without focus is a pale tint, so only the list in use shows the
    strong highlight: the row the middle pane shows is the one that stands out."""
    palette = view.palette()
    active = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    pale = QColor.fromRgbF(
        active.redF() * 0.25 + base.redF() * 0.75, active.greenF() * 0.25 + base.greenF() * 0.75, active.blueF() * 0.25 + base.blueF() * 0.75
    )
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, pale)
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
    view.setPalette(palette)
