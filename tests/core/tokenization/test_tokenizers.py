"""Character, word, tokenizer.json and pretrained tokenizers, and the display helpers."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tokenization.base import (
    UNK_TOKEN,
    Token,
    TokenizationError,
    group_for_display,
    split_held_out,
    truncate_for_display,
)
from core.tokenization.tokenizers import (
    CharTokenizer,
    PretrainedTokenizerView,
    TokenizerJsonFile,
    WordTokenizer,
)

CORPUS = "the cat sat on the mat.\nO gato sentou no tapete! 123\n"
FAST = settings(max_examples=60, deadline=None)


def char_tokenizer() -> CharTokenizer:
    return CharTokenizer.from_corpus(CORPUS)


# --- characters --------------------------------------------------------------------------


def test_char_vocabulary_is_sorted_unique_characters_then_unk():
    tok = CharTokenizer.from_corpus("banana")
    assert tok.chars == ("a", "b", "n")
    assert tok.vocab_size == 4 and tok.unk_id == 3
    assert tok.encode_ids("banana") == [1, 0, 2, 0, 2, 0]


@FAST
@given(st.text(alphabet=sorted(set(CORPUS)), max_size=80))
def test_char_round_trips_text_made_of_its_vocabulary(text):
    tok = char_tokenizer()
    ids = tok.encode_ids(text)
    assert tok.unk_id not in ids
    assert tok.decode(ids) == text
    assert [t.id for t in tok.encode(text)] == ids


def test_char_marks_unknown_characters():
    tok = CharTokenizer.from_corpus("hello")
    tokens = tok.encode("hé!lo")
    assert [t.id for t in tokens] == [1, 4, 4, 2, 3]
    assert [t.text for t in tokens] == ["h", UNK_TOKEN, UNK_TOKEN, "l", "o"]
    assert (tokens[1].start, tokens[1].end) == (1, 2)
    assert tok.decode(tok.encode_ids("hé")) == "h[UNK]"


def test_char_rejects_empty_corpus_and_bad_ids():
    with pytest.raises(TokenizationError, match="empty"):
        CharTokenizer.from_corpus("")
    with pytest.raises(TokenizationError, match="outside the vocabulary"):
        CharTokenizer.from_corpus("ab").decode([7])


# --- words -------------------------------------------------------------------------------


def test_word_vocabulary_orders_by_frequency_and_applies_min_frequency():
    tok = WordTokenizer.from_corpus("the cat and the dog and the bird.", min_frequency=2)
    assert tok.words == (UNK_TOKEN, "the", "and")
    assert tok.encode_ids("the bird and") == [1, 0, 2]


def test_word_tokens_split_punctuation_and_mark_unknown_words():
    tok = WordTokenizer.from_corpus("hello world")
    tokens = tok.encode("hello, big world!")
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("hello", 0, 5), (UNK_TOKEN, 5, 6), (UNK_TOKEN, 7, 10), ("world", 11, 16), (UNK_TOKEN, 16, 17),
    ]
    assert [t.id for t in tokens].count(tok.unk_id) == 3


def test_word_decode_puts_spaces_between_words_but_not_before_punctuation():
    tok = WordTokenizer.from_corpus("Hello, world! (yes)")
    assert tok.decode(tok.encode_ids("Hello, world! (yes)")) == "Hello, world! (yes)"
    assert tok.decode(tok.encode_ids("Hello   world")) == "Hello world"  # spacing is not kept


def test_word_rejects_text_without_words():
    with pytest.raises(TokenizationError, match="empty"):
        WordTokenizer.from_corpus("   \n ")


# --- offsets slice the input, for every kind ---------------------------------------------

TEXT = st.text(alphabet=st.sampled_from(list(CORPUS) + ["é", "你", "👍", "\u05d0", " ", "\n"]), max_size=60)


@FAST
@given(TEXT)
def test_char_and_word_offsets_slice_the_input_to_the_token(text):
    char, word = char_tokenizer(), WordTokenizer.from_corpus(CORPUS)
    for tok in (char, word):
        for token in tok.encode(text):
            piece = text[token.start:token.end]
            assert piece == token.text or (token.id == tok.unk_id and piece)


@FAST
@given(TEXT)
def test_tokenizer_json_offsets_cover_the_input_exactly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("json") / "tokenizer.json"
    char_tokenizer().export_tokenizer_json(path)
    tok = TokenizerJsonFile.load(path)
    tokens = tok.encode(text)
    assert "".join(text[t.start:t.end] for t in tokens) == text
    assert tok.encode_ids(text) == char_tokenizer().encode_ids(text)


# --- display helpers ---------------------------------------------------------------------


def test_group_for_display_merges_tokens_sharing_a_character():
    text = "a👍b"
    tokens = [Token(1, "a", 0, 1), Token(2, "x", 1, 2), Token(3, "y", 1, 2), Token(4, "b", 2, 3),
              Token(5, "<s>", 3, 3)]
    groups = group_for_display(tokens, text)
    assert [(g.start, g.end, g.text, len(g.tokens)) for g in groups] == [
        (0, 1, "a", 1), (1, 2, "👍", 2), (2, 3, "b", 1), (3, 3, "", 1),
    ]
    assert [g.splits_a_character for g in groups] == [False, True, False, False]


def test_group_for_display_chains_overlapping_spans():
    tokens = [Token(1, "Ġä", 0, 2), Token(2, "½ł", 1, 2), Token(3, "x", 2, 3)]
    groups = group_for_display(tokens, " 你x")
    assert [(g.text, [t.id for t in g.tokens]) for g in groups] == [(" 你", [1, 2]), ("x", [3])]


def test_truncate_for_display():
    assert truncate_for_display("abcdef", limit=4) == ("abcd", True)
    assert truncate_for_display("ab", limit=4) == ("ab", False)
    assert truncate_for_display("x" * 1_000_001) == ("x" * 1_000_000, True)


def test_split_held_out_keeps_the_last_fraction():
    assert split_held_out("0123456789") == ("012345678", "9")
    assert split_held_out("0123456789", fraction=0.25) == ("01234567", "89")
    with pytest.raises(TokenizationError, match="between 0 and 1"):
        split_held_out("abc", fraction=1.0)


def test_invalid_text_raises_tokenization_error():
    with pytest.raises(TokenizationError, match="surrogate"):
        char_tokenizer().encode("a\ud800")
    with pytest.raises(TokenizationError, match="str"):
        char_tokenizer().encode_ids(b"abc")  # type: ignore[arg-type]


# --- tokenizer.json files and transformers tokenizers ------------------------------------


def test_tokenizer_json_load_reports_missing_and_malformed_files(tmp_path):
    with pytest.raises(TokenizationError, match="does not exist"):
        TokenizerJsonFile.load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TokenizationError, match="not a readable"):
        TokenizerJsonFile.load(bad)
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(TokenizationError, match="no 'model'"):
        TokenizerJsonFile.load(bad)


def test_char_save_pretrained_gives_the_same_ids_with_auto_tokenizer(tmp_path):
    from transformers import AutoTokenizer

    tok = char_tokenizer()
    tok.save_pretrained(tmp_path)
    hf = AutoTokenizer.from_pretrained(tmp_path)
    for text in ["the cat sat", "O gato!\n\n  123", "unknown: é [UNK] z"]:
        ids = tok.encode_ids(text)
        assert hf.encode(text) == ids
        assert hf.decode(ids) == tok.decode(ids)
    assert hf.decode(hf.encode("the mat.\n")) == "the mat.\n"
    again = CharTokenizer.from_pretrained(tmp_path)
    assert again.chars == tok.chars and again.vocab_size == tok.vocab_size


@lru_cache(maxsize=1)
def tiny_view() -> PretrainedTokenizerView:
    from tests.tiny_models import tiny_byte_level_tokenizer

    return PretrainedTokenizerView(tiny_byte_level_tokenizer(vocab_size=300))


@FAST
@given(TEXT)
def test_pretrained_view_offsets_cover_the_input_exactly(text):
    tokens = tiny_view().encode(text)
    groups = group_for_display(tokens, text)
    assert "".join(g.text for g in groups) == text
    assert all(text[t.start:t.end] for t in tokens)


def test_pretrained_view_uses_the_fast_tokenizers_offsets():
    from tests.tiny_models import tiny_byte_level_tokenizer

    hf = tiny_byte_level_tokenizer()
    view = PretrainedTokenizerView(hf, name="tiny")
    text = "the cat sat on the mat 👍"
    tokens = view.encode(text)
    assert [t.id for t in tokens] == hf.encode(text, add_special_tokens=False) == view.encode_ids(text)
    assert [t.text for t in tokens] == hf.convert_ids_to_tokens(view.encode_ids(text))
    assert "".join(g.text for g in group_for_display(tokens, text)) == text
    assert view.decode(view.encode_ids(text)) == text
    assert view.vocab_size == len(hf) and view.name == "tiny"


class _SlowTokenizer:
    """A duck-typed slow transformers tokenizer (no offsets), backed by a CharTokenizer."""

    is_fast = False
    unk_token_id = 3

    def __init__(self) -> None:
        self.inner = CharTokenizer.from_corpus("abc")

    def __len__(self) -> int:
        return self.inner.vocab_size

    def encode(self, text, add_special_tokens=False):
        return self.inner.encode_ids(text)

    def decode(self, ids, skip_special_tokens=False, clean_up_tokenization_spaces=False):
        return self.inner.decode(ids)

    def convert_ids_to_tokens(self, ids):
        return [self.inner.decode([i]) for i in ids]


def test_pretrained_view_rebuilds_offsets_for_slow_tokenizers():
    view = PretrainedTokenizerView(_SlowTokenizer())
    tokens = view.encode("abca")
    assert [(t.id, t.text, t.start, t.end) for t in tokens] == [
        (0, "a", 0, 1), (1, "b", 1, 2), (2, "c", 2, 3), (0, "a", 3, 4),
    ]
    assert view.unk_id == 3 and view.vocab_size == 4
