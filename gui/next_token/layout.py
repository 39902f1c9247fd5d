"""The Next-token tab's widgets: the prompt and steps rows, the warning line, the settings column and
the tabbed views (probabilities, comparisons, generation, precision), made in `build_sampling_widgets`
(which also connects them to the tab and restores the remembered settings) and laid out in the tab;
and their fixed texts, set again after a language change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.next_token.generation import GenerationPanel
from gui.next_token.bars import DistributionPlot
from gui.next_token.compare import ComparePanel, TemperaturePlot
from gui.next_token.controls import SamplingControls
from gui.next_token.exports import ProbabilitiesPage
from gui.next_token.memory import SettingsMemory
from gui.next_token.modes import DEFAULT_PROMPT
from gui.next_token.precision import PrecisionPanel
from gui.next_token.timeline import Timeline
from gui.next_token.views import DrawPlot
from gui.common.tab_header import LiveTexts, TabHeader

if TYPE_CHECKING:
    from gui.next_token.tab import SamplingTab

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def build_sampling_widgets(tab: SamplingTab) -> None:
    """Make the tab's widgets as attributes of `tab` (header, prompt, timeline, message, controls,
    stage_table, bars, draw_plot, compare, temperature_plot, generation, precision, page, views,
    memory), connect them to the tab's handlers and lay them out in `tab`; texts are left to
    `retranslate_sampling_widgets`."""
    tab._live = LiveTexts()  # the message, made again after a language change
    tab.header = TabHeader("", "", [])
    tab.prompt = QPlainTextEdit(DEFAULT_PROMPT)
    tab.prompt.setObjectName("promptInput")
    tab.prompt.setTabChangesFocus(True)
    tab.prompt.setFixedHeight(tab.prompt.fontMetrics().lineSpacing() * 2 + 14)
    tab.timeline = Timeline()
    tab.timeline.rewind_requested.connect(tab._on_rewind)
    grid = QFormLayout()
    tab._prompt_label, tab._steps_label = QLabel(), QLabel()
    tab._prompt_label.setBuddy(tab.prompt)
    tab._steps_label.setBuddy(tab.timeline)
    grid.addRow(tab._prompt_label, tab.prompt)
    grid.addRow(tab._steps_label, tab.timeline)
    tab.message = QLabel()
    tab.message.setObjectName("samplingMessage")
    tab.message.setWordWrap(True)
    tab.message.setTextFormat(Qt.TextFormat.PlainText)
    tab.message.setStyleSheet("QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }")
    tab.message.hide()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    tab.controls = SamplingControls()
    tab.stage_table = tab.controls.stage_table
    tab.controls.settings_changed.connect(tab._on_settings_changed)
    tab.controls.bar_count_changed.connect(tab._plot)
    tab.controls.sample_button.clicked.connect(tab.sample_step)
    tab.controls.greedy_button.clicked.connect(tab.greedy_step)
    splitter.addWidget(tab.controls)
    splitter.addWidget(_build_views(tab))
    tab.memory = SettingsMemory(tab.controls, tab.generation, tab)  # restores, then saves changes
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([360, 920])
    layout = QVBoxLayout(tab)
    layout.addWidget(tab.header)
    layout.addLayout(grid)
    layout.addWidget(tab.message)
    layout.addWidget(splitter, 1)
    tab.prompt.textChanged.connect(tab._debounce.start)


def _build_views(tab: SamplingTab) -> QWidget:
    """The tabbed views beside the settings: probabilities, A/B, temperatures, generation, precision."""
    tab.bars = DistributionPlot()
    tab.bars.token_clicked.connect(tab.click_step)
    tab.bars.rows_fit_changed.connect(tab._on_rows_fit_changed)
    tab.draw_plot = DrawPlot()
    tab.compare = ComparePanel(tab.sampling_settings)
    tab.temperature_plot = TemperaturePlot()
    tab.generation = GenerationPanel(lambda: (*tab._model_and_prompt(), tab.sampling_settings()))
    tab.precision = PrecisionPanel(tab._model_and_prompt)
    for panel in (tab.generation, tab.precision):
        panel.message.connect(tab._show_error)
    tab.page = ProbabilitiesPage(tab.bars, tab.draw_plot)
    tab.views = QTabWidget()
    tab.views.setObjectName("samplingViews")
    for page in (tab.page, tab.compare, tab.temperature_plot, tab.generation, tab.precision):
        tab.views.addTab(page, "")
    tab.views.currentChanged.connect(tab._plot)
    return tab.views


def retranslate_sampling_widgets(tab: SamplingTab) -> None:
    """Apply the current language to the tab's own fixed texts (its panels do theirs)."""
    tab.header.set_texts(
        translate("SamplingTab", "Next token"),
        translate("SamplingTab", "Given a prompt, the model scores every token in its vocabulary. Sampling "
                                 "settings reshape those scores before one token is drawn."),
        [translate("SamplingTab", "Pale bars: the model's own probability; dark bars: after your settings. "
                                  "Removed tokens are greyed and struck through."),
         translate("SamplingTab", "Sample, Greedy or click a bar to append a token; the timeline takes you "
                                  "back to any step."),
         translate("SamplingTab", "Compare two settings, three temperatures or two generation strategies.")],
    )
    tab.prompt.setAccessibleName(translate("SamplingTab", "Prompt"))
    tab._prompt_label.setText(translate("SamplingTab", "&Prompt:"))
    tab._steps_label.setText(translate("SamplingTab", "Ste&ps:"))
    titles = (translate("SamplingTab", "Probabilities"), translate("SamplingTab", "Compare A/B"),
              translate("SamplingTab", "Compare temperatures"), translate("SamplingTab", "Generate"),
              translate("SamplingTab", "Precision fp32 / int8"))
    for index, title in enumerate(titles):
        tab.views.setTabText(index, title)
