"""`padded_batch` equals the tokenizer's own batch call: GPT-2-style (pad = EOS) and BERT-style tokenizers,
every padding mode, both sides, truncation, and random sentences with emoji and empty lines."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tokenization.base import TokenizationError
from core.tokenization.batches import PADDING_MODES, padded_batch
from tests.tiny_models import tiny_byte_level_tokenizer, tiny_wordpiece_tokenizer

SENTENCES = ["the cat sat on the mat.", "", "o gato sentou no tapete 🙂", "a dog", "log log log log log log"]


def bert_style_tokenizer():
    """The tiny WordPiece tokenizer, made to return token_type_ids as BERT's does."""
    tokenizer = tiny_wordpiece_tokenizer()
    tokenizer.model_input_names = ["input_ids", "token_type_ids", "attention_mask"]
    return tokenizer


@pytest.fixture(scope="module")
def gpt2_style():
    return tiny_byte_level_tokenizer()


@pytest.fixture(scope="module")
def bert_style():
    return bert_style_tokenizer()


def own_call(tokenizer, texts, padding, truncation, max_length, side):
    """What the tokenizer returns itself (on a copy given pad = EOS when it has no pad token)."""
    reference = copy.deepcopy(tokenizer)
    if reference.pad_token is None:
        reference.pad_token = reference.eos_token
    return reference(texts, padding=False if padding == "none" else padding, truncation=truncation,
                     max_length=max_length, padding_side=side)


def check_equal(tokenizer, texts, padding, truncation, max_length, side):
    batch = padded_batch(tokenizer, texts, padding=padding, truncation=truncation, max_length=max_length,
                         padding_side=side)
    expected = own_call(tokenizer, texts, padding, truncation, max_length, side)
    assert batch.input_ids == [list(row) for row in expected["input_ids"]]
    assert batch.attention_mask == [list(row) for row in expected["attention_mask"]]
    if "token_type_ids" in expected:
        assert batch.token_type_ids == [list(row) for row in expected["token_type_ids"]]
    else:
        assert batch.token_type_ids is None
    full = tokenizer(texts)["input_ids"]
    assert batch.truncated == [len(whole) - sum(mask) for whole, mask in zip(full, batch.attention_mask)]
    if not truncation:
        assert batch.truncated == [0] * len(texts)
    return batch


@pytest.mark.parametrize("padding", PADDING_MODES)
@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("truncation", [False, True])
@pytest.mark.parametrize("which", ["gpt2_style", "bert_style"])
def test_every_mode_side_and_truncation_equals_the_tokenizer(request, which, padding, side, truncation):
    tokenizer = request.getfixturevalue(which)
    max_length = 6 if (truncation or padding == "max_length") else None
    batch = check_equal(tokenizer, SENTENCES, padding, truncation, max_length, side)
    if padding != "none":
        lengths = {len(row) for row in batch.input_ids}
        assert len(lengths) == 1 or (padding == "max_length" and not truncation)
    if padding == "longest" and side == "left":
        assert all(row[-1] == 1 for row in batch.attention_mask if any(row))  # the padding goes first


def test_gpt2_style_pads_with_eos_and_says_so(gpt2_style):
    batch = padded_batch(gpt2_style, ["the cat", "the cat sat on the mat"])
    assert batch.pad_added and batch.pad_is_eos
    assert batch.pad_token == gpt2_style.eos_token and batch.pad_token_id == gpt2_style.eos_token_id
    assert gpt2_style.pad_token is None  # the caller's tokenizer is left as it was
    assert batch.input_ids[0][-1] == gpt2_style.eos_token_id and batch.attention_mask[0][-1] == 0
    assert 0 < batch.padding_share < 1
    assert batch.n_padding == batch.attention_mask[0].count(0)


def test_bert_style_keeps_its_pad_and_makes_token_type_ids(bert_style):
    batch = padded_batch(bert_style, ["the cat", "a dog sat on the log"], padding="max_length", max_length=10)
    assert not batch.pad_added and not batch.pad_is_eos and batch.pad_token == "[PAD]"
    assert batch.token_type_ids == [[0] * 10, [0] * 10]
    assert batch.input_ids[0][0] == bert_style.cls_token_id


def test_truncation_counts_the_cut_tokens(gpt2_style):
    texts = ["the cat sat on the mat. the dog sat on the log.", "a cat"]
    batch = padded_batch(gpt2_style, texts, truncation=True, max_length=8)
    full = [len(gpt2_style(text)["input_ids"]) for text in texts]
    assert full[1] <= 8 and batch.truncated == [full[0] - 8, 0]
    assert all(len(row) == 8 for row in batch.input_ids)


@pytest.mark.parametrize("arguments", [dict(padding="sideways"), dict(padding_side="middle"),
                                       dict(padding="max_length"), dict(truncation=True),
                                       dict(max_length=0)])
def test_bad_arguments_get_a_clear_message(gpt2_style, arguments):
    with pytest.raises(TokenizationError):
        padded_batch(gpt2_style, ["a cat"], **arguments)


def test_one_string_instead_of_a_list_is_refused(gpt2_style):
    with pytest.raises(TokenizationError):
        padded_batch(gpt2_style, "a cat")


def test_no_sentences_make_an_empty_batch(gpt2_style):
    batch = padded_batch(gpt2_style, [])
    assert batch.input_ids == [] and batch.padding_share == 0.0


WORDS = st.sampled_from(["the", "cat", "mat", "gato", "sentou", "🙂", "🚀", "não", "ção", "日本", ".", ",", "  ",
                         "\t", "log", "a"])
SENTENCE = st.lists(WORDS, max_size=12).map(" ".join) | st.just("")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(SENTENCE, min_size=1, max_size=6), padding=st.sampled_from(PADDING_MODES),
       side=st.sampled_from(["right", "left"]), truncation=st.booleans(), max_length=st.integers(1, 16),
       which=st.sampled_from(["gpt2", "bert"]))
def test_property_random_sentences_equal_the_tokenizer(gpt2_style, bert_style, texts, padding, side, truncation,
                                                       max_length, which):
    tokenizer = gpt2_style if which == "gpt2" else bert_style
    if not truncation and padding != "max_length":
        max_length = None
    batch = check_equal(tokenizer, texts, padding, truncation, max_length, side)
    assert 0.0 <= batch.padding_share < 1.0 or not any(map(sum, batch.attention_mask))
