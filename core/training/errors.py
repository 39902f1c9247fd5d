"""How a training run's failures become `TrainingError` records with a message for the user.

`_classify` sorts any exception (out of memory, corpus too short, bad settings, checkpoint,
device, anything else); `_non_finite_error` explains a NaN or infinite loss; `_free_memory`
cleans up after running out of GPU memory.
"""

from __future__ import annotations

import gc
import traceback

import torch

from core.messages import QT_TRANSLATE_NOOP, Message, message_of
from core.model.atomic_folders import CheckpointError
from core.training.config import TrainingConfig, TrainingConfigError
from core.training.data import CorpusTooShortError
from core.training.events import TrainingError
from core.training.setup import _Run


def _is_out_of_memory(exc: BaseException) -> bool:
    """True for CUDA/MPS out-of-memory errors."""
    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


class _NonFiniteLoss(Exception):
    """Internal: the loss became NaN or infinite. The argument says which: "training", "train" or "val"."""


NON_FINITE_LOSSES = {"training": QT_TRANSLATE_NOOP("CoreMessages", "the training loss"),
                     "train": QT_TRANSLATE_NOOP("CoreMessages", "the train loss"),
                     "val": QT_TRANSLATE_NOOP("CoreMessages", "the val loss")}


def _non_finite_error(run: _Run, which: str) -> TrainingError:
    """The "nan" TrainingError: where it happened, the likely cause, and whether a checkpoint is kept."""
    args = {"step": run.step, "what": Message(NON_FINITE_LOSSES.get(which, NON_FINITE_LOSSES["training"])),
            "lr": f"{run.config.learning_rate:g}", "loss": run.best_val_loss}
    if run.best_checkpoint:
        template = QT_TRANSLATE_NOOP("CoreMessages", "Training stopped at step {step}: {what} became NaN or infinite. "
                                                     "The learning rate ({lr}) is probably too high; try a smaller one "
                                                     "or more warmup steps. The best checkpoint (val loss {loss:.4f}) "
                                                     "is kept.")
    else:
        template = QT_TRANSLATE_NOOP("CoreMessages", "Training stopped at step {step}: {what} became NaN or infinite. "
                                                     "The learning rate ({lr}) is probably too high; try a smaller one "
                                                     "or more warmup steps.")
    return TrainingError("nan", Message(template, args))


def reason_of(exc: BaseException) -> Message:
    """What an exception says, as a Message: the one it carries, else its English text."""
    carried = message_of(exc)
    if carried is not None:
        return carried
    if exc.args and isinstance(exc.args[0], Message):  # e.g. CheckpointError(Message(...))
        return exc.args[0]
    return Message("{text}", {"text": str(exc)})


def _classify(exc: Exception, config: TrainingConfig) -> TrainingError:
    """Turn an exception into a TrainingError with a message for the user."""
    from core.devices import DeviceUnavailableError

    details = traceback.format_exc()
    if _is_out_of_memory(exc):
        return TrainingError("out-of-memory", Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The GPU ran out of memory with batch size {batch} and block size {block}. Try a smaller "
                            "batch size (e.g. {half}) or block size; gradient accumulation keeps the effective batch "
                            "size. Memory has been released."),
            {"batch": config.batch_size, "block": config.block_size, "half": max(1, config.batch_size // 2)}), details)
    if isinstance(exc, CorpusTooShortError):
        return TrainingError("corpus-too-short", reason_of(exc), details)
    if isinstance(exc, (TrainingConfigError,)) or (isinstance(exc, ValueError) and "divisible" in str(exc)):
        return TrainingError("invalid-config", reason_of(exc), details)
    if isinstance(exc, (CheckpointError, OSError)):
        return TrainingError("checkpoint", Message(QT_TRANSLATE_NOOP("CoreMessages", "Checkpoint problem: {reason}"),
                                                   {"reason": reason_of(exc)}), details)
    if isinstance(exc, DeviceUnavailableError):
        return TrainingError("device", reason_of(exc), details)
    return TrainingError("unexpected", Message(QT_TRANSLATE_NOOP("CoreMessages", "Training failed: {kind}: {reason}"),
                                               {"kind": type(exc).__name__, "reason": reason_of(exc)}), details)


def _free_memory(run: _Run | None) -> None:
    """After an out-of-memory error: drop gradients and give cached blocks back to the driver."""
    if run is not None:
        run.optimizer.zero_grad(set_to_none=True)
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
