"""The Training tab in a classroom: it follows a language switch, and works from the keyboard alone.

The retranslation test works like tests/gui/shell/test_retranslation.py (whose translators and text
collectors it reuses): a recording translator notes every (context, source) the tab asks for
while it is built and used; a marker translator then turns every string into «source». Every
text of the tab that came from one of those sources must show the marker, and be back in
English once the marker translator is removed: before a run, after a run has filled the
readouts, the legend and the results, and for core messages (a setting that cannot run).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from gui.common.session import Session
from gui.training.tab import TrainingTab
from tests.gui.shell import test_retranslation
from tests.gui.shell.test_retranslation import MarkerTranslator, RecordingTranslator, Sources, collect, unmarked
from tests.gui.training.test_tab import TIMEOUT, configure, tiny_corpus

CONTEXTS = {"TrainingTab", "CoreMessages"}


@pytest.fixture
def recorder(qapp):
    recording = RecordingTranslator()
    qapp.installTranslator(recording)
    QCoreApplication.processEvents()
    yield recording
    qapp.removeTranslator(recording)
    QCoreApplication.processEvents()


@pytest.fixture
def tab(qtbot, tmp_path, recorder):
    session = Session()
    widget = TrainingTab(session, runs_root=tmp_path / "runs")
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    session.set_corpus(tiny_corpus())
    qtbot.waitUntil(lambda: widget.controls.ready and widget.plot.axes is not None, timeout=TIMEOUT)
    configure(widget)
    yield widget
    widget.shutdown()


def texts_of(tab: TrainingTab) -> dict[tuple[str, str], str]:
    """Every text of the tab's widgets, plus the progress bar's format and the plot's legend names."""
    texts = collect(tab)
    texts[("progress", "format")] = tab.readouts.progress.format()
    if tab.plot.axes is not None:
        for line in (tab.plot.train_line, tab.plot.smooth_line, tab.plot.val_line, tab.plot.best_line,
                     tab.plot.baseline_line, *(smooth for smooth, _val in tab.plot._previous_lines)):
            texts[("plotLine", str(id(line)))] = line.get_label()
    return texts


def is_figure_text(key: tuple[str, str]) -> bool:
    """A figure's texts are keyed by sorted position, which a new language may change."""
    return key[1].startswith("figure")


def hover(tab: TrainingTab, x: float) -> None:
    """Move the mouse over the loss plot at data x (as matplotlib reports it)."""
    from matplotlib.backend_bases import MouseEvent

    axes = tab.plot.axes
    y = sum(axes.get_ylim()) / 2
    px, py = axes.transData.transform((x, y))
    event = MouseEvent("motion_notify_event", tab.plot.canvas, px, py)
    tab.plot.canvas.callbacks.process("motion_notify_event", event)


def run_to_end(qtbot, tab: TrainingTab) -> dict:
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        tab.controls.start_button.click()
    return blocker.args[0]


def check_switch(qtbot, qapp, tab: TrainingTab, recorder: RecordingTranslator, monkeypatch,
                 at_least: int) -> dict[tuple[str, str], str]:
    """Install the marker translator, check every recognised text is marked, remove it, check English is back.

    Returns the marked texts."""
    monkeypatch.setattr(test_retranslation, "TAB_CONTEXTS", CONTEXTS)
    qtbot.wait(300)  # the readouts' pending numbers
    english = texts_of(tab)
    sources = Sources(recorder.seen)
    translatable = {key: text for key, text in english.items() if sources.match(text)}
    assert len(translatable) >= at_least, f"too few texts recognised ({len(translatable)}): the test proves little"
    marker = MarkerTranslator()
    qapp.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        qtbot.wait(100)
        marked = texts_of(tab)
        missing = {key: text for key, text in translatable.items()
                   if not is_figure_text(key) and "«" not in marked.get(key, "")}
        assert not missing, f"not re-translated: {missing}"
        leftovers = {key: text for key, text in marked.items() if sources.match(unmarked(text))}
        assert not leftovers, f"English left inside re-translated texts: {leftovers}"
        english_figure = {text for key, text in translatable.items() if is_figure_text(key)}
        marked_figure = {text for key, text in marked.items() if is_figure_text(key)}
        assert english_figure and not english_figure & marked_figure, "plot texts not re-translated"
        assert not tab.worker.running  # re-translating starts nothing
    finally:
        qapp.removeTranslator(marker)
    QCoreApplication.processEvents()
    qtbot.wait(100)
    back = texts_of(tab)
    changed = {key: (text, back.get(key)) for key, text in translatable.items()
               if not is_figure_text(key) and back.get(key) != text}
    assert not changed, f"not back in English: {changed}"
    assert {text for key, text in translatable.items() if is_figure_text(key)} <= set(back.values())
    return marked


