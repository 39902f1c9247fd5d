"""Question/answer records as training data (each closed by an end-of-text token, a val split of whole records
chosen by fraction and seed) and run lengths in epochs."""

from __future__ import annotations

import json

import pytest

from core.corpus import read_corpus
from core.tokenization.base import TokenizationError
from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.epochs import current_epoch, epochs_done, iters_for_epochs, steps_per_epoch, with_run_length
from core.training.records import (
    RECORD_SEPARATOR_CHAR,
    corpus_tokens,
    record_separator,
    record_split,
    records_vocabulary,
    tokenize_records,
)
from tests.tiny_models import tiny_byte_level_tokenizer

RECORDS = [{"question": f"What is {i} plus {i}?", "answer": f"It is {2 * i}."} for i in range(40)]


@pytest.fixture
def qa_corpus(tmp_path):
    path = tmp_path / "sums.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in RECORDS), encoding="utf-8")
    return read_corpus(path)


def char_tokenizer(corpus) -> CharTokenizer:
    return CharTokenizer(records_vocabulary("".join(corpus.iter_chunks()), corpus))


def records_of(data, separator) -> list[list[int]]:
    """The token file cut after every separator."""
    records, current = [], []
    for token in data.tokens().tolist():
        current.append(token)
        if token == separator:
            records.append(current)
            current = []
    assert not current
    return records


def test_every_record_ends_with_the_visible_separator_and_val_is_whole_records(qa_corpus, tmp_path):
    tokenizer = char_tokenizer(qa_corpus)
    separator = record_separator(tokenizer)
    assert tokenizer.chars[separator] == RECORD_SEPARATOR_CHAR
    data = tokenize_records(qa_corpus, tokenizer, val_fraction=0.1, seed=3, cache_root=tmp_path / "cache")
    assert data.separator_id == separator and data.n_records == 40 and data.n_val_records == 4
    documents = list(qa_corpus.iter_documents())
    held_out = record_split(40, 0.1, 3)
    expected = ([documents[i] for i in range(40) if i not in held_out]
                + [documents[i] for i in range(40) if i in held_out])
    decoded = [tokenizer.decode(record) for record in records_of(data, separator)]
    assert decoded == [document + RECORD_SEPARATOR_CHAR for document in expected]
    train_tokens = sum(len(document) + 1 for document in expected[:36])
    assert data.split_index == train_tokens
    assert data.split("val")[-1] == separator and data.split("train")[-1] == separator  # no record cut in two


def test_the_split_follows_fraction_and_seed(qa_corpus, tmp_path):
    assert len(record_split(40, 0.15, 0)) == 6
    assert record_split(40, 0.1, 1) != record_split(40, 0.1, 2)
    assert record_split(1, 0.5, 0) == set() and len(record_split(2, 0.01, 0)) == 1
    tokenizer = char_tokenizer(qa_corpus)
    first = tokenize_records(qa_corpus, tokenizer, 0.15, 5, cache_root=tmp_path)
    again = tokenize_records(qa_corpus, tokenizer, 0.15, 5, cache_root=tmp_path)
    assert again.from_cache and again.path == first.path and again.n_val_records == first.n_val_records == 6
    assert again.separator_id == first.separator_id
    other = tokenize_records(qa_corpus, tokenizer, 0.15, 6, cache_root=tmp_path)
    assert other.path != first.path


def test_bpe_and_model_tokenizers_close_records_with_their_eos(qa_corpus, tmp_path):
    from core.tokenization.bpe import BpeTokenizer

    hf = tiny_byte_level_tokenizer()
    assert record_separator(hf) == hf.eos_token_id
    bpe = BpeTokenizer.train(qa_corpus.iter_chunks(), 300).tokenizer
    assert record_separator(bpe) == bpe.special_tokens["</s>"]
    data = corpus_tokens(qa_corpus, bpe, cache_root=tmp_path)
    assert len(records_of(data, bpe.special_tokens["</s>"])) == 40


def test_plain_text_keeps_the_contiguous_split_and_char_tokenizers_need_the_separator(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("abc " * 100, encoding="utf-8")
    corpus = read_corpus(path)
    tokenizer = CharTokenizer(records_vocabulary("abc ", corpus))
    assert RECORD_SEPARATOR_CHAR not in tokenizer.chars
    data = corpus_tokens(corpus, tokenizer, cache_root=tmp_path)
    assert data.n_records == 0 and data.separator_id is None and data.split_index == 360
    with pytest.raises(TokenizationError):
        record_separator(tokenizer)


def test_epochs():
    assert steps_per_epoch(12_000, 1_200) == 10.0 and steps_per_epoch(0, 5) == 0.0
    assert epochs_done(18_000, 12_000) == 1.5 and current_epoch(18_000, 12_000) == 2
    assert current_epoch(0, 12_000) == 1
    assert iters_for_epochs(2.5, 12_000, 1_200) == 25 and iters_for_epochs(0.01, 12_000, 1_200) == 1
    config = TrainingConfig(batch_size=4, block_size=10, epochs=3)
    assert with_run_length(config, 400).max_iters == 30
    assert with_run_length(TrainingConfig(max_iters=7), 400).max_iters == 7
    assert TrainingConfig(epochs=0).problems() and TrainingConfig(val_fraction=1.0).problems()


def test_a_run_given_in_epochs_trains_that_many_steps(tmp_path):
    import torch

    from core.training.events import TrainingFinished
    from core.training.loop import train

    torch.set_num_threads(1)
    text = "the cat sat on the mat. " * 40
    tokenizer = CharTokenizer(sorted(set(text)))
    data = corpus_tokens(text, tokenizer, cache_root=tmp_path)
    config = TrainingConfig(n_layer=1, n_head=1, n_embd=8, block_size=8, batch_size=4, eval_interval=100,
                            eval_iters=1, sample_tokens=0, warmup_iters=0, baseline=None, epochs=0.5, device="cpu")
    last = list(train(config, data, tokenizer))[-1]
    assert isinstance(last, TrainingFinished) and last.status == "completed", last.error
    assert last.step == iters_for_epochs(0.5, data.split_index, 32)
