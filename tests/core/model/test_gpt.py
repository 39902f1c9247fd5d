"""Tests for core.model.gpt: shapes, causality, the explicit attention path, generation and size helpers."""

from __future__ import annotations

import math

import pytest
import torch

from core.model.gpt import GPT, GPTConfig, estimate_memory_bytes, estimate_num_parameters, flops_per_token

torch.set_num_threads(1)


def tiny_config(**overrides) -> GPTConfig:
    values = dict(vocab_size=17, block_size=12, n_layer=2, n_head=2, n_embd=16, dropout=0.0)
    values.update(overrides)
    return GPTConfig(**values)


def make_model(seed: int = 0, **overrides) -> GPT:
    torch.manual_seed(seed)
    return GPT(tiny_config(**overrides)).eval()


def test_forward_shapes_and_initial_loss_near_uniform():
    model = make_model()
    idx = torch.randint(0, 17, (3, 12))
    logits, loss = model(idx, idx)
    assert logits.shape == (3, 12, 17)
    # A freshly initialised model is close to uniform: loss ~ ln(V).
    assert abs(loss.item() - math.log(17)) < 0.3


def test_loss_without_targets_is_none_and_ignore_index_minus_one():
    model = make_model()
    idx = torch.randint(0, 17, (2, 8))
    _, loss = model(idx)
    assert loss is None
    targets = idx.clone()
    targets[:, :4] = -1
    logits, loss = model(idx, targets)
    manual = torch.nn.functional.cross_entropy(logits[:, 4:].reshape(-1, 17), idx[:, 4:].reshape(-1))
    assert loss.item() == pytest.approx(manual.item(), abs=1e-6)


def test_explicit_attention_path_matches_fast_path():
    model = make_model()
    idx = torch.randint(0, 17, (2, 10))
    fast, _ = model(idx)
    slow, _, trace = model(idx, return_attention=True, return_qk=True)
    assert torch.allclose(fast, slow, atol=1e-5)
    assert trace.probs.shape == (2, 2, 2, 10, 10)  # (layers, B, heads, T, T)
    assert trace.queries.shape == (2, 2, 2, 10, 8)  # (layers, B, heads, T, hs)
    assert trace.keys.shape == (2, 2, 2, 10, 8)
    assert torch.allclose(trace.probs.sum(-1), torch.ones(2, 2, 2, 10), atol=1e-6)
    # Causal: nothing above the diagonal.
    upper = torch.triu(torch.ones(10, 10, dtype=torch.bool), diagonal=1)
    assert trace.probs[..., upper].abs().max().item() == 0.0
    # First token can only attend to itself.
    assert torch.all(trace.probs[..., 0, 0] == 1.0)


def test_attention_without_qk_leaves_them_none():
    model = make_model()
    _, _, trace = model(torch.zeros(1, 4, dtype=torch.long), return_attention=True)
    assert trace.queries is None and trace.keys is None
    assert trace.probs.shape == (2, 1, 2, 4, 4)


def test_causality_future_tokens_do_not_change_past_logits():
    model = make_model()
    idx = torch.randint(0, 17, (1, 10))
    changed = idx.clone()
    changed[0, 6:] = (changed[0, 6:] + 1) % 17
    a, _ = model(idx)
    b, _ = model(changed)
    assert torch.allclose(a[0, :6], b[0, :6], atol=1e-6)
    assert not torch.allclose(a[0, 6:], b[0, 6:], atol=1e-4)


def test_weight_tying_and_parameter_count():
    model = make_model()
    assert model.lm_head.weight is model.transformer.wte.weight
    # wte 272 + wpe 192 + 2 blocks * (2 LNs 64 + c_attn 816 + c_proj 272 + c_fc 1088 + c_proj 1040) + ln_f 32
    expected = 17 * 16 + 12 * 16 + 2 * (64 + 16 * 48 + 48 + 16 * 16 + 16 + 16 * 64 + 64 + 64 * 16 + 16) + 32
    assert model.num_parameters() == expected == 7056
    assert model.num_parameters(non_embedding=True) == expected - 17 * 16 - 12 * 16
    for bias in (True, False):
        cfg = tiny_config(bias=bias)
        assert estimate_num_parameters(cfg) == GPT(cfg).num_parameters()


