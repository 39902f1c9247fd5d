"""The Next-token tab's left column: sampling settings, the Sample/Greedy steps, the stage table.

Every widget is live: `settings_changed` fires on any change of temperature, top-k, top-p,
min-p, repetition penalty or order, and the tab re-applies `core.next_token.sampling` to cached logits.
`SettingsForm` is also used twice by the A/B comparison.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal
from gui.common.tab_header import LiveTexts
from gui.next_token.views import percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MAX_BARS = 50
STAGE_NAMES = {
    "softmax": QT_TRANSLATE_NOOP("SamplingTab", "softmax (model)"),
    "repetition penalty": QT_TRANSLATE_NOOP("SamplingTab", "repetition penalty"),
    "temperature": QT_TRANSLATE_NOOP("SamplingTab", "temperature"),
    "top-k": QT_TRANSLATE_NOOP("SamplingTab", "top-k"),
    "top-p": QT_TRANSLATE_NOOP("SamplingTab", "top-p"),
    "min-p": QT_TRANSLATE_NOOP("SamplingTab", "min-p"),
}



def stage_label(name: str) -> str:
    """A core stage name ("top-k", ...) as shown, in the current language."""
    source = STAGE_NAMES.get(name)
    return translate("SamplingTab", source) if source else name


class LinkedSlider(QWidget):
    """A slider and a spin box showing the same number; `changed` fires once per change."""

    changed = Signal(float)

    def __init__(self, name: str, maximum: float, step: float, value: float, minimum: float = 0.0) -> None:
        super().__init__()
        self.scale = 100
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"{name}Slider")
        self.slider.setRange(round(minimum * self.scale), round(maximum * self.scale))
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"{name}Spin")
        self.spin.setRange(minimum, maximum)
        self.spin.setDecimals(2)
        self.spin.setSingleStep(step)
        self.spin.setValue(value)
        self.slider.setValue(round(value * self.scale))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        # no focus proxy: Tab stops at the slider (arrows, Page Up/Down) and then at the spin box
        self.slider.valueChanged.connect(lambda v: self.spin.setValue(v / self.scale))
        self.spin.valueChanged.connect(self._on_spin_changed)

    def _on_spin_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * self.scale))
        self.slider.blockSignals(False)
        self.changed.emit(value)

    def value(self) -> float:
        return self.spin.value()

    def setValue(self, value: float) -> None:  # noqa: N802 (Qt naming)
        self.spin.setValue(value)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        super().setAccessibleName(name)
        self.slider.setAccessibleName(name)
        self.spin.setAccessibleName(name)


class SettingsForm(QGroupBox):
    """Temperature, top-k, top-p, min-p, repetition penalty and order; `changed` on any change.

    prefix "" gives the documented object names (temperatureSlider, topKSpin, topPSlider, ...);
    the A/B comparison uses prefixes so its names differ.
    """

    changed = Signal()

    def __init__(self, title: str, prefix: str = "", mnemonics: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)  # the owner sets the title again after a language change
        self._updating = False
        self._prefix, self._mnemonics = prefix, mnemonics

        def name(base: str) -> str:
            return prefix + base[0].upper() + base[1:] if prefix else base

        self.temperature = LinkedSlider(name("temperature"), 5.0, 0.05, 1.0)
        self.top_k_spin = QSpinBox()
        self.top_k_spin.setObjectName(name("topKSpin"))
        self.top_k_spin.setRange(0, 1_000_000)
        self.top_p = LinkedSlider(name("topP"), 1.0, 0.01, 1.0, minimum=0.01)
        self.min_p = LinkedSlider(name("minP"), 1.0, 0.01, 0.0)
        self.penalty_spin = QDoubleSpinBox()
        self.penalty_spin.setObjectName(name("repetitionPenaltySpin"))
        self.penalty_spin.setRange(0.05, 5.0)
        self.penalty_spin.setSingleStep(0.05)
        self.penalty_spin.setValue(1.0)
        self.order_combo = QComboBox()
        self.order_combo.setObjectName(name("orderCombo"))
        self.order_combo.addItem("", "hf")
        self.order_combo.addItem("", "llamacpp")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._rows: list[tuple[QLabel, QWidget]] = []
        for widget in (self.temperature, self.top_k_spin, self.top_p, self.min_p, self.penalty_spin,
                       self.order_combo):
            label = QLabel()
            label.setBuddy(widget.spin if isinstance(widget, LinkedSlider) else widget)  # the mnemonic types a value
            form.addRow(label, widget)
            self._rows.append((label, widget))
        self.retranslate_ui()
        for linked in (self.temperature, self.top_p, self.min_p):
            linked.changed.connect(self._on_changed)
        self.top_k_spin.valueChanged.connect(self._on_changed)
        self.penalty_spin.valueChanged.connect(self._on_changed)
        self.order_combo.currentIndexChanged.connect(self._on_changed)

    def retranslate_ui(self) -> None:
        """Apply the current language to the row labels, the order names and top-k's "off" (not the title)."""
        self.top_k_spin.setSpecialValueText(translate("SamplingTab", "0 (off)"))
        self.order_combo.blockSignals(True)  # renaming is not choosing: no `changed`
        self.order_combo.setItemText(0, translate("SamplingTab", "HF (temperature first)"))
        self.order_combo.setItemText(1, translate("SamplingTab", "llama.cpp (temperature last)"))
        self.order_combo.blockSignals(False)
        texts = (translate("SamplingTab", "&Temperature:"), translate("SamplingTab", "Top-&k (0 = off):"),
                 translate("SamplingTab", "Top-p (1 = off):"), translate("SamplingTab", "&Min-p (0 = off):"),
                 translate("SamplingTab", "Repetition penalty (1 = off):"), translate("SamplingTab", "&Order:"))
        for (label, widget), text in zip(self._rows, texts):
            plain = text.replace("&", "")
            label.setText(text if self._mnemonics else plain)
            widget.setAccessibleName(f"{self._prefix} {plain.rstrip(':')}".strip())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_rows"):
            self.retranslate_ui()

    def settings(self, seed: int | None = 0) -> Any:
        """The current `core.next_token.sampling.SamplingSettings`."""
        from core.next_token.settings import SamplingSettings

        return SamplingSettings(
            self.temperature.value(), self.top_k_spin.value(), self.top_p.value(), self.min_p.value(),
            self.penalty_spin.value(), self.order_combo.currentData(), seed,
        )

    def set_settings(self, settings: Any) -> None:
        """Show `settings` (one `changed` at the end)."""
        self._updating = True
        for widget, value in ((self.temperature, settings.temperature), (self.top_k_spin, settings.top_k),
                              (self.top_p, settings.top_p), (self.min_p, settings.min_p),
                              (self.penalty_spin, settings.repetition_penalty)):
            widget.setValue(value)
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(settings.order)))
        self._updating = False
        self.changed.emit()

    def _on_changed(self, *_args: Any) -> None:
        if not self._updating:
            self.changed.emit()


