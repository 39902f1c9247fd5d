"""Checkpoints in Hugging Face GPT-2 format, written atomically.

A checkpoint folder holds what `transformers.GPT2LMHeadModel.from_pretrained(folder)` and
`AutoTokenizer.from_pretrained(folder)` expect:

    config.json           GPT2Config fields (n_layer, n_head, n_embd, n_positions, ...)
    model.safetensors     weights under GPT-2 names (linear weights as Conv1D, i.e. transposed)
    tokenizer files       whatever `tokenizer.save_pretrained(folder)` writes
    lm_anatomy.json       our GPTConfig and notes (ignored by transformers)
    training_state.*      optional: optimizer moments, step, rng (for resume): core.model.training_state

Every save goes to a temporary folder next to the target and is renamed into place only
once complete, so a crash or error mid-save leaves the previous checkpoint untouched.
Only safetensors and JSON are written or read; nothing is unpickled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.atomic_folders import CheckpointError, atomic_folder, recover_folder
from core.model.gpt import GPT, GPTConfig
from core.model.training_state import TrainingState, write_training_state

WEIGHTS_NAME = "model.safetensors"
CONFIG_NAME = "config.json"
META_NAME = "lm_anatomy.json"

# Linear layers that GPT-2 stores as Conv1D: weight shape (in, out) instead of nn.Linear's (out, in).
_CONV1D_SUFFIXES = ("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight")
# Buffers some GPT-2 files carry (the causal mask); they are not weights.
_IGNORED_SUFFIXES = (".attn.bias", ".attn.masked_bias")
# Hugging Face activation names that are exactly one of ours.
_HF_ACTIVATIONS = {"gelu_new": "gelu_new", "gelu_pytorch_tanh": "gelu_new", "gelu": "gelu", "relu": "relu",
                   "silu": "silu", "swish": "silu", "tanh": "tanh"}


# --------------------------------------------------------------------------- GPT <-> GPT-2 format


def hf_config_dict(config: GPTConfig, bos_token_id: int = 0, eos_token_id: int = 0) -> dict[str, Any]:
    """The `config.json` contents of a GPT2LMHeadModel equivalent to `GPT(config)`."""
    for name, token_id in (("bos_token_id", bos_token_id), ("eos_token_id", eos_token_id)):
        if not 0 <= token_id < config.vocab_size:
            raise CheckpointError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "{name} {token_id} is outside the vocabulary (size {size})."),
                {"name": name, "token_id": token_id, "size": config.vocab_size}))
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": config.vocab_size,
        "n_positions": config.block_size,
        "n_embd": config.n_embd,
        "n_layer": config.n_layer,
        "n_head": config.n_head,
        "n_inner": None,  # 4 * n_embd, like our MLP
        "activation_function": config.activation,
        "resid_pdrop": config.dropout,
        "embd_pdrop": config.dropout,
        "attn_pdrop": config.dropout,
        "layer_norm_epsilon": config.layer_norm_epsilon,
        "initializer_range": 0.02,
        "scale_attn_weights": True,
        "scale_attn_by_inverse_layer_idx": False,
        "reorder_and_upcast_attn": False,
        "tie_word_embeddings": True,
        "bos_token_id": bos_token_id,
        "eos_token_id": eos_token_id,
        "use_cache": True,
        "dtype": "float32",
    }


def _unsupported_option(option: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "GPT-2 option {option} is not supported by our GPT."),
                   {"option": option})


def gpt_config_from_hf_dict(hf: Mapping[str, Any]) -> GPTConfig:
    """Build a GPTConfig from a GPT-2 `config.json` dict; raise CheckpointError if we cannot match it."""
    if hf.get("model_type") != "gpt2":
        raise CheckpointError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "Only GPT-2 checkpoints can be loaded into our GPT (this one is "
                                              "{model_type})."), {"model_type": repr(hf.get("model_type"))}))
    activation = _HF_ACTIVATIONS.get(hf.get("activation_function", "gelu_new"))
    if activation is None:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Unsupported activation function {name}."),
                                      {"name": repr(hf.get("activation_function"))}))
    n_embd = int(hf.get("n_embd", 768))
    if hf.get("n_inner") not in (None, 4 * n_embd):
        raise CheckpointError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "Unsupported MLP width n_inner={width} (ours is 4 * n_embd)."),
            {"width": hf.get("n_inner")}))
    for flag in ("scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn", "add_cross_attention"):
        if hf.get(flag):
            raise CheckpointError(_unsupported_option(f"{flag}=True"))
    if hf.get("scale_attn_weights") is False:
        raise CheckpointError(_unsupported_option("scale_attn_weights=False"))
    return GPTConfig(
        vocab_size=int(hf["vocab_size"]),
        block_size=int(hf.get("n_positions", 1024)),
        n_layer=int(hf.get("n_layer", 12)),
        n_head=int(hf.get("n_head", 12)),
        n_embd=n_embd,
        dropout=float(hf.get("resid_pdrop", 0.0)),
        bias=True,
        activation=activation,
        layer_norm_epsilon=float(hf.get("layer_norm_epsilon", 1e-5)),
    )


def gpt_state_to_hf(model: GPT) -> dict[str, torch.Tensor]:
    """Our state dict renamed for GPT2LMHeadModel: Conv1D weights transposed, missing biases as zeros.

    The tied `lm_head.weight` is left out (transformers re-ties it to `transformer.wte.weight`).
    """
    out: dict[str, torch.Tensor] = {}
    for name, tensor in model.state_dict().items():
        if name == "lm_head.weight":
            continue
        if name.endswith(_CONV1D_SUFFIXES):
            tensor = tensor.t()  # (out, in) -> (in, out)
        out[name] = tensor.detach().to("cpu").contiguous().clone()
    if not model.config.bias:  # GPT-2 always has biases; zeros behave exactly like none
        for name, tensor in list(out.items()):
            if name.endswith(".weight") and not name.endswith(("wte.weight", "wpe.weight")):
                bias_name = name[: -len("weight")] + "bias"
                width = tensor.shape[1] if name.endswith(_CONV1D_SUFFIXES) else tensor.shape[0]
                out[bias_name] = torch.zeros(width, dtype=tensor.dtype)
    return out


def hf_state_to_gpt(state: Mapping[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A GPT-2 state dict (with or without the `transformer.` prefix) as our GPT's state dict."""
    out: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        if name.endswith(_IGNORED_SUFFIXES) or name == "lm_head.weight":
            continue
        if not name.startswith("transformer."):
            name = "transformer." + name
        if name.endswith(_CONV1D_SUFFIXES):
            tensor = tensor.t()  # (in, out) -> (out, in)
        out[name] = tensor.contiguous()
    if "transformer.wte.weight" not in out:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The weights have no token embedding (transformer.wte.weight); is this a GPT-2 model?")))
    out["lm_head.weight"] = out["transformer.wte.weight"]
    return out


