"""The Logit lens page: what each layer would predict if it were the last.

`LogitLensPanel` runs `core.next_token.logit_lens.logit_lens` on the prompt in a `TaskThread` (every
position, so both views come from one run) and draws `gui.next_token.logit_lens_plot`'s two
heatmaps; hovering a cell shows its best guesses with their probabilities. The tab's Export menu
saves both as PNG/SVG and the numbers as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count
from gui.common.plot_canvas import LazyPlot
from gui.common.tab_header import LiveTexts
from gui.common.workers import TaskThread
from gui.next_token.logit_lens_plot import (
    draw_position_grid,
    draw_top_guesses,
    grid_width_px,
    hover_text,
    layer_name,
)

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MAX_GUESSES = 10


class LogitLensPanel(QWidget):
    """Guesses shown, Run, the last position's layers x guesses, the layers x positions grid.

    `request()` returns (loaded model, prompt text) or raises ValueError."""

    finished = Signal()
    message = Signal(object)  # an exception (core errors carry a translatable Message) or a text

    def __init__(self, request: Callable[[], tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self._live = LiveTexts()
        self.k_spin = QSpinBox()
        self.k_spin.setObjectName("logitLensGuesses")
        self.k_spin.setRange(1, MAX_GUESSES)
        self.k_spin.setValue(5)
        self._k_label = QLabel()
        self._k_label.setBuddy(self.k_spin)
        self.run_button = QPushButton()
        self.run_button.setObjectName("logitLensRun")
        top = QHBoxLayout()
        for widget in (self._k_label, self.k_spin, self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.explanation, self.status = QLabel(), QLabel()
        self.explanation.setWordWrap(True)
        self.status.setWordWrap(True)
        self.status.setObjectName("logitLensStatus")
        self.top_plot = LazyPlot("", min_height=140)
        self.grid_plot = LazyPlot("", min_height=140)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_plot)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.top_plot)
        splitter.addWidget(self.scroll)
        splitter.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.lens: Any = None  # core.next_token.logit_lens.LogitLens of the last run
        self._tokenizer: Any = None
        self._prompt = ""
        self._axes: dict[str, Any] = {}  # "top"/"grid" -> the Axes drawn, for hover
        self._task: TaskThread | None = None
        self.run_button.clicked.connect(self.run)
        self.k_spin.valueChanged.connect(lambda _k: self.draw())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._k_label.setText(translate("SamplingTab", "&Candidates per layer:"))
        self.k_spin.setAccessibleName(translate("SamplingTab", "Candidates per layer"))
        self.run_button.setText(translate("SamplingTab", "R&un the logit lens"))
        self.top_plot.setAccessibleName(translate("SamplingTab", "Logit lens: each layer's guesses for the next "
                                                                 "token"))
        self.grid_plot.setAccessibleName(translate("SamplingTab", "Logit lens: each layer's top guess at every "
                                                                  "position"))
        self.explanation.setText(translate(
            "SamplingTab", "The logit lens applies the model's final layer norm and output head to the running "
                           "vector after every layer, as if that layer were the last. Early layers often guess "
                           "common tokens; the answer firms up layer by layer. The last layer is the model's own "
                           "prediction. Hover a cell for its probabilities."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange) and hasattr(self, "status"):
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate_ui()
                self._live.refresh()
            self.draw()

    @property
    def running(self) -> bool:
        return self._task is not None

    def run(self) -> None:
        """Run the lens on the current prompt (nothing while a run is going)."""
        from core.next_token.logit_lens import logit_lens

        if self._task is not None:
            return
        try:
            loaded, prompt = self._request()
        except ValueError as error:
            self.message.emit(error)
            return
        self._task = TaskThread(lambda _context: (loaded, prompt, logit_lens(loaded, prompt, "all", MAX_GUESSES)),
                                name="logit-lens")
        self._task.succeeded.connect(self._on_result)
        self._task.failed.connect(lambda error, _details: self.message.emit(error))
        self._task.finished.connect(self._on_finished)
        self.run_button.setEnabled(False)
        self._live.show("status", self.status.setText, lambda: translate("SamplingTab", "Reading every layer…"))
        self._task.start()

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.wait()
            self._on_finished()

    def clear(self) -> None:
        """Forget the lens shown (the model changed)."""
        self.shutdown()
        self.lens, self._axes = None, {}
        self._live.show("status", self.status.setText, "")
        for plot in (self.top_plot, self.grid_plot):
            if plot.created:
                plot.figure().clear()
                plot.request_draw()

    def label(self, token_id: int) -> str:
        from core.tokenization.token_labels import token_label

        return token_label(self._tokenizer, token_id)

    def _on_result(self, outcome: Any) -> None:
        loaded, self._prompt, self.lens = outcome
        self._tokenizer = loaded.tokenizer
        lens, label = self.lens, self.label
        first = next((row for row, rank in enumerate(lens.final_ranks) if all(
            r == 1 for r in lens.final_ranks[row:])), lens.n_rows - 1)
        self._live.show("status", self.status.setText, lambda: translate(
            "SamplingTab", "The model's answer “{token}” is the top guess from {layer} on; its rank, layer by "
                           "layer: {ranks}.").format(
            token=label(lens.final_token), layer=layer_name(first),
            ranks=", ".join(count(rank) for rank in lens.final_ranks)))
        self.draw()

    def draw(self) -> None:
        """Draw both heatmaps from the last run (the GUI thread only)."""
        from core.tokenization.token_labels import make_visible

        if self.lens is None:
            return
        prompt = make_visible(self._prompt[-40:])
        top_title = translate("SamplingTab", "After “{prompt}”: each layer's guesses for the next token").format(
            prompt=prompt)
        grid_title = translate("SamplingTab", "Each layer's top guess for the token after each position")
        self._axes["top"] = draw_top_guesses(self.top_plot.figure(), self.lens, self.k_spin.value(), self.label,
                                             self.top_plot.colors(), top_title)
        self.grid_plot.setMinimumWidth(grid_width_px(len(self.lens.positions)))
        self._axes["grid"] = draw_position_grid(self.grid_plot.figure(), self.lens, self.label,
                                                self.grid_plot.colors(), grid_title)
        for key, plot in (("top", self.top_plot), ("grid", self.grid_plot)):
            if not getattr(plot, "_hover_connected", False):
                plot.canvas.mpl_connect("motion_notify_event", lambda event, key=key: self._on_hover(key, event))
                plot._hover_connected = True
            plot.request_draw()

    def _on_hover(self, key: str, event: Any) -> None:
        axes = self._axes.get(key)
        if self.lens is None or axes is None or event.inaxes is not axes or event.xdata is None:
            QToolTip.hideText()
            return
        row, column = round(event.ydata), round(event.xdata)
        columns = self.k_spin.value() if key == "top" else len(self.lens.positions)
        if not (0 <= row < self.lens.n_rows and 0 <= column < columns):
            QToolTip.hideText()
            return
        text = hover_text(self.lens, row, column, self.label, last_only=key == "top")
        if key == "top":
            text += "\n" + translate("SamplingTab", "The final answer is guess #{rank} at this layer.").format(
                rank=count(self.lens.final_ranks[row]))
        QToolTip.showText(QCursor.pos(), text, self)

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.wait()
        task.deleteLater()
        self.run_button.setEnabled(True)
        if self.lens is None:
            self._live.show("status", self.status.setText, "")
        self.finished.emit()