class SamplingControls(QScrollArea):
    """Bars shown, the settings, the step buttons and the per-stage table, in a scrollable column."""

    settings_changed = Signal()
    bar_count_changed = Signal(int)
    reset_done = Signal()  # "Reset settings" was used (after its settings_changed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._live = LiveTexts()  # the draw readout, made again after a language change
        self.settings_box = SettingsForm("")
        self.settings_box.changed.connect(self.settings_changed)
        form = self.settings_box
        self.temperature, self.top_k_spin, self.top_p = form.temperature, form.top_k_spin, form.top_p
        self.min_p, self.penalty_spin, self.order_combo = form.min_p, form.penalty_spin, form.order_combo
        self._reset = reset = QPushButton()
        reset.setObjectName("resetSettingsButton")
        reset.clicked.connect(self.reset)
        form.layout().addRow(reset)

        self.draw_box = QGroupBox()
        self.seed_spin = QSpinBox()
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, 999_999)
        self.sample_button = QPushButton()
        self.sample_button.setObjectName("sampleButton")
        self.greedy_button = QPushButton()
        self.greedy_button.setObjectName("greedyButton")
        self.draw_readout = QLabel()
        self.draw_readout.setObjectName("drawReadout")
        self.draw_readout.setWordWrap(True)
        self._live.show("readout", self.draw_readout.setText, no_draw_yet)
        self._seed_label = seed_label = QLabel()
        seed_label.setBuddy(self.seed_spin)
        seed_row, buttons_row = QHBoxLayout(), QHBoxLayout()
        seed_row.addWidget(seed_label)
        seed_row.addWidget(self.seed_spin, 1)
        buttons_row.addWidget(self.sample_button)
        buttons_row.addWidget(self.greedy_button)
        draw_layout = QVBoxLayout(self.draw_box)
        draw_layout.addLayout(seed_row)
        draw_layout.addLayout(buttons_row)
        draw_layout.addWidget(self.draw_readout)

        self.pipeline_box = pipeline_box = QGroupBox()
        self.stage_table = StageTable()
        pipeline_layout = QVBoxLayout(pipeline_box)
        pipeline_layout.addWidget(self.stage_table)
        self.bar_count_spin = QSpinBox()
        self.bar_count_spin.setObjectName("barCountSpin")
        self.bar_count_spin.setRange(1, MAX_BARS)
        self.bar_count_spin.setValue(20)
        self.bar_count_spin.valueChanged.connect(self.bar_count_changed)
        bars_row = QFormLayout()
        self._bars_label = QLabel()
        self._bars_label.setBuddy(self.bar_count_spin)
        bars_row.addRow(self._bars_label, self.bar_count_spin)
        self.retranslate_ui()

        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 6, 0)
        column_layout.addLayout(bars_row)
        for widget in (self.settings_box, self.draw_box, pipeline_box):
            column_layout.addWidget(widget)
        column_layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setWidget(column)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(column.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 4)

    def retranslate_ui(self) -> None:
        """Apply the current language to the column's fixed texts (the settings form does its rows)."""
        self.settings_box.setTitle(translate("SamplingTab", "Sampling settings"))
        self._reset.setText(translate("SamplingTab", "&Reset settings"))
        self.draw_box.setTitle(translate("SamplingTab", "Step: add one token"))
        self.seed_spin.setAccessibleName(translate("SamplingTab", "Seed"))
        self.seed_spin.setToolTip(
            translate("SamplingTab", "Each Sample uses this seed, then moves on to the next one."))
        self.sample_button.setText(translate("SamplingTab", "&Sample"))
        self.sample_button.setToolTip(translate(
            "SamplingTab", "Draws a random u in [0, 1), marks where it lands, and appends that token."))
        self.greedy_button.setText(translate("SamplingTab", "&Greedy"))
        self.greedy_button.setToolTip(translate("SamplingTab", "Appends the most likely token."))
        self._seed_label.setText(translate("SamplingTab", "S&eed:"))
        self.pipeline_box.setTitle(translate("SamplingTab", "Pipeline, stage by stage"))
        self.bar_count_spin.setAccessibleName(translate("SamplingTab", "Bars shown"))
        self._bars_label.setText(translate("SamplingTab", "&Bars shown:"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_bars_label"):
            self.retranslate_ui()
            self._live.refresh()

    def settings(self) -> Any:
        """The current `core.next_token.sampling.SamplingSettings` (seed: the seed box)."""
        return self.settings_box.settings(self.seed_spin.value())

    def reset(self) -> None:
        """Back to plain softmax (temperature 1, every filter off); one `settings_changed`."""
        from core.next_token.settings import SamplingSettings

        self.settings_box.set_settings(SamplingSettings())
        self.reset_done.emit()

    def show_draw(self, draw: Any, seed: int | None, label: str) -> None:
        """Describe a draw under the Sample button: seed, u, the token, its rank and probability."""
        u, rank, probability = draw.u, draw.rank, draw.probability

        def readout() -> str:  # numbers in the current language's format, made again after a change
            prefix = translate("SamplingTab", "Seed {seed}: ").format(seed=seed) if seed is not None else ""
            text = translate("SamplingTab", "u = {u} → “{token}”, rank {rank}, probability {p}.")
            return prefix + text.format(u=decimal(u, 3), token=label, rank=count(rank), p=percent(probability))

        self._live.show("readout", self.draw_readout.setText, readout)

    def set_next_token_mode(self, enabled: bool) -> None:
        """Settings and steps apply to causal LMs only; the bar count applies to fill-mask too."""
        self.settings_box.setEnabled(enabled)
        self.draw_box.setEnabled(enabled)
        self.pipeline_box.setVisible(enabled)
        self.stage_table.setRowCount(0)
        self._live.show("readout", self.draw_readout.setText, no_draw_yet)


def no_draw_yet() -> str:
    return translate("SamplingTab", "No draw yet. You can also click a bar.")


class StageTable(QTableWidget):
    """One row per pipeline stage: entropy in bits, tokens still allowed, probability removed."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("stageTable")
        self._stages: list[Any] = []  # the core.next_token.sampling.Stage list shown, row by row
        self.retranslate_ui()
        self.setTabKeyNavigation(False)  # Tab leaves the table (its cells are read-only)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def retranslate_ui(self) -> None:
        """Headers and the stages' names in the current language (the numbers stay)."""
        self.setAccessibleName(translate("SamplingTab", "Sampling pipeline, stage by stage"))
        self.setHorizontalHeaderLabels([
            translate("SamplingTab", "Stage"), translate("SamplingTab", "Entropy\n(bits)"),
            translate("SamplingTab", "Tokens\nleft"), translate("SamplingTab", "Removed"),
        ])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_stages"):
            self.retranslate_ui()
            if self._stages and self.rowCount() == len(self._stages):
                self.show_stages(self._stages)  # stage names and number formats of the new language

    def show_stages(self, stages: list[Any]) -> None:
        """One row per stage; existing cells are updated in place (this runs on every slider move)."""
        if self.rowCount() != len(stages):
            self.setRowCount(len(stages))
        self._stages = stages
        for row, stage in enumerate(stages):
            removed = percent(stage.mass_removed) if row > 0 else "–"
            cells = [stage_label(stage.name), decimal(stage.entropy_bits, 2), count(stage.n_kept), removed]
            for column, text in enumerate(cells):
                item = self.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    if column > 0:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
        rows_height = sum(self.rowHeight(r) for r in range(len(stages)))
        header = max(self.horizontalHeader().height(), self.horizontalHeader().sizeHint().height())
        height = header + rows_height + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)

    def cell_texts(self) -> list[list[str]]:
        return [[self.item(r, c).text() for c in range(self.columnCount())] for r in range(self.rowCount())]
