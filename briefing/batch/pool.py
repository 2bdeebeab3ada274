"""Worker processes that can each be killed and replaced, so one bad task fails alone.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers
dies the whole pool is declared broken, and it cannot stop a single hung
task. Why not one process per task: every export would pay for starting
Python and importing python-pptx and ReportLab again.

So each worker here is a long-lived process that runs one task at a time,
sent over its own pipe. On Linux, when the calling process runs one thread
(the ``briefing export`` command), workers are forked: ``prepare`` (importing
the renderers, opening the template) runs once in the caller before the
first fork, so every worker starts with it done, and no worker pays for a
second interpreter. Forking is sound only without other threads (a lock held
by one would stay held in the child) and only with care for what the child
inherits: it closes the caller's end of the lifeline and of the other
workers' pipes (multiprocessing flushes the caller's output before it forks,
so no child prints the caller's buffered lines again). Elsewhere (macOS,
Windows, a caller with threads) workers are spawned and each runs
``prepare`` itself before it says it is ready.

The parent waits on all pipes and process sentinels at once; a worker that
exits without answering, or overruns the time limit, is killed, its task
alone is reported as failed, and a fresh worker takes its place.

Right before each atomic replace a worker sends the state of the file about to
take the output's place (``briefing.atomic.announcing_replaces``), ahead of its
answer; the task's ``Outcome`` carries them, so a task stopped or killed after
writing some of its files (even with ``kill -9`` right after a replace) says
which, and the caller can tell them from files another process wrote there.

Workers ignore SIGINT (a terminal's Ctrl-C reaches the whole process group):
the parent decides how to stop. Stopping sends SIGTERM, which a worker turns
into an exception (``_Terminated``) so that the atomic writers in the task
clean up their temporary files, delivered again until it takes
(``briefing.batch.signalled``: a library's ``except:`` may swallow it or turn
it into a failure of the file; a task that went on replaces no more files); the
worker then exits with status 143 without answering. A worker that does not
exit in time is killed.

Workers die with their parent, even one killed with ``kill -9`` that could not
stop them: a stale worker finishing later would replace files a newer run
wrote. Each worker holds the read end of a "lifeline" pipe whose only write
end the parent keeps and never writes to; the kernel closes it when the
parent dies, however it dies. A watchdog thread in the worker waits on it and
then stops the worker (SIGTERM's clean exit, then a hard exit), and the atomic
writer asks the lifeline before every replace, so even a worker busy in C
code cannot replace a file once its parent is gone. On Linux the kernel
also sends the worker SIGTERM itself (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import _thread
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from briefing.atomic import FileState, WriterAbandoned, announcing_replaces, path_key, require_before_replace
from briefing.batch import signalled
from briefing.batch.outcome import End, Outcome

Task = TypeVar("Task")

_TICK = 0.2  # seconds between checks for a stop request while waiting
_GRACE = 3.0  # seconds a terminated worker gets to clean up before it is killed
_HELLO = "ready"


class _Replacing(NamedTuple):
    """A worker's message: the file ``state`` is about to replace ``path`` (a ``path_key``)."""

    path: str
    state: FileState


class WorkerPool(Generic[Task]):
    """Run ``func(task)`` for each task in up to ``jobs`` processes, ``timeout`` seconds each.

    ``func`` must be importable (module level) and should not raise; if it
    does, the exception text comes back as a RAISED outcome's detail.
    """

    def __init__(self, func: Callable[[Task], Any], *, jobs: int, timeout: float,
                 prepare: Callable[[], object] | None = None):
        self.func = func
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.prepare = prepare  # module level (a spawned worker is sent it); must not raise
        self.method = start_method()
        self._context = multiprocessing.get_context(self.method)

    def run(self, tasks: Iterable[Task],
            stop_requested: Callable[[], bool] = lambda: False) -> Generator[Outcome[Task], None, None]:
        """Yield one Outcome per task, in completion order; stop early when ``stop_requested()``."""
        pending = deque(enumerate(tasks))
        if self.method == "fork" and self.prepare is not None and pending:
            self.prepare()  # once, here: every forked worker inherits it
            self.method = start_method()  # should preparing have started a thread, spawn after all
            self._context = multiprocessing.get_context(self.method)
        forked = self.method == "fork"
        lifeline, held = self._context.Pipe(duplex=False)  # we hold `held` until we end; never written
        workers: list[_Worker] = []

        def start() -> _Worker:
            # A forked worker inherits every descriptor: it must close the ones only we may hold.
            ours = [held, *(w.conn for w in workers)] if forked else []
            return _Worker(self._context, self.func, lifeline, ours, None if forked else self.prepare)

        for _ in range(min(self.jobs, len(pending))):
            workers.append(start())
        try:
            while pending or any(w.busy for w in workers):
                if stop_requested():
                    break
                for worker in workers:
                    if worker.ready and not worker.busy and pending:
                        index, task = pending.popleft()
                        worker.start_task(index, task)
                watched = [w for w in workers if w.busy or not w.ready]
                deadlines = [w.started + self.timeout for w in watched if w.busy]
                pause = min([_TICK] + [max(0.0, d - time.monotonic()) for d in deadlines])
                ready = set(wait([w.conn for w in watched] + [w.process.sentinel for w in watched], pause))
                for i, worker in enumerate(workers):
                    woke = worker.conn in ready or worker.process.sentinel in ready
                    if not worker.ready:
                        if woke:
                            worker.greet()
                        continue
                    if not worker.busy:
                        continue
                    outcome = None
                    if woke:  # its answer, its end, or only files it announced (then None: it goes on)
                        outcome = worker.collect(stopping=stop_requested())
                    if outcome is None and time.monotonic() - worker.started > self.timeout:
                        outcome = worker.abandon(End.TIMEOUT, f"took longer than {self.timeout:g} s")
                    if outcome is not None:
                        if not worker.process.is_alive() and pending:
                            workers[i] = start()
                        yield outcome
            for worker in workers:  # an answer already sent is a finished task, not a stopped one
                if worker.busy and worker.answered():
                    answer = worker.collect(stopping=True)
                    if answer is not None:  # always, once answered
                        yield answer
            busy = [w for w in workers if w.busy]
            for worker in busy:  # all at once, so their clean-up overlaps
                worker.process.terminate()
            for worker in busy:
                yield worker.abandon(End.CANCELLED, "stopped")
            for index, task in pending:
                yield Outcome(index, task, End.CANCELLED, detail="not started")
        finally:
            for worker in workers:
                worker.close()
            lifeline.close()
            held.close()


