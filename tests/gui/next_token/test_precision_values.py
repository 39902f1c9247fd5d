"""The precision panel's rows: the int8 row's KL divergence is the one core computes for the tab's prompt, and a
real, positive number (a quantized copy never predicts exactly like the fp32 model); the fp16 and bf16 rows show
core's KL and top-10 agreement."""

from __future__ import annotations

import pytest
import torch

from core.model.loading import load_model
from core.next_token.precision import PrecisionComparer
from core.next_token.prediction import NextTokenPredictor
from gui.common.session import Session
from gui.next_token.tab import DEFAULT_PROMPT, SamplingTab
from tests.tiny_models import make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2")))


@pytest.fixture
def tab(qtbot, gpt2):
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    with qtbot.waitSignal(widget.computed, timeout=WAIT_MS):
        widget.session.set_model(gpt2)
    yield widget
    widget.shutdown()


def row_of(panel, dtype):
    """The table row whose first cell names `dtype`."""
    rows = [r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == dtype]
    assert len(rows) == 1, dtype
    return rows[0]


def test_int8_row_shows_cores_kl_for_the_prompt(tab, qtbot, gpt2):
    panel = tab.ui.precision
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.compare_button.click()
    results = {result.dtype: result for result in panel.results}
    assert list(results) == ["fp16", "bf16", "int8"]  # every precision is offered, and ticked at first
    result = results["int8"]
    # The fp32 side is the tab's own prediction for the prompt.
    raw = torch.softmax(NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT), -1)
    assert torch.allclose(result.probs_fp32, raw, atol=1e-6)
    # KL(p_fp32 || p_int8) by hand, from the two distributions the panel holds.
    p, q = result.probs_fp32.double(), result.probs.double()
    by_hand = float((p * (p.log() - q.log())).sum())
    assert result.kl_nats == pytest.approx(by_hand, rel=0.05)  # float32 probabilities: a few % of a KL this small
    assert 1e-9 < result.kl_nats < 0.05  # int8 changed the prediction, a little
    (core,) = PrecisionComparer(gpt2).compare(DEFAULT_PROMPT, ("int8",))
    assert result.kl_nats == pytest.approx(core.kl_nats, rel=1e-3)
    row = row_of(panel, "int8")
    assert panel.table.item(row, 2).text() == f"{result.kl_nats:.2e}"
    assert panel.table.item(row_of(panel, "fp32"), 2).text() == "0"  # fp32 against itself
    assert row_of(panel, "fp32") == 0


@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_half_precision_rows_show_cores_size_kl_and_top_ten_agreement(tab, qtbot, gpt2, dtype):
    from core.next_token.precision import model_size_bytes
    from gui.common.locale_numbers import byte_size

    panel = tab.ui.precision
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.compare_button.click()
    result = next(result for result in panel.results if result.dtype == dtype)
    (core,) = PrecisionComparer(gpt2).compare(DEFAULT_PROMPT, (dtype,))
    assert result.kl_nats == pytest.approx(core.kl_nats, rel=1e-3, abs=1e-12)
    assert 0 <= result.kl_nats < 0.05  # 16 bits move the distribution, a little
    top_fp32 = set(torch.topk(result.probs_fp32, 10).indices.tolist())
    top_dtype = set(torch.topk(result.probs, 10).indices.tolist())
    assert result.topk_agreement == pytest.approx(len(top_fp32 & top_dtype) / 10) == core.topk_agreement
    row = row_of(panel, dtype)
    cells = [panel.table.item(row, c).text() for c in range(panel.table.columnCount())]
    assert cells[2] == f"{result.kl_nats:.2e}" and cells[3] == f"{100 * result.topk_agreement:.0f}%"
    sizes = model_size_bytes(gpt2.n_parameters)
    assert sizes[dtype] == 2 * gpt2.n_parameters and cells[1] == byte_size(sizes[dtype])
    assert cells[5] == ("yes" if result.top1_agrees else "no")


def test_only_the_ticked_precisions_are_compared(tab, qtbot):
    panel = tab.ui.precision
    panel.checks["fp16"].setChecked(False)
    panel.checks["int8"].setChecked(False)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.compare_button.click()
    assert [result.dtype for result in panel.results] == ["bf16"]
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == ["fp32", "bf16"]
    panel.checks["bf16"].setChecked(False)
    assert not panel.compare_button.isEnabled()  # nothing to compare with
    panel.checks["int8"].setChecked(True)
    assert panel.compare_button.isEnabled()
