"""The main window: tabs, shared model and corpus, menus, errors, and the headless modes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from gui.common.settings import AppSettings
from gui.shell.main_window import MainWindow
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

REPO = Path(__file__).resolve().parents[3]
TAB_NAMES = ["tokenizationTab", "attentionTab", "trainingTab", "samplingTab"]


@pytest.fixture
def warnings(monkeypatch):
    """Capture QMessageBox.warning calls instead of showing modal dialogs."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def window(qtbot, warnings):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


def load(qtbot, window, source):
    with qtbot.waitSignal(window.session.model_changed, timeout=60_000) as blocker:
        window.open_model(source)
    return blocker.args[0]


def test_four_tabs_are_visited(window, qtbot):
    names = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible())
        names.append(window.tabs.currentWidget().objectName())
    assert names == TAB_NAMES
    assert [window.tabs.tabText(i) for i in range(4)] == [
        "1. Tokenization", "2. Attention", "3. Training", "4. Next token"]


def test_status_bar_and_tabs_follow_the_loaded_model(window, qtbot, gpt2_dir, warnings):
    loaded = load(qtbot, window, gpt2_dir)
    assert window.session.model is loaded
    assert window.model_label.text() == f"Model: {loaded.describe()}"
    assert gpt2_dir.name in window.model_label.text()
    assert window.device_label.text().startswith("Device: CPU")
    assert "2 layers × 2 heads" in window.attention_tab.header.status.text()
    assert "predicts the next token" in window.sampling_tab.header.status.text()
    assert AppSettings().recent_models()[0] == str(gpt2_dir)
    recent_texts = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert f"{gpt2_dir} (causal LM)" in recent_texts and "Clear list" in recent_texts  # with the model's kind
    assert warnings == []


def test_failed_load_keeps_previous_model(window, qtbot, gpt2_dir, tmp_path, warnings):
    first = load(qtbot, window, gpt2_dir)
    with qtbot.waitSignal(window.session.model_load_failed, timeout=60_000):
        window.open_model(tmp_path / "missing-model")
    qtbot.waitUntil(lambda: not window.session.busy)
    assert window.session.model is first
    assert window.model_label.text() == f"Model: {first.describe()}"
    assert warnings and warnings[-1][0] == "Could not load the model"
    assert "does not exist" in warnings[-1][1]


def test_masked_model_changes_what_tabs_say(window, qtbot, tmp_path):
    load(qtbot, window, make_tiny_bert(tmp_path / "bert"))
    assert "masked model" in window.sampling_tab.header.status.text()
    assert "<mask>" in window.sampling_tab.header.status.text()


def test_recent_model_reopens(window, qtbot, gpt2_dir):
    load(qtbot, window, gpt2_dir)
    action = next(a for a in window.recent_menu.actions() if a.text() == f"{gpt2_dir} (causal LM)")
    with qtbot.waitSignal(window.session.model_changed, timeout=60_000) as blocker:
        action.trigger()
    assert blocker.args[0].source == str(gpt2_dir)


def test_open_corpus_asks_the_encoding_of_a_file_that_is_not_utf8(window, qtbot, tmp_path, monkeypatch):
    """The Latin-1-only offer is gone: the encoding dialog names the one detected, the user keeps it, and the
    status bar says where the text came from."""
    from gui.shell.corpus_dialogs import EncodingDialog

    window.session.use_builtin_corpus()
    assert "documentation topics" in window.corpus_label.text()
    path = tmp_path / "cancao.txt"
    path.write_bytes("canção do exílio".encode("latin-1"))
    asked = []
    monkeypatch.setattr(EncodingDialog, "exec",
                        lambda self: asked.append(self.encoding()) or QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        window.open_corpus(path)
    assert asked == ["cp1252"]
    corpus = blocker.args[0]
    assert corpus.text == "canção do exílio" and corpus.encoding == "cp1252" and corpus.encoding_detected
    assert window.corpus_label.text() == "Corpus: cancao.txt: 16 characters · Windows-1252 (detected)"
    assert window.corpus_label.toolTip() == f"{path}\nnot compressed · Windows-1252 (detected) · no repairs"
    assert "cancao.txt" in window.training_tab.header.status.text()


def test_bad_corpus_keeps_the_current_one(window, qtbot, tmp_path, warnings):
    window.session.use_builtin_corpus()
    before = window.session.corpus
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with qtbot.waitSignal(window.session.corpus_load_failed, timeout=30_000):
        window.open_corpus(empty)
    assert window.session.corpus is before
    assert warnings[-1] == ("Could not open the corpus", "empty.txt is empty.")


def test_about_lists_versions_and_device(window, monkeypatch):
    from gui.shell.about_dialog import AboutDialog

    texts = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: texts.append(self.text.text()) or 0)
    window.show_about()
    import tokenizers
    import torch
    import transformers
    from PySide6.QtCore import qVersion

    html = texts[0]
    for version in (torch.__version__, transformers.__version__, tokenizers.__version__, qVersion(),
                    f"{sys.version_info.major}.{sys.version_info.minor}"):
        assert version in html
    assert "CPU:" in html


