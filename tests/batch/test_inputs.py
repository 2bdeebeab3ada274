"""Which files a batch exports, in what order, in which shard, under which names."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from batch_helpers import write_summary

from briefing.batch.inputs import UsageError, discover
from briefing.batch.shard import Shard
from briefing.export import formats_for, output_path


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_summary(tmp_path / "docs" / "b.yaml", "B")
    write_summary(tmp_path / "docs" / "a.summary", "A")  # found by its format key, not its name
    write_summary(tmp_path / "docs" / "deep" / "c.yml", "C")
    write_summary(tmp_path / "docs" / ".drafts" / "hidden.yaml", "Hidden")
    (tmp_path / "docs" / "other.yaml").write_text("format: slides/3\n", encoding="utf-8")
    (tmp_path / "docs" / "plain.txt").write_text("text\n", encoding="utf-8")
    return tmp_path


def names(inputs) -> list[str]:
    return [i.name for i in inputs]


def test_a_folder_is_searched_by_format_key_in_stable_order(tree):
    assert names(discover(["docs"])) == ["docs/a.summary", "docs/b.yaml", "docs/deep/c.yml"]
    assert [i.key for i in discover(["docs"])] == ["a.summary", "b.yaml", "deep/c.yml"]


def test_a_summary_written_as_json_is_found_in_a_folder_and_exported(tmp_path):
    """JSON is YAML: a summary written by a JSON dumper, its format key in flow style, is one of ours."""
    import json

    import yaml

    from briefing.formats.load import open_document

    write_summary(tmp_path / "block" / "s.yaml", "Block")
    data = yaml.safe_load((tmp_path / "block" / "s.yaml").read_text(encoding="utf-8"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pretty.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    (tmp_path / "docs" / "compact.yaml").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "docs" / "flow.yaml").write_text("{format: summary/1, source: {title: T}}", encoding="utf-8")
    (tmp_path / "docs" / "other.json").write_text(json.dumps({"format": "slides/3"}), encoding="utf-8")
    found = discover([str(tmp_path / "docs")])
    assert [i.key for i in found] == ["compact.yaml", "flow.yaml", "pretty.json"]
    assert open_document(found[0].path).build().findings  # and it loads as the summary it is


def test_named_and_globbed_files_are_inputs_whatever_they_hold(tree):
    assert names(discover(["docs/plain.txt"])) == ["docs/plain.txt"]
    assert names(discover(["docs/*.yaml"])) == ["docs/b.yaml", "docs/other.yaml"]
    assert names(discover(["docs/**/*.yml"])) == ["docs/deep/c.yml"]


def test_the_same_file_reached_twice_is_exported_once(tree):
    os.symlink(tree / "docs" / "b.yaml", tree / "link.yaml")
    found = discover(["docs", "docs/b.yaml", "./docs/deep/../b.yaml", "link.yaml", "docs/*.yaml"])
    assert names(found) == ["docs/a.summary", "docs/b.yaml", "docs/deep/c.yml", "docs/other.yaml"]


@pytest.mark.parametrize("argument", ["missing.yaml", "docs/*.pptx", "docs/**/*.pdf"])
def test_a_path_that_names_nothing_is_a_usage_error(tree, argument):
    with pytest.raises(UsageError):
        discover([argument])


def test_shards_partition_and_do_not_depend_on_the_checkout_location(tree):
    for n in range(40):
        write_summary(tree / "docs" / "many" / f"s{n}.yaml", f"S{n}", findings=1)
    inputs = discover(["docs"])
    shards = [Shard(i, 4).select(inputs) for i in range(1, 5)]
    assert sorted(names(x for shard in shards for x in shard)) == sorted(names(inputs))
    assert all(shards)  # 43 inputs spread over 4 shards
    shutil.copytree(tree / "docs", tree / "far" / "away" / "docs")
    moved = discover([str(tree / "far" / "away" / "docs")])
    assert [i.key for i in Shard(3, 4).select(moved)] == [i.key for i in shards[2]]


@pytest.mark.parametrize("text", ["0/2", "3/2", "1/0", "1", "a/b", ""])
def test_bad_shard_specs(text):
    with pytest.raises(UsageError):
        Shard.parse(text)


def test_shard_spec():
    assert Shard.parse(" 2 / 5 ") == Shard(2, 5) and str(Shard(2, 5)) == "2/5"


def test_output_names_follow_the_input_stem():
    assert output_path("in/x.yaml", "pptx") == Path("in/x.pptx")
    assert output_path("in/x.brief.yaml", "pdf") == Path("in/x.brief.pdf")
    assert output_path("in/x.brief.yaml", "pdf", "out") == Path("out/x.brief.pdf")
    assert formats_for("all") == ("pptx", "pdf") and formats_for("pdf") == ("pdf",)
