"""The generation lesson's views: four strategies side by side, the beam tree, speculative decoding and the
logit lens, checked against core/ by their data (tokens, tree nodes, heatmap values, CSV rows)."""

from __future__ import annotations

import csv
import time

import numpy as np
import pytest
import torch

from core.model.loading import load_model
from core.next_token.beam_search import PRUNED, beam_search
from core.next_token.generation import GenerationSettings, generate_tokens
from core.next_token.logit_lens import logit_lens
from core.next_token.settings import SamplingSettings
from gui.common.session import Session
from gui.common.tab_exports import export_item
from gui.next_token.tab import DEFAULT_PROMPT, SamplingTab
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture(scope="module")
def draft_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("draft"), n_layer=1, n_embd=16)


@pytest.fixture
def gpt2(gpt2_dir):
    return load_model(gpt2_dir)


@pytest.fixture
def tab(qtbot, gpt2):
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.computed, timeout=WAIT_MS):
        widget.session.set_model(gpt2)
    yield widget
    widget.shutdown()


def item(tab, stem):
    return next(each for each in tab.export_items() if each.file_stem == stem)


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_four_strategies_side_by_side_match_core(tab, qtbot, gpt2, tmp_path):
    panel = tab.ui.generation
    tab.show_page("generation")
    panel.max_tokens_spin.setValue(8)
    panel.columns_spin.setValue(4)
    tab.ui.controls.temperature.setValue(1.2)
    tab.ui.controls.seed_spin.setValue(5)
    strategies = ("beam-sample", "group-beam", "beam", "contrastive")
    for column, strategy in zip(panel.columns, strategies):
        choose(column.strategy_combo, strategy)
    assert all(column.isVisible() for column in panel.columns)
    options = panel.columns[2].options
    assert options.beams.isVisible() and not options.alpha.isVisible() and options.ngram.isVisible()
    options.beams.setValue(3)
    options.length_penalty.setValue(2.0)
    options.ngram.setValue(2)
    panel.columns[1].options.beams.setValue(4)
    panel.columns[1].options.groups.setValue(2)
    panel.columns[3].options.alpha.setValue(0.4)
    panel.columns[3].options.candidates.setValue(3)
    sampling = SamplingSettings(temperature=1.2, seed=5)
    expected = [
        GenerationSettings("beam-sample", 8, sampling),
        GenerationSettings("group-beam", 8, sampling, num_beams=4, num_beam_groups=2),
        GenerationSettings("beam", 8, sampling, num_beams=3, length_penalty=2.0, no_repeat_ngram_size=2),
        GenerationSettings("contrastive", 8, sampling, penalty_alpha=0.4, contrastive_top_k=3),
    ]
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.generate_button.click()
        panel.generate_button.click()  # a second click while running changes nothing
    for column, settings in zip(panel.columns, expected):
        tokens = list(generate_tokens(gpt2, DEFAULT_PROMPT, settings))
        assert [t.token_id for t in column.tokens] == [t.token_id for t in tokens], settings.strategy
        shown = DEFAULT_PROMPT + "".join(t.text for t in tokens)
        assert column.output.toPlainText() == shown.replace("\r\n", "\n").replace("\r", "\n")  # as Qt shows it
        stats = column.stats
        assert stats.tokens == len(tokens) and stats.tokens_per_second > 0
        assert stats.mean_log_prob == pytest.approx(sum(torch.log(torch.tensor(t.probability)).item()
                                                        for t in tokens) / len(tokens), abs=1e-5)
        assert "tokens/s" in column.status.text() and "perplexity" in column.status.text()
        assert "distinct 2-grams" in column.status.text()
    saved = export_item(item(tab, "next-token-generated"), tmp_path / "generated.csv")
    rows = list(csv.reader(open(saved, encoding="utf-8-sig")))
    assert {row[1] for row in rows[1:]} == set(strategies)


