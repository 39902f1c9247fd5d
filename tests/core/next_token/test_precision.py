"""fp32 against reduced precision (int8 dynamic quantization, bf16, fp16) on a tiny GPT-2."""

from __future__ import annotations

import pytest
import torch
from transformers.pytorch_utils import Conv1D

from core.next_token.precision import PrecisionComparer, conv1d_to_linear, kl_divergence, model_size_bytes

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2")))


def test_model_size_per_dtype():
    assert model_size_bytes(1_000) == {"fp32": 4_000, "fp16": 2_000, "bf16": 2_000, "int8": 1_000}


def test_kl_divergence_values():
    p = torch.tensor([0.5, 0.5]).log()
    q = torch.tensor([0.9, 0.1]).log()
    expected = 0.5 * torch.log(torch.tensor(0.5 / 0.9)) + 0.5 * torch.log(torch.tensor(0.5 / 0.1))
    assert kl_divergence(p, q) == pytest.approx(float(expected), rel=1e-6)
    assert kl_divergence(p, p + 3.0) == pytest.approx(0.0, abs=1e-12)  # softmax ignores a shift


def test_conv1d_to_linear_keeps_outputs(gpt2):
    import copy

    converted = conv1d_to_linear(copy.deepcopy(gpt2.model))
    assert not any(isinstance(m, Conv1D) for m in converted.modules())
    assert any(isinstance(m, Conv1D) for m in gpt2.model.modules())  # original untouched
    ids = torch.tensor([gpt2.encode("the cat sat")])
    with torch.no_grad():
        assert torch.allclose(converted(ids).logits, gpt2.model(ids).logits, atol=1e-5)


def test_int8_and_half_precision_stay_close_to_fp32(gpt2):
    comparer = PrecisionComparer(gpt2)
    results = {r.dtype: r for r in comparer.compare("the cat sat on", ("fp32", "int8", "bf16", "fp16"))}
    assert results["fp32"].kl_nats == pytest.approx(0.0, abs=1e-9) and results["fp32"].top1_agrees
    int8 = results["int8"]
    quantized, device = comparer.copy_for("int8")
    assert device == "cpu"
    dynamic = [m for m in quantized.modules() if "quantized.dynamic" in type(m).__module__]
    assert len(dynamic) == 2 * 4 + 1  # c_attn, c_proj, c_fc, mlp c_proj per layer, and lm_head
    assert not any(type(m) is torch.nn.Linear for m in quantized.modules())
    assert 0 < int8.kl_nats < 0.05
    assert int8.kl_nats == pytest.approx(kl_divergence(int8.probs_fp32.log(), int8.probs.log()), rel=1e-3)
    assert int8.top1_agrees == (int8.top1 == int8.top1_fp32)
    assert int8.probs.shape == (gpt2.model.config.vocab_size,)
    assert 0 < results["bf16"].kl_nats < 0.05 and 0 <= results["fp16"].kl_nats < 0.01
    assert comparer.copy_for("int8")[0] is quantized  # built once


def test_precision_errors(gpt2):
    comparer = PrecisionComparer(gpt2)
    with pytest.raises(ValueError, match="Unknown precision"):
        comparer.compare("the cat", ("int4",))
    with pytest.raises(ValueError, match="empty"):
        comparer.compare("", ("int8",))


def test_top_k_agreement_is_the_share_of_fp32s_top_ten_kept():
    from core.next_token.precision import top_k_agreement

    p = torch.arange(20, dtype=torch.float32)  # top ten: ids 10..19
    assert top_k_agreement(p, p) == 1.0
    q = p.clone()
    q[[19, 18, 17]] = -1.0  # three of them drop out of q's top ten (ids 7, 8, 9 come in)
    assert top_k_agreement(p, q) == pytest.approx(0.7)
    assert top_k_agreement(p, -p) == 0.0
    assert top_k_agreement(p[:4], p[:4].flip(0)) == 1.0  # fewer than ten tokens: all of them
    assert top_k_agreement(torch.zeros(12), torch.zeros(12)) == 1.0  # ties: by token id, the same way for both


def test_each_precision_reports_its_top_ten_agreement(gpt2):
    from core.next_token.precision import top_k_agreement

    results = PrecisionComparer(gpt2).compare("the cat sat on", ("fp16", "bf16", "int8"))
    for result in results:
        assert 0.0 <= result.topk_agreement <= 1.0
        assert result.topk_agreement == top_k_agreement(result.probs_fp32.log(), result.probs.log())
        top_fp32 = set(torch.topk(result.probs_fp32, 10).indices.tolist())
        top_dtype = set(torch.topk(result.probs, 10).indices.tolist())
        assert result.topk_agreement == pytest.approx(len(top_fp32 & top_dtype) / 10)
    assert results[0].topk_agreement >= 0.8  # fp16 keeps nearly every digit that matters here
