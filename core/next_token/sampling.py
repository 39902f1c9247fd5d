"""From logits to one chosen token: the maths behind the Next-token tab.

The model gives one score (logit) per vocabulary entry. This module turns those scores into
the probabilities a sampler actually draws from, one named `Stage` at a time:

    raw softmax -> [repetition penalty] -> temperature -> [top-k] -> [top-p] -> [min-p]

(order "hf", as transformers' `generate` applies its logits processors), or with the
temperature last (order "llamacpp"). Every filter works on logits and removes a token by
setting its logit to -inf, so the token's probability is exactly 0 afterwards.

`core.next_token.prediction.NextTokenPredictor` runs the model once per prompt and caches the logits, so
moving a slider only re-runs these cheap functions. Shapes: V is the vocabulary size; every distribution is a
(V,) float32 tensor over the full vocabulary.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from core.next_token.settings import SamplingSettings
from core.tokenization.token_labels import token_label

FILTERS = ("top-k", "top-p", "min-p")  # the steps that only remove tokens (set their logits to -inf)
NEG_INF = float("-inf")


@dataclass
class Stage:
    """The distribution after one step of the pipeline.

    probs: (V,) float32, sums to 1; removed tokens are exactly 0.
    kept: (V,) bool, tokens still allowed (a kept token can still underflow to probability 0).
    mass_removed: probability, in the previous stage, of the tokens this stage removed.
    """

    name: str
    probs: torch.Tensor
    kept: torch.Tensor
    entropy_nats: float
    entropy_bits: float
    n_kept: int
    mass_removed: float


def entropy_nats(probs: torch.Tensor) -> float:
    """Shannon entropy -sum p ln p of a (V,) distribution, in nats (zeros contribute 0)."""
    p = probs.double()
    p = p[p > 0]
    return float(-(p * p.log()).sum())


def _stage(name: str, logits: torch.Tensor, previous: Stage | None) -> Stage:
    """Build a `Stage` from (V,) float32 logits where removed tokens are -inf."""
    probs = torch.softmax(logits, dim=-1)
    kept = logits > NEG_INF
    removed_now = previous.kept & ~kept if previous is not None else torch.zeros_like(kept)
    mass = float(previous.probs.double()[removed_now].sum()) if previous is not None else 0.0
    nats = entropy_nats(probs)
    return Stage(name, probs, kept, nats, nats / math.log(2), int(kept.sum()), mass)


def apply_repetition_penalty(logits: torch.Tensor, previous_ids: Sequence[int], penalty: float) -> torch.Tensor:
    """Penalise tokens in `previous_ids`: positive logits / penalty, negative logits * penalty.

    Each token is penalised once however often it occurred, as in transformers'
    RepetitionPenaltyLogitsProcessor. logits: (V,) -> (V,).
    """
    out = logits.clone()
    ids = torch.tensor(sorted(set(int(i) for i in previous_ids)), dtype=torch.long)
    ids = ids[ids < logits.shape[-1]]
    scores = out[ids]
    out[ids] = torch.where(scores < 0, scores * penalty, scores / penalty)
    return out


def apply_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """Divide (V,) logits by the temperature; temperature 0 keeps only the first argmax (greedy)."""
    if temperature == 0:
        greedy = torch.full_like(logits, NEG_INF)
        best = int(torch.argmax(logits))
        greedy[best] = logits[best]
        return greedy
    return logits / temperature


def apply_top_k(logits: torch.Tensor, top_k: int) -> torch.Tensor:
    """Keep the k highest logits (ties with the k-th are kept too, as in transformers). (V,) -> (V,)."""
    k = min(max(int(top_k), 1), logits.shape[-1])
    kth_best = torch.topk(logits, k).values[-1]
    return logits.masked_fill(logits < kth_best, NEG_INF)


def top_p_order(logits: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(order, cumulative) for top-p: the (V,) indices that sort `logits` ascending, and the (V,)
    probability of each sorted token plus all less likely ones. Depends on the logits only, so one
    sort serves every top-p value."""
    ascending, order = torch.sort(logits, descending=False)
    return order, torch.softmax(ascending, dim=-1).cumsum(dim=-1)


