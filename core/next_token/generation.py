"""Writing text one token at a time, with every decoding strategy of the transformers tutorial.

`generate_tokens` is a generator of plain `GeneratedToken` records, so a GUI worker can show
each token as it arrives and stop between tokens (pass a `threading.Event` or a callable).

- greedy and sampling: a step-by-step decode loop with the model's KV cache. Each step uses
  `core.next_token.sampling` (the very pipeline the Next-token tab shows), so the seeded draws are the
  ones the view marks on its cumulative bar. Greedy matches transformers' `generate`.
- beam search, beam search with sampling (`core.next_token.beam_search`) and diverse beam search
  (`core.next_token.group_beam_search`): a beam search only knows its best text at the end, so its
  tokens are yielded after the search; Stop is still checked before every step.
- contrastive search: `core.next_token.contrastive` (Su et al., 2022).
- `no_repeat_ngram_size` (`core.next_token.repetition`) and the repetition penalty work with every
  strategy.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message
from core.next_token.beam_search import beam_search, check_beam_settings
from core.next_token.contrastive import contrastive_search_step, contrastive_tokens
from core.next_token.generation_common import (
    GenerationError,
    Stop,
    TextPieces,
    eos_ids,
    is_stopped,
    prepare_prompt,
)
from core.next_token.group_beam_search import check_group_settings, group_beam_search
from core.next_token.model_calls import forward_step
from core.next_token.repetition import block_repeated_ngrams
from core.next_token.sampling import draw_at, final_distribution
from core.next_token.settings import SamplingSettings

__all__ = ["STRATEGIES", "BEAM_STRATEGIES", "GeneratedToken", "GenerationError", "GenerationSettings", "Stop",
           "contrastive_search_step", "eos_ids", "generate_tokens", "is_stopped"]

STRATEGIES = ("greedy", "sample", "beam", "beam-sample", "group-beam", "contrastive")
BEAM_STRATEGIES = ("beam", "beam-sample", "group-beam")


@dataclass
class GenerationSettings:
    """How to continue a prompt.

    strategy: one of STRATEGIES: "greedy", "sample", "beam", "beam-sample" (beam search drawing its
    candidates at random), "group-beam" (diverse beam search) or "contrastive".
    sampling: temperature/top-k/top-p/min-p/seed for "sample" and "beam-sample"; its
    repetition_penalty applies to every strategy (to the prompt and the tokens written so far).
    num_beams, length_penalty, early_stopping (False, True or "never"): beam searches.
    num_beam_groups, diversity_penalty: diverse beam search.
    penalty_alpha, contrastive_top_k: contrastive search's degeneration weight and candidates.
    no_repeat_ngram_size: no n tokens in a row twice (0: off), with every strategy.
    """

    strategy: str = "greedy"
    max_new_tokens: int = 30
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    num_beams: int = 4
    penalty_alpha: float = 0.6
    contrastive_top_k: int = 4
    stop_at_eos: bool = True
    length_penalty: float = 1.0
    early_stopping: bool | str = False
    num_beam_groups: int = 2
    diversity_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    def validate(self) -> None:
        """Raise GenerationError (a ValueError) with a message for the user if a setting is out of range."""
        if self.strategy not in STRATEGIES:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Unknown strategy {value}; choose one of {choices}."),
                {"value": repr(self.strategy), "choices": ", ".join(STRATEGIES)}))
        if self.max_new_tokens < 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Generate at least 1 new token; got {value}."), {"value": self.max_new_tokens}))
        check_beam_settings(self.num_beams, 1, self.length_penalty, self.early_stopping, self.no_repeat_ngram_size)
        if self.strategy == "group-beam":
            check_group_settings(self.num_beams, self.num_beam_groups, self.diversity_penalty)
        if not 0 <= self.penalty_alpha <= 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "The contrastive penalty alpha must be between 0 and 1; got {value}."),
                {"value": self.penalty_alpha}))
        if self.contrastive_top_k < 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Contrastive search needs at least 1 candidate; got {value}."),
                {"value": self.contrastive_top_k}))
        self.sampling.validate()


@dataclass
class GeneratedToken:
    """One new token.

    text: the text this token adds ('' while a multi-byte character is still incomplete).
    probability: the model's own probability for the token (softmax of raw logits).
    final_probability: its probability in the distribution it was chosen from (after penalty,
    temperature and filters; 1.0 for greedy; the model's probability for the beam searches).
    """

    step: int
    token_id: int
    text: str
    probability: float
    final_probability: float


def generate_tokens(
    loaded: Any, prompt: str | Sequence[int], settings: GenerationSettings, stop: Stop = None
) -> Iterator[GeneratedToken]:
    """Continue `prompt`, yielding one `GeneratedToken` at a time.

    Stops after `settings.max_new_tokens`, at the model's end-of-text token (if stop_at_eos),
    when the context is full, or as soon as `stop` is set (checked before every token, and before
    every step of a beam search, which then yields its best beam so far).
    Raises ValueError for a model without a next-token head, an empty or too long prompt, or a
    bad setting.
    """
    settings.validate()
    ids, room = prepare_prompt(loaded, prompt, settings.max_new_tokens)
    if is_stopped(stop):
        return
    if settings.strategy in BEAM_STRATEGIES:
        yield from _beam_tokens(loaded, ids, settings, room, stop)
        return
    pieces = TextPieces(loaded.tokenizer)
    ends = eos_ids(loaded) if settings.stop_at_eos else set()
    if settings.strategy == "contrastive":
        steps = contrastive_tokens(loaded, ids, room, settings.penalty_alpha, settings.contrastive_top_k,
                                   settings.sampling.repetition_penalty, settings.no_repeat_ngram_size)
    else:
        steps = _decode_steps(loaded, ids, settings, room)
    for step, (token, probability, final) in enumerate(steps):
        last = step == room - 1 or token in ends
        yield GeneratedToken(step, token, pieces.add(token, last), probability, final)
        if last or is_stopped(stop):
            return


def _decode_steps(
    loaded: Any, ids: list[int], settings: GenerationSettings, room: int
) -> Iterator[tuple[int, float, float]]:
    """Greedy or sampled tokens as (token id, model probability, final probability)."""
    s = settings.sampling
    greedy = settings.strategy == "greedy"
    rng = random.Random(s.seed)  # the first u equals core.next_token.sampling.sample(distribution, seed).u
    history = list(ids)
    logits, cache = forward_step(loaded.model, torch.tensor([ids], device=loaded.device))
    logits = logits[0, -1]  # (V,)
    for step in range(room):
        blocked = block_repeated_ngrams(logits, history, settings.no_repeat_ngram_size)
        if greedy:
            final = final_distribution(blocked, 0.0, repetition_penalty=s.repetition_penalty, previous_ids=history)
            token = int(torch.argmax(final))
        else:
            final = final_distribution(
                blocked, s.temperature, s.top_k, s.top_p, s.min_p, s.order, s.repetition_penalty, history
            )
            token = draw_at(final, rng.random()).token_id
        yield token, float(torch.softmax(logits, -1)[token]), float(final[token])
        history.append(token)
        if step < room - 1:
            logits, cache = forward_step(loaded.model, torch.tensor([[token]], device=loaded.device), cache)
            logits = logits[0, -1]


def _beam_tokens(
    loaded: Any, ids: list[int], settings: GenerationSettings, room: int, stop: Stop
) -> Iterator[GeneratedToken]:
    """Run a beam search, then yield its best text's tokens with the model's probabilities."""
    ends = sorted(eos_ids(loaded)) if settings.stop_at_eos else []
    common = dict(length_penalty=settings.length_penalty, no_repeat_ngram_size=settings.no_repeat_ngram_size,
                  early_stopping=settings.early_stopping, repetition_penalty=settings.sampling.repetition_penalty,
                  eos_token_ids=ends, stop=stop)
    if settings.strategy == "group-beam":
        result: Any = group_beam_search(loaded, ids, settings.num_beams, settings.num_beam_groups, room,
                                        settings.diversity_penalty, **common)
    else:
        sampling = settings.sampling if settings.strategy == "beam-sample" else None
        result = beam_search(loaded, ids, settings.num_beams, room, sampling=sampling, **common)
    if not result.hypotheses:
        return
    new = result.hypotheses[0].token_ids
    with torch.no_grad():
        logits = loaded.model(torch.tensor([ids + new], device=loaded.device)).logits[0].float().cpu()  # (T, V)
    probs = torch.softmax(logits, -1)
    pieces = TextPieces(loaded.tokenizer)
    for step, token in enumerate(new):
        probability = float(probs[len(ids) - 1 + step, token])
        yield GeneratedToken(step, token, pieces.add(token, step == len(new) - 1), probability, probability)
