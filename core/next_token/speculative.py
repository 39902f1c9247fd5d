"""Speculative decoding, greedy: a cheap guesser proposes tokens, the model checks them all in one pass.

Leviathan et al. (2023), "Fast Inference from Transformers via Speculative Decoding", and Chen et
al. (2023), "Accelerating Large Language Model Decoding with Speculative Sampling"; transformers
calls it assisted generation. Each round:

1. the guesser proposes up to `num_draft_tokens` tokens after the text;
2. the main model reads the last token and all the proposals in one forward pass, which gives its
   own choice after every prefix;
3. the proposals it agrees with are accepted, up to the first disagreement, and the main model's
   own token there is appended (a correction; a bonus token when all were accepted).

So every round writes at least one token, and the text is exactly the main model's greedy text:
only the number of main-model passes changes. Two guessers:

- `speculative_decode`: a small draft model that shares the tokenizer (e.g. the built-in model);
- `prompt_lookup_decode`: no model at all; the tokens that followed the last n-gram where it
  occurred earlier in the text (Saxena, 2023, "Prompt Lookup Decoding"), good at copying.

Both keep the key/value caches of the models between rounds and cut rejected tokens off them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message
from core.next_token.generation_common import GenerationError, Stop, eos_ids, is_stopped, prepare_prompt
from core.next_token.model_calls import forward_step
from core.next_token.prediction import require

Proposer = Callable[[list[int], int], list[int]]  # (text so far, how many) -> proposed tokens


@dataclass
class SpeculativeRound:
    """One round, one pass of the main model: the guesser's `proposed` tokens, how many the main model
    `accepted`, and the main model's own `correction` token after them (a bonus token when every
    proposal was accepted). The first round is the prompt's pass: nothing proposed, the first token."""

    proposed: list[int]
    accepted: int
    correction: int


@dataclass
class SpeculativeResult:
    """What was written (new tokens), the rounds that wrote it, and how long it took."""

    prompt_ids: list[int]
    token_ids: list[int] = field(default_factory=list)
    rounds: list[SpeculativeRound] = field(default_factory=list)
    seconds: float = 0.0
    main_passes: int = 0  # forward passes of the main model, prompt included
    stopped: bool = False

    @property
    def proposed(self) -> int:
        return sum(len(r.proposed) for r in self.rounds)

    @property
    def accepted(self) -> int:
        return sum(r.accepted for r in self.rounds)

    @property
    def acceptance_rate(self) -> float:
        """Accepted proposals / proposals (0 when nothing was proposed)."""
        return self.accepted / self.proposed if self.proposed else 0.0

    @property
    def tokens_per_second(self) -> float:
        return len(self.token_ids) / self.seconds if self.seconds > 0 else 0.0


@dataclass
class GreedyTiming:
    """Plain greedy decoding for comparison: new tokens, seconds, main-model passes."""

    token_ids: list[int]
    seconds: float
    main_passes: int

    @property
    def tokens_per_second(self) -> float:
        return len(self.token_ids) / self.seconds if self.seconds > 0 else 0.0


class _CachedModel:
    """A model with a key/value cache over a prefix of the text; `logits_after(text, extra)` feeds what
    the cache lacks and returns the (n, V) logits of the last n = len(extra) + 1 positions."""

    def __init__(self, loaded: Any) -> None:
        self.loaded, self.cache, self.length, self.passes = loaded, None, 0, 0

    def logits_after(self, text: list[int], extra: Sequence[int] = ()) -> torch.Tensor:
        self.cut_to(len(text) - 1)  # the last token of the text is always fed again
        new = text[self.length:] + list(extra)
        logits, self.cache = forward_step(self.loaded.model, torch.tensor([new], device=self.loaded.device),
                                          self.cache)  # (1, len(new), V)
        self.length += len(new)
        self.passes += 1
        return logits[0, -(len(extra) + 1):]

    def cut_to(self, length: int) -> None:
        """Forget the cached positions from `length` on."""
        if self.cache is not None and self.length > length:
            self.cache.crop(-(self.length - length))
            self.length = length


def draft_proposer(draft: Any) -> Proposer:
    """Proposals from a draft model: its greedy tokens, one pass each."""
    model = _CachedModel(draft)

    def propose(text: list[int], k: int) -> list[int]:
        proposed: list[int] = []
        for _ in range(k):
            token = int(torch.argmax(model.logits_after(text + proposed)[-1]))
            proposed.append(token)
        return proposed

    return propose


def lookup_proposer(max_ngram_size: int = 3) -> Proposer:
    """Proposals copied from the text: what followed the first earlier occurrence of its last n tokens,
    trying n = max_ngram_size first (as transformers' prompt lookup does)."""

    def propose(text: list[int], k: int) -> list[int]:
        for n in range(min(max_ngram_size, len(text) - 1), 0, -1):
            tail = text[-n:]
            for start in range(len(text) - n):
                if text[start:start + n] == tail:
                    follow = text[start + n:start + n + k]
                    if follow:
                        return follow
        return []

    return propose


