"""The Next-token tab's plots: probability bars, the cumulative draw bar, temperatures side by
side, and fill-mask bars.

Each plot is a `LazyPlot` (matplotlib is imported on first use). The views only draw; the
numbers come from `core.sampling`. Removed tokens are hatched and labelled "removed", and the
drawn token is marked with text as well as colour, so no meaning depends on colour alone.
torch is imported inside functions so the window paints before it loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.plot_canvas import LazyPlot, style_axes

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

KEPT = "#2a788e"  # viridis teal
KEPT_ALT = "#7ad151"  # viridis green, for alternate segments of the cumulative bar
CHOSEN = "#fca636"  # plasma orange, always with a thick edge and a "drawn" label
GREY = "#8c8c8c"
MAX_LABEL = 14  # characters of a token label on an axis



def percent(p: float) -> str:
    """0.1234 -> '12.3%'; tiny but non-zero values -> '<0.1%'."""
    return "<0.1%" if 0 < p < 0.0005 else f"{p:.1%}"


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


@dataclass
class BarRows:
    """The rows of the bar chart: kept tokens by final probability, then removed ones.

    heights: final probabilities (0 for a removed token). before: a removed token's probability
    just before the stage that removed it (0 for kept tokens). other: final probability of
    every token not in the rows; other_count: how many non-zero tokens that is.
    """

    token_ids: list[int]
    labels: list[str]
    heights: list[float]
    before: list[float]
    other: float
    other_count: int


def bar_rows(stages: list[Any], n: int, tokenizer: Any) -> BarRows:
    """Up to n rows for the final distribution of `stages` (from core.sampling.sampling_stages)."""
    import torch

    from core.sampling import token_label

    final = stages[-1].probs.double()
    before = torch.zeros_like(final)
    for previous, stage in zip(stages, stages[1:]):
        gone = previous.kept & ~stage.kept
        before[gone] = previous.probs.double()[gone]
    positive = final > 0
    order = torch.sort(final, descending=True, stable=True).indices
    n_positive = int(positive.sum())
    ids = order[: min(n, n_positive)].tolist()
    if len(ids) < n:  # fill with removed tokens, most likely before removal first
        raw = stages[0].probs.double()
        key = torch.where(positive, torch.full_like(before, -1.0), before + raw * 1e-9)
        ids += torch.sort(key, descending=True, stable=True).indices[: n - len(ids)].tolist()
    heights = [float(final[i]) for i in ids]
    return BarRows(
        ids, [token_label(tokenizer, i) for i in ids], heights, [float(before[i]) for i in ids],
        max(0.0, float(final.sum()) - sum(heights)), n_positive - sum(1 for h in heights if h > 0),
    )


class DistributionPlot(LazyPlot):
    """Horizontal bars: the final probability of the top tokens, removed tokens, and 'other'."""

    def __init__(self, parent=None) -> None:
        super().__init__(translate("SamplingTab", "Next-token probability bars"), parent, min_height=260)
        self._bars: list[Any] = []  # the drawn final-probability bars, top row first
        self._labels: list[str] = []
        self._rows_state: dict[str, Any] | None = None
        self._resize_connected = False

    def invalidate(self) -> None:
        """Build the artists afresh next time (after a palette change)."""
        self._rows_state = None

    def heights(self) -> list[float]:
        return [float(bar.get_width()) for bar in self._bars]

    def labels(self) -> list[str]:
        return list(self._labels)

    def _axes(self, rows: int = 1, engine: str | None = "constrained") -> list[Any]:
        figure = self.figure()
        figure.clear()
        figure.set_layout_engine(engine)
        return [figure.add_subplot(1, rows, i + 1) for i in range(rows)]

    def _fit_margins(self, *_event: Any) -> None:
        """Fixed margins for the token bars: room for MAX_LABEL monospace characters on the left.

        (Constrained layout would find them too, but it triples the time of every redraw.)
        """
        if self._rows_state is None or self._rows_state["axes"] not in self.figure().axes:
            return
        figure = self.figure()
        width, height = figure.get_size_inches() * figure.dpi
        char = 0.62 * self._rows_state["font"] * figure.dpi / 72
        left = min(0.45, (MAX_LABEL * char + 16) / max(width, 1))
        figure.subplots_adjust(left=left, right=0.985, bottom=min(0.3, 50 / max(height, 1)),
                               top=1 - min(0.2, 28 / max(height, 1)))

    def _font_size(self, rows: int) -> float:
        pixels_per_row = max(self.height(), 260) * 0.8 / max(rows, 1)
        return max(6.0, min(10.0, pixels_per_row * 0.55))

    def show_message(self, text: str) -> None:
        """An empty plot with a centred explanation (no model, wrong model kind, ...)."""
        (axes,) = self._axes()
        background, foreground = self.colors()
        style_axes(axes, background, foreground)
        axes.set_axis_off()
        axes.text(0.5, 0.5, text, ha="center", va="center", wrap=True, color=foreground, transform=axes.transAxes)
        self._bars, self._labels = [], []
        self.request_draw()

    def _build_rows(self, count: int) -> dict[str, Any]:
        """Axes with `count` token rows and an 'other' row, every artist created once."""
        (axes,) = self._axes(engine=None)
        if not self._resize_connected:
            self.canvas.mpl_connect("resize_event", self._fit_margins)
            self._resize_connected = True
        background, foreground = self.colors()
        zeros = [0.0] * count
        state = {
            "axes": axes, "count": count, "legend_key": None, "font": 0.0,
            "bars": list(axes.barh(range(count), zeros, color=KEPT, edgecolor=foreground, linewidth=0)),
            "ghosts": list(axes.barh(range(count), zeros, color="none", edgecolor=GREY, hatch="///")),
            "other": axes.barh([count], [0.0], color="none", edgecolor=foreground, hatch="..")[0],
            "texts": [axes.text(0, i, "", va="center", color=foreground) for i in range(count + 1)],
        }
        axes.xaxis.set_major_formatter(_percent_formatter())
        axes.set_xlabel(translate("SamplingTab", "probability of being the next token"))
        style_axes(axes, background, foreground)
        return state

    def show_rows(self, rows: BarRows, chosen: int | None = None, title: str = "") -> None:
        """Draw `rows`; `chosen` is the token id of the last draw (marked), if any.

        The artists are made once per row count and then updated in place, so moving a slider
        costs milliseconds instead of rebuilding the axes.
        """
        count = len(rows.heights)
        state = self._rows_state
        if state is None or state["count"] != count or state["axes"] not in self.figure().axes:
            state = self._rows_state = self._build_rows(count)
        axes = state["axes"]
        background, foreground = self.colors()
        has_other = rows.other_count > 0
        widest = max([*rows.heights, *rows.before, rows.other if has_other else 0.0, 0.01])
        font = self._font_size(count + has_other)
        if font != state["font"]:
            state["font"] = font
            self._fit_margins()
        for i, (bar, ghost, text) in enumerate(zip(state["bars"], state["ghosts"], state["texts"])):
            height, before, is_chosen = rows.heights[i], rows.before[i], rows.token_ids[i] == chosen
            bar.set(width=height, facecolor=CHOSEN if is_chosen else KEPT, linewidth=2 if is_chosen else 0)
            removed = height == 0 and before > 0
            ghost.set_width(before if removed else 0.0)
            if height > 0:
                label = percent(height) + ("  ◀ " + translate("SamplingTab", "drawn") if is_chosen else "")
            else:
                label = translate("SamplingTab", "removed (was {p})").format(p=percent(before)) if removed else "0%"
            text.set(x=max(height, before) + widest * 0.01, text=label, fontsize=font,
                     style="italic" if removed else "normal")
        state["other"].set_width(rows.other if has_other else 0.0)
        state["texts"][count].set(x=rows.other + widest * 0.01, text=percent(rows.other) if has_other else "",
                                  fontsize=font)
        labels = [short(label) for label in rows.labels]
        if has_other:
            labels.append(translate("SamplingTab", "other ({n})").format(n=f"{rows.other_count:,}"))
        axes.set_yticks(range(len(labels)), labels, fontfamily="monospace", fontsize=font)
        axes.set_ylim(len(labels) - 0.5, -0.5)
        axes.set_xlim(0, widest * 1.32)
        axes.set_title(title, fontsize=10, loc="left", color=foreground)
        any_removed = any(h == 0 and b > 0 for h, b in zip(rows.heights, rows.before))
        legend_key = (any_removed, has_other, chosen in rows.token_ids)
        if legend_key != state["legend_key"]:
            state["legend_key"] = legend_key
            self._legend(axes, *legend_key)
        self._bars, self._labels = state["bars"], list(rows.labels)
        self.request_draw()

    def _legend(self, axes: Any, removed: bool, other: bool, chosen: bool) -> None:
        from matplotlib.patches import Patch

        background, foreground = self.colors()
        handles = [Patch(facecolor=KEPT, label=translate("SamplingTab", "kept"))]
        if removed:
            handles.append(Patch(facecolor="none", edgecolor=GREY, hatch="///",
                                 label=translate("SamplingTab", "removed (before)")))
        if other:
            handles.append(Patch(facecolor="none", edgecolor=foreground, hatch="..",
                                 label=translate("SamplingTab", "all other tokens")))
        if chosen:
            handles.append(Patch(facecolor=CHOSEN, edgecolor=foreground, linewidth=2,
                                 label=translate("SamplingTab", "drawn")))
        legend = axes.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.85)
        legend.get_frame().set_facecolor(background)
        for text in legend.get_texts():
            text.set_color(foreground)

    def show_fill_mask(self, guesses: list[list[Any]], n: int, text: str) -> None:
        """One panel of bars per mask (at most 4): the model's top-n guesses and their probabilities."""
        shown = guesses[:4]
        panels = self._axes(len(shown))
        if len(shown) > 1:
            self.figure().set_layout_engine("constrained", w_pad=0.15)
        background, foreground = self.colors()
        self._bars, self._labels = [], []
        for index, (axes, row) in enumerate(zip(panels, shown)):
            row = row[:n]
            labels = [short(guess.label) for guess in row]
            probabilities = [guess.probability for guess in row]
            bars = axes.barh(range(len(row)), probabilities, color=KEPT)
            font = self._font_size(len(row))
            widest = max([*probabilities, 0.001])
            for i, p in enumerate(probabilities):
                axes.text(p + widest * 0.02, i, percent(p), va="center", fontsize=font, color=foreground)
            axes.set_yticks(range(len(row)), labels, fontfamily="monospace", fontsize=font)
            axes.set_ylim(len(row) - 0.5, -0.5)
            axes.set_xlim(0, widest * 1.3)
            axes.xaxis.set_major_formatter(_percent_formatter())
            title = translate("SamplingTab", "mask {i} of {n}").format(i=index + 1, n=len(guesses))
            axes.set_title(title, fontsize=10)
            style_axes(axes, background, foreground)
            self._bars += list(bars)
            self._labels += [guess.label for guess in row]
        self.figure().suptitle(text, fontsize=10, color=foreground)
        self.request_draw()