class WorkerStartError(RuntimeError):
    """A worker process died before it could take a task: the environment is broken, not a file."""


def start_method() -> str:
    """``fork`` where it is sound (Linux, this process runs one thread), else ``spawn``."""
    if sys.platform.startswith("linux") and _threads() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _threads() -> int:
    """Threads of this process, native ones included (a library's C threads are
    invisible to ``threading``, and a lock one holds would stay held in a fork)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 2  # cannot tell: count as threaded, so workers are spawned


class _Worker:
    def __init__(self, context, func, lifeline, ours: list, prepare: Callable[[], object] | None):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, func, lifeline, os.getpid(), ours, prepare), daemon=True, name="briefing-worker"
        )
        self.process.start()
        child.close()
        self.ready = False  # until the worker has started Python and says so; its boot is no task's time
        self.task: tuple[int, Any] | None = None
        self.started = 0.0
        self.replacing: list[tuple[str, FileState]] = []  # the files the task announced, in order
        self._answer: tuple[bool, Any] | None = None  # the task's answer, once read
        self._ended = False  # the pipe has closed: the worker can send nothing more

    @property
    def busy(self) -> bool:
        return self.task is not None

    def greet(self) -> None:
        """Take the worker's hello; a worker that died instead means no worker ever will."""
        try:
            self.ready = self.conn.recv() == _HELLO
        except (EOFError, OSError):
            pass
        if not self.ready:
            self._stop()
            raise WorkerStartError(f"cannot start a worker process: {_how_it_ended(self.process.exitcode)}")

    def start_task(self, index: int, task: Any) -> None:
        self.task, self.started = (index, task), time.monotonic()
        self.replacing, self._answer = [], None
        try:
            self.conn.send((index, task))
        except OSError:
            pass  # the worker has died; its sentinel reports it and the task fails as DIED

    def answered(self) -> bool:
        """Whether the worker's answer (or its end) is in: read what it sent so far."""
        return self._read()

    def _read(self) -> bool:
        """Take what the worker has sent, in order: the files it announced, then its answer.
        True once the answer is in or the worker can send nothing more."""
        try:
            while self._answer is None and self.conn.poll():
                message = self.conn.recv()
                if isinstance(message, _Replacing):
                    self.replacing.append((message.path, message.state))
                else:
                    self._answer = message
        except (EOFError, OSError):
            self._ended = True  # closed: ``collect`` reports how the worker ended
        return self._answer is not None or self._ended

    def _current(self) -> tuple[int, Any]:
        if self.task is None:
            raise RuntimeError("the worker has no task")  # callers check ``busy`` first
        return self.task

    def collect(self, stopping: bool = False) -> Outcome | None:
        """The answer of a worker whose pipe or process became ready; None when it has only
        announced files so far (its task goes on).

        ``stopping``: the run is being stopped. A worker that SIGTERM ended without answering was
        then stopped with it (a SIGTERM to the whole process group, as a service manager or
        ``kill -- -PGID`` sends, reaches the workers too): its task is not finished, not failed."""
        index, task = self._current()
        if not self._read() and self.process.is_alive():
            return None
        seconds = time.monotonic() - self.started
        if self._answer is not None:
            answered, result = self._answer
            self.task = None
            if answered:
                return Outcome(index, task, End.DONE, result, seconds, replacing=tuple(self.replacing))
            return Outcome(index, task, End.RAISED, seconds=seconds, detail=result, replacing=tuple(self.replacing))
        self._stop()
        self.task = None
        replacing = tuple(self.replacing)
        if stopping and self.process.exitcode in (-signal.SIGTERM, 128 + signal.SIGTERM):  # killed, or _exit_on_terminate
            return Outcome(index, task, End.CANCELLED, seconds=seconds, detail="stopped", replacing=replacing)
        return Outcome(index, task, End.DIED, seconds=seconds, detail=_how_it_ended(self.process.exitcode),
                       replacing=replacing)

    def abandon(self, end: End, detail: str) -> Outcome:
        """Stop this worker in the middle of its task."""
        index, task = self._current()
        seconds = time.monotonic() - self.started
        self._stop()
        self.task = None
        return Outcome(index, task, end, seconds=seconds, detail=detail, replacing=tuple(self.replacing))

    def close(self) -> None:
        if self.process.is_alive() and not self.busy:
            try:
                self.conn.send(None)
                self.process.join(_GRACE)
            except (OSError, ValueError):
                pass
        self._stop()

    def _stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_GRACE)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        if self.busy:
            self._read()  # what it announced before it ended: all of it is in the pipe now
        self.conn.close()


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"the export process was killed by {name}{hint}"
    return f"the export process exited unexpectedly (status {exitcode})"