def apply_top_p(
    logits: torch.Tensor, top_p: float, order: tuple[torch.Tensor, torch.Tensor] | None = None
) -> torch.Tensor:
    """Keep the smallest set of most likely tokens whose probability adds up to at least top_p.

    As transformers does it: sort ascending, and drop every token whose probability plus that of
    all less likely tokens is at most 1 - top_p. The most likely token always stays. (V,) -> (V,).
    `order`: `top_p_order(logits)` when already known (the sort is most of the cost).
    """
    indices, cumulative = order if order is not None else top_p_order(logits)  # mass of a token and all below
    drop_sorted = cumulative <= (1 - top_p)
    drop_sorted[-1] = False
    drop = torch.zeros_like(drop_sorted).scatter(0, indices, drop_sorted)
    return logits.masked_fill(drop, NEG_INF)


def apply_min_p(logits: torch.Tensor, min_p: float) -> torch.Tensor:
    """Keep tokens whose probability is at least min_p times the top token's. (V,) -> (V,)."""
    probs = torch.softmax(logits, dim=-1)
    drop = probs < min_p * probs.max()
    drop[torch.argmax(probs)] = False
    return logits.masked_fill(drop, NEG_INF)


@dataclass(eq=False)  # compared by identity
class _Step:
    """One step of a pipeline run: what it was (name and parameters), its output logits and Stage,
    and the top-p sort of that output once a later top-p step needed it."""

    key: tuple
    scores: torch.Tensor
    stage: Stage
    top_p_order: tuple[torch.Tensor, torch.Tensor] | None = None


@dataclass(eq=False)  # compared by identity
class _Run:
    """The steps of one `sampling_stages` call on one logits tensor."""

    logits: torch.Tensor  # the caller's tensor itself (held, so it is never another tensor at its address)
    version: int  # its in-place version counter: a tensor changed in place is a different input
    steps: list[_Step] = field(default_factory=list)


class StageMemo:
    """The steps of the last `sampling_stages` call, for a caller that re-runs the pipeline on the
    same logits with one setting changed at a time (a slider): the next call reuses the steps
    before the changed setting. One memo per caller (and per thread); `clear()` it, or drop it,
    to let go of the tensors it holds."""

    def __init__(self) -> None:
        self.run: _Run | None = None

    def clear(self) -> None:
        self.run = None

    def reusable(self, logits: torch.Tensor, keys: list[tuple]) -> tuple[_Run, int]:
        """The run to extend and how many of its leading steps match `keys` (0: a new, empty run)."""
        run = self.run
        if run is None or run.logits is not logits or run.version != logits._version:
            self.run = _Run(logits, logits._version)
            return self.run, 0
        length = 0
        for step, key in zip(run.steps, keys):
            if step.key != key:
                break
            length += 1
        return run, length


def sampling_stages(
    logits: torch.Tensor, settings: SamplingSettings, previous_ids: Sequence[int] = (), memo: StageMemo | None = None
) -> list[Stage]:
    """Every step from raw logits (V,) to the final distribution, as named `Stage`s.

    Stages, in order: "softmax", "repetition penalty" (if not 1), then for order "hf"
    "temperature", "top-k", "top-p", "min-p" (filters only when on); for "llamacpp" the filters
    come first and "temperature" last. The last stage is the distribution to sample from.
    `previous_ids` are the tokens the repetition penalty applies to (the prompt).

    A step that changes nothing (temperature 1, a filter that removes no token) reuses the
    previous Stage's numbers. With a `memo` (a slider moves one setting at a time), the steps
    before the changed setting are reused from the last call on the same logits tensor, and a
    top-p step reuses the sort of its input. The results are the same, bit for bit, as computing
    every step afresh; Stages may be shared between calls, so treat them as read-only.
    """
    settings.validate()
    steps: list[tuple[tuple, Callable[[torch.Tensor, _Step], torch.Tensor]]] = []
    if settings.repetition_penalty != 1.0:
        penalty, ids = settings.repetition_penalty, tuple(int(i) for i in previous_ids)
        steps.append((("repetition penalty", penalty, ids), lambda s, _: apply_repetition_penalty(s, ids, penalty)))
    filters = []
    if settings.top_k != 0:
        filters.append((("top-k", settings.top_k), lambda s, _: apply_top_k(s, settings.top_k)))
    if settings.top_p < 1.0:
        filters.append((("top-p", settings.top_p), lambda s, before: apply_top_p(s, settings.top_p,
                                                                                  _top_p_order_of(before))))
    if settings.min_p > 0.0:
        filters.append((("min-p", settings.min_p), lambda s, _: apply_min_p(s, settings.min_p)))
    temperature = settings.temperature
    scale = (("temperature", temperature), lambda s, _: s if temperature == 1.0 else apply_temperature(s, temperature))
    steps += [scale, *filters] if settings.order == "hf" else [*filters, scale]

    keys = [("softmax",), *(key for key, _ in steps)]
    run, reused = (memo or StageMemo()).reusable(logits, keys)
    if reused == 0:
        scores = logits.detach().float().cpu().reshape(-1)
        run.steps = [_Step(keys[0], scores, _stage("softmax", scores, None))]
        reused = 1
    del run.steps[reused:]
    for key, step in steps[reused - 1:]:
        before = run.steps[-1]
        scores = step(before.scores, before)
        if scores is before.scores or (key[0] in FILTERS and int((scores > NEG_INF).sum()) == before.stage.n_kept):
            # nothing changed: a filter only ever sets logits to -inf, so the same count of finite
            # logits means the very same logits, and the same Stage numbers
            stage = replace(before.stage, name=key[0], mass_removed=0.0)
            scores = before.scores
        else:
            stage = _stage(key[0], scores, before.stage)
        run.steps.append(_Step(key, scores, stage))
    return [step.stage for step in run.steps]