def test_the_tab_follows_a_language_switch_before_a_run(qtbot, qapp, tab, recorder, monkeypatch):
    marked = check_switch(qtbot, qapp, tab, recorder, monkeypatch, at_least=40)
    assert marked[("progress", "format")] == "«Not started»"
    assert tab.controls.start_button.text() == "&Start"  # (back in English)


def test_readouts_results_and_legend_follow_a_language_switch_after_runs(qtbot, qapp, tab, recorder, monkeypatch):
    run_to_end(qtbot, tab)
    finished = run_to_end(qtbot, tab)  # a second run: the first stays on the plot as "run 1 (best val ...)"
    assert finished["status"] == "completed"
    hover(tab, 10)
    assert tab.hover_label.text().startswith("step 10 ·")
    marked = check_switch(qtbot, qapp, tab, recorder, monkeypatch, at_least=60)
    texts = set(marked.values())
    assert marked[("progress", "format")] == "««Finished» at step 40»"
    assert any(text.startswith("«Training a ") and "-parameter GPT on «CPU (" in text for text in texts)  # the status
    assert any(text.startswith("«Finished 40 steps in ") for text in texts)  # the result
    assert any(text.startswith("«Device: ") for text in texts) and "«{n} tokens/s»" not in texts
    assert any(re.fullmatch(r"«[\d.,\u00a0]+ tokens/s»", text) for text in texts)
    assert any(text.startswith("««run 1» (best val ") for text in texts)  # the earlier run's legend entry
    assert any(text.startswith("«step 10 · ") for text in texts)  # the hover readout, made again at x = 10


def test_core_messages_follow_a_language_switch(qtbot, qapp, tab, recorder, monkeypatch):
    tab.controls.set_value("n_head", 3)  # 16 is not divisible by 3: a core Message names the problem
    assert "must be divisible by n_head (3)" in tab.controls.problem_label.text()
    assert ("CoreMessages", "n_embd ({n_embd}) must be divisible by n_head ({n_head}), since each head gets "
                            "n_embd / n_head dimensions; try n_embd = {suggestion}") in recorder.seen
    marked = check_switch(qtbot, qapp, tab, recorder, monkeypatch, at_least=40)
    problem = next(text for key, text in marked.items() if key[0].endswith(":trainProblem") and key[1] == "text")
    assert problem.startswith("«n_embd (16) must be divisible by n_head (3)")


def test_a_failed_run_shows_its_core_message_in_the_current_language(qtbot, qapp, tab, recorder, monkeypatch):
    import math

    import core.training.loop

    real = core.training.loop.learning_rate_at
    monkeypatch.setattr(core.training.loop, "learning_rate_at",
                        lambda step, config: math.nan if step >= 25 else real(step, config))
    finished = run_to_end(qtbot, tab)
    assert finished["error_kind"] == "nan"
    assert "The learning rate (0.001) is probably too high" in tab.message.text()
    marker = MarkerTranslator()
    qapp.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        lines = tab.message.text().split("\n")
        assert lines[0] == "«The loss became NaN (not a number).»"
        assert re.match(r"«Training stopped at step \d+: «the training loss» became NaN or infinite\.", lines[1])
        assert lines[2] == "«The plot and the finished part of the run are kept.»"
    finally:
        qapp.removeTranslator(marker)
    QCoreApplication.processEvents()
    assert tab.message.text().split("\n")[0] == "The loss became NaN (not a number)."


# --- keyboard ---------------------------------------------------------------------------------------


def focus_targets(tab: TrainingTab) -> set[QWidget]:
    """Every visible, enabled widget of the tab that Tab should reach."""
    found = set()
    for widget in tab.findChildren(QWidget):
        if not (widget.isVisibleTo(tab) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if widget.focusProxy() is not None:
            continue
        found.add(widget)
    return found


def owner(widget: QWidget | None) -> QWidget | None:
    """The widget a focus belongs to (a spin box for its line edit)."""
    while widget is not None and widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def walk(tab: TrainingTab, presses: int) -> list[QWidget]:
    reached = []
    for _ in range(presses):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(owner(QApplication.focusWidget()))
    return reached


def test_tab_reaches_every_control_and_the_samples_do_not_trap_it(qtbot, tab):
    run_to_end(qtbot, tab)  # Use this model, Open folder and the plot options are enabled now
    tab.activateWindow()
    tab.controls.tokenizer_combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.controls.tokenizer_combo)
    expected = focus_targets(tab)
    reached = walk(tab, 3 * len(expected))
    missing = {f"{type(w).__name__}:{w.objectName() or w.accessibleName()}" for w in expected - set(reached)}
    assert not missing, f"Tab never reaches: {missing}"
    assert tab.samples in reached and tab.samples.tabChangesFocus()
    after_samples = reached[reached.index(tab.samples) + 1]
    assert after_samples is not tab.samples  # Tab moved on instead of typing a tab
    assert tab.plot.canvas.accessibleName() == "Loss curve"
    for button in tab.findChildren(QAbstractButton):
        assert button.text() or button.accessibleName(), button.objectName()


