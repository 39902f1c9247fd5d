"""Settings of the Training tab that belong to one objective or one kind of corpus, and the run length
in epochs.

- Mask probability: the share of tokens the masked objective hides (default 0.15); only for it.
- Epochs: the run length in passes over the training tokens instead of in steps (0 = use Iterations);
  the line under it says how many steps one epoch is, once the corpus's tokens are known.
- Validation share and split seed: question/answer corpora only; the validation split is that share
  of whole records, drawn with that seed (plain text keeps its contiguous 90/10 split).

`RunSettings` builds the boxes and returns them to the settings column, which lays them out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QSpinBox

from gui.common.locale_numbers import count, decimal

translate = QCoreApplication.translate

DEFAULT_MLM_PROBABILITY = 0.15  # core.training.config.TrainingConfig's
DEFAULT_VAL_PERCENT = 10.0


def _double(name: str, low: float, high: float, step: float, value: float, decimals: int = 2) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setValue(value)
    return spin


class RunSettings:
    """The mask probability, epochs, validation share and split seed boxes, and the epoch line."""

    def __init__(self) -> None:
        self.mlm_spin = _double("train_mlm_probability", 0.01, 0.95, 0.01, DEFAULT_MLM_PROBABILITY)
        self.epochs_spin = _double("train_epochs", 0.0, 100_000.0, 0.5, 0.0)
        self.val_spin = _double("train_val_percent", 1.0, 90.0, 1.0, DEFAULT_VAL_PERCENT, decimals=1)
        self.split_seed_spin = QSpinBox()
        self.split_seed_spin.setObjectName("train_split_seed")
        self.split_seed_spin.setRange(0, 2**31 - 1)
        self.epoch_label = QLabel()
        self.epoch_label.setObjectName("trainEpochs")
        self.epoch_label.setWordWrap(True)

    def spins(self) -> list[Any]:
        return [self.mlm_spin, self.epochs_spin, self.val_spin, self.split_seed_spin]

    def label_texts(self) -> dict[str, str]:
        """Form labels: widget key -> text."""
        return {"mlm_probability": translate("TrainingTab", "Mask probability:"),
                "epochs": translate("TrainingTab", "Epochs (0 = use iterations):"),
                "val_fraction": translate("TrainingTab", "Validation records (%):"),
                "split_seed": translate("TrainingTab", "Split seed:")}

    def retranslate(self) -> None:
        texts = self.label_texts()
        for spin, key in zip(self.spins(), texts):
            spin.setAccessibleName(texts[key].rstrip(":"))
            spin.setLocale(QLocale())
        self.mlm_spin.setToolTip(translate("TrainingTab", "Masked objective: the share of tokens hidden for the "
                                                          "model to guess (0.15 as in BERT; lower it for a small "
                                                          "corpus)"))
        self.epochs_spin.setSpecialValueText(translate("TrainingTab", "off"))
        self.epochs_spin.setToolTip(translate("TrainingTab", "The run length as passes over the training tokens; "
                                                             "0 uses Iterations instead"))
        self.val_spin.setToolTip(translate("TrainingTab", "Question/answer corpora: the share of whole records "
                                                          "held out for validation"))
        self.split_seed_spin.setToolTip(translate("TrainingTab", "Question/answer corpora: the seed that picks the "
                                                                 "validation records"))

    def fields(self) -> dict[str, Any]:
        """TrainingConfig fields from the boxes."""
        epochs = self.epochs_spin.value()
        return {"mlm_probability": self.mlm_spin.value(), "epochs": epochs if epochs > 0 else None,
                "val_fraction": self.val_spin.value() / 100, "split_seed": self.split_seed_spin.value()}

    def apply(self, idle: bool, objective: str, corpus: Any) -> None:
        """Enable what applies to this objective and corpus while no run is going."""
        records = getattr(corpus, "kind", "text") == "qa"
        self.mlm_spin.setEnabled(idle and objective == "mlm")
        self.epochs_spin.setEnabled(idle)
        self.val_spin.setEnabled(idle and records)
        self.split_seed_spin.setEnabled(idle and records)


def epoch_text(train_tokens: int | None, tokens_per_step: int, steps: int, epochs: float) -> str:
    """"1 epoch ≈ 35.2 steps (≈ 27,000 train tokens); 2,000 steps ≈ 56.8 epochs" in the current language."""
    from core.training.epochs import iters_for_epochs, steps_per_epoch

    if not train_tokens or tokens_per_step <= 0:
        return translate("TrainingTab", "Steps per epoch: known once the corpus is tokenized (press Start, or open "
                                        "“What the model sees”).")
    per_epoch = steps_per_epoch(train_tokens, tokens_per_step)
    head = translate("TrainingTab", "1 epoch ≈ {steps} steps (≈ {tokens} train tokens);").format(
        steps=decimal(per_epoch, 1), tokens=count(train_tokens))
    if epochs > 0:
        return head + " " + translate("TrainingTab", "{epochs} epochs ≈ {steps} steps").format(
            epochs=decimal(epochs, 2), steps=count(iters_for_epochs(epochs, train_tokens, tokens_per_step)))
    return head + " " + translate("TrainingTab", "{steps} steps ≈ {epochs} epochs").format(
        steps=count(steps), epochs=decimal(steps / per_epoch, 2))
