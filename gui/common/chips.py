"""Token chips: each token drawn as a bordered box with its id underneath, wrapped like text.

The widget is painted by hand (no widget per chip), so a few thousand chips stay fast, and
hovering a chip shows its tooltip. Colours alternate between two hues picked for the current
light or dark palette; borders separate chips too, so colour never carries meaning alone (unknown
tokens also get a dashed border). A chip can end its line, so chips follow the text's lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

LIGHT_FILLS = ("#cfe3f7", "#fde0c2")  # pale blue, pale orange
DARK_FILLS = ("#1f4e79", "#7a4a12")  # deep blue, deep orange
UNKNOWN_FILL_LIGHT = "#f4c7c7"
UNKNOWN_FILL_DARK = "#7a2323"
PADDING_X, PADDING_Y, GAP = 5, 3, 4
DEFAULT_MAX_CHIPS = 3000


@dataclass(frozen=True)
class Chip:
    """What one box shows: `label` (whitespace already visible), a small `caption` under it
    (the id or ids), a `tooltip`, and whether it stands for an unknown token."""

    label: str
    caption: str
    tooltip: str
    unknown: bool = False
    line_break: bool = False  # start a new line after this chip (its text ends with a newline)


class TokenChipsWidget(QWidget):
    """A wrapping row of token chips. Put it in a QScrollArea with `setWidgetResizable(True)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._chips: list[Chip] = []
        self._rects: list[QRect] = []
        self._hidden_count = 0
        self._layout_width = -1
        self._heights: dict[int, int] = {}  # heightForWidth results for the current chips
        self._rects_for: dict[int, list[QRect]] = {}  # layouts for the current chips, by width
        self._widths: dict[tuple[bool, str], int] = {}  # text widths, (caption?, text) -> pixels
        self._show_captions = True

    @property
    def show_captions(self) -> bool:
        """Whether the ids are drawn under the labels."""
        return self._show_captions

    @show_captions.setter
    def show_captions(self, shown: bool) -> None:
        self._show_captions = bool(shown)
        self._layout_width = -1
        self._heights.clear()
        self._rects_for.clear()
        self.updateGeometry()
        self.update()

    # --- data ----------------------------------------------------------------------------
    def set_chips(self, chips: list[Chip], max_chips: int = DEFAULT_MAX_CHIPS, extra_hidden: int = 0) -> None:
        """Show `chips` (at most `max_chips`; the rest, plus `extra_hidden` tokens the caller never
        turned into chips, are counted in a final note)."""
        self._hidden_count = max(0, len(chips) - max_chips) + max(0, extra_hidden)
        self._chips = list(chips[:max_chips])
        self._layout_width = -1
        self._heights.clear()
        self._rects_for.clear()
        self.updateGeometry()
        self.update()

    def chip_count(self) -> int:
        """Number of chips drawn."""
        return len(self._chips)

    def hidden_count(self) -> int:
        """Chips not drawn because of the display limit."""
        return self._hidden_count

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def chip_at(self, point: QPoint) -> int | None:
        """Index of the chip under `point`, or None."""
        self._ensure_layout(self.width())
        for index, rect in enumerate(self._rects):
            if rect.contains(point):
                return index
        return None

    def chip_rect(self, index: int) -> QRect:
        self._ensure_layout(self.width())
        return QRect(self._rects[index])

    # --- layout --------------------------------------------------------------------------
    def _caption_font(self) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(max(6.0, size * 0.75))
        return font

    def _chip_height(self) -> int:
        height = QFontMetrics(self.font()).height() + 2 * PADDING_Y
        if self.show_captions:
            height += QFontMetrics(self._caption_font()).height()
        return height

    def _text_width(self, text: str, caption: bool, metrics: QFontMetricsF) -> int:
        """Width of `text` (cached: the same pieces recur), rounded up from the fractional advance;
        an integer advance can be a pixel short, and the label would be elided."""
        width = self._widths.get((caption, text))
        if width is None:
            if len(self._widths) > 20_000:
                self._widths.clear()
            width = self._widths[caption, text] = math.ceil(metrics.horizontalAdvance(text)) + 1
        return width

    def _compute_rects(self, width: int) -> list[QRect]:
        cached = self._rects_for.get(width)
        if cached is not None:
            return cached
        metrics = QFontMetricsF(self.font())
        caption_metrics = QFontMetricsF(self._caption_font())
        height = self._chip_height()
        rects, x, y = [], GAP, GAP
        usable = max(width, 60)
        for chip in self._chips:
            chip_width = self._text_width(chip.label, False, metrics) + 2 * PADDING_X
            if self.show_captions:
                chip_width = max(chip_width, self._text_width(chip.caption, True, caption_metrics) + 2 * PADDING_X)
            chip_width = min(chip_width, usable - 2 * GAP)
            if x + chip_width > usable - GAP and x > GAP:
                x, y = GAP, y + height + GAP
            rects.append(QRect(x, y, chip_width, height))
            x += chip_width + GAP
            if chip.line_break:
                x, y = GAP, y + height + GAP
        if len(self._rects_for) > 8:
            self._rects_for.clear()
        self._rects_for[width] = rects
        return rects

    def _ensure_layout(self, width: int) -> None:
        if width != self._layout_width:
            self._rects = self._compute_rects(width)
            self._layout_width = width

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt naming)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            rects = self._compute_rects(width)
            bottom = max((rect.bottom() for rect in rects), default=0)
            extra = QFontMetrics(self.font()).height() + GAP if self._hidden_count else 0
            height = self._heights[width] = bottom + GAP + extra + 2
        return height

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), 300)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(100, self._chip_height() + 2 * GAP)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._layout_width = -1
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # projector zoom: chips change size
            self._layout_width = -1
            self._heights.clear()
            self._rects_for.clear()
            self._widths.clear()
            self.updateGeometry()
        super().changeEvent(event)

    # --- painting ------------------------------------------------------------------------
    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def paintEvent(self, event) -> None:  # noqa: N802
        self._ensure_layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = self._is_dark()
        fills = [QColor(c) for c in (DARK_FILLS if dark else LIGHT_FILLS)]
        unknown_fill = QColor(UNKNOWN_FILL_DARK if dark else UNKNOWN_FILL_LIGHT)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        border = QPen(text_color if dark else QColor("#5a5a5a"))
        border.setWidthF(0.8)
        dashed = QPen(border)
        dashed.setStyle(Qt.PenStyle.DashLine)
        dashed.setWidthF(1.4)
        caption_font = self._caption_font()
        metrics = QFontMetrics(self.font())
        visible = event.rect()
        for index, (chip, rect) in enumerate(zip(self._chips, self._rects)):
            if not rect.intersects(visible):
                continue
            painter.setPen(dashed if chip.unknown else border)
            painter.setBrush(unknown_fill if chip.unknown else fills[index % 2])
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 3, 3)
            painter.setPen(text_color)
            painter.setFont(self.font())
            label_rect = QRect(rect.left() + PADDING_X, rect.top() + PADDING_Y,
                               rect.width() - 2 * PADDING_X, metrics.height())
            text = metrics.elidedText(chip.label, Qt.TextElideMode.ElideRight, label_rect.width())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, text)
            if self.show_captions:
                painter.setFont(caption_font)
                caption_rect = QRect(rect.left(), label_rect.bottom() + 1, rect.width(),
                                     QFontMetrics(caption_font).height())
                painter.drawText(caption_rect, Qt.AlignmentFlag.AlignCenter, chip.caption)
        if self._hidden_count:
            painter.setFont(self.font())
            painter.setPen(text_color)
            bottom = max((rect.bottom() for rect in self._rects), default=0) + GAP
            note = self.tr_hidden(self._hidden_count)
            painter.drawText(QRect(GAP, bottom, self.width() - 2 * GAP, metrics.height() + GAP),
                             Qt.AlignmentFlag.AlignLeft, note)
        painter.end()

    @staticmethod
    def tr_hidden(hidden: int) -> str:
        from PySide6.QtCore import QCoreApplication

        from gui.common.locale_numbers import count

        return QCoreApplication.translate("TokenChipsWidget", "... and {count} more tokens not drawn").format(
            count=count(hidden)
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.chip_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._chips[index].tooltip, self, self._rects[index])
            return True
        return super().event(event)
