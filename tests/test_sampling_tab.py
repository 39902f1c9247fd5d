"""The Next-token tab: bars that match core.sampling, live settings without model runs, seeded
draws, stepping, streamed generation with Stop, fill-mask mode, comparisons and error messages."""

from __future__ import annotations

import time

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QPlainTextEdit, QSlider, QSpinBox

from core.generation import GenerationSettings, generate_tokens
from core.loaded_model import load_model
from core.prediction import NextTokenPredictor, fill_mask
from core.sampling import SamplingSettings, draw_at, final_distribution, sample, token_label
from gui.sampling_tab import DEFAULT_PROMPT, FILL_MASK_MODE, NEXT_TOKEN_MODE, NONE, SamplingTab
from gui.session import Session
from tiny_models import make_tiny_bert, make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture(scope="module")
def bert_dir(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("bert"))


@pytest.fixture
def gpt2(gpt2_dir):
    return load_model(gpt2_dir)  # a fresh object per test, so wrapping its forward stays local


@pytest.fixture
def forward_calls(gpt2, monkeypatch):
    """Count (and optionally slow down) the model's forward passes."""
    calls = {"n": 0, "sleep": 0.0}
    original = gpt2.model.forward

    def counting(*args, **kwargs):
        calls["n"] += 1
        if calls["sleep"]:
            time.sleep(calls["sleep"])
        return original(*args, **kwargs)

    monkeypatch.setattr(gpt2.model, "forward", counting)
    return calls


@pytest.fixture
def tab(qtbot):
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def set_model(qtbot, tab, loaded):
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.session.set_model(loaded)


def set_prompt(qtbot, tab, text):
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.prompt.setPlainText(text)


def nonzero(heights):
    return [h for h in heights if h > 0]


def test_widgets_have_the_documented_names(tab):
    for cls, name in [(QPlainTextEdit, "promptInput"), (QSlider, "temperatureSlider"), (QSpinBox, "topKSpin"),
                      (QSlider, "topPSlider"), (QSlider, "minPSlider"), (QDoubleSpinBox, "repetitionPenaltySpin"),
                      (QSpinBox, "barCountSpin"), (QComboBox, "orderCombo"), (QSpinBox, "seedSpin")]:
        widget = tab.findChild(cls, name)
        assert widget is not None, name
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, name
    assert tab.objectName() == "samplingTab"
    assert tab.prompt.toPlainText() == DEFAULT_PROMPT
    assert tab.bars.accessibleName() and tab.draw_plot.accessibleName() and tab.temperature_plot.accessibleName()


def test_without_a_model_the_tab_says_so(tab, qtbot, bert_dir):
    assert tab.mode == NONE and "Load a model" in tab.header.status.text()
    assert not tab.prompt.isEnabled()
    encoder = load_model(make_tiny_bert(bert_dir.parent / "encoder", with_mlm_head=False))
    tab.session.set_model(encoder)
    assert tab.mode == NONE
    assert tab.header.status.text() == encoder.why_not("next-token")
    qtbot.waitUntil(lambda: tab.bars.created)
    assert tab.bar_heights() == []


def test_bars_are_the_top_n_of_the_final_distribution(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.controls.temperature.setValue(0.8)
    tab.controls.top_p.setValue(0.9)
    logits = NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT)
    expected = final_distribution(logits, temperature=0.8, top_p=0.9)
    assert torch.allclose(tab.current_distribution, expected)
    top = torch.sort(expected, descending=True, stable=True)
    assert tab.bar_heights() == pytest.approx(top.values[:20].tolist(), abs=1e-6)
    kept = min(20, int((expected > 0).sum()))
    assert tab.bar_labels()[:kept] == [token_label(gpt2.tokenizer, int(i)) for i in top.indices[:kept]]
    assert [row[0] for row in tab.stage_table.cell_texts()] == ["softmax (model)", "temperature", "top-p"]
    assert tab.stage_table.cell_texts()[-1][1] == f"{tab.stages[-1].entropy_bits:.2f}"
    tab.controls.bar_count_spin.setValue(7)
    assert len(tab.bar_heights()) == 7


