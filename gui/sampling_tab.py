"""Next-token tab: the exact probability of every possible next token, and how sampling picks one.

The model runs once per prompt, in a `TaskThread`, 300 ms after the last keystroke
(`core.prediction.NextTokenPredictor` caches the logits). Every slider only re-runs
`core.sampling` on those cached logits, on the GUI thread, which takes milliseconds.
A masked LM (BERT, RoBERTa) switches the tab to fill-mask mode.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.generation_panel import GenerationPanel, PrecisionPanel, PromptRunner
from gui.sampling_controls import MAX_BARS, SamplingControls
from gui.sampling_views import DistributionPlot, DrawPlot, TemperaturePlot, bar_rows, percent
from gui.session import Session
from gui.tab_header import TabHeader

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DEFAULT_PROMPT = "The cat sat on the"
DEBOUNCE_MS = 300  # model runs wait this long after the last keystroke
SECONDARY_MS = 60  # the cumulative bar and temperature panels redraw at most this often
TEMPERATURES = (0.5, 1.0, 1.5)
NONE, NEXT_TOKEN_MODE, FILL_MASK_MODE = "none", "next-token", "fill-mask"


class SamplingTab(QWidget):
    """Prompt, sampling settings, probability bars, seeded draw, generation and comparisons."""

    computed = Signal()  # a model run for the prompt finished (successfully or not)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingTab")
        self.session = session
        self.mode = NONE
        self.predictor: Any = None  # core.prediction.NextTokenPredictor for the current causal LM
        self.stages: list[Any] = []  # core.sampling.Stage list for the current prompt and settings
        self.current_distribution: Any = None  # (V,) final distribution
        self.last_draw: Any = None  # core.sampling.Draw of the last Draw, re-applied when settings change
        self.last_seed: int | None = None
        self.mask_predictions: list[list[Any]] = []  # fill-mode: MaskGuess lists, one per mask
        self._logits: Any = None
        self._prompt_ids: list[int] = []
        self._computed_text: str | None = None
        self._plots_dirty = True
        self._watched_window: Any = None
        self.runner = PromptRunner(self)  # one model run at a time; the newest prompt wins
        self.runner.succeeded.connect(self._on_computed)
        self.runner.failed.connect(self._on_compute_failed)
        self.runner.idle.connect(self.computed)
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
        self.header = TabHeader(
            translate("SamplingTab", "Next token"),
            translate("SamplingTab", "Given a prompt, the model scores every token in its vocabulary. Sampling "
                                     "settings reshape those scores before one token is drawn."),
            [translate("SamplingTab", "Probability bars for the most likely next tokens; removed tokens are "
                                      "hatched."),
             translate("SamplingTab", "Temperature, top-k, top-p and min-p, applied live and exactly, stage by "
                                      "stage."),
             translate("SamplingTab", "Draw one token with a seed, append it, or generate a whole continuation.")],
        )
        self.prompt = QPlainTextEdit(DEFAULT_PROMPT)
        self.prompt.setObjectName("promptInput")
        self.prompt.setAccessibleName(translate("SamplingTab", "Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(self.prompt.fontMetrics().lineSpacing() * 2 + 14)
        prompt_label = QLabel(translate("SamplingTab", "&Prompt:"))
        prompt_label.setBuddy(self.prompt)
        prompt_row = QHBoxLayout()
        prompt_row.addWidget(prompt_label, 0, Qt.AlignmentFlag.AlignTop)
        prompt_row.addWidget(self.prompt, 1)
        self.message = QLabel()
        self.message.setObjectName("samplingMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }")
        self.message.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.controls = SamplingControls()
        self.stage_table = self.controls.stage_table
        self.controls.settings_changed.connect(self._refresh)
        self.controls.bar_count_changed.connect(self._plot)
        self.controls.draw_button.clicked.connect(self.draw)
        self.controls.append_button.clicked.connect(self.append_token)
        splitter.addWidget(self.controls)
        splitter.addWidget(self._build_views())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 880])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(prompt_row)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.prompt.textChanged.connect(self._debounce.start)

    def _build_views(self) -> QWidget:
        self.bars = DistributionPlot()
        self.draw_plot = DrawPlot()
        self.temperature_plot = TemperaturePlot()
        self.generation = GenerationPanel(lambda: (*self._model_and_prompt(), self.sampling_settings()))
        self.precision = PrecisionPanel(self._model_and_prompt)
        for panel in (self.generation, self.precision):
            panel.message.connect(self._show_message)
        probabilities = QWidget()
        page = QVBoxLayout(probabilities)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.bars, 1)
        page.addWidget(self.draw_plot)
        self.views = QTabWidget()
        self.views.setObjectName("samplingViews")
        self.views.addTab(probabilities, translate("SamplingTab", "Probabilities"))
        self.views.addTab(self.temperature_plot, translate("SamplingTab", "Compare temperatures"))
        self.views.addTab(self.generation, translate("SamplingTab", "Generate"))
        self.views.addTab(self.precision, translate("SamplingTab", "Precision fp32 / int8"))
        self.views.currentChanged.connect(self._plot)
        return self.views

    # --- what tests and other code read --------------------------------------------------
    def prompt_text(self) -> str:
        return self.prompt.toPlainText()

    def bar_heights(self) -> list[float]:
        """Final probabilities of the drawn token bars, top row first ('other' excluded)."""
        return self.bars.heights()

    def bar_labels(self) -> list[str]:
        return self.bars.labels()

    def generated_text(self) -> str:
        return self.generation.generated_text()

    def sampling_settings(self) -> Any:
        return self.controls.settings()

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
                from core.prediction import fill_mask

                return fill_mask(loaded, text, top_k=MAX_BARS)
        else:
            return
        self._watch_window()
        self.runner.run((loaded, text), job)

    def _on_computed(self, request: tuple[Any, str], result: Any) -> None:
        loaded, text = request
        if loaded is not self.session.model:
            return
        if self.mode == FILL_MASK_MODE:
            self.mask_predictions, self._computed_text = result, text
            self._show_message("")
            self._plot()
            return
        if text != self._computed_text:
            self.last_draw = self.last_seed = None
        self._prompt_ids, self._logits = result
        self._computed_text = text
        self._refresh()

    def _on_compute_failed(self, request: tuple[Any, str], error: Exception) -> None:
        if request[0] is self.session.model:
            self._show_message(str(error) or type(error).__name__)

    # --- settings (no model run) ---------------------------------------------------------
    def _refresh(self) -> None:
        """Re-apply the sampling pipeline to the cached logits and redraw."""
        from core.sampling import draw_at, sampling_stages

        if self.mode != NEXT_TOKEN_MODE or self._logits is None:
            return
        try:
            self.stages = sampling_stages(self._logits, self.sampling_settings(), self._prompt_ids)
        except ValueError as error:
            self._show_message(str(error))
            return
        self.current_distribution = self.stages[-1].probs
        if self.last_draw is not None:  # the same u on the new distribution
            self.last_draw = draw_at(self.current_distribution, self.last_draw.u)
        self.stage_table.show_stages(self.stages)
        self._update_draw_readout()
        self._show_message("")
        self._plot(later=True)

    def _plot(self, *_args: Any, later: bool = False) -> None:
        """Redraw the bars now, and the cumulative bar and temperature panels now or (later=True,
        while a slider moves) at most every SECONDARY_MS."""
        if not self.isVisible():
            self._plots_dirty = True
            return
        self._plots_dirty = False
        n, loaded = self.controls.bar_count_spin.value(), self.session.model
        if self.mode == FILL_MASK_MODE and self.mask_predictions:
            title = translate("SamplingTab", "The model's guesses for “{text}”")
            self.bars.show_fill_mask(self.mask_predictions, n, title.format(text=self._computed_text[-60:]))
        elif self.mode == NEXT_TOKEN_MODE and self.stages:
            from core.sampling import make_visible

            chosen = self.last_draw.token_id if self.last_draw else None
            title = translate("SamplingTab", "Next token after “{prompt}” ({n:,} tokens in the vocabulary)")
            title = title.format(prompt=make_visible(self._computed_text[-40:]), n=len(self.current_distribution))
            self.bars.show_rows(bar_rows(self.stages, n, loaded.tokenizer), chosen, title)
            if not later:
                self._plot_secondary()
            elif not self._secondary_timer.isActive():
                self._secondary_timer.start()
        elif self.mode == NONE:
            self.bars.show_message(self.header.status.text())

    def _plot_secondary(self) -> None:
        self._secondary_timer.stop()
        if self.mode != NEXT_TOKEN_MODE or not self.stages or not self.isVisible():
            return
        n, tokenizer = self.controls.bar_count_spin.value(), self.session.model.tokenizer
        self.draw_plot.show_draw(self.current_distribution, self.last_draw, tokenizer, n, self._draw_caption())
        if self.views.currentWidget() is self.temperature_plot:
            self.temperature_plot.show_temperatures(self._logits, self.sampling_settings(), self._prompt_ids,
                                                    TEMPERATURES, min(n, 15), tokenizer)

    # --- draw and step -------------------------------------------------------------------
    def draw(self) -> None:
        """Draw one token with the seed in the spin box (then move the seed on)."""
        from core.sampling import sample

        if self.current_distribution is None:
            self._show_message(translate("SamplingTab", "There is no prediction to draw from yet."))
            return
        self.last_seed = self.controls.seed_spin.value()
        self.last_draw = sample(self.current_distribution, self.last_seed)
        self.controls.seed_spin.setValue(self.last_seed + 1)
        self._update_draw_readout()
        self._plot()

    def _draw_caption(self) -> str:
        if self.last_draw is None:
            return translate("SamplingTab", "Tokens from most to least likely, left to right. Draw picks a random "
                                            "u in [0, 1).")
        caption = translate("SamplingTab", "u = {u:.3f} lands in the segment of rank {rank}: that token is drawn.")
        return caption.format(u=self.last_draw.u, rank=self.last_draw.rank)

    def _update_draw_readout(self) -> None:
        from core.sampling import token_label

        draw = self.last_draw
        if draw is None:
            self.controls.draw_readout.setText(translate("SamplingTab", "No draw yet."))
            return
        readout = translate("SamplingTab", "Seed {seed}: u = {u:.3f} → “{token}”, rank {rank}, "
                                           "probability {p}.")
        self.controls.draw_readout.setText(readout.format(
            seed=self.last_seed, u=draw.u, token=token_label(self.session.model.tokenizer, draw.token_id),
            rank=draw.rank, p=percent(draw.probability)))

    def append_token(self) -> None:
        """Add the drawn token (or the most likely one) to the prompt and run the model again."""
        if self.current_distribution is None or self.runner.running or self._debounce.isActive() \
                or self._computed_text != self.prompt_text():
            self._show_message(translate("SamplingTab", "Wait for the prediction of the current prompt first."))
            return
        token = self.last_draw.token_id if self.last_draw else int(self.current_distribution.argmax())
        tokenizer = self.session.model.tokenizer
        before = tokenizer.decode(self._prompt_ids, clean_up_tokenization_spaces=False)
        after = tokenizer.decode([*self._prompt_ids, token], clean_up_tokenization_spaces=False)
        piece = after[len(before):] if after.startswith(before) else tokenizer.decode([token])
        self.prompt.setPlainText(self.prompt_text() + piece)
        self.prompt.moveCursor(QTextCursor.MoveOperation.End)
        self.recompute()

    # --- model, messages, lifetime -------------------------------------------------------
    def _on_model_changed(self, model: Any) -> None:
        from core.loaded_model import FILL_MASK, NEXT_TOKEN

        self.generation.shutdown()
        self.precision.set_model(model)
        self.predictor = self._logits = self.current_distribution = self.last_draw = self._computed_text = None
        self.stages, self.mask_predictions = [], []
        self._show_message("")
        if model is None:
            self.mode = NONE
            self.header.set_status(
                translate("SamplingTab", "Load a model (File > Open model folder) to see its predictions."))
        elif model.can(NEXT_TOKEN):
            from core.prediction import MASK_SPELLINGS, NextTokenPredictor

            self.mode, self.predictor = NEXT_TOKEN_MODE, NextTokenPredictor(model)
            self.header.set_status(
                translate("SamplingTab", "{model} predicts the next token.").format(model=model.name))
            self.controls.top_k_spin.setMaximum(len(model.tokenizer))
            if any(mask in self.prompt_text() for mask in MASK_SPELLINGS):
                self._set_prompt(DEFAULT_PROMPT)
        elif model.can(FILL_MASK):
            from core.prediction import MASK_SPELLINGS

            self.mode = FILL_MASK_MODE
            mask = model.tokenizer.mask_token or "[MASK]"
            status = translate("SamplingTab", "{model} is a masked model: it fills in a blank instead of "
                                              "predicting the next token. Write [MASK] or <mask> where it "
                                              "should guess.")
            self.header.set_status(status.format(model=model.name))
            if not any(spelling in self.prompt_text() for spelling in MASK_SPELLINGS):
                self._set_prompt(f"{DEFAULT_PROMPT} {mask}.")
        else:
            self.mode = NONE
            self.header.set_status(model.why_not(NEXT_TOKEN))
        next_token = self.mode == NEXT_TOKEN_MODE
        self.controls.set_next_token_mode(next_token)
        self.draw_plot.setVisible(next_token)
        for index in range(1, self.views.count()):
            self.views.setTabEnabled(index, next_token)
        self.prompt.setEnabled(self.mode != NONE)
        self._plot()
        self.recompute()

    def _set_prompt(self, text: str) -> None:
        self.prompt.blockSignals(True)
        self.prompt.setPlainText(text)
        self.prompt.blockSignals(False)

    def _model_and_prompt(self) -> tuple[Any, str]:
        """For the generation and precision panels; ValueError (shown as a message) without a causal LM."""
        if self.mode != NEXT_TOKEN_MODE:
            raise ValueError(self.header.status.text())
        return self.session.model, self.prompt_text()

    def _show_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._plots_dirty:
            QTimer.singleShot(0, self._plot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.bars.invalidate()
            self._plots_dirty = True
            if self.isVisible():
                QTimer.singleShot(0, self._plot)

    def _watch_window(self) -> None:
        """Join this tab's threads when its window closes (MainWindow only joins the session's)."""
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and join every background task of the tab (the app is quitting, or a test ends)."""
        self._debounce.stop()
        self.runner.shutdown()
        self.generation.shutdown()
        self.precision.shutdown()
