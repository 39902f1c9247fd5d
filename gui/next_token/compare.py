"""The Next-token tab's comparisons over the same cached logits: A/B settings, and temperatures.

`SettingsComparePanel`: two settings panels side by side, each with its entropy and the number of
tokens that survive, and the final probabilities of the same tokens under A and under B.
`TemperaturePlot`: the final distribution at three temperatures, the other settings unchanged.
Neither runs the model: both re-apply `core.next_token.sampling` to the tab's cached logits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.common.plot_canvas import LazyPlot, style_axes
from gui.common.tab_header import set_plot_name
from gui.next_token.controls import SettingsForm
from gui.next_token.views import GREY, KEPT, bar_rows, one_torch_thread, percent, percent_formatter, short

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

ROWS = 12  # tokens compared (fewer than the main bars: the settings take half the height)
PANEL_COLORS = (KEPT, "#c2507a")  # viridis teal for A, a magma pink for B; the panels are also titled


class SettingsComparePanel(QWidget):
    """Settings A and B side by side over the same logits, with entropy, survivors and bars.

    `main_settings()` returns the left column's settings, for the "copy" buttons.
    """

    def __init__(self, main_settings: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._main_settings = main_settings
        self._inputs: tuple[Any, list[int], Any] | None = None  # logits, prompt ids, tokenizer
        self.stages: list[list[Any]] = [[], []]
        self._memos: list[Any] = []  # a core.next_token.sampling.StageMemo for A and one for B
        self._error: Exception | None = None  # why the stages could not be computed
        self.forms = [SettingsForm("", "compareA", mnemonics=False), SettingsForm("", "compareB", mnemonics=False)]
        self.forms[1].temperature.setValue(0.7)  # B starts cooler and with top-p, so A and B differ
        self.forms[1].top_p.setValue(0.9)
        self.stats = [QLabel(), QLabel()]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self._copy_buttons: list[QPushButton] = []
        for column, (form, stats) in enumerate(zip(self.forms, self.stats)):
            stats.setObjectName(f"compareStats{'AB'[column]}")
            stats.setWordWrap(True)
            stats.setTextFormat(Qt.TextFormat.PlainText)
            copy = QPushButton()
            copy.setObjectName(f"compareCopy{'AB'[column]}")
            self._copy_buttons.append(copy)
            copy.clicked.connect(lambda _checked=False, f=form: f.set_settings(self._main_settings()))
            form.layout().addRow(copy)
            form.changed.connect(self.refresh)
            form.layout().setVerticalSpacing(2)
            grid.addWidget(form, 0, column)
            grid.addWidget(stats, 1, column)
        self.plot = ComparePlot()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(grid)
        content_layout.addWidget(self.plot, 1)
        # two settings forms and the plot are taller than a laptop screen leaves: the page scrolls
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts (the forms do their rows)."""
        self.forms[0].setTitle(translate("SamplingTab", "Settings A"))
        self.forms[1].setTitle(translate("SamplingTab", "Settings B"))
        for button in self._copy_buttons:
            button.setText(translate("SamplingTab", "Copy the settings on the left"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "plot"):
            self.retranslate_ui()
            if self._inputs is not None and self._error is not None:
                self.stats[0].setText(localized(self._error))
            elif self._inputs is not None and self.isVisible() and all(self.stages):
                self._show_results()  # the same numbers in the new language (no new sampling)

    def set_inputs(self, logits: Any, prompt_ids: list[int], tokenizer: Any) -> None:
        self._inputs = (logits, prompt_ids, tokenizer)
        self.refresh()

    def clear(self) -> None:
        self._inputs, self.stages, self._error, self._memos = None, [[], []], None, []
        for stats in self.stats:
            stats.clear()

    def entropies(self) -> list[float]:
        return [stages[-1].entropy_bits for stages in self.stages]

    def survivors(self) -> list[int]:
        return [stages[-1].n_kept for stages in self.stages]

    def refresh(self) -> None:
        from core.next_token.sampling import StageMemo, sampling_stages

        if self._inputs is None or not self.isVisible():
            return
        logits, prompt_ids, tokenizer = self._inputs
        if not self._memos:
            self._memos = [StageMemo() for _form in self.forms]
        try:
            with one_torch_thread():
                self.stages = [sampling_stages(logits, form.settings(), prompt_ids, memo)
                               for form, memo in zip(self.forms, self._memos)]
        except ValueError as error:
            self._error = error
            self.stats[0].setText(localized(error))
            return
        self._error = None
        self._show_results()

    def _show_results(self) -> None:
        """The entropy lines and the bars of `self.stages`."""
        logits, _prompt_ids, tokenizer = self._inputs
        vocabulary = len(logits)
        for name, stats, stages in zip("AB", self.stats, self.stages):
            final = stages[-1]
            text = translate("SamplingTab", "{name}: entropy {bits} bits · {kept} of {vocab} tokens "
                                            "survive · top token {top}")
            stats.setText(text.format(name=name, bits=decimal(final.entropy_bits, 2), kept=count(final.n_kept),
                                      vocab=count(vocabulary), top=percent(float(final.probs.max()))))
        with one_torch_thread():
            self.plot.show_pair(self.stages, ROWS, tokenizer)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.refresh()


class ComparePlot(LazyPlot):
    """The same tokens (the model's most likely) under settings A (left) and B (right)."""

    def __init__(self, parent=None) -> None:
        super().__init__("", parent, min_height=240)
        self.retranslate()
        self.heights: list[list[float]] = [[], []]
        self.labels: list[str] = []
        self.token_ids: list[int] = []

    def retranslate(self) -> None:
        set_plot_name(self, translate("SamplingTab", "Final probabilities under settings A and B"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_pair(self, stages_ab: list[list[Any]], n: int, tokenizer: Any) -> None:
        rows = bar_rows(stages_ab[0][:1], n, tokenizer)  # the model's own ranking (the softmax stage)
        figure = self.figure()
        figure.clear()
        background, foreground = self.colors()
        panels = figure.subplots(1, 2, sharey=True)
        font = max(7.0, min(10.0, (max(self.height(), 240) - 60) / max(len(rows.token_ids), 1) * 0.55))
        self.labels, self.token_ids = rows.labels, rows.token_ids
        top = max(max(float(stages[-1].probs[rows.token_ids].max()) for stages in stages_ab), 0.01)
        for index, (axes, stages, color) in enumerate(zip(panels, stages_ab, PANEL_COLORS)):
            final = stages[-1].probs
            heights = [float(final[i]) for i in rows.token_ids]
            self.heights[index] = heights
            axes.barh(range(len(heights)), heights, color=color)
            for i, p in enumerate(heights):
                text = percent(p) if p > 0 else translate("SamplingTab", "removed")
                axes.text(p + top * 0.02, i, text, va="center", fontsize=font * 0.9,
                          color=foreground if p > 0 else GREY, style="normal" if p > 0 else "italic")
            axes.set_xlim(0, top * 1.4)
            axes.xaxis.set_major_formatter(percent_formatter())
            axes.set_title(translate("SamplingTab", "Settings A") if index == 0 else translate(
                "SamplingTab", "Settings B"), fontsize=10, loc="left")
            style_axes(axes, background, foreground)
        panels[0].set_yticks(range(len(rows.labels)), [short(label) for label in rows.labels],
                             fontfamily="monospace", fontsize=font)
        panels[0].set_ylim(len(rows.labels) - 0.5, -0.5)
        self.request_draw()


class TemperaturePlot(LazyPlot):
    """The final distribution at several temperatures, side by side, for the same tokens."""

    def __init__(self, parent=None) -> None:
        super().__init__("", parent, min_height=260)
        self.retranslate()
        self.heights_by_temperature: dict[float, list[float]] = {}
        self.labels: list[str] = []

    def retranslate(self) -> None:
        """The accessible name in the current language (the tab draws the plot again)."""
        set_plot_name(self, translate("SamplingTab", "Final distributions at three temperatures"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_temperatures(self, logits: Any, settings: Any, previous_ids: list[int], temperatures: tuple,
                          n: int, tokenizer: Any) -> None:
        from core.next_token.sampling import sampling_stages

        stages = {t: sampling_stages(logits, replace(settings, temperature=t), previous_ids) for t in temperatures}
        middle = temperatures[len(temperatures) // 2]
        rows = bar_rows(stages[middle], n, tokenizer)
        figure = self.figure()
        figure.clear()
        background, foreground = self.colors()
        panels = figure.subplots(1, len(temperatures), sharey=True)
        font = max(6.0, min(10.0, max(self.height(), 260) * 0.8 / max(len(rows.token_ids), 1) * 0.55))
        self.heights_by_temperature, self.labels = {}, rows.labels
        top = max(float(stages[t][-1].probs[rows.token_ids].max()) for t in temperatures)
        for axes, t in zip(panels, temperatures):
            final = stages[t][-1]
            heights = [float(final.probs[i]) for i in rows.token_ids]
            self.heights_by_temperature[t] = heights
            axes.barh(range(len(heights)), heights, color=KEPT)
            for i, p in enumerate(heights):
                axes.text(p + top * 0.02, i, percent(p) if p > 0 else "–", va="center", fontsize=font * 0.9,
                          color=foreground)
            axes.set_xlim(0, max(top, 0.01) * 1.45)
            axes.xaxis.set_major_formatter(percent_formatter())
            axes.set_title(translate("SamplingTab", "T = {t}\n{bits} bits, {kept} tokens").format(
                t=decimal(t, 1), bits=decimal(final.entropy_bits, 2), kept=count(final.n_kept)), fontsize=10)
            style_axes(axes, background, foreground)
        panels[0].set_yticks(range(len(rows.labels)), [short(label) for label in rows.labels],
                             fontfamily="monospace", fontsize=font)
        panels[0].set_ylim(len(rows.labels) - 0.5, -0.5)
        note = translate("SamplingTab", "Only the temperature changes; the other settings are those on the "
                                        "left (– = removed).")
        figure.suptitle(note, fontsize=9, color=foreground)
        self.request_draw()
