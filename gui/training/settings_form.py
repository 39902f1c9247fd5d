"""The Training tab's settings column laid out: four titled boxes of labelled rows in a scroll area."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget


def settings_form(rows: dict[str, list[str | None]], widgets: dict[str, QWidget],
                  plain: dict[str, list[QWidget]]) -> tuple[QWidget, QScrollArea, dict[str, QLabel], dict[str, Any]]:
    """Lay out `rows` (box name -> field names; None takes the box's next widget of `plain`, a row without a
    label) with `widgets` (field name -> widget). Returns the form, the scroll area holding it, the labels
    by field name (their texts are set by the caller in the current language) and the boxes by name."""
    labels: dict[str, QLabel] = {}
    boxes: dict[str, Any] = {}
    form = QWidget()
    column = QVBoxLayout(form)
    for box_name, names in rows.items():
        layout = QFormLayout()
        unlabelled = iter(plain.get(box_name, []))
        for name in names:
            if name is None:
                layout.addRow(next(unlabelled))
                continue
            label = labels[name] = QLabel()
            label.setBuddy(widgets[name])
            layout.addRow(label, widgets[name])
        box = boxes[box_name] = QGroupBox()
        box.setLayout(layout)
        column.addWidget(box)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(form)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the settings, not to the area around them
    return form, scroll, labels, boxes
