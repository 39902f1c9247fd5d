"""Drawing a beam search as a tree (for the Beam tree page), from `core.next_token.beam_search.BeamStep`s.

Step t is column t + 1 (the prompt is column 0). A column holds the 2 x num_beams candidates of
its step, best first from the top; each node shows its token and the cumulative log-probability.
Kept beams are filled boxes joined by thick lines, finished hypotheses have a thick orange frame
and a ✓, pruned candidates are grey text on thin dashed lines: shape and text carry the meaning as
well as colour. matplotlib is imported by the caller's Figure; nothing here uses pyplot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import decimal
from gui.next_token.views import CHOSEN, GREY, KEPT

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MAX_TOKEN_CHARS = 8
STEP_WIDTH_PX = 86  # horizontal room per step, so 20 steps stay readable (the page scrolls)
ROW_HEIGHT_PX = 36


@dataclass
class TreeNode:
    """One drawn candidate: its step, row (0 = best), status (kept, finished, pruned) and label."""

    step: int
    row: int
    status: str
    label: str


def short(label: str) -> str:
    return label if len(label) <= MAX_TOKEN_CHARS else label[:MAX_TOKEN_CHARS - 1] + "…"


def tree_size_px(n_steps: int, n_candidates: int) -> tuple[int, int]:
    """(width, height) in pixels the tree needs to stay readable."""
    return STEP_WIDTH_PX * (n_steps + 1) + 80, ROW_HEIGHT_PX * max(n_candidates, 4) + 90


def draw_beam_tree(figure: Any, steps: Sequence[Any], upto: int, label: Callable[[int], str],
                   colors: tuple[str, str]) -> list[TreeNode]:
    """Draw the first `upto` steps of `steps` into `figure` (cleared first); `label(token_id)` names a
    token; colors = (background, foreground). Returns the nodes drawn."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    from gui.common.plot_canvas import style_axes

    background, foreground = colors
    figure.clear()
    axes = figure.add_subplot()
    shown = list(steps[:upto])
    rows = max((len(step.candidates) for step in shown), default=1)
    root_y = -(rows - 1) / 2
    axes.text(0, root_y, translate("SamplingTab", "prompt"), ha="center", va="center", fontsize=8,
              color=foreground, bbox=dict(boxstyle="round,pad=0.3", facecolor=background, edgecolor=foreground))
    nodes: list[TreeNode] = []
    segments: dict[str, list] = {"kept": [], "finished": [], "pruned": []}
    previous: dict[int, float] = {}  # live beam slot -> its node's y in the previous column
    for step in shown:
        x = step.step + 1
        current: dict[int, float] = {}
        for row, candidate in enumerate(step.candidates):
            y = -row
            parent_y = root_y if step.step == 0 else previous.get(candidate.parent)
            if parent_y is not None:
                segments[candidate.status].append([(x - 1 + 0.32, parent_y), (x - 0.32, y)])
            text = short(label(candidate.token_id))
            score = decimal(candidate.log_prob, 2) if candidate.log_prob > -1e8 else "–"
            if candidate.status == "kept":
                current[candidate.slot] = y
                style = dict(color="white", fontweight="bold",
                             bbox=dict(boxstyle="round,pad=0.25", facecolor=KEPT, edgecolor=KEPT))
            elif candidate.status == "finished":
                text = f"✓ {text}"
                style = dict(color=foreground, fontweight="bold",
                             bbox=dict(boxstyle="round,pad=0.25", facecolor=background, edgecolor=CHOSEN,
                                       linewidth=2.2))
            else:
                style = dict(color=GREY, fontstyle="italic")
            axes.text(x, y, f"{text}\n{score}", ha="center", va="center", fontsize=7, **style)
            nodes.append(TreeNode(step.step, row, candidate.status, text))
        previous = current
    for status, color, width, line in (("pruned", GREY, 0.6, (0, (3, 2))), ("finished", CHOSEN, 1.6, "solid"),
                                       ("kept", KEPT, 2.0, "solid")):
        if segments[status]:
            axes.add_collection(LineCollection(segments[status], colors=color, linewidths=width, linestyles=line,
                                               alpha=0.6 if status == "pruned" else 1.0, zorder=0))
    axes.set_xlim(-0.6, max(len(shown), 1) + 0.6)
    axes.set_ylim(-rows + 0.4, 0.6)
    axes.set_yticks([])
    axes.set_xticks(range(0, len(shown) + 1))
    axes.set_xticklabels([""] + [str(i) for i in range(1, len(shown) + 1)])
    axes.set_xlabel(translate("SamplingTab", "step (new token); top to bottom: candidates, best first"))
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    handles = [Line2D([], [], color=KEPT, linewidth=2.0, label=translate("SamplingTab", "kept beam (filled)")),
               Line2D([], [], color=CHOSEN, linewidth=1.6, label=translate("SamplingTab", "✓ finished hypothesis")),
               Line2D([], [], color=GREY, linewidth=0.8, linestyle=(0, (3, 2)),
                      label=translate("SamplingTab", "pruned (grey)"))]
    legend = axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, frameon=False,
                         fontsize=8)
    for text in legend.get_texts():
        text.set_color(foreground)
    style_axes(axes, background, foreground)
    return nodes
