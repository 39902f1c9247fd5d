"""Tokenization tab: the same text cut by characters, words and BPE."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


def _tr(text: str) -> str:
    return QCoreApplication.translate("TokenizationTab", text)


class TokenizationTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenizationTab")
        self.session = session
        self.header = TabHeader(
            _tr("Tokenization"),
            _tr("A model never sees letters: it sees numbered pieces of text called tokens. "
                "This tab cuts the same text three ways and shows why subword pieces win."),
            [
                _tr("Characters, words and byte-level BPE side by side, as coloured chips with their ids."),
                _tr("Statistics: tokens, characters per token, unknown words, round-trip check."),
                _tr("A BPE vocabulary trained on the current corpus, replayed merge by merge."),
                _tr("The current model's own tokenizer as a fourth row."),
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
        corpus_text = corpus.summary() if corpus else _tr("no corpus yet")
        model_text = model.name if model else _tr("no model loaded")
        self.header.set_status(
            _tr("Corpus: {corpus}. Model tokenizer: {model}.").format(corpus=corpus_text, model=model_text)
        )
