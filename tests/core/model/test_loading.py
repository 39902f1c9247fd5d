"""load_model on tiny local models: what comes back, and a clear error for every bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.model.load_errors import ModelLoadError
from core.model.loading import (
    ATTENTION,
    CAUSAL_LM,
    ENCODER,
    FILL_MASK,
    MASKED_LM,
    NEXT_TOKEN,
    load_model,
    looks_like_hub_id,
)
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"), n_layer=3, n_head=2)


@pytest.fixture(scope="module")
def bert_dir(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("bert"))


def test_causal_lm_logits_and_attention(gpt2_dir):
    loaded = load_model(gpt2_dir)
    assert loaded.kind == CAUSAL_LM and loaded.device == "cpu"
    assert loaded.can(NEXT_TOKEN) and loaded.can(ATTENTION) and not loaded.can(FILL_MASK)
    assert "masked" in loaded.why_not(FILL_MASK)
    assert (loaded.n_layers, loaded.n_heads, loaded.context_length) == (3, 2, 64)
    ids = loaded.encode("the cat sat on the mat")
    result = loaded.forward(ids, attentions=True)
    T = len(ids)
    assert result.logits.shape == (T, len(loaded.tokenizer))
    assert result.attentions.shape == (3, 2, T, T)
    np.testing.assert_allclose(result.attentions.sum(-1), 1.0, atol=1e-5)
    upper = np.triu(np.ones((T, T), dtype=bool), k=1)
    assert np.all(result.attentions[:, :, upper] == 0.0)  # causal: no looking ahead
    # The analysis pass switched to eager attention and back.
    assert loaded.model.config._attn_implementation != "eager"
    plain = loaded.forward(ids)
    assert plain.attentions is None
    np.testing.assert_allclose(plain.logits, result.logits, atol=1e-5)


def test_masked_lm_and_plain_encoder(bert_dir, tmp_path):
    masked = load_model(bert_dir)
    assert masked.kind == MASKED_LM and masked.can(FILL_MASK) and not masked.can(NEXT_TOKEN)
    ids = masked.encode("the cat sat")
    result = masked.forward(ids, attentions=True)
    assert result.logits.shape == (len(ids), len(masked.tokenizer))
    assert result.attentions.shape == (2, 2, len(ids), len(ids))
    assert result.attentions[0, 0, 0, -1] > 0  # bidirectional: the first token sees the last

    encoder = load_model(make_tiny_bert(tmp_path / "encoder", with_mlm_head=False))
    assert encoder.kind == ENCODER and encoder.capabilities == frozenset({ATTENTION})
    assert "no next-token head" in encoder.why_not(NEXT_TOKEN)
    result = encoder.forward(encoder.encode("a dog"), attentions=True)
    assert result.logits is None and result.attentions.shape[:2] == (2, 2)


def test_text_longer_than_context_is_refused(gpt2_dir):
    loaded = load_model(gpt2_dir)
    with pytest.raises(ValueError, match="at most 64 tokens"):
        loaded.forward(list(range(65)))


def test_missing_folder(tmp_path):
    with pytest.raises(ModelLoadError) as info:
        load_model(tmp_path / "no-such-model")
    assert info.value.reason == "missing-folder" and "does not exist" in str(info.value)


def test_missing_config_weights_and_tokenizer(gpt2_dir, tmp_path):
    import shutil

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelLoadError, match="config.json") as info:
        load_model(empty)
    assert info.value.reason == "missing-files"

    no_weights = tmp_path / "no-weights"
    shutil.copytree(gpt2_dir, no_weights)
    (no_weights / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="no model weights") as info:
        load_model(no_weights)
    assert info.value.reason == "missing-files"

    (no_weights / "pytorch_model.bin").write_bytes(b"pickle would run code")
    with pytest.raises(ModelLoadError, match="safetensors") as info:
        load_model(no_weights)
    assert info.value.reason == "pickle-only"

    no_tokenizer = tmp_path / "no-tokenizer"
    shutil.copytree(gpt2_dir, no_tokenizer)
    (no_tokenizer / "tokenizer.json").unlink()
    with pytest.raises(ModelLoadError, match="tokenizer") as info:
        load_model(no_tokenizer)
    assert info.value.reason == "missing-files"


def test_corrupt_weights(gpt2_dir, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(gpt2_dir, broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:200])  # truncated download
    with pytest.raises(ModelLoadError) as info:
        load_model(broken)
    assert info.value.reason == "corrupt-weights"
    assert "damaged" in str(info.value)


def test_offline_hub_id_gives_one_clear_message():
    with pytest.raises(ModelLoadError) as info:
        load_model("openai-community/gpt2")
    assert info.value.reason == "offline"
    assert "Open model folder" in str(info.value)


def test_architecture_that_needs_remote_code(gpt2_dir, tmp_path):
    import shutil

    custom = tmp_path / "custom"
    shutil.copytree(gpt2_dir, custom)
    config = json.loads((custom / "config.json").read_text())
    config.update(model_type="my-secret-arch", auto_map={"AutoModelForCausalLM": "modeling_secret.Model"},
                  architectures=["SecretForCausalLM"])
    (custom / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError) as info:
        load_model(custom)
    assert info.value.reason == "remote-code"
    assert "never runs" in str(info.value)


def test_unknown_architecture_without_remote_code(gpt2_dir, tmp_path):
    import shutil

    odd = tmp_path / "odd"
    shutil.copytree(gpt2_dir, odd)
    config = json.loads((odd / "config.json").read_text())
    config["model_type"] = "definitely-not-a-model"
    (odd / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError) as info:
        load_model(odd)
    assert info.value.reason in {"unsupported", "remote-code"}
    assert "definitely-not-a-model" in str(info.value) or "custom code" in str(info.value)


def test_unavailable_device_is_an_error_not_a_fallback(gpt2_dir, monkeypatch):
    import core.devices

    monkeypatch.setattr(core.devices, "cuda_available", lambda: False)
    with pytest.raises(ModelLoadError) as info:
        load_model(gpt2_dir, device="cuda")
    assert info.value.reason == "device" and "not available" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("gpt2", True), ("openai-community/gpt2", True), ("./models/gpt2", False),
     ("/abs/path", False), ("~/model", False), ("C:\\models\\gpt2", False), ("a/b/c", False)],
)
def test_hub_id_detection(text, expected):
    assert looks_like_hub_id(text) is expected
