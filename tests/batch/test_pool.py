"""The worker pool: a hung, crashing or raising task fails alone; the others finish."""

from __future__ import annotations

import _thread
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pool_tasks
import pytest
from pool_tasks import behave, get_ready, who_prepared

from briefing.batch.pool import End, WorkerPool


def outcomes(tasks, **kwargs):
    return {o.task: o for o in WorkerPool(behave, **kwargs).run(tasks)}


def test_every_task_runs_once_and_answers():
    done = outcomes(["a", "b", "c", "d", "e"], jobs=2, timeout=30)
    assert {t: (o.end, o.result) for t, o in done.items()} == {t: (End.DONE, t.upper()) for t in "abcde"}
    assert sorted(o.index for o in done.values()) == [0, 1, 2, 3, 4]


def test_a_hung_task_times_out_and_its_worker_is_replaced():
    done = outcomes(["hang", "a", "b", "c"], jobs=1, timeout=1.0)
    assert done["hang"].end is End.TIMEOUT and "longer than 1 s" in done["hang"].detail
    assert [done[t].result for t in "abc"] == ["A", "B", "C"]


def test_a_crash_fails_that_task_only():
    done = outcomes(["a", "crash", "b", "c"], jobs=2, timeout=30)
    assert done["crash"].end is End.DIED and "status 7" in done["crash"].detail
    assert all(done[t].end is End.DONE for t in "abc")


def test_a_raising_task_fails_alone_and_the_worker_lives_on():
    done = outcomes(["raise", "a"], jobs=1, timeout=30)
    assert done["raise"].end is End.RAISED and done["raise"].detail == "RuntimeError: a bug"
    assert done["a"].result == "A"


def test_a_stop_request_cancels_running_and_waiting_tasks():
    stop_at = time.monotonic() + 1.0
    pool = WorkerPool(behave, jobs=1, timeout=30)
    done = {o.task: o for o in pool.run(["a", "sleep30", "b"], lambda: time.monotonic() > stop_at)}
    assert done["a"].end is End.DONE
    assert done["sleep30"].end is End.CANCELLED and done["sleep30"].detail == "stopped"
    assert done["b"].end is End.CANCELLED and done["b"].detail == "not started"


def test_an_answer_sent_before_the_stop_counts_as_done(tmp_path):
    started = tmp_path / "started"
    task = f"mark:{started}"

    def stop_once_answered() -> bool:
        if started.exists():  # the stop arrives while the task's answer is on its way: it is done all the same
            time.sleep(2.0)
            return True
        return False

    pool = WorkerPool(behave, jobs=1, timeout=30)
    done = {o.task: o for o in pool.run([task, "b"], stop_once_answered)}
    assert done[task].end is End.DONE and done[task].result == task.upper()
    assert done["b"].end is End.CANCELLED and done["b"].detail == "not started"


def test_a_worker_the_stop_itself_ended_leaves_its_task_not_finished_rather_than_failed(tmp_path):
    """A SIGTERM to the whole process group (a service manager stopping the batch) ends the workers
    as it asks the pool to stop: their tasks were stopped, not failed ('exited unexpectedly (status 143)')."""
    stopping = tmp_path / "stopping"
    term = f"term:{stopping}"
    pool = WorkerPool(behave, jobs=1, timeout=30)
    done = {o.task: o for o in pool.run([term, "b"], stopping.exists)}
    assert done[term].end is End.CANCELLED and done[term].detail == "stopped"
    assert done["b"].end is End.CANCELLED and done["b"].detail == "not started"


def test_a_worker_ended_by_sigterm_with_no_stop_requested_failed_its_task(tmp_path):
    term = f"term:{tmp_path / 'flag'}"
    done = outcomes([term, "b"], jobs=1, timeout=30)
    assert done[term].end is End.DIED and "status 143" in done[term].detail
    assert done["b"].end is End.DONE


@pytest.mark.parametrize("then, ended", [("write-then-kill", End.DIED), ("write-then-hang", End.TIMEOUT)])
def test_a_worker_killed_after_a_replace_has_announced_the_file(tmp_path, then, ended):
    """The worker announces each file just before it replaces the output: neither SIGKILL right after
    the replace (no line of Python in between) nor the time limit keeps the parent from knowing of it."""
    from briefing.atomic import file_state, path_key

    target = tmp_path / "deck.pptx"
    task = f"{then}:{target}"
    done = outcomes([task, "b"], jobs=1, timeout=3)
    assert done[task].end is ended
    assert target.read_bytes() == b"a whole file"
    assert done[task].replacing == ((path_key(target), file_state(target, follow_symlinks=False)),)
    assert done["b"].end is End.DONE and done["b"].replacing == ()


def test_forked_workers_start_with_what_the_parent_prepared_once(monkeypatch):
    monkeypatch.setattr(pool_tasks, "prepared", [])
    pool = WorkerPool(who_prepared, jobs=2, timeout=30, prepare=get_ready)
    assert pool.method == "fork"  # Linux, and the test runs one thread
    done = [o.result for o in pool.run(["a", "b", "c", "d"])]
    assert {prepared for _, prepared in done} == {(os.getpid(),)}  # the parent, once, before forking
    assert pool_tasks.prepared == [os.getpid()] and os.getpid() not in {pid for pid, _ in done}


def test_a_thread_threading_cannot_see_makes_workers_spawned():
    # A C library's thread is invisible to ``threading``; a lock it held would stay held in a fork.
    from briefing.batch.pool import start_method

    release = _thread.allocate_lock()
    release.acquire()
    running = _thread.allocate_lock()
    running.acquire()

    def wait_for_release():
        running.release()
        release.acquire()

    _thread.start_new_thread(wait_for_release, ())
    running.acquire()
    try:
        assert threading.active_count() == 1  # the case: only the process knows of the thread
        assert start_method() == "spawn"
    finally:
        release.release()


def test_spawned_workers_prepare_each_for_itself(monkeypatch):
    monkeypatch.setattr("briefing.batch.pool.start_method", lambda: "spawn")
    monkeypatch.setattr(pool_tasks, "prepared", [])
    done = [o.result for o in WorkerPool(who_prepared, jobs=2, timeout=30, prepare=get_ready).run(["a", "b", "c"])]
    assert all(prepared == (pid,) for pid, prepared in done)
    assert pool_tasks.prepared == []


_PRINTS_THEN_CRASHES = """
import sys
sys.path.insert(0, sys.argv[1])
from pool_tasks import behave
from briefing.batch.pool import WorkerPool
print("before the pool")  # still buffered (stdout is a pipe) when the workers are forked
for outcome in WorkerPool(behave, jobs=1, timeout=30).run(["a", "crash", "b"]):
    print(outcome.task, outcome.end.name)  # buffered when the replacement worker is forked
"""


def test_a_forked_worker_never_prints_the_parents_buffered_output_again():
    run = subprocess.run([sys.executable, "-c", _PRINTS_THEN_CRASHES, str(Path(__file__).parent)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["before the pool", "a DONE", "crash DIED", "b DONE"]
