"""What the training loop yields, and how another thread steers it.

The records (`TrainingStarted`, `StepRecord` with its `EvalResult`, `TrainingPaused`,
`TrainingResumed`, `TrainingFinished` with a `TrainingError`) hold plain values only;
`TrainingControl` holds the thread-safe pause/resume/stop flags the loop checks each iteration.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.messages import Message


@dataclass
class TrainingError:
    """Why a run could not start or had to stop.

    kind: "invalid-config", "corpus-too-short", "nan", "out-of-memory", "checkpoint", "device" or
    "unexpected". `message` is for the user (`str()` is English, the GUI translates it); `details`
    holds a traceback for bug reports.
    """

    kind: str
    message: Message
    details: str = ""


@dataclass
class TrainingStarted:
    """First event of a run: what is being trained, where, and the baseline loss to beat."""

    model_type: str
    n_parameters: int
    device: str
    dtype: str
    start_step: int
    max_iters: int
    tokens_per_iter: int
    vocab_size: int
    baseline_loss: float | None  # count-based bigram/unigram val loss, nats/token
    uniform_loss: float  # ln(vocab_size): the loss of guessing uniformly
    peak_flops: float | None  # per-second bf16 dense peak of the GPU, None if unknown
    model_config: dict[str, Any] = field(default_factory=dict)
    flops_per_token: int | None = None  # training FLOPs (forward + backward) per token


@dataclass
class EvalResult:
    """One evaluation: mean losses (nats/token) over eval_iters batches, a sample, checkpoints written."""

    train_loss: float
    val_loss: float
    sample: str | None
    is_best: bool
    best_checkpoint: Path | None = None
    last_checkpoint: Path | None = None


@dataclass
class StepRecord:
    """Progress after optimizer step `step` (step 0 = before training, carrying only the eval)."""

    step: int
    max_iters: int
    tokens_seen: int
    lr: float
    train_loss: float | None = None  # mean loss of this step's batches, nats/token
    ms_per_iter: float | None = None  # wall time per step, averaged since the previous record
    tokens_per_s: float | None = None  # bias-corrected EMA of training throughput
    mfu: float | None = None  # model FLOPs utilisation, 0..1, CUDA with a known peak only
    flops_per_s: float | None = None  # achieved training FLOP/s (flops_per_token * tokens_per_s), any device
    eval: EvalResult | None = None


@dataclass
class TrainingPaused:
    """The loop is paused after step `step` and waits for resume() or stop()."""

    step: int


@dataclass
class TrainingResumed:
    """The loop continues after a pause."""

    step: int


@dataclass
class TrainingFinished:
    """Always the last event. status: "completed", "stopped" or "failed" (then `error` is set)."""

    status: str
    step: int
    tokens_seen: int
    best_val_loss: float | None
    best_checkpoint: Path | None
    last_checkpoint: Path | None
    elapsed_s: float
    error: TrainingError | None = None


TrainingEvent = TrainingStarted | StepRecord | TrainingPaused | TrainingResumed | TrainingFinished


class TrainingControl:
    """Thread-safe pause/resume/stop flags, checked by the loop once per iteration."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        """Pause after the current iteration."""
        self._running.clear()

    def resume(self) -> None:
        """Continue a paused run."""
        self._running.set()

    def stop(self) -> None:
        """Stop after the current iteration (a paused run stops at once)."""
        self._stop.set()
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        return not self._running.is_set() and not self._stop.is_set()

    def wait_while_paused(self, poll_s: float = 0.1) -> None:
        """Block until resume() or stop() is called."""
        while not self._running.wait(poll_s):
            pass
