"""The seeded monkey (tests/monkey.py) in the real main window, on the built-in corpus and model.

A short run (about 30 s) is part of the test command; `bench/monkey.py` runs longer ones over several seeds.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from gui.common.workers import running_threads
from gui.shell.main_window import MainWindow
from tests.monkey import MAX_STALL_S, run_monkey

SECONDS = float(os.environ.get("LM_ANATOMY_MONKEY_SECONDS", "30"))
SEED = int(os.environ.get("LM_ANATOMY_MONKEY_SEED", "2026"))


def answer_every_dialog(monkeypatch) -> list[str]:
    """Dialogs answer at once (Cancel, or the default button) instead of waiting for a person."""
    shown: list[str] = []

    def remember(name, value):
        def answer(*args, **kwargs):
            shown.append(name)
            return value
        return answer

    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(remember(name, ("", ""))))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(remember("getExistingDirectory", "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(remember("getText", ("", False))))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(remember(name, QMessageBox.StandardButton.Ok)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(remember("question", QMessageBox.StandardButton.No)))
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(type(self).__name__) or 0)
    monkeypatch.setattr(QMenu, "exec", lambda self, *args: shown.append("menu") or None)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(remember("openUrl", True)))
    return shown


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    answer_every_dialog(monkeypatch)
    win = MainWindow()
    qtbot.addWidget(win)
    win.training_tab.runs_root = tmp_path / "runs"
    win.resize(1280, 860)
    win.show()
    with qtbot.waitSignal(win.session.model_changed, timeout=120_000):
        win.start_session()
    yield win
    win.close()


def test_the_monkey_finds_nothing_wrong(window, qtbot):
    report = run_monkey(window, SEED, SECONDS)
    assert len(report.actions) > 50, report.actions
    assert report.problems == [], "\n".join(report.problems + ["last actions:"] + report.actions[-15:])
    assert report.longest_stall_s < MAX_STALL_S
    window.close()
    qtbot.waitUntil(lambda: not running_threads(), timeout=60_000)  # every job joined when the window closed
