"""Jobs that start together must not race on the heavy imports (torch, transformers).

transformers' lazy module is not safe to import from two threads at once. The race only shows in a
fresh interpreter (in this test session transformers is imported already), so the scenario runs in
a subprocess: the app opens on the Training tab and Start is pressed the moment it is enabled, while
the built-in model is still loading.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

START_WHILE_THE_MODEL_LOADS = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["HF_HUB_OFFLINE"] = "1"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(settings_format, scope, sys.argv[1])
    from gui.shell.main_window import MainWindow
    window = MainWindow()
    window.training_tab.runs_root = Path(sys.argv[1]) / "runs"
    window.training_tab.controls.overrides = {"max_iters": 3, "eval_interval": 3, "eval_iters": 1,
                                              "sample_tokens": 5}
    window.show()
    window.tabs.setCurrentWidget(window.training_tab)
    window.start_session()
    start = window.findChild(QPushButton, "trainStart")
    seen = {"model_loading": False}
    def press_when_enabled():
        if start.isEnabled():
            seen["model_loading"] = window.session.model is None
            start.click()
        else:
            QTimer.singleShot(1, press_when_enabled)
    def finished(info):
        seen["status"], seen["error"] = info["status"], info.get("error_message")
        app.quit()
    window.training_tab.worker.finished.connect(finished)
    QTimer.singleShot(0, press_when_enabled)
    QTimer.singleShot(180000, app.quit)
    app.exec()
    window.close()
    print(json.dumps(seen))
""")


def test_start_pressed_while_the_builtin_model_loads_trains(tmp_path):
    script = tmp_path / "start_while_loading.py"
    script.write_text(START_WHILE_THE_MODEL_LOADS, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=280, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["model_loading"] is True  # Start really was pressed while the model was still loading
    assert seen["status"] == "completed", seen["error"]


# --- races inside one session (the heavy libraries are loaded already) --------------------------------

import pytest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from core.corpus import read_corpus  # noqa: E402
from gui.common.workers import running_threads  # noqa: E402
from gui.shell.lesson_mode import PAGES, install_lesson_mode  # noqa: E402
from gui.shell.main_window import MainWindow  # noqa: E402
from tests.tiny_models import TINY_TEXT, TRAINING_TEXT, make_tiny_bert, make_tiny_gpt2  # noqa: E402

WAIT = 60_000
TINY_RUN = dict(n_layer=1, n_head=2, n_embd=16, block_size=16, batch_size=4, warmup_iters=2, eval_interval=10,
                eval_iters=2, max_iters=20, sample_tokens=10)


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warnings.append(text))
    win = MainWindow()
    qtbot.addWidget(win)
    win.warnings = warnings
    win.training_tab.runs_root = tmp_path / "runs"
    win.resize(1280, 860)
    win.show()
    yield win
    win.close()


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("race_models")
    return make_tiny_gpt2(root / "gpt2"), make_tiny_bert(root / "bert")


def test_a_model_opened_while_the_attention_tab_computes_ends_with_the_new_models_maps(qtbot, window, models):
    gpt2, bert = models
    tab = window.attention_tab
    window.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.maps_changed, timeout=WAIT):
        window.open_model(gpt2)
    tab.set_text("the cat sat on the mat and looked at the dog " * 3)
    qtbot.waitUntil(lambda: tab.jobs.running or tab._debounce.isActive(), timeout=WAIT)
    window.open_model(bert)  # while they compute
    qtbot.waitUntil(lambda: tab.maps is not None and window.session.model is not None
                    and window.session.model.name == "bert" and tab.maps.model_name == "bert"
                    and not tab.jobs.busy, timeout=WAIT)
    assert tab.maps.tokens[0] == "[CLS]" and window.warnings == []
    assert "Error" not in tab.ui.message_label.text()


def test_a_corpus_opened_while_training_prepares_does_not_break_the_run(qtbot, window, tmp_path):
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    window.session.set_corpus(read_corpus(_write(tmp_path / "first.txt", TRAINING_TEXT * 3)))
    qtbot.waitUntil(lambda: tab.controls.ready, timeout=WAIT)
    second = _write(tmp_path / "second.txt", TINY_TEXT * 8)
    with qtbot.waitSignal(tab.run_finished, timeout=WAIT) as blocker:
        assert tab.start_quick_run(TINY_RUN)
        window.session.open_corpus(second)  # while the run prepares its data
    assert blocker.args[0]["status"] == "completed", blocker.args[0]
    qtbot.waitUntil(lambda: window.session.corpus.name == "second.txt", timeout=WAIT)
    assert "second.txt" in tab.controls.corpus_label.text()  # the next run trains on the new corpus


def test_lesson_next_pressed_many_times_in_a_row(qtbot, window):
    lesson = install_lesson_mode(window, training_settings=TINY_RUN)
    window.start_session()
    lesson.start()
    for _ in range(3 * len(PAGES)):  # far past the last page: Finish closes the lesson, then nothing happens
        lesson.next()
    assert lesson.index == -1 and not lesson.dock.isVisible()
    lesson.start()
    for _ in range(len(PAGES) - 1):
        lesson.next()
        lesson.back()
        lesson.next()
    assert lesson.index == len(PAGES) - 1 and lesson.panel.next_button.text() == "Finish"
    assert "skipped:" not in lesson.panel.note.text()  # no step failed on an internal error
    lesson.finish()
    window.training_tab.stop()
    window.close()
    qtbot.waitUntil(lambda: not running_threads(), timeout=WAIT)
    assert window.warnings == []


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path
