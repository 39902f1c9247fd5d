"""`python -m gui.<tab>`: each tab opens alone, on the built-in corpus and model, and shows them."""

from __future__ import annotations

import importlib

import pytest

from gui.common.preview import run_tab_preview
from gui.common.workers import running_threads


@pytest.mark.parametrize("package", ["tokenization", "attention", "training", "next_token"])
def test_each_tab_runs_alone_on_the_builtin_model(qapp, qtbot, package):
    make_tab = importlib.import_module(f"gui.{package}.__main__").make_tab
    made = {}

    def remember(session):
        made["session"], made["tab"] = session, make_tab(session)
        return made["tab"]

    code = run_tab_preview(remember, package, ["--exit-after-load", "--device", "cpu"])
    assert code == 0
    session, tab = made["session"], made["tab"]
    assert session.model is not None and session.corpus is not None
    header = tab.ui.header if hasattr(tab, "ui") else tab.header  # Designer-style tabs keep widgets in `ui`
    status = header.status.text()
    if package == "training":
        assert session.corpus.name in status  # "Will train on <corpus> (... characters)."
    else:
        assert session.model.name in status  # the tab says which model it shows
    assert running_threads() == []
    from PySide6.QtCore import QTimer

    timer = QTimer(singleShot=True)  # the preview's loop ended without ending the application
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        timer.start(10)
