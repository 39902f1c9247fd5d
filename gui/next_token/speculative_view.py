"""The Speculative page: a draft proposes tokens, the model checks them in one pass.

`SpeculativePanel` runs, in a `TaskThread`, plain greedy decoding (timed, the baseline) and then
`core.next_token.speculative.speculative_decode` with a draft model (the built-in model, or a
folder the user picks) or `prompt_lookup_decode` (proposals copied from the text). Each round is
queued by the worker and drawn by a 15 Hz timer: accepted draft tokens are underlined on green,
a rejected proposal is struck through in grey, and the model's own token (a correction, or a bonus
after all proposals were accepted) is bold on orange. The status line gives the acceptance rate,
both speeds and the speed-up.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal, percent
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DRAIN_INTERVAL_MS = 66
ACCEPTED_BACKGROUND = "#c7e9c0"  # light green
CORRECTED_BACKGROUND = "#fdd0a2"  # light orange
SOURCES = {"builtin": QT_TRANSLATE_NOOP("SamplingTab", "the built-in model"),
           "lookup": QT_TRANSLATE_NOOP("SamplingTab", "prompt lookup (no draft model)")}


def token_format(kind: str, tip: str) -> QTextCharFormat:
    """The look of a token: "accepted" (underlined on green), "rejected" (grey, struck through) or
    "main" (bold on orange), with a tooltip."""
    text_format = QTextCharFormat()
    text_format.setToolTip(tip)
    if kind == "accepted":
        text_format.setBackground(QColor(ACCEPTED_BACKGROUND))
        text_format.setForeground(QColor("black"))
        text_format.setFontUnderline(True)
    elif kind == "rejected":
        text_format.setForeground(QColor("#8c8c8c"))
        text_format.setFontStrikeOut(True)
    else:
        text_format.setBackground(QColor(CORRECTED_BACKGROUND))
        text_format.setForeground(QColor("black"))
        text_format.setFontWeight(QFont.Weight.Bold)
    return text_format


class SpeculativePanel(QWidget):
    """Draft choice, draft tokens per round, new tokens, Run/Stop, the coloured text and the numbers.

    `request()` returns (loaded model, prompt text) or raises ValueError."""

    finished = Signal()
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self._live = LiveTexts()
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("speculativeDraft")
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(14)
        for key in SOURCES:
            self.source_combo.addItem("", key)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("speculativeFolder")
        self.draft_tokens = QSpinBox()
        self.draft_tokens.setObjectName("speculativeDraftTokens")
        self.draft_tokens.setRange(1, 16)
        self.draft_tokens.setValue(4)
        self.new_tokens = QSpinBox()
        self.new_tokens.setObjectName("speculativeNewTokens")
        self.new_tokens.setRange(1, 500)
        self.new_tokens.setValue(40)
        self.run_button, self.stop_button = QPushButton(), QPushButton()
        self.run_button.setObjectName("speculativeRun")
        self.stop_button.setObjectName("speculativeStop")
        self.stop_button.setEnabled(False)
        self._labels = [QLabel() for _ in range(3)]
        top, buttons = QHBoxLayout(), QHBoxLayout()
        for label, widget in zip(self._labels, (self.source_combo, self.draft_tokens, self.new_tokens)):
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.insertWidget(2, self.folder_button)
        for widget in (self.run_button, self.stop_button):
            buttons.addWidget(widget)
        top.addStretch(1)
        buttons.addStretch(1)
        self.explanation, self.legend, self.status = QLabel(), QLabel(), QLabel()
        for label in (self.explanation, self.legend, self.status):
            label.setWordWrap(True)
        self.status.setObjectName("speculativeStatus")
        self.output = QTextEdit()
        self.output.setObjectName("speculativeOutput")
        self.output.setReadOnly(True)
        self.output.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.explanation)
        layout.addWidget(self.legend)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)
        self.rounds: list[Any] = []  # core.next_token.speculative.SpeculativeRound shown so far
        self.result: Any = None  # (GreedyTiming, SpeculativeResult) of the last run
        self._drafts: dict[str, Any] = {}  # folder -> LoadedModel, loaded once
        self._tokenizer: Any = None
        self._queue: deque = deque()
        self._task: TaskThread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self._drain)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.stop)
        self.folder_button.clicked.connect(self.choose_folder)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = (translate("SamplingTab", "&Draft:"), translate("SamplingTab", "Draft toke&ns per round:"),
                 translate("SamplingTab", "Ne&w tokens:"))
        for label, text in zip(self._labels, texts):
            label.setText(text)
            label.buddy().setAccessibleName(text.replace("&", "").rstrip(":"))
        for index in range(self.source_combo.count()):
            key = self.source_combo.itemData(index)
            if key in SOURCES:
                self.source_combo.setItemText(index, translate("SamplingTab", SOURCES[key]))
        self.folder_button.setText(translate("SamplingTab", "Choose &another draft…"))
        self.folder_button.setToolTip(translate("SamplingTab", "A model folder trained on the same tokenizer, "
                                                               "e.g. a checkpoint trained in the app"))
        self.run_button.setText(translate("SamplingTab", "R&un speculative decoding"))
        self.stop_button.setText(translate("SamplingTab", "Stop"))
        self.output.setAccessibleName(translate("SamplingTab", "Speculative decoding output"))
        self.explanation.setText(translate(
            "SamplingTab", "A small draft guesses the next few tokens; the model reads them all in one pass and "
                           "keeps the guesses it agrees with, up to the first disagreement, where it writes its own "
                           "token. The text is exactly the model's greedy text, written in fewer passes."))
        self.legend.setText(translate(
            "SamplingTab", "Underlined on green: a draft token the model accepted. Struck through in grey: the "
                           "draft's rejected guess. Bold on orange: the model's own token (a correction, or a bonus "
                           "token after all guesses were accepted)."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "legend"):
            self.retranslate_ui()
            self._live.refresh()
            if self.rounds:
                self._rewrite()

    @property
    def running(self) -> bool:
        return self._task is not None

    def choose_folder(self) -> None:
        """Add a draft model folder to the list and select it."""
        folder = QFileDialog.getExistingDirectory(self, translate("SamplingTab", "Choose a draft model folder"))
        if folder:
            self.add_draft_folder(folder)

    def add_draft_folder(self, folder: str) -> None:
        from pathlib import Path

        index = self.source_combo.findData(folder)
        if index < 0:
            self.source_combo.addItem(Path(folder).name, folder)
            index = self.source_combo.count() - 1
        self.source_combo.setCurrentIndex(index)

    def _draft_folder(self, source: str) -> str | None:
        if source == "builtin":
            from core.assets import builtin_model_dir

            folder = builtin_model_dir()
            return None if folder is None else str(folder)
        return source

    def run(self) -> None:
        """Time plain greedy, then speculative decoding, on the current prompt (nothing while running)."""
        if self._task is not None:
            return
        source = self.source_combo.currentData()
        try:
            loaded, prompt = self._request()
            folder = None if source == "lookup" else self._draft_folder(source)
            if source != "lookup" and folder is None:
                raise ValueError(translate("SamplingTab", "This build has no built-in model to use as the draft; "
                                                          "choose another draft or prompt lookup."))
        except ValueError as error:
            self.message.emit(error)
            return
        draft, k, n = self._drafts.get(folder) if folder else None, self.draft_tokens.value(), self.new_tokens.value()
        queue: deque = deque()
        self._queue, self.rounds, self.result, self._tokenizer = queue, [], None, loaded.tokenizer
        self._prompt = prompt
        self._rewrite()

        def job(context) -> Any:
            from core.next_token import speculative

            stop = lambda: context.stop_requested  # noqa: E731
            ids = loaded.encode(prompt) if prompt else []
            model = draft
            if folder is not None and model is None:
                from core.model.loading import load_model

                model = load_model(folder, device=loaded.device)
            speculative.timed_greedy(loaded, ids, 1)  # warm up, so neither timing pays first-call costs
            greedy = speculative.timed_greedy(loaded, ids, n, stop=stop)
            if model is None:
                result = speculative.prompt_lookup_decode(loaded, ids, n, k, stop=stop, on_round=queue.append)
            else:
                result = speculative.speculative_decode(loaded, model, ids, n, k, stop=stop, on_round=queue.append)
            return folder, model, greedy, result

        self._task = TaskThread(job, name="speculative")
        self._task.succeeded.connect(self._on_result)
        self._task.failed.connect(lambda error, _details: self.message.emit(error))
        self._task.finished.connect(self._on_finished)
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._live.show("status", self.status.setText,
                        lambda: translate("SamplingTab", "Timing plain greedy decoding, then speculative decoding…"))
        self._timer.start()
        self._task.start()

    def stop(self) -> None:
        if self._task is not None:
            self._task.request_stop()

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.request_stop()
            self._task.wait()
            self._on_finished()

    def clear(self) -> None:
        """Forget the run shown and the drafts loaded for another model (the model changed)."""
        self.shutdown()
        self.rounds, self.result = [], None
        self.output.clear()
        self._live.show("status", self.status.setText, "")

    def _drain(self) -> None:
        if not self._queue:
            return
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        while self._queue:
            record = self._queue.popleft()
            self.rounds.append(record)
            self._insert_round(cursor, record, len(self.rounds))
        self.output.setTextCursor(cursor)
        self.output.ensureCursorVisible()

    def _insert_round(self, cursor: QTextCursor, record: Any, number: int) -> None:
        decode = self._tokenizer.decode
        for token in record.proposed[:record.accepted]:
            tip = translate("SamplingTab", "round {n}: proposed by the draft, accepted").format(n=number)
            cursor.insertText(decode([token], clean_up_tokenization_spaces=False), token_format("accepted", tip))
        if record.accepted < len(record.proposed):
            rejected = decode([record.proposed[record.accepted]], clean_up_tokenization_spaces=False)
            tip = translate("SamplingTab", "round {n}: the draft's guess, rejected").format(n=number)
            cursor.insertText(rejected, token_format("rejected", tip))
            tip = translate("SamplingTab", "round {n}: the model's correction").format(n=number)
        else:
            tip = translate("SamplingTab", "round {n}: the model's own token after the accepted guesses").format(
                n=number)
        cursor.insertText(decode([record.correction], clean_up_tokenization_spaces=False), token_format("main", tip))

    def _rewrite(self) -> None:
        """The prompt and every round shown so far again (a new run, or a new language for the tooltips)."""
        self.output.clear()
        cursor = self.output.textCursor()
        cursor.insertText(getattr(self, "_prompt", ""), QTextCharFormat())
        for number, record in enumerate(self.rounds, start=1):
            self._insert_round(cursor, record, number)
        self.output.setTextCursor(cursor)

    def _on_result(self, outcome: Any) -> None:
        folder, model, greedy, result = outcome
        if folder is not None and model is not None:
            self._drafts[folder] = model
        self.result = (greedy, result)
        self._drain()
        same = result.token_ids == greedy.token_ids[:len(result.token_ids)]

        def status() -> str:
            speed_up = result.tokens_per_second / greedy.tokens_per_second if greedy.tokens_per_second else 0.0
            text = translate(
                "SamplingTab", "Acceptance rate {rate} ({accepted} of {proposed} guesses). Speculative: {spec} tokens/s "
                               "in {passes} passes of the model; plain greedy: {greedy} tokens/s in {greedy_passes} "
                               "passes; speed-up ×{speed_up}.").format(
                rate=percent(result.acceptance_rate, 0), accepted=count(result.accepted),
                proposed=count(result.proposed), spec=decimal(result.tokens_per_second, 1),
                passes=count(result.main_passes), greedy=decimal(greedy.tokens_per_second, 1),
                greedy_passes=count(greedy.main_passes), speed_up=decimal(speed_up, 2))
            same_text = (translate("SamplingTab", "Same text as greedy decoding.") if same else
                         translate("SamplingTab", "The text differs from greedy decoding (rounding in a near tie)."))
            return f"{text} {same_text}"

        self._live.show("status", self.status.setText, status)

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self._timer.stop()
        self._drain()
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if self.result is None:
            self._live.show("status", self.status.setText, "")
        self.finished.emit()
