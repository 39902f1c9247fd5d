"""Corpus-wide BPE numbers: merge counts against the trainer's own definition, and chart curves."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tokenization.base import TokenizationError
from core.tokenization.bpe import BpeTokenizer
from core.tokenization.pair_counts import count_units, count_words, words_from_units
from tests.core.tokenization.test_bpe import BASE, CORPUS, FAST, trained


def test_units_and_words_by_hand():
    units = count_units(["Hi  there, hi\n", "hi"])
    assert units == Counter({"Hi": 1, "  there,": 1, " hi": 1, "\n": 1, "hi": 1})
    pre = trained().tokenizer.hf_tokenizer.pre_tokenizer
    assert words_from_units(units, pre) == Counter(
        {"Hi": 1, "Ġ": 1, "Ġthere": 1, ",": 1, "Ġhi": 1, "Ċ": 1, "hi": 1})


def reference_counts(word_counts: dict[str, int], pairs: list[tuple[str, str]]):
    """The trainer's own definition, simulated naively: before each merge, count the pair's
    adjacent occurrences (overlaps included) over the word table, and check it is the most
    frequent pair; then merge it everywhere, left to right."""
    words = {w: list(w) for w in word_counts}
    counts = []
    for left, right in pairs:
        pair_totals: Counter = Counter()
        for w, seg in words.items():
            for pair in zip(seg, seg[1:]):
                pair_totals[pair] += word_counts[w]
        counts.append(pair_totals[left, right])
        assert pair_totals[left, right] == max(pair_totals.values())
        for w, seg in words.items():
            out, i = [], 0
            while i < len(seg):
                if i + 1 < len(seg) and seg[i] == left and seg[i + 1] == right:
                    out.append(left + right)
                    i += 2
                else:
                    out.append(seg[i])
                    i += 1
            words[w] = out
    return counts


def test_merge_counts_match_the_trainers_definition():
    tok = trained().tokenizer
    pairs = [(m.left, m.right) for m in tok.merges()]
    assert [m.count for m in tok.merges()] == reference_counts(tok.word_table(), pairs)


def pairs_left(word_counts: dict[str, int], pairs: list[tuple[str, str]]) -> Counter:
    """How often each adjacent pair occurs (overlaps included) after applying `pairs` as merges, left to right."""
    words = {w: list(w) for w in word_counts}
    for left, right in pairs:
        for w, seg in words.items():
            out, i = [], 0
            while i < len(seg):
                if i + 1 < len(seg) and seg[i] == left and seg[i + 1] == right:
                    out.append(left + right)
                    i += 2
                else:
                    out.append(seg[i])
                    i += 1
            words[w] = out
    totals: Counter = Counter()
    for w, seg in words.items():
        for pair in zip(seg, seg[1:]):
            totals[pair] += word_counts[w]
    return totals


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="ab a\nbé", min_size=2, max_size=12), min_size=2, max_size=25))
def test_merge_counts_match_on_repetitive_corpora(lines):
    """Tiny alphabets produce runs ("aaaa") and merges that yield the same string twice.

    Every line appears twice, so nearly every example has pairs that repeat. The trainer then merges, and
    stops only at the vocabulary size or when no pair occurs twice; a corpus where no pair repeats is refused
    with the reason (checked against the pre-tokenizer's own split, not taken on trust)."""
    corpus = "\n".join(lines + lines)
    words = count_words([corpus], trained().tokenizer.hf_tokenizer.pre_tokenizer)
    if max(pairs_left(words, []).values(), default=0) < 2:
        with pytest.raises(TokenizationError, match="no pair of symbols occurs 2 times"):
            BpeTokenizer.train(corpus, BASE + 30)
        return
    tok = BpeTokenizer.train(corpus, BASE + 30).tokenizer
    assert tok.word_table() == words
    pairs = [(m.left, m.right) for m in tok.merges()]
    assert 1 <= len(pairs) <= 30
    assert [m.count for m in tok.merges()] == reference_counts(tok.word_table(), pairs)
    if len(pairs) < 30:
        assert max(pairs_left(tok.word_table(), pairs).values(), default=0) < 2


def thue_morse(n: int) -> str:
    """A word over {a, b} with no part repeated three times in a row (no "xxx")."""
    return "".join("ab"[bin(i).count("1") % 2] for i in range(n))


def test_merge_counts_match_with_words_longer_than_the_history_limit():
    corpus = CORPUS + ("x" + thue_morse(300) + " " + thue_morse(280) + "\n") * 3
    tok = BpeTokenizer.train(corpus, 400).tokenizer
    assert max(len(w) for w in tok.word_table()) > 256
    pairs = [(m.left, m.right) for m in tok.merges()]
    assert [m.count for m in tok.merges()] == reference_counts(tok.word_table(), pairs)


def test_streamed_corpus_trains_and_counts_the_same_way():
    chunks = [CORPUS[i:i + 97] for i in range(0, len(CORPUS), 97)]
    progress = []
    result = BpeTokenizer.train(iter(chunks), 400, progress=lambda stage, f: progress.append((stage, f)))
    tok = result.tokenizer
    assert [s for s, _ in progress] == ["reading"] * len(chunks) + ["merging", "done"]
    assert all(f is None for s, f in progress[:-1]) and progress[-1] == ("done", 1.0)
    assert tok.word_table() == count_words(chunks, tok.hf_tokenizer.pre_tokenizer)
    pairs = [(m.left, m.right) for m in tok.merges()]
    assert [m.count for m in tok.merges()] == reference_counts(tok.word_table(), pairs)


@FAST
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x85\xa0\u3000\u2003ab1.é", max_size=60))
def test_word_table_equals_the_pre_tokenizers_own_split(text):
    pre = trained().tokenizer.hf_tokenizer.pre_tokenizer
    chunks = [text[:len(text) // 2], text[len(text) // 2:]]
    expected = Counter(piece for chunk in chunks for piece, _ in pre.pre_tokenize_str(chunk))
    assert count_words(chunks, pre) == expected


# --- chart data --------------------------------------------------------------------------


def test_curve_agrees_with_the_replay_at_every_point():
    tok = trained().tokenizer
    text = CORPUS[:200] + " unseen words: zebra, xylophone <s> " + "aaaaaa " + "a" * 300 + " " + "ab" * 150
    curve = tok.curve(text, points=12)
    assert curve.merges[0] == 0 and curve.merges[-1] == tok.num_merges and len(curve.merges) == 12
    for k, tokens, distinct in zip(curve.merges, curve.token_counts, curve.distinct_tokens):
        replayed = tok.replay(text, k)
        assert tokens == len(replayed)
        assert distinct == len({t.id for t in replayed})
    assert curve.vocab_sizes[0] == BASE and curve.vocab_sizes[-1] == tok.vocab_size
    assert curve.chars_per_token[-1] == pytest.approx(len(text) / len(tok.encode_ids(text)))

