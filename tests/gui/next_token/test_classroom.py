"""The Next-token tab in the classroom (issue 8): remembered settings, a window that fits a laptop
screen, one Export menu for every plot and table, core messages and numbers in the current
language, and a keyboard-only walk that reaches every control and draws a token."""

from __future__ import annotations

import csv
import math

import pytest
import torch
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
)

from core.messages import MessageError
from core.model.loading import load_model
from core.next_token.generation import GenerationError, GenerationSettings
from core.next_token.precision import PrecisionError, reduced_precision_model
from core.next_token.prediction import PredictionError, check_prompt_ids
from core.next_token.sampling import sampling_stages
from core.next_token.settings import SamplingError, SamplingSettings
from gui.common.plot_canvas import LazyPlot
from gui.common.session import Session
from gui.common.settings import AppSettings
from gui.common.tab_exports import FigureExport, TableExport, export_item
from gui.next_token.memory import SAVE_DELAY_MS
from gui.next_token.tab import NEXT_TOKEN_MODE, SamplingTab
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000
LAPTOP_HEIGHT = 700  # a 1366x768 screen less the taskbar and title bar


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture
def gpt2(gpt2_dir):
    return load_model(gpt2_dir)


def make_tab(qtbot) -> SamplingTab:
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def tab(qtbot):
    widget = make_tab(qtbot)
    yield widget
    widget.shutdown()


def set_model(qtbot, tab, loaded):
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.session.set_model(loaded)


def shown_values(tab) -> dict:
    controls, generation = tab.ui.controls, tab.ui.generation
    return {
        "temperature": controls.temperature.value(), "top_k": controls.top_k_spin.value(),
        "top_p": controls.top_p.value(), "min_p": controls.min_p.value(),
        "repetition_penalty": controls.penalty_spin.value(), "order": controls.order_combo.currentData(),
        "bars": controls.bar_count_spin.value(), "seed": controls.seed_spin.value(),
        "max_new_tokens": generation.max_tokens_spin.value(),
        **{f"strategy_{column.name.lower()}": column.strategy_combo.currentData() for column in generation.columns},
        "columns": generation.columns_spin.value(),
    }


DEFAULTS = {"temperature": 1.0, "top_k": 0, "top_p": 1.0, "min_p": 0.0, "repetition_penalty": 1.0, "order": "hf",
            "bars": 20, "seed": 0, "max_new_tokens": 30, "strategy_a": "greedy", "strategy_b": "sample",
            "strategy_c": "beam", "strategy_d": "contrastive", "columns": 2}


# --- remembered settings --------------------------------------------------------------------
def test_settings_come_back_in_a_new_window(qtbot, tab):
    assert shown_values(tab) == DEFAULTS  # nothing stored yet
    controls, generation = tab.ui.controls, tab.ui.generation
    for value in (0.9, 0.8, 0.75, 0.7):  # a dragged slider: written once, after it rests
        controls.temperature.setValue(value)
    controls.top_k_spin.setValue(40)
    controls.top_p.setValue(0.9)
    controls.min_p.setValue(0.05)
    controls.penalty_spin.setValue(1.3)
    controls.order_combo.setCurrentIndex(controls.order_combo.findData("llamacpp"))
    controls.bar_count_spin.setValue(12)
    controls.seed_spin.setValue(7)
    generation.max_tokens_spin.setValue(12)
    generation.columns[0].strategy_combo.setCurrentIndex(generation.columns[0].strategy_combo.findData("beam"))
    generation.columns[3].strategy_combo.setCurrentIndex(generation.columns[3].strategy_combo.findData("group-beam"))
    generation.columns_spin.setValue(4)
    assert tab.memory.pending and tab.memory.save_count == 0
    qtbot.waitUntil(lambda: not tab.memory.pending, timeout=SAVE_DELAY_MS * 4)
    assert tab.memory.save_count == 1
    expected = dict(DEFAULTS, temperature=0.7, top_k=40, top_p=0.9, min_p=0.05, repetition_penalty=1.3,
                    order="llamacpp", bars=12, seed=7, max_new_tokens=12, strategy_a="beam",
                    strategy_d="group-beam", columns=4)
    assert AppSettings().sampling_settings() == pytest.approx(expected)

    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert shown_values(window.sampling_tab) == pytest.approx(expected)
    assert window.sampling_tab.sampling_settings() == SamplingSettings(0.7, 40, 0.9, 0.05, 1.3, "llamacpp", 7)
    window.close()


