"""What a run needs besides its weights to resume: step, tokens seen, best loss, settings, the
optimizer's moments and the random generators' states.

Written next to a checkpoint's weights (`core.model.checkpoint`) as two files, tensors in
safetensors and the rest in JSON; nothing is pickled:

    training_state.safetensors   optimizer moments and rng states
    training_state.json          step, tokens_seen, best_val_loss, config, optimizer scalars
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.atomic_folders import CheckpointError, recover_folder

STATE_TENSORS_NAME = "training_state.safetensors"
STATE_JSON_NAME = "training_state.json"


@dataclass
class TrainingState:
    """Everything besides the weights needed to resume a run.

    step: optimizer steps done; tokens_seen: training tokens consumed; best_val_loss in nats
    (inf before the first eval); config: the TrainingConfig as a plain dict; rng: name -> uint8
    state tensor (torch CPU, CUDA, the batch sampler's generator).
    """

    step: int = 0
    tokens_seen: int = 0
    best_val_loss: float = float("inf")
    config: dict[str, Any] = field(default_factory=dict)
    rng: dict[str, torch.Tensor] = field(default_factory=dict)


def _optimizer_tensors(optimizer: torch.optim.Optimizer) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Split an optimizer's state dict into flat tensors and JSON-able rest."""
    sd = optimizer.state_dict()
    tensors: dict[str, torch.Tensor] = {}
    scalars: dict[str, dict[str, Any]] = {}
    for index, per_param in sd["state"].items():
        for key, value in per_param.items():
            if torch.is_tensor(value):
                tensors[f"optimizer.{index}.{key}"] = value.detach().to("cpu").contiguous().clone()
            else:
                scalars.setdefault(str(index), {})[key] = value
    groups = [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()} for g in sd["param_groups"]]
    return tensors, {"param_groups": groups, "scalars": scalars}


def write_training_state(
    folder: str | os.PathLike, state: TrainingState, optimizer: torch.optim.Optimizer | None = None
) -> None:
    """Write training_state.safetensors (tensors) and training_state.json (everything else) into folder."""
    folder = Path(folder)
    tensors: dict[str, torch.Tensor] = {f"rng.{k}": v.contiguous() for k, v in state.rng.items()}
    opt_json: dict[str, Any] | None = None
    if optimizer is not None:
        opt_tensors, opt_json = _optimizer_tensors(optimizer)
        tensors.update(opt_tensors)
    save_file(tensors, str(folder / STATE_TENSORS_NAME))
    info = {
        "step": state.step,
        "tokens_seen": state.tokens_seen,
        "best_val_loss": state.best_val_loss if state.best_val_loss != float("inf") else None,
        "config": state.config,
        "optimizer": opt_json,
    }
    (folder / STATE_JSON_NAME).write_text(json.dumps(info, indent=2), encoding="utf-8")


def read_training_state(
    folder: str | os.PathLike, optimizer: torch.optim.Optimizer | None = None
) -> TrainingState:
    """Read what `write_training_state` wrote; if `optimizer` is given, load its state into it.

    The optimizer must have been built over the same parameters in the same order.
    """
    folder = recover_folder(folder)
    json_path, tensor_path = folder / STATE_JSON_NAME, folder / STATE_TENSORS_NAME
    if not json_path.exists() or not tensor_path.exists():
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{folder} holds no training state to resume "
                                                                        "from."), {"folder": str(folder)}))
    info = json.loads(json_path.read_text(encoding="utf-8"))
    tensors = load_file(str(tensor_path))
    rng = {k[len("rng.") :]: v for k, v in tensors.items() if k.startswith("rng.")}
    if optimizer is not None and info.get("optimizer") is not None:
        opt = info["optimizer"]
        per_param: dict[int, dict[str, Any]] = {}
        for key, value in tensors.items():
            if key.startswith("optimizer."):
                _, index, name = key.split(".", 2)
                per_param.setdefault(int(index), {})[name] = value
        for index, values in opt["scalars"].items():
            per_param.setdefault(int(index), {}).update(values)
        groups = [{k: (tuple(v) if k == "betas" else v) for k, v in g.items()} for g in opt["param_groups"]]
        try:
            optimizer.load_state_dict({"state": per_param, "param_groups": groups})
        except (ValueError, KeyError) as exc:
            raise CheckpointError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "The saved optimizer state does not match this model: {error}"),
                {"error": str(exc)})) from exc
    best = info.get("best_val_loss")
    return TrainingState(
        step=int(info["step"]),
        tokens_seen=int(info.get("tokens_seen", 0)),
        best_val_loss=float("inf") if best is None else float(best),
        config=info.get("config", {}),
        rng=rng,
    )
