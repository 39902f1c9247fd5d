"""How one attention weight is computed, worked out by hand: the explanation panel of the Attention tab.

`explain_weight(loaded, text, layer, head, i, j)` rebuilds `weights[layer, head, i, j]` (see
core.attention.maps) by hand for GPT-2, BERT and RoBERTa, next to the model's own value:

    score_j = (q_i · k_j) / sqrt(d_head)         one number per key j
    score_j = -inf  where j is masked            (a later token, in a causal model)
    weight_ij = exp(score_j) / sum_j' exp(score_j')

The recipe of q and k, the mask note and the names of the steps are `core.messages.Message`
values: `str()` gives English for notebooks and the CLI, and the GUI shows them in the current
language (`gui.common.core_text.localized`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from core.attention.maps import AttentionInputError, encode_for_attention, is_causal_model
from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.loading import AttentionUnavailableError, LoadedModel
from core.tokenization.token_labels import token_labels

REPRODUCE_TOLERANCE = 1e-4  # an explanation further than this from the model's weight is refused


class ExplanationUnavailable(MessageError, RuntimeError):
    """The step-by-step view of one weight is not available for this model. `str()` says why (in English);
    `.message` is the translatable `Message`."""


@dataclass(frozen=True)
class WeightStep:
    """One row of the "how one weight is computed" table: what is computed and its value.

    value: a float, a (d_head,) vector (q or k), or a Message (masked or not). `digits` is how many
    decimals a reader needs; `scientific` asks for 1.2e-07 style (tiny differences). `result` marks
    the weight itself, the answer of the recipe.
    """

    label: Message
    value: Any
    digits: int = 4
    scientific: bool = False
    result: bool = False


@dataclass(eq=False)
class WeightExplanation:
    """How weights[layer, head, query, key] comes about. Indices are into the full input (with specials).

    q, k: (d_head,) the query vector of token `query` and the key vector of token `key` in this head.
    recipe: how q and k are made, one Message per step (`str()` gives the English sentence).
    mask_note: a Message on what the mask hides in this row.
    row_scores: (T,) scaled scores q·k_j * scale for every key j, -inf where masked.
    row_weights: (T,) softmax of row_scores; `weight` = row_weights[key].
    model_row: (T,) the model's own weights for this row, from the same eager pass.
    """

    layer: int
    head: int
    query: int
    key: int
    tokens: list[str]
    family: str
    recipe: list[Message]
    d_head: int
    q: np.ndarray
    k: np.ndarray
    dot: float
    scale: float
    scaled_score: float
    masked: bool
    mask_note: Message
    is_causal: bool
    row_scores: np.ndarray
    row_weights: np.ndarray
    weight: float
    model_row: np.ndarray
    model_weight: float

    @property
    def error(self) -> float:
        """|our weight - the model's weight|."""
        return abs(self.weight - self.model_weight)

    def steps(self) -> list[WeightStep]:
        """The computation of this weight as rows (label, value): q, k, q·k, scale, score, mask, softmax, model."""
        query, key = self.tokens[self.query], self.tokens[self.key]
        if np.isclose(self.scale, self.d_head ** -0.5):
            scale = Message(QT_TRANSLATE_NOOP("CoreMessages", "× scale 1/√d_head = 1/√{d_head}"),
                            {"d_head": self.d_head})
        else:
            scale = Message(QT_TRANSLATE_NOOP("CoreMessages", "× scale"))
        mask = (Message(QT_TRANSLATE_NOOP("CoreMessages", "causal mask")) if self.is_causal
                else Message(QT_TRANSLATE_NOOP("CoreMessages", "mask")))
        masked = (Message(QT_TRANSLATE_NOOP("CoreMessages", "masked: score −∞, weight 0")) if self.masked
                  else Message(QT_TRANSLATE_NOOP("CoreMessages", "not masked")))
        return [
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "q, query of “{token}”"), {"token": query}),
                       self.q, 3),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "k, key of “{token}”"), {"token": key}),
                       self.k, 3),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "q · k (multiply pairwise, add up)")), self.dot),
            WeightStep(scale, self.scale),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "score = q · k × scale")), self.scaled_score),
            WeightStep(mask, masked),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "softmax over the row (this recipe)")),
                       self.weight, 6, result=True),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "the model's own weight")), self.model_weight, 6),
            WeightStep(Message(QT_TRANSLATE_NOOP("CoreMessages", "difference from the model's weight")),
                       self.error, 1, scientific=True),
        ]


