"""Help > Keyboard shortcuts: every action in the window that has a key, in one table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


def collect_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, key) for every action and button with a shortcut under `window`."""
    rows: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        label = action.text().replace("&", "").rstrip(".").strip()
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if label and key:
                rows[(label, key)] = None
    for button in window.findChildren(QAbstractButton):
        key = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        label = button.text().replace("&", "").strip() or button.accessibleName()
        if key and label:
            rows[(label, key)] = None
    return sorted(rows, key=lambda row: row[0].lower())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        rows = collect_shortcuts(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        for index, (label, key) in enumerate(rows):
            self.table.setItem(index, 0, QTableWidgetItem(label))
            self.table.setItem(index, 1, QTableWidgetItem(key))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Title and headers (the actions' names are listed as they were when the dialog opened)."""
        self.setWindowTitle(translate("ShortcutsDialog", "Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([translate("ShortcutsDialog", "Action"),
                                              translate("ShortcutsDialog", "Keys")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "table"):
            self.retranslate_ui()
