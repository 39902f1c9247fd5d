"""The Export button on each tab's title row, beside its help panel, and Ctrl+E for the current tab.

The buttons and menus themselves are `gui.common.tab_exports.TabExportButton`; each tab says what
it can save with `export_items()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from gui.common.tab_exports import TabExportButton
from gui.shell.help_panel import TAB_ATTRIBUTES


def install_tab_exports(window: Any) -> dict[str, TabExportButton]:
    """Put an Export button on each tab's title row (beside its help panel) and bind Ctrl+E.

    Needs `install_help_panels(window)` first; returns the buttons by help topic, also kept in
    `window.export_buttons`."""
    existing = getattr(window, "export_buttons", None)
    if existing:
        return existing
    buttons: dict[str, TabExportButton] = {}
    for topic, panel in getattr(window, "help_panels", {}).items():
        tab = getattr(window, TAB_ATTRIBUTES[topic], None)
        if tab is None:
            continue
        button = TabExportButton(tab, panel)
        panel.row.insertWidget(panel.row.indexOf(panel.toggle), button)
        buttons[topic] = button
    window.export_buttons = buttons

    def open_current_menu() -> None:
        current = window.tabs.currentWidget() if hasattr(window, "tabs") else None
        for button in buttons.values():
            if button.tab is current or (current is not None and current.isAncestorOf(button.tab)):
                button.showMenu()
                return

    action = QAction(window)
    action.setObjectName("exportCurrentTab")
    # Ctrl+E, and the platform's Save keys (Ctrl+S): what "saving" means in a viewer is saving what it shows.
    action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E),
                         *QKeySequence.keyBindings(QKeySequence.StandardKey.Save)])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(open_current_menu)
    window.addAction(action)
    window.export_action = action
    return buttons
