"""Training tab: train a small GPT live and watch the loss fall."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


translate = QCoreApplication.translate


class TrainingTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.session = session
        self.header = TabHeader(
            translate("TrainingTab", "Training"),
            translate("TrainingTab", "A language model learns by guessing the next token millions of times and "
                "correcting itself. Here a small GPT learns from the current corpus while you watch."),
            [
                translate("TrainingTab", "Train and validation loss plotted live, with a bigram baseline to beat."),
                translate("TrainingTab", "Text samples from the model as it learns."),
                translate("TrainingTab", "Runs on the GPU when there is one (CUDA or Apple MPS), otherwise on the CPU."),
                translate("TrainingTab", "Use the trained checkpoint in the other tabs."),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addStretch(1)
        session.corpus_changed.connect(self._on_corpus_changed)
        self._on_corpus_changed(session.corpus)

    def _on_corpus_changed(self, corpus) -> None:
        if corpus is None:
            self.header.set_status(translate("TrainingTab", "No corpus yet: open one with File > Open corpus."))
        else:
            self.header.set_status(translate("TrainingTab", "Will train on {corpus}.").format(corpus=corpus.summary()))
