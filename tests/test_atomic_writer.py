"""The one atomic writer: whole files only, no replacing a newer file, leftovers of dead writers only removed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import atomic
from briefing.atomic import WriterAbandoned, atomic_writer, remove_stale_parts, unchanged_targets, write_bytes
from briefing.diagnostics import BriefingError

DATA = Path(__file__).parent / "data"


def dead_pid() -> int:
    """The pid of a process that has really ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_carry_the_writers_pid(tmp_path):
    target = tmp_path / "deck.pptx"
    with atomic_writer(target) as handle:
        handle.write(b"data")
        (temp,) = [p.name for p in tmp_path.iterdir()]
        assert temp.startswith(f".deck.pptx.{os.getpid()}.") and temp.endswith(".part")
        assert atomic.part_owner(temp, "deck.pptx") == os.getpid()
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_only_dead_writers_leftovers_are_removed(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"good")
    dead = tmp_path / f".deck.pptx.{dead_pid()}.abc12345.part"
    live = tmp_path / f".deck.pptx.{os.getppid()}.def45678.part"  # our parent: alive
    foreign = tmp_path / ".deck.pptx.notours.part"
    other_target = tmp_path / f".deck.pdf.{dead_pid()}.ghi78901.part"
    for path in (dead, live, foreign, other_target):
        path.write_bytes(b"half")
    assert remove_stale_parts(target) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["deck.pptx", live.name, foreign.name, other_target.name])
    assert target.read_bytes() == b"good"


def test_a_target_that_changed_after_the_start_is_not_replaced(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    with unchanged_targets([target]):
        target.write_bytes(b"newer, from another run")
        with pytest.raises(BriefingError, match="changed while this export ran.*not replaced"):
            write_bytes(target, b"stale")
    assert target.read_bytes() == b"newer, from another run"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_target_that_appeared_after_the_start_is_not_replaced(tmp_path):
    target = tmp_path / "deck.pptx"
    with unchanged_targets([target]):
        target.write_bytes(b"written meanwhile")
        with pytest.raises(BriefingError, match="appeared while this export ran"):
            write_bytes(target, b"stale")
    assert target.read_bytes() == b"written meanwhile"


def test_an_unchanged_target_is_replaced(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    with unchanged_targets([target]):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_failing_replace_check_abandons_the_write(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_replace_checks", [lambda: "the batch that started this export has ended"])
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"good")
    with pytest.raises(WriterAbandoned):
        write_bytes(target, b"stale")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_batch_task_reports_an_output_written_by_someone_else_meanwhile(tmp_path, monkeypatch):
    """``export_file`` records each output's state when the task starts; another program writing
    the deck while the export runs makes this export fail for that file, leaving the newer deck."""
    import briefing.export
    from briefing.batch.task import ExportJob, export_file

    source = tmp_path / "mini.yaml"
    source.write_bytes((DATA / "valid" / "mini.yaml").read_bytes())
    deck, pdf = tmp_path / "mini.pptx", tmp_path / "mini.pdf"
    real_export = briefing.export.export_document

    def export_while_someone_writes_the_deck(document, fmt, path, **options):
        if fmt == "pptx":
            deck.write_bytes(b"another program's deck")
        return real_export(document, fmt, path, **options)

    monkeypatch.setattr(briefing.export, "export_document", export_while_someone_writes_the_deck)
    result = export_file(ExportJob(str(source), (("pptx", str(deck)), ("pdf", str(pdf)))))
    (error,) = result.errors
    assert error.file == str(deck) and "appeared while this export ran" in error.message
    assert deck.read_bytes() == b"another program's deck"
    assert [w.format for w in result.outputs] == ["pdf"] and pdf.read_bytes().startswith(b"%PDF")


def test_this_processs_own_leftover_is_kept_unless_the_caller_knows_its_write_was_cut_short(tmp_path):
    target = tmp_path / "deck.pptx"
    own = tmp_path / f".deck.pptx.{os.getpid()}.abc12345.part"
    own.write_bytes(b"half")
    assert remove_stale_parts(target) == [] and own.exists()  # perhaps another thread is writing it
    assert remove_stale_parts(target, ours_too=True) == [own] and not own.exists()


def test_a_target_that_appeared_with_exactly_these_bytes_is_no_conflict(tmp_path):
    """Two runs exporting the same input to the same place write the same bytes: the one that
    finishes second has nothing to replace and does not fail; different bytes still fail."""
    target = tmp_path / "deck.pptx"
    with unchanged_targets([target]):
        target.write_bytes(b"the same deck")  # the other run, finishing first
        write_bytes(target, b"the same deck")
    assert target.read_bytes() == b"the same deck" and [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
    with unchanged_targets([target]):
        target.write_bytes(b"another deck")
        with pytest.raises(BriefingError, match="changed while this export ran"):
            write_bytes(target, b"the same deck")
    assert target.read_bytes() == b"another deck"


def test_two_concurrent_exports_of_the_same_input_to_the_same_folder_both_succeed(tmp_path, monkeypatch):
    """The other run writes its deck and PDF while this one renders (as two `briefing export` runs
    started together do): this run's outputs are the same bytes, so it succeeds too."""
    import briefing.export
    from briefing.batch.task import ExportJob, export_file

    source = tmp_path / "mini.yaml"
    source.write_bytes((DATA / "valid" / "mini.yaml").read_bytes())
    other = tmp_path / "other"
    other.mkdir()
    first = export_file(ExportJob(str(source), (("pptx", str(other / "mini.pptx")), ("pdf", str(other / "mini.pdf")))))
    assert not first.errors
    deck, pdf = tmp_path / "mini.pptx", tmp_path / "mini.pdf"
    real_export = briefing.export.export_document

    def export_while_the_other_run_finishes(document, fmt, path, **options):
        target = deck if fmt == "pptx" else pdf
        target.write_bytes((other / target.name).read_bytes())
        return real_export(document, fmt, path, **options)

    monkeypatch.setattr(briefing.export, "export_document", export_while_the_other_run_finishes)
    result = export_file(ExportJob(str(source), (("pptx", str(deck)), ("pdf", str(pdf)))))
    assert not result.errors and sorted(w.format for w in result.outputs) == ["pdf", "pptx"]
    assert deck.read_bytes() == (other / "mini.pptx").read_bytes() and pdf.read_bytes() == (other / "mini.pdf").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.pdf", "mini.pptx", "mini.yaml", "other"]