def test_start_pause_and_stop_from_the_keyboard(qtbot, tab):
    configure(tab, max_iters=100_000, eval_interval=50_000)
    controls = tab.controls
    controls.spins["seed"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Start
    qtbot.waitUntil(lambda: tab.last_record is not None and tab.last_record["step"] >= 3, timeout=TIMEOUT)
    with qtbot.waitSignal(tab.worker.paused, timeout=TIMEOUT):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Pause
    assert controls.pause_button.text() == "&Resume"
    with qtbot.waitSignal(tab.worker.resumed, timeout=TIMEOUT):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Resume
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # S&top
    finished = blocker.args[0]
    assert finished["status"] == "stopped" and finished["step"] >= 3
    assert len(tab.plot.train_line.get_xydata()) >= 3
    assert tab.readouts.progress.format().startswith("Stopped at step")
    # And with Space on the focused button, as a keyboard user walking with Tab would.
    configure(tab, max_iters=5, eval_interval=5)
    controls.start_button.setFocus()
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        QTest.keyClick(controls.start_button, Qt.Key.Key_Space)
    assert blocker.args[0]["status"] == "completed" and blocker.args[0]["step"] == 5


def test_numbers_follow_the_language_format(qtbot, qapp, tab, recorder):
    from PySide6.QtCore import QLocale

    from gui.common.locale_numbers import locale_for

    configure(tab, n_embd=64, n_head=2, max_iters=40)
    run_to_end(qtbot, tab)
    qtbot.wait(300)
    english = {"estimate": tab.controls.estimate_label.text(), "status": tab.header.status.text(),
               "result": tab.result_label.text(), "dropout": tab.controls.spins["dropout"].text()}
    assert re.search(r"\d\.\d+ k parameters", english["estimate"]) and english["dropout"] == "0.00"
    assert re.search(r"would score \d\.\d\d\.", english["status"])
    assert re.search(r"Best val loss: \d\.\d{4}\.", english["result"])
    saved = QLocale()
    QLocale.setDefault(locale_for("pt_BR"))  # what View > Language does, with the catalogue (here: English)
    try:
        qapp.removeTranslator(recorder)  # any translator change sends LanguageChange
        qapp.installTranslator(recorder)
        QCoreApplication.processEvents()
        assert re.search(r"\d,\d+ k parameters", tab.controls.estimate_label.text())
        assert re.search(r"would score \d,\d\d\.", tab.header.status.text())
        assert re.search(r"Best val loss: \d,\d{4}\.", tab.result_label.text())
        assert tab.controls.spins["dropout"].text() == "0,00"
        assert tab.controls.spins["learning_rate"].text() == "0,001"
        assert tab.options.smoothing_value.text() == "0,60"
        assert "," in tab.readouts.labels["ms"].text()  # "12,3 ms/iter"
    finally:
        QLocale.setDefault(saved)
        qapp.removeTranslator(recorder)
        qapp.installTranslator(recorder)
        QCoreApplication.processEvents()
    assert tab.controls.estimate_label.text() == english["estimate"]
    assert tab.controls.spins["dropout"].text() == "0.00"


def test_the_device_readout_of_a_finished_run_follows_the_language(qtbot, qapp, tab, recorder):
    from gui.common.translations import LanguageManager

    configure(tab, n_embd=64, n_head=2, max_iters=10)
    run_to_end(qtbot, tab)
    label = tab.readouts.labels["device"]
    assert re.fullmatch(r"Device: CPU \(\d+ cores?\)", label.text())
    languages = LanguageManager(qapp)
    languages.set_language("pt_BR")  # the real catalogue
    try:
        QCoreApplication.processEvents()
        assert re.fullmatch(r"Dispositivo: CPU \(\d+ núcleos?\)", label.text())
    finally:
        languages.set_language("en")
        QCoreApplication.processEvents()
    assert re.fullmatch(r"Device: CPU \(\d+ cores?\)", label.text())
