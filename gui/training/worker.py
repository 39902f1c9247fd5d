"""The Qt adapter around `core.training.loop.train`: one run in a `TaskThread`, drained into signals.

The worker thread does all the slow work: it builds the tokenizer (characters, or a byte-level
BPE trained on the corpus), tokenizes the corpus into the cached token file, then iterates the
core generator. Each event becomes a dict of plain numbers and strings and goes onto a deque.
A QTimer on the GUI thread drains the deque DRAIN_HZ times a second and emits one signal per
kind of event, so a fast CPU run (a record every step) cannot flood the event loop.

Pause, resume and stop go straight to the core's thread-safe `TrainingControl`; `shutdown()`
stops the run and joins the thread (the window closes or the app quits).
"""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal

from core.messages import Message
from gui.common.workers import TaskCancelled, TaskContext, TaskThread

DRAIN_HZ = 15
# While a run trains, Python switches threads every 1 ms instead of 5: the GUI thread then waits at most
# about 1 ms for the GIL when the trainer runs Python (sampling, small models). Restored after the run.
GIL_SWITCH_INTERVAL_S = 0.001
STOP_JOIN_MS = 15_000  # a stop lands within one iteration; saving the last checkpoint may take a moment


@dataclass
class RunRequest:
    """Everything one run needs. `config` is a core.training.config.TrainingConfig with out_dir set."""

    config: Any
    corpus: Any  # core.corpus.Corpus
    tokenizer_kind: str = "char"  # "char", "bpe", or "model" (fine-tuning: `tokenizer` is the model's)
    vocab_size: int = 1000  # BPE only
    tokenizer: Any = None
    cache_root: str | None = None  # token-file cache; None = core.training.data.cache_dir()


class _RunClock:
    """Seconds of training so far, not counting pauses (the plot's "elapsed time" axis)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.paused_at: float | None = None
        self.paused_total = 0.0

    def pause(self) -> None:
        self.paused_at = time.perf_counter()

    def resume(self) -> None:
        if self.paused_at is not None:
            self.paused_total += time.perf_counter() - self.paused_at
            self.paused_at = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.start - self.paused_total


def _path_text(path: Any) -> str | None:
    return None if path is None else str(path)


def _gpu_memory(device: str) -> int | None:
    """Bytes allocated by torch on a CUDA device, else None."""
    if not device.startswith("cuda"):
        return None
    import torch

    if not torch.cuda.is_available():
        return None
    return int(torch.cuda.memory_allocated(torch.device(device)))


def plain_event(event: Any, clock: _RunClock, device: str) -> tuple[str, Any]:
    """(kind, payload) for a core training event; payloads hold only numbers, strings, None and (immutable)
    core Messages."""
    from core.training.events import StepRecord, TrainingFinished, TrainingPaused, TrainingResumed, TrainingStarted

    if isinstance(event, StepRecord):
        result = event.eval
        evaluation = None if result is None else {
            "train_loss": result.train_loss, "val_loss": result.val_loss, "sample": result.sample,
            "is_best": result.is_best, "best_checkpoint": _path_text(result.best_checkpoint)}
        return "step", {
            "step": event.step, "max_iters": event.max_iters, "tokens_seen": event.tokens_seen, "lr": event.lr,
            "train_loss": event.train_loss, "ms_per_iter": event.ms_per_iter, "tokens_per_s": event.tokens_per_s,
            "mfu": event.mfu, "flops_per_s": event.flops_per_s, "elapsed_s": clock.elapsed(),
            "gpu_memory_bytes": _gpu_memory(device),
            "eval": evaluation}
    if isinstance(event, TrainingStarted):
        return "started", {
            "model_type": event.model_type, "n_parameters": event.n_parameters, "device": event.device,
            "dtype": event.dtype, "start_step": event.start_step, "max_iters": event.max_iters,
            "tokens_per_iter": event.tokens_per_iter, "vocab_size": event.vocab_size,
            "baseline_loss": event.baseline_loss, "uniform_loss": event.uniform_loss,
            "has_peak_flops": event.peak_flops is not None, "flops_per_token": event.flops_per_token}
    if isinstance(event, TrainingPaused):
        return "paused", event.step
    if isinstance(event, TrainingResumed):
        return "resumed", event.step
    if isinstance(event, TrainingFinished):
        return "finished", finished_payload(
            event.status, event.step, event.tokens_seen, event.best_val_loss, _path_text(event.best_checkpoint),
            _path_text(event.last_checkpoint), event.elapsed_s, event.error.kind if event.error else None,
            event.error.message if event.error else None)
    raise TypeError(f"unknown training event {event!r}")


def finished_payload(status: str, step: int = 0, tokens_seen: int = 0, best_val_loss: float | None = None,
                     best_checkpoint: str | None = None, last_checkpoint: str | None = None,
                     elapsed_s: float = 0.0, error_kind: str | None = None, error_message: Message | None = None
                     ) -> dict[str, Any]:
    """The `finished` signal's dict; `error_message` is a core Message (the tab shows it with `localized`)."""
    return {"status": status, "step": step, "tokens_seen": tokens_seen, "best_val_loss": best_val_loss,
            "best_checkpoint": best_checkpoint, "last_checkpoint": last_checkpoint, "elapsed_s": elapsed_s,
            "error_kind": error_kind, "error_message": error_message}


