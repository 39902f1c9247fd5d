"""Attention tab: which earlier tokens each token looks at, per head and per layer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.session import Session
from gui.tab_header import TabHeader


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttentionTab", text)


class AttentionTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionTab")
        self.session = session
        self.header = TabHeader(
            _tr("Attention"),
            _tr("Each token builds its meaning by looking back at other tokens. The weights it "
                "uses are softmax(QK\u1d40 / \u221ad): this tab draws them from the current model."),
            [
                _tr("Heatmaps for one head, for every head of a layer, or for the whole model."),
                _tr("Hover a cell to read 'from token \u2192 to token: weight'."),
                _tr("How one weight is computed: query, key, scaling, causal mask and softmax."),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addStretch(1)
        session.model_changed.connect(self._on_model_changed)
        self._on_model_changed(session.model)

    def _on_model_changed(self, model) -> None:
        from core.loaded_model import ATTENTION

        if model is None:
            self.header.set_status(_tr("Load a model (File > Open model folder) to see its attention."))
        elif not model.can(ATTENTION):
            self.header.set_status(model.why_not(ATTENTION))
        else:
            self.header.set_status(
                _tr("{model}: {layers} layers \u00d7 {heads} heads of attention.").format(
                    model=model.name, layers=model.n_layers, heads=model.n_heads
                )
            )
