"""The Next-token tab's model runs off the GUI thread: the prompt's prediction and generation.

`GenerationPanel` runs `core.next_token.generation.generate_tokens` for one strategy, or for two side by
side on the same prompt (one `GenerationColumn` each, each in its own `TaskThread`). A worker
only appends each new token to a queue; a 15 Hz timer on the GUI thread drains the queues into
the text views, so a fast model never floods the event loop. Stop sets every running thread's
stop event, which the generators check before every token.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, percent
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DRAIN_INTERVAL_MS = 66  # about 15 text updates per second
STRATEGY_LABELS = {  # the keys are core.next_token.generation.STRATEGIES
    "greedy": QT_TRANSLATE_NOOP("SamplingTab", "greedy (always the most likely token)"),
    "sample": QT_TRANSLATE_NOOP("SamplingTab", "sample (uses the settings on the left)"),
    "beam": QT_TRANSLATE_NOOP("SamplingTab", "beam search (4 beams, shown at the end)"),
    "contrastive": QT_TRANSLATE_NOOP("SamplingTab", "contrastive search"),
}


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
        for key in STRATEGY_LABELS:
            self.strategy_combo.addItem("", key)
        self.strategy_combo.setCurrentIndex(self.strategy_combo.findData(strategy))
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
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)
        self.tokens: list[Any] = []  # GeneratedToken records shown so far
        self.produced_when_stopped: int | None = None
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

    def start(self, loaded: Any, prompt: str, settings: Any) -> None:
        """Generate with `settings` (a validated GenerationSettings) in a TaskThread."""
        from core.next_token.generation import generate_tokens

        queue: deque = deque()
        self._queue, self.tokens, self.produced_when_stopped = queue, [], None
        self._prompt = prompt
        self.output.clear()
        self.output.textCursor().insertText(prompt, QTextCharFormat())

        def job(context) -> None:
            for token in generate_tokens(loaded, prompt, settings, stop=lambda: context.stop_requested):
                queue.append(token)

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
        self._live.show("status", self.status.setText, lambda: (translate(
            "SamplingTab", "Stopped after {n} new tokens.") if stopped else translate(
            "SamplingTab", "{n} new tokens.")).format(n=count(n)))
        self.finished.emit()


class GenerationPanel(QWidget):
    """New tokens, side-by-side switch, Generate/Stop, and one or two `GenerationColumn`s.

    `request()` returns (loaded model, prompt text, SamplingSettings) or raises ValueError. The
    first column's widgets are also reachable directly (strategy_combo, output, tokens, ...).
    """

    finished = Signal()  # every column has finished
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.columns = [GenerationColumn("", "A", "greedy"), GenerationColumn("", "B", "sample")]
        self.strategy_combo, self.output, self.status = (self.columns[0].strategy_combo, self.columns[0].output,
                                                         self.columns[0].status)
        self.strategy_combo.setObjectName("generationStrategyCombo")
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setObjectName("maxNewTokensSpin")
        self.max_tokens_spin.setRange(1, 1000)
        self.max_tokens_spin.setValue(30)
        self.side_by_side = QCheckBox()
        self.side_by_side.setObjectName("sideBySideCheck")
        self.side_by_side.setChecked(True)
        self.side_by_side.toggled.connect(self.columns[1].setVisible)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generateButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)
        self._tokens_label = tokens_label = QLabel()
        tokens_label.setBuddy(self.max_tokens_spin)
        top = QHBoxLayout()
        for widget in (tokens_label, self.max_tokens_spin, self.side_by_side, self.generate_button,
                       self.stop_button):
            top.addWidget(widget)
        top.addStretch(1)
        outputs = QHBoxLayout()
        for column in self.columns:
            outputs.addWidget(column, 1)
            column.finished.connect(self._on_column_finished)
            column.failed.connect(self.message)
        self._note = note = QLabel()
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addLayout(outputs, 1)
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts (each column does its own)."""
        self.columns[0].setTitle(translate("SamplingTab", "Strategy A"))
        self.columns[1].setTitle(translate("SamplingTab", "Strategy B"))
        self.max_tokens_spin.setAccessibleName(translate("SamplingTab", "New tokens"))
        self.side_by_side.setText(translate("SamplingTab", "Side &by side with a second strategy"))
        self.generate_button.setText(translate("SamplingTab", "&Generate"))
        self.stop_button.setText(translate("SamplingTab", "S&top"))
        self._tokens_label.setText(translate("SamplingTab", "&New tokens:"))
        self._note.setText(translate("SamplingTab", "Both use the same prompt and the settings on the left (with "
                                                    "the same seed)."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_note"):
            self.retranslate_ui()

    def active_columns(self) -> list[GenerationColumn]:
        return self.columns if self.side_by_side.isChecked() else self.columns[:1]

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
        from core.next_token.generation import GenerationSettings

        if self.running:
            return
        try:
            loaded, prompt, sampling = self._request()
            settings = [GenerationSettings(column.strategy_combo.currentData(), self.max_tokens_spin.value(),
                                           sampling) for column in self.active_columns()]
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
