"""The session's edits on a ``QUndoStack``: one thin ``QUndoCommand`` per core ``Edit``."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.session import Edit

_MERGEABLE = 1  # QUndoCommand.id() of edits that fold keystrokes together


class EditCommand(QUndoCommand):
    def __init__(self, edit: Edit):
        super().__init__(edit.text)
        self.edit = edit

    def redo(self) -> None:
        self.edit.redo()

    def undo(self) -> None:
        self.edit.undo()

    def id(self) -> int:
        return _MERGEABLE if self.edit.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not self.edit.merge(other.edit):
            return False
        if self.edit.is_null:  # typed back to where it began: drop the step
            self.setObsolete(True)
        return True


def push(stack: QUndoStack, edit: Edit | None) -> bool:
    """Apply ``edit`` through the stack (so it can be undone); None means there was nothing to do."""
    if edit is None:
        return False
    stack.push(EditCommand(edit))
    return True
