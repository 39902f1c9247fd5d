"""Tests for core.model.checkpoint: GPT-2-format export/import, atomic saves and training state."""

from __future__ import annotations

import json
import os

import pytest
import torch

from core.model.atomic_folders import CheckpointError, atomic_folder, recover_folder
from core.model.checkpoint import (
    gpt_config_from_hf_dict,
    gpt_from_hf_model,
    hf_config_dict,
    load_gpt_from_hf_folder,
    save_checkpoint,
)
from core.model.gpt import GPT, GPTConfig
from core.model.training_state import TrainingState, read_training_state, write_training_state

torch.set_num_threads(1)


def tiny_model(seed: int = 0, **overrides) -> GPT:
    values = dict(vocab_size=23, block_size=16, n_layer=2, n_head=2, n_embd=16)
    values.update(overrides)
    torch.manual_seed(seed)
    model = GPT(GPTConfig(**values))
    # Random (non-zero) biases and LayerNorm affines, so a wrong transpose or name cannot hide.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias") or ".ln_" in name:
                p.add_(torch.randn_like(p) * 0.1)
    return model.eval()


@pytest.mark.parametrize(
    "overrides", [dict(), dict(activation="gelu"), dict(bias=False), dict(n_head=4, n_layer=3)]
)
def test_transformers_loads_our_checkpoint_with_same_logits(tmp_path, overrides):
    from transformers import GPT2LMHeadModel

    model = tiny_model(**overrides)
    save_checkpoint(model, tmp_path / "ckpt")
    hf = GPT2LMHeadModel.from_pretrained(tmp_path / "ckpt").eval()
    assert hf.config.n_positions == 16 and hf.config.vocab_size == 23
    idx = torch.randint(0, 23, (2, 16), generator=torch.Generator().manual_seed(1))
    ours, _ = model(idx)
    with torch.no_grad():
        theirs = hf(idx).logits
    assert torch.allclose(ours, theirs, atol=1e-4), (ours - theirs).abs().max()


def test_config_json_fields(tmp_path):
    save_checkpoint(tiny_model(), tmp_path / "c")
    cfg = json.loads((tmp_path / "c" / "config.json").read_text())
    assert cfg["architectures"] == ["GPT2LMHeadModel"]
    assert cfg["model_type"] == "gpt2"
    assert (cfg["n_layer"], cfg["n_head"], cfg["n_embd"], cfg["n_positions"]) == (2, 2, 16, 16)
    assert cfg["activation_function"] == "gelu_new"
    assert cfg["layer_norm_epsilon"] == 1e-5
    assert 0 <= cfg["bos_token_id"] < 23 and 0 <= cfg["eos_token_id"] < 23
    names = os.listdir(tmp_path / "c")
    assert "model.safetensors" in names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)


def test_our_folder_round_trips_into_our_gpt(tmp_path):
    model = tiny_model(bias=False)
    save_checkpoint(model, tmp_path / "c", metadata={"step": 7})
    loaded = load_gpt_from_hf_folder(tmp_path / "c").eval()
    assert loaded.config == model.config
    idx = torch.randint(0, 23, (1, 10))
    assert torch.equal(model(idx)[0], loaded(idx)[0])
    assert loaded.lm_head.weight is loaded.transformer.wte.weight
    meta = json.loads((tmp_path / "c" / "lm_anatomy.json").read_text())
    assert meta["step"] == 7 and meta["gpt_config"]["bias"] is False


def test_gpt2_model_from_transformers_loads_into_our_gpt(tmp_path):
    from safetensors.torch import save_file
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(3)
    hf_config = GPT2Config(vocab_size=31, n_positions=12, n_embd=24, n_layer=2, n_head=3)
    hf = GPT2LMHeadModel(hf_config).eval()
    idx = torch.randint(0, 31, (2, 12))
    with torch.no_grad():
        expected = hf(idx).logits
    ours = gpt_from_hf_model(hf).eval()
    assert torch.allclose(ours(idx)[0], expected, atol=1e-4)

    # The original hub layout: no "transformer." prefix, causal-mask buffers stored as "attn.bias".
    folder = tmp_path / "hub"
    folder.mkdir()
    state = {
        k.removeprefix("transformer."): v.contiguous() for k, v in hf.state_dict().items() if k != "lm_head.weight"
    }
    state["h.0.attn.bias"] = torch.ones(1, 1, 12, 12)
    save_file(state, str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(hf_config.to_dict()))
    from_folder = load_gpt_from_hf_folder(folder).eval()
    assert torch.allclose(from_folder(idx)[0], expected, atol=1e-4)


