"""Views of a trained BPE tokenizer: the table of merges (filled lazily, it may hold thousands)
and the charts of vocabulary growth and characters per token against the number of merges."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette

from core.tokenization.token_labels import readable_piece
from gui.common.locale_numbers import count, decimal
from gui.common.plot_canvas import LazyPlot, style_axes
from gui.common.tab_header import set_plot_name

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

# (light palette, dark palette): viridis teal / plasma purple on white, brighter ones on black
VOCAB_COLORS = ("#2a788e", "#5ec962")
RATIO_COLORS = ("#7e3794", "#fca636")
REFERENCE_COLOR = "#8c8c8c"
VOCAB_CHART, RATIO_CHART = "vocab", "ratio"  # the two charts, as `chart_figure` names them
EXPORT_SIZE_INCHES = (6.0, 4.0)
TITLE_WIDTH = 28  # characters per line of a chart title (half the panel's width)
MARKER_DELAY_MS = 200  # the charts' marker follows the slider once it rests (a redraw takes ~0.1 s)


class MergeTableModel(QAbstractTableModel):
    """The merges in order: rank, left + right -> new token, and the pair count. Rows are handed
    to the view in batches (`canFetchMore`/`fetchMore`); merges up to `applied` are ticked."""

    BATCH = 256
    RANK, LEFT, RIGHT, RESULT, COUNT = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._merges: list[Any] = []
        self._loaded = 0
        self.applied = 0
        self._headers: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        """The column titles in the current language (the view asks again for the headers)."""
        self._headers = [translate("BpePanel", "#"), translate("BpePanel", "Left"),
                         translate("BpePanel", "Right"), translate("BpePanel", "New token"),
                         translate("BpePanel", "Pair count")]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
        if self._loaded:  # the numbers in the cells follow the language's format
            self.dataChanged.emit(self.index(0, 0), self.index(self._loaded - 1, len(self._headers) - 1))

    def set_merges(self, merges: list[Any], applied: int) -> None:
        self.beginResetModel()
        self._merges = list(merges)
        self._loaded = min(self.BATCH, len(self._merges))
        self.applied = applied
        self.endResetModel()

    def merge_total(self) -> int:
        return len(self._merges)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._loaded < len(self._merges)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        self.ensure_loaded(self._loaded + self.BATCH - 1)

    def ensure_loaded(self, row: int) -> None:
        """Hand rows up to `row` (and the rest of its batch) to the view."""
        target = min(len(self._merges), (row // self.BATCH + 1) * self.BATCH)
        if target > self._loaded:
            self.beginInsertRows(QModelIndex(), self._loaded, target - 1)
            self._loaded = target
            self.endInsertRows()

    def set_applied(self, applied: int) -> None:
        """Tick the first `applied` merges (the slider's position)."""
        low, high = sorted((self.applied, applied))
        self.applied = applied
        high = min(high, self._loaded)
        if high > low:
            self.dataChanged.emit(self.index(low, 0), self.index(high - 1, self.columnCount() - 1))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        merge, column, rank = self._merges[index.row()], index.column(), index.row() + 1
        applied = rank <= self.applied
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RANK:
                return f"✓ {count(rank)}" if applied else count(rank)
            if column == self.COUNT:
                return "—" if merge.count is None else count(merge.count)
            piece = (merge.left, merge.right, merge.result)[column - 1]
            return readable_piece(piece)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.LEFT, self.RIGHT, self.RESULT):
            piece = (merge.left, merge.right, merge.result)[column - 1]
            return translate("BpePanel", "Stored in the vocabulary as “{piece}”").format(piece=piece)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.COUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and not applied:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not applied:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class MergeCurvesPlot(LazyPlot):
    """Vocabulary size and held-out characters per token against the number of merges, with a
    marker at the slider's position and the word tokenizer's chars/token for reference."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("", parent, min_height=120)
        self.retranslate()
        self.curve: Any = None
        self.vocab_line: Any = None
        self.ratio_line: Any = None
        self._markers: list[Any] = []
        self._pending: int | None = None
        self._marker_timer = QTimer(self)
        self._marker_timer.setSingleShot(True)
        self._marker_timer.setInterval(MARKER_DELAY_MS)
        self._marker_timer.timeout.connect(self._move_markers)

    def retranslate(self) -> None:
        """The accessible name in the current language (the charts are drawn again by the panel)."""
        set_plot_name(self, translate("BpePanel", "Charts: vocabulary size and characters per token against "
                                                  "the number of merges"))

    def show_curve(self, curve: Any, merges: int, word_ratio: float | None = None) -> None:
        """Draw `curve` (a core MergeCurve on held-out text) with the marker at `merges`."""
        self.curve = curve
        figure = self.figure()
        figure.clear()
        background, foreground = self.colors()
        figure.set_facecolor(background)
        left, right = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
        dark = int(QColor(background).lightness() < 128)
        self.vocab_line = draw_vocab_chart(left, curve, VOCAB_COLORS[dark], foreground)
        self.ratio_line = draw_ratio_chart(right, curve, RATIO_COLORS[dark], foreground, word_ratio)
        for axes in (left, right):
            style_axes(axes, background, foreground)
        self._pending = None
        self._markers = [axes.axvline(merges, color=foreground, linewidth=1, linestyle=":") for axes in (left, right)]
        self.canvas.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a Tab stop, so a screen reader reads the summary
        self.canvas.setAccessibleDescription(curve_summary(curve))
        self.request_draw()

    def set_merges(self, merges: int) -> None:
        """Move the markers to `merges` once the slider rests for MARKER_DELAY_MS (no re-plot)."""
        self._pending = merges
        self._marker_timer.start()

    def _move_markers(self) -> None:
        if self._pending is None:
            return
        for marker in self._markers:
            marker.set_xdata([self._pending, self._pending])
        self._pending = None
        if self._markers:
            self.request_draw()

    def marker_position(self) -> float | None:
        return float(self._markers[0].get_xdata()[0]) if self._markers else None

    def clear_plot(self, text: str = "") -> None:
        self.curve = self.vocab_line = self.ratio_line = None
        self._markers = []
        if not self.created:
            return
        self.canvas.setAccessibleDescription(text)
        figure = self.figure()
        figure.clear()
        background, foreground = self.colors()
        figure.set_facecolor(background)
        if text:
            figure.text(0.5, 0.5, text, ha="center", va="center", color=foreground, wrap=True)
        self.request_draw()


def curve_summary(curve: Any) -> str:
    """The charts in one sentence, for screen readers: where both curves start and end."""
    return translate("BpePanel", "From 0 to {merges} merges, the vocabulary grows from {v0} to {v1} tokens and "
                                 "held-out text goes from {r0} to {r1} characters per token.").format(
        merges=count(curve.merges[-1]), v0=count(curve.vocab_sizes[0]), v1=count(curve.vocab_sizes[-1]),
        r0=decimal(curve.chars_per_token[0], 2), r1=decimal(curve.chars_per_token[-1], 2))


def draw_vocab_chart(axes: Any, curve: Any, color: str, foreground: str) -> Any:
    """Vocabulary size against the number of merges on `axes`; returns the line."""
    (line,) = axes.plot(curve.merges, curve.vocab_sizes, color=color, marker=".", markersize=3)
    axes.set_title(textwrap.fill(translate("BpePanel", "Vocabulary size"), TITLE_WIDTH), fontsize="medium")
    _finish_axes(axes)
    if len(curve.merges) == 1:
        axes.text(0.5, 0.5, translate("BpePanel", "No merges learned"), ha="center", va="center",
                  transform=axes.transAxes, color=foreground)
    return line


def draw_ratio_chart(axes: Any, curve: Any, color: str, foreground: str, word_ratio: float | None) -> Any:
    """Held-out characters per token against the number of merges, with the word tokenizer's
    chars/token as a dashed reference line; returns the BPE line."""
    (line,) = axes.plot(curve.merges, curve.chars_per_token, color=color, marker=".", markersize=3,
                        label=translate("BpePanel", "BPE"))
    title = translate("BpePanel", "Chars per token (held-out)")
    axes.set_title(textwrap.fill(title, TITLE_WIDTH), fontsize="medium")  # a long translation takes two lines
    if word_ratio:
        axes.axhline(word_ratio, color=REFERENCE_COLOR, linestyle="--", linewidth=1,
                     label=translate("BpePanel", "words"))
        axes.legend(loc="lower right", fontsize="small", frameon=False, labelcolor=foreground)
    _finish_axes(axes)
    return line


def _finish_axes(axes: Any) -> None:
    axes.set_xlabel(translate("BpePanel", "merges"))
    axes.tick_params(labelsize="small")
    axes.grid(True, alpha=0.25)


def chart_figure(curve: Any, chart: str, merges: int, word_ratio: float | None = None) -> Any:
    """One of the BPE panel's charts (`VOCAB_CHART` or `RATIO_CHART`) alone in a new figure
    (6 x 4 inches, light colours), with the marker at `merges`: what the Export menu saves."""
    from matplotlib.figure import Figure

    background, foreground = "#ffffff", "#000000"
    figure = Figure(figsize=EXPORT_SIZE_INCHES, layout="constrained")
    figure.set_facecolor(background)
    axes = figure.add_subplot()
    if chart == VOCAB_CHART:
        draw_vocab_chart(axes, curve, VOCAB_COLORS[0], foreground)
        axes.set_ylabel(translate("BpePanel", "tokens in the vocabulary"))
    else:
        draw_ratio_chart(axes, curve, RATIO_COLORS[0], foreground, word_ratio)
        axes.set_ylabel(translate("BpePanel", "characters per token"))
    style_axes(axes, background, foreground)
    axes.axvline(merges, color=foreground, linewidth=1, linestyle=":")
    return figure
