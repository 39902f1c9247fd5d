"""Next-token tab: the exact probability of every possible next token, and how sampling picks one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


def _tr(text: str) -> str:
    return QCoreApplication.translate("SamplingTab", text)


class SamplingTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingTab")
        self.session = session
        self.header = TabHeader(
            _tr("Next token"),
            _tr("Given a prompt, the model scores every token in its vocabulary. Sampling "
                "settings reshape those scores before one token is drawn."),
            [
                _tr("Probability bars for the most likely next tokens."),
                _tr("Temperature, top-k, top-p and min-p, applied live and exactly."),
                _tr("Step one token at a time, or generate a whole continuation."),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addStretch(1)
        session.model_changed.connect(self._on_model_changed)
        self._on_model_changed(session.model)

    def _on_model_changed(self, model) -> None:
        from core.loaded_model import FILL_MASK, NEXT_TOKEN

        if model is None:
            self.header.set_status(_tr("Load a model (File > Open model folder) to see its predictions."))
        elif model.can(NEXT_TOKEN):
            self.header.set_status(_tr("{model} predicts the next token.").format(model=model.name))
        elif model.can(FILL_MASK):
            self.header.set_status(
                _tr("{model} is a masked model: it fills in <mask> tokens instead of predicting "
                    "the next one.").format(model=model.name)
            )
        else:
            self.header.set_status(model.why_not(NEXT_TOKEN))