def _classify_preparation_error(error: Exception) -> tuple[str, Message]:
    """(kind, message) for a failure while building the tokenizer or the token file."""
    from core.tokenization.base import TokenizationError
    from core.training.data import CorpusTooShortError
    from core.training.errors import reason_of

    if isinstance(error, CorpusTooShortError):
        return "corpus-too-short", reason_of(error)
    if isinstance(error, TokenizationError):
        return "tokenizer", reason_of(error)
    if isinstance(error, OSError):
        return "checkpoint", Message(QT_TRANSLATE_NOOP("TrainingTab", "Could not write the token file: {reason}"),
                                     {"reason": str(error)}, context="TrainingTab")
    return "unexpected", unexpected_error(QT_TRANSLATE_NOOP("TrainingTab", "Preparing the data failed: {kind}: "
                                                                           "{reason}"), error)


def unexpected_error(template: str, error: BaseException) -> Message:
    """A Message (context "TrainingTab") naming the exception's type and what it says."""
    from core.training.errors import reason_of

    return Message(template, {"kind": type(error).__name__, "reason": reason_of(error)}, context="TrainingTab")


def new_run_folder(root: Path) -> Path:
    """A new, empty folder for a run under `root`, named by the date and time (`2026-12-05_10-55-59`)."""
    stamp = time.strftime("%Y-%m-%d_%H-%M-%S")
    folder, n = root / stamp, 1
    while folder.exists():
        n += 1
        folder = root / f"{stamp}_{n}"
    folder.mkdir(parents=True)
    return folder


