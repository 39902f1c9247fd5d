"""The BPE panel: train a byte-level BPE vocabulary on the corpus, then replay it merge by merge.

Training, the merge counts, the charts' curve and the held-out numbers are computed in a
`TaskThread` (`gui.tokenization.jobs.train_bpe`); the panel only shows them. The merge slider
emits `merges_changed(k)` and the tab re-forms the BPE chips of the typed text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.tokenization.token_labels import readable_piece
from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.common.tab_header import LiveTexts
from gui.common.workers import JobRunner
from gui.tokenization.bpe_files import export_tokenizer_json, export_vocab_merges
from gui.tokenization.bpe_views import MergeCurvesPlot, MergeTableModel
from gui.tokenization.jobs import CorpusSample, TrainedBpe, train_bpe

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DEFAULT_VOCAB_SIZE = 1000
DEFAULT_MIN_FREQUENCY = 2
MESSAGE_STYLE = "QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }"


def message_label(name: str) -> QLabel:
    """A hidden, word-wrapped label with an orange frame for warnings and errors."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(MESSAGE_STYLE)
    label.hide()
    return label


class _StageRelay(QObject):
    """Carries training stages from the worker thread to the GUI thread (a queued signal)."""

    stage = Signal(str, float)


class BpePanel(QGroupBox):
    """Vocabulary size, min-frequency and Train; progress; the merge slider, table and charts; export."""

    trained = Signal(object)  # TrainedBpe, or None when the BPE was cleared
    merges_changed = Signal(int)  # the slider: number of merges applied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bpePanel")
        self._live = LiveTexts()  # the status and the message, made again after a language change
        self.sample: CorpusSample | None = None
        self.trained_bpe: TrainedBpe | None = None
        self.word_ratio: float | None = None  # word tokenizer's held-out chars/token, for the chart
        self._plot_dirty = False
        self.job = JobRunner("bpe-training", replace_running=True, parent=self)
        self.job.succeeded.connect(lambda _request, trained: self._on_trained(trained))
        self.job.failed.connect(lambda _request, error: self._on_failed(error))
        self.job.busy_changed.connect(self._on_busy_changed)
        self._relay = _StageRelay(self)
        self._relay.stage.connect(self._on_stage)
        self._build()

    # --- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self.vocab_spin = QSpinBox()
        self.vocab_spin.setObjectName("bpeVocabSize")
        self.vocab_spin.setRange(1, 100_000)
        self.vocab_spin.setSingleStep(100)
        self.vocab_spin.setValue(DEFAULT_VOCAB_SIZE)
        self.vocab_spin.setGroupSeparatorShown(True)
        self.min_freq_spin = QSpinBox()
        self.min_freq_spin.setObjectName("bpeMinFrequency")
        self.min_freq_spin.setRange(1, 1000)
        self.min_freq_spin.setValue(DEFAULT_MIN_FREQUENCY)
        self.train_button = QPushButton()
        self.train_button.setObjectName("bpeTrainButton")
        self.train_button.clicked.connect(self.train)
        controls = QHBoxLayout()
        self._vocab_label, self._min_freq_label = QLabel(), QLabel()
        for label, widget in ((self._vocab_label, self.vocab_spin), (self._min_freq_label, self.min_freq_spin)):
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.train_button)
        controls.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setObjectName("bpeProgress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("bpeStatus")
        self.status.setWordWrap(True)
        self.set_status(lambda: translate("BpePanel", "Waiting for the corpus."))
        self.message = message_label("bpeMessage")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("bpeMergeSlider")
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider_value = QLabel()
        self.slider_value.setObjectName("bpeMergeCount")
        self._slider_label = QLabel()
        self._slider_label.setBuddy(self.slider)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self._slider_label)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.slider_value)
        self.merge_label = QLabel()
        self.merge_label.setObjectName("bpeMergeLabel")
        self.merge_label.setWordWrap(True)
        self.merge_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table_model = MergeTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("bpeMergeTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Fixed, not ResizeToContents: that would read every row again whenever the slider moves.
        header.setSectionResizeMode(MergeTableModel.RANK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(MergeTableModel.COUNT, QHeaderView.ResizeMode.Fixed)
        self.table.clicked.connect(lambda index: self.slider.setValue(index.row() + 1))
        self.plot = MergeCurvesPlot()
        self.plot.setObjectName("bpeCurves")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot)
        splitter.setSizes([160, 200])
        splitter.setChildrenCollapsible(False)
        self.export_pair_button = QPushButton()
        self.export_pair_button.setObjectName("bpeExportVocabMerges")
        self.export_pair_button.clicked.connect(lambda: export_vocab_merges(self))
        self.export_json_button = QPushButton()
        self.export_json_button.setObjectName("bpeExportTokenizerJson")
        self.export_json_button.clicked.connect(lambda: export_tokenizer_json(self))
        exports = QHBoxLayout()
        exports.addWidget(self.export_pair_button)
        exports.addWidget(self.export_json_button)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(slider_row)
        layout.addWidget(self.merge_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(exports)
        self.retranslate_ui()
        self._fit_to_font()
        self._show_trained(None)

    def retranslate_ui(self) -> None:
        """Apply the current language to the panel's fixed texts."""
        self.setTitle(translate("BpePanel", "Byte-level BPE, learned from the corpus"))
        self.setLocale(QLocale())  # the spin boxes write numbers as the language does: 1,000 / 1.000
        self.vocab_spin.setToolTip(translate("BpePanel", "Target vocabulary size: 256 byte tokens + 5 special "
                                                         "tokens + one new token per merge."))
        self.min_freq_spin.setToolTip(translate("BpePanel", "A pair is merged only if it occurs at least this "
                                                            "many times in the corpus."))
        self.train_button.setText(translate("BpePanel", "Re&start") if self.job.busy
                                  else translate("BpePanel", "T&rain"))
        self._vocab_label.setText(translate("BpePanel", "Vocabulary si&ze:"))
        self._min_freq_label.setText(translate("BpePanel", "Mi&n. frequency:"))
        self.vocab_spin.setAccessibleName(translate("BpePanel", "Vocabulary size"))
        self.min_freq_spin.setAccessibleName(translate("BpePanel", "Minimum pair frequency"))
        self.progress.setAccessibleName(translate("BpePanel", "Training progress"))
        self.slider.setAccessibleName(translate("BpePanel", "Number of merges applied"))
        self._slider_label.setText(translate("BpePanel", "&Merges applied:"))
        self.table.setAccessibleName(translate("BpePanel", "Learned merges"))
        self.export_pair_button.setText(translate("BpePanel", "Export vocab.json + merges.txt…"))
        self.export_json_button.setText(translate("BpePanel", "Export tokenizer.json…"))

    def _retranslate_data(self) -> None:
        """Texts made from the trained vocabulary, in the new language (nothing is trained again)."""
        self._live.refresh()
        self.table_model.retranslate()
        self._fit_to_font()  # the pair count's column fits its title in the new language
        self.plot.retranslate()
        self._update_merge_readout(self.slider.value())
        self._plot_dirty = True  # the charts' titles and labels
        self._draw_plot()

    def _fit_to_font(self) -> None:
        """Sizes that follow the font (projector zoom)."""
        # Two lines, always: a label that grows and shrinks with the slider would resize the charts.
        self.merge_label.setFixedHeight(self.merge_label.fontMetrics().lineSpacing() * 2 + 4)
        header, cells = self.table.horizontalHeader(), self.table.fontMetrics()
        header.resizeSection(MergeTableModel.RANK, cells.horizontalAdvance("✓ 88,888") + 16)
        title = str(self.table_model.headerData(MergeTableModel.COUNT, Qt.Orientation.Horizontal) or "")
        header.resizeSection(MergeTableModel.COUNT, max(header.fontMetrics().horizontalAdvance(title) + 24,
                                                        cells.horizontalAdvance("888,888") + 16))

    # --- what the tab and tests read -----------------------------------------------------
    @property
    def tokenizer(self) -> Any:
        """The trained core BpeTokenizer, or None."""
        return self.trained_bpe.tokenizer if self.trained_bpe else None

    def merge_count(self) -> int:
        """How many merges the slider applies."""
        return self.slider.value()

    def show_message(self, text: str | Callable[[], str]) -> None:
        """A warning ('' hides it); `text` may be a function making it in the current language."""
        self._live.show("message", self._set_message, text)

    def _set_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    def set_status(self, text: str | Callable[[], str]) -> None:
        """The status line under the controls; `text` may be a function making it in the current language."""
        self._live.show("status", self.status.setText, text)

    # --- training ------------------------------------------------------------------------
    def set_sample(self, sample: CorpusSample | None, train: bool = True) -> None:
        """A new corpus: forget the old BPE and (by default) train on the new one."""
        self.sample = sample
        self._show_trained(None)
        if sample is not None and train:
            self.train()

    def train(self) -> None:
        """Train with the current settings in the background (a running training is replaced)."""
        if self.sample is None:
            self.show_message(lambda: translate("BpePanel", "There is no corpus to train on yet."))
            return
        sample, vocab, min_frequency = self.sample, self.vocab_spin.value(), self.min_freq_spin.value()
        relay = self._relay
        self.show_message("")
        characters = len(sample.train_text)
        self.set_status(lambda: translate("BpePanel", "Training on {n} characters…").format(n=count(characters)))
        self.job.submit(lambda context: train_bpe(sample, vocab, min_frequency, context, relay.stage.emit))

    def _on_stage(self, stage: str, fraction: float) -> None:
        if not self.job.busy:
            return
        def texts() -> dict[str, str]:
            return {
                "reading": translate("BpePanel", "Reading the corpus and counting pairs…"),
                "merging": translate("BpePanel", "Learning merges: the most frequent pair becomes a new token, "
                                                 "again and again…"),
                "counting": translate("BpePanel", "Counting how often each merged pair occurred…"),
                "measuring": translate("BpePanel", "Measuring the held-out text…"),
            }
        if stage in texts():
            self.set_status(lambda: texts()[stage])
        if fraction < 0 or stage != "reading":
            self.progress.setRange(0, 0)  # busy, no known fraction
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * fraction))

    def _on_busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.train_button.setText(translate("BpePanel", "Re&start") if busy else translate("BpePanel", "T&rain"))

    def _on_trained(self, trained: TrainedBpe) -> None:
        if trained.sample is not self.sample:
            return  # trained on a corpus that has been replaced since
        self._show_trained(trained)
        result, was_sampled = trained.result, trained.sample.sampled
        seconds, characters = result.seconds, len(trained.sample.train_text)
        merges, vocab = trained.tokenizer.num_merges, trained.tokenizer.vocab_size

        def status() -> str:
            sampled = translate("BpePanel", " (a sample of the corpus)") if was_sampled else ""
            return translate("BpePanel", "Trained in {s} s on {n} characters{sampled}: {m} merges, "
                                         "vocabulary {v}.").format(s=decimal(seconds, 2), n=count(characters),
                                                                   sampled=sampled, m=count(merges), v=count(vocab))

        self.set_status(status)
        warnings = result.warnings  # core Messages, shown in the current language
        self.show_message(lambda: " ".join(localized(warning) for warning in warnings))

    def _on_failed(self, error: Exception) -> None:
        self.set_status(lambda: translate("BpePanel", "Training failed."))
        self.show_message(lambda: localized(error) or type(error).__name__)

    def _show_trained(self, trained: TrainedBpe | None) -> None:
        self.trained_bpe = trained
        total = trained.tokenizer.num_merges if trained else 0
        self.slider.blockSignals(True)
        self.slider.setRange(0, total)
        self.slider.setValue(total)
        self.slider.setPageStep(max(1, total // 20))
        self.slider.blockSignals(False)
        self.slider.setEnabled(total > 0)
        self.table_model.set_merges(trained.merges if trained else [], total)
        for button in (self.export_pair_button, self.export_json_button):
            button.setEnabled(trained is not None)
        self._update_merge_readout(total)
        self._plot_dirty = True
        self._draw_plot()
        self.trained.emit(trained)

    # --- slider, table, charts -----------------------------------------------------------
    def set_merge_count(self, k: int) -> None:
        self.slider.setValue(k)

    def _on_slider(self, k: int) -> None:
        self._update_merge_readout(k)
        self.table_model.set_applied(k)
        if k > 0:
            self.table_model.ensure_loaded(k - 1)
            self.table.selectRow(k - 1)
            self.table.scrollTo(self.table_model.index(k - 1, 0))
        else:
            self.table.clearSelection()
        self.plot.set_merges(k)
        self.merges_changed.emit(k)

    def _update_merge_readout(self, k: int) -> None:
        total = self.slider.maximum()
        self.slider_value.setText(f"{count(k)} / {count(total)}")  # numbers only: nothing to translate
        if self.trained_bpe is None:
            self.merge_label.setText("")
        elif k == 0:
            self.merge_label.setText(translate("BpePanel", "No merges applied: every byte is its own token."))
        else:
            merge = self.trained_bpe.merges[k - 1]
            occurred = "" if merge.count is None else translate(
                "BpePanel", " (the pair occurred {n} times in the corpus)").format(n=count(merge.count))
            self.merge_label.setText(translate("BpePanel", "Merge {k}: “{a}” + “{b}” → “{c}”{count}").format(
                k=count(k), a=readable_piece(merge.left), b=readable_piece(merge.right),
                c=readable_piece(merge.result), count=occurred))

    def set_word_ratio(self, ratio: float | None) -> None:
        """The word tokenizer's held-out chars/token, drawn as a reference line."""
        self.word_ratio = ratio
        self._plot_dirty = True
        self._draw_plot()

    def _draw_plot(self) -> None:
        if not self._plot_dirty or not self.isVisible():
            return
        self._plot_dirty = False
        if self.trained_bpe is None:
            self.plot.clear_plot(translate("BpePanel", "Train a vocabulary to see the charts."))
        else:
            self.plot.show_curve(self.trained_bpe.curve, self.slider.value(), self.word_ratio)

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._plot_dirty:
            QTimer.singleShot(0, self._draw_plot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._fit_to_font()
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "export_json_button"):
            self.retranslate_ui()
            self._retranslate_data()
        if event.type() == QEvent.Type.PaletteChange and self.trained_bpe is not None:
            self._plot_dirty = True
            QTimer.singleShot(0, self._draw_plot)

    def shutdown(self) -> None:
        """Stop and join the training thread, and let go of the trained tokenizer."""
        self.job.shutdown()
        self.sample = None
        self._show_trained(None)
        self.plot.clear_plot()
