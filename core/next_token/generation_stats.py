"""How good and how fast a generated text is, in numbers the Generate page compares side by side.

- tokens per second: new tokens / seconds of generation.
- mean log-probability: the average of ln p over the tokens written, where p is the model's own
  probability of each token given the text before it (how likely the model finds its own text);
  perplexity = exp(-mean log-probability), the number of equally likely choices that would be as
  surprising.
- distinct 2-grams: different pairs of neighbouring tokens / all pairs (Li et al., 2016, "A
  Diversity-Promoting Objective Function for Neural Conversation Models"): 1 when no pair repeats,
  low for text that loops.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class GenerationStats:
    """The numbers of one generated text; nan where there are too few tokens to say."""

    tokens: int
    seconds: float
    tokens_per_second: float
    mean_log_prob: float  # nats per token
    perplexity: float
    distinct_2: float  # in [0, 1]


def distinct_ngrams(token_ids: Sequence[int], n: int = 2) -> float:
    """Different n-grams / all n-grams of `token_ids` (nan with fewer than n tokens)."""
    grams = [tuple(token_ids[i:i + n]) for i in range(len(token_ids) - n + 1)]
    return len(set(grams)) / len(grams) if grams else math.nan


def generation_stats(token_ids: Sequence[int], probabilities: Sequence[float], seconds: float) -> GenerationStats:
    """Stats of a text of `token_ids` whose model probabilities are `probabilities`, written in `seconds`."""
    logs = [math.log(p) if p > 0 else -math.inf for p in probabilities]
    mean = sum(logs) / len(logs) if logs else math.nan
    rate = len(token_ids) / seconds if seconds > 0 else math.nan
    perplexity = math.exp(-mean) if math.isfinite(mean) else (math.inf if logs else math.nan)
    return GenerationStats(len(token_ids), seconds, rate, mean, perplexity, distinct_ngrams(token_ids, 2))
