"""How the Attention tab's selectors follow new maps: the layer and head ranges, the query and key
token choices, and the chosen tokens kept across a display change (special tokens hidden or shown).
"""

from __future__ import annotations

from typing import Any


def fit_selectors(maps: Any, layer_spin: Any, head_spin: Any, query_combo: Any, key_combo: Any) -> None:
    """Fit the layer and head spin boxes to `maps` (without signals) and list its tokens as query and key choices."""
    for spin, n_items in ((layer_spin, maps.n_layers), (head_spin, maps.n_heads)):
        spin.blockSignals(True)
        spin.setRange(0, n_items - 1)
        spin.blockSignals(False)
    for combo in (query_combo, key_combo):
        combo.clear()
        combo.addItems([f"{k}: {token}" for k, token in enumerate(maps.tokens)])


def carried_selection(old: Any, new: Any, query: int, key: int | None) -> tuple[int | None, int | None]:
    """The indices in maps `new` of the tokens at `query` and `key` in maps `old` (None where a token is gone)."""
    index_of = {position: k for k, position in enumerate(new.positions)}
    return index_of.get(old.positions[query]), None if key is None else index_of.get(old.positions[key])
