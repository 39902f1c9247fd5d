"""Attention maps and the step-by-step weight explanation, on tiny random models."""

from __future__ import annotations

import dataclasses
import json
import shutil

import numpy as np
import pytest

from core.attention.maps import (
    aggregate,
    attention_maps,
    max_over_heads,
    max_over_layers,
    max_tokens,
    mean_over_heads,
    mean_over_layers,
    stored_dtype,
    top_attended,
)
from core.attention.recipe import ExplanationUnavailable, explain_weight
from core.model.loading import AttentionUnavailableError, load_model
from core.tokenization.token_labels import clean_token_label, token_labels
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2
from tests.tiny_roberta import make_tiny_roberta

TEXT = "the cat sat on the mat"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("attention_models")
    return {
        "gpt2": make_tiny_gpt2(root / "gpt2", n_layer=2, n_head=2, n_embd=16),
        "bert": make_tiny_bert(root / "bert"),
        "roberta": make_tiny_roberta(root / "roberta"),
    }


@pytest.fixture(scope="module")
def gpt2(folders):
    return load_model(folders["gpt2"])


@pytest.fixture(scope="module")
def bert(folders):
    return load_model(folders["bert"])


@pytest.fixture(scope="module")
def roberta(folders):
    return load_model(folders["roberta"])


# ----------------------------------------------------------------------------- labels

@pytest.mark.parametrize(
    ("token", "byte_level", "label"),
    [
        ("Ġthe", True, "the"),
        ("Ċ", True, "↵"),
        ("ĠĠ", True, "␣␣"),
        ("ĉ", True, "⇥"),
        (".Ċ", True, ".↵"),
        ("Ã©", True, "é"),  # two UTF-8 bytes of é in GPT-2's byte alphabet
        ("Ġâ", True, "<0xE2>"),  # half a character: shown as its byte
        ("▁the", False, "the"),
        ("▁", False, "␣"),
        ("<0x0A>", False, "↵"),
        ("##ing", False, "ing"),
        ("##", False, "##"),
        ("hello", False, "hello"),
        ("é", False, "é"),  # not byte-level: Latin-1 letters are letters
    ],
)
def test_clean_token_label(token, byte_level, label):
    assert clean_token_label(token, byte_level) == label


def test_token_labels_from_real_tokenizers(gpt2, bert):
    ids = gpt2.encode("a\n  b<|endoftext|>")
    assert token_labels(gpt2.tokenizer, ids) == ["a", "↵", "␣", "␣", "b", "<|endoftext|>"]
    ids = bert.encode("The cat")
    assert token_labels(bert.tokenizer, ids) == ["[CLS]", "the", "cat", "[SEP]"]


# ----------------------------------------------------------------------------- maps

def test_maps_shapes_rows_and_causal_triangle(gpt2):
    maps = attention_maps(gpt2, TEXT)
    n = len(TEXT)  # the tiny byte-level tokenizer has no merges: one token per character
    assert maps.weights.shape == (2, 2, n, n)
    assert maps.weights.dtype == np.float32 and not maps.reduced_precision and not maps.renormalized
    assert maps.tokens[:3] == ["t", "h", "e"] and maps.tokens[3] == "␣"
    assert maps.positions == list(range(n)) and maps.is_causal
    np.testing.assert_allclose(maps.weights.sum(axis=-1), 1.0, atol=1e-5)
    assert np.all(np.triu(maps.weights, k=1) == 0.0)
    assert maps.weights[0, 0, 0, 0] == pytest.approx(1.0)  # the first token can only look at itself


def test_maps_match_the_models_own_forward(gpt2):
    maps = attention_maps(gpt2, TEXT)
    reference = gpt2.forward(gpt2.encode(TEXT), attentions=True).attentions
    np.testing.assert_allclose(maps.weights, reference, atol=1e-6)


@pytest.mark.parametrize("name", ["bert", "roberta"])
def test_encoder_maps_are_not_causal(name, request):
    loaded = request.getfixturevalue(name)
    maps = attention_maps(loaded, TEXT)
    assert not maps.is_causal
    assert maps.special[0] and maps.special[-1] and not any(maps.special[1:-1])
    np.testing.assert_allclose(maps.weights.sum(axis=-1), 1.0, atol=1e-5)
    assert np.triu(maps.weights, k=1).max() > 0.01  # tokens look ahead too


def test_hide_special_tokens_drops_and_renormalises(bert):
    maps = attention_maps(bert, "the cat sat")
    assert maps.tokens == ["[CLS]", "the", "cat", "sat", "[SEP]"]
    hidden = maps.without_special_tokens()
    assert hidden.tokens == ["the", "cat", "sat"] and hidden.positions == [1, 2, 3]
    assert hidden.token_ids == maps.token_ids[1:4] and hidden.renormalized and not maps.renormalized
    np.testing.assert_allclose(hidden.weights.sum(axis=-1), 1.0, atol=1e-6)
    kept = maps.weights[:, :, 1:4, 1:4]
    np.testing.assert_allclose(hidden.weights, kept / kept.sum(axis=-1, keepdims=True), rtol=1e-6)
    assert hidden.without_special_tokens() is hidden


