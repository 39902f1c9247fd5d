"""One "Export" menu per tab, in the same place in every tab: on the title row, left of
"What am I looking at?".

A tab lists what can be saved with `export_items()`:
- `FigureExport`: a matplotlib figure, saved as PNG or SVG (the file name's suffix decides);
- `TableExport`: a table (header + rows), saved as CSV in UTF-8 with a byte-order mark, so
  spreadsheets read accents and symbols correctly.

The menu is built again each time it opens, so it always shows the tab's current plots and
tables, greyed out while there is nothing to save yet. The shell (`gui.shell.export_buttons`) puts one
button on each tab and binds Ctrl+E (and Ctrl+S) to the current tab's menu.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]  # (header, rows)


@dataclass
class FigureExport:
    """A plot of the tab. `figure()` returns its matplotlib Figure, or None while it shows nothing.

    A `figure()` that builds a new Figure (a copy for saving) should come with `ready()`, which
    says cheaply whether there is one, so opening the menu does not build it."""

    name: Callable[[], str]  # the plot's name in the current language, e.g. "Loss curves"
    figure: Callable[[], Any | None]
    file_stem: str  # the suggested file name without suffix, e.g. "loss"
    ready: Callable[[], bool] | None = None  # None: `figure()` is cheap, ask it


@dataclass
class TableExport:
    """A table of the tab. `table()` returns (header, rows), or None while it is empty.

    `ready()` says cheaply whether there is a table, so opening the menu does not build it."""

    name: Callable[[], str]
    table: Callable[[], Table | None]
    file_stem: str
    ready: Callable[[], bool] = lambda: True


ExportItem = FigureExport | TableExport


def save_figure(figure: Any, path: str | Path) -> Path:
    """Write `figure` to `path` as SVG when the name ends in .svg, else as PNG (150 dpi)."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        figure.savefig(path, format="svg")
    else:
        figure.savefig(path, format="png", dpi=150)
    return path


def write_csv(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """Write a table as CSV (UTF-8 with BOM, comma-separated, one header row)."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(header))
        writer.writerows([list(row) for row in rows])
    return path


def item_available(item: ExportItem) -> bool:
    """Whether `item` has something to save (its menu entry is greyed out otherwise)."""
    if isinstance(item, FigureExport) and item.ready is None:
        return item.figure() is not None
    return bool(item.ready())


def export_item(item: ExportItem, path: str | Path) -> Path | None:
    """Save `item` to `path` without asking; None when it has nothing to save yet."""
    if isinstance(item, FigureExport):
        figure = item.figure()
        return None if figure is None else save_figure(figure, path)
    table = item.table()
    return None if table is None else write_csv(path, *table)


class TabExportButton(QToolButton):
    """The "Export" button of one tab; `tab.export_items()` says what its menu offers."""

    def __init__(self, tab: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.setObjectName("tabExport")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self.last_saved: Path | None = None
        self.retranslate_ui()

    def items(self) -> list[ExportItem]:
        return list(self.tab.export_items()) if hasattr(self.tab, "export_items") else []

    def retranslate_ui(self) -> None:
        self.setText(translate("TabExports", "Export"))
        self.setToolTip(translate("TabExports", "Save this tab's plots as images (PNG, SVG) and its tables "
                                                "as CSV (Ctrl+E)"))
        self.setAccessibleName(translate("TabExports", "Export plots and tables"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        items = self.items()
        for item in items:
            if isinstance(item, FigureExport):
                text = translate("TabExports", "{name}: image (PNG or SVG)…").format(name=item.name())
            else:
                text = translate("TabExports", "{name}: table (CSV)…").format(name=item.name())
            action = menu.addAction(text)
            action.setEnabled(item_available(item))
            action.triggered.connect(lambda _checked=False, chosen=item: self.ask_and_export(chosen))
        if not items:
            menu.addAction(translate("TabExports", "Nothing to export in this tab")).setEnabled(False)

    def ask_and_export(self, item: ExportItem) -> Path | None:
        """Ask for a file, save `item` there and say so in the status bar; None when cancelled."""
        from gui.common.settings import AppSettings

        settings = AppSettings()
        folder = Path(settings.last_dir(AppSettings.LAST_EXPORT_DIR) or Path.home())
        if isinstance(item, FigureExport):
            png = translate("TabExports", "PNG image (*.png)")
            svg = translate("TabExports", "SVG image (*.svg)")
            filters, suffixes = f"{png};;{svg}", {png: ".png", svg: ".svg"}
            title = translate("TabExports", "Save the plot “{name}”").format(name=item.name())
        else:
            csv_filter = translate("TabExports", "CSV table (*.csv)")
            filters, suffixes = csv_filter, {csv_filter: ".csv"}
            title = translate("TabExports", "Save the table “{name}”").format(name=item.name())
        first_suffix = next(iter(suffixes.values()))
        path, chosen = QFileDialog.getSaveFileName(self, title, str(folder / f"{item.file_stem}{first_suffix}"),
                                                   filters)
        if not path:
            return None
        if Path(path).suffix.lower() not in suffixes.values():
            path += suffixes.get(chosen, first_suffix)
        try:
            saved = export_item(item, path)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, translate("TabExports", "Could not save"),
                                translate("TabExports", "Could not save {path}:\n{reason}").format(
                                    path=path, reason=error))
            return None
        if saved is None:
            QMessageBox.information(self, translate("TabExports", "Nothing to save yet"),
                                    translate("TabExports", "“{name}” is empty for now.").format(name=item.name()))
            return None
        settings.set_last_dir(AppSettings.LAST_EXPORT_DIR, str(saved.parent))
        self.last_saved = saved
        status_bar = getattr(self.window(), "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(translate("TabExports", "Saved {path}").format(path=saved), 8000)
        return saved
