"""The Next-token tab's modes and what a model change sets: next-token for a causal LM, fill-mask for
a masked LM (BERT, RoBERTa), a task head's own mode for a text classifier, a token classifier or a
question-answering model (shown by `gui.next_token.task_heads_view`), none without a model or with
a plain encoder; the prompt each mode starts from, and which of the tab's widgets each mode enables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gui.common.default_texts import DEFAULT_TEXTS, default_text

if TYPE_CHECKING:
    from gui.next_token.widgets import NextTokenWidgets

NONE, NEXT_TOKEN_MODE, FILL_MASK_MODE = "none", "next-token", "fill-mask"  # the tab's modes
CLASSIFY_MODE, TOKEN_LABELS_MODE, ANSWER_MODE = "classify-text", "label-tokens", "answer-question"
TASK_MODES = {CLASSIFY_MODE: "text", TOKEN_LABELS_MODE: "tokens", ANSWER_MODE: "answer"}  # -> the view's task
DEFAULT_PROMPT = DEFAULT_TEXTS["en"].prompt  # "The cat sat on the"; default_prompt() is the current language's


def default_prompt() -> str:
    """The prompt the tab starts from, in the current UI language (gui.common.default_texts)."""
    return default_text("prompt")


def prompt_for_language(prompt: str) -> str | None:
    """The current language's default prompt when `prompt` is another language's unedited default (as typed
    for next-token, or with a mask for fill-mask), else None: a language change keeps what the user wrote."""
    from core.next_token.prediction import MASK_SPELLINGS

    current = default_prompt()
    for texts in DEFAULT_TEXTS.values():
        if texts.prompt != current and prompt.startswith(texts.prompt):
            rest = prompt[len(texts.prompt):]
            if rest == "" or rest in {f" {mask}." for mask in MASK_SPELLINGS}:
                return current + rest
    return None


def mode_for(model: Any, prompt: str) -> tuple[str, Any, str | None]:
    """(mode, NextTokenPredictor or None, the prompt to put in place of `prompt`, or None to keep it)."""
    from core.model.loading import ANSWER_QUESTION, CLASSIFY_TEXT, CLASSIFY_TOKENS, FILL_MASK, NEXT_TOKEN

    if model is None:
        return NONE, None, None
    if model.can(NEXT_TOKEN):
        from core.next_token.prediction import MASK_SPELLINGS, NextTokenPredictor

        replace = any(mask in prompt for mask in MASK_SPELLINGS)
        return NEXT_TOKEN_MODE, NextTokenPredictor(model), default_prompt() if replace else None
    if model.can(FILL_MASK):
        from core.next_token.prediction import MASK_SPELLINGS

        mask = model.tokenizer.mask_token or "[MASK]"
        keep = any(spelling in prompt for spelling in MASK_SPELLINGS)
        return FILL_MASK_MODE, None, None if keep else f"{default_prompt()} {mask}."
    for capability, mode in ((CLASSIFY_TEXT, CLASSIFY_MODE), (CLASSIFY_TOKENS, TOKEN_LABELS_MODE),
                             (ANSWER_QUESTION, ANSWER_MODE)):
        if model.can(capability):
            from core.next_token.prediction import MASK_SPELLINGS

            replace = any(mask in prompt for mask in MASK_SPELLINGS)
            return mode, None, default_prompt() if replace else None
    return NONE, None, None


def enable_for_mode(ui: NextTokenWidgets, mode: str) -> None:
    """Show or enable the widgets `mode` uses: the comparisons, timeline and clicks need next-token; a task
    head's view replaces the bars."""
    next_token, task = mode == NEXT_TOKEN_MODE, mode in TASK_MODES
    ui.controls.set_next_token_mode(next_token)
    ui.controls.bar_count_spin.setEnabled(not task)
    ui.draw_plot.setVisible(next_token)
    ui.bars.setVisible(not task)
    ui.task_view.setVisible(task)
    ui.task_view.set_task(TASK_MODES.get(mode, ""))
    for index in range(1, ui.views.count()):
        ui.views.setTabEnabled(index, next_token)
    ui.prompt.setEnabled(mode != NONE)
    ui.timeline.setEnabled(next_token)
    ui.page.hint.setVisible(next_token)
    ui.bars.set_clickable(next_token)


def task_job(mode: str, loaded: Any, text: str, question: str) -> Callable[[], Any]:
    """The model run of a task mode for the prompt `text` (and `question`), to call off the GUI thread."""
    from core.next_token import task_heads

    if mode == CLASSIFY_MODE:
        return lambda: task_heads.classify_text(loaded, text)
    if mode == TOKEN_LABELS_MODE:
        return lambda: task_heads.classify_tokens(loaded, text)
    return lambda: task_heads.answer_question(loaded, question, text)
