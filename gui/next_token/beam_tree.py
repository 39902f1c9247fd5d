"""The Beam tree page: beam search drawn step by step, with a slider that replays it.

`BeamTreePanel` runs `core.next_token.beam_search.beam_search` in a `TaskThread`; the worker only
appends each step's record to a queue (its `on_step`), and a 15 Hz timer on the GUI thread moves
them into the panel and redraws the tree (`gui.next_token.beam_tree_plot`). Stop is checked
before every step. When the search ends the finished hypotheses are listed with their raw and
length-normalised scores.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal
from gui.common.plot_canvas import LazyPlot
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread
from gui.next_token.beam_tree_plot import draw_beam_tree, tree_size_px
from gui.next_token.strategy_options import early_stopping_combo, retranslate_early_stopping

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DRAIN_INTERVAL_MS = 66
REDRAW_DELAY_MS = 60  # the slider redraws at most ~16 times a second


def spin(name: str, low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(value)
    return box


class BeamTreePanel(QWidget):
    """Settings, Run/Stop, the tree (scrolls sideways), the replay slider and the hypotheses table.

    `request()` returns (loaded model, prompt text) or raises ValueError."""

    finished = Signal()
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self._live = LiveTexts()
        self.beams_spin = spin("beamTreeBeams", 1, 8, 4)
        self.steps_spin = spin("beamTreeSteps", 1, 40, 12)
        self.return_spin = spin("beamTreeReturn", 1, 4, 4)
        self.ngram_spin = spin("beamTreeNgram", 0, 10, 0)
        self.length_penalty = QDoubleSpinBox()
        self.length_penalty.setObjectName("beamTreeLengthPenalty")
        self.length_penalty.setRange(-5.0, 5.0)
        self.length_penalty.setSingleStep(0.5)
        self.length_penalty.setValue(1.0)
        self.early_stopping = early_stopping_combo("beamTreeEarlyStopping")
        self.beams_spin.valueChanged.connect(lambda n: self.return_spin.setMaximum(n))
        self.run_button, self.stop_button = QPushButton(), QPushButton()
        self.run_button.setObjectName("beamTreeRun")
        self.stop_button.setObjectName("beamTreeStop")
        self.stop_button.setEnabled(False)
        self._labels = [QLabel() for _ in range(6)]
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        widgets = (self.beams_spin, self.steps_spin, self.return_spin, self.length_penalty, self.ngram_spin,
                   self.early_stopping)
        for index, (label, widget) in enumerate(zip(self._labels, widgets)):
            label.setBuddy(widget)
            (row1 if index < 3 else row2).addWidget(label)
            (row1 if index < 3 else row2).addWidget(widget)
        row1.addWidget(self.run_button)
        row1.addWidget(self.stop_button)
        row1.addStretch(1)
        row2.addStretch(1)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.plot = LazyPlot("", min_height=300)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.plot)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("beamTreeSlider")
        self.slider.setRange(0, 0)
        self.step_label = QLabel()
        self._slider_label = QLabel()
        self._slider_label.setBuddy(self.slider)
        replay = QHBoxLayout()
        replay.addWidget(self._slider_label)
        replay.addWidget(self.slider, 1)
        replay.addWidget(self.step_label)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("beamTreeHypotheses")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(60)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.explanation)
        splitter = QSplitter(Qt.Orientation.Vertical)  # the tree gets most of the room; drag to see more rows
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 130])
        layout.addWidget(splitter, 1)
        layout.addLayout(replay)
        layout.addWidget(self.status)
        self.steps: list[Any] = []  # core.next_token.beam_search.BeamStep records so far
        self.result: Any = None  # the last BeamSearchResult
        self.nodes: list[Any] = []  # the TreeNodes drawn last
        self._tokenizer: Any = None
        self._queue: deque = deque()
        self._task: TaskThread | None = None
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(REDRAW_DELAY_MS)
        self._draw_timer.timeout.connect(self.draw)
        self.slider.valueChanged.connect(self._on_slider)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.stop)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = (translate("SamplingTab", "Be&ams:"), translate("SamplingTab", "Ne&w tokens:"),
                 translate("SamplingTab", "Returne&d:"), translate("SamplingTab", "&Length penalty:"),
                 translate("SamplingTab", "No repeated &n-gram:"), translate("SamplingTab", "Stop search&ing:"))
        for label, text in zip(self._labels, texts):
            label.setText(text)
            label.buddy().setAccessibleName(text.replace("&", "").rstrip(":"))
        retranslate_early_stopping(self.early_stopping)
        self.run_button.setText(translate("SamplingTab", "R&un beam search"))
        self.stop_button.setText(translate("SamplingTab", "Stop"))
        self.plot.setAccessibleName(translate("SamplingTab", "Beam search tree"))
        self.slider.setAccessibleName(translate("SamplingTab", "Replay the search up to a step"))
        self._slider_label.setText(translate("SamplingTab", "Repla&y:"))
        self.table.setAccessibleName(translate("SamplingTab", "Finished hypotheses"))
        self.table.setHorizontalHeaderLabels([
            translate("SamplingTab", "Rank"), translate("SamplingTab", "Text"), translate("SamplingTab", "Tokens"),
            translate("SamplingTab", "Log-probability"), translate("SamplingTab", "Score (normalised)")])
        self.explanation.setText(translate(
            "SamplingTab", "Each column is a step: every beam is extended by every token and the best 2 × beams "
                           "candidates are shown, best first, with their cumulative log-probability. Filled: kept "
                           "beams; ✓: finished hypotheses; grey: pruned."))
        self._show_step_label()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "table"):
            self.retranslate_ui()
            self._live.refresh()
            if self.result is not None:
                self._fill_table()
            self.draw()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "table"):
            self.draw()

    @property
    def running(self) -> bool:
        return self._task is not None

    def run(self) -> None:
        """Start a beam search on the current prompt (nothing while one runs)."""
        from core.next_token.beam_search import beam_search, check_beam_settings

        if self._task is not None:
            return
        settings = dict(num_return_sequences=self.return_spin.value(), length_penalty=self.length_penalty.value(),
                        no_repeat_ngram_size=self.ngram_spin.value(),
                        early_stopping=self.early_stopping.currentData())
        beams, new_tokens = self.beams_spin.value(), self.steps_spin.value()
        try:
            loaded, prompt = self._request()
            check_beam_settings(beams, settings["num_return_sequences"], settings["length_penalty"],
                                settings["early_stopping"], settings["no_repeat_ngram_size"])
        except ValueError as error:
            self.message.emit(error)
            return
        queue: deque = deque()
        self._queue, self.steps, self.result, self._tokenizer = queue, [], None, loaded.tokenizer
        self.table.setRowCount(0)
        self.slider.setRange(0, 0)

        def job(context) -> Any:
            return beam_search(loaded, prompt, beams, new_tokens, stop=lambda: context.stop_requested,
                               on_step=queue.append, **settings)

        self._task = TaskThread(job, name="beam-tree")
        self._task.succeeded.connect(self._on_result)
        self._task.failed.connect(lambda error, _details: self.message.emit(error))
        self._task.finished.connect(self._on_finished)
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._live.show("status", self.status.setText, lambda: translate("SamplingTab", "Searching…"))
        self._drain_timer.start()
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
        """Forget the search shown (the model changed)."""
        self.shutdown()
        self.steps, self.result, self.nodes = [], None, []
        self.table.setRowCount(0)
        self.slider.setRange(0, 0)
        self._live.show("status", self.status.setText, "")
        if self.plot.created:
            self.plot.figure().clear()
            self.plot.request_draw()

    def _drain(self) -> None:
        if not self._queue:
            return
        following = self.slider.value() == self.slider.maximum()
        while self._queue:
            self.steps.append(self._queue.popleft())
        self.slider.setRange(1, len(self.steps))
        if following:
            self.slider.setValue(len(self.steps))
        self._draw_timer.start()

    def _on_slider(self, _value: int) -> None:
        self._show_step_label()
        self._draw_timer.start()

    def _show_step_label(self) -> None:
        total = len(self.steps) if hasattr(self, "steps") else 0
        self.step_label.setText(translate("SamplingTab", "step {n} of {total}").format(
            n=count(self.slider.value()), total=count(total)))

    def draw(self) -> None:
        """Draw the tree up to the slider's step (the GUI thread only)."""
        from core.tokenization.token_labels import token_label

        self._draw_timer.stop()
        if not self.steps or self._tokenizer is None:
            return
        width, height = tree_size_px(self.slider.value(), len(self.steps[0].candidates))
        self.plot.setMinimumSize(width, height)
        tokenizer = self._tokenizer
        self.nodes = draw_beam_tree(self.plot.figure(), self.steps, self.slider.value(),
                                    lambda token: token_label(tokenizer, token), self.plot.colors())
        self.plot.request_draw()

    def _on_result(self, result: Any) -> None:
        self.result = result
        self._drain()
        self._fill_table()
        stopped = result.stopped
        self._live.show("status", self.status.setText, lambda: (translate(
            "SamplingTab", "Stopped after {n} steps; unfinished beams are listed too.") if stopped else translate(
            "SamplingTab", "Finished after {n} steps.")).format(n=count(len(result.steps))))

    def _fill_table(self) -> None:
        result, tokenizer = self.result, self._tokenizer
        self.table.setRowCount(len(result.hypotheses))
        for row, hypothesis in enumerate(result.hypotheses):
            text = tokenizer.decode(hypothesis.token_ids, clean_up_tokenization_spaces=False).replace("\n", "↵ ")
            if not hypothesis.finished:
                text += " …"
            cells = [count(row + 1), text, count(len(hypothesis.token_ids)), decimal(hypothesis.log_prob, 3),
                     decimal(hypothesis.score, 3)]
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self._drain_timer.stop()
        self._drain()
        self.draw()
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if self.result is None:
            self._live.show("status", self.status.setText, "")
        self.finished.emit()
