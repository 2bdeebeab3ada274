"""The middle pane: one finding in full (statement, evidence, actors, judgment) and its annotation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing import icd203
from briefing.model import Evidence, Finding
from briefing.session import BriefSession

from .fonts import visible
from .undo import push
from .widgets import EmptyState, FlowLayout, TextField, heading, label, muted_color, plain_tooltip, quoted

PRIORITY_CHOICES = (("No priority", None),) + tuple((p.capitalize(), p) for p in icd203.PRIORITIES)


def _quote_locator():
    """``briefing.formats.quotes.find_quote`` when this installation has it (it arrives with the importer)."""
    try:
        from briefing.formats.quotes import find_quote
    except ImportError:
        return None
    return find_quote


class FindingDetails(QTextBrowser):
    """The finding as a read-only document, built with the cursor API so its text stays literal."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Finding details")
        self.document().setDocumentMargin(10)

    def show_finding(self, session: BriefSession, finding: Finding) -> None:
        self.clear()
        cursor = QTextCursor(self.document())
        base = QTextCharFormat()
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        muted = QTextCharFormat()
        muted.setForeground(muted_color(self.palette()))
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        section = QTextCharFormat(bold)
        section.setFontPointSize(self.font().pointSizeF() * 1.05)
        spaced = QTextBlockFormat()
        spaced.setTopMargin(10)
        spaced.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        indented = QTextBlockFormat(spaced)
        indented.setLeftMargin(14)
        indented.setTopMargin(6)

        def put(text: str, char_format: QTextCharFormat) -> None:
            cursor.insertText(visible(text), char_format)  # controls shown as pictures, never as boxes

        cursor.setBlockFormat(QTextBlockFormat(spaced))
        put(finding.statement, base)

        cursor.insertBlock(spaced)
        cursor.insertText("Evidence", section)
        if not finding.evidence:
            cursor.insertBlock(indented)
            cursor.insertText("No evidence quoted.", muted)
        source = session.summary.source
        locate = _quote_locator() if source.paragraphs else None
        for item in finding.evidence:
            cursor.insertBlock(indented)
            put(quoted(item.quote), italic)
            put(f"  ({item.citation})", muted)
            self._insert_context(cursor, source.paragraph(item.paragraph), item, locate, indented, muted)

        actors = [session.summary.actor(a) for a in finding.actors]
        actors = [a for a in actors if a is not None]
        if actors:
            cursor.insertBlock(spaced)
            cursor.insertText("Actors", section)
            for actor in actors:
                cursor.insertBlock(indented)
                put(actor.name, bold)
                put(f" \u2014 {actor.role}" if actor.role else f" ({actor.kind})", base)
        if finding.tags:
            cursor.insertBlock(spaced)
            cursor.insertText("Tags  ", section)
            put(", ".join(finding.tags), base)
        cursor.insertBlock(spaced)
        put(f"Finding id: {finding.id}", muted)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_context(self, cursor, paragraph, item: Evidence, locate, block, muted) -> None:
        """The cited paragraph with the quote highlighted, when the summary carries the article."""
        if not paragraph or locate is None:
            return
        span = locate(paragraph, item.quote)
        context = QTextBlockFormat(block)
        context.setLeftMargin(block.leftMargin() + 14)
        context.setTopMargin(2)
        cursor.insertBlock(context)
        cursor.insertText(f"\u00b6 {item.paragraph}: ", muted)
        if span is None:
            cursor.insertText(visible(paragraph), muted)
            warning = QTextCharFormat()
            warning.setForeground(QColor("#a8321f"))
            cursor.insertText("  (quote not found in this paragraph)", warning)
            return
        start, end = span
        marked = QTextCharFormat()
        marked.setBackground(QColor(255, 226, 120, 150))
        cursor.insertText(visible(paragraph[:start]), muted)
        cursor.insertText(visible(paragraph[start:end]), marked)
        cursor.insertText(visible(paragraph[end:]), muted)


