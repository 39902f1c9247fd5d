"""Corpus-wide BPE numbers, fast: the pair count of every merge, and the charts' curves.

Replaying every word of a corpus through its merges in Python would cost O(words x merges).
Instead, `tokenizers` gives the final tokens of every *unit* of text (a whitespace run and
the word after it, "\\n  Hello,"), and each final token's merge tree is unfolded once per
vocabulary entry: a token used n times means its merge, and the merges of its two parts,
happened n times. That is O(vocabulary) Python work.

Trees and the exact replay (`MergeReplay.history`) can disagree in two rare cases, so the
words concerned take the exact path:

- runs such as "aaa" hold the pair ("a", "a") twice, overlapping, but merge it once; the
  trainer's count includes the overlap;
- "ambiguous" tokens, made by two different merges (or built from such a token), whose
  merge tree the string alone does not fix.

Words longer than `HISTORY_LIMIT_BYTES` always take the trees (exact except for those two
cases).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from core.tokenization.merge_replay import HISTORY_LIMIT_BYTES, MergeReplay

CURVE_POINTS = 50
_GLUE_UNITS = 4096  # units encoded together in one string

# Unicode White_Space: exactly what the GPT-2 pre-tokenizer's `\s` matches.
WHITESPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                       + "".join(map(chr, range(0x2000, 0x200B))))
_WS = "".join(map(re.escape, sorted(WHITESPACE)))
# A whitespace run with the non-whitespace run after it. Pre-token boundaries always fall
# where non-whitespace meets whitespace, so each unit pre-tokenizes exactly as in its text.
UNIT_PATTERN = re.compile(f"[{_WS}]*[^{_WS}]+|[{_WS}]+")
_REPEAT = re.compile(r"(.+)\1\1", re.DOTALL)  # a substring three times in a row, as in "aaa"
_REPEAT_BYTES = re.compile(rb"(.+)\1\1", re.DOTALL)


def count_units(chunks: Iterable[str]) -> Counter:
    """Frequencies of whitespace+word units in `chunks`: the trainer's word table, compressed."""
    units: Counter = Counter()
    for chunk in chunks:
        units.update(UNIT_PATTERN.findall(chunk))
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
        if unit[0] in WHITESPACE and unit[-1] not in WHITESPACE:
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


@dataclass
class _MergeTrees:
    """Each merge as ids (`result` = `left` + `right`)."""

    by_unit: Any  # `tokenizers.Tokenizer`: pre-tokenizer + BPE, no added tokens
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
    exact: Counter  # words that need the exact replay, with their frequencies


