"""The Attention tab's widgets (`AttentionWidgets`, the tab's `ui`): the text and controls rows, the
single-head page (heatmap, query and key choices, focus bars, explanation), the grid page, how they
are laid out, their fixed texts (set again after a language change) and the texts made from data
(message, note, explanation). The tab connects their signals (`gui/attention/tab.py`); this module
knows nothing of the tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.attention.bars import FocusBars
from gui.attention.modes import LAYER_GRID, MODEL_GRID, SINGLE, view_names
from gui.attention.views import COLORMAPS, GridView, HeatmapView
from gui.common.default_texts import default_text
from gui.common.tab_header import LiveTexts, TabHeader

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def _row(layout: QBoxLayout, *items: Any) -> list[QLabel]:
    """Add (label text, widget) pairs as buddy label + widget, and bare widgets as they are.

    Returns the labels made, in order (their texts are set again after a language change)."""
    labels = []
    for item in items:
        if isinstance(item, tuple):
            label = QLabel(item[0])
            label.setBuddy(item[1])
            layout.addWidget(label)
            labels.append(label)
            item = item[1]
        layout.addWidget(item)
    return labels


class AttentionWidgets:
    """The Attention tab's widgets, laid out in the `parent` widget given (the tab), in the manner of a
    Qt Designer `Ui_` class: `header`, `text_input`, `view_combo`, `layer_spin`, `head_spin`, `mean_check`,
    `colormap_combo`, `log_check`, `hide_check`, `message_label`, `note_label`, `caveat_label`, `heatmap`,
    `readout`, `query_combo`, `key_combo`, `bars`, `top_label`, `explanation_view`, `grid_view`,
    `grid_readout`, `stack` (page 0: single head, page 1: grid). Their fixed texts are set by
    `retranslate()`; `live` remakes the message, note and explanation after a language change.
    """

    def __init__(self, parent: QWidget) -> None:
        self.live = LiveTexts()  # message, note and explanation, made again after a language change
        self.header = TabHeader("", "", [])
        # The example text is content, not a label: each language has its own sentence (gui.common.default_texts),
        # which replaces the other's after a language change only while it is not edited.
        self.text_input = QLineEdit(default_text("attention"), objectName="attentionInput")
        self.view_combo = QComboBox(objectName="attentionView")
        for mode in (SINGLE, LAYER_GRID, MODEL_GRID):
            self.view_combo.addItem("", mode)
        self.layer_spin = QSpinBox(objectName="attentionLayer")
        self.head_spin = QSpinBox(objectName="attentionHead")
        self.mean_check = QCheckBox(objectName="attentionMeanHeads")
        self.colormap_combo = QComboBox(objectName="attentionColormap")
        self.colormap_combo.addItems(list(COLORMAPS))
        self.log_check = QCheckBox(objectName="attentionLogScale")
        self.hide_check = QCheckBox(objectName="attentionHideSpecial")
        self.message_label = QLabel(objectName="attentionMessage", wordWrap=True)
        self.message_label.setStyleSheet("QLabel { padding: 4px; border: 1px solid palette(mid); }")
        self.note_label = QLabel(objectName="attentionNote", wordWrap=True)
        self.note_label.hide()
        self.caveat_label = QLabel(objectName="attentionCaveat", wordWrap=True)

        self.heatmap = HeatmapView()
        self.readout = QLabel(objectName="attentionReadout")
        self.query_combo = QComboBox(objectName="attentionQuery")
        self.key_combo = QComboBox(objectName="attentionKey")
        self.bars = FocusBars()
        self.top_label = QLabel(objectName="attentionTopKeys", wordWrap=True)
        self.explanation_view = QTextBrowser(objectName="attentionExplanation")
        self.explanation_view.setTabChangesFocus(True)  # Tab moves on to the next control
        self.grid_view = GridView()
        self.grid_readout = QLabel()
        self._lay_out(parent)

    def _lay_out(self, parent: QWidget) -> None:
        """Put the widgets in pages and rows, in a QVBoxLayout of `parent`; keep the buddy labels."""
        left, right, grid_page = QWidget(), QWidget(), QWidget()
        _row(QVBoxLayout(left), self.heatmap, self.readout)
        left.layout().setStretch(0, 1)
        picks = QHBoxLayout()
        self._pick_labels = _row(picks, ("", self.query_combo), ("", self.key_combo))
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(picks)
        _row(right_layout, self.bars, self.top_label, self.explanation_view)
        right_layout.setStretch(1, 2)
        right_layout.setStretch(3, 3)
        single = QSplitter(Qt.Orientation.Horizontal)
        single.addWidget(left)
        single.addWidget(right)
        single.setStretchFactor(0, 3)
        single.setStretchFactor(1, 2)
        _row(QVBoxLayout(grid_page), self.grid_view, self.grid_readout)
        grid_page.layout().setStretch(0, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(single)
        self.stack.addWidget(grid_page)
        for page in (left, right, grid_page):
            page.layout().setContentsMargins(0, 0, 0, 0)

        text_row, controls = QHBoxLayout(), QHBoxLayout()
        self._control_labels = _row(text_row, ("", self.text_input)) + _row(
            controls, ("", self.view_combo), ("", self.layer_spin), ("", self.head_spin), self.mean_check,
            ("", self.colormap_combo), self.log_check, self.hide_check)
        controls.addStretch(1)
        layout = QVBoxLayout(parent)
        layout.addWidget(self.header)
        layout.addLayout(text_row)
        layout.addLayout(controls)
        _row(layout, self.message_label, self.note_label, self.stack, self.caveat_label)
        layout.setStretch(layout.indexOf(self.stack), 1)

    def retranslate(self) -> None:
        """Apply the current language to the fixed texts (the plots do their own labels)."""
        self.header.set_texts(
            translate("AttentionTab", "Attention"),
            translate("AttentionTab", "Each token builds its meaning by looking back at other tokens. The weights it "
                "uses are softmax(QK\u1d40 / \u221ad): this tab draws them from the current model."),
            [translate("AttentionTab", "Heatmaps for one head, for every head of a layer, or for the whole model."),
             translate("AttentionTab", "Hover a cell to read 'from token \u2192 to token: weight'."),
             translate("AttentionTab", "How one weight is computed: query, key, scaling, causal mask and softmax.")])
        self.text_input.setAccessibleName(translate("AttentionTab", "Text to analyse"))
        views = view_names()
        self.view_combo.blockSignals(True)  # renaming is not choosing: no redraw
        for index in range(self.view_combo.count()):
            self.view_combo.setItemText(index, views[self.view_combo.itemData(index)])
        self.view_combo.blockSignals(False)
        self.mean_check.setText(translate("AttentionTab", "&Mean of heads"))
        self.log_check.setText(translate("AttentionTab", "&Log colour scale"))
        self.hide_check.setText(translate("AttentionTab", "Hide &special tokens / BOS"))
        self.explanation_view.setAccessibleName(translate("AttentionTab", "How the chosen weight is computed"))
        self.caveat_label.setText(translate(
            "AttentionTab", "Attention weights show where information flows, not why the model decided."))
        texts = (translate("AttentionTab", "&Query token:"), translate("AttentionTab", "&Key token:"),
                 translate("AttentionTab", "&Text:"), translate("AttentionTab", "Vie&w:"),
                 translate("AttentionTab", "L&ayer:"), translate("AttentionTab", "H&ead:"),
                 translate("AttentionTab", "C&olours:"))
        for label, text in zip(self._pick_labels + self._control_labels, texts):
            label.setText(text)

    # --- texts made from data (`text` may be a function making it in the current language) -------
    def show_message(self, text: Any) -> None:
        """The line above the maps."""
        self.live.show("message", self.message_label.setText, text)

    def show_explanation(self, text: Any, html: bool = False) -> None:
        """Plain text (or rich text) in the explanation box."""
        self.live.show("explanation", self.explanation_view.setHtml if html else self.explanation_view.setPlainText,
                       text)

    def show_note(self, text: Any) -> None:
        """The note under the message (why the display differs from the model's maps); hidden when empty."""
        self.live.show("note", self._set_note, text)

    def _set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))