def _percent_formatter() -> Any:
    """Axis ticks as percentages, with no ticks past 100% (the axis leaves room for labels)."""
    from matplotlib.ticker import PercentFormatter

    class UpToHundred(PercentFormatter):
        def __call__(self, x: float, pos: Any = None) -> str:
            return "" if x > 1.0001 else super().__call__(x, pos)

    return UpToHundred(1.0, decimals=None)


class DrawPlot(LazyPlot):
    """The cumulative bar: tokens from most to least likely side by side, and where u landed."""

    def __init__(self, parent=None) -> None:
        name = translate("SamplingTab", "Cumulative probability bar with the random draw")
        super().__init__(name, parent, min_height=130)
        self.setMaximumHeight(170)
        self.segment_ids: list[int] = []

    def show_draw(self, distribution: Any, draw: Any, tokenizer: Any, segments: int, caption: str) -> None:
        import torch

        from core.sampling import token_label

        figure = self.figure()
        figure.clear()
        axes = figure.add_subplot()
        background, foreground = self.colors()
        probs = distribution.detach().double().reshape(-1)
        sorted_probs, order = torch.sort(probs, descending=True, stable=True)
        count = min(segments, int((sorted_probs > 0).sum()))
        widths = [float(p) for p in sorted_probs[:count]]
        lefts = [sum(widths[:i]) for i in range(count)]
        self.segment_ids = order[:count].tolist()
        colors = [KEPT if i % 2 == 0 else KEPT_ALT for i in range(count)]
        bars = axes.barh([0] * count, widths, left=lefts, color=colors, edgecolor=background, linewidth=1)
        rest = max(0.0, 1.0 - sum(widths))
        if rest > 1e-6:
            axes.barh([0], [rest], left=[sum(widths)], color="none", edgecolor=GREY, hatch="..", linewidth=1)
        for left, width, token, color in zip(lefts, widths, self.segment_ids, colors):
            if width > 0.05:
                chosen = draw is not None and token == draw.token_id
                axes.text(left + width / 2, 0, short(token_label(tokenizer, token)), ha="center", va="center",
                          fontsize=10, fontfamily="monospace", fontweight="bold" if chosen else "normal",
                          color="white" if color == KEPT and not chosen else "black")
        if draw is not None:
            if draw.rank <= count:
                bars[draw.rank - 1].set(facecolor=CHOSEN, edgecolor=foreground, linewidth=2.5)
            axes.axvline(draw.u, color=foreground, linewidth=2)
            axes.annotate(f"u = {draw.u:.3f}", (draw.u, 0.42), xytext=(0, 6), textcoords="offset points",
                          ha="center", va="bottom", color=foreground, fontsize=9, annotation_clip=False)
        axes.set_xlim(0, 1)
        axes.set_ylim(-0.42, 0.42)
        axes.set_yticks([])
        axes.xaxis.set_major_formatter(_percent_formatter())
        axes.set_xlabel(caption, fontsize=9)
        style_axes(axes, background, foreground)
        self.request_draw()