def gpt_from_state(config: GPTConfig, state: Mapping[str, torch.Tensor]) -> GPT:
    """A GPT with `config` holding GPT-2-named weights `state`; raise CheckpointError on mismatch."""
    model = GPT(config)
    try:
        model.load_state_dict(hf_state_to_gpt(state), strict=True)
    except RuntimeError as exc:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The weights do not fit the configuration: "
                                                                        "{error}"), {"error": str(exc)})) from exc
    return model


def gpt_from_hf_model(hf_model: Any) -> GPT:
    """Copy a loaded `transformers.GPT2LMHeadModel` into our GPT (for fine-tuning)."""
    config = gpt_config_from_hf_dict(hf_model.config.to_dict())
    return gpt_from_state(config, {k: v.detach().float().cpu() for k, v in hf_model.state_dict().items()})


def _read_weights(folder: Path) -> dict[str, torch.Tensor]:
    """All tensors of `model.safetensors` or of a sharded `model.safetensors.index.json`."""
    single = folder / WEIGHTS_NAME
    index = folder / (WEIGHTS_NAME + ".index.json")
    try:
        if single.exists():
            return load_file(str(single))
        if index.exists():
            shards = sorted(set(json.loads(index.read_text())["weight_map"].values()))
            state: dict[str, torch.Tensor] = {}
            for shard in shards:
                state.update(load_file(str(folder / shard)))
            return state
    except (OSError, ValueError, KeyError) as exc:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Could not read the weights in {folder}: "
                                                                        "{error}"),
                                      {"folder": str(folder), "error": str(exc)})) from exc
    raise CheckpointError(Message(
        QT_TRANSLATE_NOOP("CoreMessages", "{folder} has no {file} (only safetensors weights are loaded)."),
        {"folder": str(folder), "file": WEIGHTS_NAME}))


