"""The cache of derived data: built once, read back equal, never stale, never in the way."""

from __future__ import annotations

import os

import pytest

from briefing import derived as derived_module
from briefing.derived import derived

calls: list[str] = []


def _word_lengths(path) -> dict[str, int]:
    calls.append(str(path))
    return {word: len(word) for word in path.read_text(encoding="utf-8").split()}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    calls.clear()
    return folder


def test_built_once_then_read_back_equal(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("alpha beta gamma", encoding="utf-8")
    first = derived("lengths", source, _word_lengths)
    second = derived("lengths", source, _word_lengths)
    assert first == second == {"alpha": 5, "beta": 4, "gamma": 5}
    assert len(calls) == 1
    assert len(list(cache.iterdir())) == 1


def test_a_changed_source_is_derived_again(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    assert derived("lengths", source, _word_lengths) == {"alpha": 5}
    source.write_text("omega delta", encoding="utf-8")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # even within one clock tick
    assert derived("lengths", source, _word_lengths) == {"omega": 5, "delta": 5}
    assert len(calls) == 2


def test_changed_code_or_version_names_another_entry(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    assert derived("lengths", source, lambda path: {"other": 1}) == {"other": 1}
    derived("lengths", source, _word_lengths, version="2")
    assert len(calls) == 2 and len(list(cache.iterdir())) == 3


def test_a_damaged_entry_is_rebuilt(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("alpha beta", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:5])
    assert derived("lengths", source, _word_lengths) == {"alpha": 5, "beta": 4}
    assert len(calls) == 2
    assert derived("lengths", source, _word_lengths) == {"alpha": 5, "beta": 4}
    assert len(calls) == 2  # the rebuilt entry is whole again


def test_an_unwritable_cache_or_none_still_answers(tmp_path, monkeypatch):
    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    calls.clear()
    for setting in (str(blocker / "cache"), "off"):
        monkeypatch.setenv("BRIEFING_CACHE_DIR", setting)
        assert derived("lengths", source, _word_lengths) == {"alpha": 5}
    assert len(calls) == 2


def test_the_default_folder_is_the_users_cache(monkeypatch):
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    folder = derived_module.cache_dir()
    assert folder is not None and folder.name == "derived" and "briefing" in str(folder).lower()


def test_deck_metrics_from_the_cache_match_the_font_file(cache):
    from fontTools.ttLib import TTFont

    from briefing.deck.layout.metrics import _read_advances
    from briefing.resources import data_path

    path = data_path("assets", "fonts", "LiberationSans-Regular.ttf")
    derived("advances", path, _read_advances)
    cached = derived("advances", path, _read_advances)  # read back from the entry
    font = TTFont(str(path))
    per_em = font["head"].unitsPerEm
    glyph = font.getBestCmap()[ord("W")]
    assert cached[ord("W")] == font["hmtx"].metrics[glyph][0] / per_em
    assert len(cached) == len(font.getBestCmap())


def test_arguments_bound_to_the_builder_are_part_of_the_key(cache, tmp_path):
    import functools

    def first_words(path, count):
        calls.append(count)
        return path.read_text(encoding="utf-8").split()[:count]

    source = tmp_path / "words.txt"
    source.write_text("alpha beta gamma", encoding="utf-8")
    assert derived("first", source, functools.partial(first_words, count=1)) == ["alpha"]
    assert derived("first", source, functools.partial(first_words, count=2)) == ["alpha", "beta"]
    assert derived("first", source, functools.partial(first_words, count=1)) == ["alpha"]
    assert calls == [1, 2]


@pytest.mark.parametrize("forged", [None, {}, [], {"x": 1}, b"N", 12])
def test_an_entry_of_well_formed_but_foreign_data_is_rebuilt(cache, tmp_path, forged):
    """A damaged entry can still be valid marshal data (random bytes, or another value written
    over it); it must be rebuilt, not handed to the caller as the answer."""
    import marshal

    source = tmp_path / "words.txt"
    source.write_text("alpha beta", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    (entry,) = cache.iterdir()
    entry.write_bytes(marshal.dumps(forged))
    assert derived("lengths", source, _word_lengths) == {"alpha": 5, "beta": 4}
    assert len(calls) == 2


def test_an_entry_copied_over_another_is_rebuilt(cache, tmp_path):
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("alpha", encoding="utf-8")
    two.write_text("omega delta", encoding="utf-8")
    derived("lengths", one, _word_lengths)
    derived("lengths", two, _word_lengths)
    first, second = sorted(cache.iterdir())
    first.write_bytes(second.read_bytes())
    assert derived("lengths", one, _word_lengths) == {"alpha": 5}
    assert derived("lengths", two, _word_lengths) == {"omega": 5, "delta": 5}


def test_a_source_replaced_with_the_same_size_and_time_is_derived_again(cache, tmp_path):
    """A font rewritten in place whose modification time was put back (cp -p, rsync -t, an
    unpacked archive) must not be answered from its predecessor's entry."""
    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    assert derived("lengths", source, _word_lengths) == {"alpha": 5}
    before = source.stat()
    source.write_text("omega", encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert derived("lengths", source, _word_lengths) == {"omega": 5}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
def test_a_special_file_at_an_entrys_name_is_not_read(cache, tmp_path, kind):
    """A FIFO there blocked the export forever; a link to /dev/zero would be read without end."""
    import threading

    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    (entry,) = cache.iterdir()
    entry.unlink()
    os.mkfifo(entry) if kind == "fifo" else os.symlink("/dev/zero", entry)
    answers: list = []
    worker = threading.Thread(target=lambda: answers.append(derived("lengths", source, _word_lengths)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():
        with open(entry, "wb"):  # let the blocked reader go so the test process can end
            pass
        pytest.fail("derived() blocked on a special file in the cache")
    assert answers == [{"alpha": 5}]
    assert entry.is_file() and not entry.is_symlink()  # the entry was written again, whole


def test_bytes_are_derived_once_and_other_bytes_name_another_entry(cache):
    from briefing.derived import derived_from_bytes

    def byte_count(data: bytes) -> int:
        calls.append(data)
        return len(data)

    assert derived_from_bytes("size", b"alpha", byte_count) == 5
    assert derived_from_bytes("size", b"alpha", byte_count) == 5
    assert derived_from_bytes("size", b"omega!", byte_count) == 6
    assert calls == [b"alpha", b"omega!"] and len(list(cache.iterdir())) == 2
    for entry in cache.iterdir():  # sealed like a file's entry: a damaged one is rebuilt, not believed
        data = entry.read_bytes()
        entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert derived_from_bytes("size", b"alpha", byte_count) == 5 and len(calls) == 3


def test_entries_unused_for_a_month_are_removed_when_an_entry_is_written(cache, tmp_path, monkeypatch):
    """Entries of older versions and removed fonts are never read again: the next write removes
    them. Entries in use, a user's own files, links and a write in progress are left alone."""
    import time

    source = tmp_path / "words.txt"
    source.write_text("alpha", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    (used,) = cache.iterdir()
    month_ago = time.time() - derived_module.UNUSED_FOR - 3600
    stale = cache / f"advances-{'0' * 32}.marshal"  # say, of a font or a version no longer installed
    writing = cache / f".advances-{'1' * 32}.marshal.{os.getpid()}.abcd1234.part"
    own = cache / "notes.txt"
    link = cache / f"coverage-0-{'2' * 32}.marshal"
    elsewhere = tmp_path / "elsewhere.marshal"
    for path in (stale, writing, own, elsewhere):
        path.write_bytes(b"x")
    link.symlink_to(elsewhere)
    for path in (used, stale, writing, own, elsewhere):
        os.utime(path, (month_ago, month_ago))
    assert derived("lengths", source, _word_lengths) == {"alpha": 5}  # read: its use is recorded
    assert used.stat().st_mtime > month_ago + 3600

    other = tmp_path / "other.txt"
    other.write_text("omega", encoding="utf-8")
    monkeypatch.setattr(derived_module, "_pruned", set())  # as a new process: the first write above pruned already
    derived("lengths", other, _word_lengths)  # a write: prunes, once a process
    names = {p.name for p in cache.iterdir()}
    assert stale.name not in names
    assert {used.name, writing.name, own.name, link.name} <= names and len(names) == 5
    assert elsewhere.exists()


def test_pruning_never_unsettles_a_reader_of_the_entry(cache, tmp_path):
    """A process reading an entry as another removes it still reads it whole (POSIX)."""
    import time

    source = tmp_path / "words.txt"
    source.write_text("alpha beta", encoding="utf-8")
    derived("lengths", source, _word_lengths)
    (entry,) = cache.iterdir()
    with open(entry, "rb") as reader:
        assert derived_module.prune(cache, now=time.time() + derived_module.UNUSED_FOR + 60) == [entry]
        data = reader.read()
    assert derived_module._unpack(derived_module._key(derived_module._file_identity(source), _word_lengths, ""), data) == {
        "alpha": 5, "beta": 4}


def test_code_identity_names_the_state_of_each_module_file(tmp_path):
    """A ``version`` for data built by other modules' code: a rewritten module file gives another."""
    import types

    module = types.ModuleType("checker")
    module.__file__ = str(tmp_path / "checker.py")
    (tmp_path / "checker.py").write_text("LIMIT = 1\n", encoding="utf-8")
    before = derived_module.code_identity(module)
    assert derived_module.code_identity(module) == before
    (tmp_path / "checker.py").write_text("LIMIT = 2\n", encoding="utf-8")
    assert derived_module.code_identity(module) != before
