"""Tokenization tab: the same text cut by characters, words, byte-level BPE and the model's own
tokenizer, side by side, and a BPE vocabulary learned from the corpus and replayed merge by merge.

The character and word tokenizers are built from the current corpus (a bounded sample of a
large one) in a `TaskThread`; the BPE panel trains in another. Typing re-tokenizes 150 ms after
the last keystroke, on the GUI thread for ordinary texts; the numbers of very long texts are
counted in the background. Chips are drawn for the first `DISPLAY_CHARS` characters only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common.core_text import localized
from gui.common.default_texts import DEFAULT_TEXTS, default_text, follow_language_in
from gui.common.locale_numbers import count
from gui.common.session import Session
from gui.common.tab_header import LiveTexts, TabHeader
from gui.common.workers import JobRunner
from gui.tokenization.batch_page import BatchPage
from gui.tokenization.bpe_panel import BpePanel, message_label
from gui.tokenization.chat_page import ChatPage
from gui.tokenization.compare import SamplesBar
from gui.tokenization.jobs import held_out_job, prepare_corpus, typed_stats_job
from gui.tokenization.rows import TokenizerRow, rows_panel
from gui.tokenization.texts import display_prefix, header_texts, length_notes, page_titles, status_text

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DEFAULT_TEXT = DEFAULT_TEXTS["en"].tokenization  # the English start; default_text("tokenization") in the UI's
DEBOUNCE_MS = 150
DISPLAY_CHARS = 3000  # chips are drawn for this much of the text
BACKGROUND_STATS_CHARS = 50_000  # longer texts are counted in a TaskThread
ROW_KEYS = ("char", "word", "bpe", "model")


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a vertical scroll area, so a small screen scrolls it instead of growing the window."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
    return area


class TokenizationTab(QWidget):
    """Input text, one row of chips and numbers per tokenizer, samples, sparsity, and the BPE panel.

    For tests: `input`, `rows[key]` (TokenizerRow: `chips`, `stats`, `held_out`), `toggles[key]`,
    `bpe_panel`, `message`, `notice`, `sparsity_label`, `premium_label`, `retokenize()` and the
    jobs `corpus_job`, `model_job`, `stats_job`, `bpe_panel.job`.
    """

    retokenized = Signal()  # the rows show the current text
    prompt_chosen = Signal(str)  # "Use as prompt" on the Chat page: the shell gives it to the Next-token tab

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenizationTab")
        self.session = session
        self.prepared: Any = None  # gui.tokenization.jobs.PreparedCorpus of the current corpus
        self._stats_text: str | None = None  # the text the background stats job counts
        self.corpus_job = JobRunner("tokenization-corpus", replace_running=True, parent=self, needs_libraries=False)
        self.corpus_job.succeeded.connect(lambda _request, prepared: self._on_corpus_prepared(prepared))
        self.corpus_job.failed.connect(lambda _request, error: self._on_corpus_failed(error))
        self.model_job = JobRunner("tokenization-model-held-out", replace_running=True, parent=self)
        self.model_job.succeeded.connect(lambda _request, stats: self.rows["model"].set_held_out(stats))
        self.model_job.failed.connect(lambda _request, error: self.rows["model"].set_held_out(None, lambda: localized(error)))
        self.stats_job = JobRunner("tokenization-typed-stats", replace_running=True, parent=self,
                                   needs_libraries=False)
        self.stats_job.succeeded.connect(lambda _request, result: self._on_background_stats(result))
        self.stats_job.failed.connect(lambda _request, error: self._show_message(lambda: localized(error)))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.retokenize)
        self._build()
        session.corpus_changed.connect(self._on_corpus_changed)
        session.model_changed.connect(self._on_model_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_model_changed(session.model)
        if session.corpus is not None:
            self._on_corpus_changed(session.corpus)
        else:
            self._update_status()
            self.retokenize()

    # --- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self._live = LiveTexts()  # the notice and the message, made again after a language change
        self.header = TabHeader("", "", [])
        self.input = QPlainTextEdit(default_text("tokenization"))
        self.input.setObjectName("tokenInput")
        self.input.setTabChangesFocus(True)
        self._fit_input_height()
        self.input.textChanged.connect(self._debounce.start)
        self._input_label = QLabel()
        self._input_label.setBuddy(self.input)
        input_row = QHBoxLayout()
        input_row.addWidget(self._input_label, 0, Qt.AlignmentFlag.AlignTop)
        input_row.addWidget(self.input, 1)
        samples = SamplesBar()
        samples.chosen.connect(self.set_text)
        self.sample_buttons = samples.buttons
        self.notice = QLabel()
        self.notice.setObjectName("tokenNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.message = message_label("tokenMessage")
        self.bpe_panel = BpePanel()
        self.bpe_panel.trained.connect(self._on_bpe_trained)
        self.bpe_panel.job.failed.connect(lambda _error: self.rows["bpe"].clear(
            lambda: translate("TokenizationTab", "No BPE vocabulary: the BPE panel says why.")))
        self.bpe_panel.merges_changed.connect(lambda _k: self._update_row(self.rows["bpe"]))
        self.rows, self.toggles, self._show_label, self.compare, rows_scroll = rows_panel(ROW_KEYS)
        for key, toggle in self.toggles.items():
            toggle.toggled.connect(lambda on, k=key: self.set_row_shown(k, on))
        self.sparsity_label = self.compare.sparsity_label
        self.premium_combo, self.premium_label = self.compare.premium_combo, self.compare.premium_label
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(rows_scroll)
        splitter.addWidget(scrolling(self.bpe_panel))  # scrolls rather than make the window taller
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 500])
        tokenizers_page = QWidget()
        page = QVBoxLayout(tokenizers_page)
        page.setContentsMargins(6, 6, 6, 0)
        page.addLayout(input_row)
        for widget, stretch in ((samples, 0), (self.notice, 0), (self.message, 0), (splitter, 1)):
            page.addWidget(widget, stretch)
        self.batch_page = BatchPage()  # several sentences as one padded batch
        self.chat_page = ChatPage()  # a conversation through a chat template
        self.chat_page.prompt_chosen.connect(self.prompt_chosen)
        self.pages = QTabWidget()
        self.pages.setObjectName("tokenPages")
        for widget in (tokenizers_page, self.batch_page, scrolling(self.chat_page)):
            self.pages.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the tab's own fixed texts (rows and panels do theirs)."""
        self.header.set_texts(*header_texts())
        for index, title in enumerate(page_titles()):
            self.pages.setTabText(index, title)
        self.pages.tabBar().setAccessibleName(translate("TokenizationTab", "Pages of the tab"))
        self.input.setAccessibleName(translate("TokenizationTab", "Text to tokenize"))
        self._input_label.setText(translate("TokenizationTab", "&Text:"))
        self._show_label.setText(translate("TokenizationTab", "Show:"))
        names = {"char": translate("TokenizationTab", "Characters"), "word": translate("TokenizationTab", "Words"),
                 "bpe": translate("TokenizationTab", "BPE"), "model": translate("TokenizationTab", "Model")}
        for key, toggle in self.toggles.items():
            toggle.setText(names[key])
        self.compare.set_names({key: toggle.text() for key, toggle in self.toggles.items()})

    def _fit_input_height(self) -> None:
        self.input.setFixedHeight(self.input.fontMetrics().lineSpacing() * 3 + 14)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "input"):  # projector zoom
            self._fit_input_height()
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "compare"):
            self.retranslate_ui()
            self._update_status()
            self._live.refresh()  # the notice and the message
            follow_language_in(self.input, "tokenization")  # an unedited example text; retokenized as if typed

    # --- text ----------------------------------------------------------------------------
    def text(self) -> str:
        return self.input.toPlainText()

    def tokenized_text(self) -> str:
        """The text the rows tokenized last (the input, cut to DISPLAY_LIMIT_CHARS)."""
        return getattr(self, "_text", "")

    def shown_rows(self) -> list[TokenizerRow]:
        """The tokenizer rows the user has not hidden."""
        return [row for row in self.rows.values() if not row.isHidden()]

    def export_items(self) -> list[Any]:
        """The Export menu: the BPE charts, the merge table, the statistics and the tokens (CSV)."""
        from gui.tokenization.exports import tokenization_export_items

        return (tokenization_export_items(self.bpe_panel, self.shown_rows, self.tokenized_text)
                + self.batch_page.export_items() + self.chat_page.export_items())

    def set_text(self, text: str) -> None:
        """Replace the input text and re-tokenize now."""
        self.input.setPlainText(text)
        self.retokenize()

    def show_all_tokenizers(self) -> None:
        """Tick every tokenizer row (characters, words, BPE and the model's own, when there is a model)."""
        for toggle in self.toggles.values():
            toggle.setChecked(True)

    def can_train_bpe(self) -> bool:
        """The corpus sample the BPE panel trains on is ready (False while the corpus is being read)."""
        return self.bpe_panel.sample is not None

    def train_bpe(self) -> bool:
        """Train the BPE panel's vocabulary on the corpus now; False while the corpus is still being read."""
        if not self.can_train_bpe():
            return False
        self.bpe_panel.train()
        return True

    def retokenize(self) -> None:
        """Tokenize the current text with every shown tokenizer and update chips and numbers."""
        from core.tokenization.base import truncate_for_display

        self._debounce.stop()
        text, truncated = truncate_for_display(self.text())
        display = display_prefix(text, DISPLAY_CHARS)
        total, tokenized, drawn = len(self.text()), len(text), len(display)
        shortened = drawn < tokenized

        self._live.show("notice", self._show_notice,
                        lambda: length_notes(total if truncated else None, tokenized, drawn if shortened else None))
        self._text, self._display = text, display
        self._show_message("" if text.strip() else
                           lambda: translate("TokenizationTab", "The text is empty: type or paste something "
                                                                "above, or pick a sample."))
        background = len(text) > BACKGROUND_STATS_CHARS
        for row in self.rows.values():
            self._update_row(row, with_stats=not background)
        if background:
            self._start_background_stats(text)
        self.compare.update_sparsity(text, self.rows["word"].tokenizer)
        self.retokenized.emit()

    def _update_row(self, row: TokenizerRow, with_stats: bool = True) -> None:
        from core.tokenization.base import TokenizationError
        from core.tokenization.statistics import compute_stats

        if row.tokenizer is None or row.isHidden() or not hasattr(self, "_text"):
            return
        try:
            if row.key == "bpe":
                k = self.bpe_panel.merge_count()
                tokens = row.tokenizer.replay(self._display, k)
                total = row.tokenizer.num_merges
                n = len(tokens)
                row.set_note((lambda: translate("TokenizationTab", "After {k} of {total} merges: {n} tokens for "
                                                                   "the text drawn below.").format(
                    k=count(k), total=count(total), n=count(n))) if k < total else "")
            else:
                tokens = row.tokenizer.encode(self._display)
            if with_stats and row.stats_text != self._text:
                row.set_stats(compute_stats(row.tokenizer, self._text))
                row.stats_text = self._text
        except TokenizationError as error:
            failure = error  # `error` is unbound after the except block; the message is made again later
            self._show_message(lambda: localized(failure))
            return
        row.set_tokens(tokens, self._display, row.tokenizer.unk_id)

    def _start_background_stats(self, text: str) -> None:
        rows = [row for row in self.rows.values() if row.tokenizer is not None and not row.isHidden()]
        for row in rows:
            row.set_counting(len(text))
        self.stats_job.submit(typed_stats_job({row.key: row.tokenizer for row in rows}, text))

    def _on_background_stats(self, result: tuple[str, dict[str, Any]]) -> None:
        text, stats = result
        if text != getattr(self, "_text", None):
            return
        for key, value in stats.items():
            self.rows[key].set_stats(value)
            self.rows[key].stats_text = text

    def _refresh_premium_choices(self) -> None:
        self.compare.set_tokenizers({key: (self.toggles[key].text(), row.tokenizer)
                                     for key, row in self.rows.items() if row.tokenizer is not None})

    def set_row_shown(self, key: str, shown: bool) -> None:
        row = self.rows[key]
        row.setVisible(shown and (key != "model" or row.tokenizer is not None))
        if shown:
            self._update_row(row)

    # --- corpus and tokenizers -----------------------------------------------------------
    def _on_corpus_changed(self, corpus: Any) -> None:
        self.prepared = None
        for key in ("char", "word", "bpe"):
            self.rows[key].clear(lambda: translate("TokenizationTab", "Building the vocabulary from the corpus…"))
        self.bpe_panel.set_sample(None, train=False)
        self._update_status()
        self.corpus_job.submit(lambda context: prepare_corpus(corpus, context))

    def _on_corpus_prepared(self, prepared: Any) -> None:
        sample = prepared.sample
        self.prepared = prepared
        for key, tokenizer in (("char", prepared.char), ("word", prepared.word)):
            self.rows[key].set_tokenizer(tokenizer)
            self.rows[key].set_held_out(prepared.held_out[key])
        self.rows["bpe"].clear(lambda: translate("TokenizationTab", "Training BPE on the corpus…"))
        self.bpe_panel.word_ratio = prepared.held_out["word"].chars_per_token
        self.bpe_panel.set_sample(sample)
        self._start_model_held_out()
        self._update_status()
        self._refresh_premium_choices()
        self.retokenize()

    def _on_corpus_failed(self, error: Exception) -> None:
        for key in ("char", "word", "bpe"):
            self.rows[key].clear("")
        self._show_message(lambda: translate("TokenizationTab", "Could not use the corpus: {error}").format(
            error=localized(error)))

    def _on_bpe_trained(self, trained: Any) -> None:
        row = self.rows["bpe"]
        if trained is None:  # a new corpus (training follows) or shutdown
            row.clear((lambda: translate("TokenizationTab", "Training BPE on the corpus…"))
                      if self.bpe_panel.sample else "")
            self._refresh_premium_choices()
            return
        row.set_tokenizer(trained.tokenizer)
        row.set_held_out(trained.held_out)
        self._refresh_premium_choices()
        self._update_row(row)
        self.compare.update_sparsity(getattr(self, "_text", ""), self.rows["word"].tokenizer)

    def _on_model_changed(self, model: Any) -> None:
        self.batch_page.set_model(model)
        self.chat_page.set_model(model)
        row = self.rows["model"]
        if model is None:
            row.clear("")
            row.hide()
            self.toggles["model"].hide()
        else:
            from core.tokenization.tokenizers import PretrainedTokenizerView

            row.set_tokenizer(PretrainedTokenizerView(model.tokenizer, name=model.name), model.name)
            self.toggles["model"].show()
            row.setVisible(self.toggles["model"].isChecked())
            self._start_model_held_out()
            self._update_row(row)
        self._update_status()
        self._refresh_premium_choices()

    def _start_model_held_out(self) -> None:
        row = self.rows["model"]
        if row.tokenizer is None:
            return
        if self.prepared is None:
            row.set_held_out(None, lambda: translate("TokenizationTab", "Held-out numbers: waiting for the corpus."))
            return
        row.set_held_out(None, lambda: translate("TokenizationTab", "Held-out text: counting…"))
        self.model_job.submit(held_out_job(row.tokenizer, self.prepared.sample.held_out))

    def _update_status(self) -> None:
        sample = self.prepared.sample if self.prepared is not None else None
        self.header.set_status(status_text(self.session.corpus, self.session.model, sample))

    # --- messages and lifetime -----------------------------------------------------------
    def _show_message(self, text: str | Callable[[], str]) -> None:
        """A warning above the rows ('' hides it); `text` may be a function making it in the current language."""
        self._live.show("message", self._set_message, text)

    def _set_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and join every background task of the tab (the window closes, or a test ends)."""
        self._debounce.stop()
        for job in (self.corpus_job, self.model_job, self.stats_job):
            job.shutdown()
        self.bpe_panel.shutdown()
        # Free the tokenizers, chips and caches now rather than whenever Qt deletes the widgets.
        self.prepared = None
        for row in self.rows.values():
            row.clear("")
        self.compare.set_tokenizers({})
