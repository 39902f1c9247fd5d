"""Rows of token chips aligned in columns, so rows compare position by position: a model's inputs over
its targets, a batch of padded sentences over its attention mask.

Cell (r, c) of every row sits in column c; a column is as wide as its widest chip. Chips are painted
by hand (one widget, no widget per chip). What a chip stands for is never told by colour alone:
padding is hatched, a masked token has a thick border, a replaced one a dashed border, a kept one a
dotted border, an ignored position is drawn without a box, and a record boundary is a thick bar
after the chip. Hovering a chip, or moving the current chip with the arrow keys once the grid has
the focus, emits `pointed(text)` with the chip's description (the view shows it in a label).

`WidgetPicture(widget)` saves any widget as PNG or SVG through the Export menu's `FigureExport`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from gui.common.chips import DARK_FILLS, GAP, LIGHT_FILLS, PADDING_X, PADDING_Y

PLAIN, PAD, MASKED, REPLACED, KEPT, IGNORED, SPECIAL = "plain", "pad", "masked", "replaced", "kept", "ignored", "special"
STYLE_FILLS = {  # (light, dark); colour-blind-safe hues, and each style also has its own border or pattern
    PAD: ("#d9d9d9", "#4a4a4a"),
    MASKED: ("#ffd92f", "#8a6d00"),
    REPLACED: ("#c2a5cf", "#5e3c6e"),
    KEPT: ("#a6dba0", "#2f6b2a"),
    SPECIAL: ("#e0e0e0", "#3c3c3c"),
}
MAX_LABEL_CHARS = 12  # longer labels are elided (the tooltip has them whole)
GROUP_GAP = 10  # extra space between groups of rows


@dataclass(frozen=True)
class GridCell:
    """One chip: `label` (whitespace already visible), `caption` (the id) under it, `tooltip`, a `style`
    (PLAIN, PAD, MASKED, REPLACED, KEPT, IGNORED or SPECIAL), `shade` (0/1, the alternating fill of PLAIN
    chips) and `boundary` (a record ends after this chip)."""

    label: str
    caption: str = ""
    tooltip: str = ""
    style: str = PLAIN
    shade: int = 0
    boundary: bool = False


class ChipGrid(QWidget):
    """Rows of `GridCell`s with a title each, aligned in columns. Put it in a QScrollArea."""

    pointed = Signal(str)  # the description of the chip under the mouse or the current chip ("" for none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._rows: list[list[GridCell]] = []
        self._titles: list[str] = []
        self._group = 1
        self._current: tuple[int, int] | None = None
        self._layout: tuple[list[int], list[int], int, list[int]] | None = None  # x per column, widths, title w, y

    # --- data ----------------------------------------------------------------------------
    def set_rows(self, rows: list[list[GridCell]], titles: list[str], group_size: int = 1) -> None:
        """Show `rows` (rows may differ in length) titled by `titles`; a gap follows every `group_size` rows."""
        self._rows, self._titles, self._group = [list(row) for row in rows], list(titles), max(1, group_size)
        if self._current is not None and not self._valid(*self._current):
            self._current = None
        self._relayout()

    def rows(self) -> list[list[GridCell]]:
        return [list(row) for row in self._rows]

    def titles(self) -> list[str]:
        return list(self._titles)

    def cell(self, row: int, column: int) -> GridCell | None:
        return self._rows[row][column] if self._valid(row, column) else None

    def current(self) -> tuple[int, int] | None:
        """The chip chosen with the arrow keys, or None."""
        return self._current

    def _valid(self, row: int, column: int) -> bool:
        return 0 <= row < len(self._rows) and 0 <= column < len(self._rows[row])

    # --- layout --------------------------------------------------------------------------
    def _caption_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        return font

    def _chip_height(self) -> int:
        return math.ceil(QFontMetricsF(self.font()).height() + QFontMetricsF(self._caption_font()).height()) \
            + 2 * PADDING_Y

    def _relayout(self) -> None:
        self._layout = None
        size = self.sizeHint()
        self.setMinimumSize(size)
        self.resize(size)
        self.updateGeometry()
        self.update()

    def _compute(self) -> tuple[list[int], list[int], int, list[int]]:
        if self._layout is not None:
            return self._layout
        metrics, caption_metrics = QFontMetricsF(self.font()), QFontMetricsF(self._caption_font())
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font)
        n_columns = max((len(row) for row in self._rows), default=0)
        widths = [0] * n_columns
        for row in self._rows:
            for column, cell in enumerate(row):
                label = cell.label if len(cell.label) <= MAX_LABEL_CHARS else cell.label[:MAX_LABEL_CHARS - 1] + "…"
                label_metrics = bold if cell.style in (MASKED, SPECIAL) else metrics
                width = max(label_metrics.horizontalAdvance(label), caption_metrics.horizontalAdvance(cell.caption))
                widths[column] = max(widths[column], math.ceil(width) + 2 * PADDING_X + 1)
        title_width = math.ceil(max((metrics.horizontalAdvance(t) for t in self._titles), default=0)) + 2 * GAP
        xs, x = [], GAP + title_width
        for width in widths:
            xs.append(x)
            x += width + GAP
        ys, y, height = [], GAP, self._chip_height()
        for index in range(len(self._rows)):
            ys.append(y)
            y += height + GAP + (GROUP_GAP if (index + 1) % self._group == 0 else 0)
        self._layout = (xs, widths, title_width, ys)
        return self._layout

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        xs, widths, title_width, ys = self._compute()
        width = (xs[-1] + widths[-1] + GAP) if xs else GAP + title_width
        height = (ys[-1] + self._chip_height() + GAP) if ys else GAP
        return QSize(max(width, 100), max(height, self._chip_height() + 2 * GAP))

    def cell_rect(self, row: int, column: int) -> QRect:
        xs, widths, _title, ys = self._compute()
        return QRect(xs[column], ys[row], widths[column], self._chip_height())

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        """(row, column) of the chip under `point`, or None."""
        xs, widths, _title, ys = self._compute()
        height = self._chip_height()
        for row, y in enumerate(ys):
            if y <= point.y() < y + height:
                for column, x in enumerate(xs[: len(self._rows[row])]):
                    if x <= point.x() < x + widths[column]:
                        return row, column
        return None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # projector zoom
            self._relayout()
        super().changeEvent(event)

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        xs, widths, title_width, ys = self._compute()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        height = self._chip_height()
        metrics = QFontMetricsF(self.font())
        for row, y in enumerate(ys):
            painter.setPen(text_color)
            painter.setFont(self.font())
            painter.drawText(QRectF(GAP, y, title_width - GAP, height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._titles[row]
                             if row < len(self._titles) else "")
            for column, cell in enumerate(self._rows[row]):
                rect = QRect(xs[column], y, widths[column], height)
                if rect.intersects(event.rect()):
                    self._paint_cell(painter, cell, rect, dark, text_color, metrics)
        if self._current is not None and self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.cell_rect(*self._current)).adjusted(-2, -2, 2, 2), 4, 4)
        painter.end()

    def _paint_cell(self, painter: QPainter, cell: GridCell, rect: QRect, dark: bool, text_color: QColor,
                    metrics: QFontMetricsF) -> None:
        border = QPen(text_color if dark else QColor("#5a5a5a"), 0.8)
        if cell.style != IGNORED:
            fill = STYLE_FILLS.get(cell.style)
            colour = QColor(fill[1] if dark else fill[0]) if fill else \
                QColor((DARK_FILLS if dark else LIGHT_FILLS)[cell.shade % 2])
            pen = QPen(border)
            if cell.style == MASKED:
                pen.setWidthF(2.4)
            elif cell.style == REPLACED:
                pen.setStyle(Qt.PenStyle.DashLine)
                pen.setWidthF(1.4)
            elif cell.style in (KEPT, PAD):
                pen.setStyle(Qt.PenStyle.DotLine)
                pen.setWidthF(1.4)
            painter.setPen(pen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            if cell.style == PAD:
                painter.setBrush(QBrush(text_color, Qt.BrushStyle.BDiagPattern))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 3, 3)
        label_color = QColor(text_color)
        if cell.style == IGNORED:
            label_color.setAlpha(140)
        painter.setPen(label_color)
        font = QFont(self.font())
        font.setBold(cell.style in (MASKED, SPECIAL))
        painter.setFont(font)
        label_height = metrics.height()
        label_rect = QRectF(rect.left() + PADDING_X, rect.top() + PADDING_Y, rect.width() - 2 * PADDING_X,
                            label_height)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, QFontMetricsF(font).elidedText(
            cell.label, Qt.TextElideMode.ElideRight, label_rect.width()))
        painter.setFont(self._caption_font())
        painter.drawText(QRectF(rect.left(), label_rect.bottom(), rect.width(), rect.height() - label_height
                                - PADDING_Y), Qt.AlignmentFlag.AlignCenter, cell.caption)
        if cell.boundary:
            painter.setPen(QPen(text_color, 3))
            x = rect.right() + GAP / 2 + 1
            painter.drawLine(QPoint(round(x), rect.top() - 2), QPoint(round(x), rect.bottom() + 2))

    # --- pointing: mouse and keyboard ----------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.cell_at(event.pos())
            if found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.cell(*found).tooltip, self, self.cell_rect(*found))
            return True
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        found = self.cell_at(event.position().toPoint())
        self.pointed.emit(self.cell(*found).tooltip if found else "")
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.pointed.emit(self._current_text() if self.hasFocus() else "")
        super().leaveEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        if self._current is None and self._rows and self._rows[0]:
            self._current = (0, 0)
        self.pointed.emit(self._current_text())
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        step = moves.get(Qt.Key(event.key()))
        if step is None or self._current is None:
            super().keyPressEvent(event)
            return
        row = min(max(self._current[0] + step[0], 0), len(self._rows) - 1)
        column = min(max(self._current[1] + step[1], 0), max(0, len(self._rows[row]) - 1))
        if self._valid(row, column):
            self._current = (row, column)
            self.pointed.emit(self._current_text())
            self.update()
            scroll = self.parentWidget().parentWidget() if self.parentWidget() is not None else None
            if isinstance(scroll, QScrollArea):  # keep the current chip in view
                rect = self.cell_rect(row, column)
                scroll.ensureVisible(rect.center().x(), rect.center().y(), rect.width(), rect.height())
        event.accept()

    def _current_text(self) -> str:
        cell = self.cell(*self._current) if self._current is not None else None
        return cell.tooltip if cell is not None else ""


class WidgetPicture:
    """A widget as an exportable picture: `savefig(path, format=..., dpi=...)` like a matplotlib Figure,
    so the Export menu's `FigureExport` saves it as PNG (a screenshot of the whole widget) or SVG."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def savefig(self, path: str | Path, format: str = "png", dpi: int = 150) -> None:  # noqa: A002 (matplotlib's name)
        if format == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(self.widget.size())
            generator.setViewBox(QRect(QPoint(0, 0), self.widget.size()))
            painter = QPainter(generator)
            try:
                self.widget.render(painter, QPoint(0, 0))
            finally:
                painter.end()
            return
        if not self.widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
