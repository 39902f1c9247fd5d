"""The MLP non-linearities our GPT offers, by their Hugging Face names (a GPT-2 checkpoint's
`activation_function`, so exported checkpoints compute the same thing in transformers).

Torch-free, so settings screens can list them before torch is imported; `core.model.gpt`
builds the modules.
"""

from __future__ import annotations

import math

# GPT-2 uses the tanh approximation of GELU ("gelu_new"); nanoGPT the exact erf form ("gelu").
ACTIVATIONS = ("gelu", "gelu_new", "relu", "silu", "tanh")


def activation_value(name: str, x: float) -> float:
    """The activation `name` at one point x (for plotting the curve beside the choice)."""
    if name == "gelu":
        return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))
    if name == "gelu_new":
        return 0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    if name == "relu":
        return max(0.0, x)
    if name == "silu":
        return x / (1.0 + math.exp(-x))
    if name == "tanh":
        return math.tanh(x)
    raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")