def test_settings_change_the_bars_without_running_the_model(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    assert forward_calls["n"] == 1
    before = tab.bar_heights()
    tab.findChild(QSlider, "temperatureSlider").setValue(150)  # 1.50, applied at once
    assert tab.controls.temperature.spin.value() == pytest.approx(1.5)
    assert tab.bar_heights() != before
    assert max(tab.bar_heights()) < max(before)  # hotter: flatter
    tab.controls.top_k_spin.setValue(3)
    assert len(nonzero(tab.bar_heights())) == 3
    assert sum(tab.bar_heights()) == pytest.approx(1.0, abs=1e-5)
    tab.controls.top_k_spin.setValue(0)
    tab.controls.temperature.slider.setValue(0)
    assert nonzero(tab.bar_heights()) == [pytest.approx(1.0)]
    assert tab.bar_heights()[0] == pytest.approx(1.0)
    tab.controls.reset()
    tab.controls.min_p.setValue(0.3)
    tab.controls.penalty_spin.setValue(1.5)
    tab.controls.order_combo.setCurrentIndex(1)
    assert [stage.name for stage in tab.stages] == ["softmax", "repetition penalty", "min-p", "temperature"]
    assert forward_calls["n"] == 1


def test_typing_is_debounced_into_one_model_run(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.prompt.setFocus()
    tab.prompt.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        qtbot.keyClicks(tab.prompt, " mat")
    assert forward_calls["n"] == 2
    assert tab.prompt.toPlainText() == DEFAULT_PROMPT + " mat"


def test_seeded_draw_matches_core_sample_and_follows_the_settings(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.controls.top_k_spin.setValue(12)
    tab.controls.seed_spin.setValue(5)
    tab.controls.draw_button.click()
    expected = sample(tab.current_distribution, seed=5)
    assert tab.last_draw.token_id == expected.token_id and tab.last_draw.u == expected.u
    assert tab.controls.seed_spin.value() == 6  # the next Draw gives a new number
    assert "Seed 5" in tab.controls.draw_readout.text()
    assert tab.draw_plot.segment_ids[expected.rank - 1] == expected.token_id  # highlighted segment
    assert tab.bar_labels()[expected.rank - 1] == token_label(gpt2.tokenizer, expected.token_id)
    tab.controls.temperature.setValue(0.5)  # the same u on the new distribution
    assert tab.last_draw.u == expected.u
    assert tab.last_draw.token_id == draw_at(tab.current_distribution, expected.u).token_id


def test_append_token_extends_the_prompt(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    greedy = int(tab.current_distribution.argmax())
    ids = gpt2.encode(DEFAULT_PROMPT)
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.controls.append_button.click()
    assert tab.prompt.toPlainText() == gpt2.tokenizer.decode(ids + [greedy])
    assert forward_calls["n"] == 2 and tab.last_draw is None
    tab.controls.seed_spin.setValue(11)
    tab.draw()
    drawn = tab.last_draw.token_id
    text = tab.prompt.toPlainText()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.append_token()
    assert tab.prompt.toPlainText() == gpt2.tokenizer.decode(gpt2.encode(text) + [drawn])


def test_generation_streams_the_same_tokens_as_core(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    panel = tab.generation
    panel.strategy_combo.setCurrentIndex(panel.strategy_combo.findData("sample"))
    panel.max_tokens_spin.setValue(8)
    tab.controls.temperature.setValue(1.2)
    tab.controls.seed_spin.setValue(4)
    expected = list(generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings(
        "sample", 8, SamplingSettings(temperature=1.2, seed=4))))
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.generate_button.click()
    assert [t.token_id for t in panel.tokens] == [t.token_id for t in expected]
    assert tab.generated_text() == "".join(t.text for t in expected)
    assert panel.output.toPlainText() == DEFAULT_PROMPT + tab.generated_text()
    assert panel.generate_button.isEnabled() and not panel.stop_button.isEnabled()


def test_stop_ends_generation_within_one_token(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    panel = tab.generation
    room = 64 - len(gpt2.encode(DEFAULT_PROMPT))
    assert len(list(generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings("greedy", room)))) == room
    panel.max_tokens_spin.setValue(room)
    forward_calls["sleep"] = 0.02
    panel.generate()
    assert panel.running and panel.stop_button.isEnabled()
    qtbot.waitUntil(lambda: len(panel.tokens) >= 3, timeout=WAIT_MS)  # streamed while running
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.stop_button.click()
    assert len(panel.tokens) <= panel.produced_when_stopped + 1 < room
    assert "Stopped" in panel.status.text()


def test_masked_model_switches_to_fill_mask(tab, qtbot, bert_dir):
    bert = load_model(bert_dir)
    set_model(qtbot, tab, bert)
    assert tab.mode == FILL_MASK_MODE
    assert "[MASK]" in tab.prompt.toPlainText() and "masked model" in tab.header.status.text()
    assert not tab.controls.settings_box.isEnabled() and not tab.views.isTabEnabled(2)
    expected = fill_mask(bert, tab.prompt.toPlainText(), top_k=20)[0]
    assert tab.bar_labels() == [guess.label for guess in expected]
    assert tab.bar_heights() == pytest.approx([guess.probability for guess in expected], abs=1e-6)
    set_prompt(qtbot, tab, "no mask here")
    assert tab.message.isVisible() and "no mask" in tab.message.text()
    assert tab.bar_labels() == [guess.label for guess in expected]  # the previous bars remain


def test_errors_show_a_message_and_keep_the_bars(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    bars = tab.bar_heights()
    assert not tab.message.isVisible()
    set_prompt(qtbot, tab, "")
    assert tab.findChild(type(tab.message), "samplingMessage").isVisible()
    assert "empty" in tab.message.text() and tab.bar_heights() == bars
    tab.message.clear()
    with qtbot.waitSignal(tab.generation.finished, timeout=WAIT_MS):  # the panels report to the same label
        tab.generation.generate()
    assert "empty" in tab.message.text()
    set_prompt(qtbot, tab, "the cat sat on the mat. " * 40)
    assert "at most 64 tokens" in tab.message.text() and tab.bar_heights() == bars
    tab.controls.order_combo.addItem("nonsense", "nonsense")  # a setting core.sampling refuses
    tab.controls.order_combo.setCurrentIndex(2)
    assert "order must be one of" in tab.message.text()
    tab.controls.order_combo.setCurrentIndex(0)
    set_prompt(qtbot, tab, DEFAULT_PROMPT)
    assert not tab.message.isVisible() and tab.bar_heights() == bars


def test_compare_temperatures_side_by_side(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.views.setCurrentWidget(tab.temperature_plot)
    heights = tab.temperature_plot.heights_by_temperature
    assert sorted(heights) == [0.5, 1.0, 1.5]
    assert max(heights[0.5]) > max(heights[1.0]) > max(heights[1.5])
    assert heights[1.0] == pytest.approx(tab.bar_heights()[:15], abs=1e-6)
    assert len(tab.temperature_plot.figure().axes) == 3


def test_precision_comparison_runs_off_the_gui_thread(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    panel = tab.precision
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.compare_button.click()
    (result,) = panel.results
    assert result.dtype == "int8" and result.kl_nats >= 0
    cells = [[panel.table.item(r, c).text() for c in range(5)] for r in range(panel.table.rowCount())]
    assert [row[0] for row in cells] == ["fp32", "int8"]
    assert cells[1][4] == ("yes" if result.top1_agrees else "no")
    assert cells[0][1].endswith("kB") and cells[1][2] == f"{result.kl_nats:.2e}"


def test_switching_models_changes_mode(tab, qtbot, gpt2, bert_dir):
    set_model(qtbot, tab, load_model(bert_dir))
    assert tab.mode == FILL_MASK_MODE
    set_model(qtbot, tab, gpt2)
    assert tab.mode == NEXT_TOKEN_MODE and "[MASK]" not in tab.prompt.toPlainText()
    assert tab.controls.settings_box.isEnabled() and tab.views.isTabEnabled(2)
    assert len(tab.bar_heights()) == 20


def test_closing_the_main_window_joins_the_tabs_threads(qtbot, gpt2, forward_calls, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    window = MainWindow()
    qtbot.addWidget(window)
    forward_calls["sleep"] = 0.3  # the prediction is still running when the window closes
    window.session.set_model(gpt2)
    assert window.sampling_tab.runner.running
    window.close()
    assert not window.sampling_tab.runner.running and forward_calls["n"] == 1