def _check_draft(loaded: Any, draft: Any) -> None:
    from core.model.loading import NEXT_TOKEN

    require(draft, NEXT_TOKEN)
    if draft.tokenizer.get_vocab() != loaded.tokenizer.get_vocab():
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The draft model {draft} uses another tokenizer than {model}; speculative decoding "
                            "needs both to share one (train the draft on the same tokenizer)."),
            {"draft": draft.name, "model": loaded.name}))


def verify_loop(loaded: Any, prompt_ids: Sequence[int], max_new_tokens: int, propose: Proposer,
                num_draft_tokens: int = 4, stop_at_eos: bool = True, stop: Stop = None,
                on_round: Callable[[SpeculativeRound], None] | None = None, room_limit: int | None = None
                ) -> SpeculativeResult:
    """Write up to `max_new_tokens` tokens: proposals from `propose`, checked by the main model."""
    if num_draft_tokens < 1:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Propose at least 1 draft token per round; got {value}."), {"value": num_draft_tokens}))
    ids, room = prepare_prompt(loaded, prompt_ids, max_new_tokens)
    if room_limit is not None:
        if room_limit - len(ids) < 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "The prompt fills the draft model's context of {limit} tokens."), {"limit": room_limit}))
        room = min(room, room_limit - len(ids))
    ends = eos_ids(loaded) if stop_at_eos else set()
    result = SpeculativeResult(ids)
    main = _CachedModel(loaded)
    started = time.perf_counter()
    text = list(ids)
    proposed: list[int] = []  # the prompt's own pass proposes nothing and gives the first token
    while len(result.token_ids) < room and not (result.token_ids and result.token_ids[-1] in ends):
        if is_stopped(stop):
            result.stopped = True
            break
        if result.token_ids:
            proposed = propose(text, min(num_draft_tokens, room - len(result.token_ids) - 1))
        choices = torch.argmax(main.logits_after(text, proposed), dim=-1).tolist()  # (len(proposed) + 1,)
        accepted = 0
        while accepted < len(proposed) and proposed[accepted] == choices[accepted]:
            accepted += 1
        main.cut_to(len(text) + accepted)  # the rejected proposals leave the cache
        record = SpeculativeRound(proposed, accepted, choices[accepted])
        result.rounds.append(record)
        for token in proposed[:accepted] + [choices[accepted]]:
            result.token_ids.append(token)
            text.append(token)
            if token in ends:
                break
        if on_round is not None:
            on_round(record)
    result.seconds = time.perf_counter() - started
    result.main_passes = main.passes
    return result


def speculative_decode(loaded: Any, draft: Any, prompt_ids: Sequence[int], max_new_tokens: int,
                       num_draft_tokens: int = 4, stop_at_eos: bool = True, stop: Stop = None,
                       on_round: Callable[[SpeculativeRound], None] | None = None) -> SpeculativeResult:
    """Greedy speculative decoding with `draft` (a LoadedModel sharing the tokenizer) proposing
    `num_draft_tokens` per round; the text equals `loaded`'s greedy text token for token. Raises
    GenerationError (a ValueError) for a draft with another tokenizer, and for bad settings."""
    _check_draft(loaded, draft)
    return verify_loop(loaded, prompt_ids, max_new_tokens, draft_proposer(draft), num_draft_tokens, stop_at_eos,
                       stop, on_round, room_limit=draft.context_length)


def prompt_lookup_decode(loaded: Any, prompt_ids: Sequence[int], max_new_tokens: int, num_draft_tokens: int = 4,
                         max_ngram_size: int = 3, stop_at_eos: bool = True, stop: Stop = None,
                         on_round: Callable[[SpeculativeRound], None] | None = None) -> SpeculativeResult:
    """Greedy decoding with proposals copied from the text itself (no draft model)."""
    return verify_loop(loaded, prompt_ids, max_new_tokens, lookup_proposer(max_ngram_size), num_draft_tokens,
                       stop_at_eos, stop, on_round)


def timed_greedy(loaded: Any, prompt_ids: Sequence[int], max_new_tokens: int, stop_at_eos: bool = True,
                 stop: Stop = None) -> GreedyTiming:
    """Plain greedy decoding with the KV cache, one pass per token, timed (the speed-up's baseline)."""
    ids, room = prepare_prompt(loaded, prompt_ids, max_new_tokens)
    ends = eos_ids(loaded) if stop_at_eos else set()
    main = _CachedModel(loaded)
    started = time.perf_counter()
    text, new = list(ids), []
    while len(new) < room and not (new and new[-1] in ends) and not is_stopped(stop):
        token = int(torch.argmax(main.logits_after(text)[-1]))
        new.append(token)
        text.append(token)
    return GreedyTiming(new, time.perf_counter() - started, main.passes)