def test_closing_saves_a_change_still_waiting(qtbot, tab):
    tab.ui.controls.top_k_spin.setValue(5)
    assert tab.memory.pending
    tab.shutdown()
    assert AppSettings().sampling_settings()["top_k"] == 5


def test_reset_settings_resets_and_saves_at_once(qtbot, gpt2):
    AppSettings().set_sampling_settings({"temperature": 0.4, "top_k": 9, "seed": 3})
    tab = make_tab(qtbot)
    set_model(qtbot, tab, gpt2)  # without a model the settings are disabled
    assert (tab.ui.controls.temperature.value(), tab.ui.controls.top_k_spin.value()) == (0.4, 9)
    assert tab.stages[-1].n_kept == 9  # restored settings are applied, not only shown
    tab.ui.controls.findChild(QPushButton, "resetSettingsButton").click()
    assert not tab.memory.pending  # written now, not after the delay
    stored = AppSettings().sampling_settings()
    assert (stored["temperature"], stored["top_k"], stored["seed"]) == (1.0, 0, 3)  # the seed is not a setting
    assert tab.sampling_settings() == SamplingSettings(seed=3)
    tab.shutdown()


def test_broken_stored_values_give_defaults_or_clamped_values(qtbot):
    AppSettings().set_sampling_settings({
        "temperature": "abc", "top_k": -5, "top_p": 7, "min_p": None, "repetition_penalty": math.inf,
        "order": "nonsense", "bars": 3.5, "seed": True, "max_new_tokens": 99_999, "strategy_a": 3,
        "strategy_b": "beam", "strategy_c": "telepathy", "columns": 9, "unknown": [1, 2],
    })
    tab = make_tab(qtbot)
    assert shown_values(tab) == dict(DEFAULTS, top_k=0, top_p=1.0, max_new_tokens=1000, strategy_b="beam", columns=4)
    tab.ui.controls.temperature.setValue(0.5)  # and it saves clean values again
    tab.shutdown()
    assert AppSettings().sampling_settings() == dict(DEFAULTS, temperature=0.5, max_new_tokens=1000,
                                                     strategy_b="beam", columns=4)


def test_a_stored_value_that_is_not_json_is_ignored(qtbot):
    QSettings("LM Anatomy", "LM Anatomy").setValue(AppSettings.SAMPLING, "{not json")
    tab = make_tab(qtbot)
    assert shown_values(tab) == DEFAULTS
    tab.ui.controls.temperature.setValue(2.5)
    tab.ui.controls.min_p.setValue(0.2)
    AppSettings().set_sampling_settings(dict(AppSettings().sampling_settings(), temperature=9.0, min_p=-1))
    again = make_tab(qtbot)
    assert (again.ui.controls.temperature.value(), again.ui.controls.min_p.value()) == (5.0, 0.0)  # clamped to the range
    tab.shutdown()
    again.shutdown()


# --- a laptop screen ------------------------------------------------------------------------
def test_the_next_token_tab_lets_the_window_fit_a_laptop_screen(qtbot, gpt2):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, LAPTOP_HEIGHT)
    window.tabs.setCurrentWidget(window.sampling_tab)
    window.show()
    qtbot.waitExposed(window)
    sampling = window.sampling_tab
    set_model(qtbot, sampling, gpt2)  # every plot of the Probabilities page is shown now
    for index in range(sampling.ui.views.count()):
        sampling.ui.views.setCurrentIndex(index)
        qtbot.wait(20)
    sampling.ui.views.setCurrentWidget(sampling.ui.compare)
    tabs = [window.tabs.widget(i) for i in range(window.tabs.count())]
    tallest = max(tab.minimumSizeHint().height() for tab in tabs)
    chrome = window.minimumSizeHint().height() - tallest  # menus, tab bar, status bar, margins
    assert sampling.minimumSizeHint().height() + chrome <= LAPTOP_HEIGHT
    for index in range(sampling.ui.views.count()):  # no page of the tab needs more
        assert sampling.ui.views.widget(index).minimumSizeHint().height() <= 340
    compare = sampling.ui.compare  # the tallest page scrolls instead of pushing the window
    assert compare.height() < compare.scroll.widget().minimumSizeHint().height()
    assert compare.scroll.verticalScrollBar().maximum() > 0
    assert window.minimumSizeHint().height() <= LAPTOP_HEIGHT  # every tab fits, with its model loaded
    window.close()


