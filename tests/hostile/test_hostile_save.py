"""Saving a brief over its own text (the app's Save): the analyst's data always reads back, the
lines they did not touch stay byte for byte, and no original makes the save fail or block.

Each case opens a real brief file with ``BriefSession``, applies an edit as the app does
(``Edit.redo``), writes ``session.dump()`` to disk and loads it back with the command's loader.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from hostile_corpus import DATA

from briefing.formats.load import open_document
from briefing.formats.save import update_brief
from briefing.model import BriefFile, Selection
from briefing.session import BriefSession

BRIEF = """# yaml-language-server: $schema=x
format: brief/1   # the format
summary: mini.yaml
title: A test brief
marking: UNCLASSIFIED // FOR TESTS
findings:
  - id: f1   # first
    note: a note
  - id: f2
"""


def save_after_title_edit(tmp_path: Path, raw: bytes) -> tuple[bytes, BriefSession]:
    shutil.copy(DATA / "valid" / "mini.yaml", tmp_path / "mini.yaml")
    path = tmp_path / "x.brief.yaml"
    path.write_bytes(raw)
    session = BriefSession()
    session.open(path)
    session.set_metadata("title", "A new title").redo()
    saved = session.dump(path).encode("utf-8")
    path.write_bytes(saved)
    assert open_document(path).brief_file == session.to_brief_file(path)
    return saved, session


@pytest.mark.parametrize(
    "raw",
    [
        BRIEF.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + BRIEF.encode(),
        b"\xef\xbb\xbf" + BRIEF.replace("\n", "\r\n").encode(),
        BRIEF.replace("note: a note", "note: " + " ".join(["word"] * 1500)).encode(),
        BRIEF.replace("note: a note", 'note: "a\\ttab"').encode(),
    ],
    ids=["crlf", "bom", "bom-crlf", "7500-character-line", "tab-in-value"],
)
def test_only_the_edited_line_changes(tmp_path, raw):
    saved, _ = save_after_title_edit(tmp_path, raw)
    old, new = raw.splitlines(keepends=True), saved.splitlines(keepends=True)
    assert len(new) == len(old)
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(changed) == 1 and b"A new title" in changed[0][1], changed


@pytest.mark.parametrize(
    "original",
    [
        "format: brief/1\nfindings:\n  - id: [a]\n",
        "format: brief/1\nfindings:\n  - {id: {a: 1}}\n",
        "format: brief/1\ntitle: !!python/object:os.system x\n",
        "format: brief/1\nfindings: {id: f1}\n",
    ],
    ids=["list-id", "mapping-id", "python-tag", "findings-mapping"],
)
def test_an_original_changed_on_disk_into_anything_still_saves_the_brief(original):
    wanted = BriefFile(summary="mini.yaml", title="T", findings=(Selection(id="f1", note="n"),))
    import yaml

    saved = yaml.safe_load(update_brief(original, wanted, "mini.yaml"))
    assert saved["title"] == "T" and saved["findings"] == [{"id": "f1", "note": "n"}]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_brief_does_not_block_the_save(tmp_path):
    _, session = save_after_title_edit(tmp_path, BRIEF.encode())
    path = tmp_path / "x.brief.yaml"
    path.unlink()
    os.mkfifo(path)
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(session.dump(path)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # unblock the reader so the test process can end
        with open(path, "wb"):
            pass
        pytest.fail("session.dump blocked on a FIFO")
    assert "A new title" in result[0]


def test_an_original_replaced_by_deep_nesting_is_rewritten_at_once_with_a_located_reason(tmp_path, monkeypatch):
    """ruamel.yaml's scanner is quadratic in flow nesting (5,000 brackets held the app's save for
    11.7 s): an original the loader refuses never reaches it; the save says where it was refused."""
    from ruamel.yaml import YAML

    _, session = save_after_title_edit(tmp_path, BRIEF.encode())
    path = tmp_path / "x.brief.yaml"
    path.write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    handed: list[str] = []
    real_load = YAML.load
    monkeypatch.setattr(YAML, "load", lambda self, stream: handed.append(stream) or real_load(self, stream))
    text, problem = session.dump_noting(path)
    assert handed == []
    assert problem is not None and problem.startswith(f"{path}:1:") and "\n" not in problem and "nest" in problem
    path.write_text(text, encoding="utf-8")
    reread = open_document(path).brief_file
    assert reread.title == "A new title" and [s.id for s in reread.findings] == ["f1", "f2"]
    assert session.dump_noting(path)[1] is None  # a brief the loader reads is edited in place, as before
