"""Statistics, sparsity and token premium, checked on small hand-computed examples."""

from __future__ import annotations

import pytest

from core.tokenization.base import TokenizationError
from core.tokenization.statistics import (
    REFERENCE_SAMPLE,
    SAMPLE_TEXTS,
    bag_of_words,
    compute_stats,
    held_out_stats,
    one_hot,
    token_premium,
)
from core.tokenization.tokenizers import CharTokenizer, WordTokenizer


def test_char_stats_count_unknown_characters():
    stats = compute_stats(CharTokenizer.from_corpus("abc"), "abcd")
    assert (stats.tokens, stats.characters, stats.bytes, stats.vocab_size) == (4, 4, 4, 4)
    assert stats.unknown_tokens == 1 and stats.oov_percent == 25.0
    assert stats.chars_per_token == 1.0 and stats.bytes_per_token == 1.0
    assert stats.round_trip is False  # "d" comes back as [UNK]
    assert compute_stats(CharTokenizer.from_corpus("abc"), "cab").round_trip is True


def test_word_stats_on_a_sentence():
    tok = WordTokenizer.from_corpus("hello world")
    stats = compute_stats(tok, "hello, world!")  # hello , world !
    assert (stats.tokens, stats.characters, stats.bytes) == (4, 13, 13)
    assert stats.unknown_tokens == 2 and stats.oov_percent == 50.0
    assert stats.chars_per_token == 3.25 and stats.vocab_size == 3
    assert stats.round_trip is False


def test_bytes_per_token_uses_utf8():
    tok = CharTokenizer.from_corpus("né")
    stats = compute_stats(tok, "né")  # 2 characters, 3 bytes, 2 tokens
    assert (stats.tokens, stats.bytes, stats.bytes_per_token, stats.chars_per_token) == (2, 3, 1.5, 1.0)


def test_empty_text_has_zero_rates():
    stats = compute_stats(CharTokenizer.from_corpus("a"), "")
    assert (stats.tokens, stats.chars_per_token, stats.bytes_per_token, stats.oov_percent) == (0, 0.0, 0.0, 0.0)
    assert stats.round_trip is True


def test_held_out_stats_measure_the_last_tenth():
    corpus = "aaaaaaaaab"  # the held-out tenth is "b", never seen by a tokenizer built on "a"
    stats = held_out_stats(CharTokenizer.from_corpus(corpus[:9]), corpus)
    assert (stats.tokens, stats.unknown_tokens, stats.oov_percent) == (1, 1, 100.0)


def test_bag_of_words_shape_and_sparsity():
    bag = bag_of_words(["the cat", "the dog sat the"])
    # vocabulary: [UNK], the (3), cat, dog, sat
    assert bag.shape == (2, 5)
    assert bag.dense().tolist() == [[0, 1, 1, 0, 0], [0, 2, 0, 1, 1]]
    assert bag.nonzero == 5 and bag.zero_percent == 50.0
    assert bag.row_labels == ("the cat", "the dog sat the")


def test_one_hot_has_one_one_per_token():
    tok = WordTokenizer.from_corpus("the cat the dog sat")
    hot = one_hot("the cat the", tok)
    assert hot.shape == (3, 5) and hot.nonzero == 3
    assert hot.zero_percent == pytest.approx(100 * 12 / 15)
    assert hot.dense().sum(axis=1).tolist() == [1, 1, 1]
    assert hot.row_labels == ("the", "cat", "the")


def test_bag_of_words_needs_a_sentence():
    with pytest.raises(TokenizationError, match="sentence"):
        bag_of_words(["  "])


def test_samples_cover_the_languages_and_say_the_same_in_pt_and_en():
    assert set(SAMPLE_TEXTS) == {"English", "Português", "Code", "Emoji & CJK"}
    en, pt = SAMPLE_TEXTS["English"], SAMPLE_TEXTS["Português"]
    assert en.count(".") == pt.count(".") == 3


def test_token_premium_is_relative_to_english():
    tok = CharTokenizer.from_corpus("".join(SAMPLE_TEXTS.values()))
    premiums = {p.name: p for p in token_premium(tok)}
    assert premiums[REFERENCE_SAMPLE].premium == 1.0
    english = len(SAMPLE_TEXTS["English"])
    for name, text in SAMPLE_TEXTS.items():  # one token per character
        assert premiums[name].tokens == len(text)
        assert premiums[name].premium == pytest.approx(len(text) / english)


def test_byte_level_bpe_charges_more_for_scripts_it_did_not_see():
    from core.tokenization.bpe import BpeTokenizer

    corpus = (SAMPLE_TEXTS["English"] + "\n") * 20
    tok = BpeTokenizer.train(corpus, 400).tokenizer
    premiums = {p.name: p.premium for p in token_premium(tok)}
    assert premiums["English"] == 1.0
    assert premiums["Português"] > 1.5 and premiums["Emoji & CJK"] > premiums["Português"]


def test_token_premium_needs_the_reference_sample():
    with pytest.raises(TokenizationError, match="reference"):
        token_premium(CharTokenizer.from_corpus("abc"), {"x": "abc"})
