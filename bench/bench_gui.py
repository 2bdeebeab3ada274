"""How the desktop app feels on a large summary: time to interactive, filter latency, UI stalls.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--findings 5000] [--selected 60]

Generates a summary of N findings (the example's 21, repeated with new ids),
then measures in one process:

* open: from "open this file" until the list shows its rows and the event loop
  is free (goal < 1 s); split into reading+validating (core) and showing (GUI);
* filter: one search keystroke until the list has re-filtered and repainted
  (goal < 50 ms; median and worst over a typed word and its deletion);
* stalls: the longest gap of a 5 ms heartbeat timer on the UI thread while the
  preview renders and both exports run in the background (goal < 100 ms);
* add at once: highlight --add findings in the list (default 301) and press
  Ctrl+Return, until the list, the outline and the panes have redrawn (goal < 200 ms);
* typing: with --brief findings in the brief (default 300) and the live preview
  on (its usual 500 ms wait), type an analyst's note at about 15 keys a second,
  pausing between words so the preview re-renders while typing goes on: the
  worst keystroke and the worst heartbeat gap (goal < 50 ms). Wall-clock times
  grow with the machine's load; the UI thread's CPU time per keystroke
  (``time.thread_time``) does not, and is printed beside them with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QItemSelection, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing.formats.load import open_document
from briefing.resources import example_summary


def make_summary(folder: Path, count: int) -> Path:
    data = yaml.safe_load(example_summary().read_text(encoding="utf-8"))
    base = data["findings"]
    data["findings"] = [{**base[i % len(base)], "id": f"{base[i % len(base)]['id']}-{i}"} for i in range(count)]
    data["timeline"] = [e for e in data.get("timeline", []) if "finding" not in e]
    path = folder / f"big-{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def settle(app: QApplication, seconds: float = 0.05) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def wait_for(app: QApplication, condition, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("benchmark step did not finish")
        app.processEvents()
        time.sleep(0.001)


class Heartbeat:
    """A 5 ms timer on the UI thread; the longest gap between ticks is the worst stall."""

    def __init__(self, interval_ms: int = 5):
        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            self.worst = max(self.worst, now - self.last - self.interval)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = 0.0, 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--selected", type=int, default=60, help="findings in the brief during the export test")
    parser.add_argument("--add", type=int, default=301, help="findings added at once")
    parser.add_argument("--brief", type=int, default=300, help="findings in the brief while typing")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()[0]

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from briefing_gui import dialogs, jobs, workers
    from briefing_gui.mainwindow import MainWindow
    from briefing_gui.preview import DEFAULT_DELAY_MS
    from briefing_gui.recovery import Recovery
    from briefing_gui.settings import Settings
    from briefing_gui.undo import push

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        folder = Path(tmp)
        summary = make_summary(folder, args.findings)
        size_kb = summary.stat().st_size / 1024

        started = time.perf_counter()
        open_document(summary)
        core_seconds = time.perf_counter() - started

        settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, Recovery(folder / "recovery"), preview_delay_ms=600_000, autosave_ms=600_000)
        window.show()
        settle(app)

        loaded = []
        window.document_loaded.connect(lambda: loaded.append(time.perf_counter()))
        heartbeat = Heartbeat()
        heartbeat.start()
        started = time.perf_counter()
        window.open_path(summary, ask=False)
        wait_for(app, lambda: loaded)
        app.processEvents()
        window.findings.view.viewport().repaint()
        interactive = time.perf_counter() - started
        loading_stall = heartbeat.stop()
        rows = window.findings.proxy.rowCount()

        # Filter: type a word and delete it, one keystroke at a time.
        search = window.findings.search
        search.setFocus()
        latencies = []
        clock = QElapsedTimer()
        word = "pakistan"
        keys = [Qt.Key(ord(c.upper())) for c in word] + [Qt.Key.Key_Backspace] * len(word)
        for n, key in enumerate(keys):
            clock.start()
            QTest.keyClick(search, key)
            window.findings.view.viewport().repaint()
            app.processEvents()
            latencies.append(clock.nsecsElapsed() / 1e6)
            if n == len(word) - 1:
                matched = window.findings.proxy.rowCount()

        # Stalls: preview plus both exports in the background, with the heartbeat running.
        push(window.stack, window.session.select([f.id for f in window.session.findings[: args.selected]]))
        paths = iter([folder / "bench.pptx", folder / "bench.pdf"])
        dialogs.ask_save_path = lambda *a, **k: str(next(paths))
        finished = []
        window.export_finished.connect(finished.append)
        previews = []
        window.preview.updated.connect(lambda: previews.append(1))
        settle(app)
        heartbeat.start()
        started = time.perf_counter()
        window.preview.render_now()
        window.act_export_deck.trigger()
        window.act_export_pdf.trigger()
        wait_for(app, lambda: len(finished) == 2 and previews)
        background_seconds = time.perf_counter() - started
        stall = heartbeat.stop()
        failures = [f for f in finished if isinstance(f, BaseException)]

        # Add at once: highlight N rows of the list, press Ctrl+Return.
        window.stack.clear()
        push(window.stack, window.session.deselect([s.id for s in window.session.selection]))
        view = window.findings.view
        view.setFocus()
        proxy = window.findings.proxy
        view.selectionModel().select(
            QItemSelection(proxy.index(0, 0), proxy.index(args.add - 1, proxy.columnCount() - 1)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
        settle(app)
        heartbeat.start()
        clock.start()
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        app.processEvents()
        window.repaint()
        add_ms = clock.nsecsElapsed() / 1e6
        settle(app, 0.3)
        add_stall = heartbeat.stop()
        added = len(window.session.selection)

        # Typing with a big brief and the live preview on.
        push(window.stack, window.session.select([f.id for f in window.session.findings[: args.brief]]))
        window.preview.timer.setInterval(DEFAULT_DELAY_MS)
        rendered = []
        window.preview.updated.connect(lambda: rendered.append(time.perf_counter()))
        window.preview.render_now()
        wait_for(app, lambda: rendered)
        first = window.session.selection[0].id
        window.findings.show_finding(first)
        note = window.finding.annotation.note
        note.setFocus()
        settle(app, 0.2)
        typed = "Watch the delivery on minerals before expecting investment "
        keystrokes = []
        keystroke_cpu = []
        renders_before = len(rendered)
        heartbeat.start()
        for char in typed:
            clock.start()
            cpu = time.thread_time()
            QTest.keyClick(note, char)
            app.processEvents()
            keystrokes.append(clock.nsecsElapsed() / 1e6)
            keystroke_cpu.append((time.thread_time() - cpu) * 1000)
            settle(app, 0.065 if char != " " else 0.75)  # ~15 keys a second, a pause after each word
        wait_for(app, lambda: len(rendered) > renders_before)
        typing_stall = heartbeat.stop()
        renders_while_typing = len(rendered) - renders_before
        if os.environ.get("BENCH_VERBOSE"):
            print("slowest keystrokes (index, ms):", sorted(enumerate(keystrokes), key=lambda p: -p[1])[:6])
        typed_ok = window.session.selection_for(first).note == typed.strip() or window.session.selection_for(first).note == typed

        jobs.wait_all()
        window.stack.setClean()
        window.close()
        workers.shutdown()

    print(f"summary: {args.findings} findings ({size_kb:.0f} KB); {os.cpu_count()} CPUs; Qt platform {app.platformName()}")
    print(f"open to interactive:      {interactive * 1000:7.0f} ms   (goal < 1000 ms; {rows} rows listed)")
    print(f"  of which read + validate in the core: {core_seconds * 1000:.0f} ms (briefing.formats.load.open_document, on a worker thread)")
    print(f"  worst UI-thread stall while opening: {loading_stall * 1000:.0f} ms")
    print(
        f"filter keystroke:         {statistics.median(latencies):7.1f} ms median, {max(latencies):.1f} ms worst"
        f"   (goal < 50 ms; {len(latencies)} keystrokes typing and deleting '{word}', which matches {matched} rows)"
    )
    print(
        f"UI stall during preview + 2 exports: {stall * 1000:5.0f} ms worst   (goal < 100 ms; "
        f"{args.selected} findings, {background_seconds:.1f} s of background work)"
    )
    print(
        f"add {added} findings at once:  {add_ms:7.0f} ms until redrawn, {add_stall * 1000:.0f} ms worst stall"
        f"   (goal < 200 ms; Ctrl+Return on {args.add} highlighted rows)"
    )
    print(
        f"typing with {args.brief} in the brief: {max(keystrokes):5.1f} ms worst keystroke, {statistics.median(keystrokes):.1f} ms median,"
        f" {typing_stall * 1000:.0f} ms worst UI stall   (goal < 50 ms; {len(typed)} keys,"
        f" {renders_while_typing} preview renders of {window.preview.last.pages if window.preview.last else '?'} pages meanwhile)"
    )
    print(
        f"  UI-thread CPU per keystroke: {statistics.median(keystroke_cpu):.1f} ms median, {max(keystroke_cpu):.1f} ms worst"
        f"   (load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)"
    )
    if not typed_ok:
        print("typing did not reach the note")
        return 1
    if failures:
        print(f"export failures: {failures}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
