"""The Next-token tab's model runs off the GUI thread: the prompt's prediction, generation, precision.

`PromptRunner` runs one prediction job at a time in a `TaskThread`; a request made while one
runs waits, and a newer request replaces a waiting one, so typing never queues stale runs.

`GenerationPanel` runs `core.generation.generate_tokens` in a `TaskThread`. The worker only
appends each new token to a queue; a 15 Hz timer on the GUI thread drains the queue into the
text view, so a fast model never floods the event loop. Stop sets the thread's stop event,
which the generator checks before every token.

`PrecisionPanel` runs `core.precision.PrecisionComparer` (fp32 against int8) in a `TaskThread`
and shows the KL divergence, whether the top token agrees, and the model size per dtype.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
    QTableWidget, QTableWidgetItem, QTextEdit, QVBoxLayout, QWidget,
)

from gui.background_task import TaskThread

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DRAIN_INTERVAL_MS = 66  # about 15 text updates per second
STRATEGY_LABELS = {  # the keys are core.generation.STRATEGIES
    "greedy": QT_TRANSLATE_NOOP("SamplingTab", "greedy (always the most likely token)"),
    "sample": QT_TRANSLATE_NOOP("SamplingTab", "sample (uses the settings on the left)"),
    "beam": QT_TRANSLATE_NOOP("SamplingTab", "beam search (4 beams, shown at the end)"),
    "contrastive": QT_TRANSLATE_NOOP("SamplingTab", "contrastive search"),
}


class PromptRunner(QObject):
    """Runs `job()` off the GUI thread, one at a time; the newest waiting request wins.

    succeeded(request, result) and failed(request, exception) carry the request key given to
    `run`; idle() fires when nothing runs and nothing waits.
    """

    succeeded = Signal(object, object)
    failed = Signal(object, object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: TaskThread | None = None
        self._request: Any = None
        self._waiting: tuple[Any, Callable[[], Any]] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def run(self, request: Any, job: Callable[[], Any]) -> None:
        if self._task is not None:
            self._waiting = (request, job)
            return
        self._request = request
        self._task = TaskThread(lambda _context: job(), name="next-token")
        self._task.succeeded.connect(self._on_succeeded)
        self._task.failed.connect(self._on_failed)
        self._task.finished.connect(self._on_finished)
        self._task.start()

    def _on_succeeded(self, result: Any) -> None:
        self.succeeded.emit(self._request, result)

    def _on_failed(self, error: Exception, _details: str) -> None:
        self.failed.emit(self._request, error)

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self.run(*waiting)
        else:
            self.idle.emit()

    def shutdown(self) -> None:
        """Drop any waiting request and join the running one."""
        self._waiting = None
        if self._task is not None:
            self._task.request_stop()
            self._task.wait()
            self._on_finished()


class GenerationPanel(QWidget):
    """Strategy, length, Generate/Stop and a read-only view of the prompt and its continuation.

    `request()` returns (loaded model, prompt text, SamplingSettings) or raises ValueError.
    """

    finished = Signal()
    message = Signal(str)

    def __init__(self, request: Callable[[], tuple[Any, str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.strategy_combo = QComboBox()
        self.strategy_combo.setObjectName("generationStrategyCombo")
        for strategy, label in STRATEGY_LABELS.items():
            self.strategy_combo.addItem(translate("SamplingTab", label), strategy)
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setObjectName("maxNewTokensSpin")
        self.max_tokens_spin.setRange(1, 1000)
        self.max_tokens_spin.setValue(30)
        self.generate_button = QPushButton(translate("SamplingTab", "&Generate"))
        self.generate_button.setObjectName("generateButton")
        self.stop_button = QPushButton(translate("SamplingTab", "S&top"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)
        self.output = QTextEdit()
        self.output.setObjectName("generationOutput")
        self.output.setReadOnly(True)
        self.output.setAccessibleName(translate("SamplingTab", "Prompt and generated continuation"))
        self.output.setPlaceholderText(translate("SamplingTab", "The prompt and its continuation appear here; new "
                                                                "tokens are bold and underlined. Hover a token for "
                                                                "its probability."))
        self.status = QLabel()
        self.status.setObjectName("generationStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("SamplingTab", "St&rategy:"), self.strategy_combo)
        form.addRow(translate("SamplingTab", "&New tokens:"), self.max_tokens_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)
        self.tokens: list[Any] = []  # GeneratedToken records shown so far
        self.produced_when_stopped: int | None = None
        self._queue: deque = deque()
        self._task: TaskThread | None = None
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)

    @property
    def running(self) -> bool:
        return self._task is not None

    def produced(self) -> int:
        """Tokens the worker has produced so far (shown or still queued)."""
        return len(self.tokens) + len(self._queue)

    def generated_text(self) -> str:
        return "".join(token.text for token in self.tokens)

    def generate(self) -> None:
        from core.generation import GenerationSettings, generate_tokens

        if self.running:
            return
        try:
            loaded, prompt, sampling = self._request()
            settings = GenerationSettings(self.strategy_combo.currentData(), self.max_tokens_spin.value(), sampling)
            settings.validate()
        except ValueError as error:
            self.message.emit(str(error))
            return
        queue: deque = deque()
        self._queue, self.tokens, self.produced_when_stopped = queue, [], None
        self.output.clear()
        self.output.textCursor().insertText(prompt, QTextCharFormat())

        def job(context) -> None:
            for token in generate_tokens(loaded, prompt, settings, stop=lambda: context.stop_requested):
                queue.append(token)

        self._task = TaskThread(job, name="generate")
        self._task.failed.connect(self._on_failed)
        self._task.finished.connect(self._on_finished)
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(translate("SamplingTab", "Generating…"))
        self._drain_timer.start()
        self._task.start()

    def stop(self) -> None:
        """Ask the generator to stop before its next token."""
        if self._task is not None:
            self.produced_when_stopped = self.produced()
            self._task.request_stop()

    def shutdown(self) -> None:
        """Stop and join the worker (tab closing, model changing)."""
        if self._task is not None:
            self._task.request_stop()
            self._task.wait()
            self._on_finished()

    def _on_failed(self, error: Exception, _details: str) -> None:
        self.message.emit(str(error) or type(error).__name__)

    def _drain(self) -> None:
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        while self._queue:
            token = self._queue.popleft()
            self.tokens.append(token)
            text_format = QTextCharFormat()
            text_format.setFontWeight(QFont.Weight.Bold)
            text_format.setFontUnderline(True)
            tip = translate("SamplingTab", "token {id}: {p:.1%} for the model, {final:.1%} after the sampling "
                                           "settings")
            text_format.setToolTip(tip.format(id=token.token_id, p=token.probability, final=token.final_probability))
            cursor.insertText(token.text, text_format)
        self.output.setTextCursor(cursor)
        self.output.ensureCursorVisible()

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self._drain_timer.stop()
        self._drain()
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        stopped = self.produced_when_stopped is not None
        done = translate("SamplingTab", "Stopped after {n} new tokens.") if stopped else translate(
            "SamplingTab", "{n} new tokens.")
        self.status.setText(done.format(n=len(self.tokens)))
        self.finished.emit()


def format_bytes(size: int) -> str:
    """1536 -> '1.5 kB', 497_759_232 -> '497.8 MB' (powers of 1000)."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


