"""The right pane: the brief being built (outline and details) above its live preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

from briefing.session import BriefSession

from .metadata import MetadataForm
from .outline import OutlineModel, OutlineView
from .preview import DEFAULT_DELAY_MS, PreviewPane
from .widgets import heading, label


class BriefPane(QWidget):
    OUTLINE_TAB, DETAILS_TAB = 0, 1

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None, preview_delay_ms: int = DEFAULT_DELAY_MS):
        super().__init__(parent)
        self.session = session
        self.model = OutlineModel(session, stack, self)
        self.view = OutlineView()
        self.view.setModel(self.model)
        self.metadata = MetadataForm(session, stack)
        self.preview = PreviewPane(session, delay_ms=preview_delay_ms)
        self.preview.continued_changed.connect(self.model.set_continued)

        self.count = label("")
        self.count.setAccessibleName("Findings in the brief")
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(2)
        outline_page = QWidget()
        outline_layout = QVBoxLayout(outline_page)
        outline_layout.setContentsMargins(0, 4, 0, 0)
        outline_layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addLayout(self.buttons)
        outline_layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Brief outline and details")
        self.tabs.addTab(outline_page, "O&utline")
        self.tabs.addTab(self.metadata, "B&rief Details")
        self.tabs.setTabToolTip(self.OUTLINE_TAB, "The selected findings, in the order the brief presents them")
        self.tabs.setTabToolTip(self.DETAILS_TAB, "Title, author, date, audience and marking")

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.tabs)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([260, 540])  # the preview gets the room; the outline scrolls

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(heading("Brief"))
        layout.addWidget(self.split, 1)

        session.events.loaded.connect(self._update_count)
        session.events.selection.connect(self._update_count)

    def add_outline_actions(self, *actions: QAction) -> None:
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", ""))
            self.buttons.addWidget(button)

    def outline_buttons(self) -> list[QToolButton]:
        return [self.buttons.itemAt(i).widget() for i in range(self.buttons.count())]

    def _update_count(self, *_):
        chosen = len(self.session.selection)
        total = len(self.session.findings)
        if not self.session.is_open:
            self.count.setText("")
            return
        key = sum(1 for s in self.session.selection if self.session.is_key_judgment(s.id))
        text = f"{chosen} of {total} findings"
        self.count.setText(f"{text} \u00b7 {key} key judgment{'s' if key != 1 else ''}" if chosen else text)

    def show_details(self) -> None:
        self.tabs.setCurrentIndex(self.DETAILS_TAB)
        self.metadata.edits["title"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_outline(self) -> None:
        self.tabs.setCurrentIndex(self.OUTLINE_TAB)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
