"""The Next-token tab's modes and what a model change sets: next-token for a causal LM, fill-mask for
a masked LM (BERT, RoBERTa), none without a model or an LM head; the prompt each mode starts from,
and which of the tab's widgets each mode enables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.next_token.widgets import NextTokenWidgets

NONE, NEXT_TOKEN_MODE, FILL_MASK_MODE = "none", "next-token", "fill-mask"  # the tab's modes
DEFAULT_PROMPT = "The cat sat on the"


def mode_for(model: Any, prompt: str) -> tuple[str, Any, str | None]:
    """(mode, NextTokenPredictor or None, the prompt to put in place of `prompt`, or None to keep it)."""
    from core.model.loading import FILL_MASK, NEXT_TOKEN

    if model is None:
        return NONE, None, None
    if model.can(NEXT_TOKEN):
        from core.next_token.prediction import MASK_SPELLINGS, NextTokenPredictor

        replace = any(mask in prompt for mask in MASK_SPELLINGS)
        return NEXT_TOKEN_MODE, NextTokenPredictor(model), DEFAULT_PROMPT if replace else None
    if model.can(FILL_MASK):
        from core.next_token.prediction import MASK_SPELLINGS

        mask = model.tokenizer.mask_token or "[MASK]"
        keep = any(spelling in prompt for spelling in MASK_SPELLINGS)
        return FILL_MASK_MODE, None, None if keep else f"{DEFAULT_PROMPT} {mask}."
    return NONE, None, None


def enable_for_mode(ui: NextTokenWidgets, mode: str) -> None:
    """Show or enable the widgets `mode` uses: the comparisons, timeline and clicks need next-token."""
    next_token = mode == NEXT_TOKEN_MODE
    ui.controls.set_next_token_mode(next_token)
    ui.draw_plot.setVisible(next_token)
    for index in range(1, ui.views.count()):
        ui.views.setTabEnabled(index, next_token)
    ui.prompt.setEnabled(mode != NONE)
    ui.timeline.setEnabled(next_token)
    ui.page.hint.setVisible(next_token)
    ui.bars.set_clickable(next_token)
