"""Byte-level BPE: train with Hugging Face `tokenizers`, then replay the merges one by one.

Training itself is done by the Rust `tokenizers` library. What it does not report is
recomputed for a fraction of the training's cost:

- what a text looks like after only the first k merges (the slider), here. A merge's two
  parts were created by earlier merges, so applying "the lowest-ranked pair first" never
  goes back to a smaller rank. A word's whole merge history is therefore one list of
  snapshots, and its segmentation after k merges is a binary search away;
- how often each merged pair occurred, and the charts' curves, in `core.bpe_counts`.
"""

from __future__ import annotations

import json
import re
import time
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from core.bpe_counts import (
    CURVE_POINTS,
    HISTORY_LIMIT_BYTES,
    UNIT_PATTERN,
    MergeCurve,
    MergeStatistics,
    words_from_units,
)
from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization import HfTokenizersBacked, Token, TokenizationError, check_text, load_tokenizer_json

DEFAULT_SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
BYTE_ALPHABET_SIZE = 256
CHUNK_CHARS = 1 << 16  # a str corpus is fed to the trainer in pieces of about this size
# progress(stage, fraction): fraction in [0, 1], or None when the total is unknown.
# Raise from the callback to cancel training.
ProgressCallback = Callable[[str, "float | None"], None]

_TRANSFORMERS_SPECIALS = {"<s>": "bos_token", "</s>": "eos_token", "<pad>": "pad_token",
                          "<unk>": "unk_token", "<mask>": "mask_token"}


@dataclass(frozen=True)
class Merge:
    """One learned merge: `left` + `right` -> `result`, and how often the pair occurred when
    it was chosen (None when unknown, e.g. for a tokenizer loaded from a file)."""

    left: str
    right: str
    count: int | None

    @property
    def result(self) -> str:
        """The new vocabulary entry."""
        return self.left + self.right


class _History(NamedTuple):
    """A word's merge history: `segs[i + 1]` is `segs[i]` after merge rank `ranks[i]`."""

    ranks: list[int]
    segs: list[tuple[str, ...]]
    pair_counts: list[int]  # occurrences of the merged pair in segs[i] (overlaps counted)
    # True when the ranks only grow, so that a prefix of the history is "the first k merges".
    # Always so for trained tokenizers, unless two merges produced the same string.
    monotone: bool


class _Piece(NamedTuple):
    """A pre-token of a prepared text; `byte_to_char[b]` is the text index of its byte b."""

    word: str
    byte_to_char: Sequence[int]
    special_id: int  # -1 for ordinary pre-tokens


def _byte_of_symbol() -> dict[str, int]:
    """GPT-2's byte-level alphabet, reversed: printable bytes stand for themselves, the other
    68 bytes are written as the characters U+0100 onwards ("Ġ" is the space byte 0x20)."""
    printable = {*range(0x21, 0x7F), *range(0xA1, 0xAD), *range(0xAE, 0x100)}
    shifted = (b for b in range(256) if b not in printable)
    table = {chr(b): b for b in printable}
    table.update({chr(0x100 + i): b for i, b in enumerate(shifted)})
    return table


_BYTE_OF_SYMBOL = _byte_of_symbol()


def piece_bytes(piece: str) -> bytes:
    """The bytes a byte-level piece such as "Ġthe" or "ä½" stands for (b" the", b"\\xe4\\xbd").

    Text that is not written in the byte-level alphabet (a special token like "<s>" whose
    characters all are, or anything else) is returned as its own UTF-8 encoding.
    """
    try:
        return bytes(_BYTE_OF_SYMBOL[symbol] for symbol in piece)
    except KeyError:
        return piece.encode("utf-8")


