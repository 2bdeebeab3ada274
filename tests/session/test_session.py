"""The Qt-free session behind the desktop app: loading, edits with undo, filtering, saving brief/1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.dates import PartialDate
from briefing.formats.load import check, open_document
from briefing.model import Selection
from briefing.session import BriefSession, BriefState, FindingFilter, search_text


@pytest.fixture
def session(example_brief) -> BriefSession:
    s = BriefSession()
    s.open(example_brief)
    return s


@pytest.fixture
def fresh(example_summary) -> BriefSession:
    s = BriefSession()
    s.open(example_summary)
    return s


def ids(session: BriefSession) -> list[str]:
    return [s.id for s in session.selection]


def test_opening_a_brief_restores_selection_order_notes_and_metadata(session, example_brief):
    brief_file = open_document(example_brief).brief_file
    assert session.selection == brief_file.findings
    assert session.metadata.title == brief_file.title
    assert session.metadata.marking == "UNCLASSIFIED // FOR TRAINING"
    assert session.metadata.date == PartialDate(2025, 8, 6)
    assert session.brief_path == Path(example_brief).resolve()


def test_opening_a_summary_starts_an_empty_brief_titled_after_the_summary(fresh):
    assert fresh.selection == ()
    assert fresh.metadata.title == fresh.summary.headline
    assert fresh.brief_path is None
    assert fresh.default_brief_path().name == "us-pakistan-reset.brief.yaml"
    assert fresh.brief().findings == ()


def test_select_adds_in_summary_order_and_undo_restores(fresh):
    seen = []
    fresh.events.selection.connect(seen.append)
    first, second, third = (f.id for f in fresh.findings[:3])
    edit = fresh.select([third, first])
    edit.redo()
    assert ids(fresh) == [first, third]
    assert seen[-1] == frozenset({first, third})
    fresh.select([second], at=1).redo()
    assert ids(fresh) == [first, second, third]
    assert fresh.position(second) == 1
    edit.undo()  # the snapshot edit puts back what was there before it
    assert ids(fresh) == []
    assert fresh.select([first, first]).after.selection == (Selection(first),)
    assert fresh.select(["no-such-finding"]) is None


def test_deselect_takes_annotations_and_undo_brings_them_back(session):
    target = session.selection[0]
    assert target.note
    edit = session.deselect([target.id])
    edit.redo()
    assert not session.is_selected(target.id)
    edit.undo()
    assert session.selection[0] == target


def test_move_and_shift_reorder_the_outline(session):
    a, b, c, *_ = ids(session)
    session.move([c], 0).redo()
    assert ids(session)[:3] == [c, a, b]
    session.shift([c], +1).redo()
    assert ids(session)[:3] == [a, c, b]
    assert session.shift([a], -1) is None  # already first
    last = ids(session)[-1]
    assert session.shift([last], +1) is None
    session.move([a, b], len(session.selection)).redo()
    assert ids(session)[-2:] == [a, b]
    assert session.move([a, b], len(session.selection)) is None


def test_annotations_change_the_exported_brief(session):
    target = session.selection[1].id
    session.annotate(target, "title", "A sharper headline").redo()
    session.annotate(target, "priority", "low").redo()
    session.annotate(target, "key_judgment", False).redo()
    brief = session.brief()
    second = brief.findings[1]
    assert (second.id, second.headline, second.priority, second.key_judgment) == (target, "A sharper headline", "low", False)
    assert session.annotate(target, "title", "A sharper headline") is None
    session.annotate(target, "title", "   ").redo()  # blank means "use the summary's title"
    assert session.brief().findings[1].headline == session.finding(target).title
    with pytest.raises(ValueError):
        session.annotate(target, "priority", "urgent")
    unselected = next(f.id for f in session.findings if not session.is_selected(f.id))
    assert session.annotate(unselected, "note", "not selected") is None


def test_typing_merges_into_one_undo_step(session):
    target = session.selection[0].id
    original = session.selection[0].note
    first = session.annotate(target, "note", "D")
    first.redo()
    for text in ("Dr", "Dra", "Draft"):
        step = session.annotate(target, "note", text)
        step.redo()
        assert first.merge(step)
    assert session.selection[0].note == "Draft"
    first.undo()
    assert session.selection[0].note == original
    other = session.set_metadata("author", "Desk")
    assert not first.merge(other)
    assert session.annotate(target, "priority", "low").merge_key is None


def test_metadata_edits_and_dates(session):
    fields = []
    session.events.metadata.connect(fields.append)
    session.set_metadata("date", "2025-09").redo()
    assert session.metadata.date == PartialDate(2025, 9)
    assert fields[-1] == ("date",)
    session.set_metadata("audience", "").redo()
    assert session.metadata.audience is None
    with pytest.raises(ValueError):
        session.set_metadata("date", "2025-13")
    session.set_metadata("title", "").redo()  # an empty title falls back to the summary's headline
    assert session.to_brief_file().title == session.summary.headline


def test_filter_searches_title_statement_quotes_and_tags(fresh):
    def shown(**kw):
        f = FindingFilter(**kw)
        return [x.id for i, x in enumerate(fresh.findings) if fresh.matches(i, f)]

    everything = shown()
    assert len(everything) == len(fresh.findings) == 21
    assert "kf-transactional-test" in shown(text="SAFER stronger")  # a quote, any case
    assert "kf-high-level-engagement" in shown(text="military-to-military")  # a tag
    assert shown(text="Pakistan's") == shown(text="Pakistan\u2019s")  # typographic apostrophes fold
    assert shown(text="zzzz-nothing") == []
    assert set(shown(theme="transactionalism")) >= {"kf-transactional-test", "kf-strategic-inertia-ends"}
    assert all("trump" in fresh.finding(i).actors for i in shown(actor="trump"))
    assert all(fresh.finding(i).confidence == "moderate" for i in shown(confidence="moderate"))
    assert shown(tag="reset", text="halcyon") == ["kf-failed-resets"]
    assert FindingFilter().is_empty and not FindingFilter(tag="x").is_empty
    finding = fresh.findings[0]
    assert FindingFilter(text="ENGAGEMENTS").matches(finding) == FindingFilter(text="engagements").matches(finding, search_text(finding))


def test_facets_list_only_values_in_use(fresh):
    facets = fresh.facets()
    assert {t.id for t in facets.themes} == {f.theme for f in fresh.findings if f.theme}
    assert "reset" in facets.tags and list(facets.tags) == sorted(facets.tags, key=str.casefold)
    assert set(facets.confidences) <= {"low", "moderate", "high"}


def test_saved_brief_validates_and_reopens_to_the_same_state(fresh, tmp_path, briefing_cli):
    summary = tmp_path / "in" / "summary.yaml"
    summary.parent.mkdir()
    shutil.copy(fresh.summary_path, summary)
    fresh.open(summary)
    chosen = [f.id for f in fresh.findings[:3]]
    fresh.select(chosen).redo()
    fresh.move([chosen[2]], 0).redo()
    fresh.annotate(chosen[0], "note", "Line one.\nLine two: with 'quotes' and # hash").redo()
    fresh.annotate(chosen[1], "key_judgment", True).redo()
    for name, value in [("author", "Desk"), ("date", "2025-08-06"), ("marking", "OFFICIAL"), ("subtitle", "NO")]:
        fresh.set_metadata(name, value).redo()
    target = tmp_path / "out" / "mine.brief.yaml"
    target.parent.mkdir()
    text = fresh.dump(target)
    assert text.startswith("# yaml-language-server: $schema=")
    assert "summary: ../in/summary.yaml" in text
    assert fresh.dump(target) == text  # deterministic
    target.write_text(text, encoding="utf-8")
    # A summary outside the brief's folder is read only when allowed (the app allows it; the command asks for it).
    assert [d for d in check(target, allow_outside_paths=True) if d.is_error] == []
    assert briefing_cli("validate", "--allow-outside-paths", str(target)).returncode == 0
    refused = briefing_cli("validate", str(target))
    assert refused.returncode == 1 and "summary path '../in/summary.yaml' leaves the brief's folder" in refused.stderr

    again = BriefSession()
    again.open(target)
    assert again.state == fresh.state
    assert again.brief() == fresh.brief()


def test_restore_replaces_state_and_skips_unknown_findings(session):
    before = session.state
    wanted = BriefState((Selection("kf-failed-resets", note="recovered"), Selection("gone")), before.metadata)
    edit = session.restore(wanted)
    edit.redo()
    assert session.selection == (Selection("kf-failed-resets", note="recovered"),)
    edit.undo()
    assert session.state == before


def test_change_events_fire_once_per_edit(session):
    counts = {"changed": 0, "selection": 0, "metadata": 0}
    for name in counts:
        getattr(session.events, name).connect(lambda *a, n=name: counts.__setitem__(n, counts[n] + 1))
    session.set_metadata("author", "Someone").redo()
    session.deselect([session.selection[0].id]).redo()
    assert counts == {"changed": 2, "selection": 1, "metadata": 1}


@pytest.mark.parametrize("shown_nothing", ["\u200b", "\ufeff", "\x00", " \u2066\t", "\u202e\u202c"])
def test_a_field_that_shows_nothing_is_not_set_and_the_saved_brief_opens(tmp_path, example_summary, shown_nothing):
    """A title, subtitle or note of a zero-width space, a BOM or a control was kept, and the app saved
    a brief its own validation refused to open ('title' must not be empty); found by fuzzing the
    session's save. Such a field now counts as emptied, as one of spaces did."""
    shutil.copy(example_summary, tmp_path / example_summary.name)
    session = BriefSession()
    session.open(tmp_path / example_summary.name)
    first = session.findings[0].id
    session.select([first]).redo()
    for name in ("title", "subtitle", "author", "audience", "marking"):
        edit = session.set_metadata(name, "Set")
        edit.redo()
        session.set_metadata(name, shown_nothing).redo()
    for name in ("title", "note"):
        session.annotate(first, name, "Set").redo()
        session.annotate(first, name, shown_nothing).redo()
    path = tmp_path / "saved.brief.yaml"
    path.write_text(session.dump(path), encoding="utf-8")
    assert [str(d) for d in check(path) if d.is_error] == []
    saved = open_document(path).brief_file
    assert saved.title == session.summary.headline
    assert saved.subtitle is None and saved.marking is None and saved.findings[0].note is None
