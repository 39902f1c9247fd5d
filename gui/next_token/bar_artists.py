"""The artists of the Next-token tab's main chart (`gui.next_token.bars.DistributionPlot`), made once
and then only updated: the axes, bar collections, labels, running total and top-p marks
(`build_bar_artists`); the x range and the top-p marks for new rows; the bars' rectangles; and
`StillFigure`, which saves the chart with its blitted artists.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common import locale_numbers
from gui.common.plot_canvas import style_axes
from gui.next_token.views import (
    CHOSEN,
    GREY,
    KEPT,
    RAW,
    REMOVED_FILL,
    BarRows,
    make_fast_labels,
    percent,
    percent_formatter,
)

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

BAR_HEIGHT = 0.38


def build_bar_artists(figure: Any, count: int, background: str, foreground: str) -> dict[str, Any]:
    """Axes in the (cleared) `figure` for `count` token rows and an 'everything else' row, with the
    running total beside them; every artist created once. The changing ones are `animated`
    (listed under "animated"), the rest is the background."""
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    panels = figure.add_gridspec(1, 2, width_ratios=(4, 1.1))
    axes = figure.add_subplot(panels[0])
    total = figure.add_subplot(panels[1], sharey=axes)
    state = {
        "axes": axes, "total": total, "count": count, "font": 0.0, "xmax": 0.0, "title": None,
        # one collection per kind of bar: 40 separate Rectangles cost 15 ms a redraw
        "raw": PolyCollection([], linewidths=0.8), "final": PolyCollection([]),
        "other": PolyCollection([], facecolors="none", edgecolors=[GREY, foreground], linestyles="--",
                                linewidths=1.0),  # outlines only (hatching costs 2 ms a redraw)
        "values": make_fast_labels(axes.transData, dx=3),
        "names": make_fast_labels(blended_transform_factory(axes.transAxes, axes.transData), ha="right",
                                  dx=-4, family="DejaVu Sans Mono"),
        "line": total.plot([], [], color=foreground, marker="o", markersize=3, linewidth=1.5,
                           drawstyle="steps-pre")[0],
        "cut": total.axvline(1.0, color=CHOSEN, linestyle="--", linewidth=1.5),
        "split": Line2D([0.01, 0.99], [0, 0], transform=blended_transform_factory(figure.transFigure,
                        axes.transData), color=CHOSEN, linestyle="--", linewidth=1.2),
        "notes": make_fast_labels(total.transData, dx=-3, ha="right"),
        "ticks": make_fast_labels(axes.get_xaxis_transform(), ha="center", dy=-8),
        "grid": LineCollection([], colors=GREY, alpha=0.3, linewidths=0.6, transform=axes.get_xaxis_transform()),
    }
    figure.add_artist(state["split"])
    for artist in (state["values"], state["names"], state["ticks"]):
        axes.add_artist(artist)
    for key in ("grid", "raw", "final", "other"):
        axes.add_collection(state[key], autolim=False)
    total.add_artist(state["notes"])
    state["animated"] = [state[key] for key in ("grid", "raw", "final", "other", "values", "names", "ticks",
                                                "line", "cut", "split", "notes")]
    for artist in state["animated"]:
        artist.set_animated(True)
    axes.set_yticks([])
    axes.set_xticks([])  # drawn by "ticks" and "grid", so a new x range needs no full redraw
    axes.set_ylim(count + 0.5, -0.5)
    axes.set_xlabel(translate("SamplingTab", "probability of being the next token"))
    total.set_xlim(0, 1.04)
    total.set_xticks([0, 0.5, 1.0])
    total.xaxis.set_major_formatter(percent_formatter())
    total.tick_params(left=False, labelleft=False)
    total.set_xlabel(translate("SamplingTab", "running total"))
    style_axes(axes, background, foreground)
    style_axes(total, background, foreground)
    total.grid(axis="x", color=GREY, alpha=0.3, linewidth=0.6)
    handles = [
        Patch(facecolor=RAW, edgecolor=KEPT, label=translate("SamplingTab", "the model's own (raw)")),
        Patch(facecolor=KEPT, label=translate("SamplingTab", "after your settings")),
        Patch(facecolor=REMOVED_FILL, edgecolor=GREY, label=translate("SamplingTab", "removed (struck)")),
        Patch(facecolor=CHOSEN, edgecolor=foreground, linewidth=2, label=translate("SamplingTab", "drawn")),
        Line2D([], [], color=CHOSEN, linestyle="--", label=translate("SamplingTab", "top-p cut-off")),
    ]
    legend = axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=5, fontsize=8,
                         frameon=False, borderaxespad=0.3, handlelength=1.6, columnspacing=1.2)
    for text in legend.get_texts():
        text.set_color(foreground)
    state["title_text"] = figure.text(0.01, 0.985, "", va="top", fontsize=10, color=foreground)
    return state


def set_x_range(state: dict[str, Any], xmax: float, foreground: str) -> None:
    """0 to xmax (plus room for the labels), with percentage ticks and grid lines up to xmax."""
    from matplotlib.ticker import MaxNLocator

    state["axes"].set_xlim(0, xmax * 1.35)
    ticks = [x for x in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(0, xmax) if 0 <= x <= xmax]
    decimals = 0 if all(abs(x * 100 - round(x * 100)) < 1e-9 for x in ticks) else 1
    state["ticks"].set_items([(x, 0.0, f"{x * 100:.{decimals}f}%", foreground, False) for x in ticks])
    state["grid"].set_segments([[(x, 0.0), (x, 1.0)] for x in ticks])


def mark_top_p(state: dict[str, Any], rows: BarRows, count: int, foreground: str) -> None:
    """The top-p value on the running total, and a dashed line under the last row it keeps."""
    on = rows.top_p is not None
    state["cut"].set_visible(on)
    kept = rows.top_p_kept if on else None
    split = kept is not None and kept < count
    state["split"].set_visible(split)
    notes = []
    if on:
        state["cut"].set_xdata([rows.top_p, rows.top_p])
        if split:
            state["split"].set_ydata([kept - 0.5, kept - 0.5])
        text = translate("SamplingTab", "p = {p}: keeps {n}").format(p=percent(rows.top_p),
                                                                     n=locale_numbers.count(kept))
        notes.append((rows.top_p, count, text, foreground, False))
    state["notes"].set_items(notes)


def bar_rects(widths: list[float], side: int, row: int | None = None) -> list[list[tuple[float, float]]]:
    """Rectangles for horizontal bars: row i, upper half (side -1) or lower half (side 1) of the row.

    side 0 with `row`: the two halves of that one row, the first width above, the second below.
    """
    if side == 0:
        return [*bar_rects(widths[:1], -1, row), *bar_rects(widths[1:], 1, row)]
    rects = []
    for i, width in enumerate(widths):
        y = (i if row is None else row) + side * BAR_HEIGHT / 2
        top, bottom = y - BAR_HEIGHT / 2, y + BAR_HEIGHT / 2
        rects.append([(0.0, top), (width, top), (width, bottom), (0.0, bottom)])
    return rects


def bar_widths(collection: Any) -> list[float]:
    """The widths of a collection's bars, in order."""
    return [float(path.vertices[:, 0].max()) for path in collection.get_paths()]


class StillFigure:
    """Stands in for the bars' `Figure` when it is saved (`gui.common.tab_exports.save_figure`).

    matplotlib leaves animated artists out of `savefig`; the bars are blitted, so a plain
    `figure.savefig` would save an empty frame. `savefig` here draws them too."""

    def __init__(self, plot: Any) -> None:
        self.plot = plot

    def savefig(self, path: Any, **kwargs: Any) -> None:
        self.plot.savefig(path, **kwargs)
