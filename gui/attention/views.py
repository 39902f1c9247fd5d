"""The Attention tab's maps: one head as a heatmap, many heads as a grid of thumbnails (the
query's row as bars is in `gui/attention/bars.py`).

matplotlib and numpy are imported inside functions only, so the window paints before they load.
Each plot keeps its artists and updates their data; the figure is never rebuilt for a new layer,
head or text. The heatmap is laid out once per token list and a new head only repaints the image,
the title and the outlines (`gui.attention.blit.QuickRedraw`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QWidget

from gui.attention.blit import QuickPlot, QuickRedraw
from gui.common.plot_canvas import style_axes
from gui.common.tab_header import set_plot_name

if TYPE_CHECKING:
    import numpy as np

MAX_TICK_LABELS = 40  # above this many tokens only every k-th token is labelled
THUMBNAIL_CELLS = 48  # a thumbnail shows at most this many cells a side (block averages)
COLORMAPS = ("viridis", "cividis")  # colour-blind safe, perceptually uniform


translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


# ----------------------------------------------------------------------------- pure helpers

def causal_mask(n: int) -> np.ndarray:
    """(n, n) True above the diagonal: keys after the query, which a causal model never sees."""
    import numpy as np

    return np.triu(np.ones((n, n), dtype=bool), k=1)


def masked_matrix(matrix: np.ndarray, causal: bool) -> np.ma.MaskedArray:
    """float32 copy of a (T, T) map; the upper triangle is masked for causal models (drawn as background)."""
    import numpy as np

    data = np.asarray(matrix, dtype=np.float32)
    mask = causal_mask(data.shape[0]) if causal else np.zeros(data.shape, dtype=bool)
    return np.ma.array(data, mask=mask)


def colour_norm(log: bool, n_tokens: int) -> Any:
    """0..1 linear, or logarithmic from min(0.01, 0.1 / T): a weight of 1/(10 T) is already faint."""
    from matplotlib.colors import LogNorm, Normalize

    if log:
        return LogNorm(vmin=min(1e-2, 0.1 / max(n_tokens, 1)), vmax=1.0, clip=True)
    return Normalize(vmin=0.0, vmax=1.0)


def colormap(name: str) -> Any:
    """A named colormap whose masked ("bad") cells are transparent, so they show the background."""
    from matplotlib import colormaps

    return colormaps[name].with_extremes(bad=(0.0, 0.0, 0.0, 0.0))


def tick_positions(n: int, most: int = MAX_TICK_LABELS) -> list[int]:
    """Every token up to `most` tokens, then every k-th so that at most `most` labels remain."""
    return list(range(0, n, max(1, math.ceil(n / most))))


def tick_fontsize(n: int) -> float:
    return 9.0 if n <= 16 else 8.0 if n <= 30 else 7.0


def tick_rotation(labels: list[str]) -> int:
    """Upright labels when all are one or two characters (easier to read), else vertical ones."""
    return 0 if max((len(label) for label in labels), default=0) <= 2 else 90


def downsample(matrix: np.ndarray, cells: int = THUMBNAIL_CELLS) -> np.ndarray:
    """(T, T) -> at most (cells, cells) float32 by averaging square blocks (zero-padded at the end)."""
    import numpy as np

    t = matrix.shape[0]
    factor = math.ceil(t / cells)
    if factor <= 1:
        return np.asarray(matrix, dtype=np.float32)
    size = math.ceil(t / factor)
    padded = np.zeros((size * factor, size * factor), dtype=np.float32)
    padded[:t, :t] = matrix
    return padded.reshape(size, factor, size, factor).mean(axis=(1, 3))


def mosaic(matrices: np.ndarray, causal: bool, cols: int, gap_fraction: float = 0.125
           ) -> tuple[np.ma.MaskedArray, int, int]:
    """Tile N maps (N, T, T) into one masked image, `cols` per row, with masked gaps between them.

    Returns (image, tile size in cells, step from one tile to the next). One image instead of N axes
    keeps a 12 x 12 model grid fast to draw.
    """
    import numpy as np

    tiles = [downsample(m) for m in matrices]
    size = tiles[0].shape[0]
    gap = max(1, round(size * gap_fraction))
    step = size + gap
    rows = math.ceil(len(tiles) / cols)
    data = np.zeros((rows * step - gap, cols * step - gap), dtype=np.float32)
    mask = np.ones(data.shape, dtype=bool)
    tile_mask = causal_mask(size) if causal else np.zeros((size, size), dtype=bool)
    for index, tile in enumerate(tiles):
        r, c = divmod(index, cols)
        data[r * step:r * step + size, c * step:c * step + size] = tile
        mask[r * step:r * step + size, c * step:c * step + size] = tile_mask
    return np.ma.array(data, mask=mask), size, step


def _outline(axes: Any) -> Any:
    """A white rectangle with a black halo: visible on any colour of viridis or cividis."""
    from matplotlib import patheffects
    from matplotlib.patches import Rectangle

    box = Rectangle((0, 0), 1, 1, fill=False, edgecolor="white", linewidth=1.6, visible=False, zorder=5)
    box.set_path_effects([patheffects.withStroke(linewidth=3.2, foreground="black")])
    box.set_clip_on(False)
    axes.add_patch(box)
    return box


# ----------------------------------------------------------------------------- plots

class _ImagePlot(QuickPlot):
    """One image with a colorbar beside it; the mouse position is reported through `_locate(x, y)`."""

    hovered = Signal(object)  # what `_locate` found under the mouse, or None
    clicked = Signal(object)

    def __init__(self, accessible_name: str, aspect: str, parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, parent, 300)
        self.image: Any = None
        self.axes: Any = None
        self.colorbar: Any = None
        self._aspect = aspect
        self._scale_key: tuple | None = None  # (colormap, log, T) of the colour scale set
        self.hover_target: Any = None

    def retranslate(self) -> None:
        """Labels that do not depend on the data, in the current language (titles come with the data)."""
        if self.colorbar is not None:
            self.colorbar.set_label(translate("AttentionTab", "attention weight"))
            self.apply_palette()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.request_draw()

    def _set_image(self, data: np.ma.MaskedArray, cmap: str, log: bool, n_tokens: int) -> None:
        """Put `data` in the image (built on first use) with a 0..1 linear or log colour scale."""
        import numpy as np

        if self.image is None:
            figure = self.figure()
            self.axes = figure.add_subplot()
            self.image = self.axes.imshow(np.zeros((1, 1)), interpolation="nearest", aspect=self._aspect)
            # the colorbar hugs the image wherever its aspect ratio puts it
            colorbar_axes = self.axes.inset_axes((1.03, 0.0, 0.035, 1.0))
            self.colorbar = figure.colorbar(self.image, cax=colorbar_axes,
                                            label=translate("AttentionTab", "attention weight"))
            self.canvas.mpl_connect("motion_notify_event", self._on_motion)
            self.canvas.mpl_connect("figure_leave_event", lambda _event: self._hover(None))
            self.canvas.mpl_connect("button_press_event", self._on_press)
            self.apply_palette()
        height, width = data.shape
        self.image.set_data(data)
        extent = (-0.5, width - 0.5, height - 0.5, -0.5)
        if tuple(self.image.get_extent()) != extent:
            self.image.set_extent(extent)
        if self._scale_key != (cmap, log, n_tokens):  # a new norm redraws the colorbar: only when it changes
            self._scale_key = (cmap, log, n_tokens)
            self.image.set_cmap(colormap(cmap))
            self.image.set_norm(colour_norm(log, n_tokens))
            self._layout_changed()

    def _has_data(self) -> bool:
        return self.image is not None

    def apply_palette(self) -> None:
        super().apply_palette()
        if self.axes is not None:
            background, foreground = self.colors()
            for child in self.axes.child_axes:
                style_axes(child, background, foreground)
            for text in self.axes.texts:
                text.set_color(foreground)

    def _locate(self, x: float, y: float) -> Any:
        raise NotImplementedError

    def _target(self, event: Any) -> Any:
        if self.axes is None or event.inaxes is not self.axes or event.xdata is None or event.ydata is None:
            return None
        return self._locate(event.xdata, event.ydata)

    def _on_motion(self, event: Any) -> None:
        self._hover(self._target(event))

    def _hover(self, target: Any) -> None:
        if target != self.hover_target:
            self.hover_target = target
            self.hovered.emit(target)

    def _on_press(self, event: Any) -> None:
        target = self._target(event)
        if target is not None:
            self.clicked.emit(target)


class HeatmapView(_ImagePlot):
    """One (T, T) map: query tokens in rows, key tokens in columns. Reports cells as (query, key).

    The canvas takes the keyboard focus: the arrow keys move the chosen cell (up/down: query,
    left/right: key; Home/End: first/last key) and report it through `clicked`, like a click.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "auto", parent)
        self._tokens: list[str] = []
        self.selection: tuple[int | None, int | None] = (None, None)  # (query, key) outlined
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        set_plot_name(self, translate("AttentionTab", "Attention heatmap: query tokens in rows, key tokens in "
                                                      "columns"))
        description = translate("AttentionTab", "Arrow keys choose the cell: up and down the query token, left "
                                                "and right the key token.")
        self.setAccessibleDescription(description)
        if self.created:
            self.canvas.setAccessibleDescription(description)
            self.canvas.setToolTip(description)
        if self.axes is not None:
            self.axes.set_xlabel(translate("AttentionTab", "key token (looked at)"))
            self.axes.set_ylabel(translate("AttentionTab", "query token (looking)"))
            self.apply_palette()
            self._layout_changed()

    def show_matrix(self, matrix: np.ndarray, tokens: list[str], causal: bool, cmap: str, log: bool,
                    title: str) -> None:
        """Show `matrix` (T, T) labelled by `tokens`; only data, colours and changed ticks are updated.

        With the same tokens and colours (a new layer or head) the ticks, labels and colorbar stay
        as they are, and the redraw only repaints the image and the title."""
        n = len(tokens)
        first = self.image is None
        self._set_image(masked_matrix(matrix, causal), cmap, log, n)
        if first:
            self._row_box, self._cell_box = _outline(self.axes), _outline(self.axes)
            self.quick = QuickRedraw(self.canvas, [self.image, self.axes.title, self._row_box, self._cell_box])
            self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.canvas.mpl_connect("key_press_event", self._on_key)
            self.retranslate()
        if tokens != self._tokens:
            self._tokens = list(tokens)
            ticks = tick_positions(n)
            labels = [tokens[k] for k in ticks]
            self.axes.set_xticks(ticks, labels=labels, rotation=tick_rotation(labels), fontsize=tick_fontsize(n))
            self.axes.set_yticks(ticks, labels=labels, fontsize=tick_fontsize(n))
            self._layout_changed()
        if self.axes.get_title() != title:  # the title is repainted with the image (quick redraw)
            self.axes.set_title(title, fontsize="medium", color=self.colors()[1])
        self.request_draw()

    def set_selection(self, query: int | None, key: int | None) -> None:
        """Outline the query's row and the chosen cell (shape, not colour, marks them)."""
        self.selection = (query, key)
        if self.image is None:
            return
        self._row_box.set_visible(query is not None)
        self._cell_box.set_visible(query is not None and key is not None)
        if query is not None:
            self._row_box.set_bounds(-0.5, query - 0.5, len(self._tokens), 1)
            if key is not None:
                self._cell_box.set_bounds(key - 0.5, query - 0.5, 1, 1)
        self.request_draw()

    def _locate(self, x: float, y: float) -> tuple[int, int] | None:
        i, j, n = int(round(y)), int(round(x)), len(self._tokens)
        return (i, j) if 0 <= i < n and 0 <= j < n else None

    def _on_key(self, event: Any) -> None:
        """Arrow keys move the chosen cell; the new cell is reported as hovered and clicked."""
        cell = moved_cell(self.selection, event.key, len(self._tokens))
        if cell is not None:
            self._hover(cell)
            self.clicked.emit(cell)


