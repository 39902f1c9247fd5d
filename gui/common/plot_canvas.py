"""matplotlib embedded in Qt, created on first use so the window paints before matplotlib loads.

`LazyPlot` is a placeholder widget; `plot.figure()` builds a `FigureCanvasQTAgg(Figure())`
inside it the first time it is called. `plot.request_draw()` coalesces redraws to at most
`MAX_REDRAWS_PER_SECOND`. No pyplot anywhere.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

MAX_REDRAWS_PER_SECOND = 20


class LazyPlot(QWidget):
    """A matplotlib figure in a widget, built when first needed.

    All plots share one zoom factor (`set_global_scale`): projector mode scales the figure's
    DPI, so text, lines and markers grow together while the widget keeps its size.
    """

    BASE_DPI = 100.0
    _scale = 1.0
    _instances: "weakref.WeakSet[LazyPlot]" = weakref.WeakSet()

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
        LazyPlot._instances.add(self)

    @classmethod
    def set_global_scale(cls, scale: float) -> None:
        """Zoom every plot (existing and future) by `scale`.

        The figure DPI carries the zoom rather than rcParams["font.size"], because the tabs
        set explicit font sizes on their labels; a DPI change scales those too.
        """
        cls._scale = float(scale)
        for plot in list(cls._instances):
            try:
                plot.apply_scale()
            except RuntimeError:  # the widget's C++ side was already deleted
                cls._instances.discard(plot)

    @classmethod
    def global_scale(cls) -> float:
        return cls._scale

    def effective_dpi(self) -> float:
        """Figure DPI before the screen's pixel ratio: BASE_DPI x zoom."""
        return self.BASE_DPI * self._scale

    def apply_scale(self) -> None:
        """Re-apply the shared zoom to this figure (no-op until the figure exists)."""
        if self._figure is None:
            return
        dpi = self.effective_dpi()
        ratio = self._canvas.devicePixelRatioF() or 1.0
        self._figure._original_dpi = dpi  # matplotlib's Qt canvas multiplies this by the pixel ratio
        self._figure.set_dpi(dpi * ratio)
        width, height = self._canvas.width() * ratio, self._canvas.height() * ratio
        if width > 0 and height > 0:
            self._figure.set_size_inches(width / (dpi * ratio), height / (dpi * ratio), forward=False)
        self.request_draw()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        super().changeEvent(event)

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
            if self._scale != 1.0:
                self.apply_scale()
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
    """Colour an Axes' face, spines, ticks and labels, and write its numeric tick labels with the
    current language's decimal point (see `localize_tick_labels`)."""
    localize_tick_labels(axes)
    axes.set_facecolor(background)
    for spine in axes.spines.values():
        spine.set_color(foreground)
    axes.tick_params(colors=foreground, which="both")
    axes.xaxis.label.set_color(foreground)
    axes.yaxis.label.set_color(foreground)
    axes.title.set_color(foreground)


def decimal_point_text(text: str) -> str:
    """`text` (a number matplotlib formatted, "0.25") with the current language's decimal point ("0,25")."""
    from PySide6.QtCore import QLocale

    point = QLocale().decimalPoint()
    return text if point == "." else text.replace(".", point)


_locale_formatter: Any = None


def locale_scalar_formatter() -> Any:
    """A matplotlib ScalarFormatter whose labels use the current language's decimal point.

    The point is looked up at every draw, so a plot redrawn after a language change follows it."""
    global _locale_formatter
    if _locale_formatter is None:
        from matplotlib.ticker import ScalarFormatter

        class LocaleScalarFormatter(ScalarFormatter):
            def __call__(self, x: float, pos: int | None = None) -> str:
                return decimal_point_text(super().__call__(x, pos))

            def format_data_short(self, value: float) -> str:
                return decimal_point_text(super().format_data_short(value))

            def get_offset(self) -> str:
                return decimal_point_text(super().get_offset())

        _locale_formatter = LocaleScalarFormatter
    return _locale_formatter


def localize_tick_labels(axes: Any) -> None:
    """Give both axes of `axes` a locale-aware formatter where they use matplotlib's default
    ScalarFormatter (categorical, log, percent and other custom formatters are left alone)."""
    from matplotlib.ticker import ScalarFormatter

    for axis in (axes.xaxis, axes.yaxis):
        current = axis.get_major_formatter()
        if type(current) is ScalarFormatter:
            replacement = locale_scalar_formatter()(useOffset=current.get_useOffset(),
                                                    useMathText=current.get_useMathText())
            axis.set_major_formatter(replacement)
