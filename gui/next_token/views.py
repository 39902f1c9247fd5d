"""Shared pieces of the Next-token tab's plots: colours, percentages, the rows of the bar chart,
fast labels, and the cumulative draw bar.

The numbers all come from `core.next_token.sampling`; these helpers only pick rows and draw. Removed
tokens are greyed, hatched and struck through, and the drawn token is marked with text as well
as colour, so no meaning depends on colour alone. torch and matplotlib are imported inside
functions so the window paints before they load.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent

from gui.common import locale_numbers
from gui.common.plot_canvas import LazyPlot, style_axes
from gui.common.tab_header import set_plot_name

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

KEPT = "#2a788e"  # viridis teal: probability after the settings
RAW = "#a9d8e3"  # a light tint of the same teal: the model's own probability
KEPT_ALT = "#7ad151"  # viridis green, for alternate segments of the cumulative bar
CHOSEN = "#fca636"  # plasma orange, always with a thick edge and a "drawn" label
GREY = "#8c8c8c"
REMOVED_FILL = "#d9d9d9"
MAX_LABEL = 14  # characters of a token label on an axis
SEGMENT_FONT_SIZE = 10  # points, the token labels inside the cumulative bar


@contextmanager
def one_torch_thread() -> Iterator[None]:
    """Run small tensor work on the GUI thread with one intra-op thread, then restore the count.

    torch splits any op over 32k elements (a 50k vocabulary) across its threads. When the cores
    are busy (a model training in the background, other programs), each split op waits for a
    free core: a 50k sort took 70 ms with two threads and 7 ms with one on a busy 2-core machine.
    Switching costs microseconds; background work only loses threads for those few milliseconds.
    """
    import torch

    previous = torch.get_num_threads()
    if previous > 1:
        torch.set_num_threads(1)
    try:
        yield
    finally:
        if previous > 1:
            torch.set_num_threads(previous)


def percent(p: float) -> str:
    """0.1234 -> '12.3%' ('12,3%' in Portuguese); tiny but non-zero values -> '<0.1%'."""
    return "<" + locale_numbers.percent(0.001) if 0 < p < 0.0005 else locale_numbers.percent(p)


def fitting_label(left: float, width: float, text: str, **style: Any) -> Any:
    """A label centred in the bar segment [left, left + width] (axis fractions) that is drawn only when it
    fits inside the segment at the size the plot has when drawn, so neighbouring labels never overlap.
    Its `shown` attribute says whether the last draw showed it."""
    from matplotlib.text import Text

    class FittingLabel(Text):
        shown = False

        def draw(self, renderer: Any) -> None:
            room = self.axes.bbox.width * width - 4  # pixels, less a small margin
            self.shown = self.get_window_extent(renderer).width <= room
            if self.shown:
                super().draw(renderer)

    return FittingLabel(left + width / 2, 0, text, ha="center", va="center", **style)


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def percent_formatter() -> Any:
    """Axis ticks as percentages, with no ticks past 100% (the axis leaves room for labels)."""
    from matplotlib.ticker import PercentFormatter

    from gui.common.plot_canvas import decimal_point_text

    class UpToHundred(PercentFormatter):
        def __call__(self, x: float, pos: Any = None) -> str:
            return "" if x > 1.0001 else decimal_point_text(super().__call__(x, pos))

    return UpToHundred(1.0, decimals=None)


@dataclass
class BarRows:
    """The rows of the bar chart: kept tokens by final probability, then removed ones.

    heights: final probabilities (0 for a removed token). raw: the model's own probabilities
    (plain softmax). before: a removed token's probability just before the stage that removed it
    (0 for kept tokens), removed_by: that stage's name ('' for kept tokens). cumulative: running
    total, row by row, of the distribution top-p filtered (the final one when top-p is off), and
    top_p_kept: how many tokens top-p kept (None when off). other / raw_other: final and raw
    probability of every token not in the rows; other_count: how many tokens that is.
    """

    token_ids: list[int]
    labels: list[str]
    heights: list[float]
    before: list[float]
    other: float
    other_count: int
    raw: list[float] = field(default_factory=list)
    raw_other: float = 0.0
    removed_by: list[str] = field(default_factory=list)
    cumulative: list[float] = field(default_factory=list)
    top_p: float | None = None
    top_p_kept: int | None = None


def _top(values: Any, k: int) -> list[int]:
    """Indices of the k largest values, ties by index (topk on a few more, then a stable sort)."""
    import torch

    if k <= 0:
        return []
    candidates = torch.topk(values, min(len(values), k + 16)).indices.sort().values
    order = torch.sort(values[candidates], descending=True, stable=True).indices
    return candidates[order[:k]].tolist()


def bar_rows(stages: list[Any], n: int, tokenizer: Any, top_p: float | None = None) -> BarRows:
    """Up to n rows for the final distribution of `stages` (from core.next_token.sampling.sampling_stages);
    `top_p` is the setting, for the cut-off mark.

    Only `topk` over the vocabulary, no full sort, so a slider move stays cheap for 50k tokens.
    """
    import torch

    from core.tokenization.token_labels import token_label

    final = stages[-1].probs
    before = torch.zeros_like(final)  # a removed token's probability just before it was removed
    removed_by = torch.zeros(final.shape, dtype=torch.int64)
    for index, (previous, stage) in enumerate(zip(stages, stages[1:]), start=1):
        if stage.n_kept < previous.n_kept:
            gone = previous.kept & ~stage.kept
            before = torch.where(gone, previous.probs, before)
            removed_by = torch.where(gone, index, removed_by)
    positive = final > 0
    n_positive = int(positive.sum())
    ids = _top(final, min(n, n_positive))
    if len(ids) < n:  # fill with removed tokens, most likely before removal first
        key = torch.where(positive, -1.0, before.double() + stages[0].probs.double() * 1e-9)
        ids += _top(key, min(n, len(final)) - len(ids))
    index = torch.tensor(ids, dtype=torch.long)
    heights, raw = final[index].tolist(), stages[0].probs[index].tolist()
    names = [stage.name for stage in stages]
    reference = stages[names.index("top-p") - 1] if "top-p" in names else stages[-1]
    cumulative = [min(x, 1.0) for x in reference.probs[index].double().cumsum(0).tolist()]
    top_p_stage = stages[names.index("top-p")] if "top-p" in names else None
    top_p = top_p if top_p_stage is not None else None
    return BarRows(
        ids, [token_label(tokenizer, i) for i in ids], heights, before[index].tolist(),
        max(0.0, float(final.sum()) - sum(heights)), len(final) - len(ids), raw, max(0.0, 1.0 - sum(raw)),
        [stages[i].name if i else "" for i in removed_by[index].tolist()], cumulative,
        top_p, None if top_p is None else top_p_stage.n_kept,
    )


def make_fast_labels(transform: Any, size: float = 9.0, ha: str = "left", dx: float = 0.0, dy: float = 0.0,
                     family: str = "DejaVu Sans") -> Any:
    """A matplotlib artist drawing `items` (x, y, text, colour, struck) anchored by `transform`.

    matplotlib lays out and rasterises every `Text` on every draw (about 1 ms each on the
    development machine), and a slider move redraws some 50 labels. Here each character's
    outline is made once (`TextPath`) and strings are put together from them, so a redraw is a
    few path fills. Used for the labels that change on every slider move; static text stays
    ordinary `Text`. ha: "left", "center" or "right" of the anchor; dx, dy: offset in points; the
    text is centred vertically on the anchor; `struck` items get a line through them.
    """
    import warnings

    import numpy as np
    from matplotlib.artist import Artist
    from matplotlib.colors import to_rgba
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path
    from matplotlib.textpath import TextPath, text_to_path
    from matplotlib.transforms import IdentityTransform

    unit = 10.0  # outlines are cached at this size (points) and scaled
    prop = FontProperties(family=family, size=unit)
    chars: dict[str, tuple[Any, Any, float]] = {}
    strings: dict[str, tuple[Any, Any, float]] = {}

    def outline(text: str) -> tuple[Any, Any, float]:
        if text not in strings:
            verts, codes, x = [], [], 0.0
            for char in text:
                if char not in chars:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        advance = text_to_path.get_text_width_height_descent(char, prop, ismath=False)[0]
                        try:
                            path = TextPath((0, 0), char.replace("$", r"\$"), size=unit, prop=prop)
                            glyph = (np.asarray(path.vertices, float), np.asarray(path.codes, np.uint8))
                        except (AttributeError, RuntimeError, ValueError):  # blank glyph
                            glyph = (np.zeros((0, 2)), np.zeros(0, np.uint8))
                    chars[char] = (*glyph, advance)
                v, c, advance = chars[char]
                verts.append(v + (x, 0.0))
                codes.append(c)
                x += advance
            if len(strings) > 20_000:
                strings.clear()
            strings[text] = (np.concatenate(verts or [np.zeros((0, 2))]),
                             np.concatenate(codes or [np.zeros(0, np.uint8)]), x)
        return strings[text]

    class Labels(Artist):
        def __init__(self) -> None:
            super().__init__()
            self.set_transform(transform)
            self.size, self.dx, self.dy, self.items = size, dx, dy, []

        def set_items(self, items: list[tuple[float, float, str, str, bool]]) -> None:
            self.items = list(items)
            self.stale = True

        def texts(self) -> list[str]:
            return [item[2] for item in self.items]

        def draw(self, renderer: Any) -> None:
            if not self.get_visible() or not self.items:
                return
            pixel = renderer.points_to_pixels(1.0)
            scale = self.size / unit * pixel
            anchors = self.get_transform().transform([(x, y) for x, y, *_ in self.items])
            fills: dict[str, list[tuple[Any, Any]]] = {}
            strikes = []
            for (_x, _y, text, colour, struck), (ax, ay) in zip(self.items, anchors):
                verts, codes, width = outline(text)
                width *= scale
                left = ax + self.dx * pixel - {"right": width, "center": width / 2}.get(ha, 0.0)
                ay += self.dy * pixel
                if len(verts):
                    fills.setdefault(colour, []).append((verts * scale + (left, ay - 0.36 * unit * scale), codes))
                if struck:
                    strikes.append((colour, left - pixel, left + width + pixel, ay))
            gc = renderer.new_gc()
            gc.set_linewidth(0)
            for colour, parts in fills.items():
                path = Path(np.concatenate([v for v, _ in parts]), np.concatenate([c for _, c in parts]))
                renderer.draw_path(gc, path, IdentityTransform(), to_rgba(colour))
            gc.set_linewidth(max(1.0, self.size * 0.12))
            for colour, x0, x1, y in strikes:
                gc.set_foreground(colour)
                renderer.draw_path(gc, Path([(x0, y), (x1, y)]), IdentityTransform())
            gc.restore()
            self.stale = False

    return Labels()


def draw_fill_mask(panels: list[Any], guesses: list[list[Any]], n: int, text: str, background: str,
                   foreground: str, font_size: Any) -> tuple[list[Any], list[str]]:
    """Fill-mask bars on `panels` (one Axes per mask): each mask's top-n guesses, in percent.

    font_size(rows) gives the label size. Returns the bars and the guesses' labels, in order.
    """
    bars_drawn, labels = [], []
    for index, (axes, row) in enumerate(zip(panels, guesses)):
        row = row[:n]
        probabilities = [guess.probability for guess in row]
        bars = axes.barh(range(len(row)), probabilities, color=KEPT)
        font = font_size(len(row))
        widest = max([*probabilities, 0.001])
        for i, p in enumerate(probabilities):
            axes.text(p + widest * 0.02, i, percent(p), va="center", fontsize=font, color=foreground)
        axes.set_yticks(range(len(row)), [short(guess.label) for guess in row], fontfamily="monospace",
                        fontsize=font)
        axes.set_ylim(len(row) - 0.5, -0.5)
        axes.set_xlim(0, widest * 1.3)
        axes.xaxis.set_major_formatter(percent_formatter())
        title = translate("SamplingTab", "mask {i} of {n}").format(i=index + 1, n=len(guesses))
        axes.set_title(title, fontsize=10)
        style_axes(axes, background, foreground)
        bars_drawn += list(bars)
        labels += [guess.label for guess in row]
    panels[0].figure.suptitle(text, fontsize=10, color=foreground)
    return bars_drawn, labels


def draw_caption(draw: Any) -> str:
    """The cumulative bar's caption, before and after a draw."""
    if draw is None:
        return translate("SamplingTab", "Tokens from most to least likely, left to right. Sample draws a random "
                                        "u in [0, 1).")
    caption = translate("SamplingTab", "u = {u} lands in the segment of rank {rank}: that token is drawn.")
    return caption.format(u=locale_numbers.decimal(draw.u, 3), rank=locale_numbers.count(draw.rank))


