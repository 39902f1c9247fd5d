"""Training tab: train a small model live in a background thread, watch the loss fall, use the result.

The settings column is `gui.training.controls`, the run itself `gui.training.worker` (the core
generator in a thread, drained at 15 Hz), the curve `gui.training.plot`. This module wires them
together: readouts, the samples panel, error messages, and "Use this model" / "Open folder".
Each run writes its checkpoints to its own folder under `runs_root` (by default the app's data
folder, `runs/<date_time>`); "Resume…" continues a saved run in its folder (`gui.training.resume`).

Texts follow View > Language: `retranslate_ui()` of each part on a LanguageChange, and the texts
made from data (status, message, result, hover readout, progress) are kept in `self.live`.
The Export menu saves the loss plot and its values (`export_items`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.common.session import Session
from gui.common.tab_exports import ExportItem
from gui.common.tab_header import LiveTexts, TabHeader
from gui.training.batch_view import BatchView
from gui.training.checks import format_count, vocab_size
from gui.training.controls import TrainingControls
from gui.training.exports import loss_export_items
from gui.training.panels import PlotOptions, ResultsPanel, RunReadouts
from gui.training.plot import LossPlot
from gui.training.texts import error_title, header_texts, model_name, result_text, run_status_text
from gui.training.worker import RunRequest, TrainingWorker, best_or_last, new_run_folder

translate = QCoreApplication.translate


def default_runs_root() -> Path:
    """<app data>/runs, e.g. ~/.local/share/LM Anatomy/LM Anatomy/runs on Linux."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "runs"


