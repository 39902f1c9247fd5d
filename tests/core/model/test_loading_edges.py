"""load_model at the edges: what a LoadedModel reports, how the model kind is decided, every refusal's exact
sentence (and its translation), the context limit, missing weights and memory errors."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from core.model.load_errors import ModelLoadError
from core.model.loading import (
    ATTENTION,
    CAUSAL_LM,
    ENCODER,
    FILL_MASK,
    MASKED_LM,
    NEXT_TOKEN,
    SEQUENCE_CLASSIFIER,
    AttentionUnavailableError,
    TextTooLongError,
    format_parameter_count,
    load_model,
    model_kind,
    scaled_parameter_count,
)
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2
from tests.user_messages import assert_user_message

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("models") / "tiny-gpt2", n_layer=3, n_head=2)


@pytest.fixture(scope="module")
def gpt2(gpt2_dir):
    return load_model(gpt2_dir)


def copy_of(folder, tmp_path, name="copy"):
    return shutil.copytree(folder, tmp_path / name)


def edit_json(path, **changes):
    data = json.loads(path.read_text())
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(json.dumps(data))


# --- what a LoadedModel says about itself -----------------------------------------------------


@pytest.mark.parametrize("count, scaled, text", [
    (0, (0.0, ""), "0"), (999, (999.0, ""), "999"), (1000, (1.0, "k"), "1.0 k"), (12_345, (12.345, "k"), "12.3 k"),
    (999_999, (999.999, "k"), "1000.0 k"), (1_000_000, (1.0, "M"), "1.0 M"), (1_234_567, (1.234567, "M"), "1.2 M"),
    (999_999_999, (999.999999, "M"), "1000.0 M"), (1_000_000_000, (1.0, "B"), "1.0 B"),
    (7_500_000_000, (7.5, "B"), "7.5 B"),
])
def test_parameter_counts_are_scaled_to_k_m_b(count, scaled, text):
    value, suffix = scaled_parameter_count(count)
    assert (value, suffix) == (pytest.approx(scaled[0]), scaled[1])
    assert format_parameter_count(count) == text


def test_a_loaded_model_reports_its_sizes_source_and_kind(gpt2, gpt2_dir):
    assert (gpt2.name, gpt2.source, gpt2.device, gpt2.architecture) == ("tiny-gpt2", str(gpt2_dir), "cpu",
                                                                       "GPT2LMHeadModel")
    assert (gpt2.n_layers, gpt2.n_heads, gpt2.context_length) == (3, 2, 64)
    assert gpt2.n_parameters == sum(p.numel() for p in gpt2.model.parameters()) > 10_000
    assert gpt2.describe() == f"tiny-gpt2 (causal LM, {format_parameter_count(gpt2.n_parameters)} parameters)"
    assert gpt2.warnings == [] and not gpt2.model.training
    assert str(gpt2.kind_label()) == "causal LM"
    assert gpt2.encode("the cat") == list(gpt2.tokenizer("the cat")["input_ids"])
    # A folder given as text loads the same way.
    assert load_model(str(gpt2_dir)).source == str(gpt2_dir)


def test_what_each_kind_cannot_do_is_said_in_full(gpt2, tmp_path):
    assert gpt2.why_not(NEXT_TOKEN) is None and gpt2.unavailable_reason(ATTENTION) is None
    assert_user_message(gpt2.unavailable_reason(FILL_MASK), "tiny-gpt2 is a causal LM: it cannot fill masks. Load a "
                                                            "masked LM such as BERT or RoBERTa.")
    assert gpt2.why_not(FILL_MASK) == str(gpt2.unavailable_reason(FILL_MASK))
    assert_user_message(gpt2.unavailable_reason("embeddings"), "tiny-gpt2 cannot show embeddings.")
    encoder = load_model(make_tiny_bert(tmp_path / "tiny-encoder", with_mlm_head=False))
    assert_user_message(encoder.unavailable_reason(NEXT_TOKEN), "tiny-encoder is a encoder (no LM head): it has no "
                                                                "next-token head. Load a causal LM such as GPT-2.")
    assert encoder.why_not(NEXT_TOKEN).startswith("tiny-encoder is a encoder")


# --- the model's kind ---------------------------------------------------------------------------


@pytest.mark.parametrize("architectures, kind", [
    (["GPT2LMHeadModel"], CAUSAL_LM), (["LlamaForCausalLM"], CAUSAL_LM), (["BertForMaskedLM"], MASKED_LM),
    (["BertModel"], ENCODER), (["BertForSequenceClassification", "BertForMaskedLM"], SEQUENCE_CLASSIFIER),
    (["BertForPreTraining", "BertForMaskedLM"], MASKED_LM),
])
def test_kind_comes_from_the_first_architecture_that_says(architectures, kind):
    from transformers import BertConfig

    assert model_kind(BertConfig(architectures=architectures)) == kind


def test_kind_without_architectures_comes_from_the_config_type():
    from transformers import BertConfig, GPT2Config, ViTConfig

    assert model_kind(GPT2Config()) == CAUSAL_LM
    assert model_kind(BertConfig()) == MASKED_LM
    assert model_kind(BertConfig(is_decoder=True)) == CAUSAL_LM  # BERT as a decoder: BertLMHeadModel
    assert model_kind(ViTConfig()) == ENCODER


def test_encoder_decoder_models_are_refused_with_the_reason():
    from transformers import BartConfig

    with pytest.raises(ModelLoadError) as info:
        model_kind(BartConfig())
    assert info.value.reason == "unsupported"
    assert_user_message(info.value, "bart is an encoder-decoder model; LM Anatomy shows decoder-only and "
                                    "encoder-only models.")


# --- forward passes -----------------------------------------------------------------------------


def test_the_context_window_is_inclusive_and_the_refusal_says_so(gpt2):
    ids = list(range(64))
    result = gpt2.forward(ids)
    assert result.input_ids == ids and result.logits.shape == (64, len(gpt2.tokenizer))
    with pytest.raises(TextTooLongError) as info:
        gpt2.forward(ids + [1])
    assert_user_message(info.value, "The text is 65 tokens long, but tiny-gpt2 reads at most 64 tokens at a time.")


def test_too_few_attention_maps_are_reported(gpt2):
    import dataclasses

    wrong = dataclasses.replace(gpt2, n_layers=4)
    with pytest.raises(AttentionUnavailableError) as info:
        wrong.forward([1, 2, 3], attentions=True)
    assert_user_message(info.value, "tiny-gpt2 returned 3 attention maps for 4 layers.")


def test_an_eager_model_stays_eager_after_an_attention_pass(gpt2):
    import dataclasses

    eager = dataclasses.replace(gpt2)
    eager.model.set_attn_implementation("eager")
    try:
        assert eager.forward([1, 2, 3], attentions=True).attentions.shape == (3, 2, 3, 3)
        assert eager.model.config._attn_implementation == "eager"
    finally:
        eager.model.set_attn_implementation("sdpa")


def test_context_length_of_each_family(tmp_path):
    from tests.tiny_roberta import make_tiny_roberta

    bert = load_model(make_tiny_bert(tmp_path / "bert"))
    assert bert.context_length == bert.model.config.max_position_embeddings
    roberta = load_model(make_tiny_roberta(tmp_path / "roberta"))
    config = roberta.model.config
    assert roberta.context_length == config.max_position_embeddings - config.pad_token_id - 1  # positions from pad+1


# --- refusals while loading ---------------------------------------------------------------------


def test_an_unknown_model_type_names_it(gpt2_dir, tmp_path):
    folder = copy_of(gpt2_dir, tmp_path, "odd")
    edit_json(folder / "config.json", model_type="definitely-not-a-model")
    with pytest.raises(ModelLoadError) as info:
        load_model(folder)
    detail = info.value.message.args["detail"]
    assert info.value.reason == "unsupported" and "definitely-not-a-model" in detail
    assert_user_message(info.value, "odd uses an architecture (definitely-not-a-model) that the installed "
                                    f"transformers library does not know, or that needs custom code. ({detail})")


def test_a_config_without_a_model_type(gpt2_dir, tmp_path):
    folder = copy_of(gpt2_dir, tmp_path, "untyped")
    edit_json(folder / "config.json", model_type=None)
    with pytest.raises(ModelLoadError) as info:
        load_model(folder)
    assert info.value.reason == "unsupported" and info.value.message.args["model_type"] == "?"


def test_a_config_that_is_not_json(gpt2_dir, tmp_path):
    folder = copy_of(gpt2_dir, tmp_path, "garbled")
    (folder / "config.json").write_text("{not json")
    with pytest.raises(ModelLoadError) as info:
        load_model(folder)
    assert info.value.reason == "missing-files"
    error = info.value.message.args["error"]
    assert "not a valid JSON file" in error
    assert_user_message(info.value, f"Could not read config.json in {folder}: {error}")


def test_tokenizer_files_that_are_broken(gpt2_dir, tmp_path):
    unreadable = copy_of(gpt2_dir, tmp_path, "unreadable")
    (unreadable / "tokenizer.json").write_text("{broken")
    with pytest.raises(ModelLoadError) as info:
        load_model(unreadable)
    assert info.value.reason == "missing-files"
    assert_user_message(info.value, f"Could not load the tokenizer of {unreadable}: "
                                    f"{info.value.message.args['error']}")
    wrong = copy_of(gpt2_dir, tmp_path, "wrong-shape")
    (wrong / "tokenizer.json").write_text(json.dumps({"version": "1.0", "model": {"type": "Nope"}}))
    with pytest.raises(ModelLoadError) as info:
        load_model(wrong)
    assert info.value.reason == "missing-files"
    assert_user_message(info.value, f"The tokenizer files of {wrong} are broken: {info.value.message.args['error']}")


def test_missing_weights_are_a_warning_that_names_one(gpt2_dir, tmp_path):
    from safetensors.torch import load_file, save_file

    folder = copy_of(gpt2_dir, tmp_path, "partial")
    weights = load_file(folder / "model.safetensors")
    del weights["transformer.h.1.mlp.c_fc.weight"], weights["transformer.h.2.mlp.c_fc.weight"]
    save_file(weights, folder / "model.safetensors", metadata={"format": "pt"})
    loaded = load_model(folder)
    (warning,) = loaded.warnings
    assert_user_message(warning, "2 weights were missing from the checkpoint and were initialised at random (e.g. "
                                 "transformer.h.1.mlp.c_fc.weight); this model's predictions will be meaningless.")


def test_running_out_of_memory_while_moving_the_model(gpt2_dir, monkeypatch):
    from transformers import GPT2LMHeadModel

    def full(self, *args, **kwargs):
        raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(GPT2LMHeadModel, "to", full)
    with pytest.raises(ModelLoadError) as info:
        load_model(gpt2_dir)
    assert info.value.reason == "out-of-memory"
    assert_user_message(info.value, "tiny-gpt2 does not fit in the memory of CPU. Close other programs, or choose a "
                                    "smaller model.")

    def broken(self, *args, **kwargs):
        raise RuntimeError("something else went wrong")

    monkeypatch.setattr(GPT2LMHeadModel, "to", broken)
    with pytest.raises(RuntimeError, match="something else went wrong"):
        load_model(gpt2_dir)
