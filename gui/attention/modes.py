"""The Attention tab's view modes: single head, all heads of a layer, the whole model.

Holds the modes' names (shown in the View combo), the drawing of the two grid modes, the grid's
hover readout, and which layer and head a clicked thumbnail stands for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

SINGLE, LAYER_GRID, MODEL_GRID = "single", "layer", "model"

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def view_names() -> dict[str, str]:
    """Each mode's name in the View combo, in the current language."""
    return {SINGLE: translate("AttentionTab", "Single head"),
            LAYER_GRID: translate("AttentionTab", "All heads of the layer"),
            MODEL_GRID: translate("AttentionTab", "Whole model (layers \u00d7 heads)")}


def draw_grid(grid_view: Any, maps: Any, mode: str, layer: int, head: int, mean: bool, cmap: str,
              log: bool) -> None:
    """Show the thumbnails of `mode` (LAYER_GRID or MODEL_GRID) in `grid_view`, the chosen `head` outlined
    (in a layer's grid, none when the `mean` of the heads is shown)."""
    causal, heads = maps.is_causal, maps.n_heads
    if mode == LAYER_GRID:
        cols = grid_view.best_columns(heads)
        grid_view.show_tiles(
            maps.weights[layer], causal, cols, cmap, log,
            translate("AttentionTab", "Layer {layer}: all {heads} heads").format(layer=layer, heads=heads),
            tile_titles=[translate("AttentionTab", "head {head}").format(head=h) for h in range(heads)],
            selected=None if mean else head, cache_key=(maps, layer, cols))
    else:
        grid_view.show_tiles(
            maps.weights.reshape(-1, maps.n_tokens, maps.n_tokens), causal, heads, cmap, log,
            translate("AttentionTab", "All {layers} layers × {heads} heads").format(
                layers=maps.n_layers, heads=heads),
            row_labels=[translate("AttentionTab", "layer {layer}").format(layer=k) for k in range(maps.n_layers)],
            col_labels=[translate("AttentionTab", "head {head}").format(head=h) for h in range(heads)],
            selected=layer * heads + head, cache_key=(maps, "all"))


def tile_layer(maps: Any, mode: str, layer: int, index: int) -> int:
    """The layer of thumbnail `index`: its row in the whole-model grid, else the layer shown."""
    return index // maps.n_heads if mode == MODEL_GRID else layer


def tile_readout(maps: Any, mode: str, layer: int, index: int | None) -> str:
    """What the line under the grid says for the hovered thumbnail `index` (None: none hovered)."""
    if maps is None or index is None:
        return translate("AttentionTab", "Click a thumbnail to open it as a single head.")
    return translate("AttentionTab", "Layer {layer}, head {head}: click to open it.").format(
        layer=tile_layer(maps, mode, layer, index), head=index % maps.n_heads)
