"""The saved runs in a runs folder: what File > Runs lists, and deleting one.

A run folder holds `best/` and `last/` checkpoints (core.training.loop). Each checkpoint carries
`lm_anatomy.json` (step, best validation loss, model type) and `last/` also `training_state.json`
with the run's settings. A folder with neither checkpoint is not a saved run.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.atomic_folders import recover_folder
from core.model.checkpoint import META_NAME
from core.model.training_state import STATE_JSON_NAME


class RunFolderError(MessageError, OSError):
    """A run folder could not be deleted; `str()` (or `.message`, translatable) says why."""


@dataclass(frozen=True)
class SavedRun:
    """One saved run. `saved` is when its newest checkpoint was written (seconds since the epoch)."""

    folder: Path
    saved: float
    model_type: str  # "gpt", "mlm", "bigram", or "" when unknown
    steps: int | None
    best_val_loss: float | None  # nats per token
    settings: dict[str, Any]  # the run's TrainingConfig as saved (empty when unknown)

    @property
    def checkpoint(self) -> Path | None:
        """The checkpoint "Open" loads: best, else last."""
        for name in ("best", "last"):
            if (self.folder / name / "config.json").is_file():
                return self.folder / name
        return None

    @property
    def resumable(self) -> bool:
        return (self.folder / "last" / STATE_JSON_NAME).is_file()


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_run(folder: str | os.PathLike) -> SavedRun | None:
    """The saved run in `folder`, or None when it holds no checkpoint."""
    folder = Path(folder)
    checkpoints = [recover_folder(folder / name) for name in ("last", "best")]
    checkpoints = [path for path in checkpoints if (path / "config.json").is_file()]
    if not checkpoints:
        return None
    metas = [_read_json(path / META_NAME) for path in checkpoints]
    steps = max((meta["step"] for meta in metas if isinstance(meta.get("step"), int)), default=None)
    losses = [meta["best_val_loss"] for meta in metas if isinstance(meta.get("best_val_loss"), (int, float))]
    model_type = next((meta["model_type"] for meta in metas if isinstance(meta.get("model_type"), str)), "")
    settings = _read_json(folder / "last" / STATE_JSON_NAME).get("config") or {}
    saved = max(path.stat().st_mtime for path in checkpoints)
    return SavedRun(folder, saved, model_type, steps, min(losses) if losses else None,
                    settings if isinstance(settings, dict) else {})


def list_runs(root: str | os.PathLike) -> list[SavedRun]:
    """Every saved run directly under `root`, newest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    runs = [read_run(path) for path in root.iterdir() if path.is_dir() and not path.name.startswith(".")]
    return sorted((run for run in runs if run is not None), key=lambda run: run.saved, reverse=True)


def remove_empty_run_folder(folder: str | os.PathLike) -> bool:
    """Delete `folder` if nothing was saved in it (a run stopped before its first checkpoint); True if deleted."""
    folder = Path(folder)
    try:
        folder.rmdir()  # only succeeds when empty
    except OSError:
        return False
    return True


def delete_run(run: SavedRun) -> None:
    """Delete the run's folder and everything in it. Raises RunFolderError when that fails."""
    try:
        shutil.rmtree(run.folder)
    except OSError as error:
        raise RunFolderError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Could not delete {folder}: {error}"),
                                     {"folder": str(run.folder), "error": error.strerror or str(error)})) from None