def test_bad_strategy_settings_show_a_message(tab, qtbot):
    panel = tab.ui.generation
    choose(panel.columns[0].strategy_combo, "group-beam")
    panel.columns[0].options.beams.setValue(5)
    panel.columns[0].options.groups.setValue(2)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.generate()
    assert "split evenly" in tab.ui.message.text() and not panel.running


def test_beam_tree_shows_the_search_of_core(tab, qtbot, gpt2, tmp_path):
    panel = tab.ui.beam_tree
    tab.show_page("beam-tree")
    panel.beams_spin.setValue(3)
    panel.steps_spin.setValue(6)
    panel.return_spin.setValue(3)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run_button.click()
        panel.run_button.click()  # ignored while the search runs
    expected = beam_search(gpt2, gpt2.encode(DEFAULT_PROMPT), 3, 6, num_return_sequences=3)
    assert panel.result.sequences == expected.sequences
    assert panel.result.scores == pytest.approx(expected.scores, abs=1e-6)
    assert len(panel.steps) == len(expected.steps) and panel.slider.value() == len(panel.steps)
    by_step: dict[int, list] = {}
    for node in panel.nodes:
        by_step.setdefault(node.step, []).append(node)
    assert sorted(by_step) == list(range(len(panel.steps)))
    for step, nodes in by_step.items():  # num_beams highlighted nodes per step, the rest greyed
        assert sum(node.status != PRUNED for node in nodes) == 3, step
        assert len(nodes) == 6
    assert panel.table.rowCount() == 3
    assert panel.table.item(0, 4).text() == f"{expected.scores[0]:.3f}"
    panel.slider.setValue(2)  # replay: only the first two steps are drawn
    panel.draw()
    assert {node.step for node in panel.nodes} == {0, 1}
    png = export_item(item(tab, "beam-search-tree"), tmp_path / "tree.png")
    svg = export_item(item(tab, "beam-search-tree"), tmp_path / "tree.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()[:2000]
    rows = list(csv.reader(open(export_item(item(tab, "beam-search-hypotheses"), tmp_path / "h.csv"),
                                encoding="utf-8-sig")))
    assert [float(row[5]) for row in rows[1:]] == pytest.approx(expected.scores, abs=1e-6)


def test_stop_ends_a_long_beam_search_within_one_step(tab, qtbot, gpt2, monkeypatch):
    original = gpt2.model.forward

    def slow(*args, **kwargs):
        time.sleep(0.03)
        return original(*args, **kwargs)

    monkeypatch.setattr(gpt2.model, "forward", slow)
    panel = tab.ui.beam_tree
    panel.steps_spin.setValue(40)
    panel.run()
    qtbot.waitUntil(lambda: len(panel.steps) >= 2, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        seen = len(panel.steps) + len(panel._queue)
        panel.stop_button.click()
    assert panel.result.stopped and len(panel.steps) <= seen + 1 < 40
    assert "Stopped" in panel.status.text() and panel.run_button.isEnabled()


def test_stop_ends_four_columns_within_one_token(tab, qtbot, gpt2, monkeypatch):
    original = gpt2.model.forward

    def slow(*args, **kwargs):
        time.sleep(0.02)
        return original(*args, **kwargs)

    monkeypatch.setattr(gpt2.model, "forward", slow)
    panel = tab.ui.generation
    panel.columns_spin.setValue(4)
    for column, strategy in zip(panel.columns, ("greedy", "sample", "contrastive", "greedy")):
        choose(column.strategy_combo, strategy)
    panel.max_tokens_spin.setValue(50)
    panel.generate()
    qtbot.waitUntil(lambda: all(len(column.tokens) >= 1 for column in panel.columns), timeout=WAIT_MS)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.stop_button.click()
    for column in panel.columns:
        assert len(column.tokens) <= column.produced_when_stopped + 1 < 50
        assert "Stopped" in column.status.text()


def test_speculative_page_writes_the_greedy_text(tab, qtbot, gpt2, draft_dir):
    panel = tab.ui.speculative
    tab.show_page("speculative")
    panel.new_tokens.setValue(20)
    panel.draft_tokens.setValue(3)
    greedy = [t.token_id for t in generate_tokens(gpt2, DEFAULT_PROMPT, GenerationSettings("greedy", 20))]
    panel.add_draft_folder(str(draft_dir))
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run_button.click()
    plain, result = panel.result
    assert result.token_ids == greedy and plain.token_ids == greedy
    assert len(panel.rounds) == len(result.rounds) and panel.rounds[0].proposed == []
    assert all(len(r.proposed) <= 3 for r in panel.rounds)
    rejected = "".join(gpt2.tokenizer.decode([r.proposed[r.accepted]]) for r in result.rounds
                       if r.accepted < len(r.proposed))
    written = gpt2.tokenizer.decode(greedy)
    assert panel.output.toPlainText().startswith(DEFAULT_PROMPT)
    assert len(panel.output.toPlainText()) == len(DEFAULT_PROMPT) + len(written) + len(rejected)
    assert "Acceptance rate" in panel.status.text() and "Same text as greedy" in panel.status.text()
    choose(panel.source_combo, "lookup")
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run()
    assert panel.result[1].token_ids == greedy


def test_speculative_page_refuses_a_draft_without_a_next_token_head(tab, qtbot, tmp_path):
    panel = tab.ui.speculative
    panel.add_draft_folder(str(make_tiny_bert(tmp_path / "bert")))
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run()
    assert "no next-token head" in tab.ui.message.text() and panel.run_button.isEnabled()


def test_logit_lens_page_draws_each_layers_guesses(tab, qtbot, gpt2, tmp_path):
    panel = tab.ui.logit_lens
    tab.show_page("logit-lens")
    panel.k_spin.setValue(4)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.run_button.click()
    expected = logit_lens(gpt2, DEFAULT_PROMPT, "all", 10)
    assert torch.allclose(panel.lens.last_probs, expected.last_probs, atol=1e-6)
    with torch.no_grad():
        own = torch.softmax(gpt2.model(torch.tensor([gpt2.encode(DEFAULT_PROMPT)])).logits[0, -1], -1)
    assert torch.allclose(panel.lens.last_probs[-1], own, atol=1e-5)
    top_image = np.asarray(panel._axes["top"].images[0].get_array())
    assert top_image.shape == (gpt2.n_layers + 1, 4)
    assert np.allclose(top_image, expected.top_probs[:, -1, :4].numpy(), atol=1e-6)
    grid_image = np.asarray(panel._axes["grid"].images[0].get_array())
    assert np.allclose(grid_image, expected.top_probs[:, :, 0].numpy(), atol=1e-6)
    assert grid_image.shape == (gpt2.n_layers + 1, len(gpt2.encode(DEFAULT_PROMPT)))
    assert "top guess" in panel.status.text()
    from gui.next_token.logit_lens_plot import hover_text

    tip = hover_text(panel.lens, 1, 0, panel.label, last_only=False)  # what hovering layer 1, position 0 shows
    first = panel.label(int(expected.top_ids[1, 0, 0]))
    assert tip.startswith("layer 1") and f"“{first}” {100 * float(expected.top_probs[1, 0, 0]):.1f}%" in tip
    rows = list(csv.reader(open(export_item(item(tab, "logit-lens"), tmp_path / "lens.csv"), encoding="utf-8-sig")))
    assert len(rows) == 1 + (gpt2.n_layers + 1) * len(expected.positions) * 10
    last = [row for row in rows[1:] if row[1] == str(expected.positions[-1]) and row[4] == "1"]
    assert [int(row[8]) for row in last] == expected.final_ranks
    for stem in ("logit-lens-last-position", "logit-lens-positions"):
        png = export_item(item(tab, stem), tmp_path / f"{stem}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
