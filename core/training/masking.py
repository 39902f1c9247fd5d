"""What a masked language model (BERT, RoBERTa) is fed: some tokens hidden, and the loss only there.

`masked_lm_batch` runs transformers' own `DataCollatorForLanguageModeling`, the one the training
loop uses, seeded: about `mlm_probability` of the tokens are chosen (never special tokens); of
those 80% become the mask token, 10% a random token and 10% stay as they were. The labels hold
the original id at the chosen positions and -100 (ignored by the loss) everywhere else.
`mask_kinds` names what happened at each position, for the Training tab's batch view.
"""

from __future__ import annotations

import copy
from typing import Any

import torch

IGNORE_INDEX = -100  # the label of positions the loss ignores
MASKED, REPLACED, KEPT, IGNORED = "masked", "replaced", "kept", "ignored"


def masking_tokenizer(tokenizer: Any) -> Any:
    """A transformers tokenizer with a mask and a pad token for `tokenizer`: itself when it has both,
    else a copy (or a conversion of ours) with [MASK] / [PAD] added, so the caller's is never changed."""
    from transformers import PreTrainedTokenizerBase

    from core.training.setup import mlm_tokenizer

    missing = isinstance(tokenizer, PreTrainedTokenizerBase) and None in (tokenizer.mask_token, tokenizer.pad_token)
    if missing:
        tokenizer = copy.deepcopy(tokenizer)
    return mlm_tokenizer(tokenizer)


def masked_lm_batch(ids: torch.Tensor, tokenizer: Any, mlm_probability: float = 0.15,
                    seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """(inputs, labels), both (B, T) int64, for token ids `ids` (B, T).

    `tokenizer`: any tokenizer (see `masking_tokenizer`; pass its result to reuse it).
    The same seed gives the same batch."""
    from transformers import DataCollatorForLanguageModeling

    if ids.dim() != 2:
        raise ValueError(f"ids must be (B, T), got shape {tuple(ids.shape)}")
    hf = masking_tokenizer(tokenizer)
    collator = DataCollatorForLanguageModeling(hf, mlm_probability=mlm_probability, seed=seed)
    batch = collator([{"input_ids": row} for row in ids.tolist()])
    return batch["input_ids"], batch["labels"]


def mask_kinds(ids: torch.Tensor, inputs: torch.Tensor, labels: torch.Tensor, mask_token_id: int) -> list[list[str]]:
    """(B, T) names: MASKED (shown as the mask token), REPLACED (a random token), KEPT (chosen but
    unchanged; also a random draw that hit the same token) or IGNORED (label -100, no loss)."""
    kinds = []
    for row_ids, row_in, row_labels in zip(ids.tolist(), inputs.tolist(), labels.tolist()):
        row = []
        for original, shown, label in zip(row_ids, row_in, row_labels):
            if label == IGNORE_INDEX:
                row.append(IGNORED)
            elif shown == mask_token_id:
                row.append(MASKED)
            elif shown == original:
                row.append(KEPT)
            else:
                row.append(REPLACED)
        kinds.append(row)
    return kinds