class TrainingWorker(QObject):
    """Runs one training at a time off the GUI thread and reports through signals.

    preparing(str, float): stage ("libraries", "tokenizer" or "tokens") and fraction done, -1 when unknown.
    tokenized(dict): n_tokens, vocab_size, from_cache, tokenizer (a short description).
    started(dict), records(list of step dicts), paused(int), resumed(int), finished(dict):
    the core's events as plain dicts (see `plain_event`); `finished` is always the last signal,
    emitted once the thread has ended.
    """

    preparing = Signal(str, float)
    tokenized = Signal(dict)
    started = Signal(dict)
    records = Signal(list)
    paused = Signal(int)
    resumed = Signal(int)
    finished = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque = deque()
        self._progress: tuple[str, float] | None = None  # latest preparation progress (overwritten)
        self._task: TaskThread | None = None
        self._control: Any = None
        self._final: dict[str, Any] | None = None  # the TrainingFinished payload, emitted after the join
        self._warm_up: TaskThread | None = None
        self._shut_down = False  # after shutdown() no new thread starts (a queued warm-up comes too late)
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // DRAIN_HZ)
        self._timer.timeout.connect(self.drain)
        self.drain_count = 0  # how many drains delivered something (the benchmark reads it)
        self._saved_switch_interval = sys.getswitchinterval()

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def task(self) -> TaskThread | None:
        """The running thread, or None."""
        return self._task

    def start(self, request: RunRequest) -> None:
        """Start a run; only one at a time."""
        if self._task is not None:
            raise RuntimeError("a training run is already in progress")
        from core.training.events import TrainingControl

        self._queue, self._progress, self._final = deque(), None, None
        self._control = TrainingControl()
        queue, control = self._queue, self._control
        task = TaskThread(lambda context: self._job(request, control, queue, context), name="training", parent=self)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_thread_finished)
        task.loading_libraries.connect(lambda: self.preparing.emit("libraries", -1.0))  # waits for another job
        self._task = task
        self._saved_switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(GIL_SWITCH_INTERVAL_S, self._saved_switch_interval))
        self._timer.start()
        task.start()

    def pause(self) -> None:
        if self._control is not None:
            self._control.pause()

    def resume(self) -> None:
        if self._control is not None:
            self._control.resume()

    def stop(self) -> None:
        """Ask the run to stop after the current iteration (or the current preparation chunk)."""
        if self._control is not None:
            self._control.stop()
        if self._task is not None:
            self._task.request_stop()

    def warm_up(self) -> None:
        """Build a throwaway optimizer in the background: the first AdamW of a process imports torch._dynamo,
        a second or more of Python that would otherwise stall the GUI (the GIL) just after the first Start."""
        if self._warm_up is not None or self._shut_down:
            return

        def job(_context: TaskContext) -> None:
            import torch

            torch.optim.AdamW([torch.zeros(1, requires_grad=True)])

        # No Qt parent: the Python object owns the thread, so it can never outlive its C++ side.
        self._warm_up = TaskThread(job, name="training-warm-up")
        self._warm_up.start()

    def shutdown(self, timeout_ms: int = STOP_JOIN_MS) -> None:
        """Stop the run and join its thread (window closing, app quitting)."""
        self._shut_down = True
        if self._warm_up is not None:
            self._warm_up.wait()
        if self._task is None:
            return
        self.stop()
        self._task.wait(timeout_ms)
        self._on_thread_finished()

    # --- the worker thread -----------------------------------------------------------------
    def _job(self, request: RunRequest, control: Any, queue: deque, context: TaskContext) -> None:
        from core.training.loop import train
        from core.training.setup import configure_torch_threads

        configure_torch_threads(gui_running=True)  # torch's pool is per thread: set it here, where it runs
        try:
            tokenizer = self._build_tokenizer(request, context)
            data = self._tokenize(request, tokenizer, context)
        except TaskCancelled:
            queue.append(("finished", finished_payload("stopped")))
            return
        except Exception as error:  # noqa: BLE001 - shown to the user, the thread ends cleanly
            kind, message = _classify_preparation_error(error)
            queue.append(("finished", finished_payload("failed", error_kind=kind, error_message=message)))
            return
        queue.append(("tokenized", {"n_tokens": data.n_tokens, "vocab_size": data.vocab_size,
                                    "from_cache": data.from_cache, "tokenizer": getattr(tokenizer, "name", ""),
                                    "n_train_tokens": data.split_index, "n_records": data.n_records,
                                    "n_val_records": data.n_val_records}))
        clock, device = _RunClock(), "cpu"
        for event in train(request.config, data, tokenizer, control):
            kind, payload = plain_event(event, clock, device)
            if kind == "started":
                device, clock = payload["device"], _RunClock()
            elif kind == "paused":
                clock.pause()
            elif kind == "resumed":
                clock.resume()
            queue.append((kind, payload))

    def _build_tokenizer(self, request: RunRequest, context: TaskContext) -> Any:
        from gui.training.preparation import build_tokenizer

        return build_tokenizer(request.tokenizer_kind, request.corpus, request.vocab_size, request.tokenizer,
                               context.check, self._report)

    def _tokenize(self, request: RunRequest, tokenizer: Any, context: TaskContext) -> Any:
        from gui.training.preparation import token_data

        return token_data(request.corpus, tokenizer, request.config, context.check, self._report,
                          cache_root=request.cache_root)

    def _report(self, stage: str, fraction: float) -> None:
        self._progress = (stage, fraction)

    # --- the GUI thread ---------------------------------------------------------------------
    def drain(self) -> None:
        """Emit everything queued since the last drain; consecutive step records go out as one list."""
        progress, self._progress = self._progress, None
        if progress is not None:
            self.preparing.emit(*progress)
        steps: list[dict] = []
        delivered = progress is not None
        while self._queue:
            kind, payload = self._queue.popleft()
            delivered = True
            if kind == "step":
                steps.append(payload)
                continue
            if steps:
                self.records.emit(steps)
                steps = []
            if kind == "finished":  # held back until the thread has ended, so a new run can start at once
                self._final = payload
                continue
            getattr(self, kind).emit(payload)
        if steps:
            self.records.emit(steps)
        if delivered:
            self.drain_count += 1

    def _on_failed(self, error: Exception, details: str) -> None:
        self._queue.append(("finished", finished_payload(
            "failed", error_kind="unexpected",
            error_message=unexpected_error(QT_TRANSLATE_NOOP("TrainingTab", "Training failed: {kind}: {reason}"),
                                           error))))

    def _on_thread_finished(self) -> None:
        task = self._task
        if task is None:
            return
        task.wait()
        self._task, self._control = None, None
        sys.setswitchinterval(self._saved_switch_interval)
        self._timer.stop()
        self._progress = None
        self.drain()
        final, self._final = self._final, None
        task.deleteLater()
        self.finished.emit(final or finished_payload("stopped"))  # no TrainingFinished cannot happen; never hang


def best_or_last(finished: dict[str, Any]) -> Path | None:
    """The checkpoint "Use this model" loads: the best one, else the last one, if it exists."""
    for key in ("best_checkpoint", "last_checkpoint"):
        if finished.get(key) and Path(finished[key]).is_dir():
            return Path(finished[key])
    return None
