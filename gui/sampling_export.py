"""The Next-token tab's Probabilities page, and saving it: the bars as a PNG image, the
distribution as a CSV table.

The CSV holds every token of the vocabulary, most likely (after the settings) first, with its
probability at every stage of the pipeline, so a spreadsheet can redo the tab's sums.
Probabilities are written with 9 significant digits, enough to read back the exact float32.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def distribution_table(stages: list[Any], tokenizer: Any) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) for the whole vocabulary: rank, token id, text, label, one column per stage."""
    import torch

    from core.sampling import make_visible

    final = stages[-1].probs
    raw = stages[0].probs
    order = torch.argsort(raw, descending=True, stable=True)  # ties (removed tokens): the model's order
    order = order[torch.argsort(final[order], descending=True, stable=True)]
    ids = order.tolist()
    texts = tokenizer.batch_decode([[i] for i in ids], clean_up_tokenization_spaces=False)
    columns = [stage.probs[order].tolist() for stage in stages]
    header = ["rank", "token_id", "text", "label", *[f"p_{stage.name.replace(' ', '_')}" for stage in stages],
              "kept"]
    kept = stages[-1].kept[order].tolist()
    rows = [[rank, token, text, make_visible(text), *(f"{column[rank - 1]:.9g}" for column in columns),
             int(kept[rank - 1])]
            for rank, (token, text) in enumerate(zip(ids, texts), start=1)]
    return header, rows


def write_distribution_csv(path: str | Path, stages: list[Any], tokenizer: Any) -> None:
    """Write `distribution_table` to `path` (UTF-8 with a byte-order mark, so spreadsheets detect it)."""
    header, rows = distribution_table(stages, tokenizer)
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_fill_mask_csv(path: str | Path, guesses: list[list[Any]]) -> None:
    """The fill-mask guesses: one row per mask and rank."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mask", "rank", "token_id", "token", "label", "probability"])
        for mask, row in enumerate(guesses, start=1):
            for rank, guess in enumerate(row, start=1):
                writer.writerow([mask, rank, guess.token_id, guess.token, guess.label, f"{guess.probability:.9g}"])


def ask_path(parent: QWidget, title: str, name: str, file_filter: str) -> str:
    """A save dialog; '' when cancelled. A missing extension is added from the filter."""
    path, _selected = QFileDialog.getSaveFileName(parent, title, name, file_filter)
    if path:
        suffix = "." + file_filter.split("*.")[-1].rstrip(")")
        if not path.lower().endswith(suffix):
            path += suffix
    return path


def export_png(parent: QWidget, plot: Any) -> str:
    """Ask for a file and save the bars there; returns the path ('' when cancelled)."""
    path = ask_path(parent, translate("SamplingTab", "Save the bars as an image"), "next-token-bars.png",
                    translate("SamplingTab", "PNG image (*.png)"))
    if path:
        plot.save_png(path)
    return path


def export_csv(parent: QWidget, stages: list[Any] | None, guesses: list[list[Any]], tokenizer: Any) -> str:
    """Ask for a file and write the distribution (or the fill-mask guesses); returns the path."""
    path = ask_path(parent, translate("SamplingTab", "Save the distribution as CSV"), "next-token.csv",
                    translate("SamplingTab", "CSV table (*.csv)"))
    if path:
        if stages:
            write_distribution_csv(path, stages, tokenizer)
        else:
            write_fill_mask_csv(path, guesses)
    return path


class ProbabilitiesPage(QWidget):
    """The bars, the cumulative draw bar under them, a hint and the two export buttons."""

    def __init__(self, bars: QWidget, draw_plot: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.png_button = QPushButton()
        self.png_button.setObjectName("exportPngButton")
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportCsvButton")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.hint, 1)
        tools.addWidget(self.png_button)
        tools.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(bars, 1)
        layout.addWidget(draw_plot)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.png_button.setText(translate("SamplingTab", "Save bars as PNG…"))
        self.csv_button.setText(translate("SamplingTab", "Save distribution as CSV…"))
        self.hint.setText(translate("SamplingTab", "Click a bar or a token to append it to the prompt."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "hint"):
            self.retranslate_ui()
