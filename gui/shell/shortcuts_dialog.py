"""Help > Keyboard shortcuts: every action, button and shortcut in the window that has a key, in one table.

The table is read from the window itself (its QActions, buttons and QShortcuts), so it lists what
actually exists: the menus' keys (Ctrl+O, Ctrl+E, ...), the tabs' main buttons (their Alt+letter
mnemonics, e.g. Sample, Greedy, Start) and the lesson's Alt+Left / Alt+Right.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ShortcutRow:
    label: str  # what it does, e.g. "Open corpus"
    keys: str  # e.g. "Ctrl+O"
    where: str  # the menu or tab it belongs to, e.g. "File" or "4. Next token"


def plain_label(text: str) -> str:
    """A menu or button text without its mnemonic ampersand and trailing dots: "Open &corpus..." -> "Open corpus"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def key_text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _action_place(action: QAction) -> str:
    menus = [holder for holder in action.associatedObjects() if isinstance(holder, QMenu)]
    if menus:
        return plain_label(menus[0].title())
    return translate("ShortcutsDialog", "Whole window")


def _widget_place(window: QWidget, widget: QWidget) -> str:
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is widget or page.isAncestorOf(widget):
                return tabs.tabText(index).replace("&", "")
    return translate("ShortcutsDialog", "Whole window")


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every key the window answers to, grouped by menu, then tab, then the whole window."""
    rows: dict[ShortcutRow, None] = {}
    for action in window.findChildren(QAction):
        label = plain_label(action.text())
        for sequence in action.shortcuts():
            if label and key_text(sequence):
                rows[ShortcutRow(label, key_text(sequence), _action_place(action))] = None
    for button in window.findChildren(QAbstractButton):
        label = plain_label(button.text()) or button.accessibleName()
        if key_text(button.shortcut()) and label:
            rows[ShortcutRow(label, key_text(button.shortcut()), _widget_place(window, button))] = None
    for shortcut in window.findChildren(QShortcut):
        label = shortcut.whatsThis()  # what it does, set by its owner
        if label and key_text(shortcut.key()):
            rows[ShortcutRow(label, key_text(shortcut.key()), translate("ShortcutsDialog", "Whole window"))] = None
    order: dict[str, int] = {}
    for row in rows:  # menus come first (actions are found first), then tabs, then the rest
        order.setdefault(row.where, len(order))
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        for index in range(tabs.count()):
            title = tabs.tabText(index).replace("&", "")
            if title in order:
                order[title] = 100 + index
    return sorted(rows, key=lambda row: (order[row.where], row.label.lower(), row.keys))


def collect_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, key) for every action, button and shortcut with a key under `window`."""
    pairs = {(row.label, row.keys): None for row in shortcut_rows(window)}
    return sorted(pairs, key=lambda pair: pair[0].lower())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.window_shown = window
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("shortcutsTable")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the Close button
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self.retranslate_ui()

    def rows(self) -> list[ShortcutRow]:
        """The rows shown."""
        return [ShortcutRow(*(self.table.item(row, column).text() for column in range(3)))
                for row in range(self.table.rowCount())]

    def fill(self) -> None:
        rows = shortcut_rows(self.window_shown)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate((row.label, row.keys, row.where)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)

    def retranslate_ui(self) -> None:
        """Title, headers and rows (the window's own texts are re-read)."""
        self.setWindowTitle(translate("ShortcutsDialog", "Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([translate("ShortcutsDialog", "Action"),
                                              translate("ShortcutsDialog", "Keys"),
                                              translate("ShortcutsDialog", "Where")])
        self.fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "table"):
            self.retranslate_ui()
            QTimer.singleShot(0, self, self.fill)  # again once the window's actions have their new texts
