"""Several sentences in one batch: padding, truncation and the attention mask.

A model reads a batch as one (B, T) table of ids, so sentences of different lengths are padded
to the same length with a pad token, and the `attention_mask` (1 = a real token, 0 = padding)
tells the model which positions to ignore. `padded_batch` returns exactly what the tokenizer's
own call returns:

    tokenizer(texts, padding=..., truncation=..., max_length=..., padding_side=...)

It works on a private copy of the tokenizer, so the caller's tokenizer is never changed (nor
used by two threads at once): a tokenizer without a pad token (the GPT-2 family) gets
pad = its end-of-text token on the copy, as the course does, and the result says so.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import TokenizationError, check_text

PADDING_MODES = ("longest", "max_length", "none")  # "none": every row keeps its own length
PADDING_SIDES = ("right", "left")


@dataclass
class PaddedBatch:
    """One batch of B rows. Rows have one length T unless padding is "none".

    input_ids, attention_mask: B rows of ints (mask 1 = token, 0 = padding);
    token_type_ids: B rows (0 = first segment) when the tokenizer makes them, else None;
    truncated: B counts of the tokens truncation cut from each row;
    pad_token_id / pad_token: what fills the padding; pad_is_eos: it is the end-of-text token;
    pad_added: the tokenizer had no pad token and pad = EOS was set (on a copy).
    """

    input_ids: list[list[int]]
    attention_mask: list[list[int]]
    token_type_ids: list[list[int]] | None
    truncated: list[int]
    pad_token_id: int | None
    pad_token: str | None
    pad_is_eos: bool
    pad_added: bool
    padding_side: str

    @property
    def n_positions(self) -> int:
        """Cells in the batch (sum of the row lengths)."""
        return sum(len(row) for row in self.input_ids)

    @property
    def n_padding(self) -> int:
        """Cells that are padding (attention mask 0)."""
        return sum(row.count(0) for row in self.attention_mask)

    @property
    def padding_share(self) -> float:
        """Share of the cells that are padding, 0..1 (0 for an empty batch)."""
        return self.n_padding / self.n_positions if self.n_positions else 0.0


def _hf_tokenizer(tokenizer: Any) -> Any:
    """A transformers tokenizer for `tokenizer` (ours are converted with `to_transformers`)."""
    if callable(getattr(tokenizer, "to_transformers", None)):
        return tokenizer.to_transformers()
    if not hasattr(tokenizer, "pad_token_id") or not callable(tokenizer):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Batches with padding need a Hugging Face tokenizer (the model's own).")))
    return tokenizer


def batch_tokenizer(tokenizer: Any) -> tuple[Any, bool]:
    """(a private copy of `tokenizer` that can pad, whether pad = EOS was set on it).

    Raises TokenizationError when the tokenizer has neither a pad nor an end-of-text token."""
    private = copy.deepcopy(_hf_tokenizer(tokenizer))
    if private.pad_token is not None:
        return private, False
    if private.eos_token is None:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "This tokenizer has neither a pad token nor an end-of-text token to pad with.")))
    private.pad_token = private.eos_token
    return private, True


def _check_arguments(texts: Sequence[str], padding: str, truncation: bool, max_length: int | None,
                     padding_side: str) -> None:
    """Raise TokenizationError with a clear message for arguments the batch cannot use."""
    if isinstance(texts, str):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Give the sentences as a list, one "
                                                                          "string each.")))
    for text in texts:
        check_text(text)
    if padding not in PADDING_MODES:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "padding must be one of {choices}"),
                                        {"choices": ", ".join(PADDING_MODES)}))
    if padding_side not in PADDING_SIDES:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "padding_side must be one of {choices}"),
                                        {"choices": ", ".join(PADDING_SIDES)}))
    if max_length is not None and max_length < 1:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The maximum length must be at least 1 "
                                                                          "(got {value})."), {"value": max_length}))
    if max_length is None and (padding == "max_length" or truncation):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Padding to a maximum length and "
                                                                          "truncation need a maximum length.")))


def padded_batch(tokenizer: Any, texts: Sequence[str], padding: str = "longest", truncation: bool = False,
                 max_length: int | None = None, padding_side: str = "right") -> PaddedBatch:
    """`texts` (B strings) through the tokenizer as one batch; see `PaddedBatch` for what comes back.

    padding: "longest" (to the longest row), "max_length" (to `max_length`) or "none";
    truncation: cut rows longer than `max_length`; padding_side: "right" or "left".
    The special tokens the tokenizer adds ([CLS]/[SEP], <s>/</s>) are included, as in its own call.
    """
    _check_arguments(texts, padding, truncation, max_length, padding_side)
    private, pad_added = batch_tokenizer(tokenizer)
    texts = list(texts)
    if not texts:
        return PaddedBatch([], [], None, [], private.pad_token_id, private.pad_token,
                           private.pad_token_id == private.eos_token_id, pad_added, padding_side)
    out = private(texts, padding=False if padding == "none" else padding, truncation=truncation,
                  max_length=max_length, padding_side=padding_side)
    full = private(texts, padding=False, truncation=False, verbose=False)["input_ids"]  # (B, own length)
    mask = [list(row) for row in out["attention_mask"]]
    kept = [sum(row) for row in mask]
    types = out.get("token_type_ids")
    return PaddedBatch(
        input_ids=[list(row) for row in out["input_ids"]],
        attention_mask=mask,
        token_type_ids=None if types is None else [list(row) for row in types],
        truncated=[max(0, len(whole) - n) for whole, n in zip(full, kept)],
        pad_token_id=private.pad_token_id,
        pad_token=private.pad_token,
        pad_is_eos=private.eos_token_id is not None and private.pad_token_id == private.eos_token_id,
        pad_added=pad_added,
        padding_side=padding_side,
    )