def _chunks_of(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut `text` into pieces of about `size` characters, at line ends where possible."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


class MergeReplay:
    """Replays a BPE tokenizer's merges on words and texts, with caches for the slider."""

    _TEXT_CACHE = 4  # prepared texts kept
    _HISTORY_CACHE = 500_000  # word histories kept before the cache is emptied
    _MODEL_CACHE = 4  # truncated BPE models kept (for long words)

    def __init__(self, pairs: Sequence[tuple[str, str]], vocab: dict[str, int], pre_tokenizer: Any,
                 specials: dict[str, int], base_vocab_size: int) -> None:
        self.pairs = list(pairs)
        self._rank = {pair: i for i, pair in enumerate(self.pairs)}
        self.vocab = vocab  # piece -> id, special tokens included
        self.pre_tokenizer = pre_tokenizer
        self.specials = specials  # added tokens, split off before pre-tokenization
        names = sorted(specials, key=len, reverse=True)  # longest first, like the Rust matcher
        self._special_re = re.compile("|".join(map(re.escape, names))) if names else None
        self._histories: dict[str, _History] = {}
        self._texts: OrderedDict[str, list[_Piece]] = OrderedDict()
        self._models: OrderedDict[int, Any] = OrderedDict()
        seen, growth = set(vocab) - {a + b for a, b in self.pairs}, [base_vocab_size]
        for a, b in self.pairs:  # two merges may yield the same string: count it once
            growth.append(growth[-1] + (a + b not in seen))
            seen.add(a + b)
        self.vocab_growth = growth  # vocabulary size after k merges

    def history(self, word: str) -> _History:
        """How `encode` merges one pre-token (a byte-level string) step by step, cached."""
        found = self._histories.get(word)
        if found is None:
            found = self.merge_steps(word)
            if len(self._histories) >= self._HISTORY_CACHE:
                self._histories.clear()
            self._histories[word] = found
        return found

    def merge_steps(self, word: str, below: int | None = None, sequential: bool = False) -> _History:
        """Merge a byte-level word, lowest-ranked pair first, until no merge applies.

        `below` keeps only the merges ranked below it (a tokenizer that learned only those).
        `sequential` never goes back to a lower rank: the trainer's order, which differs from
        `encode`'s only after ambiguous merges.
        """
        get, never = self._rank.get, len(self.pairs)
        limit, floor = never if below is None else min(below, never), 0
        seg = tuple(word)  # one symbol per byte
        ranks, segs, counts = [], [seg], []
        while len(seg) > 1:
            here = list(map(get, zip(seg, seg[1:]), repeat(never)))  # rank of each adjacent pair
            if limit < never or floor:
                here = [r if floor <= r < limit else never for r in here]
            best = min(here)
            if best == never:
                break
            at, occurrences = here.index(best), here.count(best)  # overlaps counted, as the trainer does
            left, right = self.pairs[best]
            if occurrences == 1:
                seg = (*seg[:at], left + right, *seg[at + 2:])
            else:  # merge every occurrence, left to right, never overlapping
                out, i, n = list(seg[:at]), at, len(seg)
                while i < n:
                    if i + 1 < n and seg[i] == left and seg[i + 1] == right:
                        out.append(left + right)
                        i += 2
                    else:
                        out.append(seg[i])
                        i += 1
                seg = tuple(out)
            ranks.append(best)
            counts.append(occurrences)
            segs.append(seg)
            floor = best + 1 if sequential else 0
        return _History(ranks, segs, counts, all(a < b for a, b in zip(ranks, ranks[1:])))

    def segment(self, word: str, k: int) -> tuple[str, ...]:
        """A byte-level pre-token after the first `k` merges."""
        if len(word) <= HISTORY_LIMIT_BYTES:
            history = self.history(word)
            if history.monotone:
                return history.segs[bisect_left(history.ranks, k)]
            return self.merge_steps(word, below=k).segs[-1]
        model = self._models.get(k)  # long words: let `tokenizers` apply the first k merges
        if model is None:
            from tokenizers import models

            model = self._models[k] = models.BPE(vocab=self.vocab, merges=self.pairs[:k])
            if len(self._models) > self._MODEL_CACHE:
                self._models.popitem(last=False)
        return tuple(token.value for token in model.tokenize(word))

    def split_specials(self, text: str) -> tuple[list[str], list[str]]:
        """The text between special tokens, and the special tokens found."""
        if self._special_re is None:
            return [text], []
        return self._special_re.split(text), self._special_re.findall(text)

    def _prepare(self, text: str) -> list[_Piece]:
        """Special tokens and pre-tokens of `text`, with byte-to-character maps (cached)."""
        cached = self._texts.get(text)
        if cached is not None:
            self._texts.move_to_end(text)
            return cached
        pieces: list[_Piece] = []
        position = 0
        matches = list(self._special_re.finditer(text)) if self._special_re else []
        for match in [*matches, None]:
            end = match.start() if match else len(text)
            segment = self.pre_tokenizer.pre_tokenize_str(text[position:end]) if end > position else []
            for word, (s, e) in segment:
                s, e = s + position, e + position
                if len(word) == e - s:  # ASCII: one byte per character
                    byte_to_char: Sequence[int] = range(s, e)
                else:
                    byte_to_char = [s + i for i, char in enumerate(text[s:e]) for _ in char.encode("utf-8")]
                pieces.append(_Piece(word, byte_to_char, -1))
            if match:
                span = range(match.start(), match.end())
                pieces.append(_Piece(match.group(), span, self.specials[match.group()]))
                position = match.end()
        self._texts[text] = pieces
        if len(self._texts) > self._TEXT_CACHE:
            self._texts.popitem(last=False)
        return pieces

    def replay(self, text: str, k: int) -> list[Token]:
        """The tokens of `text` after only the first `k` merges (k is clamped to the total).

        The first call for a text pre-tokenizes it and merges its new words; later calls for
        the same text only look up snapshots, so moving a slider over a paragraph is cheap.
        """
        if k < 0:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "The number of merges must not be negative, got {k}."), {"k": k}))
        k = min(k, len(self.pairs))
        vocab, tokens = self.vocab, []
        for piece in self._prepare(check_text(text)):
            spans = piece.byte_to_char
            if piece.special_id >= 0:
                tokens.append(Token(piece.special_id, piece.word, spans[0], spans[-1] + 1))
                continue
            b = 0
            for sub in self.segment(piece.word, k):
                tokens.append(Token(vocab[sub], sub, spans[b], spans[b + len(sub) - 1] + 1))
                b += len(sub)
        return tokens


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