def test_hide_bos_keeps_causal_triangle(gpt2):
    maps = attention_maps(gpt2, "<|endoftext|>the cat")
    assert maps.special == [True] + [False] * 7
    hidden = maps.without_special_tokens()
    assert hidden.positions == list(range(1, 8)) and hidden.tokens[0] == "t"
    np.testing.assert_allclose(hidden.weights.sum(axis=-1), 1.0, atol=1e-6)
    assert np.all(np.triu(hidden.weights, k=1) == 0.0)
    assert hidden.weights[1, 0, 0, 0] == pytest.approx(1.0)


def test_large_maps_are_stored_as_float16(gpt2):
    assert stored_dtype(12, 12, 1024) is np.float16  # GPT-2 small, full context: 604 MiB as float32
    assert stored_dtype(12, 12, 512) is np.float32  # 151 MiB
    small = attention_maps(gpt2, TEXT)
    half = attention_maps(gpt2, TEXT, float16_above_bytes=0)
    assert half.weights.dtype == np.float16 and half.reduced_precision
    np.testing.assert_allclose(half.weights, small.weights, atol=1e-3)
    hidden = half.without_special_tokens()  # nothing special in this text: unchanged
    assert hidden is half


def test_aggregates_shapes_and_values(gpt2):
    w = attention_maps(gpt2, TEXT).weights
    n = w.shape[-1]
    assert mean_over_heads(w).shape == max_over_heads(w).shape == (2, n, n)
    assert mean_over_layers(w).shape == max_over_layers(w).shape == (2, n, n)
    assert aggregate(w, "all").shape == (n, n)
    np.testing.assert_allclose(mean_over_heads(w)[1], (w[1, 0] + w[1, 1]) / 2, rtol=1e-6)
    np.testing.assert_allclose(max_over_layers(w)[0], np.maximum(w[0, 0], w[1, 0]))
    np.testing.assert_allclose(mean_over_layers(w).sum(axis=-1), 1.0, atol=1e-5)
    assert np.all(max_over_heads(w) >= mean_over_heads(w) - 1e-7)
    with pytest.raises(ValueError, match="mean"):
        aggregate(w, "heads", "median")


def test_top_attended(gpt2, bert):
    maps = attention_maps(gpt2, TEXT)
    top = top_attended(maps, layer=1, head=0, query=5)
    assert [t.position for t in top] == sorted(range(6), key=lambda j: -maps.weights[1, 0, 5, j])
    assert [t.weight for t in top] == sorted((t.weight for t in top), reverse=True)
    assert sum(t.weight for t in top) == pytest.approx(1.0, abs=1e-5)
    assert top[0].label == maps.tokens[top[0].position]
    assert len(top_attended(maps, 0, None, 9, k=3)) == 3
    assert top_attended(maps, 0, None, 9, k=1)[0].weight == pytest.approx(maps.weights[0, :, 9].mean(0).max())
    encoder_maps = attention_maps(bert, "the cat sat")
    assert len(top_attended(encoder_maps, 0, 1, 0)) == 5  # encoders see every token


# ----------------------------------------------------------------------------- refusals

def test_empty_and_too_long_text_are_refused(gpt2, bert, roberta):
    for loaded in (gpt2, bert):
        with pytest.raises(ValueError, match="no text"):
            attention_maps(loaded, "")
    with pytest.raises(ValueError, match="no text"):
        attention_maps(bert, "   ")
    with pytest.raises(ValueError, match="no text"):
        explain_weight(gpt2, "", 0, 0, 0, 0)
    with pytest.raises(ValueError, match=r"65 tokens long.*at most 64 tokens.*by 1 tokens"):
        attention_maps(gpt2, "a" * 65)
    assert attention_maps(gpt2, "a" * 64).n_tokens == 64
    assert max_tokens(roberta) == 64  # 66 position slots, 2 reserved by RoBERTa's padding offset
    assert attention_maps(roberta, "a" * 62).n_tokens == 64  # <s> + 62 + </s>
    with pytest.raises(ValueError, match="at most 64 tokens"):
        attention_maps(roberta, "a" * 63)


def test_missing_attention_maps_are_reported(gpt2):
    wrong = dataclasses.replace(gpt2, n_layers=3)
    with pytest.raises(AttentionUnavailableError, match="2 attention maps for 3 layers"):
        attention_maps(wrong, TEXT)


def test_hiding_everything_is_refused(gpt2):
    maps = attention_maps(gpt2, "<|endoftext|>")
    with pytest.raises(ValueError, match="only special tokens"):
        maps.without_special_tokens()
    # The refusal leaves the maps as they were: one special token attending to itself with weight 1.
    assert maps.special == [True] and maps.positions == [0] and not maps.renormalized
    np.testing.assert_array_equal(maps.weights, np.ones((2, 2, 1, 1), dtype=np.float32))


