"""The simplest language model: predict the next token from the current one alone.

`BigramLanguageModel` is a single V x V table of logits (row = current token, column = next
token), trained by gradient descent with the same loop as the GPT. `count_baseline_loss`
gets the same kind of model without any training, by counting pairs in the training split;
its validation loss is the dashed "a bigram table would get this far" line on the loss plot.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn as nn
from torch.nn import functional as F

from core.messages import QT_TRANSLATE_NOOP, Message

BIGRAM_MODEL_TYPE = "lm-anatomy-bigram"  # config.json model_type of saved bigram models
DENSE_TABLE_LIMIT = 2**24  # V*V cells up to which pair counts use a dense table (~128 MB int64)


class BigramLanguageModel(nn.Module):
    """Next-token logits looked up from the current token: a (V, V) embedding table."""

    def __init__(self, vocab_size: int) -> None:
        super().__init__()
        if vocab_size < 1:
            raise ValueError(f"vocab_size must be at least 1 (got {vocab_size}).")
        self.vocab_size = vocab_size
        self.token_embedding_table = nn.Embedding(vocab_size, vocab_size)  # row i = logits after token i

    def num_parameters(self) -> int:
        """V * V."""
        return self.token_embedding_table.weight.numel()

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        """idx: (B, T) ids; targets: (B, T) ids or None. Returns (logits (B, T, V), loss or None)."""
        logits = self.token_embedding_table(idx)  # (B, T, V)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, self.vocab_size).float(), targets.reshape(-1), ignore_index=-1)
        return logits, loss

    @torch.no_grad()
    def generate(
        self,
        idx: torch.Tensor,
        max_new_tokens: int,
        temperature: float = 1.0,
        top_k: int | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Continue idx (B, T) by `max_new_tokens` sampled tokens; returns (B, T + max_new_tokens)."""
        for _ in range(max_new_tokens):
            logits = self.token_embedding_table(idx[:, -1]).float()  # (B, V)
            if temperature <= 0:
                idx_next = logits.argmax(dim=-1, keepdim=True)  # (B, 1)
            else:
                logits = logits / temperature
                if top_k is not None:
                    v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
                    logits[logits < v[:, [-1]]] = float("-inf")
                idx_next = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=generator)  # (B, 1)
            idx = torch.cat((idx, idx_next), dim=1)
        return idx


def save_bigram_checkpoint(
    model: BigramLanguageModel,
    folder: str | os.PathLike,
    tokenizer: Any = None,
    metadata: Mapping[str, Any] | None = None,
    training_state: Any = None,
    optimizer: torch.optim.Optimizer | None = None,
) -> Path:
    """Write the table atomically: config.json (model_type "lm-anatomy-bigram"), model.safetensors,
    tokenizer files and optional training state (see `core.model.checkpoint`). transformers cannot load it."""
    from safetensors.torch import save_file

    from core.model.atomic_folders import atomic_folder
    from core.model.checkpoint import CONFIG_NAME, META_NAME, WEIGHTS_NAME
    from core.model.training_state import write_training_state

    with atomic_folder(folder) as tmp:
        config = {"model_type": BIGRAM_MODEL_TYPE, "vocab_size": model.vocab_size}
        (tmp / CONFIG_NAME).write_text(json.dumps(config, indent=2), encoding="utf-8")
        weight = model.token_embedding_table.weight.detach().to("cpu").contiguous().clone()
        save_file({"token_embedding_table.weight": weight}, str(tmp / WEIGHTS_NAME))
        (tmp / META_NAME).write_text(json.dumps(dict(metadata or {}), indent=2), encoding="utf-8")
        if tokenizer is not None:
            tokenizer.save_pretrained(str(tmp))
        if training_state is not None:
            write_training_state(tmp, training_state, optimizer)
    return Path(folder)


