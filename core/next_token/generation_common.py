"""What every decoding loop of this package shares: the stop check, the end-of-text tokens, the
prompt's ids and the room left in the context, the error type, and readable text pieces."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.next_token.prediction import check_prompt_ids, require

Stop = threading.Event | Callable[[], bool] | None


class GenerationError(MessageError, ValueError):
    """A generation setting out of range, or no room left; `.message` is translatable."""


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


def prepare_prompt(loaded: Any, prompt: str | Sequence[int], max_new_tokens: int) -> tuple[list[int], int]:
    """(prompt ids, how many new tokens fit): at most `max_new_tokens`, less when the context is short.

    Raises PredictionError or GenerationError (ValueErrors) for a model without a next-token head, an
    empty or too long prompt, a prompt that fills the context, or max_new_tokens < 1."""
    from core.model.loading import NEXT_TOKEN

    require(loaded, NEXT_TOKEN)
    if max_new_tokens < 1:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Generate at least 1 new token; got {value}."), {"value": max_new_tokens}))
    ids = loaded.encode(prompt) if isinstance(prompt, str) and prompt else [int(i) for i in prompt]
    check_prompt_ids(loaded, ids)
    room = max_new_tokens
    if loaded.context_length:
        room = min(room, loaded.context_length - len(ids))
    if room < 1:
        raise GenerationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The prompt already fills {model}'s context of {limit} tokens."),
            {"model": loaded.name, "limit": loaded.context_length}))
    return ids, room


class TextPieces:
    """Turns token ids into text pieces, holding back bytes of an unfinished character."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.ids: list[int] = []
        self.shown = 0  # characters already handed out

    def add(self, token_id: int, last: bool = False) -> str:
        """The text `token_id` adds ('' while a multi-byte character is incomplete, unless `last`)."""
        self.ids.append(token_id)
        text = self.tokenizer.decode(self.ids, clean_up_tokenization_spaces=False)
        if text.endswith("\ufffd") and not last:
            return ""
        piece, self.shown = text[self.shown :], len(text)
        return piece
