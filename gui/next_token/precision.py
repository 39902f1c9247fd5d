"""The Next-token tab's precision comparison: the prompt's distribution in fp32 against fp16, bf16 and int8.

`PrecisionPanel` runs `core.next_token.precision.PrecisionComparer` in a `TaskThread` for the precisions
ticked and shows, for each, the model size, the KL divergence from fp32, how many of fp32's ten most
likely tokens it keeps in its own ten (top-10 agreement), and whether the top token agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import byte_size, percent
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

PRECISIONS = ("fp16", "bf16", "int8")  # compared with fp32, in this order


def scientific(value: float, digits: int = 2) -> str:
    """1.234e-05 -> '1.23e-05' ('1,23e-05' in Portuguese): tiny KL values need an exponent."""
    return QLocale().toString(float(value), "e", digits)


class PrecisionPanel(QWidget):
    """fp32 against fp16, bf16 and int8 for the current prompt: size, KL divergence, top-10 and top-1 agreement.

    `request()` returns (loaded model, prompt text) or raises ValueError.
    """

    finished = Signal()
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self._live = LiveTexts()  # the status line, made again after a language change
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("precisionButton")
        self.checks = {name: QCheckBox(name) for name in PRECISIONS}  # which precisions to compare
        choices = QHBoxLayout()
        self._choices_label = QLabel()
        choices.addWidget(self._choices_label)
        for name, check in self.checks.items():
            check.setObjectName(f"precision_{name}")
            check.setChecked(True)
            check.toggled.connect(self._update_button)
            choices.addWidget(check)
        choices.addWidget(self.compare_button)
        choices.addStretch(1)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("precisionTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (its cells are read-only)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._explanation = explanation = QLabel()
        explanation.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("precisionStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.results: list[Any] = []
        self._comparer: Any = None
        self._task: TaskThread | None = None
        self.compare_button.clicked.connect(self.compare)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts."""
        self.compare_button.setText(translate("SamplingTab", "&Compare"))
        self._choices_label.setText(translate("SamplingTab", "fp32 against:"))
        self.table.setAccessibleName(translate("SamplingTab", "Precision comparison"))
        self.table.setHorizontalHeaderLabels(
            [translate("SamplingTab", "Weights"), translate("SamplingTab", "Model size"),
             translate("SamplingTab", "KL from fp32 (nats)"), translate("SamplingTab", "Top-10 agreement"),
             translate("SamplingTab", "Most likely token"), translate("SamplingTab", "Same as fp32?")])
        self._explanation.setText(translate(
            "SamplingTab",
            "Storing each weight in fewer bits makes the model smaller: 16 bits halve it, 8 bits quarter it. Does "
            "it still predict the same next token? fp16 keeps more digits but a narrow range; bf16 keeps fp32's "
            "range with fewer digits; int8 rounds each weight to one of 256 steps. KL measures how far the whole "
            "distribution is from fp32's (0 = identical); top-10 agreement is the share of fp32's ten most likely "
            "tokens that are still in the ten. Sizes count 4, 2 or 1 bytes per weight; real int8 files are a "
            "little larger."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_explanation"):
            self.retranslate_ui()
            self._live.refresh()
            if self.results and self._comparer is not None:
                self._show_table(self.results)  # "yes"/"no" in the new language (nothing is run again)

    def set_model(self, loaded: Any) -> None:
        self.shutdown()
        self._comparer, self.results = None, []
        self.table.setRowCount(0)
        self._live.show("status", self.status.setText, "")

    def compare(self) -> None:
        from core.next_token.precision import PrecisionComparer

        if self._task is not None:
            return
        try:
            loaded, prompt = self._request()
            if self._comparer is None or self._comparer.loaded is not loaded:
                self._comparer = PrecisionComparer(loaded)
        except ValueError as error:
            self.message.emit(error)
            return
        comparer, dtypes = self._comparer, self.chosen()
        self._task = TaskThread(lambda _context: comparer.compare(prompt, dtypes), name="precision")
        self._task.succeeded.connect(self._show)
        self._task.failed.connect(self._on_failed)
        self._task.finished.connect(self._on_finished)
        self.compare_button.setEnabled(False)
        self._live.show("status", self.status.setText,
                        lambda: translate("SamplingTab", "Making a copy of the model in each precision and running "
                                                         "them all…"))
        self._task.start()

    def chosen(self) -> tuple[str, ...]:
        """The precisions ticked, in PRECISIONS order."""
        return tuple(name for name, check in self.checks.items() if check.isChecked())

    def _update_button(self) -> None:
        self.compare_button.setEnabled(self._task is None and bool(self.chosen()))

    def _on_failed(self, error: Exception, _details: str) -> None:
        self.message.emit(error)

    def loaded(self) -> Any:
        """The model of the comparison shown (None before the first)."""
        return None if self._comparer is None else self._comparer.loaded

    def _show(self, results: list[Any]) -> None:
        self.results = results
        self._show_table(results)
        change = max(result.max_abs_diff for result in results)
        self._live.show("status", self.status.setText, lambda: translate(
            "SamplingTab", "Largest change of any token's probability: {d}.").format(d=percent(change, 2)))

    def _show_table(self, results: list[Any]) -> None:
        from core.next_token.precision import model_size_bytes
        from core.tokenization.token_labels import token_label

        loaded = self._comparer.loaded
        sizes = model_size_bytes(loaded.n_parameters)
        reference = results[0]
        rows = [["fp32", byte_size(sizes["fp32"]), "0", percent(1.0, 0),
                 f"“{token_label(loaded.tokenizer, reference.top1_fp32)}” "
                 f"({percent(float(reference.probs_fp32.max()))})", "–"]]
        for result in results:
            rows.append([result.dtype, byte_size(sizes[result.dtype]), scientific(result.kl_nats),
                         percent(result.topk_agreement, 0),
                         f"“{token_label(loaded.tokenizer, result.top1)}” ({percent(float(result.probs.max()))})",
                         translate("SamplingTab", "yes") if result.top1_agrees else translate("SamplingTab", "no")])
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.request_stop()
            self._task.wait()
            self._on_finished()

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self._update_button()
        if not self.results:
            self._live.show("status", self.status.setText, "")
        self.finished.emit()
