"""The Attention tab's bar chart: how much the chosen query token looks at each key token.

matplotlib and numpy are imported inside functions only. The bars are laid out once per token
list; a new layer or head repaints only the bars, the weight axis and the title (a blit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from gui.attention.blit import QuickPlot, QuickRedraw
from gui.attention.views import tick_fontsize, tick_positions, tick_rotation
from gui.common.tab_header import set_plot_name

if TYPE_CHECKING:
    import numpy as np

MAX_BARS = 120  # longer rows are drawn as one filled step line: a thousand bars are hard to tell apart
BAR_WIDTH = 0.8  # in token slots
BAR_COLOUR = "#3b528b"  # a viridis blue, readable on light and dark backgrounds

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def weight_decimals(top: float) -> int:
    """Decimals of the weight axis whose ticks end at `top`: 2 from 0.05, else 3, below 0.005 4.

    One number of decimals for all tick labels keeps them one width, so the laid-out margin fits."""
    return 2 if top >= 0.05 else 3 if top >= 0.005 else 4


def bar_outlines(heights: np.ndarray) -> np.ndarray:
    """(T, 4, 2) corners of bars BAR_WIDTH wide centred on 0..T-1, from 0 up to `heights` (T,)."""
    import numpy as np

    n, half = len(heights), BAR_WIDTH / 2
    x = np.arange(n, dtype=np.float64)[:, None] + np.array([-half, -half, half, half])  # (T, 4)
    y = np.zeros((n, 4))
    y[:, 1:3] = np.asarray(heights, dtype=np.float64)[:, None]
    return np.stack([x, y], axis=-1)


class FocusBars(QuickPlot):
    """One query token's row of weights as bars over the key tokens (a filled step line above MAX_BARS).

    The bars are one PolyCollection (one artist to repaint, not T rectangles)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, 180)
        self._axes: Any = None
        self._artist: Any = None  # BarContainer, or StepPatch for long texts
        self._tokens: list[str] = []
        self._decimals = 0  # of the weight axis' tick labels
        self.retranslate()

    def retranslate(self) -> None:
        """The accessible name and the axis label in the current language (the title comes with the data)."""
        set_plot_name(self, translate("AttentionTab", "Bar chart: how much the chosen query token looks at each "
                                      "key token"))
        if self._axes is not None:
            self._axes.set_ylabel(translate("AttentionTab", "weight"))
            self.apply_palette()
            self._layout_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.request_draw()

    def show_row(self, row: np.ndarray, tokens: list[str], key: int | None, title: str) -> None:
        """Bars of `row` (T,) over `tokens`; the bar of `key` is outlined and hatched.

        With the same tokens only the bars, the weight axis and the title are repainted (blitted)."""
        import numpy as np
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Rectangle
        from matplotlib.ticker import FuncFormatter

        from gui.common.plot_canvas import decimal_point_text

        foreground, n = self.colors()[1], len(tokens)
        if self._axes is None:
            self._axes = self.figure().add_subplot()
            self.retranslate()
            self._key_bar = Rectangle((0, 0), 0.8, 0, fill=False, hatch="//", linewidth=2, zorder=3)
            self._axes.add_patch(self._key_bar)
            self.quick = QuickRedraw(self.canvas)
            self.apply_palette()
        axes, heights = self._axes, np.asarray(row, dtype=np.float32)
        if tokens != self._tokens:
            if self._artist is not None:
                self._artist.remove()
            self._tokens = list(tokens)
            if n <= MAX_BARS:
                self._artist = PolyCollection(bar_outlines(heights), facecolors=BAR_COLOUR, edgecolors="none",
                                              linewidths=0)
                axes.add_collection(self._artist, autolim=False)
            else:
                self._artist = axes.stairs(heights, np.arange(n + 1) - 0.5, fill=True, color=BAR_COLOUR)
            ticks = tick_positions(n)
            labels = [tokens[k] for k in ticks]
            axes.set_xticks(ticks, labels=labels, rotation=tick_rotation(labels), fontsize=tick_fontsize(n))
            axes.set_xlim(-0.6, n - 0.4)
            self.quick.set_artists([self._artist, self._key_bar, axes.title, axes.yaxis])
            self._layout_changed()
        elif n <= MAX_BARS:
            self._artist.set_verts(bar_outlines(heights))
        else:
            self._artist.set_data(heights)
        self._key_bar.set_edgecolor(foreground)
        self._key_bar.set_visible(key is not None)
        if key is not None:
            self._key_bar.set_bounds(key - 0.4, 0, 0.8, float(heights[key]))
        top = max(float(heights.max(initial=0.0)) * 1.15, 1e-6)
        axes.set_ylim(0, top)
        if weight_decimals(top) != self._decimals:  # tick labels of another width: lay out again
            self._decimals = weight_decimals(top)
            decimals = self._decimals
            axes.yaxis.set_major_formatter(FuncFormatter(lambda x, _pos: decimal_point_text(f"{x:.{decimals}f}")))
            self._layout_changed()
        if axes.get_title() != title:
            axes.set_title(title, fontsize="medium", color=foreground)
        self.request_draw()

    def _has_data(self) -> bool:
        return self._axes is not None

    def heights(self) -> np.ndarray:
        """The heights drawn, one per key token."""
        import numpy as np

        if self._artist is None:
            return np.zeros(0, np.float32)
        if len(self._tokens) > MAX_BARS:
            return np.asarray(self._artist.get_data().values, np.float32)
        return np.array([path.vertices[1, 1] for path in self._artist.get_paths()], np.float32)