def _family(loaded: LoadedModel) -> str:
    """"GPT-2", "BERT" or "RoBERTa"; ExplanationUnavailable for anything else or non-default variants."""
    from transformers import BertModel, GPT2Model, RobertaModel

    base = getattr(loaded.model, "base_model", loaded.model)
    for family, cls in (("GPT-2", GPT2Model), ("BERT", BertModel), ("RoBERTa", RobertaModel)):
        if isinstance(base, cls):
            return family
    raise ExplanationUnavailable(Message(QT_TRANSLATE_NOOP(
        "CoreMessages", "The step-by-step view of one weight is not available for {architecture} models: "
        "LM Anatomy knows the exact recipe only for GPT-2, BERT and RoBERTa. "
        "The attention maps themselves are still the model's own."),
        {"architecture": loaded.architecture or type(base).__name__}))


def _attention_module(loaded: LoadedModel, family: str, layer: int) -> Any:
    """The self-attention module of `layer` whose input and weights the explanation uses."""
    base = getattr(loaded.model, "base_model", loaded.model)
    return base.h[layer].attn if family == "GPT-2" else base.encoder.layer[layer].attention.self


def _scale_and_recipe(loaded: LoadedModel, family: str, layer: int, d_head: int) -> tuple[float, list[Message]]:
    """The number multiplying q·k, and the steps that produce q and k, in words."""
    config = loaded.model.config
    sizes = {"layer": layer, "width": d_head * loaded.n_heads, "triple": 3 * d_head * loaded.n_heads,
             "heads": loaded.n_heads, "d_head": d_head}
    if family == "GPT-2":
        scale = d_head**-0.5 if config.scale_attn_weights else 1.0
        recipe = [
            Message(QT_TRANSLATE_NOOP("CoreMessages", "take the hidden state entering block {layer} and apply its "
                                      "layer norm ln_1 ({width} numbers per token)"), sizes),
            Message(QT_TRANSLATE_NOOP("CoreMessages", "c_attn multiplies it by a {width}×{triple} matrix and adds "
                                      "a bias: {triple} numbers per token"), sizes),
            Message(QT_TRANSLATE_NOOP("CoreMessages", "split them into q, k and v ({width} each), then each into "
                                      "{heads} heads of {d_head}"), sizes),
        ]
        if not config.scale_attn_weights:
            recipe.append(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "this model does not divide scores by sqrt(d_head) (scale_attn_weights=False)")))
        if config.scale_attn_by_inverse_layer_idx:
            scale /= layer + 1
            recipe.append(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "this model also divides scores by layer number + 1 = {divisor}"),
                {"divisor": layer + 1}))
        if config.reorder_and_upcast_attn:
            recipe.append(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "this model computes the scores in float32 (reorder_and_upcast_attn); the math is "
                "the same")))
        return scale, recipe
    if layer == 0:
        entering = Message(QT_TRANSLATE_NOOP("CoreMessages", "take the hidden state entering layer {layer} ({width} "
                                             "numbers per token; the embeddings for layer 0)"), sizes)
    else:
        entering = Message(QT_TRANSLATE_NOOP("CoreMessages", "take the hidden state entering layer {layer} ({width} "
                                             "numbers per token; the output of layer {previous})"),
                           {**sizes, "previous": layer - 1})
    return d_head**-0.5, [
        entering,
        Message(QT_TRANSLATE_NOOP("CoreMessages", "the query and key Linear layers each multiply it by a "
                                  "{width}×{width} matrix and add a bias"), sizes),
        Message(QT_TRANSLATE_NOOP("CoreMessages", "split q and k into {heads} heads of {d_head} numbers"), sizes),
    ]


INDEX_NAMES = {"layer": QT_TRANSLATE_NOOP("CoreMessages", "layer"), "head": QT_TRANSLATE_NOOP("CoreMessages", "head"),
               "query": QT_TRANSLATE_NOOP("CoreMessages", "query token"),
               "key": QT_TRANSLATE_NOOP("CoreMessages", "key token")}


def _check_indices(loaded: LoadedModel, n_tokens: int, layer: int, head: int, i: int, j: int) -> None:
    """AttentionInputError (a ValueError) naming the first index out of range."""
    for name, value, size in (("layer", layer, loaded.n_layers), ("head", head, loaded.n_heads),
                              ("query", i, n_tokens), ("key", j, n_tokens)):
        if not 0 <= value < size:
            raise AttentionInputError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "{name} {value} is out of range: this model and text have {size} (0 to {last})."),
                {"name": Message(INDEX_NAMES[name]), "value": value, "size": size, "last": size - 1}))


