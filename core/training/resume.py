"""Continuing a saved run: the settings and the tokenizer stored with a run's checkpoint folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.atomic_folders import CheckpointError, recover_folder
from core.training.config import TrainingConfig, TrainingConfigError


def saved_run_config(out_dir: str | os.PathLike) -> dict[str, Any]:
    """The TrainingConfig dict stored with out_dir/last (the run to resume). Raises CheckpointError."""
    import json

    from core.model.training_state import STATE_JSON_NAME

    last = Path(out_dir) / "last"
    state = recover_folder(last) / STATE_JSON_NAME
    if not state.is_file():
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "There is no checkpoint to resume from in "
                                                                        "{folder}."), {"folder": str(last)}))
    try:
        return dict(json.loads(state.read_text(encoding="utf-8")).get("config") or {})
    except (OSError, ValueError) as error:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Could not read {path}: {reason}"),
                                      {"path": str(state), "reason": str(error)})) from None


def resume_config(out_dir: str | os.PathLike, **overrides: Any) -> TrainingConfig:
    """The config that continues the run saved in out_dir: its own settings, then `overrides` (e.g. device,
    max_iters), with init_from="resume". Raises CheckpointError (nothing to resume) or TrainingConfigError."""
    saved = saved_run_config(out_dir)
    known = set(TrainingConfig.__dataclass_fields__)
    fields = {key: value for key, value in saved.items() if key in known}
    try:
        return TrainingConfig(**{**fields, **overrides, "out_dir": str(out_dir), "init_from": "resume",
                                 "finetune_from": None})
    except TypeError as error:
        raise TrainingConfigError(Message("{text}", {"text": str(error)})) from None


def saved_tokenizer(folder: str | os.PathLike) -> Any:
    """The tokenizer saved in a model folder: ours (character or BPE) if it is one, else transformers'.
    Raises CheckpointError when there is none that loads."""
    from core.tokenization.base import TokenizationError
    from core.tokenization.bpe import BpeTokenizer
    from core.tokenization.tokenizers import CharTokenizer

    folder = recover_folder(folder)
    for kind in (CharTokenizer, BpeTokenizer):
        try:
            return kind.from_pretrained(folder)
        except TokenizationError:
            pass
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder), trust_remote_code=False)
    except Exception as error:  # noqa: BLE001 - any failure is "no usable tokenizer here"
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{folder} holds no tokenizer that can be "
                                                                        "loaded: {reason}"),
                                      {"folder": str(folder), "reason": str(error)})) from None