def test_a_short_window_shows_fewer_bars_rather_than_overlapping_labels(qtbot, tab, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.bar_count_spin.setValue(20)
    tab.resize(1200, 1000)
    qtbot.waitUntil(lambda: len(tab.ui.bars.heights()) == 20, timeout=WAIT_MS)
    top_twenty = tab.ui.bars.labels()
    tab.resize(1200, 560)  # the bars get about 180 pixels
    fit = tab.ui.bars.rows_that_fit()
    assert fit < 20
    qtbot.waitUntil(lambda: len(tab.ui.bars.heights()) == fit, timeout=WAIT_MS)
    assert tab.ui.bars.labels() == top_twenty[:fit]  # the most likely tokens, in order
    tab.resize(1200, 1000)
    qtbot.waitUntil(lambda: len(tab.ui.bars.heights()) == 20, timeout=WAIT_MS)


# --- exports --------------------------------------------------------------------------------
def item(tab, stem):
    (found,) = [each for each in tab.export_items() if each.file_stem == stem]
    return found


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_plot_and_table_is_in_the_export_menu(qtbot, tab, gpt2, tmp_path):
    stems = {each.file_stem: type(each) for each in tab.export_items()}
    assert stems == {
        "next-token-bars": FigureExport, "next-token-running-total": FigureExport, "next-token-draw": FigureExport,
        "next-token-compare-ab": FigureExport, "next-token-temperatures": FigureExport,
        "next-token-distribution": TableExport, "next-token-pipeline": TableExport,
        "next-token-precision": TableExport, "next-token-generated": TableExport, "fill-mask-guesses": TableExport,
        "beam-search-tree": FigureExport, "beam-search-hypotheses": TableExport,
        "logit-lens-last-position": FigureExport, "logit-lens-positions": FigureExport, "logit-lens": TableExport,
        "task-head-plot": FigureExport, "task-head-table": TableExport,
    }
    assert all(export_item(each, tmp_path / f"early-{each.file_stem}.png") is None for each in tab.export_items()
               if isinstance(each, FigureExport))  # no model: nothing to save yet
    assert not [b.text() for b in tab.findChildren(QPushButton) if "Save" in b.text()]  # no ad-hoc buttons
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.top_p.setValue(0.8)
    qtbot.wait(250)  # the draw bar is drawn once the slider rests
    for page in (tab.ui.compare, tab.ui.temperature_plot):  # the comparisons are drawn when shown
        tab.ui.views.setCurrentWidget(page)
        qtbot.wait(50)
    tab.ui.views.setCurrentWidget(tab.ui.page)
    for stem in ("next-token-bars", "next-token-running-total", "next-token-draw", "next-token-compare-ab",
                 "next-token-temperatures"):
        png, svg = export_item(item(tab, stem), tmp_path / f"{stem}.png"), export_item(item(tab, stem),
                                                                                     tmp_path / f"{stem}.svg")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000, stem
        assert b"<svg" in svg.read_bytes()[:2000], stem
    # the bars are blitted: the saved image holds them (much more ink than the empty frame)
    assert (tmp_path / "next-token-bars.svg").read_text().count("<path") > 100
    assert all(artist.get_animated() for artist in tab.ui.bars._state["animated"])  # still blitted afterwards

    rows = read_csv(export_item(item(tab, "next-token-pipeline"), tmp_path / "pipeline.csv"))
    assert rows[0] == ["stage", "entropy_bits", "tokens_left", "removed_percent"]
    assert [row[0] for row in rows[1:]] == [stage.name for stage in tab.stages] == ["softmax", "temperature", "top-p"]
    assert [float(row[1]) for row in rows[1:]] == pytest.approx([s.entropy_bits for s in tab.stages], abs=1e-5)
    assert [int(row[2]) for row in rows[1:]] == [stage.n_kept for stage in tab.stages]
    assert float(rows[3][3]) == pytest.approx(100 * tab.stages[2].mass_removed, abs=1e-5)
    assert [row[:3] for row in tab.ui.stage_table.cell_texts()][2][2] == rows[3][2]

    distribution = read_csv(export_item(item(tab, "next-token-distribution"), tmp_path / "distribution.csv"))
    assert len(distribution) == 1 + len(tab.current_distribution) and distribution[0][-1] == "kept"
    assert sum(int(row[-1]) for row in distribution[1:]) == tab.stages[-1].n_kept
    assert not item(tab, "next-token-precision").ready() and not item(tab, "next-token-generated").ready()


def test_precision_generation_and_fill_mask_tables(qtbot, tab, gpt2, tmp_path):
    set_model(qtbot, tab, gpt2)
    with qtbot.waitSignal(tab.ui.precision.finished, timeout=WAIT_MS):
        tab.ui.precision.compare_button.click()
    result = tab.ui.precision.results[-1]
    rows = read_csv(export_item(item(tab, "next-token-precision"), tmp_path / "precision.csv"))
    assert [row[0] for row in rows[1:]] == ["fp32", "fp16", "bf16", "int8"]
    assert float(rows[4][2]) == pytest.approx(result.kl_nats) and rows[4][6] == ("yes" if result.top1_agrees else "no")
    assert int(rows[1][1]) == 2 * int(rows[2][1]) == 4 * int(rows[4][1]) == 4 * gpt2.n_parameters
    assert rows[0][7] == "top10_agreement" and rows[1][7] == "1"
    assert [float(row[7]) for row in rows[2:]] == pytest.approx([r.topk_agreement for r in tab.ui.precision.results])

    tab.ui.generation.max_tokens_spin.setValue(5)
    with qtbot.waitSignal(tab.ui.generation.finished, timeout=WAIT_MS):
        tab.ui.generation.generate_button.click()
    rows = read_csv(export_item(item(tab, "next-token-generated"), tmp_path / "generated.csv"))
    assert [row[:2] for row in rows[1:]] == [["A", "greedy"]] * 5 + [["B", "sample"]] * 5
    assert [int(row[3]) for row in rows[1:6]] == [token.token_id for token in tab.ui.generation.columns[0].tokens]
    assert "".join(row[4] for row in rows[1:6]) == tab.generated_text()

    bert = load_model(make_tiny_bert(tmp_path / "bert"))
    set_model(qtbot, tab, bert)
    assert not item(tab, "next-token-distribution").ready() and item(tab, "fill-mask-guesses").ready()
    rows = read_csv(export_item(item(tab, "fill-mask-guesses"), tmp_path / "mask.csv"))
    assert rows[0] == ["mask", "rank", "token_id", "token", "label", "probability"]
    assert [row[4] for row in rows[1:]] == [guess.label for guess in tab.mask_predictions[0]]
    assert export_item(item(tab, "next-token-bars"), tmp_path / "mask.png").stat().st_size > 5_000


# --- core text and numbers in the current language --------------------------------------------
class CoreMarker(QTranslator):
    """Translates the core messages and the tab's strings to «source»."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return f"«{source}»" if source and context in ("CoreMessages", "SamplingTab") else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


def test_core_errors_carry_translatable_messages(gpt2):
    cases = [
        (lambda: SamplingSettings(top_p=0).validate(), SamplingError, "Top-p must be more than 0"),
        (lambda: check_prompt_ids(gpt2, []), PredictionError, "The text is empty"),
        (lambda: GenerationSettings("nope").validate(), GenerationError, "Unknown strategy 'nope'"),
        (lambda: reduced_precision_model(gpt2.model, "int4"), PrecisionError, "Unknown precision 'int4'"),
    ]
    for call, kind, english in cases:
        with pytest.raises(kind) as info:
            call()
        assert isinstance(info.value, MessageError) and isinstance(info.value, ValueError)
        assert str(info.value).startswith(english) and info.value.message.context == "CoreMessages"


def test_messages_and_numbers_follow_the_language(qtbot, tab, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.top_k_spin.setValue(5)
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.sample_step()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.ui.prompt.setPlainText("")  # a core error: the prompt is empty
    assert tab.ui.message.text() == "⚠ The text is empty: type some text first."
    english = tab.ui.stage_table.cell_texts()
    assert "." in english[0][1] and "." in tab.ui.controls.draw_readout.text()
    previous, marker = QLocale(), CoreMarker()
    app = QApplication.instance()
    QLocale.setDefault(QLocale("pt_BR"))
    try:
        app.installTranslator(marker)  # a language change
        QCoreApplication.processEvents()
        assert tab.ui.message.text() == "⚠ «The text is empty: type some text first.»"
        cells = tab.ui.stage_table.cell_texts()
        assert cells[0][1] == QLocale("pt_BR").toString(tab.stages[0].entropy_bits, "f", 2) and "," in cells[0][1]
        assert cells[0][1].replace(",", ".") == english[0][1]
        draw = tab.last_draw or tab.step_draw[1]
        assert QLocale("pt_BR").toString(draw.u, "f", 3) in tab.ui.controls.draw_readout.text()
        chip = tab.ui.timeline.item(1).text()
        assert chip.endswith("%") and "," in chip.splitlines()[1]
    finally:
        app.removeTranslator(marker)
        QLocale.setDefault(previous)
        QCoreApplication.processEvents()
    assert tab.ui.message.text() == "⚠ The text is empty: type some text first."
    assert tab.ui.stage_table.cell_texts() == english


# --- keyboard and screen readers ------------------------------------------------------------
INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QAbstractSlider, QComboBox, QPlainTextEdit, QTextEdit,
               QAbstractItemView, QTabBar)


def reachable(tab) -> set:
    """Every visible, enabled control of the tab (on the current page) that Tab should reach."""
    controls = [widget for kind in INTERACTIVE for widget in tab.findChildren(kind)]
    return {widget for widget in controls
            if widget.isVisibleTo(tab) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not widget.objectName().startswith("qt_")}


def walk(tab, start, steps: int = 120) -> list:
    start.setFocus()
    seen = [start]
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            break
        seen.append(widget)
    return seen


def test_tab_walks_every_control_and_keys_draw_a_token(qtbot, tab, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.ui.controls.sample_button.setFocus()
    tab.ui.prompt.setFocus()
    QTest.keyClick(tab.ui.prompt, Qt.Key.Key_Tab)
    assert tab.ui.prompt.toPlainText() == "The cat sat on the"  # Tab left the prompt instead of typing a tab
    for page in (tab.ui.page, tab.ui.compare, tab.ui.generation, tab.ui.beam_tree, tab.ui.speculative,
                 tab.ui.logit_lens, tab.ui.precision):
        tab.ui.views.setCurrentWidget(page)
        qtbot.wait(20)
        visited = walk(tab, tab.ui.prompt)
        missing = reachable(tab) - set(visited)
        assert not missing, [(type(w).__name__, w.objectName(), w.accessibleName()) for w in missing]
    for output in (tab.ui.generation.columns[0].output, tab.ui.prompt):  # text boxes never keep Tab
        assert output.tabChangesFocus()
    assert not tab.ui.stage_table.tabKeyNavigation() and not tab.ui.timeline.tabKeyNavigation()

    tab.ui.views.setCurrentWidget(tab.ui.page)
    tab.ui.prompt.setFocus()
    seed = tab.ui.controls.seed_spin.value()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        QTest.keyClick(tab.ui.prompt, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Sample
    assert tab.ui.controls.seed_spin.value() == seed + 1 and len(tab.ui.timeline.steps) == 1
    assert tab.ui.timeline.steps[0].how == "sample" and tab.mode == NEXT_TOKEN_MODE
    expected = sampling_stages(tab._logits, tab.sampling_settings(), tab._prompt_ids)[-1].probs
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        QTest.keyClick(tab.ui.prompt, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # &Greedy
    assert tab.ui.timeline.steps[1].how == "greedy" and tab.ui.timeline.steps[1].token_id == int(expected.argmax())
    tab.ui.controls.greedy_button.setFocus()  # or Tab to a button and press Space
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        QTest.keyClick(tab.ui.controls.greedy_button, Qt.Key.Key_Space)
    assert len(tab.ui.timeline.steps) == 3


def test_every_plot_has_an_accessible_name(qtbot, tab, gpt2):
    set_model(qtbot, tab, gpt2)
    for page in (tab.ui.compare, tab.ui.temperature_plot, tab.ui.page):
        tab.ui.views.setCurrentWidget(page)
        qtbot.wait(200)
    plots = tab.findChildren(LazyPlot)
    assert len(plots) == 8  # bars, draw bar, A/B, temperatures, beam tree, two logit lens heatmaps, task head
    lazy = (tab.ui.beam_tree.plot, tab.ui.logit_lens.top_plot, tab.ui.logit_lens.grid_plot,
            tab.ui.task_view.plot)  # made on first run (the task head's: for a model with a task head)
    for plot in plots:
        if plot in lazy:
            assert plot.accessibleName()
            continue
        assert plot.accessibleName(), type(plot).__name__
        assert plot.created and plot.canvas.accessibleName() == plot.accessibleName()
