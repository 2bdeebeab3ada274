"""The live preview: the PDF brief as it would be exported now, re-rendered a moment after each edit."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QEvent, QIODevice, QPointF, Qt, QThread, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QStyle, QToolButton, QVBoxLayout, QWidget

from briefing.diagnostics import BriefingError
from briefing.session import BriefSession

from . import jobs, workers
from .exports import Preview, render_preview
from .icons import icon
from .widgets import ElidedLabel, EmptyState, heading, label

DEFAULT_DELAY_MS = 500
CONTINUOUS_PAGES = 24  # previews up to this long scroll as one; longer ones page
IDLE_MS = 400  # no edit for this long: typing has paused, a new preview may be swapped in


def open_pdf(data: bytes, home: QThread) -> QPdfDocument:
    """A document of ``data``, opened on the calling (worker) thread and handed to ``home``.

    Opening parses the PDF under pdfium's one lock, and the view's page renderer holds that
    lock while it draws: on the UI thread, opening a 96-page preview took 60-150 ms.
    """
    document = QPdfDocument()
    buffer = QBuffer(document)  # the document reads from it for as long as it lives
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    document.moveToThread(home)  # with its buffer; from here on only the UI thread touches it
    return document


class PreviewPane(QWidget):
    """Renders on a worker thread; edits during a render queue one more render, never a pile."""

    updated = Signal()  # a new preview is on screen (or its failure is shown)
    continued_changed = Signal(object)  # ids of findings the deck continues onto a second slide

    def __init__(self, session: BriefSession, parent=None, delay_ms: int = DEFAULT_DELAY_MS):
        super().__init__(parent)
        self.session = session
        self._busy = False
        self._again = False
        self._opening: tuple[int, Preview] | None = None  # the preview whose PDF a worker is opening
        self._tickets = 0
        self.last: Preview | None = None
        self.error = ""
        self.pdf_style: str | None = None  # the PDF style sheet (Preferences); None: the default
        # A new preview is swapped in only once typing pauses: loading a long PDF into the view
        # takes the UI thread for a moment, which a keystroke must never wait for.
        self._pending: Preview | None = None
        self._edited = QElapsedTimer()
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._show_pending)

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

        self.status = ElidedLabel()
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
        self.previous_page = QToolButton()
        self.previous_page.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_page.setToolTip("Previous page (Page Up)")
        self.previous_page.setAccessibleName("Previous page")
        self.previous_page.clicked.connect(lambda: self.go_to_page(-1))
        self.next_page = QToolButton()
        self.next_page.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_page.setToolTip("Next page (Page Down)")
        self.next_page.setAccessibleName("Next page")
        self.next_page.clicked.connect(lambda: self.go_to_page(+1))
        self.page_label = label("")
        self.page_label.setAccessibleName("Preview page")
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._update_page_label())
        self.view.installEventFilter(self)
        for widget in (self.previous_page, self.page_label, self.next_page):
            widget.hide()

        self.empty = EmptyState("The PDF brief appears here", "Open a summary and select findings; the preview follows every edit.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.view)

        top = QHBoxLayout()
        top.addWidget(heading("Preview"))
        top.addWidget(self.status, 1)
        top.addWidget(self.previous_page)
        top.addWidget(self.page_label)
        top.addWidget(self.next_page)
        top.addWidget(self.zoom)
        top.addWidget(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        session.events.changed.connect(self.schedule)

    def schedule(self) -> None:
        """Render shortly (restarting the wait on every edit, so typing renders once at the end)."""
        self._edited.start()
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
        workers.PREVIEW.submit(render_preview, (brief, self.pdf_style), self._rendered, self._failed, owner=self)

    def _rendered(self, preview: Preview) -> None:
        self._finish()
        self._pending = preview
        self._show_pending()

    def _show_pending(self) -> None:
        if self._pending is None:
            return
        quiet = self._edited.elapsed() if self._edited.isValid() else IDLE_MS
        if quiet < IDLE_MS:
            self.idle.start(IDLE_MS - quiet)
            return
        preview, self._pending = self._pending, None
        # The PDF opens on a worker thread; the pages on screen stay until it is ready.
        self._tickets += 1
        self._opening = (self._tickets, preview)
        ticket, home = self._tickets, self.thread()
        jobs.run(lambda: open_pdf(preview.pdf, home), lambda document: self._opened(ticket, document),
                 lambda error: self._open_failed(ticket, error), owner=self)

    def _opened(self, ticket: int, document: QPdfDocument) -> None:
        if self._opening is None or self._opening[0] != ticket:
            document.deleteLater()  # a newer preview is on its way
            return
        if document.status() != QPdfDocument.Status.Ready:
            document.deleteLater()
            self._open_failed(ticket, document.error())
            return
        preview, self._opening = self._opening[1], None
        # A long preview shows one page at a time: laying out every page of a 100-page PDF in a
        # continuous view takes the UI thread for about 100 ms, one page about 10 ms. The mode
        # changes while the shorter of the two documents is shown.
        mode = QPdfView.PageMode.MultiPage if preview.pages <= CONTINUOUS_PAGES else QPdfView.PageMode.SinglePage
        page = self.view.pageNavigator().currentPage()
        if mode == QPdfView.PageMode.SinglePage:
            self.view.setPageMode(mode)
        document.setParent(self)
        old, self.document = self.document, document
        self.view.setDocument(document)
        old.deleteLater()
        if self.view.pageMode() != mode:
            self.view.setPageMode(mode)
        self.error = ""
        self.last = preview
        self.pages.setCurrentIndex(1)
        if 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self.continued_changed.emit(preview.continued)
        self._describe(preview)
        self._update_page_label()
        self.updated.emit()

    def _open_failed(self, ticket: int, error) -> None:
        if self._opening is None or self._opening[0] != ticket:
            return  # a newer preview is on its way
        self._opening = None
        self._show_status("The preview could not be displayed", str(error))
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
            parts.append(f"{count} warning{'s' if count != 1 else ''}: {preview.warnings[0]}")  # all of them in the tooltip
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

    def go_to_page(self, delta: int) -> None:
        navigator = self.view.pageNavigator()
        page = max(0, min(self.document.pageCount() - 1, navigator.currentPage() + delta))
        if page != navigator.currentPage():
            navigator.jump(page, QPointF(), self.view.zoomFactor())
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = self.document.pageCount()
        page = self.view.pageNavigator().currentPage()
        self.page_label.setText(f"{page + 1} / {count}" if count else "")
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < count - 1)
        shown = count > 1 and self.pages.currentIndex() == 1  # a one-page or empty preview has nothing to turn
        for widget in (self.previous_page, self.page_label, self.next_page):
            widget.setVisible(shown)

    def eventFilter(self, watched, event) -> bool:
        """Page Up and Page Down turn the pages of a long (page-at-a-time) preview."""
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and self.view.pageMode() == QPdfView.PageMode.SinglePage
                and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and not event.modifiers()):
            self.go_to_page(-1 if event.key() == Qt.Key.Key_PageUp else +1)
            return True
        return False

    def _show_status(self, text: str, tooltip: str = "") -> None:
        self.status.set_full_text(text, tooltip)

    def clear(self) -> None:
        self.timer.stop()
        self.idle.stop()
        self._pending = None
        self._opening = None
        old, self.document = self.document, QPdfDocument(self)
        self.view.setDocument(self.document)
        old.deleteLater()
        self.last = None
        self.pages.setCurrentIndex(0)
        self._show_status("")
        self._update_page_label()