def load_bigram_checkpoint(folder: str | os.PathLike, device: str = "cpu") -> BigramLanguageModel:
    """Load a folder written by `save_bigram_checkpoint`."""
    from safetensors.torch import load_file

    from core.model.atomic_folders import CheckpointError, recover_folder
    from core.model.checkpoint import CONFIG_NAME, WEIGHTS_NAME

    folder = recover_folder(folder)
    try:
        config = json.loads((folder / CONFIG_NAME).read_text(encoding="utf-8"))
        if config.get("model_type") != BIGRAM_MODEL_TYPE:
            raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{folder} does not hold a bigram model."),
                                          {"folder": str(folder)}))
        model = BigramLanguageModel(int(config["vocab_size"]))
        model.load_state_dict(load_file(str(folder / WEIGHTS_NAME)))
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        if isinstance(exc, CheckpointError):
            raise
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Could not load the bigram model in {folder}: "
                                                                        "{reason}"),
                                      {"folder": str(folder), "reason": str(exc)})) from exc
    return model.to(device)


def unigram_loss(train_tokens: np.ndarray, eval_tokens: np.ndarray, vocab_size: int, smoothing: float = 1.0) -> float:
    """Mean cross-entropy (nats/token) on eval_tokens of add-`smoothing` token frequencies from train_tokens."""
    counts = np.bincount(np.asarray(train_tokens, dtype=np.int64), minlength=vocab_size).astype(np.float64)
    log_p = np.log(counts + smoothing) - math.log(counts.sum() + smoothing * vocab_size)  # (V,)
    return float(-log_p[np.asarray(eval_tokens, dtype=np.int64)].mean())


def bigram_loss(train_tokens: np.ndarray, eval_tokens: np.ndarray, vocab_size: int, smoothing: float = 1.0) -> float:
    """Mean cross-entropy (nats/token) on eval_tokens of an add-`smoothing` bigram table counted on train_tokens.

    P(b | a) = (count(a, b) + s) / (count(a, *) + s * V). Each eval token after the first is scored
    given its predecessor. Large vocabularies are counted sparsely (sorted pair codes), never as V*V.
    """
    train = np.asarray(train_tokens, dtype=np.int64)
    ev = np.asarray(eval_tokens, dtype=np.int64)
    if len(train) < 2 or len(ev) < 2:
        raise ValueError("Need at least two tokens in each split for a bigram baseline.")
    V = vocab_size
    row_totals = np.bincount(train[:-1], minlength=V).astype(np.float64)  # count(a, *)
    train_codes = train[:-1] * V + train[1:]  # one int per pair (a, b)
    eval_codes = ev[:-1] * V + ev[1:]
    if V * V <= DENSE_TABLE_LIMIT:
        pair_counts = np.bincount(train_codes, minlength=V * V)[eval_codes].astype(np.float64)
    else:
        codes, counts = np.unique(train_codes, return_counts=True)
        pos = np.searchsorted(codes, eval_codes).clip(max=len(codes) - 1)
        pair_counts = np.where(codes[pos] == eval_codes, counts[pos], 0).astype(np.float64)
    log_p = np.log(pair_counts + smoothing) - np.log(row_totals[ev[:-1]] + smoothing * V)
    return float(-log_p.mean())


def count_baseline_loss(
    train_tokens: np.ndarray,
    eval_tokens: np.ndarray,
    vocab_size: int,
    kind: str = "bigram",
    max_tokens: int = 10_000_000,
) -> float:
    """The dashed baseline for the loss plot: "bigram" or "unigram" count model loss in nats/token.

    Uses at most `max_tokens` tokens from the start of each split (memmaps are read lazily),
    which keeps the count fast on corpora larger than memory.
    """
    train = np.asarray(train_tokens[:max_tokens])
    ev = np.asarray(eval_tokens[:max_tokens])
    if kind == "bigram":
        return bigram_loss(train, ev, vocab_size)
    if kind == "unigram":
        return unigram_loss(train, ev, vocab_size)
    raise ValueError(f"kind must be 'bigram' or 'unigram' (got {kind!r}).")
