"""The Training tab's "What the model sees" page: one batch of the current settings as rows of chips.

The batch is made in a worker (`gui.training.batch_data`) only while the page is shown: after a
settings change (debounced) or "New batch", which draws the next batch of the same run. Hovering a
chip, or moving through the grid with the arrow keys, says what it stands for in the line below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gui.common.chip_grid import ChipGrid, WidgetPicture
from gui.common.core_text import localized
from gui.common.tab_exports import ExportItem, FigureExport, TableExport
from gui.common.tab_header import LiveTexts
from gui.common.workers import JobRunner, TaskContext
from gui.training.batch_cells import batch_rows, batch_table, legend_text, summary_text

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DEBOUNCE_MS = 300


class BatchView(QWidget):
    """One batch of the settings `make_request()` returns (a BatchRequest, or None while there is no corpus).

    For tests: `grid` (a ChipGrid), `batch` (the SeenBatch shown), `new_button`, `job`, `shown` (emitted
    after a batch is drawn) and `refresh()`."""

    shown = Signal()

    def __init__(self, make_request: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainBatchView")
        self._make_request = make_request
        self.batch: Any = None
        self.draw = 0
        self._prepared: Any = None  # gui.training.batch_data.Prepared: the tokenizer and token file
        self._stale = True
        self.live = LiveTexts()
        self.job = JobRunner("training-batch", replace_running=True, parent=self)
        self.job.succeeded.connect(self._on_batch)
        self.job.failed.connect(lambda _request, error: self._show_message(lambda: localized(error)))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("trainBatchSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton()
        self.new_button.setObjectName("trainNewBatch")
        self.new_button.clicked.connect(self.new_batch)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("trainBatchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.grid = ChipGrid()
        self.grid.setObjectName("trainBatchGrid")
        self.pointed = QLabel()
        self.pointed.setObjectName("trainBatchPointed")
        self.pointed.setWordWrap(True)
        self.pointed.setTextFormat(Qt.TextFormat.PlainText)
        self.pointed.setFixedHeight(2 * self.pointed.fontMetrics().lineSpacing() + 4)
        self.grid.pointed.connect(self._on_pointed)
        scroll = QScrollArea()
        scroll.setWidget(self.grid)
        scroll.setWidgetResizable(False)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the grid itself
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.pointed)
        self.retranslate_ui()
        self._show_message("")

    def retranslate_ui(self) -> None:
        self.new_button.setText(translate("TrainingTab", "&New batch"))
        self.new_button.setToolTip(translate("TrainingTab", "Draw the next batch of the same run (seeded: the same "
                                                            "settings always give the same batches)"))
        self.grid.setAccessibleName(translate("TrainingTab", "The batch as token chips"))
        self.grid.setAccessibleDescription(translate("TrainingTab", "Use the arrow keys to move from chip to chip; "
                                                                    "the line below says what each one stands for."))
        self.live.refresh()
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "live"):
            self.retranslate_ui()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._stale:
            self._debounce.start()

    # --- requests ----------------------------------------------------------------------------
    def settings_changed(self) -> None:
        """The settings changed: the next batch shown is the first of the new run (drawn once visible)."""
        self.draw = 0
        self._stale = True
        if self.isVisible():
            self._debounce.start()

    def new_batch(self) -> None:
        """Draw the next batch of the same run."""
        self.draw += 1
        self.refresh()

    def refresh(self) -> None:
        """Make the batch of the current settings now (in the background)."""
        from gui.training.batch_data import prepare, seen_batch

        self._debounce.stop()
        request = self._make_request()
        if request is None:
            self._show_message(lambda: translate("TrainingTab", "No corpus yet: open one with File > Open corpus."))
            return
        self._stale = False
        request.draw = self.draw
        prepared = self._prepared
        self._show_message(lambda: translate("TrainingTab", "Preparing the batch (the tokenizer and the token file, "
                                                            "as a run would)…"))

        def job(context: TaskContext) -> tuple[Any, Any]:
            ready = prepare(request, prepared, context.check, lambda _stage, _fraction: None)
            return ready, seen_batch(request, ready)

        self.job.submit(job, request)

    def _on_batch(self, _request: Any, result: tuple[Any, Any]) -> None:
        self._prepared, self.batch = result
        self._show_message("")
        self._draw()
        self.shown.emit()

    # --- drawing ------------------------------------------------------------------------------
    def _draw(self) -> None:
        batch = self.batch
        if batch is None:
            self.live.show("summary", self.summary.setText, lambda: translate(
                "TrainingTab", "One batch of the current settings appears here: what the model reads and what it "
                               "must predict."))
            self.legend.setText("")
            self.grid.set_rows([], [])
            return
        rows, titles = batch_rows(batch)
        self.grid.set_rows(rows, titles, group_size=2)
        self.live.show("summary", self.summary.setText, lambda: summary_text(batch))
        self.legend.setText(legend_text(batch.objective))
        self._on_pointed("")

    def _on_pointed(self, text: str) -> None:
        self.pointed.setText(text or translate("TrainingTab", "Point at a chip, or click the grid and use the arrow "
                                                              "keys, to read what it stands for."))

    def _show_message(self, text: Any) -> None:
        self.live.show("message", self._set_message, text)

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- export and lifetime --------------------------------------------------------------------
    def export_items(self) -> list[ExportItem]:
        """The batch as a picture (PNG or SVG) and as a table (CSV)."""
        return [FigureExport(name=lambda: translate("TrainingTab", "What the model sees"),
                             figure=lambda: WidgetPicture(self.grid) if self.batch is not None else None,
                             file_stem="batch", ready=lambda: self.batch is not None),
                TableExport(name=lambda: translate("TrainingTab", "The batch's tokens"),
                            table=lambda: batch_table(self.batch), file_stem="batch",
                            ready=lambda: self.batch is not None)]

    def shutdown(self) -> None:
        self._debounce.stop()
        self.job.shutdown()
        self._prepared = None
