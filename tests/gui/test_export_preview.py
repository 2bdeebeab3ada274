"""One-click export of both formats (read back with python-pptx and pypdf) and the live preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

pytestmark = pytest.mark.gui


def slide_text(path) -> str:
    from pptx import Presentation

    deck = Presentation(str(path))
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def words(text: str) -> str:
    return " ".join(text.split())


def test_one_click_export_writes_what_the_window_shows(window, open_in, workdir, qtbot, dialogs):
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    first = window.session.selection[0].id
    push(window.stack, window.session.annotate(first, "title", "Unsaved headline shown in the export"))

    deck_path = workdir / "out" / "brief.pptx"
    deck_path.parent.mkdir()
    dialogs.save_paths.append(deck_path)
    with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
        window.act_export_deck.trigger()
    result = done.args[0]
    assert not isinstance(result, BaseException), result
    proposed = dialogs.save_requests[-1][1]
    assert proposed == str(workdir / "us-pakistan-reset.brief.pptx")  # beside the brief, named after it
    assert result.path == deck_path and result.pages > 0
    assert "Unsaved headline shown in the export" in words(slide_text(deck_path))
    assert "Deck exported" in window.export_label.text()
    assert window.open_button.isVisibleTo(window) and window.folder_button.isVisibleTo(window)
    window.open_button.click()
    window.folder_button.click()
    assert dialogs.opened_urls[-2:] == [QUrl.fromLocalFile(str(deck_path)), QUrl.fromLocalFile(str(deck_path.parent))]

    # The second export reuses the path: no dialog.
    asked = len(dialogs.save_requests)
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export_deck.trigger()
    assert len(dialogs.save_requests) == asked

    pdf_path = workdir / "out" / "brief"  # the suffix is added when the user leaves it off
    dialogs.save_paths.append(pdf_path)
    with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
        window.act_export_pdf.trigger()
    result = done.args[0]
    assert not isinstance(result, BaseException), result
    assert result.path == workdir / "out" / "brief.pdf"
    text = words(pdf_text(result.path))
    assert "Unsaved headline shown in the export" in text
    assert window.session.metadata.marking in text


def test_a_first_export_is_proposed_beside_its_own_brief_not_where_an_earlier_one_went(make_window, open_in, workdir, tmp_path, qtbot, dialogs):
    first = make_window()
    open_in(first, workdir / "us-pakistan-reset.brief.yaml")
    elsewhere = tmp_path / "earlier-exports"
    elsewhere.mkdir()
    dialogs.save_paths.append(elsewhere / "brief.pdf")
    with qtbot.waitSignal(first.export_finished, timeout=60000):
        first.act_export_pdf.trigger()
    assert (elsewhere / "brief.pdf").is_file()

    # Another case in another folder, in a later window: its first export belongs beside it.
    other_case = tmp_path / "other-case"
    other_case.mkdir()
    summary = other_case / "case.yaml"
    summary.write_bytes((workdir / "us-pakistan-reset.yaml").read_bytes())
    second = make_window()
    open_in(second, summary)
    second.act_export_deck.trigger()  # the dialog is cancelled: nothing is written
    assert dialogs.save_requests[-1][1] == str(other_case / "case.brief.pptx")


def test_a_failed_export_is_reported_in_the_status_bar(window, open_in, workdir, qtbot, dialogs):
    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    dialogs.save_paths.append(workdir / "missing-folder" / "x.pptx")
    with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
        window.act_export_deck.trigger()
    assert isinstance(done.args[0], BaseException)
    assert "export failed" in window.export_label.text()
    assert not window.open_button.isVisibleTo(window)


def long_summary(folder):
    """A summary with one finding too long for a slide, beside a short one."""
    statement = " ".join(["The statement keeps going with more detail than one slide can hold."] * 30)
    path = folder / "long.yaml"
    path.write_text(
        "format: summary/1\nsource: {title: A source}\nheadline: A headline\nbluf: A bottom line.\nfindings:\n"
        "  - {id: short, title: A short finding., statement: Short., evidence: [{quote: a quote, paragraph: 1}]}\n"
        f"  - {{id: long, title: A long finding., statement: {statement}, evidence: [{{quote: a quote, paragraph: 2}}]}}\n",
        encoding="utf-8",
    )
    return path


def test_preview_follows_edits_and_marks_continuation_slides(make_window, open_in, tmp_path, qtbot):
    from briefing_gui.undo import push

    window = open_in(make_window(preview_delay_ms=20), long_summary(tmp_path))
    with qtbot.waitSignal(window.preview.updated, timeout=60000):
        window.preview.render_now()
    assert window.preview.error == ""
    assert window.preview.document.pageCount() == window.preview.last.pages > 0
    assert "no findings selected yet" in window.preview.status.full_text()

    with qtbot.waitSignal(window.preview.updated, timeout=60000):  # the edit schedules the render by itself
        push(window.stack, window.session.select(["short", "long"]))
    assert window.preview.error == ""
    assert window.preview.last.continued == ("long",)
    assert window.brief.model.continued == {"long"}
    texts = [window.brief.model.index(r, 0).data() for r in range(2)]
    assert texts == ["1.  A short finding.", "2.  A long finding.  (cont.)"]
    assert "#2 runs onto a continuation slide" in window.preview.status.full_text()
    # A pane too narrow for the status shows its start and an ellipsis, and the whole in the tooltip.
    status = window.preview.status
    status.resize(status.fontMetrics().horizontalAdvance(status.full_text()) // 2, status.height())
    assert status.text().endswith("\u2026") and status.full_text().startswith(status.text()[:-1])
    assert "#2 runs onto a continuation slide" in status.toolTip()
    status.resize(status.fontMetrics().horizontalAdvance(status.full_text()) + 40, status.height())
    assert status.text() == status.full_text()

    with qtbot.waitSignal(window.preview.updated, timeout=60000):
        push(window.stack, window.session.deselect(["long"]))
    assert window.brief.model.continued == frozenset()


def page_text(document, page: int = 0) -> str:
    return words(document.getAllText(page).text())


def test_an_edit_reaches_the_preview_and_the_old_pages_stay_until_the_new_pdf_is_open(
        make_window, open_in, workdir, qtbot, monkeypatch):
    """The new PDF opens on a worker thread: until it is ready the view keeps the previous
    document (held here at the door), then shows the edited title."""
    import threading

    from briefing_gui import preview as preview_module
    from briefing_gui.undo import push

    window = open_in(make_window(preview_delay_ms=20), workdir / "us-pakistan-reset.brief.yaml")
    pane = window.preview
    with qtbot.waitSignal(pane.updated, timeout=60000):
        pane.render_now()
    before = pane.view.document()
    assert before is pane.document and "An edited title for the brief" not in page_text(before)
    old_text = page_text(before)

    door = threading.Event()
    real_open = preview_module.open_pdf
    monkeypatch.setattr(preview_module, "open_pdf", lambda data, home: door.wait(60) and real_open(data, home))
    monkeypatch.setattr(preview_module, "IDLE_MS", 0)
    push(window.stack, window.session.set_metadata("title", "An edited title for the brief"))
    qtbot.waitUntil(lambda: pane._opening is not None, timeout=60000)  # rendered; its PDF is opening
    qtbot.wait(50)
    assert pane.view.document() is before and page_text(before) == old_text
    assert pane.pages.currentWidget() is pane.view

    with qtbot.waitSignal(pane.updated, timeout=60000):
        door.set()
    assert pane.view.document() is pane.document is not before
    assert "An edited title for the brief" in page_text(pane.document)
    assert pane.document.pageCount() == pane.last.pages


def test_a_preview_superseded_while_its_pdf_opens_is_never_shown(make_window, open_in, workdir, qtbot, monkeypatch):
    from briefing_gui import preview as preview_module
    from briefing_gui.undo import push

    window = open_in(make_window(preview_delay_ms=600_000), workdir / "us-pakistan-reset.brief.yaml")
    pane = window.preview
    monkeypatch.setattr(preview_module, "IDLE_MS", 0)
    with qtbot.waitSignal(pane.updated, timeout=60000):
        pane.render_now()
    first = pane.last
    push(window.stack, window.session.set_metadata("title", "The second title"))
    with qtbot.waitSignal(pane.updated, timeout=60000):
        pane.render_now()
    second = pane.last
    # The first preview arrives again (as a slow render would), then the second: only the second shows.
    shown = []
    pane.updated.connect(lambda: shown.append(pane.last))
    pane._rendered(first)
    pane._rendered(second)
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    qtbot.wait(200)  # time for the first one's PDF to open too
    assert shown == [second]
    assert pane.last is second and "The second title" in page_text(pane.document)


def test_the_apps_exports_are_the_bytes_briefing_export_writes_for_the_saved_brief(window, open_in, workdir, qtbot, dialogs):
    """The app hands its worker the brief as built rather than the whole document; the files are
    the same bytes the command writes for the brief once saved."""
    from briefing.export import export_document
    from briefing.formats.load import open_document
    from briefing_gui.undo import push

    open_in(window, workdir / "us-pakistan-reset.brief.yaml")
    first = window.session.selection[0].id
    push(window.stack, window.session.annotate(first, "note", "A note typed in the app"))
    window.act_save.trigger()
    assert window.stack.isClean()
    saved = open_document(workdir / "us-pakistan-reset.brief.yaml")
    (workdir / "out").mkdir(exist_ok=True)
    for kind, action in (("pptx", window.act_export_deck), ("pdf", window.act_export_pdf)):
        dialogs.save_paths.append(workdir / "out" / f"app.{kind}")
        with qtbot.waitSignal(window.export_finished, timeout=60000) as done:
            action.trigger()
        assert not isinstance(done.args[0], BaseException), done.args[0]
        command = export_document(saved, kind, workdir / "out" / f"command.{kind}")
        assert (workdir / "out" / f"app.{kind}").read_bytes() == command.path.read_bytes()
