"""What the Attention tab's Export menu offers: the map shown (heatmap or grid of thumbnails), the
query's row as bars, the matrix shown as CSV, and the table of how the chosen weight is computed.

The menu itself, the dialogs and the file writing are `gui.common.tab_exports`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from gui.attention.explanation import steps_table
from gui.common.tab_exports import ExportItem, FigureExport, TableExport

if TYPE_CHECKING:
    from gui.attention.tab import AttentionTab

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def matrix_table(tokens: list[str], matrix: Any) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a (T, T) attention map: tokens label the columns (keys) and the rows (queries).

    Values are written with 9 significant digits, enough to read float32 back exactly."""
    header = [translate("AttentionTab", "query \\ key"), *tokens]
    rows = [[token, *(format(float(value), ".9g") for value in row)] for token, row in zip(tokens, matrix)]
    return header, rows


def _map_view(tab: AttentionTab) -> Any:
    """The view shown (heatmap, or grid of thumbnails) once it has maps, else None."""
    view = tab.heatmap if tab.view_mode() == "single" else tab.grid_view
    return view if tab.maps is not None and view.image is not None else None


def _map_figure(tab: AttentionTab) -> Any:
    """The figure of the view shown, ready to save (a full draw), or None before the first maps."""
    view = _map_view(tab)
    return None if view is None else view.export_figure()


def _map_name(tab: AttentionTab) -> str:
    if tab.view_mode() == "single":
        return translate("AttentionTab", "Attention heatmap")
    return translate("AttentionTab", "Attention thumbnails")


def attention_export_items(tab: AttentionTab) -> list[ExportItem]:
    """The Attention tab's plots and tables, for its Export menu (built each time the menu opens)."""
    single = tab.view_mode() == "single"
    return [
        FigureExport(name=lambda: _map_name(tab), figure=lambda: _map_figure(tab),
                     file_stem="attention_heatmap" if single else "attention_thumbnails",
                     ready=lambda: _map_view(tab) is not None),
        FigureExport(name=lambda: translate("AttentionTab", "Where the query token looks (bars)"),
                     figure=lambda: tab.bars.export_figure() if tab.maps is not None else None,
                     file_stem="attention_query_row", ready=lambda: tab.maps is not None),
        TableExport(name=lambda: translate("AttentionTab", "Attention matrix shown"),
                    table=lambda: matrix_table(tab.maps.tokens, tab.current_matrix()) if tab.maps is not None
                    else None,
                    file_stem="attention_matrix", ready=lambda: tab.maps is not None),
        TableExport(name=lambda: translate("AttentionTab", "How one weight is computed"),
                    table=lambda: steps_table(tab.explanation) if tab.explanation is not None else None,
                    file_stem="attention_weight_steps", ready=lambda: tab.explanation is not None),
    ]
