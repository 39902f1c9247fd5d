"""One forward pass of a causal LM with its key/value cache, whatever the transformers 5.x version calls it.

transformers 5 renamed the cache argument of `forward` (and the field of its outputs) from
`past_key_values` to `cache`; the old name still works for a while but warns on every call.
`forward_step` passes the cache under the name the loaded model's `forward` declares, and reads it
back from the field its output has, so the decoding loops of this package never see the difference.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from typing import Any

import torch


@lru_cache(maxsize=32)
def _cache_keyword(forward_type: type, forward_name: str) -> str:
    """"cache" when the model class's forward takes `cache`, else "past_key_values" (older 5.x)."""
    forward = getattr(forward_type, forward_name)
    try:
        parameters = inspect.signature(forward).parameters
    except (TypeError, ValueError):
        return "past_key_values"
    return "cache" if "cache" in parameters else "past_key_values"


def cache_keyword(model: Any) -> str:
    """The name under which `model.forward` takes the key/value cache."""
    return _cache_keyword(type(model), "forward")


def output_cache(output: Any) -> Any:
    """The key/value cache a model output carries (`cache`, or `past_key_values` before the rename)."""
    names = getattr(output, "__dataclass_fields__", {})
    return getattr(output, "cache" if "cache" in names else "past_key_values", None)


def forward_step(model: Any, ids: torch.Tensor, cache: Any = None, **kwargs: Any) -> tuple[torch.Tensor, Any]:
    """Run `model` on new ids (B, t) after what `cache` holds (None: nothing yet).

    Returns (logits (B, t, V) float32 on the CPU, the updated cache). Extra keyword arguments go to
    the model (e.g. output_hidden_states=True)."""
    with torch.no_grad():
        output = model(ids, use_cache=True, **{cache_keyword(model): cache}, **kwargs)
    return output.logits.float().cpu(), output_cache(output)


def forward_output(model: Any, ids: torch.Tensor, cache: Any = None, **kwargs: Any) -> tuple[Any, Any]:
    """Like `forward_step`, but returns (the model's whole output, its cache), for hidden states."""
    with torch.no_grad():
        output = model(ids, use_cache=True, **{cache_keyword(model): cache}, **kwargs)
    return output, output_cache(output)
