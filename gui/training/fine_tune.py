"""'Start from: fine-tune the current model' in the Training tab's settings.

What fine-tuning means depends on the current model (`core.training.finetune`): a GPT-2 style
causal LM continues with the next-token objective, a masked LM with the masked-LM objective, and
any other model cannot be fine-tuned, which the disabled item's tooltip says. While fine-tuning,
the objective, the tokenizer (the model's own) and the sizes the model fixes (layers, heads,
width) show the model's values and cannot be changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox

from gui.common.core_text import localized
from gui.training.texts import fine_tune_text, model_tokenizer_text

translate = QCoreApplication.translate

SHAPE_FIELDS = {"n_layer": "layers", "n_head": "heads", "n_embd": "width"}  # box -> core ModelShape field


class FineTuneSetting:
    """Keeps the "fine-tune" item of `start_from` and the settings it fixes in step with the current model.

    `objective` is "gpt" or "mlm" when the current model can be fine-tuned, else None and `reason()`
    says why in the current language."""

    def __init__(self, start_from: QComboBox, objective: QComboBox, tokenizer: QComboBox, spins: dict[str, Any]) -> None:
        self._start_from, self._objective_combo, self._tokenizer = start_from, objective, tokenizer
        self._spins = spins
        self.model: Any = None
        self.objective: str | None = None
        self.shape: Any = None  # core.training.finetune.ModelShape of the current model
        self._reason: Any = None  # a core Message, or an exception

    def set_model(self, model: Any) -> None:
        """Work out what fine-tuning `model` means; a fine-tune choice that no longer applies goes back
        to "Scratch" (the caller's change handler follows)."""
        from core.training.finetune import FineTuneUnavailable, fine_tune_objective, model_shape

        self.model, self.objective, self.shape, self._reason = model, None, None, None
        if model is None:
            self._reason = None
        else:
            try:
                self.shape = model_shape(model.model.config)
                self.objective = fine_tune_objective(model)
            except FineTuneUnavailable as error:
                self._reason = error
            except Exception as error:  # noqa: BLE001 - a model of an unexpected shape: say so, never raise
                self._reason = error
        self.retranslate()
        if self.objective is None and self.selected():
            self._start_from.setCurrentIndex(self._start_from.findData("scratch"))

    def selected(self) -> bool:
        return self._start_from.currentData() == "finetune"

    def reason(self) -> str:
        """Why the current model cannot be fine-tuned ('' when it can)."""
        if self.objective is not None:
            return ""
        if self.model is None:
            return translate("TrainingTab", "There is no current model to fine-tune: open one with File > Open model "
                                            "folder, or start from scratch.")
        return localized(self._reason) or type(self._reason).__name__

    def retranslate(self) -> None:
        """The items' texts and the disabled item's tooltip in the current language."""
        index = self._start_from.findData("finetune")
        self._start_from.setItemText(index, fine_tune_text(self.model))
        self._start_from.setItemData(index, self.reason() or None, Qt.ItemDataRole.ToolTipRole)
        self._start_from.model().item(index).setEnabled(self.objective is not None)
        vocabulary = self.shape.vocab_size if self.shape is not None else None
        model_index = self._tokenizer.findData("model")
        self._tokenizer.setItemText(model_index, model_tokenizer_text(vocabulary))
        self._tokenizer.model().item(model_index).setEnabled(self.selected())

    def apply(self) -> None:
        """While fine-tuning, show the objective, tokenizer and sizes the model fixes; otherwise leave the
        model's own tokenizer, which only fine-tuning can use."""
        tokenizer_item = self._tokenizer.model().item(self._tokenizer.findData("model"))
        if not self.selected() or self.objective is None:
            tokenizer_item.setEnabled(False)
            if self._tokenizer.currentData() == "model":
                self._set(self._tokenizer, self._tokenizer.findData("char"))
            return
        tokenizer_item.setEnabled(True)
        self._set(self._tokenizer, self._tokenizer.findData("model"))
        self._set(self._objective_combo, self._objective_combo.findData(self.objective))
        for name, field in SHAPE_FIELDS.items():
            value = getattr(self.shape, field, None)
            if isinstance(value, int) and self._spins[name].minimum() <= value <= self._spins[name].maximum():
                self._set(self._spins[name], value)

    @staticmethod
    def _set(widget: Any, value: int) -> None:
        """Show a value without reporting it as the user's edit."""
        widget.blockSignals(True)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(value)
        else:
            widget.setValue(value)
        widget.blockSignals(False)