class TrainingTab(QWidget):
    run_finished = Signal(object)  # the finished run's info (status, steps, checkpoints), after the tab shows it

    def __init__(self, session: Session, parent: QWidget | None = None, runs_root: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.session = session
        self.runs_root = Path(runs_root) if runs_root is not None else default_runs_root()
        self.run_dir: Path | None = None
        self.run_count = 0
        self.started_info: dict[str, Any] | None = None
        self.last_record: dict[str, Any] | None = None
        self.finished_info: dict[str, Any] | None = None
        self.worker = TrainingWorker(self)
        self._build()
        self._connect()
        session.corpus_changed.connect(self._on_corpus_changed)
        session.model_changed.connect(self.controls.set_model)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_corpus_changed(session.corpus)
        self.controls.set_model(session.model)

    # --- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self.live = LiveTexts()  # status, message, result and hover line: made again after a language change
        self.header = TabHeader("", "", [])
        self.controls = TrainingControls()
        self.message = QLabel()
        self.message.setObjectName("trainMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }")
        self.message.hide()
        self.plot = LossPlot()
        self.hover_label = QLabel()
        self.hover_label.setObjectName("trainHover")
        self.hover_label.setWordWrap(True)
        # Two lines, always: a readout that wrapped differently would resize the plot (a full redraw).
        self.hover_label.setFixedHeight(2 * self.hover_label.fontMetrics().lineSpacing() + 4)
        self.readouts = RunReadouts()
        self.options = PlotOptions(self.plot)
        bottom = ResultsPanel()  # the samples, the result and "Use this model" / "Open folder"
        self.samples, self.result_label = bottom.samples, bottom.result_label
        self.use_button, self.open_button = bottom.use_button, bottom.open_button
        plot_page = QWidget()
        plot_column = QVBoxLayout(plot_page)
        for widget, stretch in ((self.options, 0), (self.plot, 1), (self.hover_label, 0)):
            plot_column.addWidget(widget, stretch)
        self.batch_view = BatchView(self._batch_request)  # "What the model sees": one batch as chips
        self.views = QTabWidget()
        self.views.setObjectName("trainViews")
        self.views.addTab(plot_page, "")
        self.views.addTab(self.batch_view, "")
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message)
        column.addWidget(self.views, 1)
        column.addWidget(self.readouts)
        # A splitter, not a layout: new text in the samples or the result must not resize the plot, since
        # every resize is a full matplotlib redraw.
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(top)
        right.addWidget(bottom)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 1)
        right.setSizes([450, 200])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.controls)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()
        self._on_hovered("")

    def retranslate_ui(self) -> None:
        """The tab's fixed texts in the current language (the texts made from data: `self.live`)."""
        self.header.set_texts(*header_texts())
        self.views.setTabText(0, translate("TrainingTab", "&Loss curves"))
        self.views.setTabText(1, translate("TrainingTab", "&What the model sees"))
        self.views.tabBar().setAccessibleName(translate("TrainingTab", "Views"))
        self.hover_label.setAccessibleName(translate("TrainingTab", "Values under the cursor"))

    def export_items(self) -> list[ExportItem]:
        """The Export menu's entries: the loss plot (PNG or SVG), every plotted value (CSV), and the batch the
        model sees (PNG or SVG, CSV)."""
        return loss_export_items(self.plot) + self.batch_view.export_items()

    def _batch_request(self) -> Any:
        """What the batch view draws: the current corpus and settings (None without a corpus)."""
        from gui.training.batch_data import BatchRequest

        controls, model = self.controls, self.session.model
        if self.session.corpus is None:
            return None
        controls.ensure_ready()
        tokenizer = model.tokenizer if controls.fine_tuning and model is not None else None
        return BatchRequest(self.session.corpus, controls.tokenizer_kind(), controls.vocab_spin.value(), tokenizer,
                            controls.build_config())

    def _connect(self) -> None:
        c = self.controls
        c.start_button.clicked.connect(self.start)
        c.pause_button.clicked.connect(self.toggle_pause)
        c.stop_button.clicked.connect(self.stop)
        c.resume_button.clicked.connect(lambda: self.resume())
        self.plot.hovered.connect(self._on_hovered)
        self.use_button.clicked.connect(self.use_model)
        self.open_button.clicked.connect(self.open_folder)
        w = self.worker
        w.preparing.connect(self.readouts.preparing)
        w.tokenized.connect(lambda info: self.controls.record_token_count(info["n_tokens"]))
        w.tokenized.connect(lambda info: self.readouts.set_train_tokens(info["n_train_tokens"]))
        c.changed.connect(self.batch_view.settings_changed)
        w.started.connect(self._on_started)
        w.records.connect(self._on_records)
        w.paused.connect(lambda _step: self._set_state("paused"))
        w.resumed.connect(lambda _step: self._set_state("running"))
        w.finished.connect(self._on_finished)
        w.finished.connect(lambda info: self.run_finished.emit(info))

    # --- actions --------------------------------------------------------------------------
    def start(self) -> None:
        """Start a run with the current settings (does nothing while the settings have problems)."""
        self.controls.ensure_ready()
        if self.worker.running or self.controls.problems or self.session.corpus is None:
            return
        self.run_dir = new_run_folder(self.runs_root)
        config = self.controls.build_config(self.run_dir)
        fine_tune_tokenizer = self.session.model.tokenizer if self.controls.fine_tuning else None
        request = RunRequest(config, self.session.corpus, self.controls.tokenizer_kind(),
                             self.controls.vocab_spin.value(), fine_tune_tokenizer)
        vocab, _exact = vocab_size(self.controls)
        self._launch(request, math.log(vocab))

    def is_running(self) -> bool:
        """A run is preparing, running or paused."""
        return self.worker.running

    def start_quick_run(self, settings: dict[str, Any]) -> bool:
        """Start the lesson's run: a character-level GPT with the CPU-quick preset and `settings` (config
        fields; those without a box apply to this run only). False when it could not start: `problems()` says why."""
        controls = self.controls
        extra = controls.choose_quick_run(settings)
        saved = dict(controls.overrides)
        controls.overrides.update(extra)
        try:
            self.start()
        finally:
            controls.overrides = saved
        return self.worker.running

    def problems(self) -> list[str]:
        """Why Start is disabled now, in the current language (empty when it is not)."""
        return list(self.controls.problems)

    def trained_checkpoint(self) -> Path | None:
        """The finished run's checkpoint that "Use this model" loads (best, else last), or None."""
        return best_or_last(self.finished_info or {}) if self.use_button.isEnabled() else None

    def resume(self, folder: str | Path | None = None) -> bool:
        """Continue the run saved in `folder` (asked for when None) on the current corpus, with the core code
        `lm-anatomy train --resume` uses; its checkpoints go on being written there. False if it did not start."""
        from core.model.atomic_folders import CheckpointError
        from core.training.config import TrainingConfigError
        from gui.training.resume import resume_request

        self.controls.ensure_ready()
        if self.worker.running or self.session.corpus is None:
            return False
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, translate("TrainingTab", "Choose the folder of a saved run"), str(self.runs_root))
            if not folder:
                return False
        on_cpu = self.controls.resolved_device() == "cpu"
        try:
            device = self.controls.key(self.controls.device_combo)
            request, uniform = resume_request(folder, self.session.corpus, device, on_cpu)
        except (CheckpointError, TrainingConfigError) as error:
            self._show_failure(lambda: translate("TrainingTab", "This run cannot be resumed."), error)
            return False
        self.run_dir = Path(folder)
        self._launch(request, uniform)
        return True

    def _launch(self, request: RunRequest, uniform: float) -> None:
        """Reset the readouts and results, make room on the plot, and start the worker."""
        config = request.config
        self.run_count += 1
        self.started_info = self.last_record = self.finished_info = None
        self.live.forget("message")
        self.message.hide()
        self._show_result(None, None)
        self.use_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.readouts.preparing_started()
        self.plot.begin_run(self.run_count, config.max_iters, config.tokens_per_iter, uniform)
        self._set_state("preparing")
        self.worker.start(request)

    def toggle_pause(self) -> None:
        if self.controls.state == "paused":
            self.worker.resume()
        elif self.controls.state == "running":
            self.worker.pause()

    def stop(self) -> None:
        self.worker.stop()

    def use_model(self) -> None:
        """Load the run's best checkpoint (else its last) as the session's current model."""
        path = best_or_last(self.finished_info or {})
        if path is not None and self.started_info and self.started_info["model_type"] != "bigram":
            self.session.load_model(path)

    def open_folder(self) -> None:
        if self.run_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.run_dir)))

    # --- worker signals ---------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.controls.set_state(state)

    def _on_started(self, info: dict[str, Any]) -> None:
        from gui.common.session import device_description

        self.started_info = info
        self.plot.set_started(info["max_iters"], info["tokens_per_iter"], info["uniform_loss"], info["baseline_loss"])
        self.readouts.started(info, lambda device=info["device"]: device_description(device))
        self.samples.appendPlainText(translate("TrainingTab", "=== run {n}: {model}, {params} parameters ===").format(
            n=self.run_count, model=model_name(info["model_type"]), params=format_count(info["n_parameters"])))
        self.live.show("status", self.header.set_status,
                       lambda: run_status_text(info, device_description(info["device"])))
        self._set_state("running")

    def _on_records(self, records: list[dict[str, Any]]) -> None:
        self.plot.add_records(records)
        for record in records:
            evaluation = record.get("eval")
            if evaluation and evaluation.get("sample"):
                self.samples.appendPlainText(translate("TrainingTab", "--- step {step} (val loss {loss}) ---").format(
                    step=count(record["step"]), loss=decimal(evaluation["val_loss"], 3)))
                self.samples.appendPlainText(evaluation["sample"])
        self.last_record = records[-1]
        self.readouts.show_record(records[-1])

    def _on_finished(self, info: dict[str, Any]) -> None:
        from core.training.runs import remove_empty_run_folder

        self.finished_info = info
        if self.run_dir is not None and remove_empty_run_folder(self.run_dir):
            self.run_dir = None  # stopped before its first checkpoint: nothing was saved, no folder is left
        self._set_state("idle")
        self.readouts.finished(info["status"], info["step"], self.started_info is not None)
        if info["status"] == "failed":
            kind = info["error_kind"]
            self._show_failure(lambda: error_title(kind), info["error_message"],
                               lambda: translate("TrainingTab", "The plot and the finished part of the run are kept."))
        checkpoint = best_or_last(info)
        model_type = (self.started_info or {}).get("model_type")
        self._show_result(info, checkpoint, model_type)
        if checkpoint is not None:
            self.result_label.setToolTip(str(checkpoint))
        self.use_button.setEnabled(checkpoint is not None and model_type not in (None, "bigram"))
        self.open_button.setEnabled(self.run_dir is not None and self.run_dir.is_dir())

    def _show_failure(self, title: Any, reason: Any, note: Any = None) -> None:
        """The framed message above the plot: a title, the reason (a core Message or exception, shown with
        `localized`) and an optional note; `title` and `note` make their text, so it follows the language."""
        if isinstance(reason, BaseException):
            from core.training.errors import reason_of

            reason = reason_of(reason)  # e.g. a CheckpointError holding a Message
        self.live.show("message", self.message.setText, lambda: "\n".join(
            line for line in (title(), localized(reason), note() if note else "") if line))
        self.message.show()

    def _show_result(self, info: dict[str, Any] | None, checkpoint: Path | None, model_type: str | None = None) -> None:
        """The lines under the samples: how the run ended, its best loss and its checkpoint."""
        info = dict(info or {})
        self.live.show("result", self.result_label.setText, lambda: result_text(info, checkpoint, model_type))

    def _on_hovered(self, text: str) -> None:
        """The readout under the cursor (made again at the same x after a language change), or a hint."""
        x = self.plot.hover_x
        if text and x is not None:
            self.live.show("hover", self.hover_label.setText, lambda: self.plot.readout(x))
        elif text:
            self.live.forget("hover")
            self.hover_label.setText(text)
        else:
            self.live.show("hover", self.hover_label.setText,
                           lambda: translate("TrainingTab", "Point at the curve to read every series."))

    def _on_corpus_changed(self, corpus: Any) -> None:
        self.controls.set_corpus(corpus)
        if corpus is None:
            self.live.show("status", self.header.set_status,
                           lambda: translate("TrainingTab", "No corpus yet: open one with File > Open corpus."))
        else:
            name, chars = corpus.name_message or corpus.name, corpus.n_chars
            self.live.show("status", self.header.set_status, lambda: translate(
                "TrainingTab", "Will train on {name} ({chars} characters).").format(name=localized(name),
                                                                                      chars=count(chars)))

    # --- showing and closing ----------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._prepare_after_paint = not self.controls.ready

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if getattr(self, "_prepare_after_paint", False):
            # Once the tab is on screen: preparing imports torch and matplotlib (seconds), which must
            # not delay the window's first paint when the app opens on this tab.
            self._prepare_after_paint = False
            QTimer.singleShot(0, self._prepare)

    def _prepare(self) -> None:
        self.controls.ensure_ready()
        self.plot.prepare()
        self.worker.warm_up()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.plot.apply_palette()
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "live"):
            self.retranslate_ui()
            self.controls.retranslate_ui()
            self.options.retranslate_ui()
            self.readouts.retranslate_ui()
            self.plot.retranslate_ui()
            self.live.refresh()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the run and the batch view's job and join their threads (the window closes or the app quits)."""
        self.worker.shutdown()
        self.batch_view.shutdown()
