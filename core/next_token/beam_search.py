"""Beam search, one step at a time, keeping the search tree for the Beam tree view.

Beam search keeps the `num_beams` most likely partial texts ("beams") instead of one. At every
step each beam is extended by every token of the vocabulary; the score of a candidate is its
beam's cumulative log-probability plus the token's log-probability. The best 2 x num_beams
candidates are considered; a candidate that ends (the end-of-text token, or the length limit)
joins the finished hypotheses with the score log_prob / length ** length_penalty; the best
num_beams of the others continue. The search stops when the finished hypotheses cannot be beaten
(`early_stopping`), or at the length limit.

`BeamState.advance` is the very algorithm of transformers' `generate(num_beams=...)` (its
vectorised `_beam_search`, for one prompt), tensor operation for tensor operation, so the
sequences and scores are equal to its `sequences` and `sequences_scores`; here each step is also
recorded as a `BeamStep`: the live beams, the candidates considered, and which were kept,
finished or pruned. With `do_sample=True` the candidates are drawn at random in proportion to
their probability instead of taken best first (beam search with sampling).

Shapes: B = num_beams, K = 2B candidates (more with several end-of-text tokens), V the vocabulary.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message
from core.next_token.generation_common import GenerationError, Stop, eos_ids, is_stopped, prepare_prompt
from core.next_token.model_calls import forward_step
from core.next_token.repetition import process_rows
from core.next_token.sampling import apply_min_p, apply_temperature, apply_top_k, apply_top_p
from core.next_token.settings import SamplingSettings

MASK = -1.0e9  # transformers' "very large negative" score for a slot that must never be chosen
EARLY_STOPPING = (False, True, "never")
KEPT, FINISHED, PRUNED = "kept", "finished", "pruned"


@dataclass
class Candidate:
    """One continuation considered at a step.

    parent: the index of the live beam it extends (in its `BeamStep.beams`).
    log_prob: cumulative log-probability of the beam with this token.
    status: KEPT (a live beam at the next step, `slot` its index there), FINISHED (it ended and is now
    one of the best finished hypotheses) or PRUNED.
    ends: it hit the end-of-text token or the length limit.
    """

    token_id: int
    parent: int
    log_prob: float
    status: str
    slot: int | None = None
    ends: bool = False


@dataclass
class LiveBeam:
    """A partial text being extended: its new tokens so far and its cumulative log-probability."""

    token_ids: list[int]
    log_prob: float

    @property
    def live(self) -> bool:
        """False for transformers' placeholder beams (the copies of the prompt at the first step)."""
        return self.log_prob > MASK / 2


@dataclass
class BeamStep:
    """Step `step` (0 = the first new token): the beams extended and the candidates, best first."""

    step: int
    beams: list[LiveBeam]
    candidates: list[Candidate]


@dataclass
class Hypothesis:
    """A finished text: new tokens, raw log-probability, score = log_prob / length ** length_penalty."""

    token_ids: list[int]
    log_prob: float
    score: float
    step: int
    finished: bool = True  # False: still running when the search was stopped


@dataclass
class BeamSearchResult:
    """The best `num_return_sequences` hypotheses (best first) and every step of the search."""

    prompt_ids: list[int]
    hypotheses: list[Hypothesis]
    steps: list[BeamStep] = field(default_factory=list)
    num_beams: int = 1
    length_penalty: float = 1.0
    stopped: bool = False

    @property
    def sequences(self) -> list[list[int]]:
        """Prompt plus new tokens of each hypothesis, as transformers returns them (without padding)."""
        return [self.prompt_ids + h.token_ids for h in self.hypotheses]

    @property
    def scores(self) -> list[float]:
        """transformers' `sequences_scores`: the length-normalised scores."""
        return [h.score for h in self.hypotheses]


