"""Next-token tab: the exact probability of every possible next token, and how sampling picks one.

The model runs once per prompt, in a `TaskThread`, 300 ms after the last keystroke
(`core.next_token.prediction.NextTokenPredictor` caches the logits). Every slider only re-runs
`core.next_token.sampling` on those cached logits, on the GUI thread, which takes milliseconds; so do the
A/B and temperature comparisons. Sample, Greedy or a click on a bar appends a token and adds a
chip to the timeline, where any earlier step can be restored. The generation lesson has its own
pages, each running its model work in a worker: Generate (up to four strategies side by side), Beam
tree, Speculative and Logit lens. A masked LM (BERT, RoBERTa)
switches the tab to fill-mask mode, a model with a task head (classifier, token classifier, question
answering) to its task's view in place of the bars; a plain encoder disables the tab, with the reason
(`gui/next_token/modes.py`). The widgets and their fixed texts are made in `gui/next_token/widgets.py`
(`NextTokenWidgets`, kept as `self.ui`, with `header` as `ui.header` for the shell's help panel; the
tab connects them to its handlers); the status line, plot
titles and captions in `gui/next_token/texts.py`. Lesson mode drives the tab through a few public
methods: `show_page`, `set_temperature`, `set_prompt`, `sample_step`, `can_predict_next_token`,
`is_computing`, `warning_text` and the `computed` signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from gui.common.core_text import localized
from gui.common.session import Session
from gui.common.tab_header import LiveTexts
from gui.common.workers import JobRunner
from gui.next_token.controls import MAX_BARS
from gui.next_token.exports import ExportState, sampling_export_items
from gui.next_token.memory import SettingsMemory
from gui.next_token.modes import (
    DEFAULT_PROMPT,
    FILL_MASK_MODE,
    NEXT_TOKEN_MODE,
    NONE,
    TASK_MODES,
    default_prompt,
    enable_for_mode,
    mode_for,
    prompt_for_language,
    task_job,
)
from gui.next_token.steps import StepsMixin
from gui.next_token.texts import fill_mask_title, model_status, next_token_title, sample_step_caption
from gui.next_token.views import bar_rows, draw_caption, one_torch_thread
from gui.next_token.widgets import NextTokenWidgets

__all__ = ["DEFAULT_PROMPT", "FILL_MASK_MODE", "NEXT_TOKEN_MODE", "NONE", "SamplingTab"]  # the modes, for tests

DEBOUNCE_MS = 300  # model runs wait this long after the last keystroke
SECONDARY_MS = 150  # the cumulative draw bar and temperature panels redraw once a slider rests this long
TEMPERATURES = (0.5, 1.0, 1.5)
PAGES = ("probabilities", "compare", "temperatures", "generation", "beam-tree", "speculative", "logit-lens",
         "precision")  # show_page's names, in the order of the views


class SamplingTab(StepsMixin, QWidget):
    """Prompt, timeline, sampling settings, probability bars, steps, comparisons and generation."""

    computed = Signal()  # a model run for the prompt finished (successfully or not)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingTab")
        self.session = session
        self.mode = NONE
        self.predictor: Any = None  # core.next_token.prediction.NextTokenPredictor for the current causal LM
        self.stages: list[Any] = []  # core.next_token.sampling.Stage list for the current prompt and settings
        self.current_distribution: Any = None  # (V,) final distribution
        self.last_draw: Any = None  # a core.next_token.sampling.Draw on the current distribution (rewind replays it)
        self.last_seed: int | None = None
        self.step_draw: tuple[Any, Any, int] | None = None  # (distribution, Draw, step): the last Sample
        self.mask_predictions: list[list[Any]] = []  # fill-mode: MaskGuess lists, one per mask
        self._logits: Any = None
        self._stage_memo: Any = None  # core.next_token.sampling.StageMemo: a slider move reuses the unchanged steps
        self._prompt_ids: list[int] = []
        self._computed_text: str | None = None
        self._plots_dirty = True
        self.runner = JobRunner("next-token", parent=self)  # one model run at a time; the newest prompt wins
        self.runner.succeeded.connect(self._on_computed)
        self.runner.failed.connect(self._on_compute_failed)
        self.runner.busy_changed.connect(lambda busy: busy or self.computed.emit())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self._secondary_timer = QTimer(self)
        self._secondary_timer.setSingleShot(True)
        self._secondary_timer.setInterval(SECONDARY_MS)
        self._secondary_timer.timeout.connect(self._plot_secondary)
        self._build()
        session.model_changed.connect(self._on_model_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_model_changed(session.model)

    # --- construction --------------------------------------------------------------------
    def _build(self) -> None:
        """Make the widgets (`self.ui`), connect them to the tab, restore the remembered settings."""
        self._live = LiveTexts()  # the message, made again after a language change
        self.ui = ui = NextTokenWidgets(self, self._model_and_prompt, self.sampling_settings, default_prompt())
        ui.timeline.rewind_requested.connect(self._on_rewind)
        ui.controls.settings_changed.connect(self._on_settings_changed)
        ui.controls.bar_count_changed.connect(self._plot)
        ui.controls.sample_button.clicked.connect(self.sample_step)
        ui.controls.greedy_button.clicked.connect(self.greedy_step)
        ui.bars.token_clicked.connect(self.click_step)
        ui.bars.rows_fit_changed.connect(self._on_rows_fit_changed)
        for panel in (ui.generation, ui.beam_tree, ui.speculative, ui.logit_lens, ui.precision):
            panel.message.connect(self._show_error)
        ui.views.currentChanged.connect(self._plot)
        self.memory = SettingsMemory(ui.controls, ui.generation, self)  # restores, then saves changes
        ui.prompt.textChanged.connect(self._debounce.start)
        ui.task_view.question.textChanged.connect(self._debounce.start)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the tab's own fixed texts (its panels do theirs)."""
        self.ui.retranslate()

    def _retranslate_data(self) -> None:
        """Status, message and plots in the new language, from what is cached (no model run)."""
        self._update_status(self.session.model)
        self._live.refresh()
        self.ui.bars.invalidate()  # its title, legend and axis labels are drawn once, with the background
        self._plot()

    # --- what tests and other code read --------------------------------------------------
    @property
    def header(self) -> Any:
        """The TabHeader at the top of the tab (title, summary, status; the shell adds its help panel)."""
        return self.ui.header

    def prompt_text(self) -> str:
        return self.ui.prompt.toPlainText()

    def bar_heights(self) -> list[float]:
        """Final probabilities of the token bars, top row first ('everything else' excluded)."""
        return self.ui.bars.heights()

    def bar_labels(self) -> list[str]:
        return self.ui.bars.labels()

    def generated_text(self) -> str:
        return self.ui.generation.generated_text()

    def sampling_settings(self) -> Any:
        return self.ui.controls.settings()

    def can_predict_next_token(self) -> bool:
        """The current model predicts a next token (a causal LM): the tab is in next-token mode."""
        return self.mode == NEXT_TOKEN_MODE

    def is_computing(self) -> bool:
        """A model run for the prompt is running (`computed` is emitted when it ends)."""
        return self.runner.running

    def warning_text(self) -> str:
        """The warning shown above the plots (with its ⚠ sign), '' when none is."""
        return self.ui.warning_text()

    # --- what lesson mode (gui/shell/lesson_mode.py) drives --------------------------------
    def show_page(self, name: str) -> None:
        """Select a page of the views: "probabilities", "compare", "temperatures", "generation",
        "beam-tree", "speculative", "logit-lens" or "precision"; ValueError for another name."""
        if name not in PAGES:
            raise ValueError(f"unknown Next-token page {name!r}; one of {', '.join(PAGES)}")
        self.ui.views.setCurrentIndex(PAGES.index(name))

    def set_temperature(self, value: float) -> None:
        """Set the temperature of the sampling settings (the bars follow at once, no model run)."""
        self.ui.controls.temperature.setValue(value)

    def set_prompt(self, text: str) -> None:
        """Replace the prompt and run the model for it at once (`computed` is emitted when it ends)."""
        self._set_prompt(text, run=True)

    # --- model runs (off the GUI thread) -------------------------------------------------
    def recompute(self) -> None:
        """Run the model for the current prompt in the background (the settings are applied after)."""
        self._debounce.stop()
        loaded, text, predictor = self.session.model, self.prompt_text(), self.predictor
        if self.mode == NEXT_TOKEN_MODE:
            def job():
                ids = predictor.prompt_ids(text)
                return ids, predictor.logits_for(ids)
        elif self.mode == FILL_MASK_MODE:
            def job():
                from core.next_token.prediction import fill_mask

                return fill_mask(loaded, text, top_k=MAX_BARS)
        elif self.mode in TASK_MODES:
            job = task_job(self.mode, loaded, text, self.ui.task_view.question_text())
        else:
            return
        self.runner.submit(lambda _context: job(), (loaded, text))

    def _on_computed(self, request: tuple[Any, str], result: Any) -> None:
        loaded, text = request
        if loaded is not self.session.model:
            return
        if self.mode == FILL_MASK_MODE or self.mode in TASK_MODES:
            self._computed_text = text
            if self.mode == FILL_MASK_MODE:
                self.mask_predictions = result
            else:
                self.ui.task_view.show_result(result)
            self._show_message("")
            self._plot()
            return
        if text != self._computed_text:
            self.last_draw = self.last_seed = None
        self._prompt_ids, self._logits = result
        self._computed_text = text
        self._refresh()
        self.ui.compare.set_inputs(self._logits, self._prompt_ids, loaded.tokenizer)
        step = self.ui.timeline.next_step()  # rewound to a point where a draw was made: show where u fell
        if step is not None and step.u is not None and self.ui.timeline.current_text() == text:
            from core.next_token.sampling import draw_at

            self.last_draw = draw_at(self.current_distribution, step.u)
            self._update_draw_readout()
            self._plot()

    def _on_compute_failed(self, request: tuple[Any, str], error: Exception) -> None:
        if request[0] is self.session.model:
            self._show_error(error)

    # --- settings (no model run) ---------------------------------------------------------
    def _on_settings_changed(self) -> None:
        self.step_draw = None  # the last Sample's picture belongs to the old settings
        self._refresh()

    def _refresh(self) -> None:
        """Re-apply the sampling pipeline to the cached logits and redraw."""
        if self.mode == NEXT_TOKEN_MODE and self._logits is not None:
            with one_torch_thread():
                self._apply_settings()

    def _apply_settings(self) -> None:
        from core.next_token.sampling import StageMemo, draw_at, sampling_stages

        if self._stage_memo is None:
            self._stage_memo = StageMemo()
        try:
            self.stages = sampling_stages(self._logits, self.sampling_settings(), self._prompt_ids,
                                          self._stage_memo)
        except ValueError as error:
            self._show_error(error)
            return
        self.current_distribution = self.stages[-1].probs
        if self.last_draw is not None:  # the same u on the new distribution
            self.last_draw = draw_at(self.current_distribution, self.last_draw.u)
        self.ui.stage_table.show_stages(self.stages)
        self._update_draw_readout()
        self._show_message("")
        self._plot(later=True)

    def _on_rows_fit_changed(self, _fit: int) -> None:
        """The bars' height changed how many rows fit: redraw bars already shown (a plot not made yet
        waits for data, so starting on this tab does not build a figure before the first paint)."""
        if self.ui.bars.created and self.mode != NONE:
            self._plot()

    def _plot(self, *_args: Any, later: bool = False) -> None:
        """Redraw the bars now, and the draw bar and temperature panels now or (later=True, while a
        slider moves) once the slider rests for SECONDARY_MS."""
        if not self.isVisible():
            self._plots_dirty = True
            return
        self._plots_dirty = False
        bars, loaded = self.ui.bars, self.session.model
        n = min(self.ui.controls.bar_count_spin.value(), bars.rows_that_fit())
        if self.mode == FILL_MASK_MODE and self.mask_predictions:
            bars.show_fill_mask(self.mask_predictions, n, fill_mask_title(self._computed_text))
        elif self.mode == NEXT_TOKEN_MODE and self.stages:
            chosen = self.last_draw.token_id if self.last_draw else None
            title = next_token_title(self._computed_text, len(self.current_distribution))
            top_p = self.sampling_settings().top_p
            with one_torch_thread():
                rows = bar_rows(self.stages, n, loaded.tokenizer, top_p)
            bars.show_rows(rows, chosen, title)
            if later:
                self._secondary_timer.start()
            else:
                self._plot_secondary()
        elif self.mode == NONE:
            bars.show_message(self.ui.header.status.text())

    def _plot_secondary(self) -> None:
        self._secondary_timer.stop()
        if self.mode == NEXT_TOKEN_MODE and self.stages and self.isVisible():
            with one_torch_thread():
                self._plot_draw_and_temperatures()

    def _plot_draw_and_temperatures(self) -> None:
        ui, tokenizer = self.ui, self.session.model.tokenizer
        n = ui.controls.bar_count_spin.value()
        if self.step_draw is not None and self.last_draw is None:  # the last Sample, on its distribution
            distribution, draw, number = self.step_draw
            ui.draw_plot.show_draw(distribution, draw, tokenizer, n, sample_step_caption(number, draw))
        else:
            caption = draw_caption(self.last_draw)
            ui.draw_plot.show_draw(self.current_distribution, self.last_draw, tokenizer, n, caption)
        if ui.views.currentWidget() is ui.temperature_plot:
            ui.temperature_plot.show_temperatures(self._logits, self.sampling_settings(), self._prompt_ids,
                                                    TEMPERATURES, min(n, 15), tokenizer)

    def export_items(self) -> list[Any]:
        """What the tab's Export menu saves: every plot (PNG/SVG) and table (CSV), see gui.next_token.exports."""
        return sampling_export_items(self.ui, self._export_state)

    def _export_state(self) -> ExportState:
        model = self.session.model
        return ExportState(self.mode, self.stages, model.tokenizer if model is not None else None,
                           self.mask_predictions)

    # --- model, messages, lifetime -------------------------------------------------------
    def _on_model_changed(self, model: Any) -> None:
        self.ui.generation.shutdown()
        for panel in (self.ui.beam_tree, self.ui.speculative, self.ui.logit_lens):
            panel.clear()
        self.ui.precision.set_model(model)
        self.ui.timeline.clear_steps()
        self.ui.compare.clear()
        self.predictor = self._logits = self.current_distribution = self.last_draw = self._computed_text = None
        self._stage_memo = None
        self.stages, self.mask_predictions, self.step_draw = [], [], None
        self._show_message("")
        self.mode, self.predictor, prompt = mode_for(model, self.prompt_text())
        if self.predictor is not None:  # next-token mode
            self.ui.controls.top_k_spin.setMaximum(len(model.tokenizer))
        if prompt is not None:
            self._set_prompt(prompt)
        self._update_status(model)
        enable_for_mode(self.ui, self.mode)
        self._plot()
        self.recompute()

    def _update_status(self, model: Any) -> None:
        """The header's status line for `model` and the tab's mode."""
        self.ui.header.set_status(model_status(model, self.mode))

    def _set_prompt(self, text: str, run: bool = False) -> None:
        """Replace the prompt; run=True runs the model for it at once, else no model run starts."""
        prompt = self.ui.prompt
        prompt.blockSignals(not run)
        prompt.setPlainText(text)
        prompt.blockSignals(False)
        if run:
            prompt.moveCursor(QTextCursor.MoveOperation.End)
            self.recompute()

    def _follow_language(self) -> None:
        """An unedited default prompt becomes the new language's (and is run); a typed one stays."""
        prompt = prompt_for_language(self.prompt_text())
        if prompt is not None:
            self._set_prompt(prompt, run=self.mode != NONE)

    def _model_and_prompt(self) -> tuple[Any, str]:
        """For the generation and precision panels; ValueError (shown as a message) without a causal LM."""
        if self.mode != NEXT_TOKEN_MODE:
            raise ValueError(self.ui.header.status.text())
        return self.session.model, self.prompt_text()

    def _show_message(self, text: Any) -> None:
        """A warning above the plots ('' hides it); `text` may be a function making it in the current language."""
        self._live.show("message", self.ui.set_warning, text)

    def _show_error(self, error: Any) -> None:
        """An exception's text (or a plain text) as the warning, in the current language after a change."""
        if isinstance(error, str) and not error:
            self._show_message("")
        else:
            self._show_message(lambda: localized(error) or type(error).__name__)

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._plots_dirty:
            QTimer.singleShot(0, self._plot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.ui.bars.invalidate()
            self._plots_dirty = True
            if self.isVisible():
                QTimer.singleShot(0, self._plot)
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "ui"):
            self.retranslate_ui()
            self._retranslate_data()
            self._follow_language()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and join every background task of the tab (the app is quitting, or a test ends)."""
        self._debounce.stop()
        self.memory.flush()
        self.runner.shutdown()
        for panel in (self.ui.generation, self.ui.beam_tree, self.ui.speculative, self.ui.logit_lens,
                      self.ui.precision):
            panel.shutdown()
