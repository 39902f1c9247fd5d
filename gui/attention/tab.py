"""Attention tab: which tokens each token looks at, per head and per layer, and how one weight is made.

The maps come from `core.attention.maps.attention_maps`, computed off the GUI thread 300 ms after the
last keystroke, and only while the tab is visible. One background job runs at a time (the maps
first, then the explanation of the chosen weight: `gui/attention/jobs.py`), so two passes never
switch the model's attention implementation under each other. The widgets, their layout and their
fixed texts are made in `gui/attention/controls.py` (`AttentionWidgets`, kept as `self.ui`; the tab
connects their signals), the view modes and grids in `gui/attention/modes.py`,
the selectors fitted to new maps in `gui/attention/selection.py`. The plots live in
`gui/attention/views.py` and `gui/attention/bars.py`, the explanation's text in
`gui/attention/explanation.py`, the Export menu's items in `gui/attention/exports.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gui.attention.controls import AttentionWidgets
from gui.attention.explanation import explanation_html
from gui.attention.exports import attention_export_items
from gui.attention.jobs import LANES, MAPS, submit
from gui.attention.modes import LAYER_GRID, MODEL_GRID, SINGLE, draw_grid, tile_layer, tile_readout
from gui.attention.selection import carried_selection, fit_selectors
from gui.attention.texts import (
    cell_readout,
    display_note,
    heatmap_title,
    maps_summary,
    model_status,
    top_keys_text,
)
from gui.common.core_text import localized
from gui.common.default_texts import follow_language_in
from gui.common.session import Session
from gui.common.tab_exports import ExportItem
from gui.common.workers import JobRunner

if TYPE_CHECKING:
    import numpy as np

__all__ = ["DEBOUNCE_MS", "LAYER_GRID", "MODEL_GRID", "SINGLE", "AttentionTab"]  # the modes, for tests and benches

DEBOUNCE_MS = 300


translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


class AttentionTab(QWidget):
    """Heatmaps of the session model's attention, with selectors, focus bars and explanations.

    Its widgets are `ui` (a `gui.attention.controls.AttentionWidgets`: `ui.text_input`, `ui.heatmap`...);
    `header` is `ui.header`, the TabHeader the shell puts its help panel in.
    For lesson mode: `set_text(text)`, `set_view_mode(mode)`.
    For tests: `maps` (AttentionMaps shown), `heatmap_image()`, `focus_bars()`, `ui.message_label`,
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
        self.jobs = JobRunner("attention", lanes=LANES, parent=self)  # the maps, then explanations; one at a time
        self.jobs.succeeded.connect(lambda request, result: self._on_job_succeeded(*request, result))
        self.jobs.failed.connect(lambda request, error: self._on_job_failed(*request, error))
        self._explain_key: tuple | None = None
        self._dirty = True
        self._heatmap_in_tab_order = False  # the heatmap's canvas is made with the first map
        self._debounce = QTimer(self, singleShot=True, timeout=self._request_maps)
        self._build()
        session.model_changed.connect(self._on_model_changed)
        self._on_model_changed(session.model)

    def _build(self) -> None:
        self.ui = ui = AttentionWidgets(self)  # made and laid out in the tab; their signals are connected here
        ui.text_input.textChanged.connect(lambda: self._schedule(DEBOUNCE_MS))
        for signal in (ui.view_combo.currentIndexChanged, ui.layer_spin.valueChanged, ui.head_spin.valueChanged,
                       ui.mean_check.toggled):
            signal.connect(self._on_selectors_changed)
        ui.colormap_combo.currentIndexChanged.connect(self._refresh)
        ui.log_check.toggled.connect(self._refresh)
        ui.hide_check.toggled.connect(lambda: self.raw_maps is not None and self._use_maps(new=False))
        ui.mean_check.toggled.connect(lambda on: ui.head_spin.setEnabled(not on))
        ui.heatmap.hovered.connect(self._on_heatmap_hovered)
        ui.heatmap.clicked.connect(lambda cell: self.select_cell(*cell))
        ui.query_combo.activated.connect(self.focus_query)
        ui.key_combo.activated.connect(lambda j: self.select_cell(self.query or 0, j))
        ui.grid_view.hovered.connect(self._on_tile_hovered)
        ui.grid_view.clicked.connect(self.open_tile)
        self.retranslate_ui()
        self._on_heatmap_hovered(None)
        self._on_tile_hovered(None)

    def retranslate_ui(self) -> None:
        """Apply the current language to the tab's fixed texts (the plots do their own labels)."""
        self.ui.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "ui"):
            self.retranslate_ui()
            self._show_model_status(self.session.model)
            self.ui.live.refresh()  # message, note, explanation
            self._refresh()  # titles and readouts of the maps shown (no model run)
            self._on_heatmap_hovered(self.ui.heatmap.hover_target)
            self._on_tile_hovered(self.ui.grid_view.hover_target)
            follow_language_in(self.ui.text_input, "attention")  # an unedited example sentence; maps follow

    # --- public API (lesson mode and tests) -------------------------------------------------
    @property
    def header(self) -> Any:
        """The TabHeader at the top of the tab (title, summary, status; the shell adds its help panel)."""
        return self.ui.header

    def set_text(self, text: str) -> None:
        """Put `text` in the input box; the maps follow as after typing it (debounced, while visible)."""
        self.ui.text_input.setText(text)

    def heatmap_image(self) -> Any:
        """The single-head AxesImage (its get_array() is the masked (T, T) map shown), or None."""
        return self.ui.heatmap.image

    def focus_bars(self) -> np.ndarray:
        """Heights of the focus bar chart: the chosen query token's row of weights."""
        return self.ui.bars.heights()

    def view_mode(self) -> str:
        return self.ui.view_combo.currentData()

    def set_view_mode(self, mode: str) -> None:
        self.ui.view_combo.setCurrentIndex(self.ui.view_combo.findData(mode))

    def current_matrix(self) -> np.ndarray:
        """(T, T) float32: the chosen head's map, or the mean of the layer's heads."""
        import numpy as np

        mean = self.ui.mean_check.isChecked()
        key = (self.maps, self.ui.layer_spin.value(), None if mean else self.ui.head_spin.value())
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
        self.ui.query_combo.setCurrentIndex(i)
        self.ui.key_combo.setCurrentIndex(-1 if self.key is None else self.key)
        self._refresh_focus()
        self._request_explanation()

    def open_tile(self, index: int) -> None:
        """Open thumbnail `index` of the grid in single-head mode."""
        if self.maps is None:
            return
        selectors = (self.ui.layer_spin, self.ui.head_spin, self.ui.mean_check)
        for widget in selectors:
            widget.blockSignals(True)  # one redraw, when the view mode changes below
        self.ui.layer_spin.setValue(tile_layer(self.maps, self.view_mode(), self.ui.layer_spin.value(), index))
        self.ui.head_spin.setValue(index % self.maps.n_heads)
        self.ui.mean_check.setChecked(False)
        self.ui.head_spin.setEnabled(True)
        for widget in selectors:
            widget.blockSignals(False)
        self.set_view_mode(SINGLE)

    def export_items(self) -> list[ExportItem]:
        """The heatmap or grid shown, the query's bars, the matrix shown and the weight's steps (Export menu)."""
        return attention_export_items(self.ui.heatmap, self.ui.grid_view, self.ui.bars, view_mode=self.view_mode,
                                      maps=lambda: self.maps, matrix=self.current_matrix,
                                      explanation=lambda: self.explanation)

    def shutdown(self) -> None:
        """Drop pending work and join the running job (the window is closing)."""
        self._debounce.stop()
        self._dirty = self.jobs.cancel() or self._dirty

    # --- model, text and the background job --------------------------------------------------
    def _on_model_changed(self, model: Any) -> None:
        from core.model.loading import ATTENTION

        self._show_model_status(model)
        if model is None:
            self.ui.show_message(
                lambda: translate("AttentionTab", "No model is loaded yet: open one with File > Open model folder."))
        elif not model.can(ATTENTION):
            self.ui.show_message(lambda: localized(model.unavailable_reason(ATTENTION)))
        else:
            self._schedule(0)

    def _show_model_status(self, model: Any) -> None:
        self.ui.header.set_status(model_status(model))

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
        from core.model.loading import ATTENTION

        model = self.session.model
        if not self.isVisible():
            return  # stays dirty: showEvent asks again
        if model is None or not model.can(ATTENTION):
            return self._on_model_changed(model)
        self._dirty = False
        self.ui.show_message(lambda: translate("AttentionTab", "Computing the attention maps…"))
        submit(self.jobs, MAPS, (model, self.ui.text_input.text()))

    def _request_explanation(self) -> None:
        self._explain_key = None
        if self.maps is None or self.query is None or self.view_mode() != SINGLE:
            return
        if self.key is None:
            self.explanation = None
            return self.ui.show_explanation(lambda: translate(
                "AttentionTab", "Click a cell of the heatmap, or choose a key token, to see how its weight "
                "is computed."))
        if self.ui.mean_check.isChecked():
            return self._set_explanation(None, lambda: translate(
                "AttentionTab", "The mean of the heads has no single recipe: untick “Mean of heads” to see how one "
                "head computes this weight."))
        model, text = self._maps_key
        if model is self.session.model:  # else new maps are on their way
            positions = self.maps.positions  # displayed index -> index in the model's input
            self._explain_key = (model, text, self.ui.layer_spin.value(), self.ui.head_spin.value(),
                                 positions[self.query], positions[self.key])
            self.ui.show_explanation(lambda: translate("AttentionTab", "Computing…"))
            submit(self.jobs, "explain", self._explain_key)

    def _is_current(self, kind: str, key: tuple) -> bool:
        """True when a finished job answers what the tab shows now (same model object, same text...)."""
        wanted = (self.session.model, self.ui.text_input.text()) if kind == "maps" else self._explain_key
        return wanted is not None and key[0] is wanted[0] and key[1:] == wanted[1:]

    def _on_job_succeeded(self, kind: str, key: tuple, result: Any) -> None:
        if not self._is_current(kind, key):
            return  # a newer request replaces it
        if kind == "explain":
            return self._set_explanation(result, None)
        self.raw_maps, self._maps_key, self._hidden = result, key, None
        numbers = (result.model_name, result.n_tokens, result.n_layers, result.n_heads, int(result.weights.nbytes))
        self.ui.show_message(lambda: maps_summary(*numbers))
        self._use_maps(new=True)

    def _on_job_failed(self, kind: str, key: tuple, error: Exception) -> None:
        if self._is_current(kind, key):
            def message() -> str:
                return localized(error) or type(error).__name__

            if kind == "explain":
                self._set_explanation(None, message)
            else:
                self.ui.show_message(lambda: "\u26a0 " + message())  # the previous maps stay on screen

    # --- display ---------------------------------------------------------------------------
    def _use_maps(self, new: bool) -> None:
        """Derive the displayed maps from the raw ones, fit the selectors to them, and redraw."""
        import numpy as np

        maps, hidden, refusal = self.raw_maps, None, None
        if self.ui.hide_check.isChecked():
            try:
                self._hidden = self._hidden or maps.without_special_tokens()
                maps = self._hidden
                hidden = maps.renormalized
            except ValueError as error:
                refusal = error
        reduced = maps.reduced_precision
        self.ui.show_note(lambda: display_note(hidden, reduced, refusal))
        if not new and self.maps is not None and self.query is not None:  # keep the same tokens selected
            self.query, self.key = carried_selection(self.maps, maps, self.query, self.key)
        self.maps = maps
        fit_selectors(maps, self.ui.layer_spin, self.ui.head_spin, self.ui.query_combo, self.ui.key_combo)
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
        ui, mode, maps = self.ui, self.view_mode(), self.maps
        layer, head, mean, heads = ui.layer_spin.value(), ui.head_spin.value(), ui.mean_check.isChecked(), maps.n_heads
        causal, cmap, log = maps.is_causal, ui.colormap_combo.currentText(), ui.log_check.isChecked()
        ui.stack.setCurrentIndex(0 if mode == SINGLE else 1)
        if mode == SINGLE:
            title = heatmap_title(layer, None if mean else head, heads)
            ui.heatmap.show_matrix(self.current_matrix(), maps.tokens, causal, cmap, log, title)
            if not self._heatmap_in_tab_order:  # its canvas is made with the first map: Tab reaches it after
                self._heatmap_in_tab_order = True  # the controls above it, before the query and key choices
                QWidget.setTabOrder(ui.hide_check, ui.heatmap.canvas)
                QWidget.setTabOrder(ui.heatmap.canvas, ui.query_combo)
            self._refresh_focus()
            self._on_heatmap_hovered(ui.heatmap.hover_target)
        else:
            draw_grid(ui.grid_view, maps, mode, layer, head, mean, cmap, log)

    def _refresh_focus(self) -> None:
        if self.maps is None or self.query is None or self.view_mode() != SINGLE:
            return
        from core.attention.maps import top_attended

        i, tokens = self.query, self.maps.tokens
        title = translate("AttentionTab", "Where “{token}” (row {row}) looks").format(token=tokens[i], row=i)
        self.ui.bars.show_row(self.current_matrix()[i], tokens, self.key, title)
        self.ui.heatmap.set_selection(i, self.key)
        head = None if self.ui.mean_check.isChecked() else self.ui.head_spin.value()
        top = top_attended(self.maps, self.ui.layer_spin.value(), head, i, k=3)
        self.ui.top_label.setText(top_keys_text(top))

    def _set_explanation(self, explanation: Any, message: Any) -> None:
        """Show `explanation` (a WeightExplanation), or without one `message` (text, or a function making it)."""
        self.explanation = explanation
        if explanation is None:
            self.ui.show_explanation(message or "")
        else:
            self.ui.show_explanation(lambda: explanation_html(explanation), html=True)
        self.explanation_changed.emit(explanation)

    def _on_heatmap_hovered(self, cell: tuple[int, int] | None) -> None:
        if self.maps is None or cell is None or max(cell) >= self.maps.n_tokens:
            return self.ui.readout.setText(
                translate("AttentionTab", "Hover a cell to read its weight; click it to see how it is computed."))
        (i, j), tokens = cell, self.maps.tokens
        self.ui.readout.setText(cell_readout(tokens[i], tokens[j], float(self.current_matrix()[i, j]),
                                             masked=self.maps.is_causal and j > i))

    def _on_tile_hovered(self, index: int | None) -> None:
        self.ui.grid_readout.setText(tile_readout(self.maps, self.view_mode(), self.ui.layer_spin.value(), index))
