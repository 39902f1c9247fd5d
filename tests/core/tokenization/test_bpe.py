"""Byte-level BPE: training, encoding, the merge replay, files and bad input."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tokenization.base import TokenizationError, group_for_display
from core.tokenization.bpe import DEFAULT_SPECIAL_TOKENS, BpeTokenizer
from core.tokenization.token_labels import piece_bytes

CORPUS = (
    "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat.\n"
    "o gato sentou no tapete. o cachorro sentou no tronco. ação, coração, você!\n"
    "def add(a, b):\n    return a + b  # 1 + 2 == 3\n"
    "你好，世界。猫猫猫 👍👍 aaaa !!! ...\n"
) * 3
BASE = len(DEFAULT_SPECIAL_TOKENS) + 256
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = st.text(max_size=60)
NEAR_CORPUS = st.lists(st.sampled_from(sorted(set(CORPUS)) + ["<s>", "</s>", "é", "\u05e9", "\t", "the", " cat"]),
                       max_size=40).map("".join)


@cache
def trained(vocab_size: int = 350):
    return BpeTokenizer.train(CORPUS, vocab_size)


# --- training ----------------------------------------------------------------------------


def test_training_learns_the_requested_vocabulary_with_counted_merges():
    result = trained()
    tok = result.tokenizer
    assert tok.vocab_size == 350 and tok.num_merges == 350 - BASE
    assert result.warnings == ()
    assert tok.special_tokens == {name: i for i, name in enumerate(DEFAULT_SPECIAL_TOKENS)}
    merges = result.merges
    assert len(merges) == tok.num_merges
    counts = [m.count for m in merges]
    assert counts == sorted(counts, reverse=True)  # BPE always merges the most frequent pair left
    assert min(counts) >= 2
    assert all(tok.hf_tokenizer.token_to_id(m.result) is not None for m in merges)


def test_progress_reports_fractions_and_can_cancel():
    seen = []
    BpeTokenizer.train(CORPUS, 300, progress=lambda stage, f: seen.append((stage, f)))
    fractions = [f for s, f in seen if s == "reading"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0

    class Cancelled(Exception):
        pass

    def cancel(stage, fraction):
        raise Cancelled

    with pytest.raises(Cancelled):
        BpeTokenizer.train(CORPUS, 300, progress=cancel)


# --- encoding ----------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
def test_byte_level_bpe_round_trips_any_unicode(text):
    tok = trained().tokenizer
    assert tok.decode(tok.encode_ids(text)) == text


MIXED_SCRIPTS = st.lists(st.sampled_from(["a", "é", "你", "👍🏽", "\u05e9\u05dc", "🇧🇷", " ", "\n", "<s>"]), max_size=30)


@FAST
@given(MIXED_SCRIPTS.map("".join) | ANY_TEXT)
def test_bpe_offsets_slice_the_input_to_the_tokens_bytes(text):
    tok = trained().tokenizer
    groups = group_for_display(tok.encode(text), text)
    assert "".join(g.text for g in groups) == text
    for group in groups:
        assert b"".join(piece_bytes(t.text) for t in group.tokens) == group.text.encode("utf-8")


def test_piece_bytes_reads_the_byte_level_alphabet():
    assert piece_bytes("Ġthe") == b" the"
    assert piece_bytes("ä½ł") == "你".encode("utf-8")
    assert piece_bytes("Ċ") == b"\n"
    assert piece_bytes("<s>") == b"<s>"
    from tokenizers import pre_tokenizers

    assert sorted(piece_bytes("".join(pre_tokenizers.ByteLevel.alphabet()))) == list(range(256))
    assert piece_bytes("Ġ\u2603") == "Ġ\u2603".encode("utf-8")  # not byte-level text


# --- replay ------------------------------------------------------------------------------


@FAST
@given(NEAR_CORPUS | ANY_TEXT)
def test_replay_at_the_last_merge_equals_the_tokenizers_encoding(text):
    tok = trained().tokenizer
    assert tok.replay(text, tok.num_merges) == tok.encode(text)
    assert tok.replay(text, 10**9) == tok.encode(text)


@FAST
@given(NEAR_CORPUS)
def test_replay_token_count_never_grows_with_more_merges(text):
    tok = trained().tokenizer
    lengths = [len(tok.replay(text, k)) for k in range(0, tok.num_merges + 1, 7)]
    assert lengths == sorted(lengths, reverse=True)
    assert lengths[0] == len(text.encode("utf-8")) - 2 * text.count("<s>") - 3 * text.count("</s>")


def test_replay_shows_each_merge_as_it_happens():
    tok = trained().tokenizer
    first = tok.merges()[0]
    raw = piece_bytes(first.result).decode("utf-8")  # e.g. " t" for the merge "Ġ" + "t"
    text = raw * 2
    before, after = tok.replay(text, 0), tok.replay(text, 1)
    assert [t.text for t in before] == [first.left, first.right] * 2
    assert [t.text for t in after] == [first.result, first.result]
    assert [(t.start, t.end) for t in after] == [(0, len(raw)), (len(raw), 2 * len(raw))]


def test_replay_handles_words_too_long_for_the_history_cache():
    tok = trained().tokenizer
    text = "the cat " + "aaaa" * 200 + "ab" * 300 + " sat"
    assert tok.replay(text, tok.num_merges) == tok.encode(text)
    lengths = [len(tok.replay(text, k)) for k in range(0, tok.num_merges + 1, 20)]
    assert lengths == sorted(lengths, reverse=True)


def hand_written_tokenizer():
    """A BPE no trainer would write: "abc" comes from two merges, and "bc" is used (rank 1)
    before it is made (rank 3). `encode` merges "abcd" with ranks 0, 4, 2: not in order."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    vocab = {symbol: i for i, symbol in enumerate(alphabet)}
    vocab.update({"ab": 256, "bc": 257, "abc": 258, "abcd": 259})
    merges = [("a", "b"), ("a", "bc"), ("abc", "d"), ("b", "c"), ("ab", "c")]
    raw = Tokenizer(models.BPE(vocab=vocab, merges=merges))
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    return raw, vocab, merges


