"""Sentences of the Attention tab made from data: the model status, the maps' summary, the display
note, the hover readout, the strongest keys. Each is made in the current language, numbers included
(`gui.common.locale_numbers`), so the tab can make it again after a language change (`LiveTexts`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.core_text import localized
from gui.common.locale_numbers import byte_size, count, decimal

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def maps_summary(model: str, tokens: int, layers: int, heads: int, size: int) -> str:
    """'gpt2: T = 14 tokens, 12 layers × 12 heads; the maps use 12.5 kB.' (`size` in bytes)."""
    return translate("AttentionTab", "{model}: T = {tokens} tokens, {layers} layers × {heads} heads; the maps use "
                                     "{memory}.").format(model=model, tokens=count(tokens), layers=count(layers),
                                                         heads=count(heads), memory=byte_size(size))


def display_note(hidden: bool | None, reduced: bool, refusal: Any = None) -> str:
    """What the display changed: special tokens hidden (True), none to hide (False), not asked (None);
    weights kept as float16 (`reduced`); or why hiding was refused (a core error)."""
    text = "" if refusal is None else localized(refusal)
    if hidden is not None:
        text = (translate("AttentionTab", "Special tokens are hidden and each row was rescaled to sum to 1: "
                          "a display transformation, not the model's raw weights.") if hidden
                else translate("AttentionTab", "This text has no special tokens to hide."))
    if reduced:
        text += " " + translate("AttentionTab", "The weights are stored as float16 to save memory.")
    return text.strip()


def heatmap_title(layer: int, head: int | None, heads: int) -> str:
    """'Layer 2, head 5', or 'Layer 2, mean of 12 heads' when `head` is None."""
    if head is None:
        return translate("AttentionTab", "Layer {layer}, mean of {heads} heads").format(layer=layer, heads=heads)
    return translate("AttentionTab", "Layer {layer}, head {head}").format(layer=layer, head=head)


def top_keys_text(top: list[Any]) -> str:
    """'Looks most at: “cat” (2) 0.32 · …' from `core.attention.maps.AttendedToken`s."""
    return translate("AttentionTab", "Looks most at: {keys}").format(
        keys=" · ".join(f"“{t.label}” ({t.position}) {decimal(t.weight, 2)}" for t in top))


def cell_readout(query: str, key: str, weight: float, masked: bool) -> str:
    """'from “the” → to “cat”: 0.1234', or the masked wording for a later token of a causal model."""
    if masked:
        text = translate("AttentionTab", "from “{query}” → to “{key}”: masked (a later token, weight 0)")
    else:
        text = translate("AttentionTab", "from “{query}” → to “{key}”: {weight}")
    return text.format(query=query, key=key, weight=decimal(weight, 4))


def model_status(model: Any) -> str:
    """The header's status line: what to load, why this model shows no attention, or its size."""
    from core.model.loading import ATTENTION

    if model is None:
        return translate("AttentionTab", "Load a model (File > Open model folder) to see its attention.")
    if not model.can(ATTENTION):
        return localized(model.unavailable_reason(ATTENTION))
    status = translate("AttentionTab", "{model}: {layers} layers \u00d7 {heads} heads of attention.")
    return status.format(model=model.name, layers=count(model.n_layers), heads=count(model.n_heads))
