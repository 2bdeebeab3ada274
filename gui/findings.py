"""The findings pane: every finding of the summary, searchable and filterable, ticked when in the brief."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing import icd203
from briefing.session import BriefSession, FindingFilter

from .fonts import visible
from .icons import blank_icon, icon
from .undo import push
from .widgets import EmptyState, heading, label, plain_tooltip

FINDING_IDS_MIME = "application/x-briefing-finding-ids"
FINDING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def ids_to_mime(ids: list[str]) -> QMimeData:
    data = QMimeData()
    data.setData(FINDING_IDS_MIME, "\n".join(ids).encode("utf-8"))
    return data


def ids_from_mime(data: QMimeData) -> list[str]:
    if not data.hasFormat(FINDING_IDS_MIME):
        return []
    return [i for i in bytes(data.data(FINDING_IDS_MIME)).decode("utf-8").split("\n") if i]


class FindingsModel(QAbstractTableModel):
    """Rows are the summary's findings, in file order; column 0's check box means "in the brief"."""

    IN_BRIEF, TITLE, THEME, CONFIDENCE = range(4)
    HEADERS = ("#", "Finding", "Theme", "Confidence")

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self._themes: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._star = icon("key-judgment")
        session.events.loaded.connect(self._reload)
        session.events.selection.connect(self._selection_changed)

    # -- shape ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.session.findings)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == self.IN_BRIEF:
                return "Ticked findings are in the brief; the number is their place in the outline"
        return None

    # Computed once: views ask for flags of every row on each layout, and enum arithmetic is slow.
    # ItemNeverHasChildren spares the tree view a hasChildren() call per row.
    _FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren
    _CHECKABLE = _FLAGS | Qt.ItemFlag.ItemIsUserCheckable

    def flags(self, index: QModelIndex):
        return self._CHECKABLE if index.column() == 0 else self._FLAGS

    # -- content ---------------------------------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self.session.findings[index.row()]
        column = index.column()
        if role == FINDING_ID_ROLE:
            return finding.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.IN_BRIEF:
                place = self.session.position(finding.id)
                return str(place + 1) if place is not None else ""
            if column == self.TITLE:
                return visible(finding.title)
            if column == self.THEME:
                return self._themes.get(finding.theme or "", "")
            if column == self.CONFIDENCE:
                return (finding.confidence or "").capitalize()
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.IN_BRIEF:
            return Qt.CheckState.Checked if self.session.is_selected(finding.id) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and column == self.TITLE and self.session.is_selected(finding.id):
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and column == self.TITLE:
            return self._star if self.session.is_key_judgment(finding.id) else blank_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(finding, column))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.IN_BRIEF:
                place = self.session.position(finding.id)
                return f"In brief, place {place + 1}" if place is not None else "Not in brief"
            return None
        return None

    def _tooltip(self, finding, column: int) -> str:
        if column == self.CONFIDENCE:
            judgment = icd203.describe(finding.confidence, finding.likelihood)
            return f"ICD 203: {judgment}" if judgment else "No confidence stated"
        if column == self.THEME:
            return self._themes.get(finding.theme or "", "")
        if column == self.IN_BRIEF:
            return "In the brief (Space to remove)" if self.session.is_selected(finding.id) else "Not in the brief (Space to add)"
        extra = "\nKey judgment" if self.session.is_key_judgment(finding.id) else ""
        return f"{finding.title}{extra}"

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.IN_BRIEF:
            return False
        finding_id = self.session.findings[index.row()].id
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        edit = self.session.select([finding_id]) if checked else self.session.deselect([finding_id])
        return push(self.stack, edit)

    def mimeTypes(self) -> list[str]:
        return [FINDING_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        return ids_to_mime([self.session.findings[r].id for r in rows])

    # -- following the session ---------------------------------------------------------------

    def _reload(self) -> None:
        self.beginResetModel()
        summary = self.session.summary
        self._themes = {t.id: t.label for t in summary.themes} if summary else {}
        self.endResetModel()

    def _selection_changed(self, ids: frozenset[str]) -> None:
        """Redraw the rows whose state changed. The session names every finding whose selection,
        outline place or annotation changed, so a finding whose # moved is among ``ids``; typing a
        note changes one finding: one row is redrawn, not every finding in the brief."""
        rows = sorted(r for r in (self.session.row_of(i) for i in ids) if r is not None)
        last = self.columnCount() - 1
        if len(rows) > 64:  # one signal for a bulk change rather than thousands
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], last))
        else:
            for row in rows:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))


class FindingsFilterModel(QSortFilterProxyModel):
    """Shows the rows the session's ``FindingFilter`` accepts; summary order is kept."""

    def __init__(self, session: BriefSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.finding_filter = FindingFilter()
        self.setDynamicSortFilter(False)  # the filter depends on the text, never on selection

    def set_filter(self, finding_filter: FindingFilter) -> None:
        if finding_filter == self.finding_filter:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.finding_filter = finding_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.finding_filter = finding_filter
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if self.finding_filter.is_empty:
            return True
        return self.session.matches(source_row, self.finding_filter)


class FindingsView(QTableView):
    """The list itself: Space toggles the highlighted findings in or out of the brief."""

    toggle_requested = Signal()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The Finding column keeps most of the width on a narrow window: the # column fits an
        outline place of three digits beside its tick box, Confidence fits its longest word, and
        Theme takes a share of what is left (its full label is in the tooltip)."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        tick = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 14
        number = tick + metrics.horizontalAdvance("888") + 12
        confidence = max(metrics.horizontalAdvance(w) for w in ("Confidence", "Moderate")) + 24
        room = max(0, self.viewport().width() - number - confidence)
        theme = max(48, min(170, room // 4))
        header.resizeSection(FindingsModel.IN_BRIEF, number)
        header.resizeSection(FindingsModel.CONFIDENCE, confidence)
        header.resizeSection(FindingsModel.THEME, theme)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.toggle_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """The search box: Down, Page Down and Return move into the list; Escape clears the search."""

    leave_to_list = Signal()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.leave_to_list.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and not event.modifiers() and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class FindingsPane(QWidget):
    """Search box and facet filters over the findings list, with an empty state before a file is open."""

    current_finding_changed = Signal(str)  # finding id, or "" when none
    open_requested = Signal()
    example_requested = Signal()

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self.model = FindingsModel(session, stack, self)
        self.proxy = FindingsFilterModel(session, self)
        self.proxy.setSourceModel(self.model)

        self.title = heading("Findings")
        self.count = label("")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count.setAccessibleName("Number of findings shown")

        self.search = SearchField()
        self.search.leave_to_list.connect(self.focus_list)
        self.search.setPlaceholderText("Search titles, statements, quotes and tags (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search findings")
        self.search.textChanged.connect(self._filter_changed)

        self.theme = self._combo("Filter by theme")
        self.actor = self._combo("Filter by actor")
        self.confidence = self._combo("Filter by confidence")
        self.tag = self._combo("Filter by tag")

        self.view = FindingsView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Findings list")
        # A table, not a tree: its layout never visits every row, so thousands stay fast.
        self.view.setShowGrid(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list for the next pane; arrows move within it
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setIconSize(QSize(16, 16))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FindingsModel.IN_BRIEF, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(FindingsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FindingsModel.THEME, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(FindingsModel.CONFIDENCE, QHeaderView.ResizeMode.Fixed)
        self.view.fit_columns()
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.toggle_requested.connect(self.toggle_highlighted)

        self.no_match = QWidget()
        no_match_row = QHBoxLayout(self.no_match)
        no_match_row.setContentsMargins(0, 0, 0, 0)
        no_match_row.addWidget(label("No findings match the search and filters."), 1)
        clear = self.clear_button = QPushButton("Clear Filters")
        clear.setAccessibleName("Clear filters")
        clear.clicked.connect(self.clear_filters)
        no_match_row.addWidget(clear)
        self.no_match.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        facets = QGridLayout()
        facets.setHorizontalSpacing(6)
        facets.addWidget(self.theme, 0, 0)
        facets.addWidget(self.actor, 0, 1)
        facets.addWidget(self.confidence, 1, 0)
        facets.addWidget(self.tag, 1, 1)
        layout.addLayout(facets)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.no_match)

        self.empty = EmptyState(
            "Open a summary or a brief to start",
            "File \u25b8 Open (Ctrl+O), a recent file, or drop a .yaml file on this window.",
            "&Open\u2026",
        )
        self.empty.button.clicked.connect(self.open_requested)
        example = self.empty.add_button("Try the E&xample")
        example.setToolTip("Open the example brief that comes with Briefing, as an untitled copy")
        example.clicked.connect(self.example_requested)

        self.stack_widget = QStackedWidget()
        self.stack_widget.addWidget(self.empty)
        self.stack_widget.addWidget(content)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 4, 8)
        outer.addLayout(top)
        outer.addWidget(self.stack_widget, 1)

        session.events.loaded.connect(self._loaded)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    # -- following the session ---------------------------------------------------------------

    def _loaded(self) -> None:
        facets = self.session.facets()
        self._fill(self.theme, "All themes", [(t.label, t.id) for t in facets.themes])
        self._fill(self.actor, "All actors", [(a.name, a.id) for a in facets.actors])
        self._fill(self.confidence, "Any confidence", [(f"{c.capitalize()} confidence", c) for c in facets.confidences])
        self._fill(self.tag, "All tags", [(t, t) for t in facets.tags])
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.proxy.set_filter(FindingFilter())
        self.stack_widget.setCurrentIndex(1 if self.session.is_open else 0)
        self._update_count()
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, FindingsModel.TITLE))

    def _fill(self, combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setEnabled(bool(items))
        combo.blockSignals(False)

    def current_filter(self) -> FindingFilter:
        return FindingFilter(
            text=self.search.text(),
            theme=self.theme.currentData(),
            actor=self.actor.currentData(),
            confidence=self.confidence.currentData(),
            tag=self.tag.currentData(),
        )

    def _filter_changed(self, *_):
        self.proxy.set_filter(self.current_filter())
        self._update_count()
        self._ensure_current()

    def _ensure_current(self) -> None:
        """A search that hides the current row makes the first match current, so there is always
        a finding the middle pane shows and Add/Remove act on (none only when nothing matches)."""
        if not self.proxy.rowCount():
            self.current_finding_changed.emit("")
            return
        current = self.view.currentIndex()
        if not current.isValid():
            self.view.setCurrentIndex(self.proxy.index(0, FindingsModel.TITLE))
        elif not self.view.selectionModel().hasSelection():  # the filter dropped the highlight: show it again
            self.view.selectionModel().select(
                current, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def clear_filters(self) -> None:
        for combo in (self.theme, self.actor, self.confidence, self.tag):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()  # re-filters once
        self._filter_changed()

    def _update_count(self, *_):
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total}")
        self.no_match.setVisible(self.session.is_open and total > 0 and shown == 0)

    # -- what the user points at ------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_finding_changed.emit(current.data(FINDING_ID_ROLE) or "" if current.isValid() else "")

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return (index.data(FINDING_ID_ROLE) or "") if index.isValid() else ""

    def highlighted_ids(self) -> list[str]:
        """The findings highlighted in the list (or the current one), in summary order."""
        # Walk the selection's ranges (a few) rather than selectedRows(), which asks the model
        # for its width once per row: 300 highlighted rows cost 4,000 Python calls.
        proxy_rows: set[int] = set()
        for part in self.view.selectionModel().selection():
            proxy_rows.update(range(part.top(), part.bottom() + 1))
        if not proxy_rows and self.view.currentIndex().isValid():
            proxy_rows = {self.view.currentIndex().row()}
        findings = self.session.findings
        source_rows = sorted(self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in proxy_rows)
        return [findings[r].id for r in source_rows if 0 <= r < len(findings)]

    def toggle_highlighted(self) -> None:
        """Space: add the highlighted findings to the brief, or take them out when all are in."""
        ids = self.highlighted_ids()
        if not ids:
            return
        if all(self.session.is_selected(i) for i in ids):
            push(self.stack, self.session.deselect(ids))
        else:
            push(self.stack, self.session.select(ids))

    def show_finding(self, finding_id: str) -> None:
        """Make ``finding_id`` the current row (clearing filters that hide it)."""
        row = self.session.row_of(finding_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, FindingsModel.TITLE))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, FindingsModel.TITLE))
        if self.view.currentIndex() != index:
            self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def focus_list(self) -> None:
        """Move the keyboard into the list, on its current row (the first one if none is)."""
        self._ensure_current()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.view.currentIndex().isValid():
            self.view.scrollTo(self.view.currentIndex())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
