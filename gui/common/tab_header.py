"""The header every tab starts with: a title, a sentence on what it teaches, and a status line.

Also `LiveTexts`, which the tabs use for texts made from data (statuses, messages, readouts):
each is remembered with the function that makes it, so a language change can make it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class LiveTexts:
    """Texts that depend on data and on the current language, made again by `refresh()`.

    `show(key, apply, make)` calls `apply(make())` now and remembers both under `key` (a later
    `show` with the same key replaces them); `refresh()`, called on a LanguageChange, calls every
    remembered `apply(make())` again. `make` must capture the values it formats, not objects that
    may change or go away: it runs again later. A plain string is shown as it is.
    """

    def __init__(self) -> None:
        self._texts: dict[str, tuple[Callable[[str], Any], Callable[[], str]]] = {}

    def show(self, key: str, apply: Callable[[str], Any], make: Callable[[], str] | str) -> None:
        if not callable(make):
            text = make
            make = lambda: text  # noqa: E731 (a maker that always gives the same text)
        self._texts[key] = (apply, make)
        apply(make())

    def forget(self, key: str) -> None:
        self._texts.pop(key, None)

    def refresh(self) -> None:
        for apply, make in list(self._texts.values()):
            apply(make())


def set_plot_name(plot: Any, name: str) -> None:
    """The accessible name of a `LazyPlot` and of its canvas, once the canvas exists."""
    plot.setAccessibleName(name)
    if plot.created:
        plot.canvas.setAccessibleName(name)


class TabHeader(QWidget):
    """Title, lesson summary, a bullet list of what the tab shows, and a live status line."""

    def __init__(self, title: str, summary: str, points: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.points = QLabel()
        self.points.setWordWrap(True)
        self.set_texts(title, summary, points)
        self.status = QLabel()
        self.status.setObjectName("tabStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("QLabel { padding: 6px; border: 1px solid palette(mid); border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.summary, self.points, self.status):
            layout.addWidget(widget)

    def set_texts(self, title: str, summary: str, points: list[str]) -> None:
        """The title, summary and bullet points (the tab calls this again after a language change)."""
        self.title.setText(f"<h2>{title}</h2>")
        self.summary.setText(summary)
        bullets = "".join(f"<li>{point}</li>" for point in points)
        self.points.setText(f"<ul>{bullets}</ul>")

    def set_status(self, text: str) -> None:
        self.status.setText(text)
