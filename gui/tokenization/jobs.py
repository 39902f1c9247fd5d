"""The Tokenization tab's background work: reading a corpus sample, building the character and
word tokenizers, training BPE, and measuring held-out text.

The job functions are plain Python (they run in a `TaskThread` and only touch `core`); the tab
runs them through `gui.common.workers.JobRunner`, which drops a result that a newer request replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gui.common.workers import TaskContext

CORPUS_SAMPLE_CHARS = 2_000_000  # larger corpora are sampled: their first this many characters
HELD_OUT_FRACTION = 0.1  # the last 10% of the sample is held out


@dataclass(frozen=True)
class CorpusSample:
    """The part of the corpus the tab works on: training text and held-out text."""

    name: str
    train_text: str
    held_out: str
    total_chars: int  # the whole corpus
    sampled: bool  # True when only the first CORPUS_SAMPLE_CHARS characters were read


@dataclass(frozen=True)
class PreparedCorpus:
    """Character and word tokenizers built from the training text, and their held-out numbers."""

    sample: CorpusSample
    char: Any  # core.tokenization.tokenizers.CharTokenizer
    word: Any  # core.tokenization.tokenizers.WordTokenizer
    held_out: dict[str, Any]  # row key -> core.tokenization.statistics.TokenStats


@dataclass(frozen=True)
class TrainedBpe:
    """Everything the BPE panel shows, computed off the GUI thread."""

    result: Any  # core.tokenization.bpe.BpeTrainingResult
    merges: list[Any]  # core.tokenization.bpe.Merge, with counts
    curve: Any  # core.tokenization.pair_counts.MergeCurve on the held-out text
    held_out: Any  # TokenStats of the held-out text
    sample: CorpusSample

    @property
    def tokenizer(self) -> Any:
        return self.result.tokenizer


def sample_corpus(corpus: Any, limit: int | None = None) -> CorpusSample:
    """Read at most `limit` (default CORPUS_SAMPLE_CHARS) characters of `corpus` and split off
    the held-out tail."""
    from core.tokenization.base import split_held_out

    limit = CORPUS_SAMPLE_CHARS if limit is None else limit
    sampled = corpus.streamed or corpus.n_chars > limit
    text = corpus.read_text(max_chars=limit) if sampled else corpus.read_text()
    if len(text) >= 10:
        train, held_out = split_held_out(text, HELD_OUT_FRACTION)
    else:  # too short to hold anything out: measure on the text itself
        train, held_out = text, text
    return CorpusSample(corpus.name, train, held_out, corpus.n_chars, sampled)


def prepare_corpus(corpus: Any, context: TaskContext | None = None) -> PreparedCorpus:
    """Sample the corpus and build the character and word tokenizers from its training part."""
    from core.tokenization.statistics import compute_stats
    from core.tokenization.tokenizers import CharTokenizer, WordTokenizer

    sample = sample_corpus(corpus)
    if context is not None:
        context.check()
    char = CharTokenizer.from_corpus(sample.train_text)
    word = WordTokenizer.from_corpus(sample.train_text)
    if context is not None:
        context.check()
    held_out = {"char": compute_stats(char, sample.held_out), "word": compute_stats(word, sample.held_out)}
    return PreparedCorpus(sample, char, word, held_out)


def train_bpe(sample: CorpusSample, vocab_size: int, min_frequency: int, context: TaskContext | None = None,
              stage: Callable[[str, float], None] | None = None) -> TrainedBpe:
    """Train byte-level BPE on the sample's training text, then compute the merge counts, the
    charts' curve and the held-out statistics. `stage(name, fraction)` reports progress
    (fraction -1 when unknown); a stop request cancels while the corpus is read."""
    from core.tokenization.bpe import BpeTokenizer
    from core.tokenization.statistics import compute_stats

    def report(name: str, fraction: float | None) -> None:
        if context is not None:
            context.check()
        if stage is not None:
            stage(name, -1.0 if fraction is None else float(fraction))

    result = BpeTokenizer.train(sample.train_text, vocab_size, min_frequency, progress=report)
    report("counting", None)
    merges = result.merges
    report("measuring", None)
    curve = result.tokenizer.curve(sample.held_out)
    held_out = compute_stats(result.tokenizer, sample.held_out)
    return TrainedBpe(result, merges, curve, held_out, sample)


def held_out_job(tokenizer: Any, text: str) -> Callable[[TaskContext], Any]:
    """A job measuring `text` (the held-out text) with `tokenizer`."""
    def job(_context: TaskContext) -> Any:
        from core.tokenization.statistics import compute_stats

        return compute_stats(tokenizer, text)

    return job


def typed_stats_job(tokenizers: dict[str, Any], text: str) -> Callable[[TaskContext], Any]:
    """A job measuring a long typed `text` with each tokenizer: returns (text, {key: TokenStats})."""
    def job(context: TaskContext) -> tuple[str, dict[str, Any]]:
        from core.tokenization.statistics import compute_stats

        results = {}
        for key, tokenizer in tokenizers.items():
            context.check()
            results[key] = compute_stats(tokenizer, text)
        return text, results

    return job