def test_replay_follows_encode_even_when_merges_come_out_of_order():
    from tokenizers import Tokenizer, models, pre_tokenizers

    raw, vocab, merges = hand_written_tokenizer()
    tok = BpeTokenizer(raw, corpus_units={"abcd": 2, " xbcd": 1})
    text = "abcd xbcd abc bcd"
    for k in range(len(merges) + 1):
        reference = Tokenizer(models.BPE(vocab=vocab, merges=merges[:k]))
        reference.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        assert [t.text for t in tok.replay(text, k)] == reference.encode(text).tokens
    assert tok.replay(text, 5) == tok.encode(text)
    assert [t.text for t in tok.replay("abcd", 3)] == ["ab", "c", "d"]  # "ab" + "c" comes only at rank 4
    # Counts follow the trainer's order (rank after rank): "abcd" meets (a, b) then (ab, c);
    # " xbcd" meets (b, c) at rank 3.
    assert [m.count for m in tok.merges()] == [2, 0, 0, 1, 2]
    curve = tok.curve(text, points=6)
    assert curve.merges == (0, 1, 2, 3, 4, 5)
    assert curve.token_counts == tuple(len(tok.replay(text, k)) for k in curve.merges)
    assert curve.distinct_tokens == tuple(len({t.id for t in tok.replay(text, k)}) for k in curve.merges)


def test_replay_rejects_negative_merge_counts():
    with pytest.raises(TokenizationError, match="negative"):
        trained().tokenizer.replay("abc", -1)


# --- files -------------------------------------------------------------------------------


def test_save_pretrained_gives_the_same_ids_with_auto_tokenizer(tmp_path):
    from transformers import AutoTokenizer

    tok = trained().tokenizer
    tok.save_pretrained(tmp_path)
    hf = AutoTokenizer.from_pretrained(tmp_path)
    for text in [CORPUS[:120], "<s>hello</s> 👍🏽 naïve 你好", "  spaces\t\tand\nnewlines  "]:
        ids = tok.encode_ids(text)
        assert hf.encode(text) == ids
        assert hf.decode(ids) == text == tok.decode(ids)
    assert hf.bos_token == "<s>" and hf.pad_token_id == 1 and hf.eos_token_id == 2

    again = BpeTokenizer.from_pretrained(tmp_path)
    assert again.num_merges == tok.num_merges
    assert again.replay(CORPUS[:80], 25) == tok.replay(CORPUS[:80], 25)
    assert {m.count for m in again.merges()} == {None}  # the corpus is not saved


