"""Attention maps: the Qt-free core of the Attention tab's heatmaps.

`attention_maps(loaded, text)` runs the model once with eager attention and returns every
map: `weights[layer, head, i, j]` is how much token i (the query, a row) looks at token j
(the key, a column); each row sums to 1. `core.attention.recipe.explain_weight` rebuilds one
of those weights by hand.

Memory rule: the maps take layers * heads * T * T numbers. When those would need more than
`FLOAT16_ABOVE_BYTES` (256 MiB) as float32, they are stored as float16 instead and the result
says so (`reduced_precision=True`). GPT-2 small at its full 1024 tokens is 604 MiB in float32,
302 MiB in float16.

Text a user reads (errors) is made of `core.messages.Message` values: `str()` gives English for
notebooks and the CLI, and the GUI shows them in the current language (`gui.common.core_text.localized`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.loading import CAUSAL_LM, AttentionUnavailableError, LoadedModel
from core.tokenization.token_labels import token_labels

FLOAT16_ABOVE_BYTES = 256 * 2**20


class AttentionInputError(MessageError, ValueError):
    """The text or an index cannot be shown (empty, too long, out of range). `str()` says why."""


# ----------------------------------------------------------------------------- special tokens

def special_token_mask(tokenizer: Any, ids: list[int]) -> list[bool]:
    """(T,) True where a token is a marker the model adds ([CLS], [SEP], <s>, </s>, BOS/EOS, padding).

    [UNK] and [MASK] stand for words of the text, so they count as ordinary tokens
    (unless the tokenizer also uses them as BOS/EOS, as tiny GPT-2 tokenizers do).
    """
    markers = {getattr(tokenizer, f"{name}_token_id", None) for name in ("bos", "eos", "cls", "sep", "pad")}
    words = {tokenizer.unk_token_id, getattr(tokenizer, "mask_token_id", None)} - markers
    special = set(tokenizer.all_special_ids) - words
    return [i in special for i in ids]


# ----------------------------------------------------------------------------- the maps

@dataclass(eq=False)
class AttentionMaps:
    """Every attention map of one text.

    weights: (layers, heads, T, T); weights[l, h, i, j] is how much query token i attends to key
    token j in layer l, head h. float32, or float16 when `reduced_precision` (see the module doc).
    tokens, token_ids, special, positions: one entry per shown token (T). `positions` gives each
    shown token's index in the model's input, so indices can be passed on to `explain_weight`.
    renormalized: True when this is a display transformation (special tokens hidden, rows
    rescaled to sum to 1), not the model's raw weights.
    """

    tokens: list[str]
    token_ids: list[int]
    weights: np.ndarray
    is_causal: bool
    special: list[bool]
    positions: list[int]
    renormalized: bool = False
    reduced_precision: bool = False
    model_name: str = ""

    @property
    def n_layers(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_heads(self) -> int:
        return int(self.weights.shape[1])

    @property
    def n_tokens(self) -> int:
        return int(self.weights.shape[2])

    def without_special_tokens(self) -> AttentionMaps:
        """Hide special tokens: drop their rows and columns and rescale each row to sum to 1.

        A display transformation: the result has `renormalized=True`. Rows whose remaining
        weights are all 0 stay 0. Returns `self` when there is nothing to hide.
        """
        keep = [k for k, is_special in enumerate(self.special) if not is_special]
        if len(keep) == len(self.special):
            return self
        if not keep:
            raise AttentionInputError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "The text has only special tokens; hiding them would leave nothing to show.")))
        index = np.asarray(keep)
        sub = self.weights[:, :, index[:, None], index[None, :]].astype(np.float32)  # (L, H, K, K)
        sums = sub.sum(axis=-1, keepdims=True)  # (L, H, K, 1)
        rescaled = np.divide(sub, sums, out=np.zeros_like(sub), where=sums > 0)
        return replace(
            self,
            tokens=[self.tokens[k] for k in keep],
            token_ids=[self.token_ids[k] for k in keep],
            weights=rescaled.astype(self.weights.dtype),
            special=[False] * len(keep),
            positions=[self.positions[k] for k in keep],
            renormalized=True,
        )


def max_tokens(loaded: LoadedModel) -> int | None:
    """The longest input in tokens, or None when the model sets no limit.

    `LoadedModel.context_length` already discounts RoBERTa's padding offset.
    """
    return loaded.context_length


def encode_for_attention(loaded: LoadedModel, text: str) -> list[int]:
    """Token ids of `text` with the model's special tokens; AttentionInputError (a ValueError) for empty
    or too-long text."""
    ids = loaded.encode(text) if text else []
    if not ids or (not text.strip() and all(special_token_mask(loaded.tokenizer, ids))):
        raise AttentionInputError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "There is no text to look at: type a sentence first.")))
    limit = max_tokens(loaded)
    if limit and len(ids) > limit:
        raise AttentionInputError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The text is {tokens} tokens long, but {model} reads at most {limit} tokens at a time. "
            "Shorten it by {extra} tokens."),
            {"tokens": len(ids), "model": loaded.name, "limit": limit, "extra": len(ids) - limit}))
    return ids


def is_causal_model(loaded: LoadedModel) -> bool:
    """True when each token sees only itself and earlier tokens (GPT-style), so j > i is always 0."""
    if loaded.kind == CAUSAL_LM or getattr(loaded.model.config, "is_decoder", False):
        return True
    return any(getattr(m, "is_causal", False) is True for m in loaded.model.modules()
               if type(m).__name__.endswith("Attention"))


def stored_dtype(layers: int, heads: int, n_tokens: int, float16_above_bytes: int = FLOAT16_ABOVE_BYTES) -> type:
    """np.float16 when layers * heads * T * T float32 numbers exceed `float16_above_bytes`, else np.float32."""
    return np.float16 if layers * heads * n_tokens * n_tokens * 4 > float16_above_bytes else np.float32


def attention_maps(loaded: LoadedModel, text: str, float16_above_bytes: int = FLOAT16_ABOVE_BYTES) -> AttentionMaps:
    """All attention maps of `text` from one eager forward pass; see `AttentionMaps` for shapes."""
    import torch

    ids = encode_for_attention(loaded, text)
    base = getattr(loaded.model, "base_model", loaded.model)  # no LM head: its logits are not needed
    with torch.no_grad(), loaded.eager_attention():
        output = base(torch.tensor([ids], dtype=torch.long, device=loaded.device), output_attentions=True)
    maps = list(getattr(output, "attentions", None) or ())
    del output
    expected = loaded.n_layers or len(maps)
    if not maps or len(maps) != expected or any(m is None for m in maps):
        raise AttentionUnavailableError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{model} returned {maps} attention maps for {layers} layers."),
            {"model": loaded.name, "maps": sum(m is not None for m in maps), "layers": expected}))
    n_heads, n_tokens = int(maps[0].shape[1]), len(ids)
    dtype = stored_dtype(len(maps), n_heads, n_tokens, float16_above_bytes)
    weights = np.empty((len(maps), n_heads, n_tokens, n_tokens), dtype=dtype)  # (L, H, T, T)
    torch_dtype = torch.float16 if dtype is np.float16 else torch.float32
    for layer in range(len(maps)):  # convert one layer at a time, releasing each as we go
        weights[layer] = maps[layer][0].to(torch_dtype).cpu().numpy()
        maps[layer] = None
    return AttentionMaps(
        tokens=token_labels(loaded.tokenizer, ids),
        token_ids=ids,
        weights=weights,
        is_causal=is_causal_model(loaded),
        special=special_token_mask(loaded.tokenizer, ids),
        positions=list(range(n_tokens)),
        reduced_precision=dtype is np.float16,
        model_name=loaded.name,
    )


# ----------------------------------------------------------------------------- aggregates

def aggregate(weights: np.ndarray, over: str, how: str = "mean") -> np.ndarray:
    """Combine maps (L, H, T, T) as float32.

    over="heads" -> (L, T, T); over="layers" -> (H, T, T); over="all" -> (T, T).
    how="mean" keeps rows summing to 1; how="max" shows the strongest weight anywhere (rows do not sum to 1).
    """
    axes = {"heads": 1, "layers": 0, "all": (0, 1)}[over]
    if how == "mean":
        return weights.mean(axis=axes, dtype=np.float32)
    if how == "max":
        return weights.max(axis=axes).astype(np.float32)
    raise AttentionInputError(Message(QT_TRANSLATE_NOOP("CoreMessages", "how must be 'mean' or 'max', not {how}."),
                                      {"how": repr(how)}))


def mean_over_heads(weights: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (L, T, T): each layer's heads averaged."""
    return aggregate(weights, "heads", "mean")


