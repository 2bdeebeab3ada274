"""The main window: three panes left to right as the work flows, with the menus and toolbar around them.

findings (filter, select) -> selected finding (evidence, annotation) -> brief (outline, preview)
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSaveFile, QSize, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressBar, QSizePolicy, QSplitter, QToolButton, QWidget

from briefing import __version__
from briefing.diagnostics import BriefingError, readable_name
from briefing.formats.load import Document, open_document
from briefing.resources import example_brief
from briefing.results import ExportedFile
from briefing.session import BriefSession, search_index

from . import dialogs, exports, jobs, workers
from .brief_pane import BriefPane
from .finding_view import FindingPane
from .findings import FindingsPane
from .fonts import install_app_font
from .help import GUIDE, HelpDialog, credits_text, shortcuts_text
from .icons import app_icon, icon
from .keys import TabRing, WindowKeysFirst
from .preferences import PreferencesDialog
from .preview import DEFAULT_DELAY_MS
from .recovery import RecoveredWork, Recovery, recovery_text
from .settings import Settings
from .undo import push
from .widgets import label, plain_tooltip, soften_inactive_highlight

FIRST_SHARE_OF_SMALL_SCREEN = 0.9  # of the work area, where the usual size does not fit
DEFAULT_SIZE = QSize(1400, 860)
AUTOSAVE_MS = 2000
YAML_SUFFIXES = (".yaml", ".yml")


class MainWindow(QMainWindow):
    document_loaded = Signal()  # a file is open and shown
    load_failed = Signal(str)  # the path that could not be opened
    export_finished = Signal(object)  # briefing.results.ExportedFile, or the exception

    def __init__(
        self,
        settings: Settings | None = None,
        recovery: Recovery | None = None,
        *,
        preview_delay_ms: int = DEFAULT_DELAY_MS,
        autosave_ms: int = AUTOSAVE_MS,
    ):
        super().__init__()
        self.settings = settings if settings is not None else Settings()
        self.recovery = recovery if recovery is not None else Recovery()
        self.session = BriefSession()
        self.stack = QUndoStack(self)
        self.export_paths: dict[str, Path] = {}
        self._exporting: dict[str, Path] = {}  # kind key -> its scratch folder, while it runs
        self._active_list = "findings"
        self._last_export: Path | None = None
        self._example_copy = False  # the open brief is an untitled copy of the bundled example

        install_app_font()  # before any widget: Urdu, emoji and every script the brief holds
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.findings = FindingsPane(self.session, self.stack)
        self.finding = FindingPane(self.session, self.stack)
        self.brief = BriefPane(self.session, self.stack, preview_delay_ms=preview_delay_ms)
        self.preview = self.brief.preview

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        for pane, minimum in ((self.findings, 300), (self.finding, 300), (self.brief, 340)):
            pane.setMinimumWidth(minimum)
            self.split.addWidget(pane)
        self.split.setSizes([520, 420, 460])
        self.split.setStretchFactor(0, 5)
        self.split.setStretchFactor(1, 4)
        self.split.setStretchFactor(2, 5)
        self.setCentralWidget(self.split)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(autosave_ms)
        self.autosave.timeout.connect(self._autosave)
        self._autosaves_wanted = True

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self._connect()
        self._keyboard()
        self._restore_layout()
        self.preview.pdf_style = self.settings.pdf_style
        self._update_title()
        self._update_actions()

    # -- construction ---------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, icon_name: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_open = a("&Open\u2026", self.choose_and_open, QKeySequence.StandardKey.Open, "open", "Open a summary or a brief")
        self.act_example = a("Open &Example Brief", self.open_example, tip="Open the bundled example brief as an untitled copy")
        self.act_save = a("&Save", self.save, QKeySequence.StandardKey.Save, "save", "Save the brief")
        self.act_save_as = a("Save &As\u2026", self.save_as, QKeySequence.StandardKey.SaveAs, tip="Save the brief under a new name")
        self.act_export_deck = a("Export &Deck", lambda: self.export(exports.DECK), "Ctrl+E", "export-deck", "Export the brief as a PowerPoint deck")
        self.act_export_pdf = a("Export &PDF", lambda: self.export(exports.PDF), "Ctrl+Shift+E", "export-pdf", "Export the brief as a PDF")
        self.act_export_deck_as = a("Export Deck As\u2026", lambda: self.export(exports.DECK, ask=True), tip="Export the deck to a new file")
        self.act_export_pdf_as = a("Export PDF As\u2026", lambda: self.export(exports.PDF, ask=True), tip="Export the PDF to a new file")
        self.act_quit = a("&Quit", self.close, QKeySequence.StandardKey.Quit, tip="Quit Briefing")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_undo = self.stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = self.stack.createRedoAction(self, "&Redo")
        # Ctrl+Y redoes on every platform (Linux's standard key is only Ctrl+Shift+Z).
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.act_redo.setShortcuts(redo_keys + [k for k in (QKeySequence("Ctrl+Y"),) if k not in redo_keys])
        self.act_redo.setIcon(icon("redo"))
        self.addActions([self.act_undo, self.act_redo])
        self.act_find = a("&Find", self.findings.focus_search, QKeySequence.StandardKey.Find, tip="Search the findings")

        self.act_add = a("&Add to Brief", self.add_to_brief, "Ctrl+Return", "add", "Add the highlighted findings to the brief (Space toggles)")
        # Ctrl+Shift+Backspace works everywhere; Ctrl+Backspace too, except in text fields, where it deletes a word.
        self.act_remove = a("&Remove from Brief", self.remove_from_brief, ["Ctrl+Shift+Backspace", "Ctrl+Backspace"], "remove", "Take the highlighted findings out of the brief")
        self.act_up = a("Move &Up", lambda: self.shift(-1), "Alt+Up", "up", "Move up in the brief")
        self.act_down = a("Move &Down", lambda: self.shift(+1), "Alt+Down", "down", "Move down in the brief")
        self.act_details = a("Brief &Details", self.brief.show_details, "Ctrl+I", tip="Edit the brief's title, author, date, audience and marking")

        self.act_focus_findings = a("&Findings", self.findings.focus_list, "Ctrl+1")
        self.act_focus_finding = a("&Selected Finding", self._focus_finding, "Ctrl+2")
        self.act_focus_brief = a("&Brief Outline", self.brief.focus_outline, "Ctrl+3")
        self.act_refresh = a("&Refresh Preview", self.preview.render_now, QKeySequence.StandardKey.Refresh, "refresh", "Render the preview now")
        self.act_guide = a("&User Guide", self.show_guide, QKeySequence.StandardKey.HelpContents, tip="What a summary, a brief, a key judgment and a marking are, and the workflow")
        self.act_shortcuts = a("&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+/", tip="Every shortcut of the window")
        self.act_credits = a("&Licences and Credits", self.show_credits, tip="The fonts and libraries Briefing uses, and their licences")
        self.act_preferences = a("&Preferences\u2026", self.edit_preferences, "Ctrl+,", tip="Deck template, PDF style and export folder")
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_about = a("&About Briefing", self.about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_open])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addAction(self.act_example)
        file.addSeparator()
        file.addActions([self.act_save, self.act_save_as])
        file.addSeparator()
        file.addActions([self.act_export_deck, self.act_export_pdf, self.act_export_deck_as, self.act_export_pdf_as])
        file.addSeparator()
        file.addAction(self.act_quit)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addAction(self.act_find)
        edit.addSeparator()
        edit.addAction(self.act_preferences)

        brief = bar.addMenu("&Brief")
        brief.addActions([self.act_add, self.act_remove])
        brief.addSeparator()
        brief.addActions([self.act_up, self.act_down])
        brief.addSeparator()
        brief.addAction(self.act_details)

        view = bar.addMenu("&View")
        view.addActions([self.act_focus_findings, self.act_focus_finding, self.act_focus_brief])
        view.addSeparator()
        view.addAction(self.act_refresh)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.act_guide, self.act_shortcuts, self.act_credits])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.act_about)

        for widget, actions in (
            (self.findings.view, [self.act_add, self.act_remove]),
            (self.brief.view, [self.act_up, self.act_down, self.act_remove]),
        ):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            widget.addActions(actions)

    def _make_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(20, 20))
        bar.addActions([self.act_open, self.act_save])
        bar.addSeparator()
        for action in (self.act_undo, self.act_redo):
            bar.addAction(action)
            bar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addSeparator()
        bar.addActions([self.act_add, self.act_remove])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addActions([self.act_export_deck, self.act_export_pdf])
        self.brief.add_outline_actions(self.act_up, self.act_down, self.act_remove)

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.export_label = label("")
        self.export_label.setAccessibleName("Export result")
        self.open_button = QToolButton()
        self.open_button.setText("Open")
        self.open_button.setAccessibleName("Open the exported file")
        self.open_button.clicked.connect(lambda: self._open_url(self._last_export))
        self.folder_button = QToolButton()
        self.folder_button.setText("Show in Folder")
        self.folder_button.setAccessibleName("Show the exported file in its folder")
        self.folder_button.clicked.connect(lambda: self._open_url(self._last_export.parent if self._last_export else None))
        self.warnings_button = QToolButton()
        self.warnings_button.setText("Warnings\u2026")
        self.warnings_button.setAccessibleName("Show the export's warnings")
        self.warnings_button.clicked.connect(self._show_export_warnings)
        self._export_warnings: tuple[str, ...] = ()
        self.export_bar = QProgressBar()
        self.export_bar.setRange(0, 0)  # busy until the export's worker reports its first step
        self.export_bar.setMaximumWidth(140)
        self.export_bar.setAccessibleName("Export in progress")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel the export")
        self.cancel_button.clicked.connect(self.cancel_exports)
        self._export_clock = QElapsedTimer()
        self._export_ticker = QTimer(self)
        self._export_ticker.setInterval(250)
        self._export_ticker.timeout.connect(self._tick_export)
        for widget in (self.export_label, self.export_bar, self.cancel_button, self.warnings_button, self.open_button, self.folder_button):
            status.addWidget(widget)
        self.export_bar.hide()
        self.cancel_button.hide()
        self.open_button.hide()
        self.folder_button.hide()
        self.warnings_button.hide()

    def _connect(self) -> None:
        self.findings.open_requested.connect(self.choose_and_open)
        self.findings.example_requested.connect(self.open_example)
        self.findings.current_finding_changed.connect(lambda _id: self._follow("findings"))
        self.finding.add_requested.connect(lambda: push(self.stack, self.session.select([self.finding.finding_id])))
        self.brief.view.selectionModel().currentRowChanged.connect(lambda *_: self._follow("outline"))
        self.brief.view.remove_requested.connect(self.remove_from_brief)
        for signal in (self.findings.proxy.layoutChanged, self.findings.proxy.rowsRemoved, self.findings.proxy.rowsInserted,
                       self.findings.proxy.modelReset):
            signal.connect(lambda *_: self._update_actions())
        self.stack.cleanChanged.connect(self._clean_changed)
        self._outline_acted_on: tuple | None = None  # what _update_actions last saw of the brief
        self.session.events.changed.connect(self._changed)
        self.session.events.loaded.connect(self._update_title)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.findings.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.brief.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

    def _keyboard(self) -> None:
        """Window shortcuts win over text fields; Tab reads the panes left to right, top to bottom."""
        self.keys_first = WindowKeysFirst(self)
        keep_for_text = {QKeySequence("Ctrl+Backspace")}  # delete-word in a field; Ctrl+Shift+Backspace removes
        self.keys_first.set_actions(self.actions(), keep_for_text)
        self.keys_first.watch(self)
        for view in (self.findings.view, self.brief.view):
            soften_inactive_highlight(view)
        f, d, a, b, p = self.findings, self.finding, self.finding.annotation, self.brief, self.preview
        self.tab_ring = TabRing([
            f.search, f.theme, f.actor, f.confidence, f.tag, f.view, f.clear_button,
            d.details, a.add_button, a.headline, a.priority, a.key_judgment, a.note,
            b.tabs.tabBar(), b.view, *b.outline_buttons(), *b.metadata.edits.values(),
            p.previous_page, p.next_page, p.zoom, p.refresh, p.view,
        ])

    def focusNextPrevChild(self, forward: bool) -> bool:
        target = self.tab_ring.step(QApplication.focusWidget(), forward)
        if target is None:
            return super().focusNextPrevChild(forward)
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True

    def _restore_layout(self) -> None:
        # Never larger than the screen: on a 1280x800 laptop a 1400x860 window hangs off its edge. Nor
        # as large as the work area: the window manager adds a title bar above it, which pushed the
        # bottom edge (the status bar) off a 1280x800 Xvfb + openbox screen. Where the usual size does
        # not fit, the window takes nine tenths of the work area, leaving room for any frame.
        screen = self.screen()
        available = screen.availableGeometry().size() if screen else DEFAULT_SIZE
        if DEFAULT_SIZE.width() > available.width() or DEFAULT_SIZE.height() > available.height():
            self.resize(DEFAULT_SIZE.boundedTo(available * FIRST_SHARE_OF_SMALL_SCREEN))
        else:
            self.resize(DEFAULT_SIZE)
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in (("window/panes", self.split), ("window/brief", self.brief.split), ("window/finding", self.finding.split)):
            state = self.settings.bytes(key)
            if state is not None:
                splitter.restoreState(state)

    def _save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/panes", self.split.saveState())
        self.settings.set_bytes("window/brief", self.brief.split.saveState())
        self.settings.set_bytes("window/finding", self.finding.split.saveState())
        self.settings.sync()

    # -- opening ------------------------------------------------------------------------------

    def choose_and_open(self) -> None:
        if not self.maybe_save():
            return
        current = self.session.brief_path or self.session.summary_path
        start = str(current.parent) if current else ""
        path = dialogs.ask_open_path(self, start)
        if path:
            self.open_path(path, ask=False)

    def open_example(self) -> None:
        """The example brief, as an untitled copy: saving asks where, and never overwrites the example."""

        def untitled():
            self.session.make_untitled()
            self._example_copy = True
            self._update_title()

        self.open_path(example_brief(), then=untitled)

    def open_path(self, path: str | Path, *, ask: bool = True, then=None) -> None:
        """Open a summary or a brief off the UI thread; ``then`` runs once it is shown."""
        if ask and not self.maybe_save():
            return
        path = Path(path)
        self._say(f"Opening {path.name}\u2026")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        jobs.run(lambda: _load(path), lambda loaded: self._opened(*loaded, then=then), lambda error: self._open_failed(path, error), owner=self)

    def _opened(self, document: Document, search: tuple[str, ...] | None = None, then=None) -> None:
        QApplication.restoreOverrideCursor()
        self._example_copy = False
        self._show_export_result("")  # the last export belonged to the file before
        self.preview.clear()
        self.session.set_document(document, search)
        self.stack.clear()
        self.export_paths.clear()
        self.recovery.clear()
        self.settings.add_recent(document.path)
        self._update_title()
        self._update_actions()
        summary = document.summary
        message = f"Opened {document.path.name}: {len(summary.findings)} findings"
        if document.is_brief:
            message += f", {len(self.session.selection)} in the brief"
        if document.warnings:
            message += f" \u00b7 {len(document.warnings)} warning{'s' if len(document.warnings) != 1 else ''} (run briefing validate for details)"
        self._say(message, 8000)
        if then is not None:
            then()
        self.document_loaded.emit()

    def _open_failed(self, path: Path, error: BaseException) -> None:
        QApplication.restoreOverrideCursor()
        self.statusBar().clearMessage()
        if isinstance(error, BriefingError):
            dialogs.show_load_errors(self, path, error.diagnostics)
        elif isinstance(error, OSError):
            dialogs.show_error(self, "Cannot Open File", f"Briefing cannot read \u201c{path.name}\u201d: {error.strerror or error}")
        else:
            dialogs.show_error(self, "Cannot Open File", f"Briefing cannot open \u201c{path.name}\u201d ({type(error).__name__}: {error}).")
        if not os.path.exists(path):  # (never raises: Path.exists does for a name too long)
            self.settings.remove_recent(str(path))
        self.load_failed.emit(str(path))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for n, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{n % 10}  {readable_name(Path(name).name)}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _c=False, p=name: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No Recent Files").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear Menu", self.settings.clear_recent)
        clear.setEnabled(bool(files))

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(path))  # let the drag finish before any dialog

    @staticmethod
    def _dropped_file(mime) -> str | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(YAML_SUFFIXES):
                return url.toLocalFile()
        return None

    # -- recovery -----------------------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """Ask about work a crashed run left unsaved; True when a restore is under way."""
        for work in self.recovery.orphans():
            answer = dialogs.ask_restore(self, work)
            if answer == "restore":
                self.restore(work)
                return True
            if answer == "discard":
                work.discard()
        return False

    def restore(self, work: RecoveredWork) -> None:
        """Open the file the work belonged to, then re-apply the recovered state as one undoable step."""
        target = work.brief_path if work.brief_path and work.brief_path.is_file() else work.summary_path

        def load():
            return _load(target), work.state()

        def shown(result):
            (document, search), state = result
            self._opened(document, search)
            push(self.stack, self.session.restore(state))
            work.discard()
            self.write_recovery()
            self._say(f"Restored unsaved work on {work.name}", 8000)

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        jobs.run(load, shown, lambda error: self._open_failed(target, error), owner=self)

    def _autosave(self) -> None:
        """The autosave timer: the copy's text is made on a worker thread, then written from here
        if the brief is still as it was (a newer edit restarts the timer; a save needs no copy)."""
        if not self.session.is_open or self.stack.isClean():
            return
        state, brief_file, summary_path = self.session.state, self.session.to_brief_file(), self.session.summary_path
        jobs.run(lambda: recovery_text(brief_file, summary_path), lambda text: self._store_recovery(state, text),
                 self._autosave_failed, owner=self)

    def _store_recovery(self, state, text: str) -> None:
        if not self._autosaves_wanted or self.session.state is not state or self.stack.isClean():
            return
        try:
            self.recovery.store(self.session, text)
        except (OSError, BriefingError) as exc:
            self._autosave_failed(exc)

    def _autosave_failed(self, exc: BaseException) -> None:
        self._say(f"Autosave failed: {exc}", 8000)

    def write_recovery(self) -> None:
        if not self.session.is_open or self.stack.isClean():
            return
        try:
            self.recovery.save(self.session)
        except (OSError, BriefingError) as exc:
            self._say(f"Autosave failed: {exc}", 8000)

    # -- saving ---------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is safe to drop the current brief (saved, or the user chose)."""
        if not self.session.is_open or self.stack.isClean():
            return True
        answer = dialogs.ask_unsaved(self, self._document_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def save(self) -> bool:
        if not self.session.is_open or not self._fields_valid():
            return False
        if self.session.brief_path is None:
            return self.save_as()
        return self.write_brief(self.session.brief_path)

    def save_as(self) -> bool:
        if not self.session.is_open or not self._fields_valid():
            return False
        path = dialogs.ask_save_path(self, "Save Brief As", self._brief_file(), dialogs.BRIEF_FILTER)
        return self.write_brief(Path(path)) if path else False

    def _brief_file(self) -> Path:
        """The brief's file, or the one its first save proposes (and its first exports are named
        after): beside its summary, or for an untitled copy of the example in the export folder or
        the documents folder, since beside the shipped example is no place for the analyst's work."""
        if self.session.brief_path is None and self._example_copy:
            folder = self.settings.export_folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            return Path(folder) / "example.brief.yaml"
        return self.session.brief_target()

    def _fields_valid(self) -> bool:
        """A field showing a value the brief cannot hold (a date 2025-13-45) blocks saving, with a
        message and the field in view; saving something else than what is shown would be silent loss."""
        problem = self.brief.metadata.problem()
        if problem is None:
            return True
        widget, message = problem
        dialogs.show_error(self, "Cannot Save", f"The brief was not saved: {message}", "")
        self.brief.tabs.setCurrentIndex(self.brief.DETAILS_TAB)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        widget.selectAll()
        return False

    def write_brief(self, path: Path) -> bool:
        """Write brief/1 atomically (QSaveFile: a reader sees the old file or the new, never half)."""
        try:
            text, unreadable = self.session.dump_noting(path)
        except BriefingError as error:
            dialogs.show_error(self, "Cannot Save", "\n".join(d.message for d in error.diagnostics))
            return False
        data = text.encode("utf-8")
        out = QSaveFile(str(path))
        if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
            dialogs.show_error(self, "Cannot Save", f"Briefing cannot write \u201c{path}\u201d: {out.errorString()}")
            return False
        out.write(data)
        if not out.commit():
            dialogs.show_error(self, "Cannot Save", f"Saving \u201c{path}\u201d failed: {out.errorString()}")
            return False
        self.session.saved_as(path)
        self.stack.setClean()
        self.recovery.clear()
        self.settings.add_recent(path)
        self._update_title()
        if unreadable:  # replaced on disk by something that is no brief: say so, and where
            self._say(f"Saved {path.name} in full: the file on disk was not a brief ({unreadable})", 15000)
        else:
            self._say(f"Saved {path.name}", 5000)
        return True

    # -- editing the brief ------------------------------------------------------------------

    # The finding shown in the middle pane is always the current row of the list last used:
    # the findings list (with its search box and filters) or the brief's outline. Add, Remove
    # and Move act on that list's highlighted rows, so what they do is what the pane shows.

    def _focus_changed(self, _old, new) -> None:
        if new is None:
            return
        if new is self.findings or self.findings.isAncestorOf(new):
            active = "findings"
        elif new is self.brief.view or self.brief.view.isAncestorOf(new):
            active = "outline"
        else:
            return
        if active != self._active_list:
            self._active_list = active
            self._follow(active)
        self._update_actions()

    def _follow(self, source: str) -> None:
        """Show the current row of ``source`` when it is the list in use."""
        if source != self._active_list:
            return
        if source == "outline":
            index = self.brief.view.currentIndex()
            finding_id = self.brief.model.finding_id(index.row()) if index.isValid() else ""
        else:
            finding_id = self.findings.current_id()
        if finding_id != self.finding.finding_id:
            self.finding.show_finding(finding_id)
        self._update_actions()

    def target_ids(self) -> list[str]:
        """What Add/Remove/Move act on: the highlighted rows of the list last used, else the finding shown."""
        if self._active_list == "outline":
            ids = self.brief.view.selected_ids()
        else:
            ids = self.findings.highlighted_ids()
        if not ids and self.finding.finding_id:
            ids = [self.finding.finding_id]
        return ids

    def add_to_brief(self) -> None:
        push(self.stack, self.session.select(self.target_ids()))

    def remove_from_brief(self) -> None:
        push(self.stack, self.session.deselect(self.target_ids()))

    def shift(self, delta: int) -> None:
        push(self.stack, self.session.shift(self.target_ids(), delta))

    def _focus_finding(self) -> None:
        editor = self.finding.annotation
        target = editor.headline if editor.pages.currentIndex() == 1 else self.finding.details
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- exporting ------------------------------------------------------------------------------

    def export(self, kind: exports.ExportKind, ask: bool = False) -> None:
        """One click: the first export asks where (proposing a file beside the brief); later ones reuse it."""
        if not self.session.is_open:
            return
        path = None if ask else self.export_paths.get(kind.key)
        if path is None:
            proposed = self.export_paths.get(kind.key) or exports.proposed_path(self._brief_file(), kind, self.settings.export_folder)
            chosen = dialogs.ask_save_path(self, f"Export {kind.label}", proposed, kind.file_filter)
            if not chosen:
                return
            path = Path(chosen)
            if path.suffix.lower() != kind.suffix:
                path = path.with_name(path.name + kind.suffix)
            self.export_paths[kind.key] = path
        if kind.key in self._exporting:
            self._say(f"The {kind.label.lower()} is still being exported\u2026", 4000)
            return
        try:
            scratch = exports.scratch_folder(path)
        except OSError as exc:
            self._export_failed(kind, path, exc)
            return
        self._exporting[kind.key] = scratch
        self._show_export_result(f"Exporting {kind.label.lower()} to {path.name}\u2026")
        self._export_progress(True)
        brief = self.session.brief()  # immutable, and small: safe and quick to hand to the worker process
        options = {"template": self.settings.deck_template} if kind is exports.DECK else {"style": self.settings.pdf_style}
        workers.EXPORT.submit(
            functools.partial(exports.export_brief, **options, scratch=str(scratch)),
            (brief, kind, str(path)),
            self._exported,
            lambda error: self._export_failed(kind, path, error),
            owner=self,
        )

    def cancel_exports(self) -> None:
        """Cancel: the export process ends now; nothing is written, the files there stay as they were."""
        if not self._exporting:
            return
        workers.EXPORT.cancel()
        names = ", ".join(exports.KINDS[k].label.lower() for k in self._exporting)
        self._end_exports()
        self._show_export_result(f"Export cancelled ({names}); no file was written.")
        self.export_finished.emit(None)

    def _end_exports(self, key: str | None = None) -> None:
        for name in [key] if key else list(self._exporting):
            scratch = self._exporting.pop(name, None)
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
        self._export_progress(bool(self._exporting))

    def _export_progress(self, running: bool) -> None:
        if running and not self.export_bar.isVisible():
            self._export_clock.start()
            workers.EXPORT.forget_progress()
            self.export_bar.setRange(0, 0)
        self.export_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self._export_ticker.start()
        else:
            self._export_ticker.stop()

    def _tick_export(self) -> None:
        """The bar shows how far the running export is (its worker reports slides and laid-out
        pages); before its first report, a busy bar with the time taken."""
        latest = workers.EXPORT.progress()
        if latest is None:
            self.export_bar.setRange(0, 0)
            self.export_bar.setFormat(f"{self._export_clock.elapsed() // 1000} s")
            return
        done, total = latest
        self.export_bar.setRange(0, total)
        self.export_bar.setValue(done)
        self.export_bar.setFormat("%p%")

    def _exported(self, result: ExportedFile) -> None:
        kind = exports.KINDS[result.format]
        self._end_exports(kind.key)
        self._last_export = result.path
        unit = "slide" if kind is exports.DECK else "page"
        text = f"{kind.label} exported: {result.path.name} ({result.pages} {unit}{'s' if result.pages != 1 else ''})"
        if result.warnings:  # said in the bar itself, the first in words, all of them a click away
            count = len(result.warnings)
            text += f" \u00b7 {count} warning{'s' if count != 1 else ''}: {result.warnings[0]}"
        self._show_export_result(text, "\n".join([str(result.path), *result.warnings]), actions=True, warnings=result.warnings)
        self.export_finished.emit(result)

    def _export_failed(self, kind: exports.ExportKind, path: Path, error: BaseException) -> None:
        self._end_exports(kind.key)
        if isinstance(error, BriefingError):
            detail = "\n".join(str(d) for d in error.diagnostics)
        else:
            detail = f"{type(error).__name__}: {error}"
        first = detail.splitlines()[0] if detail else type(error).__name__
        self._show_export_result(f"{kind.label} export failed: {first}", detail, error=True)
        self.export_finished.emit(error)

    def _show_export_result(self, text: str, tooltip: str = "", *, actions: bool = False, error: bool = False,
                            warnings: tuple[str, ...] = ()) -> None:
        self.statusBar().clearMessage()
        text, tooltip = readable_name(text), readable_name(tooltip)
        shown = text if len(text) <= 140 else text[:139] + "\u2026"
        self.export_label.setText(shown)
        self.export_label.setToolTip(plain_tooltip(tooltip))
        self.export_label.setStyleSheet("color: #a8321f;" if error else ("color: #8a5a00;" if warnings else ""))
        self._export_warnings = warnings
        self.warnings_button.setVisible(bool(warnings))
        self.open_button.setVisible(actions)
        self.folder_button.setVisible(actions)
        if not text:
            self._last_export = None

    def _show_export_warnings(self) -> None:
        dialogs.show_warnings(self, "Export Warnings", "The export finished with these warnings:", self._export_warnings)

    def _open_url(self, path: Path | None) -> None:
        """Open with the desktop's launcher; say so when there is none (a bare X session, a server)."""
        if path is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.export_label.setText(readable_name(f"Cannot open \u201c{path.name}\u201d: no application is set up to open it. It is in {path.parent}"))
            self.export_label.setStyleSheet("color: #a8321f;")
            self.export_label.setToolTip(plain_tooltip(readable_name(path)))

    # -- state shown in the chrome -------------------------------------------------------------

    def _changed(self) -> None:
        # The actions follow which findings the brief holds and in what order, never their notes:
        # a keystroke in a note is an edit too, and must not walk every highlighted row.
        outline = (self.session.is_open, tuple(s.id for s in self.session.selection))
        if outline != self._outline_acted_on:
            self._outline_acted_on = outline
            self._update_actions()
        if self.session.is_open:
            self.autosave.start()

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        if clean:
            self.autosave.stop()
            self.recovery.clear()

    def _say(self, text: str, timeout: int = 0) -> None:
        """A status bar message; names in it shown readably (``readable_name``)."""
        self.statusBar().showMessage(readable_name(text), timeout)

    def _document_name(self) -> str:
        if self.session.brief_path:
            return readable_name(self.session.brief_path.name)
        if self._example_copy:
            return "Example brief (untitled)"
        if self.session.summary_path:
            return f"{readable_name(self.session.summary_path.stem)} (new brief)"
        return "Untitled"

    def _update_title(self) -> None:
        if self.session.is_open:
            self.setWindowTitle(f"{self._document_name()}[*] \u2014 Briefing")
            self.setWindowFilePath(str(self.session.brief_path or ""))
        else:
            self.setWindowTitle("Briefing")
        self.setWindowModified(not self.stack.isClean())

    def _update_actions(self) -> None:
        is_open = self.session.is_open
        for action in (self.act_save, self.act_save_as, self.act_export_deck, self.act_export_pdf,
                       self.act_export_deck_as, self.act_export_pdf_as, self.act_find, self.act_details, self.act_refresh):
            action.setEnabled(is_open)
        ids = self.target_ids() if is_open else []
        places = sorted(p for p in (self.session.position(i) for i in ids) if p is not None)
        self.act_add.setEnabled(any(not self.session.is_selected(i) for i in ids))
        self.act_remove.setEnabled(bool(places))
        self.act_up.setEnabled(bool(places) and places[0] > 0)
        self.act_down.setEnabled(bool(places) and places[-1] < len(self.session.selection) - 1)

    # -- leaving ----------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_layout()
        self.autosave.stop()
        self._autosaves_wanted = False  # an autosave still on its worker thread must not write after this
        self.preview.timer.stop()
        self.recovery.close()
        event.accept()

    def stop_keeping_work(self) -> None:
        """Terminated from outside (SIGTERM, Ctrl+C in the terminal): no time to ask, so unsaved
        work goes to the recovery file, which the next start offers back, and the app quits."""
        if self.session.is_open and not self.stack.isClean():
            self.write_recovery()
            self.recovery.abandon()
        else:
            self.recovery.close()
        self._save_layout()
        QApplication.exit(0)

    # -- help and preferences -------------------------------------------------------------------

    def _help(self, title: str, markdown: str) -> HelpDialog:
        dialog = HelpDialog(title, markdown, self)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_guide(self) -> HelpDialog:
        return self._help("Briefing User Guide", GUIDE)

    def show_shortcuts(self) -> HelpDialog:
        groups = [(menu.title().replace("&", ""), [a for a in menu.actions() if not a.isSeparator()])
                  for menu in (m.menu() for m in self.menuBar().actions()) if menu is not None]
        groups.append(("Panes", [self.act_focus_findings, self.act_focus_finding, self.act_focus_brief]))
        return self._help("Keyboard Shortcuts", shortcuts_text(groups))

    def show_credits(self) -> HelpDialog:
        return self._help("Licences and Credits", credits_text())

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        dialog.apply()
        self._apply_preferences()

    def _apply_preferences(self) -> None:
        self.preview.pdf_style = self.settings.pdf_style
        if self.session.is_open:
            self.preview.schedule()

    def about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About Briefing")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Briefing {__version__}")
        box.setInformativeText(
            "Turn structured article summaries into analyst briefs: select and annotate findings, "
            "then export a PowerPoint deck and a PDF brief."
        )
        box.exec()


def _load(path: Path) -> tuple[Document, tuple[str, ...]]:
    """Everything slow about opening a file, done on a worker thread: reading, validating, indexing."""
    document = open_document(path, allow_outside_paths=True)  # the app saves briefs naming ../ summaries
    return document, search_index(document.summary.findings)
