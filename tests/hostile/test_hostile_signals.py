"""``kill -9`` of a batch and of a writer: no orphan replaces a newer file, no leftover outlives its writer.

Real processes, real signals: a batch parent killed with SIGKILL (its workers
must die with it and never replace a file written after they started), a
writer killed mid-write (its ``.NAME.<pid>.<random>.part`` is removed by the
next run, a live writer's is not, and the previous good file is intact), and
a whole process group killed mid-batch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile_corpus import DATA, REPO, run_briefing
from pptx import Presentation

MINI = DATA / "valid" / "mini.yaml"


def generated_summary(path: Path, findings: int) -> Path:
    """A large valid summary (the benchmark generator): its export takes seconds, long enough to kill it midway."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import write_summary
    finally:
        sys.path.remove(str(REPO / "bench"))
    return write_summary(path, findings)


def start_briefing(*args: str, cwd: Path) -> subprocess.Popen:
    """``briefing`` in the background, as the leader of its own process group."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_DEBUG"}
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", *args], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            fields = stat.rsplit(b")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in (b"Z", b"X")


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads process state from /proc")


def test_workers_die_with_a_killed_parent_and_never_replace_a_newer_file(tmp_path):
    generated_summary(tmp_path / "big.yaml", 700)
    generated_summary(tmp_path / "small.yaml", 3)  # two inputs: a single one is exported without workers
    deck = tmp_path / "big.pptx"
    run = start_briefing("export", "big.yaml", "small.yaml", "-f", "pptx", "-j", "1", cwd=tmp_path)
    try:
        # The busy worker is the child that burns CPU; wait until it is well into the export.
        assert wait_for(lambda: any(cpu_seconds(c) > 1.2 for c in children(run.pid)) or run.poll() is not None)
        assert run.poll() is None, "the export finished before it could be killed; make the input larger"
        workers = children(run.pid)
        os.kill(run.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
        run.wait(timeout=30)
        deck.write_bytes(b"a newer deck, written after the batch was killed")
        newer = deck.stat()
        assert wait_for(lambda: not any(running(w) for w in workers), timeout=30), "a worker outlived its parent"
        time.sleep(1.0)  # an orphan that was about to write would have done so by now
        assert deck.read_bytes() == b"a newer deck, written after the batch was killed"
        assert (deck.stat().st_ino, deck.stat().st_mtime_ns) == (newer.st_ino, newer.st_mtime_ns)
        assert parts(tmp_path) == [] or all(not running(int(p.split(".")[-3])) for p in parts(tmp_path))
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    again = run_briefing("export", "big.yaml", "-f", "pptx", "-q", cwd=tmp_path)  # the second run
    assert again.returncode == 0, again.stderr
    assert len(Presentation(str(deck)).slides) > 10
    assert parts(tmp_path) == []


_WRITER = textwrap.dedent(
    """
    import sys, time
    from briefing.atomic import atomic_writer
    with atomic_writer(sys.argv[1]) as handle:
        handle.write(b"half of a new deck")
        handle.flush()
        print("writing", flush=True)
        time.sleep(600)
    """
)


def start_writer(target: Path) -> subprocess.Popen:
    """A real writer stopped midway through an atomic write, in its own process group."""
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert writer.stdout.readline().strip() == "writing"
    return writer


def test_a_writer_killed_mid_write_leaves_the_good_file_and_the_next_run_removes_only_its_leftover(tmp_path):
    (tmp_path / "mini.yaml").write_bytes(MINI.read_bytes())
    first = run_briefing("export", "mini.yaml", "-f", "pptx", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    deck = tmp_path / "mini.pptx"
    good = deck.read_bytes()

    killed, alive = start_writer(deck), start_writer(deck)
    try:
        os.killpg(killed.pid, signal.SIGKILL)  # kill -9 of the process group, mid-write
        killed.wait(timeout=30)
        leftovers = parts(tmp_path)
        assert len(leftovers) == 2
        assert {int(name.split(".")[-3]) for name in leftovers} == {killed.pid, alive.pid}  # the writer's pid is in the name
        assert deck.read_bytes() == good  # the previous good file is intact
        assert len(Presentation(str(deck)).slides) > 1

        second = run_briefing("export", "mini.yaml", "-f", "pptx", "-q", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        remaining = parts(tmp_path)
        assert remaining == [n for n in leftovers if int(n.split(".")[-3]) == alive.pid]  # the live writer's stays
        assert (tmp_path / remaining[0]).read_bytes() == b"half of a new deck"
        assert len(Presentation(str(deck)).slides) > 1
    finally:
        for writer in (killed, alive):
            if writer.poll() is None:
                os.killpg(writer.pid, signal.SIGKILL)
                writer.wait(timeout=30)


def test_a_batch_killed_as_a_group_leaves_whole_files_and_the_next_run_cleans_up(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(8):
        generated_summary(folder / f"desk-{n}.yaml", 120 + n)
    first = run_briefing("export", "in", "-f", "pptx", "-j", "2", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in folder.glob("*.pptx")}
    for n in range(8):  # new content, so a replaced deck differs from the good one
        generated_summary(folder / f"desk-{n}.yaml", 121 + n)

    run = start_briefing("export", "in", "-f", "pptx", "-j", "2", cwd=tmp_path)
    try:  # a worker past half a second of CPU is in its first or second of four files
        assert wait_for(lambda: any(cpu_seconds(c) > 0.5 for c in children(run.pid)) or run.poll() is not None)
        assert run.poll() is None, "the batch finished before it could be killed; make the inputs larger"
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    for deck in folder.glob("*.pptx"):  # each deck is the good old one or a whole new one
        assert deck.read_bytes() == before[deck.name] or len(Presentation(str(deck)).slides) > 1

    again = run_briefing("export", "in", "-f", "pptx", "-j", "2", "-q", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert parts(folder) == []
    assert sorted(p.name for p in folder.glob("*.pptx")) == sorted(before)


def test_a_users_own_part_files_in_the_output_folder_are_never_removed(tmp_path):
    """Leftovers are recognised by the exact name the writer gives them; a user's hidden file
    that merely looks similar (``.NAME.<number>.<word>.part``, its 'pid' long dead) is theirs."""
    (tmp_path / "a.yaml").write_bytes((DATA / "valid" / "mini.yaml").read_bytes())
    own = [".holiday-photos.2019.final.part", ".thesis.tex.31337.v2.part", ".a.pdf.999999999.draft.part"]
    for name in own:
        (tmp_path / name).write_text("precious", encoding="utf-8")
    result = run_briefing("export", "a.yaml", "-f", "pdf", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all((tmp_path / name).read_text(encoding="utf-8") == "precious" for name in own)
