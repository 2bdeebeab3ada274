"""The brief's details: title, subtitle, author, date, audience and marking."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import QCompleter, QFormLayout, QLineEdit, QWidget

from briefing.dates import PartialDate
from briefing.session import BriefSession

from .undo import push
from .widgets import TextField, label, mute

COMMON_MARKINGS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED // FOR TRAINING",
    "UNCLASSIFIED // FOR OFFICIAL USE ONLY",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "SENSITIVE",
    "PUBLIC",
)

_LABELS = {
    "title": "&Title:",
    "subtitle": "&Subtitle:",
    "author": "&Author:",
    "date": "&Date:",
    "audience": "Audien&ce:",
    "marking": "&Marking:",
}


class MetadataForm(QWidget):
    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self.edits: dict[str, QLineEdit] = {}
        self.fields: dict[str, TextField] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, text in _LABELS.items():
            edit = QLineEdit()
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))
            self.edits[name] = edit
            field = TextField(edit)
            field.edited.connect(lambda value, n=name: self._edited(n, value))
            self.fields[name] = field
            form.addRow(text, edit)
        date = self.edits["date"]
        date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        date.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,4}(-\d{0,2}(-\d{0,2})?)?$"), date))
        date.setMaxLength(10)
        self.date_problem = label("", wrap=True)
        self.date_problem.setObjectName("fieldProblem")
        self.date_problem.setStyleSheet("color: #a8321f;")
        self.date_problem.hide()
        form.addRow("", self.date_problem)
        marking = self.edits["marking"]
        marking.setPlaceholderText("e.g. UNCLASSIFIED // FOR TRAINING")
        completer = QCompleter(list(COMMON_MARKINGS), marking)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        marking.setCompleter(completer)
        self.edits["subtitle"].setPlaceholderText("Optional")
        self.edits["author"].setPlaceholderText("e.g. South Asia Desk")
        self.edits["audience"].setPlaceholderText("e.g. Minister and private office")
        hint = label("Saved in the brief file; printed on the title slide, the PDF's first page and in running headers.", wrap=True)
        mute(hint)
        form.addRow("", hint)
        session.events.loaded.connect(self.refresh)
        session.events.metadata.connect(lambda _fields: self.refresh())

    def _edited(self, name: str, value: str) -> None:
        if name == "date":
            try:
                parsed = PartialDate.parse(value) if value.strip() else None
            except ValueError as exc:
                self._date_problem(str(exc) if len(value) >= 4 else "")
                return
            self._date_problem("")
            push(self.stack, self.session.set_metadata("date", parsed))
            return
        push(self.stack, self.session.set_metadata(name, value))

    def problem(self) -> tuple[QLineEdit, str] | None:
        """A field whose text the brief does not hold, and why (None when every field is fine)."""
        text = self.edits["date"].text()
        if not text.strip():
            return None
        try:
            PartialDate.parse(text)
        except ValueError as exc:
            return self.edits["date"], f"the date “{text}” is not a date ({exc}). Use YYYY, YYYY-MM or YYYY-MM-DD, or clear it."
        return None

    def _date_problem(self, message: str) -> None:
        self.date_problem.setText(message)
        self.date_problem.setVisible(bool(message))

    def refresh(self) -> None:
        meta = self.session.metadata
        summary = self.session.summary
        self.edits["title"].setPlaceholderText(summary.headline if summary else "")
        for name, field in self.fields.items():
            value = getattr(meta, name)
            if name == "date":
                # Keep a half-typed date on screen; only a committed change replaces it.
                if self._date_matches(field.text(), value):
                    continue
                self._date_problem("")
            field.show("" if value is None else str(value))
        self.setEnabled(self.session.is_open)

    @staticmethod
    def _date_matches(text: str, value: PartialDate | None) -> bool:
        try:
            return (PartialDate.parse(text) if text.strip() else None) == value
        except ValueError:
            return False
