"""Byte-level BPE: train with Hugging Face `tokenizers`, then replay the merges one by one.

Training itself is done by the Rust `tokenizers` library. What it does not report is
recomputed here, for a fraction of the training's cost:

- How often each merged pair occurred. While the trainer reads the corpus, the same chunks
  are cut into whitespace+word *units* ("\\n  Hello,") and counted: a compressed word table.
  After training, `tokenizers` gives the final tokens of every unit, and each final token's
  merge tree is unfolded once per vocabulary entry: O(vocabulary) Python work, not
  O(words x merges).
- What a text looks like after only the first k merges (the slider). A merge's two parts
  were created by earlier merges, so applying "the lowest-ranked pair first" never goes
  back to a smaller rank. A word's whole merge history is therefore one list of snapshots,
  and its segmentation after k merges is a binary search away.
"""

from __future__ import annotations

import json
import re
import time
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any, NamedTuple

from core.tokenization import HfTokenizersBacked, Token, TokenizationError, _read_tokenizer_json, check_text

DEFAULT_SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
BYTE_ALPHABET_SIZE = 256
CHUNK_CHARS = 1 << 16  # a str corpus is fed to the trainer in pieces of about this size
CURVE_POINTS = 50
HISTORY_LIMIT_BYTES = 256  # longer pre-tokens are replayed by `tokenizers` itself
_GLUE_UNITS = 4096  # units encoded together in one string when counting a corpus

# progress(stage, fraction): fraction in [0, 1], or None when the total is unknown.
# Raise from the callback to cancel training.
ProgressCallback = Callable[[str, "float | None"], None]

# Unicode White_Space: exactly what the GPT-2 pre-tokenizer's `\s` matches.
_WHITESPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                        + "".join(map(chr, range(0x2000, 0x200B))))
_WS = "".join(map(re.escape, sorted(_WHITESPACE)))
# A whitespace run with the non-whitespace run after it. Pre-token boundaries always fall
# where non-whitespace meets whitespace, so these units can be pre-tokenized separately.
_UNIT = re.compile(f"[{_WS}]*[^{_WS}]+|[{_WS}]+")
_REPEAT = re.compile(r"(.+)\1\1", re.DOTALL)  # a substring three times in a row, as in "aaa"
_REPEAT_BYTES = re.compile(rb"(.+)\1\1", re.DOTALL)
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


@dataclass(frozen=True)
class MergeCurve:
    """How a text's tokenization changes with the number of merges (for the charts)."""

    merges: tuple[int, ...]  # x axis: number of merges applied
    vocab_sizes: tuple[int, ...]  # vocabulary size after that many merges
    token_counts: tuple[int, ...]  # tokens of the text
    distinct_tokens: tuple[int, ...]  # different vocabulary entries the text uses
    characters: int  # length of the text

    @property
    def chars_per_token(self) -> tuple[float, ...]:
        """Characters per token at each point (0.0 for an empty text)."""
        return tuple(self.characters / n if n else 0.0 for n in self.token_counts)


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


def count_units(chunks: Iterable[str]) -> Counter:
    """Frequencies of whitespace+word units ("\\n  Hello,") in `chunks`.

    Pre-token boundaries always fall where non-whitespace meets whitespace, so each unit
    pre-tokenizes on its own exactly as inside the chunk; a unit table is the trainer's
    word table in compressed form, and Python's `re` builds it quickly.
    """
    units: Counter = Counter()
    for chunk in chunks:
        units.update(_UNIT.findall(chunk))
    return units


def words_from_units(units: dict[str, int], pre_tokenizer: Any) -> Counter:
    """The pre-token ("word") frequencies behind a unit table.

    A unit that starts with whitespace and ends with a non-space character can be glued to
    the next such unit without changing either one's pre-tokens, so those go through the
    pre-tokenizer in a single call; the few others (whitespace only, start of a chunk) go
    one by one.
    """
    words: Counter = Counter()
    glued, glued_counts = [], []
    for unit, n in units.items():
        if unit[0] in _WHITESPACE and unit[-1] not in _WHITESPACE:
            glued.append(unit)
            glued_counts.append(n)
        else:
            for piece, _ in pre_tokenizer.pre_tokenize_str(unit):
                words[piece] += n
    ends, j = list(accumulate(map(len, glued))), 0
    for piece, (start, _) in pre_tokenizer.pre_tokenize_str("".join(glued)):
        while start >= ends[j]:
            j += 1
        words[piece] += glued_counts[j]
    return words


