"""A seeded "monkey" for the main window: pokes random visible, enabled widgets with random values and odd
texts, the way an impatient user would, and records what went wrong.

Used by tests/gui/test_monkey.py (a short run in the test command) and bench/monkey.py (several seeds,
minutes, before a release). What counts as wrong:
- an uncaught exception in a slot or event handler (pytest-qt fails the test; `run_monkey` also
  records exceptions reaching `sys.excepthook`);
- a visible text that names a Python exception (`TypeError`, `Traceback`...): users get words;
- an event loop that stops answering for longer than `MAX_STALL_S`;
- a thread of the app still running after the window closed (checked by the caller).
"""

from __future__ import annotations

import random
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

MAX_STALL_S = 8.0
ODD_TEXTS = ("", " ", "a" * 3000, "🙂🚀 Olá, mundo! ção", "日本語のテキストと中文", "[MASK]", "<mask> and [MASK]",
             "\n\n\t", "The cat sat on the", "x", "0" * 50, "\u200b\u202e reversed")
EXCEPTION_WORDS = re.compile(r"Traceback|\b(?:Type|Value|Key|Index|Attribute|Runtime|Import|Name|Assertion|"
                             r"ZeroDivision|Overflow|NotImplemented)Error\b|\bException\b")
# Buttons a monkey must not press: they end the session or leave the window (quit, close, open a browser).
SKIPPED_NAMES = {"trainOpenFolder", "runs_folder"}


@dataclass
class MonkeyReport:
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    longest_stall_s: float = 0.0


def _pokeable(window: QWidget) -> list[QWidget]:
    """The visible, enabled widgets of the window a user could operate."""
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit, QPlainTextEdit, QTextEdit,
             QTabBar)
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QScrollBar) or widget.objectName() == "qt_spinbox_lineedit":
            continue  # scrolling changes nothing; a spin box is poked as a whole
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            continue  # opens a popup menu (Export): covered by its own tests
        if widget.objectName() in SKIPPED_NAMES or (isinstance(widget, (QTextEdit, QPlainTextEdit))
                                                   and widget.isReadOnly()):
            continue
        found.append(widget)
    return found


def _spin_value(rng: random.Random, spin: Any) -> Any:
    """Mostly small values (a huge model would only test the machine), sometimes the extremes of the box."""
    low, high, current = spin.minimum(), spin.maximum(), spin.value()
    if isinstance(spin, QDoubleSpinBox):
        return rng.choice([low, current, rng.uniform(low, min(high, max(low + 1e-9, current * 3 or 1.0)))])
    top = min(high, max(low + 1, int(current) * 3, low + 20))
    return rng.choice([low, int(current), rng.randint(int(low), int(top))])


def poke(rng: random.Random, widget: QWidget) -> str:
    """Do one random thing to `widget`; returns a line saying what."""
    name = widget.objectName() or type(widget).__name__
    if isinstance(widget, QComboBox):
        if widget.count():
            index = rng.randrange(widget.count())
            widget.setCurrentIndex(index)
            return f"{name}: choose item {index}"
        return f"{name}: empty combo"
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        value = _spin_value(rng, widget)
        widget.setValue(value)
        return f"{name}: set {value}"
    if isinstance(widget, QAbstractSlider):
        value = rng.randint(widget.minimum(), widget.maximum())
        widget.setValue(value)
        return f"{name}: slide to {value}"
    if isinstance(widget, QLineEdit):
        text = rng.choice(ODD_TEXTS)
        widget.setText(text)
        return f"{name}: type {text[:20]!r}"
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        text = rng.choice(ODD_TEXTS)
        widget.setPlainText(text)
        return f"{name}: type {text[:20]!r}"
    if isinstance(widget, QTabBar):
        if widget.count():
            index = rng.randrange(widget.count())
            widget.setCurrentIndex(index)
            return f"{name}: tab {index}"
        return f"{name}: no tabs"
    if isinstance(widget, (QCheckBox, QRadioButton)) or (isinstance(widget, QPushButton) and widget.isCheckable()):
        widget.click()
        return f"{name}: toggle"
    widget.click()
    clicks = 1
    if rng.random() < 0.2:  # an impatient double press
        widget.click() if widget.isEnabled() and widget.isVisible() else None
        clicks = 2
    return f"{name}: click x{clicks} ({widget.text()[:20] if isinstance(widget, QAbstractButton) else ''})"


def visible_exception_texts(window: QWidget) -> list[str]:
    """Texts on screen that name a Python exception."""
    texts = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and EXCEPTION_WORDS.search(label.text()):
            texts.append(f"{label.objectName() or 'label'}: {label.text()[:200]}")
    status = window.statusBar().currentMessage() if hasattr(window, "statusBar") else ""
    if EXCEPTION_WORDS.search(status):
        texts.append(f"status bar: {status[:200]}")
    return texts


def event_loop_delay() -> float:
    """Seconds until the event loop runs a zero-delay timer (how long a click would wait for an answer)."""
    clock, loop = QElapsedTimer(), QEventLoop()
    clock.start()
    QTimer.singleShot(0, loop.quit)
    QTimer.singleShot(int(MAX_STALL_S * 1000) + 1000, loop.quit)
    loop.exec()
    return clock.elapsed() / 1000


def run_monkey(window: QWidget, seed: int, seconds: float, settle_ms: tuple[int, int] = (0, 120)) -> MonkeyReport:
    """Poke the window for `seconds` with the random generator seeded by `seed`."""
    rng = random.Random(seed)
    report = MonkeyReport()
    hook_errors: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, error, tb: hook_errors.append(f"{kind.__name__}: {error}")
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            widgets = _pokeable(window)
            if not widgets:
                break
            widget = rng.choice(widgets)
            try:
                report.actions.append(poke(rng, widget))
            except RuntimeError as error:  # the widget was deleted between listing and poking
                report.actions.append(f"skipped a deleted widget ({error})")
            wait = rng.randint(*settle_ms)
            end = time.monotonic() + wait / 1000
            while time.monotonic() < end:
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            stall = event_loop_delay()
            report.longest_stall_s = max(report.longest_stall_s, stall)
            if stall > MAX_STALL_S:
                report.problems.append(f"the event loop did not answer for {stall:.1f} s after {report.actions[-1]}")
            for text in visible_exception_texts(window):
                problem = f"an exception name on screen after {report.actions[-1]}: {text}"
                if problem not in report.problems:
                    report.problems.append(problem)
    finally:
        sys.excepthook = previous_hook
    report.problems.extend(f"uncaught: {line}" for line in hook_errors)
    return report
