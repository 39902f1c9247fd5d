"""Epochs: how many steps make one pass over the training tokens, and run lengths given in passes.

Batches are random windows of the training split (as in nanoGPT), not a walk through it, so an
epoch here means "as many tokens as the training split holds": one epoch is
n_train_tokens / tokens_per_iter steps, and after `tokens_seen` tokens the run is in epoch
floor(tokens_seen / n_train_tokens) + 1.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any


def steps_per_epoch(n_train_tokens: int, tokens_per_iter: int) -> float:
    """Optimizer steps that read as many tokens as the training split holds (0 when either is 0)."""
    if n_train_tokens <= 0 or tokens_per_iter <= 0:
        return 0.0
    return n_train_tokens / tokens_per_iter


def epochs_done(tokens_seen: int, n_train_tokens: int) -> float:
    """Passes over the training tokens so far (1.5 = one and a half)."""
    return tokens_seen / n_train_tokens if n_train_tokens > 0 else 0.0


def current_epoch(tokens_seen: int, n_train_tokens: int) -> int:
    """The epoch a run is in, counted from 1."""
    return int(epochs_done(tokens_seen, n_train_tokens)) + 1


def iters_for_epochs(epochs: float, n_train_tokens: int, tokens_per_iter: int) -> int:
    """Steps for `epochs` passes over the training tokens, rounded up, at least 1."""
    return max(1, math.ceil(epochs * steps_per_epoch(n_train_tokens, tokens_per_iter) - 1e-9))


def with_run_length(config: Any, n_train_tokens: int) -> Any:
    """`config` (a TrainingConfig) with max_iters worked out from `config.epochs` when that is set;
    unchanged otherwise."""
    if not config.epochs or config.epochs <= 0:
        return config
    return dataclasses.replace(config, max_iters=iters_for_epochs(config.epochs, n_train_tokens,
                                                                  config.tokens_per_iter))
