"""The Next-token tab at repetition penalty 1.5: its bars are core's distribution for the same prompt, with
the prompt's own tokens as the ones penalised."""

from __future__ import annotations

import pytest
import torch

from core.model.loading import load_model
from core.next_token.sampling import final_distribution
from core.tokenization.token_labels import token_label
from gui.common.session import Session
from gui.next_token.tab import SamplingTab
from tests.tiny_models import make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000
PROMPT = "the cat sat on the mat. the dog sat on the log"
PENALTY = 1.5


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    loaded = load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2")))
    with torch.no_grad():  # spread the random model's logits (std 0.1) to about 0.6
        loaded.model.lm_head.weight.mul_(5)
    return loaded


@pytest.fixture
def tab(qtbot, gpt2):
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.computed, timeout=WAIT_MS):
        widget.session.set_model(gpt2)
    with qtbot.waitSignal(widget.computed, timeout=WAIT_MS):
        widget.ui.prompt.setPlainText(PROMPT)
    yield widget
    widget.shutdown()


def expected_distributions(gpt2):
    """(logits, prompt ids, core's penalised distribution, the same without a penalty)."""
    ids = gpt2.encode(PROMPT)
    with torch.no_grad():
        logits = gpt2.model(torch.tensor([ids])).logits[0, -1].float()
    penalised = final_distribution(logits, repetition_penalty=PENALTY, previous_ids=ids)
    return logits, ids, penalised, final_distribution(logits)


def test_bars_at_penalty_1_5_equal_core_with_the_prompts_tokens(tab, gpt2):
    logits, ids, penalised, plain = expected_distributions(gpt2)
    assert (penalised - plain).abs().max() > 0.03  # the penalty visibly changes this prompt's distribution
    tab.ui.controls.penalty_spin.setValue(PENALTY)
    assert [stage.name for stage in tab.stages] == ["softmax", "repetition penalty", "temperature"]
    assert torch.allclose(tab.current_distribution, penalised, atol=1e-6)
    top = torch.sort(penalised, descending=True, stable=True)
    assert tab.bar_heights() == pytest.approx(top.values[:20].tolist(), abs=1e-6)
    assert tab.bar_labels() == [token_label(gpt2.tokenizer, int(i)) for i in top.indices[:20]]
    # The model's own (raw) bars beside them are untouched by the penalty.
    shown = tab.ui.bars.rows.token_ids
    assert tab.ui.bars.raw_heights() == pytest.approx(torch.softmax(logits, -1)[shown].tolist(), abs=1e-6)
    # Every token of the prompt lost probability against every token not in it.
    ratio = penalised / plain
    in_prompt = torch.zeros_like(ratio, dtype=torch.bool)
    in_prompt[sorted(set(ids))] = True
    assert ratio[in_prompt].max() < ratio[~in_prompt].min()


def test_the_temperature_comparison_applies_the_same_penalty(tab, qtbot, gpt2):
    _, _, penalised, _ = expected_distributions(gpt2)
    tab.ui.controls.penalty_spin.setValue(PENALTY)
    tab.ui.views.setCurrentWidget(tab.ui.temperature_plot)
    qtbot.waitUntil(lambda: 1.0 in tab.ui.temperature_plot.heights_by_temperature, timeout=WAIT_MS)
    heights = tab.ui.temperature_plot.heights_by_temperature[1.0]
    top = torch.sort(penalised, descending=True, stable=True).values
    assert heights == pytest.approx(top[:len(heights)].tolist(), abs=1e-6)
