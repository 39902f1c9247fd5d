"""One generation strategy's own settings, for a column of the Generate page.

`StrategyOptions` shows the settings the chosen strategy really uses (beams, length penalty, early
stopping, groups and diversity penalty, contrastive search's alpha and candidates) and, for every
strategy, the n-gram block; `generation_kwargs()` turns them into the keyword arguments of
`core.next_token.generation.GenerationSettings`. Sampling's own settings (temperature, top-k, top-p,
seed, repetition penalty) are the ones on the tab's left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

STRATEGY_LABELS = {  # the keys are core.next_token.generation.STRATEGIES
    "greedy": QT_TRANSLATE_NOOP("SamplingTab", "greedy (always the most likely token)"),
    "sample": QT_TRANSLATE_NOOP("SamplingTab", "sample (uses the settings on the left)"),
    "beam": QT_TRANSLATE_NOOP("SamplingTab", "beam search (shown at the end)"),
    "beam-sample": QT_TRANSLATE_NOOP("SamplingTab", "beam search with sampling"),
    "group-beam": QT_TRANSLATE_NOOP("SamplingTab", "diverse (group) beam search"),
    "contrastive": QT_TRANSLATE_NOOP("SamplingTab", "contrastive search"),
}
EARLY_STOPPING = {  # GenerationSettings.early_stopping values
    False: QT_TRANSLATE_NOOP("SamplingTab", "when no beam can win"),
    True: QT_TRANSLATE_NOOP("SamplingTab", "at num_beams finished"),
    "never": QT_TRANSLATE_NOOP("SamplingTab", "never (canonical)"),
}
# which rows each strategy uses (the n-gram block is for all)
ROWS = {
    "greedy": (), "sample": (),
    "beam": ("beams", "length_penalty", "early_stopping"),
    "beam-sample": ("beams", "length_penalty", "early_stopping"),
    "group-beam": ("beams", "groups", "diversity", "length_penalty", "early_stopping"),
    "contrastive": ("alpha", "candidates"),
}


def early_stopping_combo(name: str) -> QComboBox:
    """A combo box of the three early-stopping rules (item data: False, True, "never")."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for value in EARLY_STOPPING:
        combo.addItem("", value)
    return combo


def retranslate_early_stopping(combo: QComboBox) -> None:
    for index in range(combo.count()):
        combo.setItemText(index, translate("SamplingTab", EARLY_STOPPING[combo.itemData(index)]))


class StrategyOptions(QWidget):
    """The settings of one strategy; `strategy` picks which rows are shown."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.beams = self._spin(f"beams{name}", 1, 16, 4)
        self.groups = self._spin(f"groups{name}", 1, 8, 2)
        self.candidates = self._spin(f"contrastiveK{name}", 1, 50, 4)
        self.ngram = self._spin(f"noRepeatNgram{name}", 0, 10, 0)
        self.length_penalty = self._double(f"lengthPenalty{name}", -5.0, 5.0, 1.0, 0.5)
        self.diversity = self._double(f"diversityPenalty{name}", 0.0, 10.0, 1.0, 0.5)
        self.alpha = self._double(f"penaltyAlpha{name}", 0.0, 1.0, 0.6, 0.1)
        self.early_stopping = early_stopping_combo(f"earlyStopping{name}")
        self.early_stopping.currentIndexChanged.connect(self.changed)
        self._widgets = {"beams": self.beams, "groups": self.groups, "diversity": self.diversity,
                         "length_penalty": self.length_penalty, "early_stopping": self.early_stopping,
                         "alpha": self.alpha, "candidates": self.candidates, "ngram": self.ngram}
        self._labels = {key: QLabel() for key in self._widgets}
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow columns: label above
        for key, widget in self._widgets.items():
            self._labels[key].setBuddy(widget)
            self._form.addRow(self._labels[key], widget)
        self._strategy = "greedy"
        self.set_strategy("greedy")
        self.retranslate_ui()

    def _spin(self, name: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.valueChanged.connect(self.changed)
        return spin

    def _double(self, name: str, low: float, high: float, value: float, step: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setDecimals(2)
        spin.setSingleStep(step)
        spin.setValue(value)
        spin.valueChanged.connect(self.changed)
        return spin

    def retranslate_ui(self) -> None:
        texts = {
            "beams": translate("SamplingTab", "Beams:"),
            "groups": translate("SamplingTab", "Groups:"),
            "diversity": translate("SamplingTab", "Diversity:"),
            "length_penalty": translate("SamplingTab", "Length penalty:"),
            "early_stopping": translate("SamplingTab", "Stop:"),
            "alpha": translate("SamplingTab", "Penalty α:"),
            "candidates": translate("SamplingTab", "Candidates:"),
            "ngram": translate("SamplingTab", "No repeated n-gram:"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        tips = {
            "beams": translate("SamplingTab", "How many partial texts are kept at every step"),
            "groups": translate("SamplingTab", "The beams are split into this many groups that are pushed apart"),
            "diversity": translate("SamplingTab", "How much a group is penalised for picking a token an earlier "
                                                  "group picked at the same step"),
            "length_penalty": translate("SamplingTab", "A finished text scores log-probability / length ^ this: "
                                                       "above 0 favours longer texts, below 0 shorter ones"),
            "early_stopping": translate("SamplingTab", "When beam search stops looking for better texts"),
            "alpha": translate("SamplingTab", "0 is greedy; higher values punish tokens whose hidden state "
                                              "repeats the text so far"),
            "candidates": translate("SamplingTab", "How many of the most likely tokens contrastive search "
                                                   "compares (top-k)"),
            "ngram": translate("SamplingTab", "No n tokens in a row may occur twice (0 turns it off)"),
        }
        for key, text in tips.items():
            self._widgets[key].setToolTip(text)
            self._widgets[key].setAccessibleName(self._labels[key].text().rstrip(":"))
        retranslate_early_stopping(self.early_stopping)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_labels"):
            self.retranslate_ui()

    def set_strategy(self, strategy: str) -> None:
        """Show the rows `strategy` uses (and the n-gram block)."""
        self._strategy = strategy
        used = set(ROWS.get(strategy, ())) | {"ngram"}
        for key in self._widgets:
            self._form.setRowVisible(self._widgets[key], key in used)

    def generation_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of GenerationSettings for these settings."""
        return {"num_beams": self.beams.value(), "num_beam_groups": self.groups.value(),
                "diversity_penalty": self.diversity.value(), "length_penalty": self.length_penalty.value(),
                "early_stopping": self.early_stopping.currentData(), "penalty_alpha": self.alpha.value(),
                "contrastive_top_k": self.candidates.value(), "no_repeat_ngram_size": self.ngram.value()}