def max_over_heads(weights: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (L, T, T): each layer's strongest head per cell."""
    return aggregate(weights, "heads", "max")


def mean_over_layers(weights: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (H, T, T): head h averaged over all layers."""
    return aggregate(weights, "layers", "mean")


def max_over_layers(weights: np.ndarray) -> np.ndarray:
    """(L, H, T, T) -> (H, T, T): head h's strongest layer per cell."""
    return aggregate(weights, "layers", "max")


@dataclass(frozen=True)
class AttendedToken:
    """One key token seen from a query: its index in the map, its label and its weight."""

    position: int
    label: str
    weight: float


def top_attended(maps: AttentionMaps, layer: int, head: int | None, query: int,
                 k: int | None = None) -> list[AttendedToken]:
    """The key tokens query token `query` attends to in (layer, head), heaviest first (ties: earlier first).

    head=None averages the layer's heads. Causal models list only keys 0..query (later ones are 0).
    """
    if head is None:
        row = maps.weights[layer, :, query].mean(axis=0, dtype=np.float32)  # (T,)
    else:
        row = maps.weights[layer, head, query]  # (T,)
    last = query + 1 if maps.is_causal else maps.n_tokens
    order = sorted(range(last), key=lambda j: (-float(row[j]), j))
    return [AttendedToken(j, maps.tokens[j], float(row[j])) for j in order[:k]]
