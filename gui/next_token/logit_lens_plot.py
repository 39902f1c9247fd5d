"""Drawing the logit lens (`core.next_token.logit_lens.LogitLens`) and the text of its hover tips and CSV.

Two heatmaps, drawn into figures the caller owns (never pyplot):
- `draw_top_guesses`: layers x ranks for the last position: each cell is a layer's k-th guess with
  its probability; the right-hand labels give the rank of the model's final answer at each layer.
- `draw_position_grid`: layers x positions: each layer's top guess for the token after each
  position, coloured by its probability.
Rows run from the embeddings (bottom) to the last layer (top); colours use viridis (colour-blind
safe) and every cell also carries its token and number as text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import count, percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MAX_CHARS = 8
CELL_PX = 74  # width of a position column in the grid, so labels stay readable (the page scrolls)


def short(label: str, limit: int = MAX_CHARS) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def layer_name(row: int) -> str:
    """Row 0 is the embeddings, row i the output of block i."""
    return translate("SamplingTab", "embeddings") if row == 0 else translate("SamplingTab", "layer {n}").format(
        n=count(row))


def grid_width_px(positions: int) -> int:
    return CELL_PX * positions + 170


def _cell_text_color(probability: float) -> str:
    return "black" if probability > 0.55 else "white"  # viridis is dark at the bottom, yellow at the top


def draw_top_guesses(figure: Any, lens: Any, k: int, label: Callable[[int], str], colors: tuple[str, str],
                     title: str) -> Any:
    """Layers x the k best guesses for the last position; returns the Axes (for hover)."""
    from gui.common.plot_canvas import style_axes

    background, foreground = colors
    figure.clear()
    axes = figure.add_subplot()
    probs = lens.top_probs[:, -1, :k].numpy()  # (L + 1, k)
    ids = lens.top_ids[:, -1, :k].tolist()
    axes.imshow(probs, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto", origin="lower")
    for row in range(probs.shape[0]):
        for col in range(probs.shape[1]):
            p = float(probs[row, col])
            text = f"{short(label(ids[row][col]))}  {percent(p, 1)}"
            bold = "bold" if ids[row][col] == lens.final_token else "normal"
            axes.text(col, row, text, ha="center", va="center", fontsize=7, color=_cell_text_color(p),
                      fontweight=bold)
    rows = range(probs.shape[0])
    axes.set_yticks(list(rows), [layer_name(row) for row in rows], fontsize=8)
    axes.set_xticks(range(k), [translate("SamplingTab", "#{n}").format(n=count(i + 1)) for i in range(k)],
                    fontsize=8)
    axes.set_xlabel(translate("SamplingTab", "guesses, most likely first (the final answer in bold)"), fontsize=8)
    right = axes.secondary_yaxis("right")
    right.set_yticks(list(rows), [translate("SamplingTab", "answer: #{rank}").format(rank=count(rank))
                                  for rank in lens.final_ranks], fontsize=8)
    right.tick_params(colors=foreground)
    axes.set_title(title, fontsize=9)
    style_axes(axes, background, foreground)
    return axes


def draw_position_grid(figure: Any, lens: Any, label: Callable[[int], str], colors: tuple[str, str],
                       title: str) -> Any:
    """Layers x positions, each layer's top guess after each position; returns the Axes (for hover)."""
    from gui.common.plot_canvas import style_axes

    background, foreground = colors
    figure.clear()
    axes = figure.add_subplot()
    probs = lens.top_probs[:, :, 0].numpy()  # (L + 1, P)
    ids = lens.top_ids[:, :, 0].tolist()
    axes.imshow(probs, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto", origin="lower")
    for row in range(probs.shape[0]):
        for col in range(probs.shape[1]):
            axes.text(col, row, short(label(ids[row][col]), 7), ha="center", va="center", fontsize=7,
                      color=_cell_text_color(float(probs[row, col])))
    rows = range(probs.shape[0])
    axes.set_yticks(list(rows), [layer_name(row) for row in rows], fontsize=8)
    inputs = [short(label(lens.token_ids[p])) for p in lens.positions]
    axes.set_xticks(range(len(inputs)), inputs, fontsize=8, rotation=30, ha="right")
    axes.set_xlabel(translate("SamplingTab", "the text, token by token: each column guesses the token after it"),
                    fontsize=8)
    axes.set_title(title, fontsize=9)
    style_axes(axes, background, foreground)
    return axes


def hover_text(lens: Any, row: int, column: int, label: Callable[[int], str], last_only: bool) -> str:
    """The tip for a cell: the layer, the position and its three best guesses with probabilities."""
    position = len(lens.positions) - 1 if last_only else column
    guesses = ", ".join(f"“{label(int(i))}” {percent(float(p), 1)}" for i, p in
                        zip(lens.top_ids[row, position, :3], lens.top_probs[row, position, :3]))
    after = label(lens.token_ids[lens.positions[position]])
    return translate("SamplingTab", "{layer}, after “{token}”: {guesses}").format(
        layer=layer_name(row), token=after, guesses=guesses)


def lens_table(lens: Any, label: Callable[[int], str]) -> tuple[list[str], list[list[Any]]]:
    """CSV: one row per layer, position and guess; plain numbers, 9 significant digits."""
    header = ["layer", "position", "after_token_id", "after_token", "rank", "token_id", "token", "probability",
              "final_answer_rank"]
    rows = []
    last = len(lens.positions) - 1
    for layer in range(lens.n_rows):
        for index, position in enumerate(lens.positions):
            after = lens.token_ids[position]
            for rank in range(lens.top_ids.shape[-1]):
                token = int(lens.top_ids[layer, index, rank])
                rows.append([layer, position, after, label(after), rank + 1, token, label(token),
                             f"{float(lens.top_probs[layer, index, rank]):.9g}",
                             lens.final_ranks[layer] if index == last else ""])
    return header, rows
