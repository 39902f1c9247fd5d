"""Why a model does not load: `ModelLoadError`, its reasons, and the checks and messages behind them.

`_check_folder` looks at a model folder before transformers runs (config.json, safetensors
weights, tokenizer files); `refuse_remote_code` refuses configs that need custom code. The
`_..._message` helpers word the other failures (hub offline or not found, unknown architecture,
damaged weights, out of memory) as translatable `core.messages.Message` values.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

TOKENIZER_FILES = ("tokenizer.json", "vocab.json", "vocab.txt", "tokenizer.model", "spiece.model")


class ModelLoadError(MessageError, RuntimeError):
    """A model could not be loaded. `str(error)` is a message for the user (English; `.message`
    is the translatable `Message`).

    `reason` is one of: "missing-folder", "missing-files", "pickle-only", "corrupt-weights",
    "offline", "not-found", "remote-code", "unsupported", "device", "out-of-memory".
    """

    def __init__(self, reason: str, message: Message | str) -> None:
        super().__init__(message)
        self.reason = reason


def _check_folder(folder: Path) -> None:
    """Raise `ModelLoadError` for a missing folder or missing files, before transformers runs."""
    if not folder.exists():
        raise ModelLoadError("missing-folder", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "The folder {folder} does not exist."), {"folder": str(folder)}))
    if not folder.is_dir():
        raise ModelLoadError("missing-folder", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{folder} is a file; choose the folder that holds the model."),
            {"folder": str(folder)}))
    name = {"name": folder.name}
    if not (folder / "config.json").is_file():
        raise ModelLoadError("missing-files", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} has no config.json, so it is not a Hugging Face model "
                                              "folder."), name))
    has_safetensors = any(folder.glob("*.safetensors")) or (folder / "model.safetensors.index.json").is_file()
    if not has_safetensors:
        if any(folder.glob("*.bin")) or any(folder.glob("*.pt")) or any(folder.glob("*.pth")):
            raise ModelLoadError("pickle-only", Message(
                QT_TRANSLATE_NOOP("CoreMessages", "{name} has only pickle-based weights (.bin/.pt). LM Anatomy "
                                                  "loads safetensors weights only, because pickle files can run "
                                                  "code. Convert the model to safetensors first."), name))
        raise ModelLoadError("missing-files", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} has no model weights (*.safetensors)."), name))
    if not any((folder / file).is_file() for file in TOKENIZER_FILES):
        raise ModelLoadError("missing-files", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} has no tokenizer files (tokenizer.json, "
                                              "vocab.json/merges.txt or vocab.txt)."), name))


def _hub_error(source: str, error: Exception) -> ModelLoadError:
    """Turn a failed hub lookup into "offline" or "not-found"."""
    text = str(error).lower()
    offline_env = os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false")
    if offline_env or any(word in text for word in ("offline", "connect", "network", "resolve", "timed out")):
        return ModelLoadError("offline", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "Could not download {source}: the Hugging Face hub cannot be reached "
                                              "(offline?). Download the model on a connected machine and use "
                                              "File > Open model folder."), {"source": repr(source)}))
    return ModelLoadError("not-found", Message(
        QT_TRANSLATE_NOOP("CoreMessages", "No model named {source} was found on the Hugging Face hub."),
        {"source": repr(source)}))


def refuse_remote_code(source: str) -> None:
    """Raise "remote-code" when a local config names custom code for an architecture we lack."""
    from transformers import CONFIG_MAPPING

    config_file = Path(source) / "config.json"
    if not config_file.is_file():
        return
    try:
        raw = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # AutoConfig reports the broken file
    if isinstance(raw, dict) and raw.get("auto_map") and raw.get("model_type") not in CONFIG_MAPPING:
        raise ModelLoadError("remote-code", _remote_code_message(Path(source).name))


def _remote_code_message(name: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} needs custom code from its authors to run "
                                                     "(trust_remote_code). LM Anatomy never runs downloaded code; "
                                                     "choose another model."), {"name": name})


def _unsupported_message(source: str, detail: str) -> Message:
    config_file = Path(source) / "config.json"
    model_type = "?"
    if config_file.is_file():
        with contextlib.suppress(Exception):
            model_type = json.loads(config_file.read_text()).get("model_type", "?")
    return Message(
        QT_TRANSLATE_NOOP("CoreMessages", "{name} uses an architecture ({model_type}) that the installed "
                                          "transformers library does not know, or that needs custom code. "
                                          "({detail})"),
        {"name": Path(source).name or source, "model_type": model_type, "detail": detail.strip()[:200]})


def _is_out_of_memory(error: BaseException) -> bool:
    return isinstance(error, MemoryError) or "out of memory" in str(error).lower()


def _out_of_memory_message(name: str, device: str) -> Message:
    return Message(
        QT_TRANSLATE_NOOP("CoreMessages", "{name} does not fit in the memory of {device}. Close other programs, "
                                          "or choose a smaller model."), {"name": name, "device": device.upper()})


def _corrupt_message(source: str, error: Exception) -> Message:
    return Message(
        QT_TRANSLATE_NOOP("CoreMessages", "The weights of {name} could not be read; the file may be damaged or "
                                          "incomplete. ({detail})"),
        {"name": Path(source).name or source, "detail": str(error).strip()[:200]})
