"""The brief's editable state and the undoable ``Edit`` that moves between two states.

A ``BriefState`` is a value (the ordered selection and the metadata); an
``Edit`` records the state before and after, so undo never has to invert an
operation. ``BriefSession`` makes the edits; the app wraps each in a
``QUndoCommand``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from briefing.dates import PartialDate
from briefing.model import BriefFile, Selection
from briefing.text import has_visible_text

if TYPE_CHECKING:
    from briefing.session.session import BriefSession

METADATA_FIELDS = ("title", "subtitle", "author", "date", "audience", "marking")
ANNOTATION_FIELDS = ("title", "note", "priority", "key_judgment")
# Typing in these fields makes one edit per keystroke; consecutive ones fold into one undo step.
TEXT_FIELDS = {"title", "subtitle", "author", "date", "audience", "marking", "note"}


@dataclass(frozen=True)
class BriefMetadata:
    title: str = ""
    subtitle: str | None = None
    author: str | None = None
    date: PartialDate | None = None
    audience: str | None = None
    marking: str | None = None
    language: str | None = None  # carried from the file as it is (not edited in the app)


@dataclass(frozen=True)
class BriefState:
    """Everything an edit can change: the ordered selection and the metadata."""

    selection: tuple[Selection, ...] = ()
    metadata: BriefMetadata = field(default_factory=BriefMetadata)

    @classmethod
    def of(cls, brief_file: BriefFile) -> BriefState:
        return cls(tuple(brief_file.findings), BriefMetadata(**metadata_of(brief_file)))


def metadata_of(source) -> dict:
    """The ``BriefMetadata`` fields of ``source`` (a brief file or metadata), by name: the one list is the dataclass."""
    return {f.name: getattr(source, f.name) for f in fields(BriefMetadata)}


class Edit:
    """One undoable change: ``redo()`` applies it, ``undo()`` puts back exactly what was there.

    ``text`` names it for an Undo menu; edits with the same ``merge_key`` fold
    into one step.
    """

    def __init__(self, session: BriefSession, text: str, after: BriefState, merge_key: Hashable | None = None):
        self.session = session
        self.text = text
        self.before = session.state
        self.after = after
        self.merge_key = merge_key

    def redo(self) -> None:
        self.session._apply(self.after)

    def undo(self) -> None:
        self.session._apply(self.before)

    def merge(self, newer: Edit) -> bool:
        """Fold a following edit of the same text field into this one (keystrokes -> one step)."""
        if self.merge_key is None or newer.merge_key != self.merge_key or newer.session is not self.session:
            return False
        self.after = newer.after
        return True

    @property
    def is_null(self) -> bool:
        """True when it changes nothing (e.g. typing that ended where it began)."""
        return self.before == self.after


def blank_to_none(value):
    """An emptied text field means "not set": one that shows nothing too (a zero-width space, a
    control), which the saved brief could not hold (its validation would refuse the file)."""
    if isinstance(value, str) and not has_visible_text(value):
        return None
    return value
