"""Helpers for keyboard tests: which widgets Tab should reach, and a walk with the Tab key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def tab_stops(root: QWidget) -> set[QWidget]:
    """Visible, enabled widgets under `root` that take focus with Tab (not the line edits inside
    spin and combo boxes, nor widgets that hand their focus to a proxy)."""
    found = set()
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if widget.focusProxy() is not None or isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue
        found.add(widget)
    return found


def focus_walk(root: QWidget, start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back to it; the widgets visited, in order.

    Fails when the focus never comes back (a widget keeps Tab, or the chain is broken)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [start]
    for _ in range(limit):
        QTest.keyClick(root.window().focusWidget(), Qt.Key.Key_Tab)
        current = root.window().focusWidget()
        if current is start:
            return visited
        visited.append(current)
    raise AssertionError(f"Tab never came back to {start!r}")
