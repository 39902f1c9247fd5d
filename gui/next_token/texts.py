"""Sentences of the Next-token tab made from data: the header's status for the model and mode, the
bar chart's titles, and the caption of the last Sample's draw. Each is made in the current language,
numbers included (`gui.common.locale_numbers`), so the tab can make it again after a language change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.next_token.modes import ANSWER_MODE, CLASSIFY_MODE, FILL_MASK_MODE, NEXT_TOKEN_MODE, TOKEN_LABELS_MODE

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def model_status(model: Any, mode: str) -> str:
    """The header's status line for `model` (or None) and the tab's `mode`."""
    from core.model.loading import NEXT_TOKEN

    if model is None:
        return translate("SamplingTab", "Load a model (File > Open model folder) to see its predictions.")
    if mode == NEXT_TOKEN_MODE:
        return translate("SamplingTab", "{model} predicts the next token.").format(model=model.name)
    if mode == FILL_MASK_MODE:
        status = translate("SamplingTab", "{model} is a masked model: it fills in a blank instead of "
                                          "predicting the next token. Write [MASK] or <mask> where it "
                                          "should guess.")
        return status.format(model=model.name)
    if mode == CLASSIFY_MODE:
        return translate("SamplingTab", "{model} is a text classifier: it gives each of its labels ({labels}) a "
                                        "probability for the whole prompt.").format(
            model=model.name, labels=", ".join(model.labels[:6]) + (", …" if len(model.labels) > 6 else ""))
    if mode == TOKEN_LABELS_MODE:
        return translate("SamplingTab", "{model} is a token classifier: it gives every token of the prompt one of "
                                        "{n} labels.").format(model=model.name, n=count(len(model.labels)))
    if mode == ANSWER_MODE:
        return translate("SamplingTab", "{model} answers questions by pointing at a span of the prompt: type a "
                                        "question, and the prompt is the text it reads.").format(model=model.name)
    return localized(model.unavailable_reason(NEXT_TOKEN))


def fill_mask_title(text: str) -> str:
    """The bar chart's title in fill-mask mode, for the prompt `text` (its last 60 characters)."""
    title = translate("SamplingTab", "The model's guesses for “{text}”")
    return title.format(text=text[-60:])


def next_token_title(prompt: str, vocabulary_size: int) -> str:
    """The bar chart's title in next-token mode, for `prompt` (its last 40 characters, made visible)."""
    from core.tokenization.token_labels import make_visible

    title = translate("SamplingTab", "Next token after “{prompt}” ({n} tokens in the vocabulary)")
    return title.format(prompt=make_visible(prompt[-40:]), n=count(vocabulary_size))


def sample_step_caption(number: int, draw: Any) -> str:
    """The draw bar's caption for the last Sample (step `number`, a core.next_token.sampling.Draw)."""
    return translate("SamplingTab", "Step {n}: u = {u} landed on rank {rank}; that token was "
                                    "appended.").format(n=number, u=decimal(draw.u, 3), rank=count(draw.rank))
