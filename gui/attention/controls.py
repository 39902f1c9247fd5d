"""The Attention tab's widgets: the text and controls rows, the single-head page (heatmap, query and
key choices, focus bars, explanation), the grid page, how they are laid out, and their fixed texts
(set again after a language change). The tab connects their signals (`gui/attention/tab.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QBoxLayout, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QSplitter, QStackedWidget,
    QTextBrowser, QVBoxLayout, QWidget,
)

from gui.attention.bars import FocusBars
from gui.attention.modes import LAYER_GRID, MODEL_GRID, SINGLE, view_names
from gui.attention.views import COLORMAPS, GridView, HeatmapView
from gui.common.tab_header import LiveTexts, TabHeader

if TYPE_CHECKING:
    from gui.attention.tab import AttentionTab

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


def build_attention_widgets(tab: AttentionTab) -> None:
    """Make the tab's widgets as attributes of `tab` (header, text_input, view_combo, layer_spin,
    head_spin, mean_check, colormap_combo, log_check, hide_check, message_label, note_label,
    caveat_label, heatmap, readout, query_combo, key_combo, bars, top_label, explanation_view,
    grid_view, grid_readout, stack) and lay them out in `tab`; their texts are left to
    `retranslate_attention_widgets`."""
    tab._live = LiveTexts()  # message, note and explanation, made again after a language change
    tab.header = TabHeader("", "", [])
    # The example text is content, not a label: it is not replaced when the language changes.
    tab.text_input = QLineEdit(translate("AttentionTab", "The cat sat on the mat because it was tired."),
                               objectName="attentionInput")
    tab.view_combo = QComboBox(objectName="attentionView")
    for mode in (SINGLE, LAYER_GRID, MODEL_GRID):
        tab.view_combo.addItem("", mode)
    tab.layer_spin = QSpinBox(objectName="attentionLayer")
    tab.head_spin = QSpinBox(objectName="attentionHead")
    tab.mean_check = QCheckBox(objectName="attentionMeanHeads")
    tab.colormap_combo = QComboBox(objectName="attentionColormap")
    tab.colormap_combo.addItems(list(COLORMAPS))
    tab.log_check = QCheckBox(objectName="attentionLogScale")
    tab.hide_check = QCheckBox(objectName="attentionHideSpecial")
    tab.message_label = QLabel(objectName="attentionMessage", wordWrap=True)
    tab.message_label.setStyleSheet("QLabel { padding: 4px; border: 1px solid palette(mid); }")
    tab.note_label = QLabel(objectName="attentionNote", wordWrap=True)
    tab.note_label.hide()
    tab.caveat_label = QLabel(objectName="attentionCaveat", wordWrap=True)

    tab.heatmap = HeatmapView()
    tab.readout = QLabel(objectName="attentionReadout")
    tab.query_combo = QComboBox(objectName="attentionQuery")
    tab.key_combo = QComboBox(objectName="attentionKey")
    tab.bars = FocusBars()
    tab.top_label = QLabel(objectName="attentionTopKeys", wordWrap=True)
    tab.explanation_view = QTextBrowser(objectName="attentionExplanation")
    tab.explanation_view.setTabChangesFocus(True)  # Tab moves on to the next control
    tab.grid_view = GridView()
    tab.grid_readout = QLabel()

    left, right, grid_page = QWidget(), QWidget(), QWidget()
    _row(QVBoxLayout(left), tab.heatmap, tab.readout)
    left.layout().setStretch(0, 1)
    picks = QHBoxLayout()
    tab._pick_labels = _row(picks, ("", tab.query_combo), ("", tab.key_combo))
    right_layout = QVBoxLayout(right)
    right_layout.addLayout(picks)
    _row(right_layout, tab.bars, tab.top_label, tab.explanation_view)
    right_layout.setStretch(1, 2)
    right_layout.setStretch(3, 3)
    single = QSplitter(Qt.Orientation.Horizontal)
    single.addWidget(left)
    single.addWidget(right)
    single.setStretchFactor(0, 3)
    single.setStretchFactor(1, 2)
    _row(QVBoxLayout(grid_page), tab.grid_view, tab.grid_readout)
    grid_page.layout().setStretch(0, 1)
    tab.stack = QStackedWidget()
    tab.stack.addWidget(single)
    tab.stack.addWidget(grid_page)
    for page in (left, right, grid_page):
        page.layout().setContentsMargins(0, 0, 0, 0)

    text_row, controls = QHBoxLayout(), QHBoxLayout()
    tab._control_labels = _row(text_row, ("", tab.text_input)) + _row(
        controls, ("", tab.view_combo), ("", tab.layer_spin), ("", tab.head_spin), tab.mean_check,
        ("", tab.colormap_combo), tab.log_check, tab.hide_check)
    controls.addStretch(1)
    layout = QVBoxLayout(tab)
    layout.addWidget(tab.header)
    layout.addLayout(text_row)
    layout.addLayout(controls)
    _row(layout, tab.message_label, tab.note_label, tab.stack, tab.caveat_label)
    layout.setStretch(layout.indexOf(tab.stack), 1)


def retranslate_attention_widgets(tab: AttentionTab) -> None:
    """Apply the current language to the tab's fixed texts (the plots do their own labels)."""
    tab.header.set_texts(
        translate("AttentionTab", "Attention"),
        translate("AttentionTab", "Each token builds its meaning by looking back at other tokens. The weights it "
            "uses are softmax(QK\u1d40 / \u221ad): this tab draws them from the current model."),
        [translate("AttentionTab", "Heatmaps for one head, for every head of a layer, or for the whole model."),
         translate("AttentionTab", "Hover a cell to read 'from token \u2192 to token: weight'."),
         translate("AttentionTab", "How one weight is computed: query, key, scaling, causal mask and softmax.")])
    tab.text_input.setAccessibleName(translate("AttentionTab", "Text to analyse"))
    views = view_names()
    tab.view_combo.blockSignals(True)  # renaming is not choosing: no redraw
    for index in range(tab.view_combo.count()):
        tab.view_combo.setItemText(index, views[tab.view_combo.itemData(index)])
    tab.view_combo.blockSignals(False)
    tab.mean_check.setText(translate("AttentionTab", "&Mean of heads"))
    tab.log_check.setText(translate("AttentionTab", "&Log colour scale"))
    tab.hide_check.setText(translate("AttentionTab", "Hide &special tokens / BOS"))
    tab.explanation_view.setAccessibleName(translate("AttentionTab", "How the chosen weight is computed"))
    tab.caveat_label.setText(translate(
        "AttentionTab", "Attention weights show where information flows, not why the model decided."))
    texts = (translate("AttentionTab", "&Query token:"), translate("AttentionTab", "&Key token:"),
             translate("AttentionTab", "&Text:"), translate("AttentionTab", "Vie&w:"),
             translate("AttentionTab", "L&ayer:"), translate("AttentionTab", "H&ead:"),
             translate("AttentionTab", "C&olours:"))
    for label, text in zip(tab._pick_labels + tab._control_labels, texts):
        label.setText(text)
