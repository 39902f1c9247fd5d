"""Two ways to stop a model repeating itself, usable with every decoding strategy.

- The n-gram block (`no_repeat_ngram_size`, Paulus et al., 2017, "A Deep Reinforced Model for
  Abstractive Summarization"): a token that would complete an n-gram already in the text is banned
  (its score becomes -inf), so no n tokens in a row ever occur twice.
- The repetition penalty (Keskar et al., 2019, CTRL) on a batch of scores: every token already in a
  row's text has its score divided by the penalty when positive and multiplied by it when negative,
  as transformers' RepetitionPenaltyLogitsProcessor does (`core.next_token.sampling` has the one-row
  version the Next-token tab shows).

Shapes: B rows (beams), V the vocabulary size.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from core.next_token.sampling import NEG_INF, apply_repetition_penalty


def banned_ngram_tokens(ids: Sequence[int], n: int) -> list[int]:
    """The tokens that would repeat an n-gram of `ids` if written next (none when n < 1).

    Example with n = 2: after [5, 7, 5], token 7 is banned, because (5, 7) already occurred."""
    if n < 1 or len(ids) + 1 < n:
        return []
    if n == 1:
        return sorted(set(int(i) for i in ids))
    prefix = tuple(int(i) for i in ids[len(ids) - n + 1:])  # the last n - 1 tokens
    banned = {int(ids[start + n - 1]) for start in range(len(ids) - n + 1)
              if tuple(int(i) for i in ids[start:start + n - 1]) == prefix}
    return sorted(banned)


def block_repeated_ngrams(scores: torch.Tensor, ids: Sequence[int], n: int) -> torch.Tensor:
    """(V,) scores with every token that would repeat an n-gram of `ids` set to -inf (a copy)."""
    banned = banned_ngram_tokens(ids, n)
    if not banned:
        return scores
    out = scores.clone()
    out[torch.tensor(banned, dtype=torch.long)] = NEG_INF
    return out


def process_rows(scores: torch.Tensor, rows: Sequence[Sequence[int]], repetition_penalty: float = 1.0,
                 no_repeat_ngram_size: int = 0) -> torch.Tensor:
    """Apply the repetition penalty, then the n-gram block, to each row of (B, V) scores, where
    `rows[b]` is the text (prompt and new tokens) of row b. Returns (B, V); the input is unchanged."""
    if repetition_penalty == 1.0 and no_repeat_ngram_size < 1:
        return scores
    out = []
    for row_scores, ids in zip(scores, rows):
        if repetition_penalty != 1.0:
            row_scores = apply_repetition_penalty(row_scores, ids, repetition_penalty)
        out.append(block_repeated_ngrams(row_scores, ids, no_repeat_ngram_size))
    return torch.stack(out)
