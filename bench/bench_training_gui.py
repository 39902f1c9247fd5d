"""Benchmark of the Training tab: the same run in the GUI (offscreen) and headless, in one process.

    python bench/bench_training_gui.py /path/to/tinyshakespeare.txt [--max-iters 400] [--chunk 20]

The run is the "cpu-quick" preset (nanoGPT's CPU model) with a character tokenizer, its
iterations shortened by --max-iters, configured through the tab's own controls so that both
sides train exactly the same `TrainingConfig` (log_interval 1 on CPU, as the tab sets it):

- GUI: the main window offscreen at 1280x860 with the Training tab shown and Start pressed;
  the worker thread trains while the GUI thread drains records at 15 Hz and updates the plot;
- headless: `core.training.loop.train` iterated on the main thread with the torch thread count the
  GUI uses (`configure_torch_threads(gui_running=True)`: all cores but one), no event loop.

The two are interleaved: the GUI trains --chunk steps and is paused, the headless run catches
up by the same steps, and so on, so that load from other work on the machine hits both alike
(the way bench/bench_training.py interleaves its reference loop). Compared: the core's own
ms/iter of each step (evaluation steps excluded; pauses are not counted by the core), as the
median over all steps and as the median of the per-chunk ratios GUI / headless.

While the GUI trains, a 10 ms precise QTimer measures how late the event loop is (what a user
feels), and the plot's frames (full draws + blits) are counted. The plot can only refresh as
often as records arrive, so a second phase floods it: a tiny model logging hundreds of steps a
second, GUI only.

Goals: GUI ms/iter at most 5% above headless; timer lateness p99 <= 16 ms and max <= 100 ms;
plot refresh >= 10 Hz. The corpus is read where it is, never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


class LatencyProbe:
    """A 10 ms precise QTimer; `lateness` collects how late each tick came (ms), while started."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.lateness: list[float] = []
        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0

    def start(self) -> None:
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.lateness.append(max(0.0, (now - self.last) / 1e6 - 10.0))
        self.last = now

    def summary(self) -> dict[str, float]:
        values = self.lateness
        return {"timer_ticks": len(values), "lateness_median_ms": statistics.median(values),
                "lateness_p99_ms": percentile(values, 99), "lateness_max_ms": max(values)}


def training_ms(records: list[dict], evals: set[int]) -> list[float]:
    return [r["ms_per_iter"] for r in records if r.get("ms_per_iter") is not None and r["step"] not in evals]


