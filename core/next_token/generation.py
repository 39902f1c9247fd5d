"""Writing text one token at a time: greedy, sampling, beam search and contrastive search.

`generate_tokens` is a generator of plain `GeneratedToken` records, so a GUI worker can show
each token as it arrives and stop between tokens (pass a `threading.Event` or a callable).

- greedy and sampling: a step-by-step decode loop with the model's KV cache. Each step uses
  `core.next_token.sampling` (the very pipeline the Next-token tab shows), so the seeded draws are the
  ones the view marks on its cumulative bar. Greedy matches transformers' `generate`.
- beam search: transformers' `generate(num_beams=...)`. Beam search only knows its best
  sequence at the end (and transformers refuses a streamer with beams), so its tokens are
  yielded after the search finishes.
- contrastive search: transformers 5 moved it to a hub repository that runs downloaded code
  (trust_remote_code), which LM Anatomy never allows, so `contrastive_search_step` below is
  our own short version of Su et al. (2022).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import StoppingCriteria, StoppingCriteriaList

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.next_token.prediction import check_prompt_ids, require
from core.next_token.sampling import draw_at, final_distribution
from core.next_token.settings import SamplingSettings

STRATEGIES = ("greedy", "sample", "beam", "contrastive")
Stop = threading.Event | Callable[[], bool] | None


class GenerationError(MessageError, ValueError):
    """A generation setting out of range, or no room left; `.message` is translatable."""


@dataclass
class GenerationSettings:
    """How to continue a prompt.

    strategy: "greedy", "sample", "beam" or "contrastive".
    sampling: temperature/top-k/top-p/min-p/seed for "sample"; its repetition_penalty applies to
    every strategy (to the prompt and the tokens written so far).
    penalty_alpha, contrastive_top_k: contrastive search's degeneration weight and candidates.
    """

    strategy: str = "greedy"
    max_new_tokens: int = 30
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    num_beams: int = 4
    penalty_alpha: float = 0.6
    contrastive_top_k: int = 4
    stop_at_eos: bool = True

    def validate(self) -> None:
        """Raise GenerationError (a ValueError) with a message for the user if a setting is out of range."""
        if self.strategy not in STRATEGIES:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Unknown strategy {value}; choose one of {choices}."),
                {"value": repr(self.strategy), "choices": ", ".join(STRATEGIES)}))
        if self.max_new_tokens < 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Generate at least 1 new token; got {value}."), {"value": self.max_new_tokens}))
        if self.num_beams < 1:
            raise GenerationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Beam search needs at least 1 beam; got {value}."), {"value": self.num_beams}))
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
    temperature and filters; 1.0 for greedy).
    """

    step: int
    token_id: int
    text: str
    probability: float
    final_probability: float


def is_stopped(stop: Stop) -> bool:
    """True once `stop` (an Event or a callable returning bool) asks to stop."""
    if stop is None:
        return False
    if isinstance(stop, threading.Event):
        return stop.is_set()
    return bool(stop())


def eos_ids(loaded: Any) -> set[int]:
    """Token ids that end a text for this model (from its generation config or tokenizer)."""
    value = getattr(getattr(loaded.model, "generation_config", None), "eos_token_id", None)
    if value is None:
        value = loaded.tokenizer.eos_token_id
    if value is None:
        return set()
    return {int(v) for v in value} if isinstance(value, (list, tuple)) else {int(value)}


