"""The Next-token tab's widgets (`NextTokenWidgets`, kept by the tab as `ui`, Qt Designer's convention):
the prompt and steps rows, the warning line, the settings column and the tabbed views (probabilities,
comparisons, generation, beam tree, speculative decoding, logit lens, precision), laid out in the parent widget they are given; and their fixed
texts, set again after a language change (`retranslate`).

They know nothing of the tab: the tab connects them to its own handlers, and hands in the two
callables the panels ask (the model and prompt, the sampling settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.common.tab_header import TabHeader
from gui.next_token.bars import DistributionPlot
from gui.next_token.beam_tree import BeamTreePanel
from gui.next_token.compare import SettingsComparePanel, TemperaturePlot
from gui.next_token.controls import SamplingControls
from gui.next_token.generation import GenerationPanel
from gui.next_token.logit_lens_view import LogitLensPanel
from gui.next_token.precision import PrecisionPanel
from gui.next_token.speculative_view import SpeculativePanel
from gui.next_token.task_heads_view import TaskHeadView
from gui.next_token.timeline import Timeline
from gui.next_token.views import DrawPlot

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


class ProbabilitiesPage(QWidget):
    """The bars, the cumulative draw bar under them, and a hint (exports: the tab's Export menu); for a
    model with a task head, the task head's view instead (the modes show one or the other)."""

    def __init__(self, bars: QWidget, draw_plot: QWidget, task_view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel()  # one line: wrapped, it would make the page taller at its narrowest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(bars, 1)
        layout.addWidget(task_view, 1)
        layout.addWidget(draw_plot)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hint.setText(translate("SamplingTab", "Click a bar or a token to append it to the prompt."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "hint"):
            self.retranslate_ui()


class NextTokenWidgets:
    """Every widget of the Next-token tab, laid out in `parent`; texts are set by `retranslate()`.

    `model_and_prompt()` gives (loaded model, prompt) or raises ValueError (shown as a message) for
    the generation and precision panels; `sampling_settings()` the settings of the left column, for
    the generation panel and the A/B copy buttons. `prompt` is the prompt's starting text.
    """

    def __init__(self, parent: QWidget, model_and_prompt: Callable[[], tuple[Any, str]],
                 sampling_settings: Callable[[], Any], prompt: str = "") -> None:
        self.header = TabHeader("", "", [])
        self.prompt = QPlainTextEdit(prompt)
        self.prompt.setObjectName("promptInput")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(self.prompt.fontMetrics().lineSpacing() * 2 + 14)
        self.timeline = Timeline()
        grid = QFormLayout()
        self.prompt_label, self.steps_label = QLabel(), QLabel()
        self.prompt_label.setBuddy(self.prompt)
        self.steps_label.setBuddy(self.timeline)
        grid.addRow(self.prompt_label, self.prompt)
        grid.addRow(self.steps_label, self.timeline)
        self.message = QLabel()
        self.message.setObjectName("samplingMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }")
        self.message.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.controls = SamplingControls()
        self.stage_table = self.controls.stage_table
        splitter.addWidget(self.controls)
        splitter.addWidget(self._build_views(model_and_prompt, sampling_settings))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 920])
        layout = QVBoxLayout(parent)
        layout.addWidget(self.header)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _build_views(self, model_and_prompt: Callable[[], tuple[Any, str]],
                     sampling_settings: Callable[[], Any]) -> QTabWidget:
        """The tabbed views beside the settings: probabilities, A/B, temperatures, generation, beam tree,
        speculative decoding, logit lens, precision."""
        self.bars = DistributionPlot()
        self.draw_plot = DrawPlot()
        self.compare = SettingsComparePanel(sampling_settings)
        self.temperature_plot = TemperaturePlot()
        self.generation = GenerationPanel(lambda: (*model_and_prompt(), sampling_settings()))
        self.beam_tree = BeamTreePanel(model_and_prompt)
        self.speculative = SpeculativePanel(model_and_prompt)
        self.logit_lens = LogitLensPanel(model_and_prompt)
        self.precision = PrecisionPanel(model_and_prompt)
        self.task_view = TaskHeadView()
        self.task_view.hide()
        self.page = ProbabilitiesPage(self.bars, self.draw_plot, self.task_view)
        self.views = QTabWidget()
        self.views.setObjectName("samplingViews")
        self.views.setUsesScrollButtons(True)
        for page in (self.page, self.compare, self.temperature_plot, self.generation, self.beam_tree,
                     self.speculative, self.logit_lens, self.precision):
            self.views.addTab(page, "")
        return self.views

    def retranslate(self) -> None:
        """Apply the current language to the fixed texts made here (the panels do theirs)."""
        self.header.set_texts(
            translate("SamplingTab", "Next token"),
            translate("SamplingTab", "Given a prompt, the model scores every token in its vocabulary. Sampling "
                                     "settings reshape those scores before one token is drawn."),
            [translate("SamplingTab", "Pale bars: the model's own probability; dark bars: after your settings. "
                                      "Removed tokens are greyed and struck through."),
             translate("SamplingTab", "Sample, Greedy or click a bar to append a token; the timeline takes you "
                                      "back to any step."),
             translate("SamplingTab", "Compare settings; generate with four strategies; watch beam search, "
                                      "speculative decoding and the logit lens.")],
        )
        self.prompt.setAccessibleName(translate("SamplingTab", "Prompt"))
        self.prompt_label.setText(translate("SamplingTab", "&Prompt:"))
        self.steps_label.setText(translate("SamplingTab", "Ste&ps:"))
        titles = (translate("SamplingTab", "Probabilities"), translate("SamplingTab", "Compare A/B"),
                  translate("SamplingTab", "Compare temperatures"), translate("SamplingTab", "Generate"),
                  translate("SamplingTab", "Beam tree"), translate("SamplingTab", "Speculative"),
                  translate("SamplingTab", "Logit lens"), translate("SamplingTab", "Precision"))
        for index, title in enumerate(titles):
            self.views.setTabText(index, title)

    def set_warning(self, text: str) -> None:
        """The warning line above the plots ('' hides it)."""
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    def warning_text(self) -> str:
        """The warning line's text as shown (with its ⚠), '' when it is hidden."""
        return "" if self.message.isHidden() else self.message.text()
