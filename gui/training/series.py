"""The data behind the loss plot: one `RunSeries` per training run, in plain Python (no widgets, no matplotlib).

A run's records (plain dicts from `gui.training.worker`) are kept whole, together with their
x values on each axis (steps, tokens seen, training time) and the debiased moving average of
the train loss, all grown as records arrive so that a plot tick never rebuilds them.
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import count, decimal

translate = QCoreApplication.translate

X_MODES = ("steps", "tokens", "time")
X_KEYS = {"steps": "step", "tokens": "tokens_seen", "time": "elapsed_s"}
DEFAULT_SMOOTHING = 0.6
CSV_COLUMNS = ("run", "step", "tokens_seen", "elapsed_s", "lr", "train_loss", "train_loss_smoothed", "val_loss",
               "eval_train_loss")


def debiased_ema(values: list[float], smoothing: float) -> list[float]:
    """TensorBoard's smoothing: an EMA started at 0, divided by 1 - smoothing**n to remove the bias."""
    out, ema = [], 0.0
    for n, value in enumerate(values, start=1):
        ema = smoothing * ema + (1 - smoothing) * value
        out.append(ema / (1 - smoothing**n) if smoothing > 0 else value)
    return out


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def run_label(number: int) -> str:
    """ "run 3" in the current language."""
    return translate("TrainingTab", "run {n}").format(n=number)


class RunSeries:
    """The records of one run (the tab's `number`-th), with x values for every axis mode."""

    def __init__(self, number: int, max_iters: int, tokens_per_iter: int, baseline: float | None) -> None:
        self.number, self.max_iters, self.tokens_per_iter, self.baseline = number, max_iters, tokens_per_iter, baseline
        self.rows: list[dict[str, Any]] = []  # every record, for the CSV
        self.train: list[dict[str, Any]] = []  # records with a train loss
        self.val: list[dict[str, Any]] = []  # records with an evaluation
        self.best: dict[str, Any] | None = None
        self.uniform: float | None = None  # ln(vocabulary): the loss of a uniform guess
        self.smoothed: list[float] = []
        self.train_y: list[float] = []
        self.val_y: list[float] = []
        # x values per (series, axis mode), grown as records arrive so a tick never rebuilds them
        self._x: dict[tuple[str, str], list[float]] = {(which, mode): [] for which in ("rows", "train", "val")
                                                       for mode in X_MODES}
        self._ema, self._smoothing = 0.0, DEFAULT_SMOOTHING

    @property
    def label(self) -> str:
        """ "run 3", in the current language (made when asked, so it follows a language change)."""
        return run_label(self.number)

    def _append_x(self, which: str, record: dict[str, Any]) -> None:
        for mode, key in X_KEYS.items():
            self._x[which, mode].append(record[key])

    def add(self, record: dict[str, Any]) -> None:
        self.rows.append(record)
        self._append_x("rows", record)
        if record.get("train_loss") is not None:
            self.train.append(record)
            self._append_x("train", record)
            value, s = record["train_loss"], self._smoothing
            self.train_y.append(value)
            self._ema = s * self._ema + (1 - s) * value
            self.smoothed.append(self._ema / (1 - s ** len(self.train)) if s > 0 else value)
        if record.get("eval") is not None:
            self.val.append(record)
            self._append_x("val", record)
            self.val_y.append(record["eval"]["val_loss"])
            if self.best is None or record["eval"]["val_loss"] < self.best["eval"]["val_loss"]:
                self.best = record

    def set_smoothing(self, smoothing: float) -> None:
        self._smoothing = smoothing
        self.smoothed = debiased_ema(self.train_y, smoothing)
        self._ema = self.smoothed[-1] * (1 - smoothing ** len(self.train)) if self.train and smoothing > 0 else 0.0

    def x(self, which: str, mode: str) -> list[float]:
        """x values of "rows" (every record), "train" or "val" for an axis mode (the list itself: do not change)."""
        return self._x[which, mode]

    def x_extent(self, mode: str) -> float:
        """Where the run ends (or is planned to end) on the x axis."""
        if mode == "steps":
            return self.max_iters
        if mode == "tokens":
            return self.max_iters * self.tokens_per_iter
        return self.rows[-1]["elapsed_s"] if self.rows else 0.0

    def nearest(self, which: str, mode: str, x: float) -> int | None:
        """Index of the record of series `which` nearest to x (x values grow with the index)."""
        xs = self._x[which, mode]
        if not xs:
            return None
        i = bisect_left(xs, x)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(xs)]
        return min(candidates, key=lambda j: abs(xs[j] - x))


def readout_text(run: RunSeries | None, previous: list[RunSeries], mode: str, x: float) -> str:
    """Every series' value nearest to x on the `mode` axis, as one line (the plot's hover readout)."""
    parts = []
    if run is not None and run.rows:
        row = run.rows[run.nearest("rows", mode, x)]
        parts.append(translate("TrainingTab", "step {step} · {tokens} tokens · {time}").format(
            step=count(row["step"]), tokens=count(row["tokens_seen"]), time=format_seconds(row["elapsed_s"])))
        j = run.nearest("train", mode, x)
        if j is not None:
            parts.append(translate("TrainingTab", "train {raw} (smoothed {smooth})").format(
                raw=decimal(run.train_y[j], 3), smooth=decimal(run.smoothed[j], 3)))
        k = run.nearest("val", mode, x)
        if k is not None:
            parts.append(translate("TrainingTab", "val {loss} at step {step}").format(
                loss=decimal(run.val_y[k], 3), step=count(run.val[k]["step"])))
        if run.best is not None:
            parts.append(translate("TrainingTab", "best val {loss} at step {step}").format(
                loss=decimal(run.best["eval"]["val_loss"], 3), step=count(run.best["step"])))
        if run.baseline is not None:
            parts.append(translate("TrainingTab", "baseline {loss}").format(loss=decimal(run.baseline, 3)))
    for old in previous:
        j = old.nearest("train", mode, x)
        if j is not None:
            parts.append(f"{old.label}: {decimal(old.smoothed[j], 3)}")
    return " | ".join(parts)


def loss_table(runs: list[RunSeries]) -> tuple[tuple[str, ...], list[list[Any]]]:
    """(CSV_COLUMNS, rows): one row per record of each run, with the smoothed train loss at the run's
    current smoothing; numbers as Python writes them (a file for programs, not in the user's language)."""
    rows = []
    for run in runs:
        smoothed = dict(zip((id(r) for r in run.train), run.smoothed))
        for r in run.rows:
            evaluation = r.get("eval") or {}
            rows.append([run.label, r["step"], r["tokens_seen"], _cell(r["elapsed_s"]), _cell(r["lr"]),
                         _cell(r.get("train_loss")), _cell(smoothed.get(id(r))), _cell(evaluation.get("val_loss")),
                         _cell(evaluation.get("train_loss"))])
    return CSV_COLUMNS, rows


def write_csv(runs: list[RunSeries], path: str | Path) -> Path:
    """`loss_table(runs)` as a CSV file."""
    header, rows = loss_table(runs)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return Path(path)


def _cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))