class MergeStatistics:
    """Merge counts and chart curves for one tokenizer, computed with merge trees."""

    def __init__(self, replay: MergeReplay) -> None:
        self._replay = replay
        self._trees = self._build_trees()

    def _build_trees(self) -> _MergeTrees:
        """The id tables of the merges, and the two helper tokenizers."""
        from tokenizers import Tokenizer, models

        pairs, v = self._replay.pairs, self._replay.vocab
        result = [v[a + b] for a, b in pairs]
        left, right = [v[a] for a, _ in pairs], [v[b] for _, b in pairs]
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
        by_word = Tokenizer(models.BPE(vocab=v, merges=pairs))
        by_unit = Tokenizer(models.BPE(vocab=v, merges=pairs))
        by_unit.pre_tokenizer = self._replay.pre_tokenizer
        return _MergeTrees(by_unit, by_word, result, left, right, created_at, frozenset(ambiguous))

    def merge_counts(self, units: dict[str, int]) -> list[int]:
        """How often each merge's pair occurred in the corpus when it was merged, as the
        trainer counted it. `units` is the corpus's unit table (`count_units`)."""
        tree = self._tree_counts(units)
        totals = tree.fired
        for word, frequency in tree.exact.items():
            history = self._replay.history(word)
            if not history.monotone:
                history = self._replay.merge_steps(word, sequential=True)
            for rank, occurrences in zip(history.ranks, history.pair_counts):
                totals[rank] += frequency * occurrences
        return totals

    def curve(self, text: str, points: int = CURVE_POINTS) -> MergeCurve:
        """Tokens, chars/token and vocabulary use of `text` at about `points` merge counts."""
        import numpy as np

        replay, total = self._replay, len(self._replay.pairs)
        ks = np.array(sorted({round(i * total / max(points - 1, 1)) for i in range(max(points, 1))}))
        parts, specials = replay.split_specials(text)
        units = count_units(parts)
        tree = self._tree_counts(units)
        # Tokens after k merges = all bytes, minus one token for every merge applied before k.
        removed = np.zeros(total + 1, dtype=np.int64)
        removed[:total] = tree.fired
        # Vocabulary entries in use: an entry lives from its merge until its last parent's merge.
        created = np.array(self._trees.created_at)
        ends = np.where(np.array(tree.final) > 0, total + 1, np.array(tree.last_parent) + 1)
        used = (np.array(tree.nodes) > 0)[:, None] & (created[:, None] + 1 <= ks) & (ks < ends[:, None])
        unordered = np.zeros(len(ks), dtype=np.int64)  # tokens of words whose history is not monotone
        unordered_bytes = 0
        for word, frequency in tree.exact.items():
            history = replay.history(word)
            if not history.monotone:  # rare: segment the word at every point
                unordered_bytes += frequency * len(word)
                for j, k in enumerate(ks.tolist()):
                    seg = replay.segment(word, k)
                    unordered[j] += frequency * len(seg)
                    used[[replay.vocab[sub] for sub in seg], j] = True
                continue
            for i, rank in enumerate(history.ranks):
                removed[rank] += frequency * (len(history.segs[i]) - len(history.segs[i + 1]))
            lows, highs = [0, *(r + 1 for r in history.ranks)], [*(r + 1 for r in history.ranks), total + 1]
            for seg, low, high in zip(history.segs, lows, highs):
                for sub in seg:
                    used[replay.vocab[sub], (low <= ks) & (ks < high)] = True
        for name in set(specials):
            used[replay.specials[name], :] = True
        all_bytes = sum(len(u.encode("utf-8")) * n for u, n in units.items()) + len(specials) - unordered_bytes
        removed_before = np.concatenate([[0], np.cumsum(removed)])
        return MergeCurve(
            merges=tuple(int(k) for k in ks),
            vocab_sizes=tuple(replay.vocab_growth[k] for k in ks),
            token_counts=tuple(int(all_bytes - removed_before[k] + extra) for k, extra in zip(ks, unordered)),
            distinct_tokens=tuple(int(n) for n in used.sum(axis=0)),
            characters=len(text),
        )

    def _tree_counts(self, units: dict[str, int]) -> _TreeCounts:
        """Unfold the final tokens of `units` into merge counts, node counts and lifetimes."""
        trees = self._trees
        final, others = self._final_token_counts(units)
        exact: Counter = Counter()
        for unit in others:  # few: these go word by word
            for word, _ in self._replay.pre_tokenizer.pre_tokenize_str(unit):
                word_ids = trees.by_word.encode(word).ids
                if len(word) <= HISTORY_LIMIT_BYTES and (
                        _REPEAT.search(word) or not trees.ambiguous.isdisjoint(word_ids)):
                    exact[word] += units[unit]
                else:
                    for token_id in word_ids:
                        final[token_id] += units[unit]
        pairs = len(self._replay.pairs)
        nodes, last_parent, fired = list(final), [-1] * len(final), [0] * pairs
        for rank in range(pairs - 1, -1, -1):  # parents before children
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

    def _final_token_counts(self, units: dict[str, int]) -> tuple[list[int], list[str]]:
        """How often each id is a final token in the plain units, and the units left over
        (long ones, repeats like "aaa", ambiguous tokens, chunk starts, whitespace only) for
        the word-by-word path."""
        import numpy as np

        trees = self._trees
        plain, others = [], []
        for unit in units:
            gluable = (len(unit) <= HISTORY_LIMIT_BYTES and unit[0] in WHITESPACE and unit[-1] not in WHITESPACE
                       and not _REPEAT_BYTES.search(unit.encode("utf-8")))
            (plain if gluable else others).append(unit)
        # A unit starting with whitespace and ending with a word keeps its tokens when glued
        # to the next one, so many units are encoded as one string.
        size = len(trees.created_at)
        final = np.zeros(size, dtype=np.int64)
        batches = [plain[i:i + _GLUE_UNITS] for i in range(0, len(plain), _GLUE_UNITS)]
        encodings = trees.by_unit.encode_batch(["".join(batch) for batch in batches], add_special_tokens=False)
        for batch, encoding in zip(batches, encodings):
            ids = np.array(encoding.ids, dtype=np.int64)
            starts = np.array([start for start, _ in encoding.offsets], dtype=np.int64)
            owner = np.searchsorted(np.cumsum([len(u) for u in batch]), starts, side="right")  # unit of each token
            weights = np.array([units[u] for u in batch], dtype=np.int64)[owner]
            if trees.ambiguous:  # units holding an ambiguous token go word by word instead
                bad = np.unique(owner[np.isin(ids, list(trees.ambiguous))])
                others += [batch[i] for i in bad.tolist()]
                keep = ~np.isin(owner, bad)
                ids, weights = ids[keep], weights[keep]
            final += np.bincount(ids, weights=weights, minlength=size).astype(np.int64)
        return final.tolist(), others
