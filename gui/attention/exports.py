"""What the Attention tab's Export menu offers: the map shown (heatmap or grid of thumbnails), the
query's row as bars, the matrix shown as CSV, and the table of how the chosen weight is computed.

The menu itself, the dialogs and the file writing are `gui.common.tab_exports`'s. The tab passes its
plots and small functions reading its current state: this module knows nothing of the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.attention.explanation import steps_table
from gui.common.tab_exports import ExportItem, FigureExport, TableExport

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def matrix_table(tokens: list[str], matrix: Any) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a (T, T) attention map: tokens label the columns (keys) and the rows (queries).

    Values are written with 9 significant digits, enough to read float32 back exactly."""
    header = [translate("AttentionTab", "query \\ key"), *tokens]
    rows = [[token, *(format(float(value), ".9g") for value in row)] for token, row in zip(tokens, matrix)]
    return header, rows


def attention_export_items(heatmap: Any, grid_view: Any, bars: Any, *, view_mode: Callable[[], str],
                           maps: Callable[[], Any], matrix: Callable[[], Any],
                           explanation: Callable[[], Any]) -> list[ExportItem]:
    """The Attention tab's plots and tables, for its Export menu (built each time the menu opens).

    `heatmap`, `grid_view` and `bars` are the tab's plots; `view_mode()` says the mode shown ("single" or a
    grid), `maps()` the AttentionMaps shown (None before the first), `matrix()` the (T, T) matrix shown and
    `explanation()` the WeightExplanation shown (or None). They are called when an item is used."""
    def map_view() -> Any:
        """The view shown (heatmap, or grid of thumbnails) once it has maps, else None."""
        view = heatmap if view_mode() == "single" else grid_view
        return view if maps() is not None and view.image is not None else None

    def map_figure() -> Any:
        """The figure of the view shown, ready to save (a full draw), or None before the first maps."""
        view = map_view()
        return None if view is None else view.export_figure()

    def map_name() -> str:
        if view_mode() == "single":
            return translate("AttentionTab", "Attention heatmap")
        return translate("AttentionTab", "Attention thumbnails")

    def matrix_shown() -> Any:
        shown = maps()
        return None if shown is None else matrix_table(shown.tokens, matrix())

    def steps() -> Any:
        shown = explanation()
        return None if shown is None else steps_table(shown)

    single = view_mode() == "single"
    return [
        FigureExport(name=map_name, figure=map_figure,
                     file_stem="attention_heatmap" if single else "attention_thumbnails",
                     ready=lambda: map_view() is not None),
        FigureExport(name=lambda: translate("AttentionTab", "Where the query token looks (bars)"),
                     figure=lambda: bars.export_figure() if maps() is not None else None,
                     file_stem="attention_query_row", ready=lambda: maps() is not None),
        TableExport(name=lambda: translate("AttentionTab", "Attention matrix shown"), table=matrix_shown,
                    file_stem="attention_matrix", ready=lambda: maps() is not None),
        TableExport(name=lambda: translate("AttentionTab", "How one weight is computed"), table=steps,
                    file_stem="attention_weight_steps", ready=lambda: explanation() is not None),
    ]