def _top_p_order_of(step: _Step) -> tuple[torch.Tensor, torch.Tensor]:
    """The top-p sort of a step's output, computed once per step."""
    if step.top_p_order is None:
        step.top_p_order = top_p_order(step.scores)
    return step.top_p_order


def final_distribution(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    min_p: float = 0.0,
    order: str = "hf",
    repetition_penalty: float = 1.0,
    previous_ids: Sequence[int] = (),
) -> torch.Tensor:
    """The (V,) float32 distribution a sampler draws from; removed tokens are exactly 0."""
    settings = SamplingSettings(temperature, top_k, top_p, min_p, repetition_penalty, order)
    return sampling_stages(logits, settings, previous_ids)[-1].probs


@dataclass
class Draw:
    """One random draw: u lands in the cumulative bar of tokens sorted by descending probability.

    rank is 1 for the most likely token. The chosen token's segment is [cumulative_before,
    cumulative_before + probability).
    """

    u: float
    token_id: int
    rank: int
    probability: float
    cumulative_before: float


def sample(distribution: torch.Tensor, seed: int | None = None) -> Draw:
    """Draw one token from a (V,) distribution by inverse CDF over descending probabilities.

    The same seed always gives the same u in [0, 1) and so the same token. Ties are ordered by
    token id.
    """
    u = random.Random(seed).random()
    return draw_at(distribution, u)


def draw_at(distribution: torch.Tensor, u: float) -> Draw:
    """The token whose segment of the descending cumulative bar contains u (0 <= u < 1)."""
    probs = distribution.detach().double().cpu().reshape(-1)
    sorted_probs, order = torch.sort(probs, descending=True, stable=True)
    cumulative = sorted_probs.cumsum(0) / sorted_probs.sum()
    index = int(torch.searchsorted(cumulative, torch.tensor([u], dtype=torch.float64), right=True))
    index = min(index, int((sorted_probs > 0).sum()) - 1)  # u beyond rounding error: last kept token
    before = float(cumulative[index - 1]) if index > 0 else 0.0
    return Draw(u, int(order[index]), index + 1, float(sorted_probs[index]), before)


@dataclass
class TokenRow:
    """One row of the top-tokens table. rank 1 is the most likely token."""

    token_id: int
    label: str
    probability: float
    cumulative: float
    rank: int


@dataclass
class TopTokens:
    """The n most likely tokens, and `other`: the probability of all the rest together."""

    rows: list[TokenRow]
    other: float


def top_tokens(distribution: torch.Tensor, n: int, tokenizer: Any, include_zero: bool = False) -> TopTokens:
    """The n most likely tokens of a (V,) distribution (ties by token id), with labels.

    Tokens with probability 0 are left out unless `include_zero`.
    """
    probs = distribution.detach().double().cpu().reshape(-1)
    sorted_probs, order = torch.sort(probs, descending=True, stable=True)
    count = min(n, len(probs) if include_zero else int((sorted_probs > 0).sum()))
    rows, cumulative = [], 0.0
    for rank in range(count):
        p = float(sorted_probs[rank])
        cumulative += p
        token_id = int(order[rank])
        rows.append(TokenRow(token_id, token_label(tokenizer, token_id), p, cumulative, rank + 1))
    return TopTokens(rows, max(0.0, float(probs.sum()) - cumulative))