def run_interleaved(window, config, data, tokenizer, out_dir: Path, chunk: int, probe_on: bool = True) -> dict:
    """The GUI run and the headless run, `chunk` steps at a time each."""
    from PySide6.QtCore import QEventLoop

    from core.training.events import StepRecord
    from core.training.loop import train
    from core.training.setup import configure_torch_threads

    configure_torch_threads(gui_running=True)  # the GUI's thread count: the comparison is about the GUI only
    tab = window.training_tab
    tab.runs_root = out_dir / "gui"
    headless = train(config, data, tokenizer)
    gui, head, probe, loop = [], [], LatencyProbe(), QEventLoop()
    state = {"target": chunk, "finished": False, "gui_s": 0.0, "frames": 0, "drains": 0}

    def on_records(records: list[dict]) -> None:
        gui.extend(records)
        if gui[-1]["step"] >= state["target"]:
            tab.worker.pause()

    def on_finished(_info: dict) -> None:
        state["finished"] = True
        loop.quit()

    connections = ((tab.worker.records, on_records), (tab.worker.paused, lambda _step: loop.quit()),
                   (tab.worker.finished, on_finished))
    for signal, slot in connections:
        signal.connect(slot)
    tab.controls.start_button.click()
    head_done, chunks = False, []
    while not (state["finished"] and head_done):
        if not state["finished"]:
            frames, drains, started = tab.plot.frame_count, tab.worker.drain_count, time.perf_counter()
            if probe_on:
                probe.start()
            loop.exec()  # until the GUI run pauses after this chunk, or ends
            probe.stop()
            state["gui_s"] += time.perf_counter() - started
            state["frames"] += tab.plot.frame_count - frames
            state["drains"] += tab.worker.drain_count - drains
        goal = gui[-1]["step"] if gui else 0
        first = len(head)
        while not head_done and (not head or head[-1]["step"] < goal or state["finished"]):
            event = next(headless, None)
            if event is None:
                head_done = True
            elif isinstance(event, StepRecord):
                head.append({"step": event.step, "ms_per_iter": event.ms_per_iter})
        chunks.append((goal, first))
        if not state["finished"]:
            state["target"] = goal + chunk
            tab.worker.resume()
    for signal, slot in connections:
        signal.disconnect(slot)

    evals = {s for s in range(config.max_iters + 1) if s % config.eval_interval == 0 or s == config.max_iters}
    ratios, previous = [], 0
    for goal, _first in chunks:  # per chunk: median ms/iter of the same steps on both sides
        g = training_ms([r for r in gui if previous < r["step"] <= goal], evals)
        h = training_ms([r for r in head if previous < r["step"] <= goal], evals)
        if g and h:
            ratios.append(statistics.median(g) / statistics.median(h))
        previous = goal
    gui_ms, head_ms = training_ms(gui, evals), training_ms(head, evals)
    return {"steps": gui[-1]["step"], "chunks": len(ratios), "chunk_ratios": [round(r, 3) for r in ratios],
            "gui_ms_per_iter": statistics.median(gui_ms), "headless_ms_per_iter": statistics.median(head_ms),
            "gui_ms_per_iter_mean": statistics.fmean(gui_ms), "headless_ms_per_iter_mean": statistics.fmean(head_ms),
            "overhead_median_of_chunk_ratios": statistics.median(ratios) - 1,
            "overhead_of_medians": statistics.median(gui_ms) / statistics.median(head_ms) - 1,
            **(probe.summary() if probe_on else {}), "plot_refresh_hz": state["frames"] / state["gui_s"],
            "drains_with_data_hz": state["drains"] / state["gui_s"], "records_per_s": len(gui) / state["gui_s"]}


