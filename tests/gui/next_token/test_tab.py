"""The Next-token tab: raw and final bars that match core.next_token.sampling, live settings without model
runs, Sample/Greedy/click steps with a timeline to rewind, A/B and temperature comparisons,
side-by-side streamed generation with Stop, exports, fill-mask mode and error messages."""

from __future__ import annotations

import csv
import time

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
)

from core.model.loading import load_model
from core.next_token.generation import GenerationSettings, generate_tokens
from core.next_token.prediction import NextTokenPredictor, fill_mask
from core.next_token.sampling import final_distribution, sample, sampling_stages
from core.next_token.settings import SamplingSettings
from core.tokenization.token_labels import token_label
from gui.common.session import Session
from gui.next_token.tab import DEFAULT_PROMPT, FILL_MASK_MODE, NEXT_TOKEN_MODE, NONE, SamplingTab
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

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
        tab.ui.prompt.setPlainText(text)


def nonzero(heights):
    return [h for h in heights if h > 0]


def test_widgets_have_the_documented_names(tab):
    for cls, name in [(QPlainTextEdit, "promptInput"), (QSlider, "temperatureSlider"), (QSpinBox, "topKSpin"),
                      (QSlider, "topPSlider"), (QSlider, "minPSlider"), (QDoubleSpinBox, "repetitionPenaltySpin"),
                      (QSpinBox, "barCountSpin"), (QComboBox, "orderCombo"), (QSpinBox, "seedSpin"),
                      (QPushButton, "sampleButton"), (QPushButton, "greedyButton"), (QListWidget, "samplingTimeline")]:
        widget = tab.findChild(cls, name)
        assert widget is not None, name
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, name
    assert tab.objectName() == "samplingTab"
    assert tab.ui.prompt.toPlainText() == DEFAULT_PROMPT
    assert tab.findChild(QPushButton, "exportPngButton") is None  # exports: the title row's Export menu
    assert tab.ui.bars.accessibleName() and tab.ui.draw_plot.accessibleName() and tab.ui.temperature_plot.accessibleName()


def test_without_a_model_the_tab_says_so(tab, qtbot, bert_dir):
    assert tab.mode == NONE and "Load a model" in tab.ui.header.status.text()
    assert not tab.ui.prompt.isEnabled()
    encoder = load_model(make_tiny_bert(bert_dir.parent / "encoder", with_mlm_head=False))
    tab.session.set_model(encoder)
    reason = encoder.why_not("next-token")
    assert tab.mode == NONE and "no next-token head" in reason
    assert tab.ui.header.status.text() == reason and tab.ui.header.status.isVisible()
    for widget in (tab.ui.prompt, tab.ui.controls.settings_box, tab.ui.controls.sample_button, tab.ui.controls.greedy_button,
                   tab.ui.timeline):
        assert not widget.isEnabled()
    assert not any(tab.ui.views.isTabEnabled(i) for i in range(1, tab.ui.views.count()))
    qtbot.waitUntil(lambda: tab.ui.bars.created)
    assert tab.bar_heights() == []
    texts = [text.get_text() for axes in tab.ui.bars.figure().axes for text in axes.texts]
    assert texts == [reason]  # the reason is also written where the bars would be


def test_bars_are_the_top_n_of_the_final_distribution(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.temperature.setValue(0.8)
    tab.ui.controls.top_p.setValue(0.9)
    logits = NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT)
    expected = final_distribution(logits, temperature=0.8, top_p=0.9)
    assert torch.allclose(tab.current_distribution, expected)
    top = torch.sort(expected, descending=True, stable=True)
    assert tab.bar_heights() == pytest.approx(top.values[:20].tolist(), abs=1e-6)
    kept = min(20, int((expected > 0).sum()))
    assert tab.bar_labels()[:kept] == [token_label(gpt2.tokenizer, int(i)) for i in top.indices[:kept]]
    assert [row[0] for row in tab.ui.stage_table.cell_texts()] == ["softmax (model)", "temperature", "top-p"]
    assert tab.ui.stage_table.cell_texts()[-1][1] == f"{tab.stages[-1].entropy_bits:.2f}"
    ids = tab.ui.bars.rows.token_ids
    raw = torch.softmax(logits, -1)
    assert tab.ui.bars.raw_heights() == pytest.approx(raw[ids].tolist(), abs=1e-6)  # raw beside final
    assert tab.ui.bars.value_texts()[0].endswith(f"→ {top.values[0].item():.1%}")  # percentages, raw → final
    rows = tab.ui.bars.rows  # everything else: the rest of the mass
    assert rows.other == pytest.approx(1 - sum(tab.bar_heights()), abs=1e-5)
    assert rows.other_count == len(expected) - 20 and tab.ui.bars.labels()[0] == tab.bar_labels()[0]
    assert rows.raw_other == pytest.approx(1 - sum(tab.ui.bars.raw_heights()), abs=1e-5)
    tab.ui.controls.bar_count_spin.setValue(7)
    assert len(tab.bar_heights()) == 7


