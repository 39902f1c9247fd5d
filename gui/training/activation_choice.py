"""The Training tab's activation setting: a combo of the MLP non-linearities and a small drawing of the chosen
curve beside it, so a class sees what "ReLU" or "GELU" means before training with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from core.model.activations import ACTIVATIONS, activation_value

translate = QCoreApplication.translate

X_RANGE = (-3.0, 3.0)
Y_RANGE = (-1.2, 3.0)


def activation_names() -> dict[str, str]:
    """Each activation's name in the current language."""
    return {"gelu": translate("TrainingTab", "GELU (exact, nanoGPT)"),
            "gelu_new": translate("TrainingTab", "GELU (tanh, GPT-2)"),
            "relu": translate("TrainingTab", "ReLU"), "silu": translate("TrainingTab", "SiLU"),
            "tanh": translate("TrainingTab", "Tanh")}


class ActivationCurve(QWidget):
    """y = f(x) for x in X_RANGE, with the axes, drawn in the palette's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainActivationCurve")
        self.name = ACTIVATIONS[0]
        self.setFixedSize(QSize(64, 40))

    def set_activation(self, name: str) -> None:
        self.name = name
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """The curve as (x, y) samples, 61 of them."""
        low, high = X_RANGE
        return [(x, activation_value(self.name, x)) for x in (low + (high - low) * i / 60 for i in range(61))]

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt naming)
        width, height = self.width() - 2, self.height() - 2

        def at(x: float, y: float) -> QPointF:
            return QPointF(1 + (x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0]) * width,
                           1 + (Y_RANGE[1] - y) / (Y_RANGE[1] - Y_RANGE[0]) * height)

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(at(X_RANGE[0], 0), at(X_RANGE[1], 0))
        painter.drawLine(at(0, Y_RANGE[0]), at(0, Y_RANGE[1]))
        path = QPainterPath()
        for index, (x, y) in enumerate(self.points()):
            point = at(x, max(Y_RANGE[0], min(Y_RANGE[1], y)))
            path.moveTo(point) if index == 0 else path.lineTo(point)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawPath(path)
        painter.end()


class ActivationChoice(QWidget):
    """The combo (items keyed by core.model.activations.ACTIVATIONS) and the curve of the chosen one."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(objectName="trainActivation")
        for name in ACTIVATIONS:
            self.combo.addItem("", name)
        self.curve = ActivationCurve()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.curve, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._on_chosen)
        self.retranslate()

    def value(self) -> str:
        return self.combo.currentData()

    def set_value(self, name: str, quiet: bool = False) -> None:
        """Choose `name` (one of ACTIVATIONS); `quiet` shows it without reporting a change."""
        self.combo.blockSignals(quiet)
        self.combo.setCurrentIndex(max(0, self.combo.findData(name)))
        self.combo.blockSignals(False)
        self.curve.set_activation(self.value())

    def retranslate(self) -> None:
        names = activation_names()
        self.combo.blockSignals(True)  # renaming is not choosing
        for index in range(self.combo.count()):
            self.combo.setItemText(index, names[self.combo.itemData(index)])
        self.combo.blockSignals(False)
        self.curve.setAccessibleName(translate("TrainingTab", "Curve of the chosen activation"))
        self.combo.setToolTip(translate("TrainingTab", "The non-linearity between the two layers of every MLP "
                                                       "block; the curve shows it for x from -3 to 3."))

    def _on_chosen(self, _index: int) -> None:
        self.curve.set_activation(self.value())
        self.changed.emit(self.value())