class DrawPlot(LazyPlot):
    """The cumulative bar: tokens from most to least likely side by side, and where u landed."""

    def __init__(self, parent=None) -> None:
        super().__init__("", parent, min_height=96)
        self.retranslate()
        self.setMaximumHeight(110)
        self.segment_ids: list[int] = []
        self.u: float | None = None

    def retranslate(self) -> None:
        """The accessible name in the current language (the tab draws the bar again, with its caption)."""
        set_plot_name(self, translate("SamplingTab", "Cumulative probability bar with the random draw"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_draw(self, distribution: Any, draw: Any, tokenizer: Any, segments: int, caption: str) -> None:
        from core.tokenization.token_labels import token_label

        figure = self.figure()
        figure.clear()
        axes = figure.add_subplot()
        background, foreground = self.colors()
        probs = distribution.detach().double().reshape(-1)
        self.segment_ids = _top(probs, min(segments, int((probs > 0).sum())))
        widths = [float(probs[i]) for i in self.segment_ids]
        count = len(widths)
        lefts = [sum(widths[:i]) for i in range(count)]
        colors = [KEPT if i % 2 == 0 else KEPT_ALT for i in range(count)]
        bars = axes.barh([0] * count, widths, left=lefts, color=colors, edgecolor=background, linewidth=1)
        rest = max(0.0, 1.0 - sum(widths))
        if rest > 1e-6:
            axes.barh([0], [rest], left=[sum(widths)], color="none", edgecolor=GREY, hatch="..", linewidth=1)
        for left, width, token, color in zip(lefts, widths, self.segment_ids, colors):
            chosen = draw is not None and token == draw.token_id
            axes.add_artist(fitting_label(left, width, short(token_label(tokenizer, token)), fontsize=SEGMENT_FONT_SIZE,
                                          fontfamily="monospace", fontweight="bold" if chosen else "normal",
                                          color="white" if color == KEPT and not chosen else "black"))
        self.u = None if draw is None else draw.u
        if draw is not None:
            if draw.rank <= count:
                bars[draw.rank - 1].set(facecolor=CHOSEN, edgecolor=foreground, linewidth=2.5)
            axes.axvline(draw.u, color=foreground, linewidth=2)
            axes.annotate(f"u = {locale_numbers.decimal(draw.u, 3)}", (draw.u, 0.42), xytext=(0, 6),
                          textcoords="offset points", ha="center", va="bottom", color=foreground, fontsize=9, annotation_clip=False)
        axes.set_xlim(0, 1)
        axes.set_ylim(-0.42, 0.42)
        axes.set_yticks([])
        axes.xaxis.set_major_formatter(percent_formatter())
        axes.set_xlabel(caption, fontsize=9)
        style_axes(axes, background, foreground)
        self.request_draw()
