"""The Next-token tab's main chart: the top tokens' probabilities, raw beside final.

Each token row has two bars: pale, the model's own probability (plain softmax); dark, the
probability after the sampling settings. A token a filter removed keeps its pale bar, greyed
and its label is struck through. A last row, in dashed outline, holds everything else. On the right, the
running total of the distribution top-p filters, with the top-p cut-off marked.

A slider move must redraw within milliseconds for a 50k-token vocabulary, so the frame, title
and legend are drawn once (the "background") and the changing artists (bars, labels, the x
ticks, the cumulative line) are `animated` and blitted over it. A full redraw happens only when
the background changes: row count, font size, title, size or palette. Clicking a bar (or
its label) emits `token_clicked` with the token id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal

from gui.common import locale_numbers
from gui.common.plot_canvas import LazyPlot, style_axes
from gui.common.tab_header import set_plot_name
from gui.next_token.bar_artists import (
    StillFigure,
    bar_rects,
    bar_widths,
    build_bar_artists,
    mark_top_p,
    set_x_range,
)
from gui.next_token.controls import STAGE_NAMES
from gui.next_token.views import (
    CHOSEN,
    GREY,
    KEPT,
    MAX_LABEL,
    RAW,
    REMOVED_FILL,
    BarRows,
    draw_fill_mask,
    percent,
    short,
)

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

X_RANGES = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)  # the x axis snaps to these (then +35%)
MIN_HEIGHT = 180  # pixels: with the draw bar under it (and a one-line warning), the tab fits a 1366x768 laptop


class DistributionPlot(LazyPlot):
    """Raw and final probability bars for the top tokens, an 'everything else' row, the running total."""

    token_clicked = Signal(int)
    rows_fit_changed = Signal(int)  # how many token rows fit changed (the window was resized)

    MIN_ROW_PIXELS = 10  # a token row shorter than this has unreadable labels

    def __init__(self, parent=None) -> None:
        super().__init__("", parent, min_height=MIN_HEIGHT)
        self._rows_fit = self.rows_that_fit()
        self.retranslate()
        self.rows: BarRows | None = None  # what is shown now (None: fill-mask bars or a message)
        self.render_count = 0  # redraws of the token bars (full or blitted)
        self._state: dict[str, Any] | None = None
        self._background: Any = None
        self._mask_bars: list[Any] = []
        self._mask_labels: list[str] = []
        self._connected = False

    def retranslate(self) -> None:
        """The accessible name in the current language. The figure's texts are drawn again by the tab
        (`invalidate()` then its plot), since the title and rows come from it."""
        set_plot_name(self, translate("SamplingTab", "Next-token probability bars"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def rows_that_fit(self) -> int:
        """How many token rows (plus 'everything else') the plot's height shows readably (at least 5).

        A short window (a 768-pixel laptop screen) shows fewer bars rather than overlapping labels;
        the rest go into 'everything else'."""
        return max(5, int((max(self.height(), MIN_HEIGHT) - 110) / self.MIN_ROW_PIXELS) - 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        fit = self.rows_that_fit()
        if fit != self._rows_fit:
            self._rows_fit = fit
            self.rows_fit_changed.emit(fit)

    def invalidate(self) -> None:
        """Build the artists afresh next time (after a palette change)."""
        self._state = self._background = None

    # --- what tests and the tab read --------------------------------------------------------
    def heights(self) -> list[float]:
        """Final probabilities of the token rows, top row first ('everything else' excluded)."""
        if self.rows is None:
            return [float(bar.get_width()) for bar in self._mask_bars]
        return bar_widths(self._state["final"])

    def raw_heights(self) -> list[float]:
        return [] if self.rows is None else bar_widths(self._state["raw"])

    def labels(self) -> list[str]:
        return list(self._mask_labels) if self.rows is None else list(self.rows.labels)

    def struck(self) -> list[bool]:
        """Whether each token row's label is struck through (the token was removed)."""
        return [] if self.rows is None else [item[4] for item in self._state["names"].items[:-1]]

    def value_texts(self) -> list[str]:
        return [] if self.rows is None else self._state["values"].texts()

    def other_heights(self) -> tuple[float, float]:
        """(raw, final) widths of the 'everything else' row."""
        raw, final = bar_widths(self._state["other"])
        return raw, final

    def cumulative(self) -> list[float]:
        return [float(x) for x in self._state["line"].get_xdata()] if self.rows is not None else []

    def cutoff(self) -> float | None:
        """The top-p value marked on the running total, or None."""
        line = self._state["cut"] if self.rows is not None else None
        return float(line.get_xdata()[0]) if line is not None and line.get_visible() else None

    def bar_position(self, row: int) -> QPointF:
        """Widget coordinates of the middle of a row's final bar (for clicks in tests)."""
        axes = self._state["axes"]
        width = max(self.rows.heights[row], self.rows.raw[row]) / 2
        x, y = axes.transData.transform((width, row))
        ratio = self.canvas.device_pixel_ratio
        return QPointF(x / ratio, (self.figure().bbox.height - y) / ratio)

    # --- figure set-up ------------------------------------------------------------------
    def _axes(self, rows: int = 1, engine: str | None = "constrained") -> list[Any]:
        figure = self.figure()
        figure.clear()
        figure.set_layout_engine(engine)
        self._state = self._background = None
        return [figure.add_subplot(1, rows, i + 1) for i in range(rows)]

    def _connect(self) -> None:
        if not self._connected:
            self.canvas.mpl_connect("resize_event", self._fit_margins)
            self.canvas.mpl_connect("draw_event", self._on_draw)
            self.canvas.mpl_connect("button_press_event", self._on_press)
            self._connected = True

    def _fit_margins(self, *_event: Any) -> None:
        """Fixed margins: MAX_LABEL monospace characters on the left, title and legend on top.

        (Constrained layout would find them too, but it triples the time of every redraw.)
        """
        state = self._state
        if state is None or state["axes"] not in self.figure().axes:
            return
        figure = self.figure()
        width, height = figure.get_size_inches() * figure.dpi
        char = 0.61 * state["font"] * figure.dpi / 72
        chars = max(MAX_LABEL, len(translate("SamplingTab", "everything else")))
        left = min(0.45, (chars * char + 14) / max(width, 1))
        figure.subplots_adjust(left=left, right=0.985, bottom=min(0.3, 44 / max(height, 1)),
                               top=1 - min(0.3, 64 / max(height, 1)), wspace=0.05)

    def _font_size(self, rows: int) -> float:
        """Points for the token labels: as large as the rows allow (between 7 and 11)."""
        pixels_per_row = (max(self.height(), 260) - 110) / max(rows, 1)
        return max(7.0, min(11.0, pixels_per_row * 0.62 * 72 / max(self.logicalDpiY(), 72)))

    def _build(self, count: int) -> dict[str, Any]:
        """A fresh figure with every artist for `count` token rows created once (`build_bar_artists`)."""
        figure = self.figure()
        figure.clear()
        figure.set_layout_engine(None)
        self._connect()
        return build_bar_artists(figure, count, *self.colors())

    # --- drawing ----------------------------------------------------------------------------
    def show_rows(self, rows: BarRows, chosen: int | None = None, title: str = "") -> None:
        """Show `rows`; `chosen` is the token id of the last draw (marked), if any.

        Only the animated artists change; the background is redrawn when it must.
        """
        count = len(rows.token_ids)
        state = self._state
        full = state is None or state["count"] != count or state["axes"] not in self.figure().axes
        if full:
            state = self._state = self._build(count)
        self.rows = rows
        background, foreground = self.colors()
        font = self._font_size(count + 1)
        if font != state["font"]:
            state["font"], full = font, True
            for key in ("values", "names", "notes", "ticks"):
                state[key].size = font * (1.0 if key == "names" else 0.9)
            state["ticks"].size = max(font, 8.0)
            state["ticks"].dy = -max(font, 8.0) * 0.95
            state["axes"].xaxis.labelpad = max(font, 8.0) * 1.6
            self._fit_margins()
        widest = max([*rows.heights, *rows.raw, 0.0])  # 'everything else' may run off the axis
        xmax = next(x for x in X_RANGES if x >= widest - 1e-9)
        if xmax != state["xmax"] and not (xmax < state["xmax"] and widest > state["xmax"] * 0.4):
            state["xmax"] = xmax
            set_x_range(state, xmax, foreground)
        if title != state["title"]:
            state["title"], full = title, True
            state["title_text"].set_text(title)
        values, names, raw_faces, raw_edges, final_faces, widths = [], [], [], [], [], []
        for i in range(count):
            raw, final, removed = rows.raw[i], rows.heights[i], bool(rows.removed_by[i])
            is_chosen = rows.token_ids[i] == chosen
            raw_faces.append(REMOVED_FILL if removed else RAW)
            raw_edges.append(GREY if removed else KEPT)
            final_faces.append(CHOSEN if is_chosen else KEPT)
            widths.append(2.0 if is_chosen else 0.0)
            end = max(raw, final)
            if removed:
                stage = STAGE_NAMES.get(rows.removed_by[i], rows.removed_by[i])
                stage = translate("SamplingTab", "removed by {stage}").format(stage=translate("SamplingTab", stage))
                values.append((end, i, f"{percent(raw)} → {stage}", GREY, False))
            else:
                drawn = "  ◀ " + translate("SamplingTab", "drawn") if is_chosen else ""
                change = f"{percent(raw)} → " if percent(raw) != percent(final) else ""
                values.append((end, i, change + percent(final) + drawn, foreground, False))
            names.append((0.0, i, short(rows.labels[i]), GREY if removed else foreground, removed))
        state["raw"].set(verts=bar_rects(rows.raw, -1), facecolors=raw_faces, edgecolors=raw_edges)
        state["final"].set(verts=bar_rects(rows.heights, 1), facecolors=final_faces, edgecolors=foreground,
                           linewidths=widths)
        cap = state["xmax"] * 0.8  # a longer 'everything else' bar is cut short; its label says so
        state["other"].set_verts(bar_rects([min(rows.raw_other, cap), min(rows.other, cap)], 0, count))
        state["other"].set_edgecolors([GREY, foreground])
        if rows.other_count:
            change = f"{percent(rows.raw_other)} → " if percent(rows.raw_other) != percent(rows.other) else ""
            text = translate("SamplingTab", "{n} tokens").format(n=locale_numbers.count(rows.other_count))
            if max(rows.raw_other, rows.other) > cap:
                text += ", " + translate("SamplingTab", "bar cut")
            values.append((min(max(rows.raw_other, rows.other), cap), count,
                           f"{change}{percent(rows.other)} ({text})", foreground, False))
        other = translate("SamplingTab", "everything else")
        names.append((0.0, count, other if rows.other_count else "", foreground, False))
        state["values"].set_items(values)
        state["names"].set_items(names)
        state["line"].set_data(rows.cumulative, range(count))
        mark_top_p(state, rows, count, foreground)
        self._render(full)

    def _render(self, full: bool) -> None:
        canvas = self.canvas
        if full or self._background is None:
            canvas.draw()  # the draw_event handler captures the background and adds the bars
        else:
            canvas.restore_region(self._background)
            self._draw_animated()
            canvas.blit(self.figure().bbox)
        self.render_count += 1

    def _on_draw(self, _event: Any) -> None:
        state = self._state
        if state is None or state["axes"] not in self.figure().axes:
            self._background = None
            return
        self._background = self.canvas.copy_from_bbox(self.figure().bbox)
        self._draw_animated()

    def _draw_animated(self) -> None:
        figure = self.figure()
        for artist in self._state["animated"]:
            if artist.get_visible():
                figure.draw_artist(artist)

    def has_data(self) -> bool:
        """Whether the plot shows bars (token rows or fill-mask guesses), not a message or nothing."""
        return self.created and (self.rows is not None or bool(self._mask_bars))

    def still_figure(self) -> StillFigure | None:
        """Something to save the figure as it looks now (see `StillFigure`); None without bars."""
        return StillFigure(self) if self.has_data() else None

    def savefig(self, path: Any, **kwargs: Any) -> None:
        """`Figure.savefig` with the animated (blitted) artists drawn too; 150 dpi unless given."""
        animated = self._state["animated"] if self._state is not None and self.rows is not None else []
        for artist in animated:
            artist.set_animated(False)
        try:
            figure = self.figure()
            kwargs.setdefault("dpi", 150)
            kwargs.setdefault("facecolor", figure.get_facecolor())
            figure.savefig(path, **kwargs)
        finally:
            for artist in animated:
                artist.set_animated(True)
            self.canvas.draw()

    def _on_press(self, event: Any) -> None:
        """A left click on a token's bars, its running-total point or its label appends that token."""
        state, rows = self._state, self.rows
        if rows is None or state is None or event.button != 1 or event.x is None:
            return
        axes = state["axes"]
        if not (0 <= event.x <= state["total"].bbox.x1 and axes.bbox.y0 <= event.y <= axes.bbox.y1):
            return
        row = round(float(axes.transData.inverted().transform((event.x, event.y))[1]))
        if 0 <= row < len(rows.token_ids):
            self.token_clicked.emit(rows.token_ids[row])

    # --- fill-mask and messages ---------------------------------------------------------
    def show_message(self, text: str) -> None:
        """An empty plot with a centred explanation (no model, wrong model kind, ...)."""
        (axes,) = self._axes()
        background, foreground = self.colors()
        style_axes(axes, background, foreground)
        axes.set_axis_off()
        axes.text(0.5, 0.5, text, ha="center", va="center", wrap=True, color=foreground, transform=axes.transAxes)
        self.rows, self._mask_bars, self._mask_labels = None, [], []
        self.request_draw()

    def show_fill_mask(self, guesses: list[list[Any]], n: int, text: str) -> None:
        """One panel of bars per mask (at most 4): the model's top-n guesses and their probabilities."""
        panels = self._axes(len(guesses[:4]))
        if len(panels) > 1:
            self.figure().set_layout_engine("constrained", w_pad=0.15)
        self.rows = None
        self._mask_bars, self._mask_labels = draw_fill_mask(panels, guesses, n, text, *self.colors(),
                                                            self._font_size)
        self.request_draw()

    def set_clickable(self, clickable: bool) -> None:
        """A pointing hand over the plot when a click appends a token (the canvas inherits it)."""
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