def load_gpt_from_hf_folder(folder: str | os.PathLike, device: str = "cpu") -> GPT:
    """Load a GPT-2-format folder (ours or Hugging Face's) into our GPT on `device`."""
    folder = recover_folder(folder)
    if not (folder / CONFIG_NAME).exists():
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{folder} has no {file}; it is not a model "
                                                                        "folder."),
                                      {"folder": str(folder), "file": CONFIG_NAME}))
    hf = json.loads((folder / CONFIG_NAME).read_text(encoding="utf-8"))
    config = gpt_config_from_hf_dict(hf)
    meta_path = folder / META_NAME
    if meta_path.exists():  # our own checkpoint: restore fields GPT-2 cannot express (bias=False)
        saved = json.loads(meta_path.read_text(encoding="utf-8")).get("gpt_config", {})
        known = {f.name for f in fields(GPTConfig)}
        config = GPTConfig(**{k: v for k, v in saved.items() if k in known})
    state = _read_weights(folder)
    if not config.bias:
        state = {k: v for k, v in state.items() if not k.endswith(".bias")}  # exported as zeros
    return gpt_from_state(config, state).to(device)


_EOS_NAMES = ("</s>", "<|endoftext|>", "<eos>", "[SEP]")
_BOS_NAMES = ("<s>", "<|endoftext|>", "<bos>", "[CLS]")


def _special_token_id(tokenizer: Any, attribute: str, names: tuple[str, ...] = ()) -> int | None:
    """The tokenizer's `attribute` (e.g. `eos_token_id`) if it is an int, else the id of the first of
    `names` in its `special_tokens` mapping (our BPE tokenizer), else None."""
    if tokenizer is None:
        return None
    value = getattr(tokenizer, attribute, None)
    if isinstance(value, int):
        return value
    specials = getattr(tokenizer, "special_tokens", None)
    if isinstance(specials, Mapping):
        for name in names:
            if isinstance(specials.get(name), int):
                return specials[name]
    return None


def save_checkpoint(
    model: GPT,
    folder: str | os.PathLike,
    tokenizer: Any = None,
    metadata: Mapping[str, Any] | None = None,
    training_state: TrainingState | None = None,
    optimizer: torch.optim.Optimizer | None = None,
) -> Path:
    """Write `model` (and optionally tokenizer and training state) to `folder` atomically.

    `tokenizer` is anything with `save_pretrained(folder)`. The eos id is the tokenizer's
    `eos_token_id` or its "</s>"/"<|endoftext|>" special token, else its `unk_id`, else 0;
    bos likewise ("<s>"), defaulting to eos. `metadata` is stored
    in lm_anatomy.json (e.g. step and val loss). Returns the folder path.
    """
    eos = _special_token_id(tokenizer, "eos_token_id", _EOS_NAMES)
    if eos is None:  # e.g. a character tokenizer: its [UNK] id never ends ordinary text
        eos = _special_token_id(tokenizer, "unk_id")
    eos = 0 if eos is None else eos
    bos = _special_token_id(tokenizer, "bos_token_id", _BOS_NAMES)
    bos = eos if bos is None else bos
    with atomic_folder(folder) as tmp:
        config_json = hf_config_dict(model.config, bos_token_id=bos, eos_token_id=eos)
        (tmp / CONFIG_NAME).write_text(json.dumps(config_json, indent=2), encoding="utf-8")
        save_file(gpt_state_to_hf(model), str(tmp / WEIGHTS_NAME), metadata={"format": "pt"})
        meta = {"gpt_config": asdict(model.config), **(dict(metadata) if metadata else {})}
        (tmp / META_NAME).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        if tokenizer is not None:
            tokenizer.save_pretrained(str(tmp))
        if training_state is not None:
            write_training_state(tmp, training_state, optimizer)
    return Path(folder)


def save_model_folder(save_fn: Any, folder: str | os.PathLike) -> Path:
    """Atomically write any model whose `save_fn(tmp_folder)` writes a complete folder (e.g. an
    HF model's `save_pretrained`). Returns the folder path."""
    with atomic_folder(folder) as tmp:
        save_fn(tmp)
    return Path(folder)
