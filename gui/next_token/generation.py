"""The Generate page: up to four decoding strategies side by side on one prompt.

`GenerationPanel` runs `core.next_token.generation.generate_tokens` for one to four strategies on the
same prompt (one `GenerationColumn` each, each in its own `TaskThread`), each with its own settings
(`gui.next_token.strategy_options`). A worker only appends each new token to a queue; a 15 Hz timer
on the GUI thread drains the queues into the text views, so a fast model never floods the event
loop. Stop sets every running thread's stop event, which the generators check before every token.
When a column finishes, its status line gives tokens per second, the mean log-probability and
perplexity of what it wrote, and its distinct 2-grams (`core.next_token.generation_stats`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal, percent
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread
from gui.next_token.strategy_options import STRATEGY_LABELS, StrategyOptions

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DRAIN_INTERVAL_MS = 66  # about 15 text updates per second
MAX_COLUMNS = 4
COLUMN_NAMES = ("A", "B", "C", "D")
DEFAULT_STRATEGIES = ("greedy", "sample", "beam", "contrastive")


def stats_text(n: int, stats: Any, stopped: bool) -> str:
    """The status line of a finished column: tokens, speed, mean log-probability, perplexity, distinct 2-grams."""
    import math

    first = (translate("SamplingTab", "Stopped after {n} new tokens.") if stopped
             else translate("SamplingTab", "{n} new tokens.")).format(n=count(n))
    if stats is None or n == 0:
        return first
    parts = [first.rstrip("."), translate("SamplingTab", "{rate} tokens/s").format(rate=decimal(stats.tokens_per_second, 1))]
    if math.isfinite(stats.mean_log_prob):
        parts.append(translate("SamplingTab", "mean log-prob {lp} (perplexity {ppl})").format(
            lp=decimal(stats.mean_log_prob, 2), ppl=decimal(stats.perplexity, 1)))
    if math.isfinite(stats.distinct_2):
        parts.append(translate("SamplingTab", "distinct 2-grams {d}").format(d=percent(stats.distinct_2, 0)))
    return " · ".join(parts)


class GenerationColumn(QGroupBox):
    """One strategy's run: its strategy box, the streamed text and a status line."""

    finished = Signal()
    failed = Signal(object)  # the exception (core errors carry a translatable Message)

    def __init__(self, title: str, name: str, strategy: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)  # the panel sets the title again after a language change
        self.name = self._name = name
        self._live = LiveTexts()  # the status line, made again after a language change
        self._prompt = ""  # the prompt of the last run, for rewriting the output in a new language
        self.strategy_combo = QComboBox()
        self.strategy_combo.setObjectName(f"generationStrategyCombo{name}")
        self.strategy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.strategy_combo.setMinimumContentsLength(8)
        for key in STRATEGY_LABELS:
            self.strategy_combo.addItem("", key)
        self.strategy_combo.setCurrentIndex(self.strategy_combo.findData(strategy))
        self.options = StrategyOptions(name)
        self.options.set_strategy(strategy)
        self.strategy_combo.currentIndexChanged.connect(
            lambda _index: self.options.set_strategy(self.strategy_combo.currentData()))
        self.output = QTextEdit()
        self.output.setObjectName(f"generationOutput{name}")
        self.output.setReadOnly(True)
        self.output.setTabChangesFocus(True)
        self.status = QLabel()
        self.status.setObjectName(f"generationStatus{name}")
        self.status.setWordWrap(True)
        form = QFormLayout()
        self._strategy_label = QLabel()
        self._strategy_label.setBuddy(self.strategy_combo)
        form.addRow(self._strategy_label, self.strategy_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.options)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)
        self.tokens: list[Any] = []  # GeneratedToken records shown so far
        self.produced_when_stopped: int | None = None
        self.stats: Any = None  # core.next_token.generation_stats.GenerationStats of the last finished run
        self._seconds: list[float] = []  # filled by the worker: how long the generation took
        self._queue: deque = deque()
        self._task: TaskThread | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts (not the title, which the panel sets)."""
        self.strategy_combo.blockSignals(True)  # renaming is not choosing
        for index in range(self.strategy_combo.count()):
            label = STRATEGY_LABELS[self.strategy_combo.itemData(index)]
            self.strategy_combo.setItemText(index, translate("SamplingTab", label))
        self.strategy_combo.blockSignals(False)
        self.strategy_combo.setAccessibleName(translate("SamplingTab", "Strategy {name}").format(name=self._name))
        self.output.setAccessibleName(translate("SamplingTab", "Prompt and continuation {name}").format(
            name=self._name))
        self.output.setPlaceholderText(translate("SamplingTab", "The prompt and its continuation appear here; new "
                                                                "tokens are bold and underlined. Hover a token for "
                                                                "its probability."))
        self._strategy_label.setText(translate("SamplingTab", "Strategy:"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_task"):
            self.retranslate_ui()
            self._live.refresh()
            if self.tokens:
                self._rewrite()

    @property
    def running(self) -> bool:
        return self._task is not None

    def produced(self) -> int:
        """Tokens the worker has produced so far (shown or still queued)."""
        return len(self.tokens) + len(self._queue)

    def generated_text(self) -> str:
        return "".join(token.text for token in self.tokens)

    def settings(self, max_new_tokens: int, sampling: Any) -> Any:
        """The GenerationSettings of this column (not validated yet)."""
        from core.next_token.generation import GenerationSettings

        return GenerationSettings(self.strategy_combo.currentData(), max_new_tokens, sampling,
                                  **self.options.generation_kwargs())

    def start(self, loaded: Any, prompt: str, settings: Any) -> None:
        """Generate with `settings` (a validated GenerationSettings) in a TaskThread."""
        import time

        from core.next_token.generation import generate_tokens

        queue: deque = deque()
        seconds: list[float] = []
        self._queue, self.tokens, self.produced_when_stopped = queue, [], None
        self._seconds, self.stats = seconds, None
        self._prompt = prompt
        self.output.clear()
        self.output.textCursor().insertText(prompt, QTextCharFormat())

        def job(context) -> None:
            started = time.perf_counter()
            try:
                for token in generate_tokens(loaded, prompt, settings, stop=lambda: context.stop_requested):
                    queue.append(token)
            finally:
                seconds.append(time.perf_counter() - started)

        self._task = TaskThread(job, name="generate")
        self._task.failed.connect(lambda error, _details: self.failed.emit(error))
        self._task.finished.connect(self._on_finished)
        self._live.show("status", self.status.setText, lambda: translate("SamplingTab", "Generating…"))
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

    def drain(self) -> None:
        if not self._queue:
            return
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        while self._queue:
            token = self._queue.popleft()
            self.tokens.append(token)
            self._insert_token(cursor, token)
        self.output.setTextCursor(cursor)
        self.output.ensureCursorVisible()

    @staticmethod
    def _insert_token(cursor: QTextCursor, token: Any) -> None:
        text_format = QTextCharFormat()
        text_format.setFontWeight(QFont.Weight.Bold)
        text_format.setFontUnderline(True)
        tip = translate("SamplingTab", "token {id}: {p} for the model, {final} after the sampling settings")
        text_format.setToolTip(tip.format(id=token.token_id, p=percent(token.probability),
                                          final=percent(token.final_probability)))
        cursor.insertText(token.text, text_format)

    def _rewrite(self) -> None:
        """The prompt and the tokens shown so far again, with tooltips in the current language."""
        scroll = self.output.verticalScrollBar().value()
        self.output.clear()
        cursor = self.output.textCursor()
        cursor.insertText(self._prompt, QTextCharFormat())
        for token in self.tokens:
            self._insert_token(cursor, token)
        self.output.setTextCursor(cursor)
        self.output.verticalScrollBar().setValue(scroll)

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self.drain()
        stopped, n = self.produced_when_stopped is not None, len(self.tokens)
        if self.tokens and self._seconds:
            from core.next_token.generation_stats import generation_stats

            self.stats = generation_stats([t.token_id for t in self.tokens], [t.probability for t in self.tokens],
                                          self._seconds[0])
        stats = self.stats
        self._live.show("status", self.status.setText, lambda: stats_text(n, stats, stopped))
        self.finished.emit()


class GenerationPanel(QWidget):
    """New tokens, how many strategies side by side (1-4), Generate/Stop, and the `GenerationColumn`s.

    `request()` returns (loaded model, prompt text, SamplingSettings) or raises ValueError. The
    first column's widgets are also reachable directly (strategy_combo, output, tokens, ...).
    """

    finished = Signal()  # every column has finished
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.columns = [GenerationColumn("", name, strategy) for name, strategy in zip(COLUMN_NAMES,
                                                                                      DEFAULT_STRATEGIES)]
        self.strategy_combo, self.output, self.status = (self.columns[0].strategy_combo, self.columns[0].output,
                                                         self.columns[0].status)
        self.strategy_combo.setObjectName("generationStrategyCombo")
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setObjectName("maxNewTokensSpin")
        self.max_tokens_spin.setRange(1, 1000)
        self.max_tokens_spin.setValue(30)
        self.columns_spin = QSpinBox()
        self.columns_spin.setObjectName("strategyCountSpin")
        self.columns_spin.setRange(1, MAX_COLUMNS)
        self.columns_spin.setValue(2)
        self.columns_spin.valueChanged.connect(self._show_columns)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generateButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)
        self._tokens_label = tokens_label = QLabel()
        tokens_label.setBuddy(self.max_tokens_spin)
        self._columns_label = columns_label = QLabel()
        columns_label.setBuddy(self.columns_spin)
        top = QHBoxLayout()
        for widget in (tokens_label, self.max_tokens_spin, columns_label, self.columns_spin, self.generate_button,
                       self.stop_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.scroll = QScrollArea()  # narrow or short windows scroll the columns instead of growing
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = QWidget()
        outputs = QHBoxLayout(inner)
        outputs.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(inner)
        for column in self.columns:
            outputs.addWidget(column, 1)
            column.finished.connect(self._on_column_finished)
            column.failed.connect(self.message)
        self._note = note = QLabel()
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.scroll, 1)
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)
        self._show_columns(self.columns_spin.value())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts (each column does its own)."""
        for column, name in zip(self.columns, COLUMN_NAMES):
            column.setTitle(translate("SamplingTab", "Strategy {name}").format(name=name))
        self.max_tokens_spin.setAccessibleName(translate("SamplingTab", "New tokens"))
        self.columns_spin.setAccessibleName(translate("SamplingTab", "Strategies side by side"))
        self.generate_button.setText(translate("SamplingTab", "&Generate"))
        self.stop_button.setText(translate("SamplingTab", "S&top"))
        self._tokens_label.setText(translate("SamplingTab", "&New tokens:"))
        self._columns_label.setText(translate("SamplingTab", "Side &by side:"))
        self._note.setText(translate("SamplingTab", "Every strategy continues the same prompt; sampling uses the "
                                                    "settings on the left (with the same seed), and the repetition "
                                                    "penalty there applies to all."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_note"):
            self.retranslate_ui()

    def _show_columns(self, n: int) -> None:
        for index, column in enumerate(self.columns):
            column.setVisible(index < n)

    def active_columns(self) -> list[GenerationColumn]:
        return self.columns[:self.columns_spin.value()]

    @property
    def running(self) -> bool:
        return any(column.running for column in self.columns)

    @property
    def tokens(self) -> list[Any]:
        return self.columns[0].tokens

    @property
    def produced_when_stopped(self) -> int | None:
        return self.columns[0].produced_when_stopped

    def produced(self) -> int:
        return self.columns[0].produced()

    def generated_text(self) -> str:
        return self.columns[0].generated_text()

    def has_tokens(self) -> bool:
        """Whether a column in use shows generated tokens (for the Generated tokens export)."""
        return any(column.tokens for column in self.active_columns())

    def generate(self) -> None:
        """Start every active column on the same prompt (nothing if one is still running)."""
        if self.running:
            return
        try:
            loaded, prompt, sampling = self._request()
            settings = [column.settings(self.max_tokens_spin.value(), sampling) for column in self.active_columns()]
            for each in settings:
                each.validate()
        except ValueError as error:
            self.message.emit(error)
            self.finished.emit()
            return
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._drain_timer.start()
        for column, each in zip(self.active_columns(), settings):
            column.start(loaded, prompt, each)

    def stop(self) -> None:
        """Ask every running generator to stop before its next token."""
        for column in self.columns:
            column.stop()

    def shutdown(self) -> None:
        """Stop and join the workers (tab closing, model changing)."""
        for column in self.columns:
            column.shutdown()

    def _drain(self) -> None:
        for column in self.columns:
            column.drain()

    def _on_column_finished(self) -> None:
        if self.running:
            return
        self._drain_timer.stop()
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.finished.emit()
