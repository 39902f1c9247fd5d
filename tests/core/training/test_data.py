"""Tests for core.training.data (token files, memmap batches, cache) and core.model.bigram's count baselines."""

from __future__ import annotations

import json
import math
import os

import numpy as np
import pytest
import torch

from core.model.bigram import bigram_loss, count_baseline_loss, unigram_loss
from core.training.data import (
    CorpusTooShortError,
    cache_dir,
    token_dtype,
    tokenize_corpus,
    tokenizer_fingerprint,
)

torch.set_num_threads(1)

TEXT = "to be or not to be, that is the question.\n" * 50


class CharTok:
    """A minimal character tokenizer with the same interface as core.tokenization.tokenizers's."""

    def __init__(self, text: str, extra: int = 0) -> None:
        self.chars = sorted(set(text))
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars) + extra
        self.calls = 0

    def encode_ids(self, text: str) -> list[int]:
        self.calls += 1
        return [self.stoi[c] for c in text]

    def decode(self, ids) -> str:
        return "".join(self.chars[i] for i in ids)

    def save_pretrained(self, folder) -> None:
        with open(os.path.join(folder, "vocab.json"), "w") as f:
            json.dump({"chars": self.chars, "size": self.vocab_size}, f)


def test_token_file_holds_the_encoded_corpus_with_90_10_split(tmp_path):
    tok = CharTok(TEXT)
    seen = []
    data = tokenize_corpus([TEXT[:700], TEXT[700:]], tok, progress=lambda done, total: seen.append((done, total)),
                           total_chars=len(TEXT))
    expected = np.array(tok.encode_ids(TEXT), dtype=np.uint16)
    assert data.dtype == "uint16" and data.n_tokens == len(TEXT)
    assert np.array_equal(np.fromfile(data.path, dtype=np.uint16), expected)
    assert np.array_equal(data.tokens(), expected)
    assert data.split_index == len(TEXT) - round(len(TEXT) * 0.1)
    assert np.array_equal(data.split("train"), expected[: data.split_index])
    assert np.array_equal(data.split("val"), expected[data.split_index :])
    assert isinstance(data.tokens(), np.memmap)
    # Progress is monotone and ends at the total.
    assert seen[-1] == (len(TEXT), len(TEXT))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert str(data.path).startswith(str(cache_dir()))  # conftest points LM_ANATOMY_CACHE at tmp_path


def test_word_split_across_chunks_is_tokenized_whole(tmp_path):
    class WordTok(CharTok):
        def encode_ids(self, text):
            self.pieces.append(text)
            return super().encode_ids(text)

    text = "hello world " * 300
    tok = WordTok(text)
    tok.pieces = []
    chunks = [text[i : i + 997] for i in range(0, len(text), 997)]  # cuts land inside words
    data = tokenize_corpus(chunks, tok, cache_root=tmp_path / "c")
    assert "".join(tok.pieces) == text
    assert all(p.split(" ")[-1] in ("", "hello", "world") for p in tok.pieces)  # no piece ends mid-word
    assert tok.decode(data.tokens().tolist()) == text


def test_cache_reuses_the_file_for_same_corpus_and_tokenizer(tmp_path):
    tok = CharTok(TEXT)
    first = tokenize_corpus(TEXT, tok, cache_root=tmp_path / "c")
    calls = tok.calls
    second = tokenize_corpus([TEXT[:100], TEXT[100:]], tok, cache_root=tmp_path / "c")  # same text, other chunking
    assert tok.calls == calls and second.from_cache and not first.from_cache
    assert second.path == first.path
    # A one-pass iterator gets the same key (hashed while tokenizing).
    third = tokenize_corpus(iter([TEXT]), tok, cache_root=tmp_path / "c")
    assert third.path == first.path and third.n_tokens == first.n_tokens
    # A different tokenizer or different text gives a different file.
    other_tok = tokenize_corpus(TEXT, CharTok(TEXT, extra=3), cache_root=tmp_path / "c")
    other_text = tokenize_corpus(TEXT + "!", CharTok(TEXT + "!"), cache_root=tmp_path / "c")
    assert len({first.path, other_tok.path, other_text.path}) == 3
    assert sorted(p.suffix for p in (tmp_path / "c").iterdir()) == [".bin"] * 3 + [".json"] * 3  # no temp files


def test_corrupt_cache_is_rebuilt(tmp_path):
    tok = CharTok(TEXT)
    data = tokenize_corpus(TEXT, tok, cache_root=tmp_path / "c")
    with open(data.path, "ab") as f:
        f.write(b"xx")
    again = tokenize_corpus(TEXT, tok, cache_root=tmp_path / "c")
    assert not again.from_cache and os.path.getsize(again.path) == 2 * len(TEXT)


