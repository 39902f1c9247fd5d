"""Model runs behind the Next-token tab: cached next-token logits, and fill-mask for masked LMs.

`NextTokenPredictor` runs a causal LM once per prompt and keeps the logits in an LRU cache, so
changing sampling settings (core.next_token.sampling) never re-runs the model. `fill_mask` asks a masked
LM (BERT, RoBERTa) for its guesses at every [MASK] in a text.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.next_token.sampling import Stage, sampling_stages
from core.next_token.settings import SamplingSettings
from core.tokenization.token_labels import token_label

MASK_SPELLINGS = ("[MASK]", "<mask>")


class PredictionError(MessageError, ValueError):
    """A prompt or model the prediction cannot use; `.message` is translatable, `str()` is English."""


def check_prompt_ids(loaded: Any, ids: Sequence[int]) -> None:
    """Raise PredictionError (a ValueError) for an empty prompt or one longer than the model's context."""
    if len(ids) == 0:
        raise PredictionError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The text is empty: type some text first.")))
    if loaded.context_length and len(ids) > loaded.context_length:
        raise PredictionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The prompt is {n} tokens long, but {model} reads at most {limit} tokens. "
                            "Shorten the prompt."),
            {"n": len(ids), "model": loaded.name, "limit": loaded.context_length}))


def require(loaded: Any, capability: str) -> None:
    """Raise PredictionError (a ValueError) saying why, if the model cannot do `capability`.

    The reason is the model's translatable `unavailable_reason` (or its `why_not` text)."""
    translatable = getattr(loaded, "unavailable_reason", None)
    reason = translatable(capability) if callable(translatable) else loaded.why_not(capability)
    if reason:
        raise PredictionError(reason)


class NextTokenPredictor:
    """Logits for the next token after a prompt, computed once per prompt and kept in an LRU cache."""

    def __init__(self, loaded: Any, cache_size: int = 32) -> None:
        from core.model.loading import NEXT_TOKEN

        require(loaded, NEXT_TOKEN)
        self.loaded = loaded
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[int, ...], torch.Tensor] = OrderedDict()

    def prompt_ids(self, prompt: str | Sequence[int]) -> list[int]:
        """Token ids of a prompt given as text or ids; raises ValueError if empty or too long."""
        if isinstance(prompt, str):
            ids = self.loaded.encode(prompt) if prompt else []
        else:
            ids = [int(i) for i in prompt]
        check_prompt_ids(self.loaded, ids)
        return ids

    def logits_for(self, prompt: str | Sequence[int]) -> torch.Tensor:
        """(V,) float32 logits for the token after `prompt` (a copy; the cache keeps its own)."""
        key = tuple(self.prompt_ids(prompt))
        if key in self._cache:
            self._cache.move_to_end(key)
        else:
            ids = torch.tensor([key], dtype=torch.long, device=self.loaded.device)  # (1, T)
            with torch.no_grad():
                logits = self.loaded.model(ids).logits  # (1, T, V)
            self._cache[key] = logits[0, -1].float().cpu()
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return self._cache[key].clone()

    def stages(self, prompt: str | Sequence[int], settings: SamplingSettings) -> list[Stage]:
        """All `Stage`s for the prompt's next token; the repetition penalty uses the prompt's ids."""
        settings.validate()
        return sampling_stages(self.logits_for(prompt), settings, previous_ids=self.prompt_ids(prompt))



@dataclass
class MaskGuess:
    """One candidate for a masked position: the token's text, a readable label and its probability."""

    token_id: int
    token: str
    label: str
    probability: float


def fill_mask(loaded: Any, text: str, top_k: int = 5) -> list[list[MaskGuess]]:
    """The top_k guesses for every mask in `text`, one list per mask, left to right.

    Both "[MASK]" and "<mask>" are accepted and replaced by the tokenizer's own mask token.
    Raises ValueError for a model that cannot fill masks, a text without a mask, or a text
    longer than the model's context.
    """
    from core.model.loading import FILL_MASK

    require(loaded, FILL_MASK)
    tokenizer = loaded.tokenizer
    mask = tokenizer.mask_token
    if mask is None:
        raise PredictionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The tokenizer of {model} has no mask token, so it cannot fill masks."),
            {"model": loaded.name}))
    for spelling in MASK_SPELLINGS:
        text = text.replace(spelling, mask)
    ids = loaded.encode(text) if text else []
    check_prompt_ids(loaded, ids)
    positions = [i for i, token in enumerate(ids) if token == tokenizer.mask_token_id]
    if not positions:
        raise PredictionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The text has no mask: write {mask} where the model should guess a word."),
            {"mask": mask}))
    with torch.no_grad():
        logits = loaded.model(torch.tensor([ids], device=loaded.device)).logits[0]  # (T, V)
    probs = torch.softmax(logits[positions].float().cpu(), dim=-1)  # (masks, V)
    top = torch.topk(probs, min(top_k, probs.shape[-1]), dim=-1)
    return [
        [
            MaskGuess(int(i), tokenizer.decode([int(i)]).strip(), token_label(tokenizer, int(i)), float(p))
            for p, i in zip(row_probs, row_ids)
        ]
        for row_probs, row_ids in zip(top.values, top.indices)
    ]
