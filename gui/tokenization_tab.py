"""Tokenization tab: the same text cut by characters, words and BPE."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


translate = QCoreApplication.translate


class TokenizationTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenizationTab")
        self.session = session
        self.header = TabHeader(
            translate("TokenizationTab", "Tokenization"),
            translate("TokenizationTab", "A model never sees letters: it sees numbered pieces of text called tokens. "
                "This tab cuts the same text three ways and shows why subword pieces win."),
            [
                translate("TokenizationTab", "Characters, words and byte-level BPE side by side, as coloured chips with their ids."),
                translate("TokenizationTab", "Statistics: tokens, characters per token, unknown words, round-trip check."),
                translate("TokenizationTab", "A BPE vocabulary trained on the current corpus, replayed merge by merge."),
                translate("TokenizationTab", "The current model's own tokenizer as a fourth row."),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addStretch(1)
        session.corpus_changed.connect(self._on_state_changed)
        session.model_changed.connect(self._on_state_changed)
        self._on_state_changed()

    def _on_state_changed(self, *_args) -> None:
        corpus = self.session.corpus
        model = self.session.model
        corpus_text = corpus.summary() if corpus else translate("TokenizationTab", "no corpus yet")
        model_text = model.name if model else translate("TokenizationTab", "no model loaded")
        self.header.set_status(
            translate("TokenizationTab", "Corpus: {corpus}. Model tokenizer: {model}.").format(corpus=corpus_text, model=model_text)
        )