def test_export_vocab_merges_and_tokenizer_json(tmp_path):
    import json

    tok = trained().tokenizer
    vocab_path, merges_path = tok.export_vocab_merges(tmp_path)
    assert len(json.loads(vocab_path.read_text(encoding="utf-8"))) == tok.vocab_size
    lines = [line for line in merges_path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[:2] == [f"{m.left} {m.right}" for m in tok.merges()[:2]] and len(lines) == tok.num_merges
    path = tok.export_tokenizer_json(tmp_path / "tokenizer.json")
    assert BpeTokenizer.from_pretrained(path).encode_ids(CORPUS[:50]) == tok.encode_ids(CORPUS[:50])


# --- bad input ---------------------------------------------------------------------------


def test_empty_corpus_is_rejected():
    with pytest.raises(TokenizationError, match="empty"):
        BpeTokenizer.train("", 300)
    with pytest.raises(TokenizationError, match="empty"):
        BpeTokenizer.train(iter([]), 300)


def test_corpus_too_small_to_train_on_is_rejected():
    with pytest.raises(TokenizationError, match="too small"):
        BpeTokenizer.train("abc", 300)


def test_vocab_below_the_alphabet_warns_that_no_merges_happen():
    result = BpeTokenizer.train(CORPUS, 100)
    assert result.tokenizer.num_merges == 0 and result.merges == []
    assert len(result.warnings) == 1 and "no merges will happen" in str(result.warnings[0])
    assert result.warnings[0].args == {"vocab": 100, "base": BASE}  # translatable: template + values
    text = "cat 👍"
    assert result.tokenizer.replay(text, 0) == result.tokenizer.encode(text)
    curve = result.tokenizer.curve(text)
    assert curve.merges == (0,) and curve.token_counts == (len(text.encode("utf-8")),)


def test_vocab_larger_than_the_corpus_allows_warns_about_fewer_merges():
    result = BpeTokenizer.train("the cat the cat the cat", 5000)
    assert 0 < result.tokenizer.num_merges < 5000 - BASE
    assert str(result.warnings[0]).startswith("Only ")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"vocab_size": 0}, "positive"),
        ({"vocab_size": 300, "min_frequency": 0}, "min_frequency"),
        ({"vocab_size": 300, "special_tokens": ["<s>", "<s>"]}, "distinct"),
        ({"vocab_size": 300, "special_tokens": "<s>"}, "list"),
    ],
)
def test_bad_training_arguments_are_rejected(kwargs, message):
    with pytest.raises(TokenizationError, match=message):
        BpeTokenizer.train(CORPUS, **kwargs)


def test_bad_corpus_types_are_rejected():
    with pytest.raises(TokenizationError, match="bytes"):
        BpeTokenizer.train(b"the cat", 300)  # type: ignore[arg-type]
    with pytest.raises(TokenizationError, match="str"):
        BpeTokenizer.train(["the cat", 3], 300)  # type: ignore[list-item]
    with pytest.raises(TokenizationError, match="surrogate"):
        BpeTokenizer.train("the cat \ud800", 300)


def test_a_gpt2_style_tokenizer_from_elsewhere_can_be_replayed():
    from tests.tiny_models import tiny_byte_level_tokenizer

    hf = tiny_byte_level_tokenizer(vocab_size=300)
    tok = BpeTokenizer(hf.backend_tokenizer)
    assert tok.num_merges > 20
    text = "the cat met a dog<|endoftext|> o gato 👍"
    assert tok.replay(text, tok.num_merges) == tok.encode(text)
    assert [t.id for t in tok.encode(text)] == hf.encode(text, add_special_tokens=False)
    assert tok.replay(text, 0)[0].text == "t" and {m.count for m in tok.merges()} == {None}


def test_only_byte_level_bpe_can_be_replayed(tmp_path):
    from core.tokenization.tokenizers import CharTokenizer

    path = CharTokenizer.from_corpus("abc").export_tokenizer_json(tmp_path / "tokenizer.json")
    with pytest.raises(TokenizationError, match="byte-level BPE"):
        BpeTokenizer.from_pretrained(path)
