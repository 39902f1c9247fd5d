"""Headless modes: `--smoke-test` (open, visit every tab, load the default model, exit 0)
and `--screenshot DIR` (one PNG per tab, used for the README)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from gui.shell.main_window import MainWindow

TAB_FILE_NAMES = ("tokenization", "attention", "training", "next-token")


def wait_for(condition, timeout_s: float) -> bool:
    """Process Qt events until `condition()` is true or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def settle(window: MainWindow, timeout_s: float = 300.0) -> bool:
    """Wait until the window's background work (model load, corpus read) is done."""
    QApplication.processEvents()
    return wait_for(lambda: not window.session.busy, timeout_s)


def visit_tabs(window: MainWindow) -> list[str]:
    """Show each tab in turn; returns their object names."""
    visited = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        visited.append(window.tabs.currentWidget().objectName())
    return visited


def run_smoke_test(window: MainWindow) -> int:
    """Check that the app starts, every tab opens and the default model loads. Returns an exit code."""
    failures: list[str] = []
    window.session.model_load_failed.connect(lambda message, _e: failures.append(message))
    window.start_session()
    if not settle(window):
        failures.append("background work did not finish within the time limit")
    names = visit_tabs(window)
    from core.assets import builtin_model_dir

    expected_model = window.startup_model_source() or builtin_model_dir()
    if expected_model is not None and window.session.model is None:
        failures.append(f"the default model {expected_model} did not load")
    report = {
        "tabs": names,
        "model": window.session.model.describe() if window.session.model else None,
        "corpus": window.session.corpus.summary() if window.session.corpus else None,
    }
    if window.session.model is not None:
        try:
            report.update(exercise_model(window.session.model))
        except Exception as error:  # reported, and the smoke test fails
            failures.append(f"computing with the model failed: {type(error).__name__}: {error}")
    print(f"smoke test: {report}")
    for failure in failures:
        print(f"smoke test FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def exercise_model(loaded) -> dict:
    """One next-token distribution and one attention map, as the tabs compute them."""
    from core.attention.maps import attention_maps
    from core.model.loading import ATTENTION, NEXT_TOKEN

    result: dict = {}
    prompt = "The for statement"
    if loaded.can(NEXT_TOKEN):
        from core.next_token.prediction import NextTokenPredictor
        from core.next_token.sampling import final_distribution

        probabilities = final_distribution(NextTokenPredictor(loaded).logits_for(prompt), temperature=0.8)
        total = float(probabilities.sum())
        if abs(total - 1.0) > 1e-4:
            raise ValueError(f"next-token probabilities sum to {total}")
        result["next_token_top_probability"] = round(float(probabilities.max()), 4)
    if loaded.can(ATTENTION):
        maps = attention_maps(loaded, prompt)
        result["attention_shape"] = list(maps.weights.shape)
    return result


def write_screenshots(window: MainWindow, folder: Path, size: tuple[int, int] = (1280, 860)) -> list[Path]:
    """Save one PNG per tab into `folder` after the default model and corpus have loaded.

    Each tab is shown, its background work (BPE training, attention maps, next-token
    prediction) is awaited, and the window is grabbed at `size` pixels.
    """
    from gui.common.workers import running_threads

    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.start_session()
    settle(window)
    written = []
    for index, stem in enumerate(TAB_FILE_NAMES[: window.tabs.count()]):
        window.tabs.setCurrentIndex(index)
        wait_for(lambda: False, 0.5)  # debounced work starts
        wait_for(lambda: not running_threads(), 120.0)
        wait_for(lambda: False, 0.5)  # throttled redraws land
        path = folder / f"{index + 1}-{stem}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written
