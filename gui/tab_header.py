"""The header every tab starts with: a title, a sentence on what it teaches, and a status line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class TabHeader(QWidget):
    """Title, lesson summary, a bullet list of what the tab shows, and a live status line."""

    def __init__(self, title: str, summary: str, points: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<h2>{title}</h2>")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        bullets = "".join(f"<li>{point}</li>" for point in points)
        self.points = QLabel(f"<ul>{bullets}</ul>")
        self.points.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("tabStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("QLabel { padding: 6px; border: 1px solid palette(mid); border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.summary, self.points, self.status):
            layout.addWidget(widget)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
