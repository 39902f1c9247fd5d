"""Byte-level BPE: train with Hugging Face `tokenizers`, then replay the merges one by one.

Training itself is done by the Rust `tokenizers` library. What it does not report is
recomputed for a fraction of the training's cost:

- what a text looks like after only the first k merges (the slider), in
  `core.tokenization.merge_replay`;
- how often each merged pair occurred, and the charts' curves, in `core.tokenization.pair_counts`.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import Token, TokenizationError, check_text
from core.tokenization.merge_replay import Merge, MergeReplay
from core.tokenization.pair_counts import CURVE_POINTS, UNIT_PATTERN, MergeCurve, MergeStatistics, words_from_units
from core.tokenization.tokenizers import HfTokenizersBacked, load_tokenizer_json

DEFAULT_SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
BYTE_ALPHABET_SIZE = 256
CHUNK_CHARS = 1 << 16  # a str corpus is fed to the trainer in pieces of about this size
# progress(stage, fraction): fraction in [0, 1], or None when the total is unknown.
# Raise from the callback to cancel training.
ProgressCallback = Callable[[str, "float | None"], None]

_TRANSFORMERS_SPECIALS = {"<s>": "bos_token", "</s>": "eos_token", "<pad>": "pad_token",
                          "<unk>": "unk_token", "<mask>": "mask_token"}


def _chunks_of(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut `text` into pieces of about `size` characters, at line ends where possible."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


class BpeTokenizer(HfTokenizersBacked):
    """Byte-level BPE (GPT-2 style, no prefix space) with merge replay for the slider."""

    def __init__(self, tokenizer: Any, corpus_units: dict[str, int] | None = None, name: str | None = None) -> None:
        data = json.loads(tokenizer.to_str())
        model = data.get("model", {})
        if not _replayable(data):
            raise TokenizationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Only GPT-2 style byte-level BPE tokenizers can be replayed merge by merge; open "
                                "other tokenizer.json files as a plain tokenizer instead.")))
        pairs = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model.get("merges", [])]
        self._specials = {t["content"]: t["id"] for t in data.get("added_tokens", [])}
        super().__init__(tokenizer, name or f"Byte-level BPE ({tokenizer.get_vocab_size()})")
        base = tokenizer.get_vocab_size() - len({a + b for a, b in pairs})
        vocab = tokenizer.get_vocab(with_added_tokens=True)
        self._replay = MergeReplay(pairs, vocab, tokenizer.pre_tokenizer, self._specials, base)
        self._corpus_units = corpus_units  # the training corpus as a unit table, when known
        self._merges: list[Merge] | None = None
        self._statistics: MergeStatistics | None = None

    @classmethod
    def train(cls, corpus: str | Iterable[str], vocab_size: int, min_frequency: int = 2,
              special_tokens: Sequence[str] = DEFAULT_SPECIAL_TOKENS,
              progress: ProgressCallback | None = None) -> BpeTrainingResult:
        """Train on `corpus` (one str, or an iterable of str chunks that is streamed once)."""
        from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

        started = time.perf_counter()
        _check_training_arguments(vocab_size, min_frequency, special_tokens)
        base = len(special_tokens) + BYTE_ALPHABET_SIZE
        if isinstance(corpus, (bytes, bytearray)):
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The corpus must be text (str), not "
                                                                              "bytes: decode it first.")))
        total = len(corpus) if isinstance(corpus, str) else None
        chunks = _chunks_of(corpus) if isinstance(corpus, str) else iter(corpus)
        units: Counter = Counter()
        seen = [0]

        def feed() -> Iterator[str]:
            for chunk in chunks:
                check_text(chunk)
                units.update(UNIT_PATTERN.findall(chunk))  # the corpus table, from the chunks the trainer sees
                seen[0] += len(chunk)
                if progress is not None:
                    progress("reading", seen[0] / total if total else None)
                yield chunk
            if progress is not None:
                progress("merging", None)

        tokenizer = Tokenizer(models.BPE())
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tokenizer.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=list(special_tokens),
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
        )
        tokenizer.train_from_iterator(feed(), trainer=trainer)
        if seen[0] == 0:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The corpus is empty: there is no "
                                                                              "text to train on.")))
        warnings = _training_warnings(tokenizer, vocab_size, min_frequency, base)
        if progress is not None:
            progress("done", 1.0)
        result = cls(tokenizer, units)
        return BpeTrainingResult(result, tuple(warnings), time.perf_counter() - started)

    @classmethod
    def from_pretrained(cls, folder: str | Path) -> BpeTokenizer:
        """Load a tokenizer.json (or a folder holding one) written by `save_pretrained`."""
        return cls(load_tokenizer_json(folder))

    @property
    def num_merges(self) -> int:
        """How many merges were learned."""
        return len(self._replay.pairs)

    @property
    def special_tokens(self) -> dict[str, int]:
        """Special tokens and their ids."""
        return dict(self._specials)

    def merges(self) -> list[Merge]:
        """The merges in order, with pair counts when the training corpus is known (cached)."""
        if self._merges is None:
            counts: Sequence[int | None] = (self.statistics().merge_counts(self._corpus_units)
                                            if self._corpus_units is not None else [None] * self.num_merges)
            self._merges = [Merge(a, b, n) for (a, b), n in zip(self._replay.pairs, counts)]
        return self._merges

    def statistics(self) -> MergeStatistics:
        """The corpus-level counter (built on first use)."""
        if self._statistics is None:
            self._statistics = MergeStatistics(self._replay)
        return self._statistics

    def word_table(self) -> Counter:
        """The training corpus's pre-tokens ("Ġthe", ",") and their frequencies (empty if unknown)."""
        return words_from_units(self._corpus_units or {}, self._tok.pre_tokenizer)

    def replay(self, text: str, k: int) -> list[Token]:
        """The tokens of `text` after the first `k` merges; k = num_merges equals `encode`."""
        return self._replay.replay(text, k)

    def curve(self, text: str, points: int = CURVE_POINTS) -> MergeCurve:
        """Chart data for `text` (use held-out text) against the number of merges."""
        return self.statistics().curve(check_text(text), points)

    def to_transformers(self) -> Any:
        """A `transformers.PreTrainedTokenizerFast` with the same ids and decodings."""
        from tokenizers import Tokenizer
        from transformers import PreTrainedTokenizerFast

        names = {role: token for token, role in _TRANSFORMERS_SPECIALS.items() if token in self._specials}
        copy = Tokenizer.from_str(self._tok.to_str())
        return PreTrainedTokenizerFast(tokenizer_object=copy, clean_up_tokenization_spaces=False, **names)

    def save_pretrained(self, folder: str | Path) -> list[Path]:
        """Write tokenizer.json and tokenizer_config.json that `AutoTokenizer` can load."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(p) for p in self.to_transformers().save_pretrained(str(folder))]

    def export_vocab_merges(self, folder: str | Path) -> list[Path]:
        """Write vocab.json and merges.txt (the GPT-2 file pair) into `folder`."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(p) for p in self._tok.model.save(str(folder))]


