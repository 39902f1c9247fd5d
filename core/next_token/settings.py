"""The settings that shape a next-token distribution, and their checks; no torch needed.

Kept apart from `core.next_token.sampling` (which imports torch) so the GUI can build, restore and check
settings before the first paint, when torch is not imported yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

ORDERS = ("hf", "llamacpp")


class SamplingError(MessageError, ValueError):
    """A sampling setting out of range; its `.message` is translatable, `str()` is English."""


@dataclass
class SamplingSettings:
    """Everything that shapes the next-token distribution. The defaults change nothing.

    temperature: 0 means greedy (always the most likely token); 1 leaves logits as they are.
    top_k: keep the k most likely tokens; 0 means off.
    top_p: keep the smallest set of most likely tokens whose mass reaches p; 1.0 means off.
    min_p: keep tokens with probability >= min_p * (probability of the top token); 0 means off.
    repetition_penalty: > 1 discourages tokens already in the prompt; 1.0 means off.
    order: "hf" (temperature first, as transformers) or "llamacpp" (temperature last).
    seed: seed for the random draw; None draws fresh randomness.
    """

    temperature: float = 1.0
    top_k: int = 0
    top_p: float = 1.0
    min_p: float = 0.0
    repetition_penalty: float = 1.0
    order: str = "hf"
    seed: int | None = 0

    def validate(self) -> None:
        """Raise SamplingError (a ValueError) with a message for the user if any setting is out of range."""
        check_settings(self.temperature, self.top_k, self.top_p, self.min_p, self.repetition_penalty, self.order)


def check_settings(
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    min_p: float = 0.0,
    repetition_penalty: float = 1.0,
    order: str = "hf",
) -> None:
    """Raise SamplingError (a ValueError) with a clear message for an out-of-range sampling setting."""
    if not temperature >= 0:  # also catches NaN
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Temperature must be 0 or more (0 always picks the most likely token); got {value}."),
            {"value": temperature}))
    if int(top_k) != top_k or top_k < 0:
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Top-k must be a whole number, 0 or more (0 turns it off); got {value}."),
            {"value": top_k}))
    if not 0 < top_p <= 1:
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Top-p must be more than 0 and at most 1 (1 turns it off); got {value}."),
            {"value": top_p}))
    if not 0 <= min_p <= 1:
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Min-p must be between 0 and 1 (0 turns it off); got {value}."), {"value": min_p}))
    if not repetition_penalty > 0:
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The repetition penalty must be more than 0 (1 turns it off); got {value}."),
            {"value": repetition_penalty}))
    if order not in ORDERS:
        raise SamplingError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The order must be one of {choices}; got {value}."),
            {"choices": ", ".join(ORDERS), "value": repr(order)}))
