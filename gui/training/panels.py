"""Small widgets of the Training tab: the learning-rate box, the plot's options row, the run's readouts.

`PlotOptions`: x axis (steps, tokens, time), smoothing slider, log y and clear earlier runs,
all acting on a `LossPlot` (the plot and its values are saved from the tab's Export menu).
`ResultsPanel`: the samples text, the result lines and "Use this model" / "Open folder".
`RunReadouts`: the progress bar with its ETA, tokens/s, ms/iter, the device, and GPU memory
and MFU when training on CUDA. Both re-apply their texts on `retranslate_ui()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal, percent
from gui.common.tab_header import LiveTexts
from gui.training.checks import format_bytes
from gui.training.series import DEFAULT_SMOOTHING, X_MODES, format_seconds
from gui.training.texts import flops_text, flops_tooltip

translate = QCoreApplication.translate

READOUT_HZ = 4


class LearningRateBox(QDoubleSpinBox):
    """A learning rate written like 1e-03 or 0.0006; the arrows double or halve it."""

    def __init__(self) -> None:
        super().__init__()
        self.setDecimals(8)
        self.setRange(1e-7, 10.0)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt naming)
        return self.locale().toString(value, "g", 3)

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
    """The row above the loss plot."""

    def __init__(self, plot: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plot
        self.x_combo = QComboBox()
        self.x_combo.setObjectName("trainXAxis")
        for key in X_MODES:
            self.x_combo.addItem("", key)
        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal)
        self.smoothing_slider.setObjectName("trainSmoothing")
        self.smoothing_slider.setRange(0, 99)
        self.smoothing_slider.setValue(round(DEFAULT_SMOOTHING * 100))
        self.smoothing_slider.setMaximumWidth(140)
        self.smoothing_value = QLabel()
        self.smoothing_value.setObjectName("trainSmoothingValue")
        self.log_check = QCheckBox()
        self.log_check.setObjectName("trainLogY")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("trainClearRuns")
        self.x_label = QLabel()
        self.x_label.setBuddy(self.x_combo)
        self.smoothing_label = QLabel()
        self.smoothing_label.setBuddy(self.smoothing_slider)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.x_label, self.x_combo, self.smoothing_label, self.smoothing_slider, self.smoothing_value,
                       self.log_check):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        self.retranslate_ui()
        self.x_combo.currentIndexChanged.connect(lambda _i: plot.set_x_mode(self.x_combo.currentData()))
        self.smoothing_slider.valueChanged.connect(self._on_smoothing_changed)
        self.log_check.toggled.connect(plot.set_log_y)
        self.clear_button.clicked.connect(plot.clear_previous)

    def retranslate_ui(self) -> None:
        names = {"steps": translate("TrainingTab", "steps"), "tokens": translate("TrainingTab", "tokens"),
                 "time": translate("TrainingTab", "time")}
        self.x_combo.blockSignals(True)  # renaming is not choosing
        for index in range(self.x_combo.count()):
            self.x_combo.setItemText(index, names[self.x_combo.itemData(index)])
        self.x_combo.blockSignals(False)
        self.x_label.setText(translate("TrainingTab", "&X axis:"))
        self.smoothing_label.setText(translate("TrainingTab", "S&moothing:"))
        self.smoothing_slider.setAccessibleName(translate("TrainingTab", "Smoothing"))
        self.smoothing_slider.setToolTip(translate("TrainingTab", "How much the thick train curve averages recent "
                                                                  "steps (0 = raw values)"))
        self.log_check.setText(translate("TrainingTab", "Log y"))
        self.clear_button.setText(translate("TrainingTab", "Clear earlier runs"))
        self._show_smoothing()

    def _show_smoothing(self) -> None:
        self.smoothing_value.setText(decimal(self.smoothing_slider.value() / 100, 2))

    def _on_smoothing_changed(self, value: int) -> None:
        self._show_smoothing()
        self.plot.set_smoothing(value / 100)


class RunReadouts(QWidget):
    """Progress with ETA, speed, device, and on CUDA memory and MFU.

    Every text is made from data by a function kept in `live` (a LiveTexts), so `retranslate_ui()`
    makes them again in the new language, numbers included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = LiveTexts()
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setValue(0)
        self.labels = {name: QLabel() for name in ("speed", "ms", "flops", "epoch", "device", "memory", "mfu")}
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
        self.train_tokens = 0  # tokens in the training split, once tokenized (for the epoch)
        # Text from the start, so that the first numbers do not change the layout (a plot resize = full redraw).
        self._show_progress(lambda: translate("TrainingTab", "Not started"))
        self._show("speed", lambda: translate("TrainingTab", "— tokens/s"))
        self._show("ms", lambda: translate("TrainingTab", "— ms/iter"))
        self._show("flops", lambda: translate("TrainingTab", "— FLOP/s"))
        self._show("epoch", lambda: translate("TrainingTab", "Epoch —"))
        self._show("device", lambda: translate("TrainingTab", "Device: —"))
        self.retranslate_ui()
        # Numbers change at most READOUT_HZ times a second: readable, and a progress bar repaints at once.
        self._pending: dict[str, Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1000 // READOUT_HZ)
        self._timer.timeout.connect(self._show_pending)

    def retranslate_ui(self) -> None:
        self.progress.setAccessibleName(translate("TrainingTab", "Training progress"))
        self.live.refresh()

    def _show(self, name: str, make: Any) -> None:
        self.live.show(name, self.labels[name].setText, make)

    def _show_progress(self, make: Any) -> None:
        self.live.show("progress", self.progress.setFormat, make)

    def preparing(self, stage: str, fraction: float) -> None:
        def text() -> str:
            if stage == "libraries":
                return translate("TrainingTab", "Loading torch and transformers (once per session)")
            return translate("TrainingTab", "Building the tokenizer") if stage == "tokenizer" else \
                translate("TrainingTab", "Tokenizing the corpus")

        if fraction < 0:
            self.progress.setRange(0, 0)
            self._show_progress(lambda: text() + "…")
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(1000 * fraction))
            self._show_progress(lambda: f"{text()}… {percent(fraction, 0)}")

    def started(self, info: dict[str, Any], device_label: Callable[[], str] | str) -> None:
        """A run began; `device_label` makes the device's name (again after a language change)."""
        self.start_step = info["start_step"]
        self.progress.setRange(info["start_step"], info["max_iters"])
        self.progress.setValue(info["start_step"])
        self._show_progress(lambda: translate("TrainingTab", "step %v of %m"))
        cuda = info["device"].startswith("cuda")
        self._show("device", lambda: translate("TrainingTab", "Device: {device}").format(
            device=device_label() if callable(device_label) else device_label))
        self.labels["memory"].setVisible(cuda)
        self.labels["mfu"].setVisible(cuda and info["has_peak_flops"])
        per_token, has_peak = info.get("flops_per_token"), info["has_peak_flops"]
        self.live.show("flops_tip", self.labels["flops"].setToolTip, lambda: flops_tooltip(per_token, has_peak))

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
            eta = format_seconds(record["elapsed_s"] / done * (record["max_iters"] - record["step"]))
            self._show_progress(lambda: translate("TrainingTab", "step %v of %m · {eta} left").format(eta=eta))
        speed, ms = record.get("tokens_per_s"), record.get("ms_per_iter")
        if speed:
            self._show("speed", lambda: translate("TrainingTab", "{n} tokens/s").format(n=count(round(speed))))
        if ms:
            self._show("ms", lambda: translate("TrainingTab", "{ms} ms/iter").format(ms=decimal(ms, 1)))
        if self.train_tokens and record.get("tokens_seen") is not None:
            self._show_epoch(record["tokens_seen"])
        flops = record.get("flops_per_s")
        if flops:
            self._show("flops", lambda: flops_text(flops))
        memory, mfu = record.get("gpu_memory_bytes"), record.get("mfu")
        if memory is not None:
            self._show("memory", lambda: translate("TrainingTab", "GPU memory: {m}").format(m=format_bytes(memory)))
        if mfu is not None:
            self._show("mfu", lambda: translate("TrainingTab", "MFU: {mfu}").format(mfu=percent(mfu, 0)))

    def set_train_tokens(self, n_tokens: int) -> None:
        """The training split's size (after tokenizing): the readout then says which epoch the run is in."""
        self.train_tokens = int(n_tokens)
        self._show_epoch(0)

    def _show_epoch(self, tokens_seen: int) -> None:
        from core.training.epochs import current_epoch, epochs_done

        train = self.train_tokens
        self._show("epoch", lambda: translate("TrainingTab", "Epoch {n} ({passes} passes)").format(
            n=count(current_epoch(tokens_seen, train)), passes=decimal(epochs_done(tokens_seen, train), 2)))
        self.live.show("epoch_tip", self.labels["epoch"].setToolTip, lambda: translate(
            "TrainingTab", "One epoch: as many tokens as the training split holds ({n})").format(n=count(train)))

    def finished(self, status: str, step: int, started: bool) -> None:
        self._timer.stop()
        self._show_pending()
        if self.progress.maximum() == 0 or not started:  # failed or stopped while preparing
            self.progress.setRange(0, 1)
            self.progress.setValue(0)

        def text() -> str:
            word = {"completed": translate("TrainingTab", "Finished"),
                    "stopped": translate("TrainingTab", "Stopped")}.get(status, translate("TrainingTab", "Failed"))
            return translate("TrainingTab", "{status} at step {step}").format(status=word, step=count(step))

        self._show_progress(text)

    def preparing_started(self) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self._show_progress(lambda: translate("TrainingTab", "Preparing…"))


class ResultsPanel(QWidget):
    """Below the plot: each evaluation's sample text, and once a run ends its result with two buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.samples = QPlainTextEdit()
        self.samples.setObjectName("trainSamples")
        self.samples.setReadOnly(True)
        self.samples.setTabChangesFocus(True)  # Tab moves on instead of being trapped in the text
        self.samples.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.result_label = QLabel()
        self.result_label.setObjectName("trainResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # long paths
        self.use_button = QPushButton()
        self.use_button.setObjectName("trainUseModel")
        self.open_button = QPushButton()
        self.open_button.setObjectName("trainOpenFolder")
        self.use_button.setEnabled(False)
        self.open_button.setEnabled(False)
        after = QVBoxLayout()
        after.addWidget(self.result_label, 1)
        after.addWidget(self.use_button)
        after.addWidget(self.open_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.samples, 3)
        row.addLayout(after, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.samples.setAccessibleName(translate("TrainingTab", "Generated samples"))
        self.samples.setPlaceholderText(translate("TrainingTab", "Each evaluation's generated text appears here."))
        self.use_button.setText(translate("TrainingTab", "&Use this model"))
        self.open_button.setText(translate("TrainingTab", "&Open folder"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "open_button"):
            self.retranslate_ui()