def test_removed_tokens_are_struck_and_the_running_total_marks_top_p(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.top_k_spin.setValue(10)
    tab.ui.controls.top_p.setValue(0.5)
    stages = sampling_stages(NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT), SamplingSettings(top_k=10, top_p=0.5))
    kept = stages[-1].n_kept
    assert 0 < kept < 20
    assert tab.ui.bars.struck() == [i >= kept for i in range(20)]  # greyed and struck, not hidden
    assert tab.bar_heights()[kept:] == [0.0] * (20 - kept) and all(h > 0 for h in tab.ui.bars.raw_heights())
    assert "removed by top-p" in tab.ui.bars.value_texts()[kept] and "removed by top-k" in tab.ui.bars.value_texts()[-2]
    before_top_p = stages[-2].probs[tab.ui.bars.rows.token_ids]  # the distribution top-p cut
    assert tab.ui.bars.cumulative() == pytest.approx(torch.cumsum(before_top_p, 0)[:30].tolist(), abs=1e-5)
    assert tab.ui.bars.cutoff() == pytest.approx(0.5) and tab.ui.bars.rows.top_p_kept == kept
    assert tab.ui.bars.cumulative()[kept - 1] >= 0.5 > tab.ui.bars.cumulative()[kept - 2]
    tab.ui.controls.top_p.setValue(1.0)
    assert tab.ui.bars.cutoff() is None and tab.ui.bars.struck() == [i >= 10 for i in range(20)]  # top-k's remain


