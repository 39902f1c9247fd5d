"""Training tab: train a small GPT live and watch the loss fall."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingTab", text)


class TrainingTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.session = session
        self.header = TabHeader(
            _tr("Training"),
            _tr("A language model learns by guessing the next token millions of times and "
                "correcting itself. Here a small GPT learns from the current corpus while you watch."),
            [
                _tr("Train and validation loss plotted live, with a bigram baseline to beat."),
                _tr("Text samples from the model as it learns."),
                _tr("Runs on the GPU when there is one (CUDA or Apple MPS), otherwise on the CPU."),
                _tr("Use the trained checkpoint in the other tabs."),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addStretch(1)
        session.corpus_changed.connect(self._on_corpus_changed)
        self._on_corpus_changed(session.corpus)

    def _on_corpus_changed(self, corpus) -> None:
        if corpus is None:
            self.header.set_status(_tr("No corpus yet: open one with File > Open corpus."))
        else:
            self.header.set_status(_tr("Will train on {corpus}.").format(corpus=corpus.summary()))