def _serve(conn, func, lifeline, parent_pid: int, ours: list, prepare: Callable[[], object] | None) -> None:
    """A worker's life: run tasks from the pipe until told to stop (None), the pipe closes or the parent dies.

    ``ours``: the parent's descriptors a forked worker inherited and must not keep (the
    lifeline's write end: holding it, the worker would never see its parent die).
    ``prepare``: run before the first task by a spawned worker (a forked one inherited it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with _terminating.armed():  # the whole life of the worker: SIGTERM ends it wherever it lands
            signal.signal(signal.SIGTERM, _exit_on_terminate)
            signalled.quiet_when_swallowed()  # a SIGTERM landing in a finalizer prints nothing; it comes again
            _serve_armed(conn, func, lifeline, parent_pid, ours, prepare)
    except _Terminated:
        sys.exit(128 + signal.SIGTERM)  # as a shell reports it; the parent tells it from a crash


def _serve_armed(conn, func, lifeline, parent_pid: int, ours: list, prepare: Callable[[], object] | None) -> None:
    for inherited in ours:
        inherited.close()
    if ours:
        gc.freeze()  # what was inherited stays shared with the parent: later collections leave it be
    _die_with_parent(lifeline, parent_pid)
    if prepare is not None:
        prepare()

    def announce(target: Path, state: FileState) -> None:
        if _terminating.started is not None:  # swallowed, the stop may have sent the export down a wrong path
            raise _Terminated()
        try:
            conn.send(_Replacing(path_key(target), state))
        except (OSError, ValueError):  # the parent is gone: nobody would know of the file
            raise WriterAbandoned(f"{target}: not replaced: the batch that started this export has ended") from None

    conn.send(_HELLO)
    with announcing_replaces(announce):
        _answer_tasks(conn, func)


def _answer_tasks(conn, func) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        _, task = message
        try:
            reply = (True, func(task))
        except Exception as exc:  # noqa: BLE001 - a bug in func; report it as this task's failure, keep serving
            reply = (False, f"{type(exc).__name__}: {exc}")
        except WriterAbandoned:
            return  # the parent is gone: nobody to answer, and nothing was replaced
        if _terminating.started is not None:  # the task ran on all the same (swallowed, or made its failure)
            raise _Terminated()
        conn.send(reply)


def _die_with_parent(lifeline, parent_pid: int) -> None:
    """Arrange for this worker to stop when the process that started it dies, however it dies."""
    _set_parent_death_signal(signal.SIGTERM)

    def parent_gone() -> str | None:
        try:
            ended = lifeline.poll(0)  # never written to: readable means end of file, the parent has died
        except (OSError, EOFError, ValueError):
            ended = True
        if ended or (sys.platform.startswith("linux") and os.getppid() != parent_pid):
            return "the batch that started this export has ended"
        return None

    require_before_replace(parent_gone)
    if parent_gone():  # it died before the death signal was set: nobody would ever tell us
        os._exit(1)

    def watch() -> None:
        try:
            lifeline.recv()
        except (EOFError, OSError):
            pass
        _thread.interrupt_main(signal.SIGTERM)  # the clean exit: `with` blocks remove temporary files
        time.sleep(_GRACE)
        os._exit(1)  # the main thread is stuck in C code; the atomic writer's check still refuses

    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def _set_parent_death_signal(signum: int) -> None:
    """Linux: have the kernel send ``signum`` when the parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signum), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the lifeline pipe still stops the worker


class _Terminated(BaseException):
    """SIGTERM in a worker: an exception (not an abrupt exit) so that ``with`` blocks, the atomic
    writers among them, remove their temporary files on the way out. Not ``SystemExit``: ReportLab's
    ``annotateException`` raises an exception's type anew with a message, and a SystemExit whose code
    is a message prints it and exits with status 1."""


_terminating = signalled.Redelivery()


def _exit_on_terminate(signum, frame):
    if _terminating.is_armed:  # else the worker is past its work, on its way out
        _terminating.start(signum)
        raise signalled.from_signal(_Terminated(), signum)
