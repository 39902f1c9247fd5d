"""Small widgets of the Training tab: the learning-rate box, the plot's options row, the run's readouts.

`PlotOptions`: x axis (steps, tokens, time), smoothing slider, log y, clear earlier runs,
export PNG and CSV, all acting on a `LossPlot`. `RunReadouts`: the progress bar with its ETA,
tokens/s, ms/iter, the device, and GPU memory and MFU when training on CUDA.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gui.training_checks import format_bytes, number
from gui.training_series import DEFAULT_SMOOTHING, format_seconds

translate = QCoreApplication.translate

READOUT_HZ = 4


class LearningRateBox(QDoubleSpinBox):
    """A learning rate written like 1e-03 or 0.0006; the arrows double or halve it."""

    def __init__(self) -> None:
        super().__init__()
        self.setDecimals(8)
        self.setRange(1e-7, 10.0)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt naming)
        return f"{value:.3g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt naming)
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> Any:
        """Acceptable: a number in range; Intermediate: on the way to one (e.g. "3e-")."""
        if not set(text) <= set("0123456789.,eE-+"):
            return QValidator.State.Invalid, text, pos
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt naming)
        self.setValue(self.value() * 2.0**steps)


class PlotOptions(QWidget):
    """The row above the loss plot. `export_folder()` says where the save dialogs open."""

    def __init__(self, plot: Any, export_folder: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot, self.export_folder = plot, export_folder
        self.x_combo = QComboBox()
        self.x_combo.setObjectName("trainXAxis")
        for key, text in (("steps", translate("TrainingTab", "steps")), ("tokens", translate("TrainingTab", "tokens")),
                          ("time", translate("TrainingTab", "time"))):
            self.x_combo.addItem(text, key)
        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal)
        self.smoothing_slider.setObjectName("trainSmoothing")
        self.smoothing_slider.setRange(0, 99)
        self.smoothing_slider.setValue(round(DEFAULT_SMOOTHING * 100))
        self.smoothing_slider.setMaximumWidth(140)
        self.smoothing_slider.setAccessibleName(translate("TrainingTab", "Smoothing"))
        self.smoothing_value = QLabel(f"{DEFAULT_SMOOTHING:.2f}")
        self.log_check = QCheckBox(translate("TrainingTab", "Log y"))
        self.log_check.setObjectName("trainLogY")
        self.clear_button = QPushButton(translate("TrainingTab", "Clear earlier runs"))
        self.clear_button.setObjectName("trainClearRuns")
        self.png_button = QPushButton(translate("TrainingTab", "PNG…"))
        self.png_button.setObjectName("trainExportPng")
        self.png_button.setToolTip(translate("TrainingTab", "Export the plot as a PNG image"))
        self.png_button.setAccessibleName(translate("TrainingTab", "Export the plot as a PNG image"))
        self.csv_button = QPushButton(translate("TrainingTab", "CSV…"))
        self.csv_button.setObjectName("trainExportCsv")
        self.csv_button.setToolTip(translate("TrainingTab", "Export every plotted value as CSV"))
        self.csv_button.setAccessibleName(translate("TrainingTab", "Export every plotted value as CSV"))
        x_label = QLabel(translate("TrainingTab", "&X axis:"))
        x_label.setBuddy(self.x_combo)
        smoothing_label = QLabel(translate("TrainingTab", "S&moothing:"))
        smoothing_label.setBuddy(self.smoothing_slider)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (x_label, self.x_combo, smoothing_label, self.smoothing_slider, self.smoothing_value,
                       self.log_check):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.clear_button, self.png_button, self.csv_button):
            row.addWidget(widget)
        self.x_combo.currentIndexChanged.connect(lambda _i: plot.set_x_mode(self.x_combo.currentData()))
        self.smoothing_slider.valueChanged.connect(self._on_smoothing_changed)
        self.log_check.toggled.connect(plot.set_log_y)
        self.clear_button.clicked.connect(plot.clear_previous)
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))

    def _on_smoothing_changed(self, value: int) -> None:
        self.smoothing_value.setText(f"{value / 100:.2f}")
        self.plot.set_smoothing(value / 100)

    def export(self, kind: str) -> None:
        """Ask for a file name, then write the plot ("png") or its data ("csv")."""
        title = translate("TrainingTab", "Export the plot") if kind == "png" else translate("TrainingTab",
                                                                                             "Export the data")
        filter_text = "PNG (*.png)" if kind == "png" else "CSV (*.csv)"
        path, _filter = QFileDialog.getSaveFileName(self, title, str(self.export_folder() / f"loss.{kind}"),
                                                    filter_text)
        if path:
            (self.plot.export_png if kind == "png" else self.plot.export_csv)(path)


class RunReadouts(QWidget):
    """Progress with ETA, speed, device, and on CUDA memory and MFU."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setFormat(translate("TrainingTab", "Not started"))
        self.progress.setValue(0)
        # Text from the start, so that the first numbers do not change the layout (a plot resize = full redraw).
        self.labels = {"speed": QLabel(translate("TrainingTab", "— tokens/s")),
                       "ms": QLabel(translate("TrainingTab", "— ms/iter")),
                       "device": QLabel(translate("TrainingTab", "Device: —")), "memory": QLabel(), "mfu": QLabel()}
        row = QHBoxLayout()
        row.setSpacing(24)
        for name, label in self.labels.items():
            label.setObjectName(f"train_{name}")
            row.addWidget(label)
        row.addStretch(1)
        self.labels["memory"].hide()  # CUDA only
        self.labels["mfu"].hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.progress)
        column.addLayout(row)
        self.start_step = 0
        # Numbers change at most READOUT_HZ times a second: readable, and a progress bar repaints at once.
        self._pending: dict[str, Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1000 // READOUT_HZ)
        self._timer.timeout.connect(self._show_pending)

    def preparing(self, stage: str, fraction: float) -> None:
        text = translate("TrainingTab", "Building the tokenizer") if stage == "tokenizer" else \
            translate("TrainingTab", "Tokenizing the corpus")
        if fraction < 0:
            self.progress.setRange(0, 0)
            self.progress.setFormat(text + "…")
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(1000 * fraction))
            self.progress.setFormat(f"{text}… {fraction:.0%}")

    def started(self, info: dict[str, Any], device_label: str) -> None:
        self.start_step = info["start_step"]
        self.progress.setRange(info["start_step"], info["max_iters"])
        self.progress.setValue(info["start_step"])
        self.progress.setFormat(translate("TrainingTab", "step %v of %m"))
        cuda = info["device"].startswith("cuda")
        self.labels["device"].setText(translate("TrainingTab", "Device: {device}").format(device=device_label))
        self.labels["memory"].setVisible(cuda)
        self.labels["mfu"].setVisible(cuda and info["has_peak_flops"])

    def show_record(self, record: dict[str, Any]) -> None:
        """Show the newest step record (plain dict from the worker), within 1 / READOUT_HZ seconds."""
        self._pending = record
        if not self._timer.isActive():
            self._timer.start()

    def _show_pending(self) -> None:
        record, self._pending = self._pending, None
        if record is None:
            return
        self.progress.setValue(record["step"])
        done = record["step"] - self.start_step
        if done > 0:
            eta = record["elapsed_s"] / done * (record["max_iters"] - record["step"])
            self.progress.setFormat(translate("TrainingTab", "step %v of %m · {eta} left").format(
                eta=format_seconds(eta)))
        if record.get("tokens_per_s"):
            self.labels["speed"].setText(translate("TrainingTab", "{n} tokens/s").format(
                n=number(record["tokens_per_s"])))
        if record.get("ms_per_iter"):
            self.labels["ms"].setText(translate("TrainingTab", "{ms:.1f} ms/iter").format(ms=record["ms_per_iter"]))
        if record.get("gpu_memory_bytes") is not None:
            self.labels["memory"].setText(translate("TrainingTab", "GPU memory: {m}").format(
                m=format_bytes(record["gpu_memory_bytes"])))
        if record.get("mfu") is not None:
            self.labels["mfu"].setText(translate("TrainingTab", "MFU: {mfu:.0%}").format(mfu=record["mfu"]))

    def finished(self, status: str, step: int, started: bool) -> None:
        self._timer.stop()
        self._show_pending()
        if self.progress.maximum() == 0 or not started:  # failed or stopped while preparing
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
        word = {"completed": translate("TrainingTab", "Finished"), "stopped": translate("TrainingTab", "Stopped")}.get(
            status, translate("TrainingTab", "Failed"))
        self.progress.setFormat(translate("TrainingTab", "{status} at step {step}").format(status=word, step=step))

    def preparing_started(self) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(translate("TrainingTab", "Preparing…"))
