"""The brief's outline: the selected findings in the order the brief presents them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from briefing.session import BriefSession

from .findings import FINDING_ID_ROLE, FINDING_IDS_MIME, ids_from_mime, ids_to_mime
from .fonts import visible
from .icons import blank_icon, icon
from .undo import push
from .widgets import muted_color, plain_tooltip

_BULK = 64  # beyond this many rows added at once, a reset is cheaper than row-by-row inserts


class OutlineModel(QAbstractListModel):
    """One row per selected finding; dropping finding ids adds or moves them (as undoable edits)."""

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self._ids: list[str] = []
        self.continued: frozenset[str] = frozenset()
        self._star = icon("key-judgment")
        self._continued_icon = icon("continued")
        session.events.loaded.connect(self._reset)
        session.events.selection.connect(self._sync)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def finding_id(self, row: int) -> str:
        return self._ids[row]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        finding_id = self._ids[index.row()]
        if role == FINDING_ID_ROLE:
            return finding_id
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{index.row() + 1}.  {visible(self.session.headline(finding_id))}"
            return f"{text}  (cont.)" if finding_id in self.continued else text
        if role == Qt.ItemDataRole.DecorationRole:
            if finding_id in self.continued:
                return self._continued_icon
            return self._star if self.session.is_key_judgment(finding_id) else blank_icon()  # keeps numbers aligned
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(finding_id))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1}. {self.session.headline(finding_id)}"
        return None

    def _tooltip(self, finding_id: str) -> str:
        chosen = self.session.selection_for(finding_id)
        lines = [self.session.headline(finding_id)]
        flags = []
        if self.session.is_key_judgment(finding_id):
            flags.append("key judgment")
        if chosen and chosen.priority:
            flags.append(f"{chosen.priority} priority")
        if flags:
            lines.append(", ".join(flags).capitalize())
        if finding_id in self.continued:
            lines.append("Runs onto a continuation slide in the deck: consider a shorter statement or fewer quotes.")
        if chosen and chosen.note:
            note = chosen.note if len(chosen.note) < 300 else chosen.note[:297] + "\u2026"
            lines.append(f"Note: {note}")
        return "\n".join(lines)

    # Combined once: the view asks for every row it paints, and each | of Python enums costs a call.
    _ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return self._ROW_FLAGS

    # -- drag and drop --------------------------------------------------------------------------

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [FINDING_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        return ids_to_mime([self._ids[r] for r in rows])

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(FINDING_IDS_MIME)

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        ids = [i for i in ids_from_mime(data) if self.session.finding(i) is not None]
        if not ids:
            return False
        before = row if row >= 0 else (parent.row() if parent.isValid() else len(self._ids))
        self.drop(ids, before)
        return True  # the rows follow through the session's events (removeRows refuses the view's own move)

    def drop(self, ids: list[str], before: int) -> None:
        """Put ``ids`` at outline place ``before``: new findings are added there, selected ones move."""
        new = [i for i in ids if not self.session.is_selected(i)]
        if not new:
            push(self.stack, self.session.move(ids, before))
            return
        self.stack.beginMacro("Add to Brief")
        push(self.stack, self.session.select(new, at=before))
        placed = self.session.position(new[0])
        push(self.stack, self.session.move(ids, placed))
        self.stack.endMacro()

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:
        return False  # removal is an undoable edit (Remove from Brief), never a side effect of a drag

    # -- continuation slides --------------------------------------------------------------------

    def set_continued(self, ids) -> None:
        ids = frozenset(ids)
        if ids != self.continued:
            self.continued = ids
            if self._ids:
                self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    # -- following the session -------------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._ids = [s.id for s in self.session.selection]
        self.continued = frozenset()
        self.endResetModel()

    def _in_place(self, changed) -> bool:
        """Whether the rows are still in the session's order. The session names every finding
        whose place changed, so checking those is enough (a keystroke in a note: one finding,
        not the whole outline)."""
        if len(self.session.selection) != len(self._ids):
            return False
        return all((place := self.session.position(fid)) is not None and self._ids[place] == fid for fid in changed)

    def _sync(self, changed=None) -> None:
        """Bring the rows in line with the session with row-level signals, so the view keeps
        its current row and highlight through adds, removals and moves."""
        if changed is not None and self._in_place(changed):  # an annotation: redraw its row only
            for fid in changed:
                row = self.session.position(fid)
                self.dataChanged.emit(self.index(row), self.index(row))
            return
        target = [s.id for s in self.session.selection]
        wanted = set(target)
        if len(wanted - set(self._ids)) > _BULK:
            self._reset()
            return
        for row in reversed(range(len(self._ids))):
            if self._ids[row] not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        present = set(self._ids)
        kept = [i for i in target if i in present]
        if kept != self._ids:
            self.layoutAboutToBeChanged.emit()
            places = {fid: n for n, fid in enumerate(kept)}
            old = self.persistentIndexList()
            self.changePersistentIndexList(old, [self.index(places[self._ids[i.row()]]) for i in old])
            self._ids = kept
            self.layoutChanged.emit()
        for place, fid in enumerate(target):
            if place >= len(self._ids) or self._ids[place] != fid:
                self.beginInsertRows(QModelIndex(), place, place)
                self._ids.insert(place, fid)
                self.endInsertRows()
        if self._ids:  # numbers, headlines and flags may all have changed
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))


class OutlineView(QTreeView):
    """The outline list: drag to reorder, drop findings from the list, Delete to remove."""

    remove_requested = Signal()
    EMPTY_TEXT = "Select findings to build the brief.\n\nTick them in the findings list, press Space, or drag them here."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Brief outline")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(16, 16))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(muted_color(self.palette()))
            area = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(QRect(area), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.EMPTY_TEXT)
            painter.end()

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [self.model().finding_id(r) for r in rows if r < self.model().rowCount()]