def test_cancel_from_progress_removes_partial_file(tmp_path):
    def cancel(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tokenize_corpus([TEXT, TEXT], CharTok(TEXT), progress=cancel, cache_root=tmp_path / "c")
    assert list((tmp_path / "c").iterdir()) == []


def test_uint32_for_large_vocabularies():
    assert token_dtype(65536) == np.uint16
    assert token_dtype(65537) == np.uint32


def test_large_vocab_ids_round_trip_as_uint32(tmp_path):
    class Big(CharTok):
        def encode_ids(self, text):
            return [70000 + i for i in super().encode_ids(text)]

    tok = Big("ab")
    tok.vocab_size = 70002
    data = tokenize_corpus("abba" * 10, tok, cache_root=tmp_path / "c")
    assert data.dtype == "uint32"
    assert data.tokens()[:4].tolist() == [70000, 70001, 70001, 70000]


def test_get_batch_equals_token_file_slices(tmp_path):
    tok = CharTok(TEXT)
    data = tokenize_corpus(TEXT, tok, cache_root=tmp_path / "c")
    gen = torch.Generator().manual_seed(0)
    x, y = data.get_batch("train", 8, 16, "cpu", gen)
    assert x.shape == y.shape == (8, 16) and x.dtype == torch.int64
    offsets = torch.randint(data.split_index - 16, (8,), generator=torch.Generator().manual_seed(0))
    train = np.fromfile(data.path, dtype=np.uint16)[: data.split_index].astype(np.int64)
    for row, i in enumerate(offsets.tolist()):
        assert x[row].tolist() == train[i : i + 16].tolist()
        assert y[row].tolist() == train[i + 1 : i + 17].tolist()
    xv, yv = data.get_batch("val", 4, 16, "cpu", torch.Generator().manual_seed(1))
    val = np.fromfile(data.path, dtype=np.uint16)[data.split_index :]
    text_val = tok.decode(val.tolist())
    for row in range(4):
        assert tok.decode(xv[row].tolist()) in text_val
        assert torch.equal(xv[row, 1:], yv[row, :-1])


def test_hf_tokenizer_is_accepted(tmp_path):
    from tests.tiny_models import TINY_TEXT, tiny_byte_level_tokenizer

    tok = tiny_byte_level_tokenizer()
    data = tokenize_corpus(TINY_TEXT, tok, cache_root=tmp_path / "c")
    assert data.vocab_size == len(tok)
    assert data.tokens().tolist() == tok.encode(TINY_TEXT, add_special_tokens=False)
    assert tokenizer_fingerprint(tok) == tokenizer_fingerprint(tiny_byte_level_tokenizer())


def test_corpus_shorter_than_block_size_raises_clear_error(tmp_path):
    data = tokenize_corpus("abcdefghijklmnopqrst", CharTok("abcdefghijklmnopqrst"), cache_root=tmp_path / "c")
    assert (data.split_index, data.n_tokens) == (18, 20)
    with pytest.raises(CorpusTooShortError, match="too short.*val split has 2 tokens"):
        data.check_block_size(8)
    with pytest.raises(CorpusTooShortError, match="block_size"):
        data.get_batch("train", 2, 18)
    data.check_block_size(1)  # the 2-token val split holds exactly one example of block_size 1: (s -> t)
    x, y = data.get_batch("val", 3, 1)
    assert x.tolist() == [[18]] * 3 and y.tolist() == [[19]] * 3


# ------------------------------------------------------------------ count baselines (core.model.bigram)


def test_unigram_and_bigram_baselines_match_hand_computation():
    train = np.array([0, 1, 0, 1, 0, 2])
    val = np.array([0, 1, 2])
    V = 3
    # Unigram: counts (3, 2, 1) + 1 over 6 + 3.
    uni = -(math.log(4 / 9) + math.log(3 / 9) + math.log(2 / 9)) / 3
    assert unigram_loss(train, val, V) == pytest.approx(uni)
    # Bigram: pairs 01, 10, 01, 10, 02 -> count(0,*)=3, count(1,*)=2.
    # P(1|0) = (2+1)/(3+3), P(2|1) = (0+1)/(2+3).
    bi = -(math.log(3 / 6) + math.log(1 / 5)) / 2
    assert bigram_loss(train, val, V) == pytest.approx(bi)
    assert count_baseline_loss(train, val, V, "bigram") == pytest.approx(bi)
    assert count_baseline_loss(train, val, V, "unigram") == pytest.approx(uni)


def test_sparse_bigram_counting_matches_dense(monkeypatch):
    import core.model.bigram as bigram

    rng = np.random.default_rng(0)
    train, val = rng.integers(0, 50, 2000), rng.integers(0, 50, 300)
    dense = bigram_loss(train, val, 50)
    monkeypatch.setattr(bigram, "DENSE_TABLE_LIMIT", 10)
    assert bigram_loss(train, val, 50) == pytest.approx(dense, rel=1e-12)


def test_bigram_baseline_beats_unigram_on_structured_text(tmp_path):
    data = tokenize_corpus(TEXT, CharTok(TEXT), cache_root=tmp_path / "c")
    train, val = data.split("train"), data.split("val")
    bi = count_baseline_loss(train, val, data.vocab_size, "bigram")
    uni = count_baseline_loss(train, val, data.vocab_size, "unigram")
    assert bi < uni < math.log(data.vocab_size)
    with pytest.raises(ValueError):
        count_baseline_loss(train, val, data.vocab_size, "trigram")
