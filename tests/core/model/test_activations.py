"""Every activation our GPT offers exports to a GPT-2 checkpoint that transformers runs to the same logits."""

from __future__ import annotations

import pytest
import torch

from core.model.activations import ACTIVATIONS, activation_value
from core.model.checkpoint import load_gpt_from_hf_folder, save_checkpoint
from core.model.gpt import GPT, GPTConfig, activation_module


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_the_curve_matches_the_module(name):
    x = torch.linspace(-4, 4, 33)
    expected = torch.tensor([activation_value(name, float(v)) for v in x])
    assert torch.allclose(activation_module(name)(x), expected, atol=1e-6)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_export_gives_transformers_the_same_logits(name, tmp_path):
    from transformers import GPT2LMHeadModel

    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=50, block_size=16, n_layer=2, n_head=2, n_embd=16, activation=name)).eval()
    folder = save_checkpoint(model, tmp_path / name)
    hf = GPT2LMHeadModel.from_pretrained(folder).eval()
    assert hf.config.activation_function == name
    ids = torch.randint(0, 50, (2, 12), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        ours, _ = model(ids)
        theirs = hf(ids).logits
    assert torch.allclose(ours, theirs, atol=1e-5)
    assert load_gpt_from_hf_folder(folder).config.activation == name  # and back
    if name not in ("gelu", "gelu_new"):  # the two GELUs differ by < 1e-3 at most: not at this scale
        with torch.no_grad():
            tanh_gelu = GPT(GPTConfig(**{**model.config.__dict__, "activation": "gelu_new"})).eval()
            tanh_gelu.load_state_dict(model.state_dict())
            assert not torch.allclose(tanh_gelu(ids)[0], ours, atol=1e-6)  # the choice changes the model
