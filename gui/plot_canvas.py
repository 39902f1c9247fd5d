"""matplotlib embedded in Qt, created on first use so the window paints before matplotlib loads.

`LazyPlot` is a placeholder widget; `plot.figure()` builds a `FigureCanvasQTAgg(Figure())`
inside it the first time it is called. `plot.request_draw()` coalesces redraws to at most
`MAX_REDRAWS_PER_SECOND`. No pyplot anywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

MAX_REDRAWS_PER_SECOND = 20


class LazyPlot(QWidget):
    """A matplotlib figure in a widget, built when first needed."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None, min_height: int = 220) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setMinimumHeight(min_height)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._figure: Any = None
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(1000 // MAX_REDRAWS_PER_SECOND)
        self._redraw.timeout.connect(self.draw_now)
        self.draw_count = 0  # how many real draws happened (tests check the throttle)

    @property
    def created(self) -> bool:
        return self._figure is not None

    def figure(self) -> Any:
        """The matplotlib `Figure`, creating the canvas on first call."""
        if self._figure is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self._figure = Figure(layout="constrained")
            self._canvas = FigureCanvasQTAgg(self._figure)
            self._canvas.setAccessibleName(self.accessibleName())
            self._canvas.setParent(self)
            self._layout.addWidget(self._canvas)
            self.apply_palette()
        return self._figure

    @property
    def canvas(self) -> Any:
        self.figure()
        return self._canvas

    def apply_palette(self) -> None:
        """Match the figure's colours to the Qt palette (light or dark)."""
        if self._figure is None:
            return
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base).name()
        foreground = palette.color(QPalette.ColorRole.WindowText).name()
        self._figure.set_facecolor(background)
        for axes in self._figure.axes:
            style_axes(axes, background, foreground)
        self.request_draw()

    def colors(self) -> tuple[str, str]:
        """(background, foreground) colours of the current palette as hex strings."""
        palette = self.palette()
        return (palette.color(QPalette.ColorRole.Base).name(),
                palette.color(QPalette.ColorRole.WindowText).name())

    def request_draw(self) -> None:
        """Schedule a redraw; many requests within 1/20 s become one draw."""
        if self._figure is not None and not self._redraw.isActive():
            self._redraw.start()

    def draw_now(self) -> None:
        if self._canvas is not None:
            self._canvas.draw_idle()
            self.draw_count += 1


def style_axes(axes: Any, background: str, foreground: str) -> None:
    """Colour an Axes' face, spines, ticks and labels."""
    axes.set_facecolor(background)
    for spine in axes.spines.values():
        spine.set_color(foreground)
    axes.tick_params(colors=foreground, which="both")
    axes.xaxis.label.set_color(foreground)
    axes.yaxis.label.set_color(foreground)
    axes.title.set_color(foreground)