def _allowed_keys(mask: Any, head: int, i: int, n_tokens: int, causal: bool) -> np.ndarray:
    """(T,) bool: which keys query i may attend to, from the model's own mask and the causal rule."""
    import torch

    allowed = np.ones(n_tokens, dtype=bool)
    if mask is not None:
        row = mask[0, head if mask.shape[1] > 1 else 0, i].cpu()  # (T,)
        if row.dtype == torch.bool:
            allowed &= row.numpy()
        else:
            blocked = row <= torch.finfo(row.dtype).min / 2
            if not torch.all(blocked | (row == 0)):
                raise ExplanationUnavailable(Message(QT_TRANSLATE_NOOP(
                    "CoreMessages", "This model adds position biases to its scores; the step-by-step view shows "
                    "plain dot-product attention only.")))
            allowed &= ~blocked.numpy()
    if causal:
        allowed &= np.arange(n_tokens) <= i
    return allowed


def _mask_note(name: str, causal: bool, allowed: np.ndarray, i: int) -> Message:
    """What the mask hides in query i's row, in words."""
    if causal:
        return Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{model} is causal: token {query} may look only at tokens 0 to {query}. Later keys get "
            "score -inf, so their weight is exactly 0."), {"model": name, "query": i})
    if allowed.all():
        return Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Every token may look at every other token, before and after; there is no padding to "
            "hide."))
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "Padding is hidden: {count} keys get score -inf and weight 0."),
                   {"count": int((~allowed).sum())})


def explain_weight(loaded: LoadedModel, text: str, layer: int, head: int, i: int, j: int) -> WeightExplanation:
    """Rebuild weights[layer, head, i, j] of `text` by hand, next to the model's own value.

    Indices count the full input, special tokens included. Raises ExplanationUnavailable for
    architectures other than GPT-2/BERT/RoBERTa, and AttentionInputError (a ValueError) for bad
    text or indices.
    """
    import torch

    family = _family(loaded)
    ids = encode_for_attention(loaded, text)
    _check_indices(loaded, len(ids), layer, head, i, j)
    module = _attention_module(loaded, family, layer)
    captured: dict[str, Any] = {}

    def capture(_module: Any, args: tuple, kwargs: dict, output: Any) -> None:
        captured["x"] = args[0] if args else kwargs["hidden_states"]  # (1, T, E): the input q and k are made from
        captured["mask"] = kwargs.get("attention_mask")  # (1, 1 or H, T, T) or None
        captured["weights"] = output[1]  # (1, H, T, T)

    hook = module.register_forward_hook(capture, with_kwargs=True)
    try:
        with torch.no_grad(), loaded.eager_attention():
            base = getattr(loaded.model, "base_model", loaded.model)
            base(torch.tensor([ids], dtype=torch.long, device=loaded.device))
            x = captured["x"][0]  # (T, E)
            if family == "GPT-2":
                width = module.split_size
                q_all, k_all, _v = module.c_attn(x).split(width, dim=-1)  # 3 × (T, E)
            else:
                q_all, k_all = module.query(x), module.key(x)  # (T, E) each
    finally:
        hook.remove()
    if captured.get("weights") is None:
        raise AttentionUnavailableError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{model} returned no attention weights for layer {layer}."),
            {"model": loaded.name, "layer": layer}))
    d_head = q_all.shape[-1] // loaded.n_heads
    q_heads = q_all.view(len(ids), loaded.n_heads, d_head)[:, head].float().cpu()  # (T, d_head)
    k_heads = k_all.view(len(ids), loaded.n_heads, d_head)[:, head].float().cpu()  # (T, d_head)
    dots = (q_heads[i] @ k_heads.T).double().numpy()  # (T,): q_i · k_j for every key j
    scale, recipe = _scale_and_recipe(loaded, family, layer, d_head)
    causal = is_causal_model(loaded)
    allowed = _allowed_keys(captured["mask"], head, i, len(ids), causal)
    scores = np.where(allowed, dots * scale, -np.inf)  # (T,)
    exp = np.exp(scores - scores[allowed].max())
    row_weights = exp / exp.sum()  # (T,) softmax over the row
    model_row = captured["weights"][0, head, i].float().cpu().numpy()  # (T,)
    explanation = WeightExplanation(
        layer=layer, head=head, query=i, key=j, tokens=token_labels(loaded.tokenizer, ids), family=family,
        recipe=recipe, d_head=d_head, q=q_heads[i].numpy(), k=k_heads[j].numpy(), dot=float(dots[j]),
        scale=scale, scaled_score=float(dots[j] * scale), masked=not allowed[j],
        mask_note=_mask_note(loaded.name, causal, allowed, i), is_causal=causal, row_scores=scores,
        row_weights=row_weights, weight=float(row_weights[j]), model_row=model_row,
        model_weight=float(model_row[j]),
    )
    if np.abs(row_weights - model_row).max() > REPRODUCE_TOLERANCE:
        raise ExplanationUnavailable(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The step-by-step recipe does not reproduce {model}'s own weights (off by {error}), so "
            "it is not shown."), {"model": loaded.name, "error": format(float(np.abs(row_weights - model_row).max()),
                                                                        ".2g")}))
    return explanation
