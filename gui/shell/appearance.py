"""Theme (system / light / dark / high contrast) and projector zoom for the whole app.

Zoom scales the Qt font and every matplotlib figure together (figures through their DPI, so
text, lines and markers all grow). Themes are explicit Fusion palettes, so they work the same
on every platform; "system" follows `QStyleHints.colorScheme()` and its changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark", "high-contrast")
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)
DEFAULT_ZOOM = 1.0


def dark_palette() -> QPalette:
    """A dark Fusion palette with enough contrast for a projector."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2d31",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#2f3136",
        QPalette.ColorRole.ToolTipBase: "#3a3d42",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#35373c",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d8ee0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#79b8ff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#5a5d63",
        QPalette.ColorRole.Dark: "#18191c",
        QPalette.ColorRole.Light: "#4a4d52",
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d7d7d"))
    return palette


def high_contrast_palette() -> QPalette:
    """Black background, white text, yellow selection: readable at the back of a classroom."""
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button,
                 QPalette.ColorRole.AlternateBase, QPalette.ColorRole.ToolTipBase):
        palette.setColor(role, QColor("#000000"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.ToolTipText, QPalette.ColorRole.Mid, QPalette.ColorRole.Light):
        palette.setColor(role, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#ffd400"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#00e5ff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a0a0"))
    return palette


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class Appearance(QObject):
    """Applies and remembers the theme and the zoom factor."""

    changed = Signal()

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.theme = "system"
        self.zoom = DEFAULT_ZOOM
        point_size = app.font().pointSizeF()
        self.base_point_size = point_size if point_size > 0 else 10.0
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    # --- theme ---------------------------------------------------------------------------
    def effective_theme(self) -> str:
        """"light", "dark" or "high-contrast" after resolving "system"."""
        if self.theme == "system":
            return "dark" if system_prefers_dark() else "light"
        return self.theme

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        self.theme = theme
        self._apply_palette()
        self.changed.emit()

    def _apply_palette(self) -> None:
        effective = self.effective_theme()
        if effective == "dark":
            palette = dark_palette()
        elif effective == "high-contrast":
            palette = high_contrast_palette()
        else:
            palette = self.app.style().standardPalette()
        self.app.setPalette(palette)

    def _on_color_scheme_changed(self, _scheme) -> None:
        if self.theme == "system":
            self._apply_palette()
            self.changed.emit()

    # --- zoom ----------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Scale the UI font and all matplotlib figures by `zoom` (1.0 = normal)."""
        from gui.common.plot_canvas import LazyPlot

        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], float(zoom)))
        font = QFont(self.app.font())
        font.setPointSizeF(self.base_point_size * self.zoom)
        self.app.setFont(font)
        LazyPlot.set_global_scale(self.zoom)
        self.changed.emit()

    def zoom_in(self) -> None:
        self.set_zoom(next((step for step in ZOOM_STEPS if step > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < self.zoom - 1e-6), ZOOM_STEPS[0]))

    def reset_zoom(self) -> None:
        self.set_zoom(DEFAULT_ZOOM)

    def apply(self, theme: str, zoom: float) -> None:
        """Apply saved settings at start-up."""
        self.theme = theme if theme in THEMES else "system"
        self._apply_palette()
        self.set_zoom(zoom)
