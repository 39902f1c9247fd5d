"""The live loss plot of the Training tab.

Lines of the current run: the train loss of every record (faint), its debiased exponential
moving average (the smoothing slider, default 0.6), the val loss at each evaluation, the best
val loss, and the dashed count-based baseline. Earlier runs stay overlaid, dotted, until cleared.

Every record is plotted: nothing is downsampled. A tick only draws the new segments onto a saved
picture of the curves (`gui.training.painter`), a millisecond or two. A full redraw happens
when Start is pressed, an option changes, or the data leave the axis limits, which are anchored
so that this stays rare.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from gui.common.locale_numbers import decimal
from gui.common.plot_canvas import LazyPlot
from gui.common.tab_header import set_plot_name
from gui.training.painter import CurvePainter, blend, fixed_margins, style_x_axis, style_y_axis
from gui.training.series import DEFAULT_SMOOTHING, X_KEYS, X_MODES, RunSeries, loss_table, readout_text, write_csv

translate = QCoreApplication.translate

# Okabe-Ito colours (colour-blind safe); line styles and markers tell the series apart too.
TRAIN_COLOR, VAL_COLOR, BEST_COLOR = "#0072B2", "#D55E00", "#009E73"
TRAIN_COLOR_DARK = "#56B4E9"
PREVIOUS_SYMBOLS = ("┈┈■", "─·─■", "╌╌■", "····■")  # the legend's picture of each style below
PREVIOUS_STYLES = (("#CC79A7", ":"), ("#E69F00", "-."), ("#56B4E9", (0, (5, 2))), ("#999999", (0, (1, 1))))


class LossPlot(LazyPlot):
    """The loss figure; `hovered(str)` carries the readout of every series under the cursor."""

    hovered = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(translate("TrainingTab", "Loss curve"), parent, min_height=220)
        self.setObjectName("trainLossPlot")
        self.current: RunSeries | None = None
        self.previous: list[RunSeries] = []
        self.x_mode, self.smoothing, self.log_y = "steps", DEFAULT_SMOOTHING, False
        self.axes: Any = None
        self.train_line = self.smooth_line = self.val_line = self.best_line = self.cursor = None
        self.baseline_line: Any = None
        self._previous_lines: list[tuple[Any, Any]] = []
        self.legend = QLabel()
        self.legend.setObjectName("trainLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self._layout.insertWidget(0, self.legend)
        self.legend_entries: list[str] = []
        self.painter: CurvePainter | None = None
        self._dirty = False  # something changed while hidden: redraw when shown
        self.hover_x: float | None = None  # where the cursor last was on the x axis (data units)

    # --- building ---------------------------------------------------------------------------
    def prepare(self) -> None:
        """Create the figure and empty axes now (imports matplotlib), so that Start does not wait for it."""
        self._ensure_axes()

    def _ensure_axes(self) -> None:
        if self.axes is not None:
            return
        figure = self.figure()
        figure.set_layout_engine("none")  # fixed margins: constrained layout would double every full redraw
        self.axes = axes = figure.add_subplot()
        # The raw line is faint by colour, not by alpha: its segments are drawn tick by tick (see blit), and
        # translucent segments would darken where they join.
        self.train_line, = axes.plot([], [], lw=0.8)
        self.smooth_line, = axes.plot([], [], lw=2.0)
        self.val_line, = axes.plot([], [], "o-", color=VAL_COLOR, lw=1.0, ms=5)
        self.best_line, = axes.plot([], [], "*", color=BEST_COLOR, ms=16, mec="black", mew=0.6)
        self.baseline_line = axes.axhline(0.0, ls="--", lw=1.2)
        self.baseline_line.set_visible(False)
        self.cursor = axes.axvline(0, lw=0.8, alpha=0.6, visible=False)
        for artist in self._growing():
            artist.set_animated(True)  # left out of full draws: the painter draws them
        self.painter = CurvePainter(self)
        self.placeholder = axes.text(0.5, 0.5, "", transform=axes.transAxes, ha="center", va="center")
        self._label_axes()
        axes.grid(True, alpha=0.25)
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        self.canvas.mpl_connect("draw_event", self.painter.on_draw)
        self.canvas.mpl_connect("resize_event", lambda _event: self._apply_margins())
        self._apply_margins()
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("axes_leave_event", self._on_leave)
        self._apply_x_mode()
        self.apply_palette()

    def legend_names(self) -> dict[str, str]:
        """The series' names in the current language."""
        return {"train": translate("TrainingTab", "train (raw, faint)"),
                "smoothed": translate("TrainingTab", "train (smoothed)"), "val": translate("TrainingTab", "val"),
                "best": translate("TrainingTab", "best val"),
                "baseline": translate("TrainingTab", "bigram baseline (counts)")}

    def previous_label(self, run: RunSeries) -> str:
        """An earlier run's legend entry: "run 1 (best val 1.234)"."""
        best = min(run.val_y, default=None)
        if best is None:
            return run.label
        return translate("TrainingTab", "{run} (best val {loss})").format(run=run.label, loss=decimal(best, 3))

    def _label_axes(self) -> None:
        """Every text of the figure and the legend, in the current language."""
        names = self.legend_names()
        for line, key in ((self.train_line, "train"), (self.smooth_line, "smoothed"), (self.val_line, "val"),
                          (self.best_line, "best"), (self.baseline_line, "baseline")):
            line.set_label(names[key])
        for run, (smooth, _val) in zip(self.previous, self._previous_lines):
            smooth.set_label(self.previous_label(run))
        self.placeholder.set_text(translate("TrainingTab", "Press Start: the loss appears here as the model trains."))
        self.axes.set_ylabel(translate("TrainingTab", "loss (nats per token)"))
        self._apply_x_mode()

    def retranslate_ui(self) -> None:
        """After a language change: the accessible name, the figure's texts and the legend (one full redraw)."""
        set_plot_name(self, translate("TrainingTab", "Loss curve"))
        if self.axes is None:
            return
        self._label_axes()
        self._update_legend()
        self.request_draw()

    def _apply_margins(self) -> None:
        fixed_margins(self.figure(), self.axes)

    def _growing(self) -> list[Any]:
        """The artists that change during a run (the painter draws them, full draws leave them out)."""
        return [self.baseline_line, self.train_line, self.smooth_line, self.val_line, self.best_line, self.cursor]

    def apply_palette(self) -> None:
        super().apply_palette()
        if self.axes is None:
            return
        background, foreground = self.colors()
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        color = TRAIN_COLOR_DARK if dark else TRAIN_COLOR
        faint = blend(color, background, 0.4)
        for line, line_color in zip((self.train_line, self.smooth_line, *self.painter.pens[:2]), (faint, color) * 2):
            line.set_color(line_color)
        self.baseline_line.set_color(foreground)
        self.cursor.set_color(foreground)
        self.placeholder.set_color(foreground)
        self.axes.grid(True, alpha=0.25, color=foreground)
        self._update_legend()

    def _update_legend(self) -> None:
        """The legend, as a Qt label above the canvas (a matplotlib legend would slow every full redraw)."""
        background, foreground = self.colors()
        names = self.legend_names()
        entries = [(self.train_line.get_color(), "──", names["train"]),
                   (self.smooth_line.get_color(), "━━", names["smoothed"]),
                   (VAL_COLOR, "─●─", names["val"]), (BEST_COLOR, "★", names["best"])]
        if self.baseline_line.get_visible():
            entries.append((foreground, "– –", self.baseline_line.get_label()))
        for i, (_smooth, _val) in enumerate(self._previous_lines):
            color, _style = PREVIOUS_STYLES[i % len(PREVIOUS_STYLES)]
            entries.append((color, PREVIOUS_SYMBOLS[i % len(PREVIOUS_SYMBOLS)], _smooth.get_label()))
        self.legend_entries = [label for _color, _symbol, label in entries]
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(
            f'<span style="color:{color}"><b>{html.escape(symbol)}</b></span>&nbsp;{html.escape(label)}'
            for color, symbol, label in entries))

    # --- runs -------------------------------------------------------------------------------
    def begin_run(self, number: int, max_iters: int, tokens_per_iter: int, uniform: float | None) -> None:
        """Make room for a new run when Start is pressed: the current run (if any) joins the earlier runs, and
        the axes are laid out (one full redraw) while the worker prepares the data, not once it trains."""
        self._ensure_axes()
        if self.current is not None and self.current.rows:
            self._keep_as_previous(self.current)
        self.placeholder.set_visible(False)
        self.current = RunSeries(number, max_iters, tokens_per_iter, None)
        self.current.uniform = uniform
        self.current.set_smoothing(self.smoothing)
        self.baseline_line.set_visible(False)
        self._update_lines()
        self._update_legend()
        self._fit_limits(force=True)

    def set_started(self, max_iters: int, tokens_per_iter: int, uniform: float, baseline: float | None) -> None:
        """The run's real figures (TrainingStarted): a blit, unless they moved the limits."""
        run = self.current
        run.max_iters, run.tokens_per_iter, run.uniform, run.baseline = max_iters, tokens_per_iter, uniform, baseline
        self.baseline_line.set_visible(baseline is not None)
        self.baseline_line.set_ydata([baseline, baseline] if baseline is not None else [math.nan, math.nan])
        self._update_legend()
        if not self._fit_limits():
            self.blit()

    def _keep_as_previous(self, run: RunSeries) -> None:
        self.previous.append(run)
        color, style = PREVIOUS_STYLES[(len(self.previous) - 1) % len(PREVIOUS_STYLES)]
        smooth, = self.axes.plot([], [], color=color, ls=style, lw=1.6, label=self.previous_label(run), zorder=1)
        val, = self.axes.plot([], [], "s", color=color, ms=4, zorder=1)
        self._previous_lines.append((smooth, val))

    def clear_previous(self) -> None:
        """Remove the earlier runs from the plot (the current run stays)."""
        for smooth, val in self._previous_lines:
            smooth.remove()
            val.remove()
        self._previous_lines.clear()
        self.previous.clear()
        if self.axes is not None:
            self._update_legend()
            self._fit_limits(force=True)

    def add_records(self, records: list[dict[str, Any]]) -> None:
        """Append step records (plain dicts from the worker) and refresh the plot."""
        if self.current is None or not records:
            return
        for record in records:
            self.current.add(record)
        self._update_lines(previous=False)
        self.refresh(records)

    # --- options ----------------------------------------------------------------------------
    def set_x_mode(self, mode: str) -> None:
        if mode not in X_MODES:
            raise ValueError(f"x mode must be one of {X_MODES}")
        self.x_mode = mode
        if self.axes is not None:
            self._apply_x_mode()
            self._update_lines()
            self._fit_limits(force=True)

    def set_smoothing(self, smoothing: float) -> None:
        self.smoothing = smoothing
        for run in [*self.previous, *([self.current] if self.current else [])]:
            run.set_smoothing(smoothing)
        if self.axes is not None:
            self._update_lines()
            self.request_draw()

    def set_log_y(self, on: bool) -> None:
        self.log_y = on
        if self.axes is not None:
            style_y_axis(self.axes, on)
            self._fit_limits(force=True)

    def _apply_x_mode(self) -> None:
        style_x_axis(self.axes, self.x_mode)

    # --- drawing ----------------------------------------------------------------------------
    def _update_lines(self, previous: bool = True) -> None:
        mode, run = self.x_mode, self.current
        if run is not None:
            x = run.x("train", mode)
            self.train_line.set_data(x, run.train_y)
            self.smooth_line.set_data(x, run.smoothed)
            self.val_line.set_data(run.x("val", mode), run.val_y)
            best = [run.best] if run.best else []
            self.best_line.set_data([r[X_KEYS[mode]] for r in best], [r["eval"]["val_loss"] for r in best])
        if previous:
            for old, (smooth, val) in zip(self.previous, self._previous_lines):
                smooth.set_data(old.x("train", mode), old.smoothed)
                val.set_data(old.x("val", mode), old.val_y)

    def _fit_limits(self, force: bool = False) -> bool:
        """Limits holding every series, anchored at 1.05 x and 0.3 x the uniform-guess loss (training starts at
        about the first and rarely gets below the second), so the data seldom leaves them. Redraws in full when
        they change (or `force`); returns whether it did."""
        runs = [*self.previous, *([self.current] if self.current else [])]
        ys = [v for run in runs for v in (*run.train_y, *run.val_y) if math.isfinite(v) and v > 0]
        uniform = self.current.uniform if self.current is not None else None
        (x0, x1), (y0, y1) = self.axes.get_xlim(), self.axes.get_ylim()
        if ys or uniform:
            anchors = [0.3 * uniform, 1.05 * uniform] if uniform else []
            low, high = min(ys + anchors), max(ys + anchors)
            span = max(high - low, 0.05)
            below = bool(ys) and min(ys) < min(anchors, default=math.inf)  # the data went under the anchor
            if self.log_y:
                y0, y1 = low / (1.3 if below else 1.02), high * 1.05
            else:
                y0, y1 = max(0.0, low - (0.3 if below else 0.02) * span), high + 0.02 * span
        if runs:
            x_end = max(r.x_extent(self.x_mode) for r in runs)
            x0, x1 = 0, max(1.02 * (max(10.0, 1.5 * x_end) if self.x_mode == "time" else x_end), 1e-9)
        old = (*self.axes.get_xlim(), *self.axes.get_ylim())
        if not force and all(abs(a - b) <= 0.01 * abs(b) for a, b in zip((x0, x1, y0, y1), old)):
            return False
        self.axes.set_xlim(x0, x1)
        self.axes.set_ylim(y0, y1)
        self.request_draw()
        return True

    def _outside(self, records: list[dict[str, Any]]) -> bool:
        """True when a new record falls outside the current limits."""
        x1, (y0, y1) = self.axes.get_xlim()[1], self.axes.get_ylim()
        key = X_KEYS[self.x_mode]
        for r in records:
            values = [v for v in (r.get("train_loss"), (r.get("eval") or {}).get("val_loss")) if v is not None]
            if r[key] > x1 or any(not y0 <= v <= y1 for v in values if math.isfinite(v)):
                return True
        return False

    def refresh(self, records: list[dict[str, Any]]) -> None:
        """Show new records: a blit, or a full redraw when they left the limits (rare, see _fit_limits)."""
        if self._outside(records):
            self._fit_limits(force=True)
        else:
            self.blit()

    def request_draw(self) -> None:
        """A full redraw, coalesced; postponed until the plot is shown when it is hidden."""
        if not self.isVisible():
            self._dirty = True
            return
        super().request_draw()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            super().request_draw()

    def blit(self, whole: bool = False) -> None:
        """Show the new segments (and the star and cursor) without a full redraw; see CurvePainter."""
        if not self.isVisible():
            self._dirty = True
        elif not self.painter.blit(whole):
            self.request_draw()

    @property
    def frame_count(self) -> int:
        """Full draws + blits so far (the benchmark's refresh rate)."""
        return self.painter.frame_count if self.painter is not None else 0

    # --- hover readout ----------------------------------------------------------------------
    def readout(self, x: float) -> str:
        """Every series' value nearest to x, as one line of text."""
        return readout_text(self.current, self.previous, self.x_mode, x)

    def _on_motion(self, event: Any) -> None:
        if event.inaxes is not self.axes or event.xdata is None or self.current is None or not self.current.rows:
            return
        self.hover_x = float(event.xdata)
        self.cursor.set_xdata([event.xdata, event.xdata])
        self.cursor.set_visible(True)
        self.blit(whole=True)
        self.hovered.emit(self.readout(event.xdata))

    def _on_leave(self, _event: Any) -> None:
        if self.cursor is not None and self.cursor.get_visible():
            self.cursor.set_visible(False)
            self.blit(whole=True)
        self.hovered.emit("")

    # --- export -----------------------------------------------------------------------------
    def export_figure(self) -> Any | None:
        """A standalone copy of the plot with a legend, for the Export menu; None while no run is shown."""
        from gui.training.exports import loss_figure

        return loss_figure(self)

    def shows_runs(self) -> bool:
        """Whether the plot shows a run with data (or earlier runs), i.e. has something to export."""
        return self.axes is not None and (bool(self.current and self.current.rows) or bool(self.previous))

    def table(self) -> tuple[Any, list[list[Any]]] | None:
        """(header, rows) of every plotted value (what export_csv writes), or None while no run is shown."""
        runs = self.runs()
        return loss_table(runs) if any(run.rows for run in runs) else None

    def runs(self) -> list[RunSeries]:
        """The earlier runs, then the current one."""
        return [*self.previous, *([self.current] if self.current else [])]

    def export_csv(self, path: str | Path) -> Path:
        """One row per record of every run shown, with the smoothed train loss at the current setting."""
        return write_csv(self.runs(), path)
