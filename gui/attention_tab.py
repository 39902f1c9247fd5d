"""Attention tab: which tokens each token looks at, per head and per layer, and how one weight is made.

The maps come from `core.attention.attention_maps`, computed off the GUI thread 300 ms after the
last keystroke, and only while the tab is visible. One background job runs at a time (the maps
first, then the explanation of the chosen weight: `gui/attention_jobs.py`), so two passes never
switch the model's attention implementation under each other. The plots live in
`gui/attention_views.py` and `gui/attention_bars.py`, the explanation's text in
`gui/attention_explanation.py`, the Export menu's items in `gui/attention_exports.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QSplitter, QStackedWidget,
    QTextBrowser, QVBoxLayout, QWidget,
)

from gui.attention_bars import FocusBars
from gui.attention_explanation import explanation_html
from gui.attention_exports import attention_export_items
from gui.attention_jobs import AttentionJobs
from gui.attention_texts import cell_readout, display_note, heatmap_title, maps_summary, top_keys_text
from gui.attention_views import COLORMAPS, GridView, HeatmapView
from gui.core_text import localized
from gui.locale_numbers import count
from gui.session import Session
from gui.tab_exports import ExportItem
from gui.tab_header import LiveTexts, TabHeader

if TYPE_CHECKING:
    import numpy as np

DEBOUNCE_MS = 300
SINGLE, LAYER_GRID, MODEL_GRID = "single", "layer", "model"


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


class AttentionTab(QWidget):
    """Heatmaps of the session model's attention, with selectors, focus bars and explanations.

    For tests: `maps` (AttentionMaps shown), `heatmap_image()`, `focus_bars()`, `message_label`,
    `explanation`, `focus_query(i)`, `select_cell(i, j)`, `set_view_mode(mode)`, `open_tile(k)`,
    `export_items()` (what the header's Export menu saves).
    """

    maps_changed = Signal(object)  # the AttentionMaps now displayed
    explanation_changed = Signal(object)  # a WeightExplanation, or None when there is none to show

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionTab")
        self.session = session
        self.raw_maps: Any = None  # AttentionMaps as the model returned them
        self.maps: Any = None  # what is displayed (special tokens maybe hidden)
        self.explanation: Any = None
        self.query: int | None = None
        self.key: int | None = None
        self._maps_key: tuple | None = None  # (model, text) of raw_maps
        self._hidden: Any = None  # raw_maps.without_special_tokens(), once computed
        self._matrix: tuple[Any, Any] = (None, None)  # ((maps, layer, head or None), current_matrix())
        self.jobs = AttentionJobs(self)  # the maps, then explanations; one at a time
        self.jobs.succeeded.connect(self._on_job_succeeded)
        self.jobs.failed.connect(self._on_job_failed)
        self._explain_key: tuple | None = None
        self._dirty = True
        self._heatmap_in_tab_order = False  # the heatmap's canvas is made with the first map
        self._debounce = QTimer(self, singleShot=True, timeout=self._request_maps)
        self._build()
        session.model_changed.connect(self._on_model_changed)
        self._on_model_changed(session.model)

    def _build(self) -> None:
        self._live = LiveTexts()  # message, note and explanation, made again after a language change
        self.header = TabHeader("", "", [])
        # The example text is content, not a label: it is not replaced when the language changes.
        self.text_input = QLineEdit(translate("AttentionTab", "The cat sat on the mat because it was tired."),
                                    objectName="attentionInput")
        self.text_input.textChanged.connect(lambda: self._schedule(DEBOUNCE_MS))
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
        for signal in (self.view_combo.currentIndexChanged, self.layer_spin.valueChanged,
                       self.head_spin.valueChanged, self.mean_check.toggled):
            signal.connect(self._on_selectors_changed)
        self.colormap_combo.currentIndexChanged.connect(self._refresh)
        self.log_check.toggled.connect(self._refresh)
        self.hide_check.toggled.connect(lambda: self.raw_maps is not None and self._use_maps(new=False))
        self.mean_check.toggled.connect(lambda on: self.head_spin.setEnabled(not on))
        self.message_label = QLabel(objectName="attentionMessage", wordWrap=True)
        self.message_label.setStyleSheet("QLabel { padding: 4px; border: 1px solid palette(mid); }")
        self.note_label = QLabel(objectName="attentionNote", wordWrap=True)
        self.note_label.hide()
        self.caveat_label = QLabel(objectName="attentionCaveat", wordWrap=True)

        self.heatmap = HeatmapView()
        self.heatmap.hovered.connect(self._on_heatmap_hovered)
        self.heatmap.clicked.connect(lambda cell: self.select_cell(*cell))
        self.readout = QLabel(objectName="attentionReadout")
        self.query_combo = QComboBox(objectName="attentionQuery")
        self.key_combo = QComboBox(objectName="attentionKey")
        self.query_combo.activated.connect(self.focus_query)
        self.key_combo.activated.connect(lambda j: self.select_cell(self.query or 0, j))
        self.bars = FocusBars()
        self.top_label = QLabel(objectName="attentionTopKeys", wordWrap=True)
        self.explanation_view = QTextBrowser(objectName="attentionExplanation")
        self.explanation_view.setTabChangesFocus(True)  # Tab moves on to the next control
        self.grid_view = GridView()
        self.grid_view.hovered.connect(self._on_tile_hovered)
        self.grid_view.clicked.connect(self.open_tile)
        self.grid_readout = QLabel()

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(text_row)
        layout.addLayout(controls)
        _row(layout, self.message_label, self.note_label, self.stack, self.caveat_label)
        layout.setStretch(layout.indexOf(self.stack), 1)
        self.retranslate_ui()
        self._on_heatmap_hovered(None)
        self._on_tile_hovered(None)

    def retranslate_ui(self) -> None:
        """Apply the current language to the tab's fixed texts (the plots do their own labels)."""
        self.header.set_texts(
            translate("AttentionTab", "Attention"),
            translate("AttentionTab", "Each token builds its meaning by looking back at other tokens. The weights it "
                "uses are softmax(QK\u1d40 / \u221ad): this tab draws them from the current model."),
            [translate("AttentionTab", "Heatmaps for one head, for every head of a layer, or for the whole model."),
             translate("AttentionTab", "Hover a cell to read 'from token \u2192 to token: weight'."),
             translate("AttentionTab", "How one weight is computed: query, key, scaling, causal mask and softmax.")])
        self.text_input.setAccessibleName(translate("AttentionTab", "Text to analyse"))
        views = {SINGLE: translate("AttentionTab", "Single head"),
                 LAYER_GRID: translate("AttentionTab", "All heads of the layer"),
                 MODEL_GRID: translate("AttentionTab", "Whole model (layers \u00d7 heads)")}
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "grid_readout"):
            self.retranslate_ui()
            self._show_model_status(self.session.model)
            self._live.refresh()  # message, note, explanation
            self._refresh()  # titles and readouts of the maps shown (no model run)
            self._on_heatmap_hovered(self.heatmap.hover_target)
            self._on_tile_hovered(self.grid_view.hover_target)

    # --- public, test-friendly API ---------------------------------------------------------
    def heatmap_image(self) -> Any:
        """The single-head AxesImage (its get_array() is the masked (T, T) map shown), or None."""
        return self.heatmap.image

    def focus_bars(self) -> np.ndarray:
        """Heights of the focus bar chart: the chosen query token's row of weights."""
        return self.bars.heights()

    def view_mode(self) -> str:
        return self.view_combo.currentData()

    def set_view_mode(self, mode: str) -> None:
        self.view_combo.setCurrentIndex(self.view_combo.findData(mode))

    def current_matrix(self) -> np.ndarray:
        """(T, T) float32: the chosen head's map, or the mean of the layer's heads."""
        import numpy as np

        mean = self.mean_check.isChecked()
        key = (self.maps, self.layer_spin.value(), None if mean else self.head_spin.value())
        if self._matrix[0] != key:  # cached: a hover or a click must not average 12 heads again
            weights = self.maps.weights[key[1]]  # (H, T, T)
            self._matrix = (key, weights.mean(axis=0, dtype=np.float32) if mean else weights[key[2]].astype(np.float32))
        return self._matrix[1]

    def focus_query(self, i: int) -> None:
        """Show query token i's row as bars (like clicking its row in the heatmap)."""
        self.select_cell(i, None)

    def select_cell(self, i: int, j: int | None) -> None:
        """Choose query i and key j: bars for row i, outlines, and the explanation of weight (i, j)."""
        if self.maps is None or not 0 <= i < self.maps.n_tokens:
            return
        self.query, self.key = i, (j if j is not None and 0 <= j < self.maps.n_tokens else None)
        self.query_combo.setCurrentIndex(i)
        self.key_combo.setCurrentIndex(-1 if self.key is None else self.key)
        self._refresh_focus()
        self._request_explanation()

    def open_tile(self, index: int) -> None:
        """Open thumbnail `index` of the grid in single-head mode."""
        if self.maps is None:
            return
        selectors = (self.layer_spin, self.head_spin, self.mean_check)
        for widget in selectors:
            widget.blockSignals(True)  # one redraw, when the view mode changes below
        if self.view_mode() == MODEL_GRID:
            self.layer_spin.setValue(index // self.maps.n_heads)
        self.head_spin.setValue(index % self.maps.n_heads)
        self.mean_check.setChecked(False)
        self.head_spin.setEnabled(True)
        for widget in selectors:
            widget.blockSignals(False)
        self.set_view_mode(SINGLE)

    def export_items(self) -> list[ExportItem]:
        """The heatmap or grid shown, the query's bars, the matrix shown and the weight's steps (Export menu)."""
        return attention_export_items(self)

    def shutdown(self) -> None:
        """Drop pending work and join the running job (the window is closing)."""
        self._debounce.stop()
        self._dirty = self.jobs.shutdown() or self._dirty

    # --- model, text and the background job --------------------------------------------------
    def _on_model_changed(self, model: Any) -> None:
        from core.loaded_model import ATTENTION

        self._show_model_status(model)
        if model is None:
            self._show_message(
                lambda: translate("AttentionTab", "No model is loaded yet: open one with File > Open model folder."))
        elif not model.can(ATTENTION):
            self._show_message(lambda: localized(model.unavailable_reason(ATTENTION)))
        else:
            self._schedule(0)

    def _show_model_status(self, model: Any) -> None:
        from core.loaded_model import ATTENTION

        if model is None:
            self.header.set_status(
                translate("AttentionTab", "Load a model (File > Open model folder) to see its attention."))
        elif not model.can(ATTENTION):
            self.header.set_status(localized(model.unavailable_reason(ATTENTION)))
        else:
            status = translate("AttentionTab", "{model}: {layers} layers \u00d7 {heads} heads of attention.")
            self.header.set_status(status.format(model=model.name, layers=count(model.n_layers),
                                                 heads=count(model.n_heads)))

    def _show_message(self, text: Any) -> None:
        """The line above the maps; `text` may be a function making it in the current language."""
        self._live.show("message", self.message_label.setText, text)

    def _show_explanation(self, text: Any, html: bool = False) -> None:
        """Plain text (or rich text) in the explanation box; `text` may be a function making it."""
        self._live.show("explanation", self.explanation_view.setHtml if html else self.explanation_view.setPlainText,
                        text)

    def _schedule(self, delay_ms: int) -> None:
        self._dirty = True
        if self.isVisible():
            self._debounce.start(delay_ms)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._dirty:
            self._debounce.start(0)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def _request_maps(self) -> None:
        from core.loaded_model import ATTENTION

        model = self.session.model
        if not self.isVisible():
            return  # stays dirty: showEvent asks again
        if model is None or not model.can(ATTENTION):
            return self._on_model_changed(model)
        self._dirty = False
        self._show_message(lambda: translate("AttentionTab", "Computing the attention maps…"))
        self.jobs.want("maps", (model, self.text_input.text()))

    def _request_explanation(self) -> None:
        self._explain_key = None
        if self.maps is None or self.query is None or self.view_mode() != SINGLE:
            return
        if self.key is None:
            self.explanation = None
            return self._show_explanation(lambda: translate(
                "AttentionTab", "Click a cell of the heatmap, or choose a key token, to see how its weight "
                "is computed."))
        if self.mean_check.isChecked():
            return self._set_explanation(None, lambda: translate(
                "AttentionTab", "The mean of the heads has no single recipe: untick “Mean of heads” to see how one "
                "head computes this weight."))
        model, text = self._maps_key
        if model is self.session.model:  # else new maps are on their way
            positions = self.maps.positions  # displayed index -> index in the model's input
            self._explain_key = (model, text, self.layer_spin.value(), self.head_spin.value(),
                                 positions[self.query], positions[self.key])
            self._show_explanation(lambda: translate("AttentionTab", "Computing…"))
            self.jobs.want("explain", self._explain_key)

    def _is_current(self, kind: str, key: tuple) -> bool:
        """True when a finished job answers what the tab shows now (same model object, same text...)."""
        wanted = (self.session.model, self.text_input.text()) if kind == "maps" else self._explain_key
        return wanted is not None and key[0] is wanted[0] and key[1:] == wanted[1:]

    def _on_job_succeeded(self, kind: str, key: tuple, result: Any) -> None:
        if not self._is_current(kind, key):
            return  # a newer request replaces it
        if kind == "explain":
            return self._set_explanation(result, None)
        self.raw_maps, self._maps_key, self._hidden = result, key, None
        numbers = (result.model_name, result.n_tokens, result.n_layers, result.n_heads, int(result.weights.nbytes))
        self._show_message(lambda: maps_summary(*numbers))
        self._use_maps(new=True)

    def _on_job_failed(self, kind: str, key: tuple, error: Exception) -> None:
        if self._is_current(kind, key):
            def message() -> str:
                return localized(error) or type(error).__name__

            if kind == "explain":
                self._set_explanation(None, message)
            else:
                self._show_message(lambda: "\u26a0 " + message())  # the previous maps stay on screen

    # --- display ---------------------------------------------------------------------------
    def _use_maps(self, new: bool) -> None:
        """Derive the displayed maps from the raw ones, fit the selectors to them, and redraw."""
        import numpy as np

        maps, hidden, refusal = self.raw_maps, None, None
        if self.hide_check.isChecked():
            try:
                self._hidden = self._hidden or maps.without_special_tokens()
                maps = self._hidden
                hidden = maps.renormalized
            except ValueError as error:
                refusal = error
        reduced = maps.reduced_precision
        self._live.show("note", self._set_note, lambda: display_note(hidden, reduced, refusal))
        if not new and self.maps is not None and self.query is not None:  # keep the same tokens selected
            index_of = {position: k for k, position in enumerate(maps.positions)}
            self.query = index_of.get(self.maps.positions[self.query])
            self.key = None if self.key is None else index_of.get(self.maps.positions[self.key])
        self.maps = maps
        for spin, n_items in ((self.layer_spin, maps.n_layers), (self.head_spin, maps.n_heads)):
            spin.blockSignals(True)
            spin.setRange(0, n_items - 1)
            spin.blockSignals(False)
        for combo in (self.query_combo, self.key_combo):
            combo.clear()
            combo.addItems([f"{k}: {token}" for k, token in enumerate(maps.tokens)])
        fresh = new or self.query is None
        if fresh:
            self.query, self.key = maps.n_tokens - 1, None
        self._refresh()
        strongest = int(np.argmax(self.current_matrix()[self.query]))
        self.select_cell(self.query, strongest if fresh else self.key)  # new text: the last token's strongest link
        self.maps_changed.emit(maps)

    def _on_selectors_changed(self) -> None:
        self._refresh()
        self._request_explanation()  # the layer or head changed under the chosen cell

    def _refresh(self) -> None:
        """Redraw the visible view from `self.maps` and the selectors (data updates, no new figure)."""
        if self.maps is None:
            return
        mode, maps, layer, heads = self.view_mode(), self.maps, self.layer_spin.value(), self.maps.n_heads
        causal, cmap, log = maps.is_causal, self.colormap_combo.currentText(), self.log_check.isChecked()
        self.stack.setCurrentIndex(0 if mode == SINGLE else 1)
        if mode == SINGLE:
            title = heatmap_title(layer, None if self.mean_check.isChecked() else self.head_spin.value(), heads)
            self.heatmap.show_matrix(self.current_matrix(), maps.tokens, causal, cmap, log, title)
            if not self._heatmap_in_tab_order:  # its canvas is made with the first map: Tab reaches it after
                self._heatmap_in_tab_order = True  # the controls above it, before the query and key choices
                QWidget.setTabOrder(self.hide_check, self.heatmap.canvas)
                QWidget.setTabOrder(self.heatmap.canvas, self.query_combo)
            self._refresh_focus()
            self._on_heatmap_hovered(self.heatmap.hover_target)
        elif mode == LAYER_GRID:
            cols = self.grid_view.best_columns(heads)
            self.grid_view.show_tiles(
                maps.weights[layer], causal, cols, cmap, log,
                translate("AttentionTab", "Layer {layer}: all {heads} heads").format(layer=layer, heads=heads),
                tile_titles=[translate("AttentionTab", "head {head}").format(head=h) for h in range(heads)],
                selected=None if self.mean_check.isChecked() else self.head_spin.value(),
                cache_key=(maps, layer, cols))
        else:
            self.grid_view.show_tiles(
                maps.weights.reshape(-1, maps.n_tokens, maps.n_tokens), causal, heads, cmap, log,
                translate("AttentionTab", "All {layers} layers × {heads} heads").format(
                    layers=maps.n_layers, heads=heads),
                row_labels=[translate("AttentionTab", "layer {layer}").format(layer=k) for k in range(maps.n_layers)],
                col_labels=[translate("AttentionTab", "head {head}").format(head=h) for h in range(heads)],
                selected=layer * heads + self.head_spin.value(), cache_key=(maps, "all"))

    def _refresh_focus(self) -> None:
        if self.maps is None or self.query is None or self.view_mode() != SINGLE:
            return
        from core.attention import top_attended

        i, tokens = self.query, self.maps.tokens
        title = translate("AttentionTab", "Where “{token}” (row {row}) looks").format(token=tokens[i], row=i)
        self.bars.show_row(self.current_matrix()[i], tokens, self.key, title)
        self.heatmap.set_selection(i, self.key)
        head = None if self.mean_check.isChecked() else self.head_spin.value()
        top = top_attended(self.maps, self.layer_spin.value(), head, i, k=3)
        self.top_label.setText(top_keys_text(top))

    def _set_explanation(self, explanation: Any, message: Any) -> None:
        """Show `explanation` (a WeightExplanation), or without one `message` (text, or a function making it)."""
        self.explanation = explanation
        if explanation is None:
            self._show_explanation(message or "")
        else:
            self._show_explanation(lambda: explanation_html(explanation), html=True)
        self.explanation_changed.emit(explanation)

    def _set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def _on_heatmap_hovered(self, cell: tuple[int, int] | None) -> None:
        if self.maps is None or cell is None or max(cell) >= self.maps.n_tokens:
            return self.readout.setText(
                translate("AttentionTab", "Hover a cell to read its weight; click it to see how it is computed."))
        (i, j), tokens = cell, self.maps.tokens
        self.readout.setText(cell_readout(tokens[i], tokens[j], float(self.current_matrix()[i, j]),
                                          masked=self.maps.is_causal and j > i))

    def _on_tile_hovered(self, index: int | None) -> None:
        if self.maps is None or index is None:
            return self.grid_readout.setText(
                translate("AttentionTab", "Click a thumbnail to open it as a single head."))
        layer = index // self.maps.n_heads if self.view_mode() == MODEL_GRID else self.layer_spin.value()
        self.grid_readout.setText(translate("AttentionTab", "Layer {layer}, head {head}: click to open it.").format(
            layer=layer, head=index % self.maps.n_heads))