class PrecisionPanel(QWidget):
    """fp32 against int8 for the current prompt: KL divergence, top-1 agreement, size.

    `request()` returns (loaded model, prompt text) or raises ValueError.
    """

    finished = Signal()
    message = Signal(str)

    def __init__(self, request: Callable[[], tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.compare_button = QPushButton(translate("SamplingTab", "&Compare fp32 with int8"))
        self.compare_button.setObjectName("precisionButton")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("precisionTable")
        self.table.setAccessibleName(translate("SamplingTab", "Precision comparison"))
        self.table.setHorizontalHeaderLabels(
            [translate("SamplingTab", "Weights"), translate("SamplingTab", "Model size"),
             translate("SamplingTab", "KL from fp32 (nats)"), translate("SamplingTab", "Most likely token"),
             translate("SamplingTab", "Same as fp32?")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        explanation = QLabel(translate(
            "SamplingTab",
            "Storing each weight in 8 bits instead of 32 makes the model four times smaller. Does it still predict "
            "the same next token? KL measures how far the whole int8 distribution is from the fp32 one "
            "(0 = identical). Sizes count 4 or 1 bytes per weight; real int8 files are a little larger."))
        explanation.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("precisionStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.results: list[Any] = []
        self._comparer: Any = None
        self._task: TaskThread | None = None
        self.compare_button.clicked.connect(self.compare)

    def set_model(self, loaded: Any) -> None:
        self.shutdown()
        self._comparer, self.results = None, []
        self.table.setRowCount(0)
        self.status.clear()

    def compare(self) -> None:
        from core.precision import PrecisionComparer

        if self._task is not None:
            return
        try:
            loaded, prompt = self._request()
            if self._comparer is None or self._comparer.loaded is not loaded:
                self._comparer = PrecisionComparer(loaded)
        except ValueError as error:
            self.message.emit(str(error))
            return
        comparer = self._comparer
        self._task = TaskThread(lambda _context: comparer.compare(prompt, ("int8",)), name="precision")
        self._task.succeeded.connect(self._show)
        self._task.failed.connect(self._on_failed)
        self._task.finished.connect(self._on_finished)
        self.compare_button.setEnabled(False)
        self.status.setText(translate("SamplingTab", "Quantizing a copy of the model and running both…"))
        self._task.start()

    def _on_failed(self, error: Exception, _details: str) -> None:
        self.message.emit(str(error) or type(error).__name__)

    def _show(self, results: list[Any]) -> None:
        from core.precision import model_size_bytes
        from core.sampling import token_label

        loaded = self._comparer.loaded
        sizes = model_size_bytes(loaded.n_parameters)
        self.results = results
        reference = results[0]
        rows = [["fp32", format_bytes(sizes["fp32"]), "0",
                 f"“{token_label(loaded.tokenizer, reference.top1_fp32)}” "
                 f"({float(reference.probs_fp32.max()):.1%})", "–"]]
        for result in results:
            rows.append([result.dtype, format_bytes(sizes[result.dtype]), f"{result.kl_nats:.2e}",
                         f"“{token_label(loaded.tokenizer, result.top1)}” ({float(result.probs.max()):.1%})",
                         translate("SamplingTab", "yes") if result.top1_agrees else translate("SamplingTab", "no")])
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.status.setText(translate("SamplingTab", "Largest change of any token's probability: {d:.2%}.")
                            .format(d=max(result.max_abs_diff for result in results)))

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
        self.compare_button.setEnabled(True)
        if not self.results:
            self.status.clear()
        self.finished.emit()