def test_explanation_unavailable_for_other_architectures(gpt2):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(gpt2.tokenizer), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=64)
    llama = dataclasses.replace(gpt2, name="tiny-llama", model=LlamaForCausalLM(config).eval(), n_layers=1,
                                architecture="LlamaForCausalLM")
    maps = attention_maps(llama, TEXT)  # the maps work for any architecture
    assert maps.weights.shape == (1, 2, len(TEXT), len(TEXT)) and maps.is_causal
    with pytest.raises(ExplanationUnavailable, match="not available for LlamaForCausalLM.*GPT-2, BERT and RoBERTa"):
        explain_weight(llama, TEXT, 0, 0, 3, 1)


def test_explanation_index_errors(gpt2):
    with pytest.raises(ValueError, match="head 2 is out of range"):
        explain_weight(gpt2, TEXT, 0, 2, 0, 0)
    with pytest.raises(ValueError, match="key token 22 is out of range"):
        explain_weight(gpt2, TEXT, 0, 0, 0, 22)


# ----------------------------------------------------------------------------- one weight by hand

@pytest.mark.parametrize(("layer", "head", "i", "j"), [(0, 0, 5, 2), (1, 1, 21, 21), (1, 0, 10, 0), (0, 1, 3, 7)])
def test_gpt2_explanation_reproduces_the_weight(gpt2, layer, head, i, j):
    e = explain_weight(gpt2, TEXT, layer, head, i, j)
    assert e.family == "GPT-2" and e.is_causal and e.d_head == 8
    assert e.q.shape == e.k.shape == (8,)
    assert e.dot == pytest.approx(float(np.dot(e.q, e.k)), abs=1e-5)
    assert e.scale == pytest.approx(1 / np.sqrt(8))
    assert e.scaled_score == pytest.approx(e.dot * e.scale)
    assert e.weight == pytest.approx(e.model_weight, abs=1e-5)
    np.testing.assert_allclose(e.row_weights, e.model_row, atol=1e-5)
    assert e.row_weights.sum() == pytest.approx(1.0)
    assert e.tokens[i] == TEXT[i].replace(" ", "␣")
    if j > i:  # a future token: masked, weight exactly 0
        assert e.masked and e.weight == 0.0 and e.model_weight == 0.0
        assert e.row_scores[j] == -np.inf and "causal" in str(e.mask_note)
    else:
        assert not e.masked and e.row_scores[j] == pytest.approx(e.scaled_score)
        assert e.weight > 0


@pytest.mark.parametrize("name", ["bert", "roberta"])
def test_encoder_explanation_reproduces_the_weight(name, request):
    loaded = request.getfixturevalue(name)
    for layer, head, i, j in [(0, 0, 1, 4), (1, 1, 4, 1), (1, 0, 0, 0)]:
        e = explain_weight(loaded, TEXT, layer, head, i, j)
        assert e.family == ("BERT" if name == "bert" else "RoBERTa") and not e.is_causal
        assert not e.masked and np.isfinite(e.row_scores).all() and "no padding" in str(e.mask_note)
        assert e.dot == pytest.approx(float(np.dot(e.q, e.k)), abs=1e-5)
        assert e.scale == pytest.approx(1 / np.sqrt(16))
        assert e.weight == pytest.approx(e.model_weight, abs=1e-5) and e.error < 1e-5
        np.testing.assert_allclose(e.row_weights, e.model_row, atol=1e-5)


def test_gpt2_variant_options_are_handled(folders, tmp_path):
    folder = shutil.copytree(folders["gpt2"], tmp_path / "variant")
    config = json.loads((folder / "config.json").read_text())
    config.update(scale_attn_by_inverse_layer_idx=True, reorder_and_upcast_attn=True)
    (folder / "config.json").write_text(json.dumps(config))
    variant = load_model(folder)
    e = explain_weight(variant, TEXT, 1, 0, 6, 4)
    assert e.scale == pytest.approx(1 / np.sqrt(8) / 2)
    assert any("layer number + 1" in str(step) for step in e.recipe)
    assert e.weight == pytest.approx(e.model_weight, abs=1e-5)



def test_own_gpt_explicit_attention_equals_hf_gpt2_weights(tmp_path):
    """Our GPT's explicit-attention path and HF GPT2 (eager) agree on the same exported checkpoint."""
    import torch

    from core.model.checkpoint import save_checkpoint
    from core.model.gpt import GPT, GPTConfig
    from core.tokenization.tokenizers import CharTokenizer

    corpus = "the cat sat on the mat because it was tired."
    tokenizer = CharTokenizer.from_corpus(corpus)
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=tokenizer.vocab_size, block_size=32, n_layer=2, n_head=2, n_embd=16))
    model.eval()
    loaded = load_model(save_checkpoint(model, tmp_path / "ckpt", tokenizer=tokenizer))

    text = "the cat sat on the mat"
    maps = attention_maps(loaded, text)
    ids = maps.token_ids
    assert ids == tokenizer.encode_ids(text)
    with torch.no_grad():
        _logits, _loss, trace = model(torch.tensor([ids], dtype=torch.long), return_attention=True)
    ours = trace.probs[:, 0].numpy()  # (n_layer, nh, T, T)
    assert maps.weights.shape == ours.shape == (2, 2, len(ids), len(ids))
    np.testing.assert_allclose(maps.weights, ours, atol=1e-5)