class TemperaturePlot(LazyPlot):
    """The final distribution at several temperatures, side by side, for the same tokens."""

    def __init__(self, parent=None) -> None:
        name = translate("SamplingTab", "Final distributions at three temperatures")
        super().__init__(name, parent, min_height=260)
        self.heights_by_temperature: dict[float, list[float]] = {}
        self.labels: list[str] = []

    def show_temperatures(self, logits: Any, settings: Any, previous_ids: list[int], temperatures: tuple,
                          n: int, tokenizer: Any) -> None:
        from dataclasses import replace

        from core.sampling import sampling_stages

        stages = {t: sampling_stages(logits, replace(settings, temperature=t), previous_ids) for t in temperatures}
        middle = temperatures[len(temperatures) // 2]
        rows = bar_rows(stages[middle], n, tokenizer)
        figure = self.figure()
        figure.clear()
        background, foreground = self.colors()
        panels = figure.subplots(1, len(temperatures), sharey=True)
        font = max(6.0, min(10.0, max(self.height(), 260) * 0.8 / max(len(rows.token_ids), 1) * 0.55))
        self.heights_by_temperature, self.labels = {}, rows.labels
        top = max(float(stages[t][-1].probs[rows.token_ids].max()) for t in temperatures)
        for axes, t in zip(panels, temperatures):
            final = stages[t][-1]
            heights = [float(final.probs[i]) for i in rows.token_ids]
            self.heights_by_temperature[t] = heights
            axes.barh(range(len(heights)), heights, color=KEPT)
            for i, p in enumerate(heights):
                axes.text(p + top * 0.02, i, percent(p) if p > 0 else "–", va="center", fontsize=font * 0.9,
                          color=foreground)
            axes.set_xlim(0, max(top, 0.01) * 1.45)
            axes.xaxis.set_major_formatter(_percent_formatter())
            axes.set_title(translate("SamplingTab", "T = {t}\n{bits:.2f} bits, {kept:,} tokens").format(
                t=f"{t:g}", bits=final.entropy_bits, kept=final.n_kept), fontsize=10)
            style_axes(axes, background, foreground)
        panels[0].set_yticks(range(len(rows.labels)), [short(label) for label in rows.labels],
                             fontfamily="monospace", fontsize=font)
        panels[0].set_ylim(len(rows.labels) - 0.5, -0.5)
        note = translate("SamplingTab", "Only the temperature changes; the other settings are those on the "
                                        "left (– = removed).")
        figure.suptitle(note, fontsize=9, color=foreground)
        self.request_draw()