class _TextPieces:
    """Turns token ids into text pieces, holding back bytes of an unfinished character."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.ids: list[int] = []
        self.shown = 0  # characters already handed out

    def add(self, token_id: int, last: bool = False) -> str:
        self.ids.append(token_id)
        text = self.tokenizer.decode(self.ids, clean_up_tokenization_spaces=False)
        if text.endswith("\ufffd") and not last:
            return ""
        piece, self.shown = text[self.shown :], len(text)
        return piece


def generate_tokens(
    loaded: Any, prompt: str | Sequence[int], settings: GenerationSettings, stop: Stop = None
) -> Iterator[GeneratedToken]:
    """Continue `prompt`, yielding one `GeneratedToken` at a time.

    Stops after `settings.max_new_tokens`, at the model's end-of-text token (if stop_at_eos),
    when the context is full, or as soon as `stop` is set (checked before every token).
    Raises ValueError for a model without a next-token head, an empty or too long prompt, or a
    bad setting.
    """
    from core.model.loading import NEXT_TOKEN

    require(loaded, NEXT_TOKEN)
    settings.validate()
    ids = loaded.encode(prompt) if isinstance(prompt, str) and prompt else [int(i) for i in prompt]
    check_prompt_ids(loaded, ids)
    room = settings.max_new_tokens
    if loaded.context_length:
        room = min(room, loaded.context_length - len(ids))
    if room < 1:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The prompt already fills {model}'s context of {limit} tokens."),
            {"model": loaded.name, "limit": loaded.context_length}))
    if is_stopped(stop):
        return
    if settings.strategy == "beam":
        yield from _beam_search(loaded, ids, settings, room, stop)
        return
    pieces = _TextPieces(loaded.tokenizer)
    ends = eos_ids(loaded) if settings.stop_at_eos else set()
    steps = _contrastive_steps if settings.strategy == "contrastive" else _decode_steps
    for step, (token, probability, final) in enumerate(steps(loaded, ids, settings, room)):
        last = step == room - 1 or token in ends
        yield GeneratedToken(step, token, pieces.add(token, last), probability, final)
        if last or is_stopped(stop):
            return


def _next_logits(model: Any, ids: torch.Tensor, cache: Any) -> tuple[torch.Tensor, Any]:
    """One forward pass on new ids (1, t) with the KV cache; returns (V,) float32 logits, cache."""
    with torch.no_grad():
        output = model(ids, past_key_values=cache, use_cache=True)
    return output.logits[0, -1].float().cpu(), output.past_key_values


def _decode_steps(
    loaded: Any, ids: list[int], settings: GenerationSettings, room: int
) -> Iterator[tuple[int, float, float]]:
    """Greedy or sampled tokens as (token id, model probability, final probability)."""
    s = settings.sampling
    greedy = settings.strategy == "greedy"
    rng = random.Random(s.seed)  # the first u equals core.next_token.sampling.sample(distribution, seed).u
    history = list(ids)
    logits, cache = _next_logits(loaded.model, torch.tensor([ids], device=loaded.device), None)
    for step in range(room):
        if greedy:
            final = final_distribution(logits, 0.0, repetition_penalty=s.repetition_penalty, previous_ids=history)
            token = int(torch.argmax(final))
        else:
            final = final_distribution(
                logits, s.temperature, s.top_k, s.top_p, s.min_p, s.order, s.repetition_penalty, history
            )
            token = draw_at(final, rng.random()).token_id
        yield token, float(torch.softmax(logits, -1)[token]), float(final[token])
        history.append(token)
        if step < room - 1:
            logits, cache = _next_logits(loaded.model, torch.tensor([[token]], device=loaded.device), cache)


def contrastive_search_step(
    model: Any, context: torch.Tensor, probs: torch.Tensor, alpha: float, top_k: int
) -> tuple[int, torch.Tensor]:
    """Pick the next token by contrastive search.

    context: (1, T) ids so far; probs: (V,) next-token distribution. Each of the top_k most
    likely candidates v scores (1 - alpha) * p(v) - alpha * max_j cos(h_v, h_j), where h are
    last-layer hidden states and j runs over the context: a likely token whose representation
    does not repeat the context wins. Returns (chosen index into the candidates' batch row,
    model output logits (top_k, T + 1, V)) so the caller can continue from the chosen row.
    """
    top_probs, candidates = torch.topk(probs, top_k)  # (k,), (k,)
    device = context.device
    batch = torch.cat([context.expand(top_k, -1), candidates.to(device)[:, None]], dim=1)  # (k, T+1)
    with torch.no_grad():
        output = model(batch, output_hidden_states=True)
    hidden = output.hidden_states[-1].float().cpu()  # (k, T+1, d)
    candidate_h = torch.nn.functional.normalize(hidden[:, -1], dim=-1)  # (k, d)
    context_h = torch.nn.functional.normalize(hidden[0, :-1], dim=-1)  # (T, d), same in every row
    degeneration = (candidate_h @ context_h.T).max(dim=-1).values  # (k,)
    scores = (1 - alpha) * top_probs - alpha * degeneration  # (k,)
    return int(torch.argmax(scores)), output.logits


def _contrastive_steps(
    loaded: Any, ids: list[int], settings: GenerationSettings, room: int
) -> Iterator[tuple[int, float, float]]:
    """Contrastive search tokens as (token id, model probability, penalised probability)."""
    context = torch.tensor([ids], device=loaded.device)  # (1, T)
    with torch.no_grad():
        logits = loaded.model(context).logits[0, -1].float().cpu()
    k = min(settings.contrastive_top_k, logits.shape[-1])
    for _ in range(room):
        probs = final_distribution(
            logits, repetition_penalty=settings.sampling.repetition_penalty, previous_ids=context[0].tolist()
        )
        best, batch_logits = contrastive_search_step(loaded.model, context, probs, settings.penalty_alpha, k)
        token = int(torch.topk(probs, k).indices[best])
        yield token, float(torch.softmax(logits, -1)[token]), float(probs[token])
        context = torch.cat([context, torch.tensor([[token]], device=context.device)], dim=1)
        logits = batch_logits[best, -1].float().cpu()


class _StopCriterion(StoppingCriteria):
    """A transformers stopping criterion that ends `generate` when `stop` is set."""

    def __init__(self, stop: Stop) -> None:
        self.stop = stop

    def __call__(self, input_ids: torch.Tensor, scores: Any, **kwargs: Any) -> torch.Tensor:
        return torch.full((input_ids.shape[0],), is_stopped(self.stop), dtype=torch.bool, device=input_ids.device)


def _beam_search(
    loaded: Any, ids: list[int], settings: GenerationSettings, room: int, stop: Stop
) -> Iterator[GeneratedToken]:
    """Run transformers' beam search, then yield the best beam's tokens with their probabilities."""
    ends = eos_ids(loaded)
    prompt = torch.tensor([ids], device=loaded.device)
    with torch.no_grad():
        output = loaded.model.generate(
            prompt,
            attention_mask=torch.ones_like(prompt),
            do_sample=False,
            num_beams=settings.num_beams,
            max_new_tokens=room,
            repetition_penalty=settings.sampling.repetition_penalty,
            stopping_criteria=StoppingCriteriaList([_StopCriterion(stop)]),
            pad_token_id=min(ends) if ends else 0,
            eos_token_id=sorted(ends) if settings.stop_at_eos and ends else None,
        )
        sequence = output[0]  # (T + new,)
        logits = loaded.model(sequence[None]).logits[0].float().cpu()  # (T + new, V)
    new = sequence[len(ids) :].tolist()
    if settings.stop_at_eos:
        for i, token in enumerate(new):
            if token in ends:
                new = new[: i + 1]
                break
    probs = torch.softmax(logits, -1)
    pieces = _TextPieces(loaded.tokenizer)
    for step, token in enumerate(new):
        probability = float(probs[len(ids) - 1 + step, token])
        yield GeneratedToken(step, token, pieces.add(token, step == len(new) - 1), probability, probability)