class BeamState:
    """The live and finished beams of one search (of one group, in diverse beam search)."""

    def __init__(self, prompt_ids: Sequence[int], num_beams: int, max_new_tokens: int, ends: set[int],
                 length_penalty: float = 1.0, early_stopping: bool | str = False,
                 generator: torch.Generator | None = None) -> None:
        self.prompt_len = len(prompt_ids)
        self.max_length = self.prompt_len + max_new_tokens
        self.cur_len = self.prompt_len
        self.num_beams, self.ends = num_beams, set(ends)
        self.length_penalty, self.early_stopping = length_penalty, early_stopping
        self.generator = generator  # set: draw the candidates at random (beam search with sampling)
        self.keep = max(2, 1 + len(self.ends)) * num_beams  # K candidates considered per step
        self.rows = [list(prompt_ids) for _ in range(num_beams)]  # live beams, prompt included
        self.row_scores = torch.zeros(num_beams)  # (B,) cumulative log-probabilities
        self.row_scores[1:] = MASK  # only the first copy of the prompt is extended at the first step
        self.finished: list[Hypothesis | None] = [None] * num_beams
        self.finished_scores = torch.full((num_beams,), MASK)  # (B,) normalised scores
        self.is_finished = torch.zeros(num_beams, dtype=torch.bool)  # (B,)
        self.improvable = True  # the live beams could still beat a finished one
        self.done = False

    def beams(self) -> list[LiveBeam]:
        return [LiveBeam(row[self.prompt_len:], float(score)) for row, score in zip(self.rows, self.row_scores)]

    def _choose(self, scores: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The K candidates of the flat (B * V,) scores, best first: (their scores, their flat indices)."""
        if self.generator is None:
            return torch.topk(scores, k=self.keep)
        probs = torch.softmax(scores, dim=-1)
        n = min(self.keep, int((probs > 0).sum()))
        drawn = torch.multinomial(probs, num_samples=n, generator=self.generator)  # without replacement
        if n < self.keep:  # too few tokens left by the filters: pad with impossible ones
            rest = scores.clone()
            rest[drawn] = float("inf")
            drawn = torch.cat([drawn, torch.topk(-rest, self.keep - n).indices])
        values, order = scores[drawn].sort(descending=True)
        return values, drawn[order]

    def advance(self, log_probs: torch.Tensor, step: int) -> tuple[BeamStep, torch.Tensor]:
        """Extend the live beams by (B, V) processed log-probabilities.

        Returns the step's record and (B,) the row each new live beam comes from (to reorder a cache)."""
        beams = self.beams()
        vocab = log_probs.shape[-1]
        scores = (log_probs + self.row_scores[:, None]).reshape(-1)  # (B * V,)
        top_scores, top_indices = self._choose(scores)  # (K,), (K,)
        parents, tokens = top_indices // vocab, top_indices % vocab  # (K,), (K,)
        texts = [self.rows[int(p)] + [int(t)] for p, t in zip(parents, tokens)]
        length = self.cur_len + 1 - self.prompt_len  # new tokens in each candidate
        ends = torch.tensor([int(t) in self.ends or self.cur_len + 1 >= self.max_length for t in tokens])  # (K,)

        # the best B candidates that did not end go on
        running_scores = top_scores + ends.to(torch.float32) * MASK
        going_on = torch.topk(running_scores, k=self.num_beams).indices  # (B,)
        self.rows = [texts[int(i)] for i in going_on]
        self.row_scores = running_scores[going_on]

        # candidates among the best B that ended compete with the finished hypotheses
        just_finished = ends & (torch.arange(self.keep) < self.num_beams)
        normalised = top_scores / (length ** self.length_penalty)
        normalised += (torch.all(self.is_finished) & (self.early_stopping is True)).to(torch.float32) * MASK
        normalised += torch.tensor(not self.improvable).to(torch.float32) * MASK
        normalised += (~just_finished) * MASK
        merged_scores = torch.cat((self.finished_scores, normalised))  # (B + K,)
        best = torch.topk(merged_scores, k=self.num_beams).indices  # (B,)
        merged = self.finished + [Hypothesis(text[self.prompt_len:], float(raw), float(score), step)
                                  for text, raw, score in zip(texts, top_scores, normalised)]
        merged_finished = torch.cat((self.is_finished, just_finished))
        self.finished = [merged[int(i)] for i in best]
        self.finished_scores, self.is_finished = merged_scores[best], merged_finished[best]

        record = self._record(step, beams, top_scores, parents, tokens, ends, going_on, best)
        self.cur_len += 1
        if self.early_stopping == "never" and self.length_penalty > 0.0:
            best_length = self.max_length - self.prompt_len
        else:
            best_length = self.cur_len - self.prompt_len
        best_possible = self.row_scores[:1] / (best_length ** self.length_penalty)
        worst_finished = torch.where(self.is_finished, torch.min(self.finished_scores), MASK)
        self.improvable = self.improvable and bool(torch.any(best_possible > worst_finished))
        all_full = bool(torch.all(self.is_finished)) and self.early_stopping is True
        self.done = not self.improvable or all_full or bool(torch.all(ends))
        return record, parents[going_on]

    def _record(self, step: int, beams: list[LiveBeam], scores: torch.Tensor, parents: torch.Tensor,
                tokens: torch.Tensor, ends: torch.Tensor, going_on: torch.Tensor, best: torch.Tensor) -> BeamStep:
        """The step as the Beam tree view draws it."""
        slots = {int(k): slot for slot, k in enumerate(going_on) if not bool(ends[int(k)])}
        entered = {int(i) - self.num_beams for i in best if int(i) >= self.num_beams}
        candidates = []
        for k in range(self.keep):
            score = float(scores[k])
            slot = slots.get(k) if math.isfinite(score) and score > MASK / 2 else None
            status = KEPT if slot is not None else FINISHED if k in entered and bool(ends[k]) else PRUNED
            candidates.append(Candidate(int(tokens[k]), int(parents[k]), score, status, slot, bool(ends[k])))
        return BeamStep(step, beams, candidates)

    def result(self, prompt_ids: list[int], count: int, stopped: bool = False) -> list[Hypothesis]:
        """The best `count` hypotheses; after a stop, live beams fill in for missing finished ones."""
        found = [h for h, done in zip(self.finished, self.is_finished) if h is not None and bool(done)]
        if stopped and self.cur_len > self.prompt_len:
            length = self.cur_len - self.prompt_len
            found += [Hypothesis(b.token_ids, b.log_prob, b.log_prob / length ** self.length_penalty,
                                 length - 1, finished=False) for b in self.beams() if b.live]
        return sorted(found, key=lambda h: h.score, reverse=True)[:count]


def warp_for_sampling(log_probs: torch.Tensor, sampling: SamplingSettings) -> torch.Tensor:
    """Temperature, top-k, top-p and min-p on each row of (B, V) log-probabilities, as transformers'
    warpers do before beam search draws its candidates. Returns (B, V)."""
    rows = []
    for row in log_probs:
        row = row if sampling.temperature == 1.0 else apply_temperature(row, sampling.temperature)
        if sampling.top_k:
            row = apply_top_k(row, sampling.top_k)
        if sampling.top_p < 1.0:
            row = apply_top_p(row, sampling.top_p)
        if sampling.min_p > 0.0:
            row = apply_min_p(row, sampling.min_p)
        rows.append(row)
    return torch.stack(rows)


def check_beam_settings(num_beams: int, num_return_sequences: int, length_penalty: float,
                        early_stopping: Any, no_repeat_ngram_size: int) -> None:
    """Raise GenerationError (a ValueError) with a message for the user for a setting out of range."""
    if num_beams < 1:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Beam search needs at least 1 beam; got {value}."), {"value": num_beams}))
    if not 1 <= num_return_sequences <= num_beams:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Beam search returns between 1 and {beams} sequences (one per beam); got {value}."),
            {"beams": num_beams, "value": num_return_sequences}))
    if not math.isfinite(length_penalty):
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The length penalty must be a finite number; got {value}."), {"value": length_penalty}))
    if early_stopping not in EARLY_STOPPING or isinstance(early_stopping, int) and not isinstance(early_stopping, bool):
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Early stopping must be one of {choices}; got {value}."),
            {"choices": "False, True, 'never'", "value": repr(early_stopping)}))
    if no_repeat_ngram_size < 0:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The n-gram size must be 0 (off) or more; got {value}."), {"value": no_repeat_ngram_size}))


