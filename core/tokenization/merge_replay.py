"""Replaying a byte-level BPE's merges one by one: what a text looks like after only the first k merges.

Training is done by the Rust `tokenizers` library (`core.tokenization.bpe`); it does not report
the intermediate segmentations, so they are recomputed here. A merge's two parts were created by
earlier merges, so applying "the lowest-ranked pair first" never goes back to a smaller rank. A
word's whole merge history is therefore one list of snapshots, and its segmentation after k
merges is a binary search away (the Tokenization tab's slider).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, NamedTuple

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import Token, TokenizationError, check_text

HISTORY_LIMIT_BYTES = 256  # longer pre-tokens are never replayed word by word in Python


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