def moved_cell(selection: tuple[int | None, int | None], key: str | None, n: int) -> tuple[int, int] | None:
    """The (query, key) cell after pressing `key` ("up", "down", "left", "right", "home", "end") on an
    n x n map, starting from `selection` (no key chosen: the query's own cell); None for other keys."""
    moves = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}
    if n == 0 or key not in (*moves, "home", "end"):
        return None
    query = n - 1 if selection[0] is None else selection[0]
    column = query if selection[1] is None else selection[1]
    if key == "home":
        return query, 0
    if key == "end":
        return query, n - 1
    d_query, d_key = moves[key]
    return min(max(query + d_query, 0), n - 1), min(max(column + d_key, 0), n - 1)


class GridView(_ImagePlot):
    """Many maps as thumbnails in one image (the heads of a layer, or layers x heads). Reports tile indices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "equal", parent)
        self.geometry_cells = (0, 0, 0, 0)  # tiles, columns, tile size, step between tiles
        self._cache: tuple[Any, tuple] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        set_plot_name(self, translate("AttentionTab", "Attention thumbnails: click one to open it as a single head"))

    def show_tiles(self, matrices: np.ndarray, causal: bool, cols: int, cmap: str, log: bool, title: str,
                   tile_titles: list[str] | None = None, row_labels: list[str] | None = None,
                   col_labels: list[str] | None = None, selected: int | None = None, cache_key: Any = None) -> None:
        """Draw `matrices` (N, T, T) as tiles, titled above each tile or by row/column labels.

        The tiled image is reused while `cache_key` (when given) stays the same.
        """
        if cache_key is None or self._cache is None or self._cache[0] != cache_key:
            self._cache = (cache_key, mosaic(matrices, causal, cols, 0.3 if tile_titles else 0.125))
        image, size, step = self._cache[1]
        self._set_image(image, cmap, log, matrices.shape[-1])
        self.geometry_cells = (len(matrices), cols, size, step)
        axes, foreground = self.axes, self.colors()[1]
        for text in list(axes.texts):
            text.remove()
        rows = math.ceil(len(matrices) / cols)
        axes.set_xticks([c * step + (size - 1) / 2 for c in range(cols)] if col_labels else [],
                        labels=col_labels or [], fontsize=8)
        axes.set_yticks([r * step + (size - 1) / 2 for r in range(rows)] if row_labels else [],
                        labels=row_labels or [], fontsize=8)
        for index, text in enumerate(tile_titles or []):
            r, c = divmod(index, cols)
            axes.annotate(text, (c * step + (size - 1) / 2, r * step - 0.5), xytext=(0, 2), textcoords="offset points",
                          ha="center", va="bottom", fontsize=8, color=foreground, annotation_clip=False)
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.set_title(title, fontsize="medium", color=foreground, pad=14 if tile_titles else 6)
        if not hasattr(self, "_box"):
            self._box = _outline(axes)
        self.select(selected)

    def select(self, index: int | None) -> None:
        """Outline tile `index` (the one the single-head view shows)."""
        tiles, cols, size, step = self.geometry_cells
        self._box.set_visible(index is not None and 0 <= index < tiles)
        if index is not None:
            r, c = divmod(index, cols)
            self._box.set_bounds(c * step - 0.5, r * step - 0.5, size, size)
        self.request_draw()

    def best_columns(self, tiles: int) -> int:
        """Tiles per row that make them largest in this widget (4 heads: 4 x 1 on a wide screen)."""
        width, height = max(self.width() * 0.85, 1), max(self.height() - 60, 1)
        return max(range(1, tiles + 1), key=lambda c: (min(width / c, height / math.ceil(tiles / c)), -c))

    def _locate(self, x: float, y: float) -> int | None:
        tiles, cols, size, step = self.geometry_cells
        c, r = int((x + 0.5) // step), int((y + 0.5) // step)
        inside = (x + 0.5) - c * step < size and (y + 0.5) - r * step < size
        index = r * cols + c
        return index if inside and 0 <= c < cols and 0 <= index < tiles else None