def count_words(chunks: Iterable[str], pre_tokenizer: Any) -> Counter:
    """Pre-token frequencies of `chunks`, exactly as the trainer sees them."""
    return words_from_units(count_units(chunks), pre_tokenizer)


def _chunks_of(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut `text` into pieces of about `size` characters, at line ends where possible."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


@dataclass
class _MergeTrees:
    """Each merge as ids (`result` = `left` + `right`), to count merges without replaying words.

    A token's merge tree is fixed by its string as long as one merge only produces it;
    `ambiguous` holds the ids for which that is not so (two merges gave the same string, or
    a part is itself ambiguous).
    """

    by_unit: Any  # `tokenizers.Tokenizer`, pre-tokenizer + BPE, no added tokens: unit -> final ids
    by_word: Any  # `tokenizers.Tokenizer` with the BPE model only: byte-level word -> final ids
    result: list[int]
    left: list[int]
    right: list[int]
    created_at: list[int]  # rank of the (first) merge that made each id, -1 for the base vocabulary
    ambiguous: frozenset[int]


@dataclass
class _TreeCounts:
    """Merge-tree totals over a unit table (the words listed in `exact` are left out)."""

    fired: list[int]  # per rank: how many times the merge was applied
    nodes: list[int]  # per id: how often it appears anywhere in the words' merge trees
    final: list[int]  # per id: how often it is a final token
    last_parent: list[int]  # per id: the highest rank that merged it into something, -1 if none
    exact: dict[str, int]  # words that need the exact replay (repeats like "aaa", ambiguous merges)


class MergeReplay:
    """Replays a BPE tokenizer's merges on words and texts, with caches for the slider.

    Two ways of counting are combined. The exact one replays each word's merge history in
    Python (`history`); it serves the displayed text. For whole corpora, the final tokens
    of every unit of text come from `tokenizers` and each final token's merge tree is
    unfolded once per vocabulary entry: O(vocabulary) work instead of O(words x merges).
    Only the rare words where the two could differ go through the exact replay: words with
    a thrice repeated substring ("aaa" holds the pair "aa" twice but merges it once) and
    words with ambiguous merges. Words over `HISTORY_LIMIT_BYTES` always use the trees.
    """

    _TEXT_CACHE = 4  # prepared texts kept
    _HISTORY_CACHE = 500_000  # word histories kept before the cache is emptied
    _MODEL_CACHE = 4  # truncated BPE models kept (for long words)

    def __init__(self, pairs: Sequence[tuple[str, str]], vocab: dict[str, int], pre_tokenizer: Any,
                 specials: dict[str, int], base_vocab_size: int) -> None:
        self.pairs = list(pairs)
        self._rank = {pair: i for i, pair in enumerate(self.pairs)}
        self._vocab = vocab
        self._pre = pre_tokenizer
        self._specials = specials
        names = sorted(specials, key=len, reverse=True)  # longest first, like the Rust matcher
        self._special_re = re.compile("|".join(map(re.escape, names))) if names else None
        self._histories: dict[str, _History] = {}
        self._texts: OrderedDict[str, list[_Piece]] = OrderedDict()
        self._models: OrderedDict[int, Any] = OrderedDict()
        self._trees: _MergeTrees | None = None
        seen, growth = set(vocab) - {a + b for a, b in self.pairs}, [base_vocab_size]
        for a, b in self.pairs:  # two merges may yield the same string: count it once
            growth.append(growth[-1] + (a + b not in seen))
            seen.add(a + b)
        self.vocab_growth = growth  # vocabulary size after k merges

    def history(self, word: str) -> _History:
        """How `encode` merges one pre-token (a byte-level string) step by step, cached."""
        found = self._histories.get(word)
        if found is None:
            found = self._merge_steps(word)
            if len(self._histories) >= self._HISTORY_CACHE:
                self._histories.clear()
            self._histories[word] = found
        return found

    def _merge_steps(self, word: str, below: int | None = None, sequential: bool = False) -> _History:
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
            return self._merge_steps(word, below=k).segs[-1]
        model = self._models.get(k)  # long words: let `tokenizers` apply the first k merges
        if model is None:
            from tokenizers import models

            model = self._models[k] = models.BPE(vocab=self._vocab, merges=self.pairs[:k])
            if len(self._models) > self._MODEL_CACHE:
                self._models.popitem(last=False)
        return tuple(token.value for token in model.tokenize(word))

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
            segment = self._pre.pre_tokenize_str(text[position:end]) if end > position else []
            for word, (s, e) in segment:
                s, e = s + position, e + position
                if len(word) == e - s:  # ASCII: one byte per character
                    byte_to_char: Sequence[int] = range(s, e)
                else:
                    byte_to_char = [s + i for i, char in enumerate(text[s:e]) for _ in char.encode("utf-8")]
                pieces.append(_Piece(word, byte_to_char, -1))
            if match:
                span = range(match.start(), match.end())
                pieces.append(_Piece(match.group(), span, self._specials[match.group()]))
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
            raise TokenizationError(f"The number of merges must not be negative, got {k}.")
        k = min(k, len(self.pairs))
        vocab, tokens = self._vocab, []
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

    def _merge_trees(self) -> _MergeTrees:
        """Build (once) the id tables of the merges and a model-only tokenizer."""
        if self._trees is None:
            from tokenizers import Tokenizer, models

            v = self._vocab
            result = [v[a + b] for a, b in self.pairs]
            left, right = [v[a] for a, _ in self.pairs], [v[b] for _, b in self.pairs]
            created_at = [-1] * (max(v.values(), default=0) + 1)
            for rank, res in enumerate(result):
                if created_at[res] < 0:
                    created_at[res] = rank
            # Ambiguous: made by two merges, made of a part created after it (possible only in
            # hand-written files), or made of an ambiguous part. Repeat until nothing changes.
            ambiguous = {i for i, n in Counter(result).items() if n > 1}
            changed = True
            while changed:
                size = len(ambiguous)
                for rank, (res, a, b) in enumerate(zip(result, left, right)):
                    if a in ambiguous or b in ambiguous or created_at[a] > rank or created_at[b] > rank:
                        ambiguous.add(res)
                changed = len(ambiguous) > size
            by_word = Tokenizer(models.BPE(vocab=v, merges=self.pairs))
            by_unit = Tokenizer(models.BPE(vocab=v, merges=self.pairs))
            by_unit.pre_tokenizer = self._pre
            self._trees = _MergeTrees(by_unit, by_word, result, left, right, created_at, frozenset(ambiguous))
        return self._trees

    def _tree_counts(self, units: dict[str, int]) -> _TreeCounts:
        """Unfold the final tokens of `units` into merge counts, node counts and lifetimes."""
        import numpy as np

        trees = self._merge_trees()
        size = len(trees.created_at)
        plain, others = [], []  # `others`: long units, repeats like "aaa", chunk starts, whitespace only
        for unit in units:
            gluable = (len(unit) <= HISTORY_LIMIT_BYTES and unit[0] in _WHITESPACE and unit[-1] not in _WHITESPACE
                       and not _REPEAT_BYTES.search(unit.encode("utf-8")))
            (plain if gluable else others).append(unit)
        final = np.zeros(size, dtype=np.int64)
        # Plain units glue together without changing their tokens: encode a few long strings.
        batches = [plain[i:i + _GLUE_UNITS] for i in range(0, len(plain), _GLUE_UNITS)]
        encodings = trees.by_unit.encode_batch(["".join(batch) for batch in batches], add_special_tokens=False)
        for batch, encoding in zip(batches, encodings):
            ids = np.array(encoding.ids, dtype=np.int64)
            owner = np.searchsorted(np.cumsum([len(u) for u in batch]),
                                    np.array([start for start, _ in encoding.offsets]), side="right")
            weights = np.array([units[u] for u in batch], dtype=np.int64)[owner]
            if trees.ambiguous:  # units holding an ambiguous token go word by word instead
                bad = np.unique(owner[np.isin(ids, list(trees.ambiguous))])
                others += [batch[i] for i in bad.tolist()]
                keep = ~np.isin(owner, bad)
                ids, weights = ids[keep], weights[keep]
            final += np.bincount(ids, weights=weights, minlength=size).astype(np.int64)
        final_list, exact = final.tolist(), Counter()
        for unit in others:  # few: these go word by word
            for word, _ in self._pre.pre_tokenize_str(unit):
                word_ids = trees.by_word.encode(word).ids
                if len(word) <= HISTORY_LIMIT_BYTES and (
                        _REPEAT.search(word) or not trees.ambiguous.isdisjoint(word_ids)):
                    exact[word] += units[unit]
                else:
                    for token_id in word_ids:
                        final_list[token_id] += units[unit]
        final = final_list
        nodes, last_parent, fired = list(final), [-1] * len(final), [0] * len(self.pairs)
        for rank in range(len(self.pairs) - 1, -1, -1):  # parents before children
            res = trees.result[rank]
            n = nodes[res]
            if n == 0 or trees.created_at[res] != rank:
                continue
            fired[rank] = n
            for part in (trees.left[rank], trees.right[rank]):
                nodes[part] += n
                if last_parent[part] < 0:
                    last_parent[part] = rank
        return _TreeCounts(fired, nodes, final, last_parent, exact)

    def merge_counts(self, units: dict[str, int]) -> list[int]:
        """How often each merge's pair occurred in the corpus at the moment it was merged.

        `units` is the corpus's unit table (`count_units`).
        """
        tree = self._tree_counts(units)
        totals = tree.fired
        for word, frequency in tree.exact.items():
            history = self.history(word)
            if not history.monotone:
                history = self._merge_steps(word, sequential=True)
            for rank, occurrences in zip(history.ranks, history.pair_counts):
                totals[rank] += frequency * occurrences
        return totals

    def curve(self, text: str, points: int = CURVE_POINTS) -> MergeCurve:
        """Tokens, chars/token and vocabulary use of `text` at about `points` merge counts."""
        import numpy as np

        total = len(self.pairs)
        ks = np.array(sorted({round(i * total / max(points - 1, 1)) for i in range(max(points, 1))}))
        parts = self._special_re.split(text) if self._special_re else [text]
        specials = self._special_re.findall(text) if self._special_re else []
        units = count_units(parts)
        tree = self._tree_counts(units)
        # Tokens after k merges = all bytes, minus one token for every merge applied before k.
        removed = np.zeros(total + 1, dtype=np.int64)
        removed[:total] = tree.fired
        # Vocabulary entries in use: an entry lives from its merge until its last parent's merge.
        created = np.array(self._merge_trees().created_at)
        ends = np.where(np.array(tree.final) > 0, total + 1, np.array(tree.last_parent) + 1)
        used = (np.array(tree.nodes) > 0)[:, None] & (created[:, None] + 1 <= ks) & (ks < ends[:, None])
        unordered = np.zeros(len(ks), dtype=np.int64)  # tokens of words whose history is not monotone
        unordered_bytes = 0
        for word, frequency in tree.exact.items():
            history = self.history(word)
            if not history.monotone:  # rare: segment the word at every point
                unordered_bytes += frequency * len(word)  # counted in `unordered` instead
                for j, k in enumerate(ks.tolist()):
                    seg = self.segment(word, k)
                    unordered[j] += frequency * len(seg)
                    used[[self._vocab[sub] for sub in seg], j] = True
                continue
            for i, rank in enumerate(history.ranks):
                removed[rank] += frequency * (len(history.segs[i]) - len(history.segs[i + 1]))
            lows, highs = [0, *(r + 1 for r in history.ranks)], [*(r + 1 for r in history.ranks), total + 1]
            for seg, low, high in zip(history.segs, lows, highs):
                for sub in seg:
                    used[self._vocab[sub], (low <= ks) & (ks < high)] = True
        for name in set(specials):
            used[self._specials[name], :] = True
        all_bytes = sum(len(u.encode("utf-8")) * n for u, n in units.items()) + len(specials) - unordered_bytes
        removed_before = np.concatenate([[0], np.cumsum(removed)])
        return MergeCurve(
            merges=tuple(int(k) for k in ks),
            vocab_sizes=tuple(self.vocab_growth[k] for k in ks),
            token_counts=tuple(int(all_bytes - removed_before[k] + extra) for k, extra in zip(ks, unordered)),
            distinct_tokens=tuple(int(n) for n in used.sum(axis=0)),
            characters=len(text),
        )


class BpeTokenizer(HfTokenizersBacked):
    """Byte-level BPE (GPT-2 style, no prefix space) with merge replay for the slider."""

    def __init__(self, tokenizer: Any, corpus_units: dict[str, int] | None = None, name: str | None = None) -> None:
        data = json.loads(tokenizer.to_str())
        model = data.get("model", {})
        if not _replayable(data):
            raise TokenizationError("Only GPT-2 style byte-level BPE tokenizers can be replayed merge by merge; "
                                    "open other tokenizer.json files as a plain tokenizer instead.")
        pairs = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model.get("merges", [])]
        self._specials = {t["content"]: t["id"] for t in data.get("added_tokens", [])}
        super().__init__(tokenizer, name or f"Byte-level BPE ({tokenizer.get_vocab_size()})")
        base = tokenizer.get_vocab_size() - len({a + b for a, b in pairs})
        vocab = tokenizer.get_vocab(with_added_tokens=True)
        self._replay = MergeReplay(pairs, vocab, tokenizer.pre_tokenizer, self._specials, base)
        self._corpus_units = corpus_units  # the training corpus as a unit table, when known
        self._merges: list[Merge] | None = None

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
            raise TokenizationError("The corpus must be text (str), not bytes: decode it first.")
        total = len(corpus) if isinstance(corpus, str) else None
        chunks = _chunks_of(corpus) if isinstance(corpus, str) else iter(corpus)
        units: Counter = Counter()
        seen = [0]

        def feed() -> Iterator[str]:
            for chunk in chunks:
                check_text(chunk)
                units.update(_UNIT.findall(chunk))  # the corpus table, from the very chunks the trainer sees
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
            raise TokenizationError("The corpus is empty: there is no text to train on.")
        warnings = _training_warnings(tokenizer, vocab_size, min_frequency, base)
        if progress is not None:
            progress("done", 1.0)
        result = cls(tokenizer, units)
        return BpeTrainingResult(result, tuple(warnings), time.perf_counter() - started)

    @classmethod
    def from_pretrained(cls, folder: str | Path) -> BpeTokenizer:
        """Load a tokenizer.json (or a folder holding one) written by `save_pretrained`."""
        from tokenizers import Tokenizer

        path = Path(folder)
        path = path / "tokenizer.json" if path.is_dir() else path
        _read_tokenizer_json(path)  # clear messages for missing or malformed files
        try:
            tokenizer = Tokenizer.from_file(str(path))
        except Exception as error:  # the Rust side raises plain Exception
            raise TokenizationError(f"{path.name} could not be loaded: {error}") from None
        return cls(tokenizer)

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
            counts: Sequence[int | None] = (self._replay.merge_counts(self._corpus_units)
                                            if self._corpus_units is not None else [None] * self.num_merges)
            self._merges = [Merge(a, b, n) for (a, b), n in zip(self._replay.pairs, counts)]
        return self._merges

    def word_table(self) -> Counter:
        """The training corpus's pre-tokens ("Ġthe", ",") and their frequencies (empty if unknown)."""
        return words_from_units(self._corpus_units or {}, self._tok.pre_tokenizer)

    def replay(self, text: str, k: int) -> list[Token]:
        """The tokens of `text` after the first `k` merges; k = num_merges equals `encode`."""
        return self._replay.replay(text, k)

    def curve(self, text: str, points: int = CURVE_POINTS) -> MergeCurve:
        """Chart data for `text` (use held-out text) against the number of merges."""
        return self._replay.curve(check_text(text), points)

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
    """A trained tokenizer, the warnings for the user, and how long training took."""

    tokenizer: BpeTokenizer
    warnings: tuple[str, ...] = field(default=())
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
        raise TokenizationError("special_tokens must be a list of strings, not one string.")
    if not isinstance(vocab_size, int) or vocab_size < 1:
        raise TokenizationError(f"The vocabulary size must be a positive whole number, got {vocab_size!r}.")
    if not isinstance(min_frequency, int) or min_frequency < 1:
        raise TokenizationError(f"min_frequency must be at least 1, got {min_frequency!r}.")
    tokens = list(special_tokens)
    if any(not isinstance(t, str) or not t for t in tokens) or len(set(tokens)) != len(tokens):
        raise TokenizationError("Special tokens must be distinct, non-empty strings.")


def _training_warnings(tokenizer: Any, vocab_size: int, min_frequency: int, base: int) -> list[str]:
    """Messages about a vocabulary smaller than asked; raises when nothing could be learned."""
    learned = tokenizer.get_vocab_size()
    if vocab_size <= base:
        return [f"A vocabulary of {vocab_size} is not above the byte alphabet plus special tokens ({base}): "
                "no merges will happen, every byte stays its own token."]
    if learned <= base:
        raise TokenizationError(
            f"The corpus is too small to train on: no pair of symbols occurs {min_frequency} times or more."
        )
    if learned < vocab_size:
        return [f"Only {learned - base} merges were learned (vocabulary {learned} of {vocab_size}): no remaining "
                f"pair occurs {min_frequency} times or more. Use a larger corpus or a smaller vocabulary."]
    return []