def run_flood(window, out_dir: Path) -> dict:
    """The GUI alone, with records arriving far faster than the 15 Hz drain."""
    from PySide6.QtCore import QEventLoop

    tab = window.training_tab
    tab.runs_root = out_dir / "flood"
    probe, loop, records, marks = LatencyProbe(), QEventLoop(), [], {}

    def on_started(_info: dict) -> None:
        marks["t0"], marks["f0"] = time.perf_counter(), tab.plot.frame_count
        probe.start()

    def on_finished(_info: dict) -> None:
        probe.stop()
        marks["t1"], marks["f1"] = time.perf_counter(), tab.plot.frame_count
        loop.quit()

    tab.worker.started.connect(on_started)
    tab.worker.records.connect(records.extend)
    tab.worker.finished.connect(on_finished)
    tab.controls.start_button.click()
    loop.exec()
    seconds = marks["t1"] - marks["t0"]
    return {**probe.summary(), "plot_refresh_hz": (marks["f1"] - marks["f0"]) / seconds,
            "records_per_s": len(records) / seconds, "seconds": seconds,
            "ms_per_iter": statistics.median(r["ms_per_iter"] for r in records if r["ms_per_iter"])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--max-iters", type=int, default=400)
    parser.add_argument("--chunk", type=int, default=20, help="steps per turn of each side")
    parser.add_argument("--flood-iters", type=int, default=1500,
                        help="iterations of the flood phase (a tiny model, hundreds of records a second); 0 = skip")
    parser.add_argument("--gil-switch-ms", type=float,
                        help="the GIL switch interval while the GUI trains (default: the app's, 1 ms)")
    parser.add_argument("--no-probe", action="store_true",
                        help="no latency timer during the main run (its 100 wake-ups a second cost the trainer too)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-training-gui-"))
    os.environ["LM_ANATOMY_CACHE"] = str(scratch / "cache")
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(scratch / "settings"))

    import torch

    import gui.training.worker
    from core.corpus import read_corpus
    from core.tokenization.tokenizers import CharTokenizer
    from core.training.data import tokenize_corpus
    from gui.common.application import create_application
    from gui.shell.main_window import MainWindow

    if args.gil_switch_ms is not None:
        gui.training.worker.GIL_SWITCH_INTERVAL_S = args.gil_switch_ms / 1000
    create_application([])
    corpus = read_corpus(args.corpus)
    window = MainWindow()
    window.resize(1280, 860)
    window.session.set_corpus(corpus)
    window.tabs.setCurrentWidget(window.training_tab)
    window.show()
    controls = window.training_tab.controls
    window.training_tab._prepare()  # what showing the tab does, after the first paint
    controls.preset_combo.setCurrentIndex(controls.preset_combo.findData("cpu-quick"))
    controls.set_value("max_iters", args.max_iters)
    controls.set_value("warmup_iters", min(100, args.max_iters // 10))
    controls.device_combo.setCurrentIndex(controls.device_combo.findData("cpu"))
    assert not controls.problems, controls.problems
    from gui.common.workers import running_threads
    from gui.shell.self_check import wait_for

    # Other tabs react to the new corpus in their own threads (the Tokenization tab trains a BPE), and the
    # Training tab warms up torch's optimizer: let all of it finish, so that only training is measured.
    wait_for(lambda: not running_threads(), 300)
    tokenizer = CharTokenizer(sorted(set(corpus.read_text())))
    data = tokenize_corpus(corpus, tokenizer)  # the GUI's worker finds the same cached token file
    load_before = os.getloadavg()
    main_run = run_interleaved(window, controls.build_config(scratch / "headless"), data, tokenizer, scratch,
                               args.chunk, probe_on=not args.no_probe)
    print(json.dumps(main_run), flush=True)
    flood = None
    if args.flood_iters:
        for name, value in dict(n_layer=1, n_head=2, n_embd=32, block_size=32, batch_size=4, warmup_iters=10,
                                max_iters=args.flood_iters, eval_interval=args.flood_iters, eval_iters=5).items():
            controls.set_value(name, value)
        flood = run_flood(window, scratch)
        print("flood", json.dumps(flood), flush=True)
    window.close()

    summary = {"corpus": str(args.corpus), "max_iters": args.max_iters, "chunk": args.chunk,
               "cpu_count": os.cpu_count(), "load_average_before": load_before, "load_average_after": os.getloadavg(),
               "python": platform.python_version(), "torch": torch.__version__,
               "gil_switch_ms": 1000 * gui.training.worker.GIL_SWITCH_INTERVAL_S, "main": main_run, "flood": flood}
    goals = {"overhead <= 5% (median of chunk ratios)": main_run["overhead_median_of_chunk_ratios"] <= 0.05,
             "plot refresh >= 10 Hz": main_run["plot_refresh_hz"] >= 10}
    if not args.no_probe:
        goals.update({"lateness p99 <= 16 ms": main_run["lateness_p99_ms"] <= 16,
                      "lateness max <= 100 ms": main_run["lateness_max_ms"] <= 100})
    if flood:
        goals.update({"flood: lateness p99 <= 16 ms": flood["lateness_p99_ms"] <= 16,
                      "flood: lateness max <= 100 ms": flood["lateness_max_ms"] <= 100,
                      "flood: plot refresh >= 10 Hz": flood["plot_refresh_hz"] >= 10})
    summary["goals"] = goals
    for key, value in main_run.items():
        if not isinstance(value, list):
            print(f"{key:34s} {value:.4g}")
    print("GUI / headless ms/iter per chunk:", " ".join(f"{r:.2f}" for r in main_run["chunk_ratios"]))
    for key, value in (flood or {}).items():
        print(f"{'flood ' + key:34s} {value:.4g}")
    print(f"load average before / after: {load_before} / {os.getloadavg()}")
    for goal, met in goals.items():
        print(f"{'met   ' if met else 'MISSED'} {goal}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
