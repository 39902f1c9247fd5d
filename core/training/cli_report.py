"""What `lm-anatomy train` prints: the progress line on stderr and the final JSON summary's numbers.

`Progress` draws step, loss, tokens/s and ETA (one line redrawn with \\r on a terminal, plain lines
otherwise); `Summary` collects from the events as they pass what the last line reports.
"""

from __future__ import annotations

import argparse
import math
import time
from typing import Any, TextIO

PLAIN_LINE_SECONDS = 2.0  # at most one progress line this often when stderr is not a terminal
BAR_WIDTH = 24


# --------------------------------------------------------------------------- progress display


def format_duration(seconds: float) -> str:
    """75 -> "1m15s"; 3725 -> "1h02m"."""
    if not math.isfinite(seconds) or seconds < 0:
        return "?"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """Step, loss, tokens/s and ETA on stderr: one redrawn line on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO, show_samples: bool = False) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.show_samples = show_samples
        self.bar_shown = False
        self.last_plain = -math.inf
        self.started = time.perf_counter()
        self.start_step = 0

    def message(self, text: str) -> None:
        """A whole line (clears the progress bar first on a terminal)."""
        if self.tty and self.bar_shown:
            self.stream.write("\r\x1b[K")
            self.bar_shown = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def begin(self, started: Any) -> None:
        self.started, self.start_step = time.perf_counter(), started.start_step
        baseline = f"{started.baseline_loss:.4f}" if started.baseline_loss is not None else "n/a"
        self.message(
            f"{started.model_type}: {started.n_parameters:,} parameters on {started.device} ({started.dtype}), "
            f"vocabulary {started.vocab_size:,}, {started.tokens_per_iter:,} tokens/step, "
            f"steps {started.start_step}->{started.max_iters}")
        self.message(f"loss to beat: uniform {started.uniform_loss:.4f}, count bigram {baseline} (nats/token)")

    def step(self, record: Any) -> None:
        if record.train_loss is not None:
            done = record.step - self.start_step
            elapsed = time.perf_counter() - self.started
            eta = elapsed / done * (record.max_iters - record.step) if done > 0 else math.inf
            speed = f"{record.tokens_per_s:,.0f} tok/s" if record.tokens_per_s else "- tok/s"
            filled = round(BAR_WIDTH * record.step / max(1, record.max_iters))
            line = (f"step {record.step:>{len(str(record.max_iters))}}/{record.max_iters} "
                    f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] loss {record.train_loss:.4f} | "
                    f"{speed} | {record.ms_per_iter:.1f} ms/iter | ETA {format_duration(eta)}")
            if self.tty:
                self.stream.write("\r\x1b[K" + line)
                self.stream.flush()
                self.bar_shown = True
            elif time.perf_counter() - self.last_plain >= PLAIN_LINE_SECONDS or record.eval is not None:
                self.message(line)
                self.last_plain = time.perf_counter()
        if record.eval is not None:
            ev = record.eval
            best = " (best)" if ev.is_best else ""
            self.message(f"step {record.step}: train loss {ev.train_loss:.4f}, val loss {ev.val_loss:.4f}{best}")
            if self.show_samples and ev.sample:
                self.message("  sample: " + ev.sample.replace("\n", "\n          "))

    def finish(self) -> None:
        if self.tty and self.bar_shown:
            self.stream.write("\n")
            self.stream.flush()
            self.bar_shown = False


# --------------------------------------------------------------------------- result


class Summary:
    """Collects what the final JSON line reports, from the events as they pass."""

    def __init__(self) -> None:
        self.started: Any = None
        self.last_eval: Any = None
        self.last_eval_step: int | None = None
        self.last_train_loss: float | None = None
        self.train_ms = 0.0  # wall time of training steps only (evaluations excluded)
        self.timed_steps = 0
        self.fastest_ms: float | None = None  # quickest stretch between two records (load-free estimate)
        self.previous_step: int | None = None

    def add(self, event: Any) -> None:
        from core.training.events import StepRecord, TrainingResumed, TrainingStarted

        if isinstance(event, TrainingStarted):
            self.started, self.previous_step = event, event.start_step
        elif isinstance(event, TrainingResumed):
            self.previous_step = event.step
        elif isinstance(event, StepRecord):
            if event.ms_per_iter is not None and self.previous_step is not None:
                steps = event.step - self.previous_step
                self.train_ms += event.ms_per_iter * steps
                self.timed_steps += steps
                self.fastest_ms = min(self.fastest_ms or math.inf, event.ms_per_iter)
            self.previous_step = event.step
            if event.train_loss is not None:
                self.last_train_loss = event.train_loss
            if event.eval is not None:
                self.last_eval, self.last_eval_step = event.eval, event.step

    def result(self, finished: Any, wall_s: float, args: argparse.Namespace) -> dict[str, Any]:
        started = self.started
        ms = self.train_ms / self.timed_steps if self.timed_steps else None
        tokens_per_iter = started.tokens_per_iter if started else None
        out: dict[str, Any] = {
            "status": finished.status if finished else "stopped",
            "steps": finished.step if finished else 0,
            "max_iters": started.max_iters if started else None,
            "tokens": finished.tokens_seen if finished else 0,
            "train_loss": _round(self.last_eval.train_loss) if self.last_eval else None,
            "val_loss": _round(self.last_eval.val_loss) if self.last_eval else None,
            "eval_step": self.last_eval_step,
            "best_val_loss": _round(finished.best_val_loss) if finished else None,
            "last_step_loss": _round(self.last_train_loss),
            "baseline_loss": _round(started.baseline_loss) if started else None,
            "wall_s": round(wall_s, 3),
            "ms_per_iter": round(ms, 3) if ms else None,
            "ms_per_iter_min": round(self.fastest_ms, 3) if self.fastest_ms else None,
            "tokens_per_s": round(tokens_per_iter / ms * 1000, 1) if ms and tokens_per_iter else None,
            "device": started.device if started else None,
            "n_parameters": started.n_parameters if started else None,
            "vocab_size": started.vocab_size if started else None,
            "out": str(args.out),
            "best_checkpoint": str(finished.best_checkpoint) if finished and finished.best_checkpoint else None,
            "last_checkpoint": str(finished.last_checkpoint) if finished and finished.last_checkpoint else None,
        }
        if finished is not None and finished.error is not None:
            out["error"] = {"kind": finished.error.kind, "message": str(finished.error.message)}
        return out


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), digits)


def epoch_line(config: Any, n_train_tokens: int) -> str:
    """"One epoch (a pass over the 1,234 train tokens) = 12.3 steps; this run: 2,000 steps (162.6 epochs)"."""
    from core.training.epochs import epochs_done, steps_per_epoch, with_run_length

    steps = with_run_length(config, n_train_tokens).max_iters
    per_epoch = steps_per_epoch(n_train_tokens, config.tokens_per_iter)
    return (f"One epoch (a pass over the {n_train_tokens:,} train tokens) = {per_epoch:,.1f} steps; this run: "
            f"{steps:,} steps ({epochs_done(steps * config.tokens_per_iter, n_train_tokens):,.1f} epochs)")