def beam_search(
    loaded: Any,
    prompt_ids: Sequence[int],
    num_beams: int,
    max_new_tokens: int,
    num_return_sequences: int = 1,
    length_penalty: float = 1.0,
    no_repeat_ngram_size: int = 0,
    early_stopping: bool | str = False,
    repetition_penalty: float = 1.0,
    eos_token_ids: Sequence[int] | None = None,
    sampling: SamplingSettings | None = None,
    stop: Stop = None,
    on_step: Callable[[BeamStep], None] | None = None,
) -> BeamSearchResult:
    """Beam search from `prompt_ids`: the best hypotheses with their scores, and the search tree.

    eos_token_ids: the tokens that end a text (None: the model's own; () for none). With `sampling`
    (temperature, top-k, top-p, min-p and seed), the candidates are drawn at random: beam search with
    sampling. `stop` (an Event or a callable) is checked before every step; after a stop the live beams
    are returned too. `on_step(BeamStep)` is called after every step. Raises GenerationError or
    PredictionError (ValueErrors) with a message for the user.
    """
    check_beam_settings(num_beams, num_return_sequences, length_penalty, early_stopping, no_repeat_ngram_size)
    if sampling is not None:
        sampling.validate()
    ids, room = prepare_prompt(loaded, prompt_ids, max_new_tokens)
    ends = eos_ids(loaded) if eos_token_ids is None else {int(i) for i in eos_token_ids}
    generator = None
    if sampling is not None:
        seed = sampling.seed if sampling.seed is not None else random.randrange(2**31)
        generator = torch.Generator().manual_seed(seed)
    state = BeamState(ids, num_beams, room, ends, length_penalty, early_stopping, generator)
    steps: list[BeamStep] = []
    stopped = is_stopped(stop)
    if not stopped:
        prompt = torch.tensor([ids] * num_beams, device=loaded.device)  # (B, T)
        logits, cache = forward_step(loaded.model, prompt)  # (B, T, V)
        for step in range(room):
            log_probs = torch.log_softmax(logits[:, -1], dim=-1)  # (B, V)
            log_probs = process_rows(log_probs, state.rows, repetition_penalty, no_repeat_ngram_size)
            if sampling is not None:
                log_probs = warp_for_sampling(log_probs, sampling)
            record, source = state.advance(log_probs, step)
            steps.append(record)
            if on_step is not None:
                on_step(record)
            if state.done:
                break
            if is_stopped(stop):
                stopped = True
                break
            cache.reorder_cache(source.to(loaded.device))
            last = torch.tensor([[row[-1]] for row in state.rows], device=loaded.device)  # (B, 1)
            logits, cache = forward_step(loaded.model, last, cache)
    return BeamSearchResult(ids, state.result(ids, num_return_sequences, stopped), steps, num_beams,
                            length_penalty, stopped)