def test_settings_change_the_bars_without_running_the_model(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    assert forward_calls["n"] == 1
    before, raw, renders = tab.bar_heights(), tab.ui.bars.raw_heights(), tab.ui.bars.render_count
    tab.findChild(QSlider, "temperatureSlider").setValue(150)  # 1.50, applied at once
    assert tab.ui.controls.temperature.spin.value() == pytest.approx(1.5)
    assert tab.bar_heights() != before and tab.ui.bars.raw_heights() == raw  # the model's own bars stay
    assert tab.ui.bars.render_count == renders + 1  # redrawn at once, not later
    assert max(tab.bar_heights()) < max(before)  # hotter: flatter
    tab.ui.controls.top_k_spin.setValue(3)
    assert len(nonzero(tab.bar_heights())) == 3
    assert sum(tab.bar_heights()) == pytest.approx(1.0, abs=1e-5)
    tab.ui.controls.top_k_spin.setValue(0)
    tab.ui.controls.temperature.slider.setValue(0)
    assert nonzero(tab.bar_heights()) == [pytest.approx(1.0)]
    assert tab.bar_heights()[0] == pytest.approx(1.0)
    tab.ui.controls.reset()
    tab.ui.controls.min_p.setValue(0.3)
    tab.ui.controls.penalty_spin.setValue(1.5)
    tab.ui.controls.order_combo.setCurrentIndex(1)
    assert [stage.name for stage in tab.stages] == ["softmax", "repetition penalty", "min-p", "temperature"]
    assert forward_calls["n"] == 1


def test_typing_is_debounced_into_one_model_run(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.ui.prompt.setFocus()
    tab.ui.prompt.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        qtbot.keyClicks(tab.ui.prompt, " mat")
    assert forward_calls["n"] == 2
    assert tab.ui.prompt.toPlainText() == DEFAULT_PROMPT + " mat"


def step(qtbot, tab, action):
    """Run one step (it appends a token and runs the model on the new prompt) and wait for it."""
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        action()


def test_sample_marks_the_draw_and_appends_the_token(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.top_k_spin.setValue(12)
    tab.ui.controls.seed_spin.setValue(5)
    distribution = tab.current_distribution
    expected = sample(distribution, seed=5)
    step(qtbot, tab, tab.ui.controls.sample_button.click)
    ids = gpt2.encode(DEFAULT_PROMPT)
    assert tab.prompt_text() == gpt2.tokenizer.decode(ids + [expected.token_id])
    assert tab.ui.controls.seed_spin.value() == 6  # the next Sample gives a new number
    assert "Seed 5" in tab.ui.controls.draw_readout.text() and f"u = {expected.u:.3f}" in tab.ui.controls.draw_readout.text()
    (chip,) = tab.ui.timeline.steps
    assert (chip.token_id, chip.how, chip.u) == (expected.token_id, "sample", expected.u)
    assert chip.probability == pytest.approx(expected.probability)
    assert tab.ui.timeline.texts()[1] == f"{token_label(gpt2.tokenizer, expected.token_id)}\n{chip.probability:.1%}"
    qtbot.waitUntil(lambda: tab.ui.draw_plot.u == expected.u)  # the draw stays marked where it was made
    assert tab.ui.draw_plot.segment_ids[expected.rank - 1] == expected.token_id
    assert forward_calls["n"] == 2


def test_greedy_appends_the_argmax(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.penalty_spin.setValue(2.0)  # greedy follows the settings: the argmax after the penalty
    greedy = int(tab.current_distribution.argmax())
    step(qtbot, tab, tab.ui.controls.greedy_button.click)
    assert tab.prompt_text() == gpt2.tokenizer.decode(gpt2.encode(DEFAULT_PROMPT) + [greedy])
    assert [(s.token_id, s.how) for s in tab.ui.timeline.steps] == [(greedy, "greedy")]
    assert forward_calls["n"] == 2 and tab.last_draw is None


def test_clicking_a_bar_appends_that_token(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.top_k_spin.setValue(3)
    row = 5  # a removed token: the learner may still pick it
    token = tab.ui.bars.rows.token_ids[row]
    assert tab.ui.bars.struck()[row]
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        qtbot.mouseClick(tab.ui.bars.canvas, Qt.MouseButton.LeftButton, pos=tab.ui.bars.bar_position(row).toPoint())
    assert tab.prompt_text() == gpt2.tokenizer.decode(gpt2.encode(DEFAULT_PROMPT) + [token])
    (chip,) = tab.ui.timeline.steps
    assert (chip.token_id, chip.how, chip.probability) == (token, "click", 0.0)
    assert tab.ui.timeline.texts()[1] == f"{token_label(gpt2.tokenizer, token)}\n0.0%"
    token = tab.ui.bars.rows.token_ids[0]
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        qtbot.mouseClick(tab.ui.bars.canvas, Qt.MouseButton.LeftButton, pos=tab.ui.bars.bar_position(0).toPoint())
    assert [s.token_id for s in tab.ui.timeline.steps][-1] == token and len(tab.ui.timeline.steps) == 2


def test_the_timeline_rewinds_to_any_step(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.seed_spin.setValue(2)
    texts = [DEFAULT_PROMPT]
    for action in (tab.greedy_step, tab.sample_step, tab.greedy_step):
        step(qtbot, tab, action)
        texts.append(tab.prompt_text())
    assert len(tab.ui.timeline.steps) == 3 and tab.ui.timeline.position == 3 and forward_calls["n"] == 4
    step(qtbot, tab, lambda: tab.ui.timeline.rewind(1))  # back to after step 1
    assert tab.prompt_text() == texts[1] and tab.ui.timeline.position == 1
    assert tab.ui.timeline.item(3).font().italic()  # later steps are greyed, not gone
    drawn = tab.ui.timeline.steps[1]  # the next step was a Sample: its u is marked on this distribution
    assert tab.last_draw.u == drawn.u and tab.last_draw.token_id == drawn.token_id
    assert forward_calls["n"] == 4  # the logits came from the cache
    step(qtbot, tab, lambda: tab.ui.timeline.rewind(0))
    assert tab.prompt_text() == DEFAULT_PROMPT
    step(qtbot, tab, lambda: tab.ui.timeline.rewind(3))  # and forward again
    assert tab.prompt_text() == texts[3]
    step(qtbot, tab, lambda: tab.ui.timeline.rewind(1))
    step(qtbot, tab, tab.greedy_step)  # a new step from step 1 replaces the later ones
    assert len(tab.ui.timeline.steps) == 2 and tab.ui.timeline.position == 2
    set_prompt(qtbot, tab, "a dog")  # a step from an unrelated prompt starts a new timeline
    step(qtbot, tab, tab.greedy_step)
    assert tab.ui.timeline.start_text == "a dog" and len(tab.ui.timeline.steps) == 1


def test_compare_a_and_b_over_the_same_logits(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    tab.ui.views.setCurrentWidget(tab.ui.compare)
    a, b = tab.ui.compare.forms
    a.set_settings(SamplingSettings(temperature=1.0))
    b.set_settings(SamplingSettings(temperature=0.5, top_k=5))
    logits = NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT)
    expected = [sampling_stages(logits, settings)[-1] for settings in (a.settings(), b.settings())]
    assert tab.ui.compare.entropies() == pytest.approx([stage.entropy_bits for stage in expected])
    assert tab.ui.compare.entropies()[0] > tab.ui.compare.entropies()[1]
    assert tab.ui.compare.survivors() == [len(logits), 5]
    stats = tab.ui.compare.stats[1].text()
    assert f"{expected[1].entropy_bits:.2f} bits" in stats and "5 of" in stats
    assert len(tab.ui.compare.plot.figure().axes) == 2
    rows = torch.topk(torch.softmax(logits, -1), 12).indices.tolist()  # the model's own top tokens
    assert tab.ui.compare.plot.token_ids == rows
    assert tab.ui.compare.plot.heights[1] == pytest.approx(expected[1].probs[rows].tolist(), abs=1e-6)
    tab.ui.controls.temperature.setValue(0.5)
    tab.ui.controls.top_k_spin.setValue(5)
    a.findChild(QPushButton, "compareCopyA").click()  # copy the left column into A: now A equals B
    assert tab.ui.compare.entropies()[0] == pytest.approx(tab.ui.compare.entropies()[1])
    assert forward_calls["n"] == 2  # the tab's run and this test's own predictor: none for A/B


def export(tab, stem, path):
    """Save the tab's export item with file stem `stem` to `path` (no dialog); the saved path or None."""
    from gui.common.tab_exports import export_item

    (item,) = [item for item in tab.export_items() if item.file_stem == stem]
    return export_item(item, path)


def test_csv_export_holds_the_distribution(tab, qtbot, gpt2, tmp_path):
    set_model(qtbot, tab, gpt2)
    tab.ui.controls.temperature.setValue(0.7)
    tab.ui.controls.top_k_spin.setValue(8)
    export(tab, "next-token-distribution", tmp_path / "next.csv")
    with open(tmp_path / "next.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(tab.current_distribution)
    final = {int(row["token_id"]): float(row["p_top-k"]) for row in rows}
    assert [final[i] for i in range(len(final))] == pytest.approx(tab.current_distribution.tolist(), abs=1e-9)
    assert sum(int(row["kept"]) for row in rows) == 8 and [row["rank"] for row in rows[:3]] == ["1", "2", "3"]
    raw = torch.softmax(NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT), -1)
    assert [float(row["p_softmax"]) for row in rows] == pytest.approx(raw[[int(r["token_id"]) for r in rows]].tolist())
    assert rows[0]["label"] == tab.bar_labels()[0]
    assert rows[0]["text"] == gpt2.tokenizer.decode([int(rows[0]["token_id"])])


def test_png_export_writes_the_bars(tab, qtbot, gpt2, tmp_path):
    assert export(tab, "next-token-bars", tmp_path / "none.png") is None  # no model: nothing to save
    set_model(qtbot, tab, gpt2)
    target = tmp_path / "bars.png"
    export(tab, "next-token-bars", target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000
    renders = tab.ui.bars.render_count
    tab.ui.controls.temperature.setValue(1.3)  # the bars still redraw afterwards
    assert tab.ui.bars.render_count == renders + 1 and all(artist.get_animated() for artist in tab.ui.bars._state["animated"])


def test_generation_streams_the_same_tokens_as_core(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    panel = tab.ui.generation
    panel.strategy_combo.setCurrentIndex(panel.strategy_combo.findData("sample"))
    panel.max_tokens_spin.setValue(8)
    tab.ui.controls.temperature.setValue(1.2)
    tab.ui.controls.seed_spin.setValue(4)
    column_b = panel.columns[1]
    column_b.strategy_combo.setCurrentIndex(column_b.strategy_combo.findData("greedy"))
    expected = list(generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings(
        "sample", 8, SamplingSettings(temperature=1.2, seed=4))))
    greedy = list(generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings("greedy", 8)))
    assert panel.columns_spin.value() == 2  # two strategies, same prompt, side by side
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.generate_button.click()
    assert [t.token_id for t in panel.tokens] == [t.token_id for t in expected]
    assert tab.generated_text() == "".join(t.text for t in expected)
    assert panel.output.toPlainText() == DEFAULT_PROMPT + tab.generated_text()
    assert [t.token_id for t in column_b.tokens] == [t.token_id for t in greedy]
    assert column_b.output.toPlainText() == DEFAULT_PROMPT + "".join(t.text for t in greedy)
    assert panel.generate_button.isEnabled() and not panel.stop_button.isEnabled()
    panel.columns_spin.setValue(1)  # one strategy only: B stays as it was
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.generate_button.click()
    assert not column_b.isVisible() and len(column_b.tokens) == 8


def test_stop_ends_generation_within_one_token(tab, qtbot, gpt2, forward_calls):
    set_model(qtbot, tab, gpt2)
    panel = tab.ui.generation
    room = 64 - len(gpt2.encode(DEFAULT_PROMPT))
    assert len(list(generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings("greedy", room)))) == room
    panel.max_tokens_spin.setValue(room)
    forward_calls["sleep"] = 0.02
    panel.generate()
    assert panel.running and panel.stop_button.isEnabled()
    assert all(column.running for column in panel.active_columns())  # both run at once
    qtbot.waitUntil(lambda: len(panel.tokens) >= 3, timeout=WAIT_MS)  # streamed while running
    qtbot.waitUntil(lambda: len(panel.columns[1].tokens) >= 1, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.stop_button.click()  # Stop stops both
    for column in panel.active_columns():
        assert len(column.tokens) <= column.produced_when_stopped + 1 < room
        assert "Stopped" in column.status.text()


def test_masked_model_switches_to_fill_mask(tab, qtbot, bert_dir):
    bert = load_model(bert_dir)
    set_model(qtbot, tab, bert)
    assert tab.mode == FILL_MASK_MODE
    assert "[MASK]" in tab.ui.prompt.toPlainText() and "masked model" in tab.ui.header.status.text()
    assert not tab.ui.controls.settings_box.isEnabled() and not tab.ui.views.isTabEnabled(2)
    expected = fill_mask(bert, tab.ui.prompt.toPlainText(), top_k=20)[0]
    assert tab.bar_labels() == [guess.label for guess in expected]
    assert tab.bar_heights() == pytest.approx([guess.probability for guess in expected], abs=1e-6)
    set_prompt(qtbot, tab, "no mask here")
    assert tab.ui.message.isVisible() and "no mask" in tab.ui.message.text()
    assert tab.bar_labels() == [guess.label for guess in expected]  # the previous bars remain


def kept(now: list[float], before: list[float]) -> bool:
    """The bars before an error are still shown (the message's line may leave room for fewer rows)."""
    return len(now) >= 5 and now == before[:len(now)]


def test_errors_show_a_message_and_keep_the_bars(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    bars = tab.bar_heights()
    assert not tab.ui.message.isVisible()
    set_prompt(qtbot, tab, "")
    assert tab.findChild(type(tab.ui.message), "samplingMessage").isVisible()
    assert "empty" in tab.ui.message.text() and kept(tab.bar_heights(), bars)
    tab.ui.message.clear()
    with qtbot.waitSignal(tab.ui.generation.finished, timeout=WAIT_MS):  # the panels report to the same label
        tab.ui.generation.generate()
    assert "empty" in tab.ui.message.text()
    set_prompt(qtbot, tab, "the cat sat on the mat. " * 40)
    assert "at most 64 tokens" in tab.ui.message.text() and kept(tab.bar_heights(), bars)
    tab.ui.controls.order_combo.addItem("nonsense", "nonsense")  # a setting core.next_token.sampling refuses
    tab.ui.controls.order_combo.setCurrentIndex(2)
    assert "order must be one of" in tab.ui.message.text()
    tab.ui.controls.order_combo.setCurrentIndex(0)
    set_prompt(qtbot, tab, DEFAULT_PROMPT)
    assert not tab.ui.message.isVisible() and tab.bar_heights() == bars


def test_compare_temperatures_side_by_side(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    tab.ui.views.setCurrentWidget(tab.ui.temperature_plot)
    heights = tab.ui.temperature_plot.heights_by_temperature
    assert sorted(heights) == [0.5, 1.0, 1.5]
    assert max(heights[0.5]) > max(heights[1.0]) > max(heights[1.5])
    assert heights[1.0] == pytest.approx(tab.bar_heights()[:15], abs=1e-6)
    assert len(tab.ui.temperature_plot.figure().axes) == 3


def test_precision_comparison_runs_off_the_gui_thread(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    panel = tab.ui.precision
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.compare_button.click()
    assert [result.dtype for result in panel.results] == ["fp16", "bf16", "int8"]
    result = panel.results[-1]
    assert result.kl_nats >= 0
    cells = [[panel.table.item(r, c).text() for c in range(6)] for r in range(panel.table.rowCount())]
    assert [row[0] for row in cells] == ["fp32", "fp16", "bf16", "int8"]
    assert cells[3][5] == ("yes" if result.top1_agrees else "no")
    assert cells[0][1].endswith("kB") and cells[3][2] == f"{result.kl_nats:.2e}"


def test_switching_models_changes_mode(tab, qtbot, gpt2, bert_dir):
    set_model(qtbot, tab, load_model(bert_dir))
    assert tab.mode == FILL_MASK_MODE
    set_model(qtbot, tab, gpt2)
    assert tab.mode == NEXT_TOKEN_MODE and "[MASK]" not in tab.ui.prompt.toPlainText()
    assert tab.ui.controls.settings_box.isEnabled() and tab.ui.views.isTabEnabled(2)
    assert len(tab.bar_heights()) == 20


def test_closing_the_main_window_joins_the_tabs_threads(qtbot, gpt2, forward_calls, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui.shell.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    window = MainWindow()
    qtbot.addWidget(window)
    forward_calls["sleep"] = 0.3  # the prediction is still running when the window closes
    window.session.set_model(gpt2)
    assert window.sampling_tab.runner.running
    qtbot.waitUntil(lambda: forward_calls["n"] == 1, timeout=30_000)  # the model is running now
    window.close()
    assert not window.sampling_tab.runner.running and forward_calls["n"] == 1


def test_cumulative_bar_labels_only_segments_wide_enough_for_them(qtbot):
    """A token's label goes inside its segment only when it fits there, so labels never overlap."""
    import torch

    from gui.next_token.views import DrawPlot

    class Tokenizer:  # three tokens: a long word, a short one, and one more
        words = ["␣interpreter", "a", "b"]

        def decode(self, ids, clean_up_tokenization_spaces=False):
            return self.words[ids[0]]

    plot = DrawPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 160)
    plot.show()
    def drawn_labels() -> list[str]:
        plot.canvas.draw()
        return [label.get_text() for label in plot.figure().axes[0].texts if label.shown]

    plot.show_draw(torch.tensor([0.07, 0.07, 0.86]), None, Tokenizer(), 3, "")
    assert drawn_labels() == ["b", "a"]  # most likely first; 7% of the bar is too narrow for "␣interpreter"
    plot.show_draw(torch.tensor([0.5, 0.25, 0.25]), None, Tokenizer(), 3, "")
    assert drawn_labels() == ["␣interpreter", "a", "b"]
    plot.resize(150, 160)  # a narrower plot: the long label no longer fits its half of the bar
    qtbot.waitUntil(lambda: plot.figure().get_figwidth() < 2.0)
    assert drawn_labels() == ["a", "b"]
