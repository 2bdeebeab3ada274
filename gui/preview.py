"""The live preview: the PDF brief as it would be exported now, re-rendered a moment after each edit."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from briefing.diagnostics import BriefingError
from briefing.session import BriefSession

from . import workers
from .exports import Preview, render_preview
from .icons import icon
from .widgets import EmptyState, heading, label, plain_tooltip

DEFAULT_DELAY_MS = 500


class PreviewPane(QWidget):
    """Renders on a worker thread; edits during a render queue one more render, never a pile."""

    updated = Signal()  # a new preview is on screen (or its failure is shown)
    continued_changed = Signal(object)  # ids of findings the deck continues onto a second slide

    def __init__(self, session: BriefSession, parent=None, delay_ms: int = DEFAULT_DELAY_MS):
        super().__init__(parent)
        self.session = session
        self._busy = False
        self._again = False
        self._buffer: QBuffer | None = None
        self.last: Preview | None = None
        self.error = ""
        self.style: str | None = None  # the PDF style sheet (Preferences)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.render_now)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("PDF preview")
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keyboard users scroll it with the arrow and page keys
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        self.document.statusChanged.connect(self._document_status)

        self.status = label("", wrap=False)
        self.status.setAccessibleName("Preview status")
        self.zoom = QComboBox()
        self.zoom.setAccessibleName("Preview zoom")
        self.zoom.addItem("Fit Width", QPdfView.ZoomMode.FitToWidth)
        self.zoom.addItem("Whole Page", QPdfView.ZoomMode.FitInView)
        self.zoom.currentIndexChanged.connect(lambda _i: self.view.setZoomMode(self.zoom.currentData()))
        self.refresh = QToolButton()
        self.refresh.setIcon(icon("refresh"))
        self.refresh.setToolTip("Refresh the preview (F5)")
        self.refresh.setAccessibleName("Refresh preview")
        self.refresh.clicked.connect(self.render_now)

        self.empty = EmptyState("The PDF brief appears here", "Open a summary and select findings; the preview follows every edit.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.view)

        top = QHBoxLayout()
        top.addWidget(heading("Preview"))
        top.addWidget(self.status, 1)
        top.addWidget(self.zoom)
        top.addWidget(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        session.events.changed.connect(self.schedule)

    def schedule(self) -> None:
        """Render shortly (restarting the wait on every edit, so typing renders once at the end)."""
        if self.session.is_open:
            self._show_status("Updating\u2026" if self.last else "Preparing preview\u2026")
            self.timer.start()

    def render_now(self) -> None:
        self.timer.stop()
        if not self.session.is_open:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        brief = self.session.brief()  # an immutable value: safe to hand to the worker
        workers.PREVIEW.submit(render_preview, (brief, self.style), self._rendered, self._failed, owner=self)

    def _rendered(self, preview: Preview) -> None:
        self._finish()
        self.error = ""
        self.style: str | None = None  # the PDF style sheet (Preferences)
        self.last = preview
        page = self.view.pageNavigator().currentPage()
        old = self._buffer
        self._buffer = QBuffer(self)  # QPdfDocument reads from it for as long as it shows the pages
        self._buffer.setData(QByteArray(preview.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.deleteLater()
        self.pages.setCurrentIndex(1)
        if 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self.continued_changed.emit(preview.continued)
        self._describe(preview)
        self.updated.emit()

    def _describe(self, preview: Preview) -> None:
        count = len(self.session.selection)
        parts = [f"{preview.pages} page{'s' if preview.pages != 1 else ''}"]
        if not count:
            parts.append("no findings selected yet")
        if preview.continued:
            places = [self.session.position(i) for i in preview.continued]
            numbers = ", ".join(f"#{p + 1}" for p in sorted(p for p in places if p is not None))
            parts.append(f"deck: {numbers} run{'s' if len(places) == 1 else ''} onto a continuation slide")
        if preview.warnings:
            count = len(preview.warnings)
            parts.append(f"{count} warning{'s' if count != 1 else ''} (hover)")
        self._show_status(" \u00b7 ".join(parts), "\n".join(preview.warnings))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, BriefingError):
            self.error = "\n".join(str(d) for d in error.diagnostics)
        elif isinstance(error, ImportError):
            self.error = f"The exporter is not available in this installation ({error})."
        else:
            self.error = f"{type(error).__name__}: {error}"
        self._show_status("Preview failed \u2014 hover for details", self.error)
        self.updated.emit()

    def _finish(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.timer.start()

    def _document_status(self, status) -> None:
        if status == QPdfDocument.Status.Error:
            self._show_status("The preview could not be displayed", str(self.document.error()))

    def _show_status(self, text: str, tooltip: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(plain_tooltip(tooltip))

    def clear(self) -> None:
        self.timer.stop()
        self.document.close()
        self.last = None
        self.pages.setCurrentIndex(0)
        self._show_status("")