def test_unsupported_or_broken_folders_raise_checkpoint_error(tmp_path):
    with pytest.raises(CheckpointError, match="config.json"):
        load_gpt_from_hf_folder(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert", "vocab_size": 5}))
    with pytest.raises(CheckpointError, match="GPT-2"):
        load_gpt_from_hf_folder(tmp_path)
    good = hf_config_dict(GPTConfig())
    (tmp_path / "config.json").write_text(json.dumps(good))
    with pytest.raises(CheckpointError, match="safetensors"):
        load_gpt_from_hf_folder(tmp_path)
    with pytest.raises(CheckpointError, match="activation"):
        gpt_config_from_hf_dict({**good, "activation_function": "quick_gelu"})
    with pytest.raises(CheckpointError, match="reorder_and_upcast_attn"):
        gpt_config_from_hf_dict({**good, "reorder_and_upcast_attn": True})
    with pytest.raises(CheckpointError, match="outside the vocabulary"):
        hf_config_dict(GPTConfig(vocab_size=10), eos_token_id=10)


def test_weights_that_do_not_fit_raise_checkpoint_error(tmp_path):
    save_checkpoint(tiny_model(), tmp_path / "c")
    cfg = json.loads((tmp_path / "c" / "config.json").read_text())
    cfg["n_embd"] = 32
    (tmp_path / "c" / "config.json").write_text(json.dumps(cfg))
    (tmp_path / "c" / "lm_anatomy.json").unlink()
    with pytest.raises(CheckpointError, match="do not fit"):
        load_gpt_from_hf_folder(tmp_path / "c")


class ExplodingTokenizer:
    """Writes one file, then fails: a save that dies halfway."""

    eos_token_id = 1

    def save_pretrained(self, folder):
        (open(os.path.join(folder, "tokenizer.json"), "w")).write("{half")
        raise OSError("disk full")


class TinyTokenizer:
    eos_token_id = 5
    bos_token_id = 4

    def save_pretrained(self, folder):
        with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
            f.write("{}")


def test_failed_save_leaves_previous_checkpoint_intact(tmp_path):
    tmp_path = tmp_path / "out"  # conftest puts a settings folder in tmp_path itself
    target = tmp_path / "last"
    first = tiny_model(seed=0)
    save_checkpoint(first, target, tokenizer=TinyTokenizer(), metadata={"step": 1})
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(tiny_model(seed=1), target, tokenizer=ExplodingTokenizer(), metadata={"step": 2})
    after = {p.name: p.read_bytes() for p in target.iterdir()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last"]  # no temp folders left behind
    loaded = load_gpt_from_hf_folder(target)
    assert torch.equal(loaded.transformer.wte.weight, first.transformer.wte.weight)
    cfg = json.loads((target / "config.json").read_text())
    assert (cfg["bos_token_id"], cfg["eos_token_id"]) == (4, 5)


def test_successful_save_replaces_old_and_recover_restores_backup(tmp_path):
    tmp_path = tmp_path / "out"
    target = tmp_path / "best"
    save_checkpoint(tiny_model(seed=0), target, metadata={"step": 1})
    save_checkpoint(tiny_model(seed=1), target, metadata={"step": 2})
    assert json.loads((target / "lm_anatomy.json").read_text())["step"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best"]
    # Simulate a crash between "move old aside" and "move new in".
    os.replace(target, tmp_path / ".best.old-abc")
    assert recover_folder(target) == target
    assert json.loads((target / "lm_anatomy.json").read_text())["step"] == 2


def test_atomic_folder_cleans_up_on_error(tmp_path):
    tmp_path = tmp_path / "out"
    with pytest.raises(ValueError):
        with atomic_folder(tmp_path / "x") as tmp:
            (tmp / "a").write_text("a")
            raise ValueError("boom")
    assert list(tmp_path.iterdir()) == []


def test_training_state_round_trip_restores_optimizer_and_rng(tmp_path):
    model = tiny_model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=0.1)
    idx = torch.randint(0, 23, (2, 8))
    for _ in range(2):
        _, loss = model(idx, idx)
        loss.backward()
        opt.step()
        opt.zero_grad()
    gen = torch.Generator().manual_seed(11)
    state = TrainingState(
        step=2, tokens_seen=32, best_val_loss=2.5, config={"lr": 1e-3}, rng={"batch": gen.get_state()}
    )
    expected_next = torch.randint(0, 1000, (5,), generator=gen)
    save_checkpoint(model, tmp_path / "c", training_state=state, optimizer=opt)

    model2 = load_gpt_from_hf_folder(tmp_path / "c")
    opt2 = torch.optim.AdamW(model2.parameters(), lr=5.0)
    restored = read_training_state(tmp_path / "c", opt2)
    assert (restored.step, restored.tokens_seen, restored.best_val_loss) == (2, 32, 2.5)
    assert restored.config == {"lr": 1e-3}
    g2 = torch.Generator()
    g2.set_state(restored.rng["batch"])
    assert torch.equal(torch.randint(0, 1000, (5,), generator=g2), expected_next)
    s1, s2 = opt.state_dict(), opt2.state_dict()
    assert s2["param_groups"][0]["lr"] == 1e-3 and tuple(s2["param_groups"][0]["betas"]) == (0.9, 0.99)
    for index, values in s1["state"].items():
        for key, value in values.items():
            assert torch.equal(torch.as_tensor(value), torch.as_tensor(s2["state"][index][key])), key
    # One more identical step keeps the two models identical.
    for m, o in ((model, opt), (model2, opt2)):
        _, loss = m(idx, idx)
        loss.backward()
        o.step()
    assert torch.allclose(model.transformer.wte.weight, model2.transformer.wte.weight, atol=1e-7)


def test_training_state_without_optimizer_and_missing_state(tmp_path):
    tmp_path.joinpath("s").mkdir()
    write_training_state(tmp_path / "s", TrainingState(step=3))
    assert read_training_state(tmp_path / "s").best_val_loss == float("inf")
    with pytest.raises(CheckpointError, match="no training state"):
        read_training_state(tmp_path)


def test_checkpoint_with_char_tokenizer_loads_in_transformers(tmp_path):
    from transformers import AutoTokenizer, GPT2LMHeadModel

    from core.tokenization.tokenizers import CharTokenizer

    text = "hello world, hello model\n"
    tok = CharTokenizer.from_corpus(text)
    model = tiny_model(vocab_size=tok.vocab_size)
    save_checkpoint(model, tmp_path / "c", tokenizer=tok)
    hf_tok = AutoTokenizer.from_pretrained(tmp_path / "c")
    assert hf_tok.encode("hello", add_special_tokens=False) == tok.encode_ids("hello")
    cfg = json.loads((tmp_path / "c" / "config.json").read_text())
    assert cfg["eos_token_id"] == tok.unk_id == tok.vocab_size - 1
    hf = GPT2LMHeadModel.from_pretrained(tmp_path / "c").eval()
    ids = torch.tensor([tok.encode_ids("hello world")])
    with torch.no_grad():
        assert torch.allclose(hf(ids).logits, model(ids)[0], atol=1e-4)


def test_checkpoint_with_bpe_tokenizer_uses_its_special_tokens(tmp_path):
    from transformers import AutoTokenizer

    from core.tokenization.bpe import BpeTokenizer

    text = "the cat sat on the mat. the dog sat on the log. " * 20
    tok = BpeTokenizer.train(text, vocab_size=300).tokenizer
    save_checkpoint(tiny_model(vocab_size=tok.vocab_size), tmp_path / "c", tokenizer=tok)
    cfg = json.loads((tmp_path / "c" / "config.json").read_text())
    assert cfg["bos_token_id"] == tok.special_tokens["<s>"]
    assert cfg["eos_token_id"] == tok.special_tokens["</s>"]
    hf_tok = AutoTokenizer.from_pretrained(tmp_path / "c")
    assert hf_tok.encode("the cat sat", add_special_tokens=False) == tok.encode_ids("the cat sat")
