"""File > Runs: the training runs saved in the runs folder, to open, resume or delete.

Each row is one run folder (`core.training.runs.list_runs`): when it was saved, what it trained,
how many steps, and its best validation loss. "Use this model" loads its best checkpoint (else its
last) as the current model, "Resume" continues it in the Training tab, "Delete…" removes the folder
after asking, "Open folder" shows it in the file manager.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal

translate = QCoreApplication.translate


def model_description(run: Any) -> str:
    """"GPT · 4 layers · width 128", "Masked LM · 2 layers · width 32" or "Bigram table" for a SavedRun."""
    settings, kind = run.settings, run.model_type or settings.get("model_type", "")
    name = {"gpt": translate("RunsDialog", "GPT"), "mlm": translate("RunsDialog", "Masked LM"),
            "bigram": translate("RunsDialog", "Bigram table")}.get(kind, kind or "?")
    if kind in ("gpt", "mlm") and settings.get("init_from") != "finetune" and "n_layer" in settings:
        return translate("RunsDialog", "{model} · {layers} layers · width {width}").format(
            model=name, layers=settings["n_layer"], width=settings.get("n_embd", "?"))
    if settings.get("init_from") == "finetune":
        return translate("RunsDialog", "{model} · fine-tuned from {folder}").format(
            model=name, folder=Path(str(settings.get("finetune_from") or "?")).name)
    return name


class RunsDialog(QDialog):
    """The saved runs under `runs_root`. `use_model(path)` loads a checkpoint; `resume(folder) -> bool` resumes."""

    def __init__(self, runs_root: Path, use_model: Callable[[Path], Any], resume: Callable[[Path], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runsDialog")
        self.runs_root = Path(runs_root)
        self._use_model, self._resume = use_model, resume
        self.runs: list[Any] = []
        self.table = QTreeWidget(objectName="runsTable")
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setColumnCount(5)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(objectName="runsEmpty", wordWrap=True)
        self.buttons = {name: QPushButton(objectName=f"runs_{name}")
                        for name in ("use", "resume", "delete", "folder")}
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.buttons["use"].clicked.connect(self.use_selected)
        self.buttons["resume"].clicked.connect(self.resume_selected)
        self.buttons["delete"].clicked.connect(self.delete_selected)
        self.buttons["folder"].clicked.connect(self.open_selected_folder)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_args: self.use_selected())
        self.resize(820, 420)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("RunsDialog", "Saved runs"))
        self.table.setHeaderLabels([translate("RunsDialog", "Saved"), translate("RunsDialog", "Model"),
                                    translate("RunsDialog", "Steps"), translate("RunsDialog", "Best val loss"),
                                    translate("RunsDialog", "Folder")])
        self.table.setAccessibleName(translate("RunsDialog", "Saved training runs"))
        for name, text in (("use", translate("RunsDialog", "&Use this model")),
                           ("resume", translate("RunsDialog", "&Resume")),
                           ("delete", translate("RunsDialog", "&Delete…")),
                           ("folder", translate("RunsDialog", "Open &folder"))):
            self.buttons[name].setText(text)
        self.empty_label.setText(translate("RunsDialog", "No saved runs yet in {folder}. Runs are saved here from "
                                                         "their first evaluation on.").format(folder=self.runs_root))

    def refresh(self) -> None:
        """Read the runs folder again."""
        from core.training.runs import list_runs

        self.runs = list_runs(self.runs_root)
        self.table.clear()
        locale = QLocale()
        for run in self.runs:
            saved = locale.toString(QDateTime.fromSecsSinceEpoch(int(run.saved)), QLocale.FormatType.ShortFormat)
            loss = "" if run.best_val_loss is None else decimal(run.best_val_loss, 3)
            steps = "" if run.steps is None else count(run.steps)
            item = QTreeWidgetItem([saved, model_description(run), steps, loss, run.folder.name])
            item.setToolTip(4, str(run.folder))
            for column in (2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        self.empty_label.setVisible(not self.runs)
        self.table.setVisible(bool(self.runs))
        if self.runs:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._update_buttons()

    def selected(self) -> Any:
        """The SavedRun of the selected row, or None."""
        item = self.table.currentItem()
        index = self.table.indexOfTopLevelItem(item) if item is not None else -1
        return self.runs[index] if 0 <= index < len(self.runs) else None

    def _update_buttons(self) -> None:
        run = self.selected()
        self.buttons["use"].setEnabled(run is not None and run.checkpoint is not None and run.model_type != "bigram")
        self.buttons["resume"].setEnabled(run is not None and run.resumable)
        self.buttons["delete"].setEnabled(run is not None)
        self.buttons["folder"].setEnabled(run is not None)

    def use_selected(self) -> None:
        run = self.selected()
        if run is not None and run.checkpoint is not None and run.model_type != "bigram":
            self._use_model(run.checkpoint)
            self.accept()

    def resume_selected(self) -> None:
        run = self.selected()
        if run is not None and run.resumable and self._resume(run.folder):
            self.accept()

    def open_selected_folder(self) -> None:
        run = self.selected()
        if run is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(run.folder)))

    def delete_selected(self) -> bool:
        """Delete the selected run after asking; True when it was deleted."""
        from core.training.runs import RunFolderError, delete_run

        run = self.selected()
        if run is None:
            return False
        answer = QMessageBox.question(
            self, translate("RunsDialog", "Delete this run?"),
            translate("RunsDialog", "Delete the run saved in {folder}, with its checkpoints? This cannot be "
                                    "undone.").format(folder=run.folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_run(run)
        except RunFolderError as error:
            QMessageBox.warning(self, translate("RunsDialog", "Could not delete the run"), localized(error))
            return False
        self.refresh()
        return True