def test_unexpected_exception_shows_dialog_with_copyable_details(window, qtbot, monkeypatch):
    from gui.shell.error_dialog import ErrorDialog, ExceptionHook

    dialogs = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: dialogs.append(self) or 0)
    hook = ExceptionHook(window)
    try:
        raise ZeroDivisionError("boom in a slot")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    assert hook.shown[0][0] == "ZeroDivisionError: boom in a slot"
    dialog = dialogs[0]
    assert "Traceback" in dialog.details.toPlainText()
    dialog.copy_button.click()
    clipboard = QApplication.clipboard().text()
    assert clipboard.startswith("ZeroDivisionError: boom in a slot") and "Traceback" in clipboard
    assert window.isVisible()  # the app keeps running


def test_exception_from_a_worker_thread_reaches_the_gui(window, qtbot, monkeypatch):
    import threading

    from gui.shell.error_dialog import ErrorDialog, ExceptionHook

    monkeypatch.setattr(ErrorDialog, "exec", lambda self: 0)
    hook = ExceptionHook(window)

    def worker():
        try:
            raise RuntimeError("from a thread")
        except RuntimeError:
            hook(*sys.exc_info())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(hook.shown))
    assert hook.shown[0][0] == "RuntimeError: from a thread"


def test_window_geometry_and_tab_are_restored(qtbot, warnings):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(700, 520)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    assert (second.width(), second.height()) == (700, 520)


def _run_app(args, tmp_path, timeout=240):
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run([sys.executable, "-m", "gui", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=timeout)


def test_window_paints_before_torch_is_imported(tmp_path):
    result = _run_app(["--startup-report"], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["torch_imported"] is False and report["transformers_imported"] is False
    assert report["first_paint_s"] > 0


@pytest.mark.parametrize("saved", [{"window/currentTab": 2},  # reopening on the Training tab
                                   {"sampling/settings": '{"temperature": 1.1, "top_k": 20}'}])  # restored settings
def test_saved_settings_do_not_import_torch_before_the_first_paint(tmp_path, saved):
    from PySide6.QtCore import QSettings

    from gui.common.settings import APPLICATION, ORGANIZATION

    store = QSettings(str(tmp_path / "config" / ORGANIZATION / f"{APPLICATION}.conf"), QSettings.Format.IniFormat)
    for key, value in saved.items():
        store.setValue(key, value)
    store.sync()
    result = _run_app(["--startup-report"], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["torch_imported"] is False and report["transformers_imported"] is False


def test_smoke_test_mode_visits_every_tab_and_computes_with_the_builtin_model(tmp_path):
    import ast

    from core.assets import builtin_model_dir
    from core.corpus import builtin_corpus
    from core.model.loading import load_model
    from core.next_token.prediction import NextTokenPredictor
    from core.next_token.sampling import final_distribution

    result = _run_app(["--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "smoke test FAILED" not in result.stderr
    report_line = [line for line in result.stdout.splitlines() if line.startswith("smoke test: ")][-1]
    report = ast.literal_eval(report_line.removeprefix("smoke test: "))
    assert report["tabs"] == ["tokenizationTab", "attentionTab", "trainingTab", "samplingTab"]
    assert report["corpus"] == builtin_corpus().summary()
    # The numbers it printed are the built-in model's, computed here again.
    builtin = load_model(builtin_model_dir(), device="cpu")
    assert report["model"] == builtin.describe()
    probabilities = final_distribution(NextTokenPredictor(builtin).logits_for("The for statement"), temperature=0.8)
    assert report["next_token_top_probability"] == pytest.approx(float(probabilities.max()), abs=1e-4)
    tokens = len(builtin.encode("The for statement"))
    assert report["attention_shape"] == [builtin.n_layers, builtin.n_heads, tokens, tokens]


def test_screenshot_mode_writes_one_png_per_tab(tmp_path):
    out = tmp_path / "shots"
    result = _run_app(["--screenshot", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in out.glob("*.png"))
    assert files == ["1-tokenization.png", "2-attention.png", "3-training.png", "4-next-token.png"]
    for path in out.glob("*.png"):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


def test_smoke_exercise_computes_distribution_and_attention(gpt2_dir):
    from core.model.loading import load_model
    from gui.shell.self_check import exercise_model

    report = exercise_model(load_model(gpt2_dir))
    assert 0.0 < report["next_token_top_probability"] <= 1.0
    layers, heads, t, t2 = report["attention_shape"]
    assert (layers, heads) == (2, 2) and t == t2 > 1