def test_residual_projection_init_is_scaled():
    torch.manual_seed(0)
    model = GPT(GPTConfig(n_layer=8, n_embd=128, n_head=4, vocab_size=50))
    std = model.transformer.h[0].attn.c_proj.weight.std().item()
    assert std == pytest.approx(0.02 / math.sqrt(16), rel=0.1)
    assert model.transformer.h[0].attn.c_attn.weight.std().item() == pytest.approx(0.02, rel=0.1)


def test_too_long_sequence_is_rejected():
    model = make_model()
    with pytest.raises(ValueError, match="block_size"):
        model(torch.zeros(1, 13, dtype=torch.long))


@pytest.mark.parametrize(
    "overrides, message",
    [
        (dict(n_embd=10, n_head=3), "divisible"),
        (dict(n_layer=0), "n_layer"),
        (dict(dropout=1.0), "dropout"),
        (dict(activation="swish"), "activation"),
    ],
)
def test_config_validation(overrides, message):
    with pytest.raises(ValueError, match=message):
        GPT(tiny_config(**overrides))


def test_generate_shapes_greedy_and_window():
    model = make_model()
    idx = torch.zeros(2, 3, dtype=torch.long)
    out = model.generate(idx, max_new_tokens=15, temperature=0)  # longer than block_size: window slides
    assert out.shape == (2, 18)
    assert torch.equal(out[:, :3], idx)
    assert torch.equal(out[0], out[1])  # greedy is deterministic
    # Greedy's first token is the argmax of the model's own logits.
    logits, _ = model(idx[:1])
    assert out[0, 3].item() == logits[0, -1].argmax().item()
    assert not model.training


def test_generate_top_k_one_equals_greedy_and_seeded_sampling_repeats():
    model = make_model()
    idx = torch.tensor([[1, 2, 3]])
    greedy = model.generate(idx, 8, temperature=0)
    topk1 = model.generate(idx, 8, temperature=1.0, top_k=1)
    assert torch.equal(greedy, topk1)
    a = model.generate(idx, 8, generator=torch.Generator().manual_seed(5))
    b = model.generate(idx, 8, generator=torch.Generator().manual_seed(5))
    assert torch.equal(a, b)
    assert int(a.max()) < 17 and int(a.min()) >= 0


def test_generate_restores_training_mode():
    model = make_model()
    model.train()
    model.generate(torch.zeros(1, 1, dtype=torch.long), 2)
    assert model.training


def test_memory_and_flops_estimates_grow_with_size():
    small = tiny_config()
    # 16 bytes per parameter at least.
    assert estimate_memory_bytes(small, 1) > 16 * estimate_num_parameters(small)
    assert estimate_memory_bytes(small, 8) > estimate_memory_bytes(small, 1)
    big = tiny_config(n_layer=4)
    assert flops_per_token(big) > flops_per_token(small)
    # 6N + 12 L C T with N excluding the position table.
    n = estimate_num_parameters(small) - 12 * 16
    assert flops_per_token(small) == 6 * n + 12 * 2 * 16 * 12


def test_crop_block_size_keeps_first_positions_and_logits():
    model = make_model()
    idx = torch.randint(0, 17, (1, 6))
    before, _ = model(idx)
    wpe = model.transformer.wpe.weight[:6].detach().clone()
    model.crop_block_size(6)
    assert model.config.block_size == 6 and model.transformer.wpe.weight.shape == (6, 16)
    assert torch.equal(model.transformer.wpe.weight, wpe)
    after, _ = model(idx)
    assert torch.allclose(before, after, atol=1e-6)
    with pytest.raises(ValueError):
        model.crop_block_size(7)


def test_set_dropout_reaches_every_layer():
    model = make_model()
    model.set_dropout(0.3)
    dropouts = [m.p for m in model.modules() if isinstance(m, torch.nn.Dropout)]
    assert dropouts and all(p == 0.3 for p in dropouts)
    assert model.transformer.h[1].attn.dropout == 0.3 and model.config.dropout == 0.3
    model.train()
    idx = torch.randint(0, 17, (1, 8))
    assert not torch.equal(model(idx)[0], model(idx)[0])  # dropout is active in training mode
