"""Diverse (group) beam search: Vijayakumar et al. (2016), "Diverse Beam Search: Decoding Diverse
Solutions from Neural Sequence Models".

The beams are split into `num_beam_groups` groups that each run an ordinary beam search
(`core.next_token.beam_search.BeamState`). At every step the groups move one after another, and a
group's log-probabilities are lowered by `diversity_penalty` times the number of beams of the
earlier groups that picked the same token at this step (the Hamming diversity term), so the groups
drift apart. With diversity_penalty = 0 every group is plain beam search with num_beams /
num_beam_groups beams. transformers 5 moved this search to a hub repository that runs downloaded
code, which LM Anatomy never allows, so this is our own version.

Shapes: B = num_beams rows in one batch, G groups of B / G rows each, V the vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message
from core.next_token.beam_search import BeamSearchResult, BeamState, Hypothesis, check_beam_settings
from core.next_token.generation_common import GenerationError, Stop, eos_ids, is_stopped, prepare_prompt
from core.next_token.model_calls import forward_step
from core.next_token.repetition import process_rows


@dataclass
class GroupBeamSearchResult:
    """The best hypotheses of all groups together (best first), and each group's own search."""

    prompt_ids: list[int]
    hypotheses: list[Hypothesis]
    groups: list[BeamSearchResult]
    stopped: bool = False

    @property
    def sequences(self) -> list[list[int]]:
        return [self.prompt_ids + h.token_ids for h in self.hypotheses]


def check_group_settings(num_beams: int, num_beam_groups: int, diversity_penalty: float) -> None:
    """Raise GenerationError (a ValueError) with a message for the user for a setting out of range."""
    if num_beam_groups < 1 or num_beams % num_beam_groups != 0:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The {beams} beams must split evenly into groups; got {groups} groups."),
            {"beams": num_beams, "groups": num_beam_groups}))
    if not diversity_penalty >= 0:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The diversity penalty must be 0 or more; got {value}."), {"value": diversity_penalty}))


def hamming_penalty(log_probs: torch.Tensor, earlier_tokens: Sequence[int], diversity_penalty: float) -> torch.Tensor:
    """(b, V) log-probabilities less diversity_penalty x how often each token was picked by the earlier
    groups at this step. Returns (b, V)."""
    if not earlier_tokens or diversity_penalty == 0:
        return log_probs
    counts = torch.bincount(torch.tensor(list(earlier_tokens)), minlength=log_probs.shape[-1])  # (V,)
    return log_probs - diversity_penalty * counts.to(log_probs.dtype)[None, :]


def group_beam_search(
    loaded: Any,
    prompt_ids: Sequence[int],
    num_beams: int,
    num_beam_groups: int,
    max_new_tokens: int,
    diversity_penalty: float = 1.0,
    num_return_sequences: int = 1,
    length_penalty: float = 1.0,
    no_repeat_ngram_size: int = 0,
    early_stopping: bool | str = False,
    repetition_penalty: float = 1.0,
    eos_token_ids: Sequence[int] | None = None,
    stop: Stop = None,
) -> GroupBeamSearchResult:
    """Diverse beam search from `prompt_ids`; see the module's docstring. `stop` is checked before
    every step. Raises GenerationError or PredictionError (ValueErrors) with a message for the user."""
    check_group_settings(num_beams, num_beam_groups, diversity_penalty)
    size = num_beams // num_beam_groups
    check_beam_settings(size, 1, length_penalty, early_stopping, no_repeat_ngram_size)
    if not 1 <= num_return_sequences <= num_beams:
        check_beam_settings(num_beams, num_return_sequences, length_penalty, early_stopping, no_repeat_ngram_size)
    ids, room = prepare_prompt(loaded, prompt_ids, max_new_tokens)
    ends = eos_ids(loaded) if eos_token_ids is None else {int(i) for i in eos_token_ids}
    groups = [BeamState(ids, size, room, ends, length_penalty, early_stopping) for _ in range(num_beam_groups)]
    steps: list[list[Any]] = [[] for _ in groups]
    stopped = is_stopped(stop)
    if not stopped:
        logits, cache = forward_step(loaded.model, torch.tensor([ids] * num_beams, device=loaded.device))
        for step in range(room):
            log_probs = torch.log_softmax(logits[:, -1], dim=-1)  # (B, V)
            source = torch.arange(num_beams)  # (B,) the row each new row comes from (done groups stay)
            picked: list[int] = []  # tokens the earlier groups chose at this step
            for g, state in enumerate(groups):
                if state.done:
                    continue
                rows = slice(g * size, (g + 1) * size)
                group_scores = process_rows(log_probs[rows], state.rows, repetition_penalty, no_repeat_ngram_size)
                group_scores = hamming_penalty(group_scores, picked, diversity_penalty)
                record, from_rows = state.advance(group_scores, step)
                steps[g].append(record)
                source[rows] = from_rows + g * size
                picked += [row[-1] for row in state.rows]
            if all(state.done for state in groups):
                break
            if is_stopped(stop):
                stopped = True
                break
            cache.reorder_cache(source.to(loaded.device))
            last = torch.tensor([[row[-1]] for state in groups for row in state.rows], device=loaded.device)
            logits, cache = forward_step(loaded.model, last, cache)  # (B, 1, V)
    results = [BeamSearchResult(ids, state.result(ids, size, stopped), group_steps, size, length_penalty, stopped)
               for state, group_steps in zip(groups, steps)]
    everything = sorted((h for result in results for h in result.hypotheses), key=lambda h: h.score, reverse=True)
    return GroupBeamSearchResult(ids, everything[:num_return_sequences], results, stopped)