class AnnotationEditor(QGroupBox):
    """Headline override, priority, key judgment and note for a finding in the brief."""

    add_requested = Signal()

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__("Your annotation", parent)
        self.session = session
        self.stack = stack
        self.finding_id = ""

        self.headline = QLineEdit()
        self.headline.setAccessibleName("Headline override")
        self.headline.setToolTip("A sharper headline for the brief; leave empty to use the summary's title")
        self.headline_field = TextField(self.headline)
        self.headline_field.edited.connect(lambda text: self._annotate("title", text))

        self.priority = QComboBox()
        self.priority.setAccessibleName("Priority")
        for text, value in PRIORITY_CHOICES:
            self.priority.addItem(text, value)
        self.priority.activated.connect(lambda i: self._annotate("priority", self.priority.itemData(i)))

        self.key_judgment = QCheckBox("&Key judgment")
        self.key_judgment.setAccessibleName("Key judgment")
        self.key_judgment.setToolTip("Key judgments open the brief, before the findings")
        self.key_judgment.clicked.connect(lambda checked: self._annotate("key_judgment", bool(checked)))

        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Analyst's note")
        self.note.setPlaceholderText("Your comment for the reader. It is printed as the analyst's note, apart from the source's claims.")
        self.note.setMinimumHeight(70)
        self.note_field = TextField(self.note)
        self.note_field.edited.connect(lambda text: self._annotate("note", text))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Head&line:", self.headline)
        row = QHBoxLayout()
        row.addWidget(self.priority)
        row.addSpacing(12)
        row.addWidget(self.key_judgment)
        row.addStretch(1)
        form.addRow("&Priority:", row)
        form.addRow("&Note:", self.note)
        editor = QWidget()
        editor.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        form.labelForField(row).setBuddy(self.priority)  # rows holding a layout get no buddy of their own

        self.not_in_brief = QWidget()
        hint_layout = QVBoxLayout(self.not_in_brief)
        self.hint = label("This finding is not in the brief. Add it to give it a headline, a priority and your note.", wrap=True)
        add = QPushButton("Add to Br&ief")
        add.setAccessibleName("Add this finding to the brief")
        add.clicked.connect(self.add_requested)
        self.add_button = add
        hint_layout.addWidget(self.hint)
        hint_layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        hint_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.not_in_brief)
        self.pages.addWidget(editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _annotate(self, name: str, value) -> None:
        if self.finding_id:
            push(self.stack, self.session.annotate(self.finding_id, name, value))

    def show_finding(self, finding_id: str) -> None:
        self.finding_id = finding_id
        self.refresh()

    def refresh(self) -> None:
        chosen = self.session.selection_for(self.finding_id) if self.finding_id else None
        finding = self.session.finding(self.finding_id) if self.finding_id else None
        self.pages.setCurrentIndex(1 if chosen is not None else 0)
        if chosen is None or finding is None:
            return
        self.headline.setPlaceholderText(finding.title)
        self.headline_field.show(chosen.title)
        self.note_field.show(chosen.note)
        self.priority.setCurrentIndex(max(0, self.priority.findData(chosen.priority)) if chosen.priority else 0)
        self.key_judgment.setChecked(self.session.is_key_judgment(self.finding_id))
        summary_flag = "a key judgment" if finding.key_judgment else "not a key judgment"
        self.key_judgment.setToolTip(f"Key judgments open the brief. The summary marks this finding as {summary_flag}.")


class FindingPane(QWidget):
    """What the analyst reads and annotates: the current finding of the list or the outline."""

    add_requested = Signal()

    def __init__(self, session: BriefSession, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.finding_id = ""

        self.title = label("", wrap=True, selectable=True)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.title.setAccessibleName("Finding title")

        self.theme = label("", role="fact")
        self.date = label("", role="fact")
        self.confidence = label("", role="fact")
        self.likelihood = label("", role="fact")
        self.key = label("", role="fact")
        self.in_brief = label("", role="fact")
        self.facts = QWidget()
        self.facts.setStyleSheet("QLabel#fact { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; }")
        facts = FlowLayout(self.facts)
        for fact in (self.in_brief, self.key, self.confidence, self.likelihood, self.date, self.theme):
            fact.setAccessibleName("Finding fact")
            facts.addWidget(fact)

        self.details = FindingDetails()
        self.annotation = AnnotationEditor(session, stack)
        self.annotation.add_requested.connect(self.add_requested)

        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.title)
        reading_layout.addWidget(self.facts)
        reading_layout.addWidget(self.details, 1)

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(reading)
        self.split.addWidget(self.annotation)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)

        self.empty = EmptyState("Select a finding in the list", "Its statement, evidence and your annotation appear here.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.split)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.addWidget(heading("Selected Finding"))
        layout.addWidget(self.pages, 1)

        # Keep the finding the list made current (whichever pane hears "loaded" first); drop a stale one.
        session.events.loaded.connect(lambda: self.show_finding(self.finding_id))
        session.events.selection.connect(self._selection_changed)

    def show_finding(self, finding_id: str) -> None:
        finding = self.session.finding(finding_id) if finding_id else None
        self.finding_id = finding.id if finding else ""
        self.pages.setCurrentIndex(1 if finding else 0)
        self.annotation.show_finding(self.finding_id)
        if finding is None:
            return
        self.title.setText(visible(finding.title))
        theme = self.session.summary.theme(finding.theme)
        self._fact(self.theme, f"Theme: {theme.label}" if theme else "", theme.label if theme else "")
        self._fact(self.date, f"Date: {finding.date.label()}" if finding.date else "", "")
        confidence = finding.confidence
        self._fact(
            self.confidence,
            f"{confidence.capitalize()} confidence" if confidence else "",
            f"ICD 203 analytic confidence: {confidence} (low \u2192 moderate \u2192 high)" if confidence else "",
        )
        likelihood = finding.likelihood
        self._fact(
            self.likelihood,
            likelihood.capitalize() if likelihood else "",
            f"ICD 203: {likelihood} means a {icd203.likelihood_range(likelihood)} probability" if likelihood else "",
        )
        self._refresh_flags()
        self.details.show_finding(self.session, finding)

    def _fact(self, widget, text: str, tooltip: str) -> None:
        widget.setText(text)
        widget.setToolTip(plain_tooltip(tooltip))
        widget.setVisible(bool(text))

    def _refresh_flags(self) -> None:
        place = self.session.position(self.finding_id)
        self._fact(self.in_brief, f"In brief: #{place + 1}" if place is not None else "Not in brief", "")
        key = self.session.is_key_judgment(self.finding_id)
        self._fact(self.key, "\u2605 Key judgment" if key else "", "Shown among the key judgments at the start of the brief")

    def _selection_changed(self, ids) -> None:
        if self.finding_id and self.session.is_selected(self.finding_id) or self.finding_id in ids:
            self._refresh_flags()
            self.annotation.refresh()
