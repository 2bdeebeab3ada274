"""The analyst's main flow, driven through the window: open, filter, select, annotate, reorder,
undo/redo, save, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from briefing.formats.load import check
from briefing.session import FindingFilter

pytestmark = pytest.mark.gui


def proxy_ids(window) -> list[str]:
    from briefing_gui.findings import FINDING_ID_ROLE

    proxy = window.findings.proxy
    return [proxy.index(r, 0).data(FINDING_ID_ROLE) for r in range(proxy.rowCount())]


def outline_ids(window) -> list[str]:
    model = window.brief.model
    return [model.finding_id(r) for r in range(model.rowCount())]


def highlight(window, finding_id):
    window.findings.show_finding(finding_id)
    window.findings.view.setFocus()


def test_search_and_facets_filter_the_list(window, open_in, workdir, qtbot):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    assert window.findings.proxy.rowCount() == 21
    qtbot.keyClicks(window.findings.search, "ISIS-K")
    shown = proxy_ids(window)
    assert 0 < len(shown) < 21
    assert all(window.session.matches(window.session.row_of(i), FindingFilter("ISIS-K")) for i in shown)
    assert window.findings.count.text() == f"{len(shown)} of 21"

    window.findings.search.clear()
    combo = window.findings.theme
    combo.setCurrentIndex(combo.findData("transactionalism"))
    assert {window.session.finding(i).theme for i in proxy_ids(window)} == {"transactionalism"}

    qtbot.keyClicks(window.findings.search, "no such words anywhere")
    assert window.findings.proxy.rowCount() == 0
    assert window.findings.no_match.isVisible()
    window.findings.clear_filters()
    assert window.findings.proxy.rowCount() == 21


def test_select_annotate_reorder_undo_save_and_reopen(window, make_window, open_in, workdir, qtbot, dialogs):
    from briefing_gui.findings import FindingsModel

    open_in(window, workdir / "us-pakistan-reset.yaml")
    assert not window.isWindowModified()
    first, second, third = (f.id for f in window.session.findings[:3])

    # Three ways to select: the check box, Space in the list, and the Brief menu.
    proxy = window.findings.proxy
    assert proxy.setData(proxy.index(0, FindingsModel.IN_BRIEF), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    highlight(window, second)
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Space)
    highlight(window, third)
    window.act_add.trigger()
    assert outline_ids(window) == [first, second, third]
    assert window.isWindowModified()
    assert proxy.index(1, FindingsModel.IN_BRIEF).data() == "2"  # outline place shown in the list

    # Annotate the third: typing is one undo step per field.
    editor = window.finding.annotation
    assert window.finding.finding_id == third and editor.pages.currentIndex() == 1
    qtbot.keyClicks(editor.headline, "A sharper headline")
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "Watch this.")
    editor.priority.setCurrentIndex(editor.priority.findData("high"))
    editor.priority.activated.emit(editor.priority.currentIndex())
    editor.key_judgment.click()
    chosen = window.session.selection_for(third)
    assert (chosen.title, chosen.note, chosen.priority, chosen.key_judgment) == ("A sharper headline", "Watch this.", "high", True)

    # Reorder: Alt+Up in the outline, then a drop at the top.
    window.brief.focus_outline()
    window.brief.view.setCurrentIndex(window.brief.model.index(2, 0))
    qtbot.keyClick(window.brief.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert outline_ids(window) == [first, third, second]
    from briefing_gui.findings import ids_to_mime

    window.brief.model.dropMimeData(ids_to_mime([second]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert outline_ids(window) == [second, first, third]
    assert window.brief.model.index(0, 0).data().startswith("1.")

    # Undo walks back one edit at a time; Ctrl+Z in a text field is the window's undo.
    window.act_undo.trigger()
    assert outline_ids(window) == [first, third, second]
    window.act_undo.trigger()
    assert outline_ids(window) == [first, second, third]
    editor.headline.setFocus()
    qtbot.keyClick(editor.headline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.selection_for(third).key_judgment is None
    window.act_redo.trigger()
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert outline_ids(window) == [second, first, third]
    expected = window.session.state

    # Save: the first save asks where, proposing <stem>.brief.yaml beside the summary.
    target = workdir / "mine.brief.yaml"
    dialogs.save_paths.append(target)
    window.act_save.trigger()
    assert dialogs.save_requests[-1][1].endswith("us-pakistan-reset.brief.yaml")
    assert target.is_file() and not window.isWindowModified()
    assert [d for d in check(target) if d.is_error] == []
    assert window.windowTitle().startswith("mine.brief.yaml")
    assert str(target) in window.settings.recent_files()

    again = open_in(make_window(), target)
    assert again.session.state == expected
    assert outline_ids(again) == [second, first, third]
    assert again.session.brief() == window.session.brief()


def test_opening_a_brief_restores_it_and_empty_states_guide(window, open_in, workdir):
    assert window.findings.stack_widget.currentWidget() is window.findings.empty
    assert window.finding.pages.currentWidget() is window.finding.empty
    assert not window.act_save.isEnabled() and not window.act_export_deck.isEnabled()
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    assert len(outline_ids(window)) == 7
    assert window.brief.metadata.edits["marking"].text() == "UNCLASSIFIED // FOR TRAINING"
    assert window.brief.count.text().startswith("7 of 21 findings")
    assert not window.isWindowModified()
    window.act_remove.setEnabled(True)
    window.brief.focus_outline()
    window.brief.view.selectAll()
    window.remove_from_brief()
    assert outline_ids(window) == []
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert len(outline_ids(window)) == 7 and not window.isWindowModified()


def test_metadata_form_edits_are_undoable(window, open_in, workdir, qtbot):
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    form = window.brief.metadata
    window.brief.show_details()
    author = form.edits["author"]
    author.selectAll()
    qtbot.keyClicks(author, "Europe Desk")
    assert window.session.metadata.author == "Europe Desk"
    date = form.edits["date"]
    date.selectAll()
    qtbot.keyClicks(date, "2025-13")  # the valid prefix "2025" is committed; month 13 is only shown as a problem
    assert str(window.session.metadata.date) == "2025"
    assert form.date_problem.isVisible() and "month 13" in form.date_problem.text()
    assert date.text() == "2025-13"
    date.selectAll()
    qtbot.keyClicks(date, "2025-09")
    assert str(window.session.metadata.date) == "2025-09" and not form.date_problem.isVisible()
    window.act_undo.trigger()  # the whole date typed is one step
    assert str(window.session.metadata.date) == "2025-08-06"
    assert date.text() == "2025-08-06"
    window.act_undo.trigger()
    assert author.text() == "South Asia Desk"


def test_finding_pane_shows_evidence_and_icd_ranges(window, open_in, workdir):
    open_in(window, workdir / "us-pakistan-reset.yaml")
    finding = next(f for f in window.session.findings if f.likelihood and f.evidence)
    window.findings.show_finding(finding.id)
    text = window.finding.details.toPlainText()
    assert finding.statement in text
    assert finding.evidence[0].quote in text
    assert f"\u00b6 {finding.evidence[0].paragraph}" in text.replace("\u00a0", " ")
    from briefing.icd203 import likelihood_range

    assert likelihood_range(finding.likelihood) in window.finding.likelihood.toolTip()
    assert "ICD 203" in window.finding.confidence.toolTip()
    assert window.finding.annotation.pages.currentIndex() == 0  # not in the brief: nothing to annotate yet
    window.finding.add_requested.emit()
    assert window.session.is_selected(finding.id)
    assert window.finding.annotation.pages.currentIndex() == 1


def test_untrusted_text_is_shown_literally(window, open_in, tmp_path):
    summary = tmp_path / "markup.yaml"
    summary.write_text(
        "format: summary/1\nsource: {title: T}\nheadline: H\nbluf: B\n"
        "findings:\n  - id: f1\n    title: \"<b>bold</b> <img src='x.png'>\"\n    statement: \"<a href='file:///etc/passwd'>link</a>\"\n"
        "    evidence: [{quote: \"<script>q</script>\", paragraph: 1}]\n",
        encoding="utf-8",
    )
    open_in(window, summary)
    window.findings.show_finding("f1")
    assert window.finding.title.text() == "<b>bold</b> <img src='x.png'>"
    assert window.finding.title.textFormat() == Qt.TextFormat.PlainText
    text = window.finding.details.toPlainText()
    assert "<a href='file:///etc/passwd'>link</a>" in text and "<script>q</script>" in text
    assert "<b>" not in window.findings.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).replace("&lt;b&gt;", "")


def test_cited_paragraph_is_shown_with_the_quote_highlighted(window, open_in, tmp_path):
    summary = tmp_path / "with-article.yaml"
    summary.write_text(
        "format: summary/1\n"
        "source:\n  title: T\n  paragraphs:\n"
        "    - \"Opening words. The \u201creset\u201d is only a step, officials said. Closing words.\"\n"
        "    - Second paragraph.\n"
        "headline: H\nbluf: B\n"
        "findings:\n"
        "  - id: f1\n    title: A step\n    statement: S.\n"
        "    evidence:\n      - {quote: \"The \\\"reset\\\" is only a step\", paragraph: 1}\n"
        "      - {quote: \"Second paragraph\", paragraph: 2}\n",
        encoding="utf-8",
    )
    open_in(window, summary)
    window.findings.show_finding("f1")
    details = window.finding.details
    text = details.toPlainText()
    assert "Opening words. The \u201creset\u201d is only a step, officials said." in text
    assert "\u00b6 2: Second paragraph." in text
    start = text.index("The \u201creset\u201d is only a step", text.index("\u00b6 1:"))
    cursor = details.textCursor()
    cursor.setPosition(start + 3)
    assert cursor.charFormat().background().color().alpha() > 0  # highlighted
    cursor.setPosition(text.index("Opening words", text.index("\u00b6 1:")) + 3)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush


def test_the_lists_redraw_what_an_edit_moved_and_typing_a_note_leaves_the_rest(window, open_in, workdir, qtbot):
    """A move redraws the # of every finding whose place changed (and the outline follows);
    a note typed into the annotation pane redraws its own rows, and leaves the actions as they were."""
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.yaml")
    ids = [f.id for f in window.session.findings[:4]]
    push(window.stack, window.session.select(ids))
    model = window.findings.model
    redrawn: set[int] = set()
    model.dataChanged.connect(lambda top, bottom, *_: redrawn.update(range(top.row(), bottom.row() + 1)))

    push(window.stack, window.session.move([ids[3]], 0))  # the last to the top: all four places change
    assert outline_ids(window) == [ids[3], *ids[:3]]
    assert {window.session.row_of(i) for i in ids} <= redrawn
    assert [model.index(window.session.row_of(i), model.IN_BRIEF).data() for i in ids] == ["2", "3", "4", "1"]

    window.findings.show_finding(ids[0])
    states = [(a.text(), a.isEnabled()) for a in (window.act_add, window.act_remove, window.act_up, window.act_down)]
    redrawn.clear()
    outline_rows: list[int] = []
    window.brief.model.dataChanged.connect(lambda top, bottom, *_: outline_rows.extend(range(top.row(), bottom.row() + 1)))
    note = window.finding.annotation.note
    note.setFocus()
    qtbot.keyClicks(note, "Typed")
    assert window.session.selection_for(ids[0]).note == "Typed"
    assert redrawn == {window.session.row_of(ids[0])} and set(outline_rows) == {1}
    assert [(a.text(), a.isEnabled()) for a in (window.act_add, window.act_remove, window.act_up, window.act_down)] == states
    window.stack.undo()
    assert window.session.selection_for(ids[0]).note is None and outline_ids(window) == [ids[3], *ids[:3]]