@dataclass(frozen=True)
class BpeTrainingResult:
    """A trained tokenizer, the warnings for the user, and how long training took.

    Each warning is a `Message`: `str(warning)` is English, the GUI shows it translated."""

    tokenizer: BpeTokenizer
    warnings: tuple[Message, ...] = field(default=())
    seconds: float = 0.0

    @property
    def merges(self) -> list[Merge]:
        """The ordered merges with their pair counts (computed on first use)."""
        return self.tokenizer.merges()


def _replayable(data: dict) -> bool:
    """True for the pipeline the replay reproduces: no normalizer, GPT-2's byte-level split
    without a prefix space, and a plain BPE model."""
    pre, model = data.get("pre_tokenizer") or {}, data.get("model") or {}
    return (
        not data.get("normalizer")
        and pre.get("type") == "ByteLevel" and not pre.get("add_prefix_space") and pre.get("use_regex", True)
        and model.get("type") == "BPE" and not model.get("dropout") and not model.get("ignore_merges")
        and not model.get("continuing_subword_prefix") and not model.get("end_of_word_suffix")
    )


def _check_training_arguments(vocab_size: int, min_frequency: int, special_tokens: Sequence[str]) -> None:
    """Raise TokenizationError for arguments training cannot use."""
    if isinstance(special_tokens, str):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "special_tokens must be a list of "
                                                                          "strings, not one string.")))
    if not isinstance(vocab_size, int) or vocab_size < 1:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The vocabulary size must be a positive whole number, got {value}."),
            {"value": repr(vocab_size)}))
    if not isinstance(min_frequency, int) or min_frequency < 1:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "min_frequency must be at least 1, got "
                                                                          "{value}."), {"value": repr(min_frequency)}))
    tokens = list(special_tokens)
    if any(not isinstance(t, str) or not t for t in tokens) or len(set(tokens)) != len(tokens):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Special tokens must be distinct, "
                                                                          "non-empty strings.")))


def _training_warnings(tokenizer: Any, vocab_size: int, min_frequency: int, base: int) -> list[Message]:
    """Messages about a vocabulary smaller than asked; raises when nothing could be learned."""
    learned = tokenizer.get_vocab_size()
    if vocab_size <= base:
        return [Message(QT_TRANSLATE_NOOP("CoreMessages", "A vocabulary of {vocab} is not above the byte alphabet "
                                                          "plus special tokens ({base}): no merges will happen, "
                                                          "every byte stays its own token."),
                        {"vocab": vocab_size, "base": base})]
    if learned <= base:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The corpus is too small to train on: no pair of symbols occurs {n} times or more."),
            {"n": min_frequency}))
    if learned < vocab_size:
        return [Message(QT_TRANSLATE_NOOP("CoreMessages", "Only {merges} merges were learned (vocabulary {learned} "
                                                          "of {vocab}): no remaining pair occurs {n} times or more. "
                                                          "Use a larger corpus or a smaller vocabulary."),
                        {"merges": learned - base, "learned": learned, "vocab": vocab_size, "n": min_frequency})]
    return []
