"""Models with a task head in the main window: the status bar and File > Recent models name their kind, the
Next-token tab shows their task and the Attention tab their maps."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.common.settings import AppSettings
from gui.next_token.modes import ANSWER_MODE, CLASSIFY_MODE, TOKEN_LABELS_MODE
from gui.shell.main_window import MainWindow
from tests.tiny_task_models import make_tiny_task_model


@pytest.fixture
def window(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.warnings_shown = shown
    yield win
    win.close()


def load(qtbot, window, source):
    with qtbot.waitSignal(window.session.model_changed, timeout=60_000) as blocker:
        window.open_model(source)
    return blocker.args[0]


def test_status_bar_and_recent_models_name_each_kind(window, qtbot, tmp_path):
    folders = {head: make_tiny_task_model(tmp_path / f"distilbert-{head}", "distilbert", head)
               for head in ("sequence", "token", "qa")}
    kinds = {"sequence": ("text classifier", CLASSIFY_MODE), "token": ("token classifier", TOKEN_LABELS_MODE),
             "qa": ("question-answering model", ANSWER_MODE)}
    for head, folder in folders.items():
        loaded = load(qtbot, window, folder)
        label, mode = kinds[head]
        assert window.model_label.text() == f"Model: {loaded.describe()}"
        assert window.model_label.text().startswith(f"Model: distilbert-{head} ({label}, ")
        assert window.sampling_tab.mode == mode
        assert "2 layers × 2 heads" in window.attention_tab.header.status.text()
    entries = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert entries[:3] == [f"{folders['qa']} (question-answering model)", f"{folders['token']} (token classifier)",
                           f"{folders['sequence']} (text classifier)"]
    assert AppSettings().recent_model_kind(str(folders["token"])) == "token-classifier"
    assert window.warnings_shown == []


def test_a_recent_model_of_unknown_kind_shows_its_source_alone(window, tmp_path):
    settings = AppSettings()
    settings.add_recent_model("/somewhere/old-model")  # remembered before kinds were
    settings.add_recent_model("/somewhere/from-the-future", "a-kind-this-version-lacks")
    window.retranslate_ui()
    entries = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert entries[:2] == ["/somewhere/from-the-future", "/somewhere/old-model"]
