"""The current model: one object that every tab and core function takes.

`load_model(path_or_id)` opens a Hugging Face model folder (or a hub id when online) with
safetensors weights only and `trust_remote_code=False`, always. The result, a `LoadedModel`,
says what the model can do: predict the next token (causal LMs), fill a mask (masked LMs),
classify a text or each of its tokens, or find an answer in a text (models with a task head:
sentiment, named entities, extractive question answering), and show attention (every transformer
we can load). The kind comes from the architecture the config names (`model_kind`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.kinds import (  # the kinds and capabilities, imported from here by the rest of the app
    ANSWER_QUESTION,
    ATTENTION,
    CAPABILITIES_BY_KIND,
    CAUSAL_LM,
    CLASSIFY_TEXT,
    CLASSIFY_TOKENS,
    ENCODER,
    FILL_MASK,
    KIND_LABELS,
    MASKED_LM,
    NEXT_TOKEN,
    QUESTION_ANSWERING,
    SEQUENCE_CLASSIFIER,
    TASK_HEAD_KINDS,
    TOKEN_CLASSIFIER,
    auto_class,
    model_kind,
)
from core.model.load_errors import (
    ModelLoadError,
    _check_folder,
    _corrupt_message,
    _hub_error,
    _is_out_of_memory,
    _out_of_memory_message,
    _remote_code_message,
    _unsupported_message,
    refuse_remote_code,
)

__all__ = ["ANSWER_QUESTION", "ATTENTION", "CAUSAL_LM", "CLASSIFY_TEXT", "CLASSIFY_TOKENS", "ENCODER", "FILL_MASK",
           "MASKED_LM", "NEXT_TOKEN", "QUESTION_ANSWERING", "SEQUENCE_CLASSIFIER", "TASK_HEAD_KINDS",
           "TOKEN_CLASSIFIER", "AttentionUnavailableError", "ForwardResult", "LoadedModel", "TextTooLongError",
           "ModelLoadError", "context_length_of", "format_parameter_count", "load_model", "looks_like_hub_id",
           "model_kind", "scaled_parameter_count"]

# RoBERTa-style embeddings number positions from padding_idx + 1, so they lose that many slots.
POSITION_OFFSET_MODEL_TYPES = {"roberta", "xlm-roberta", "xlm-roberta-xl", "camembert", "roberta-prelayernorm",
                               "data2vec-text"}
HUB_ID_PATTERN = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")


class AttentionUnavailableError(MessageError, RuntimeError):
    """The model returned no (or too few) attention maps."""


class TextTooLongError(MessageError, ValueError):
    """The input has more tokens than the model's context window."""


@dataclass
class ForwardResult:
    """One forward pass over a single sequence of T tokens.

    logits: (T, vocab) float32 for models with an LM head; a classifier's (labels,) for the text or
    (T, labels) per token; None for others (a question-answering head gives start and end logits).
    attentions: (layers, heads, T, T) float32 when requested, else None.
    """

    input_ids: list[int]
    logits: Any = None
    attentions: Any = None


@dataclass
class LoadedModel:
    """A model, its tokenizer and where it runs, plus what it can do."""

    name: str
    source: str  # folder path or hub id
    kind: str  # CAUSAL_LM, MASKED_LM, ENCODER or one of TASK_HEAD_KINDS
    model: Any = field(repr=False)  # a transformers PreTrainedModel in eval mode
    tokenizer: Any = field(repr=False)
    device: str = "cpu"
    n_parameters: int = 0
    n_layers: int = 0
    n_heads: int = 0
    context_length: int | None = None
    architecture: str = ""
    warnings: list[Message] = field(default_factory=list)  # `str(w)` is English
    # Held while the attention implementation is switched, so threads never see it half-switched.
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def capabilities(self) -> frozenset[str]:
        """The things this model can show: NEXT_TOKEN, FILL_MASK, a task head's and/or ATTENTION."""
        return CAPABILITIES_BY_KIND[self.kind]

    @property
    def labels(self) -> list[str]:
        """A classifier's label names, in the order of its logits (`id2label`; "LABEL_3" where it says none)."""
        config = getattr(self.model, "config", None)
        id2label = getattr(config, "id2label", None) or {}
        count = int(getattr(config, "num_labels", 0) or len(id2label))
        return [str(id2label.get(i, id2label.get(str(i), f"LABEL_{i}"))) for i in range(count)]

    def can(self, capability: str) -> bool:
        """True if `capability` (NEXT_TOKEN, FILL_MASK, CLASSIFY_TEXT, CLASSIFY_TOKENS, ANSWER_QUESTION,
        ATTENTION) applies to this model."""
        return capability in self.capabilities

    def why_not(self, capability: str) -> str | None:
        """A sentence explaining why `capability` is unavailable (English), or None if it is available."""
        reason = self.unavailable_reason(capability)
        return None if reason is None else str(reason)

    def unavailable_reason(self, capability: str) -> Message | None:
        """`why_not` as a translatable `Message` (the GUI shows it with `gui.common.core_text.localized`)."""
        if self.can(capability):
            return None
        args = {"name": self.name, "kind": self.kind_label()}
        if capability == NEXT_TOKEN:
            return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is a {kind}: it has no next-token head. "
                                                             "Load a causal LM such as GPT-2."), args)
        if capability == FILL_MASK:
            return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is a {kind}: it cannot fill masks. "
                                                             "Load a masked LM such as BERT or RoBERTa."), args)
        return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} cannot show {capability}."),
                       {"name": self.name, "capability": capability})

    def kind_label(self) -> Message:
        """What kind of model this is ("causal LM", "masked LM", ...), translatable."""
        return Message(KIND_LABELS[self.kind])

    def describe(self) -> str:
        """Short English text, e.g. "gpt2-tiny (causal LM, 1.2 M parameters)" (the GUI builds its own,
        translated and with the language's number format)."""
        return f"{self.name} ({KIND_LABELS[self.kind]}, {format_parameter_count(self.n_parameters)} parameters)"

    def encode(self, text: str) -> list[int]:
        """Token ids for `text`, with the special tokens the model expects."""
        return list(self.tokenizer(text)["input_ids"])

    @contextlib.contextmanager
    def eager_attention(self) -> Iterator[None]:
        """Switch to the eager attention implementation for the duration of an analysis pass.

        transformers 5.x returns no attention weights under SDPA, the default.
        """
        with self.lock:
            config = self.model.config
            previous = getattr(config, "_attn_implementation", None)
            if previous == "eager" or not hasattr(self.model, "set_attn_implementation"):
                yield
                return
            self.model.set_attn_implementation("eager")
            try:
                yield
            finally:
                self.model.set_attn_implementation(previous)

    def forward(self, input_ids: list[int], attentions: bool = False) -> ForwardResult:
        """Run the model once on `input_ids`; see `ForwardResult` for the shapes returned."""
        import torch

        if self.context_length and len(input_ids) > self.context_length:
            raise TextTooLongError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "The text is {n} tokens long, but {name} reads at most "
                                                  "{limit} tokens at a time."),
                {"n": len(input_ids), "name": self.name, "limit": self.context_length}))
        ids = torch.tensor([input_ids], dtype=torch.long, device=self.device)  # (1, T)
        with torch.no_grad():
            if attentions:
                with self.eager_attention():
                    output = self.model(ids, output_attentions=True)
            else:
                output = self.model(ids)
        result = ForwardResult(input_ids=list(input_ids))
        logits = getattr(output, "logits", None)
        if logits is not None:
            result.logits = logits[0].float().cpu().numpy()  # (T, vocab)
        if attentions:
            maps = getattr(output, "attentions", None) or ()
            if len(maps) != self.n_layers:
                raise AttentionUnavailableError(Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{name} returned {maps} attention maps for {layers} layers."),
                    {"name": self.name, "maps": len(maps), "layers": self.n_layers}))
            stacked = torch.stack([layer[0] for layer in maps])  # (layers, heads, T, T)
            result.attentions = stacked.float().cpu().numpy()
        return result


def scaled_parameter_count(count: int) -> tuple[float, str]:
    """1234567 -> (1.234567, "M"); 12345 -> (12.345, "k"); 512 -> (512.0, "")."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if count >= size:
            return count / size, suffix
    return float(count), ""


def format_parameter_count(count: int) -> str:
    """1234567 -> "1.2 M"; 12345 -> "12.3 k"."""
    value, suffix = scaled_parameter_count(count)
    return f"{value:.1f} {suffix}" if suffix else str(count)


def looks_like_hub_id(text: str) -> bool:
    """True for "gpt2" or "openai-community/gpt2"; False for anything path-like."""
    if not text or text.startswith((".", "~", "/")) or "\\" in text or ":" in text:
        return False
    return bool(HUB_ID_PATTERN.match(text))


def load_model(path_or_id: str | os.PathLike[str], device: str | None = None) -> LoadedModel:
    """Load a causal LM, masked LM, plain encoder or task-head model from a folder or a hub id.

    A `Path` or an existing folder is always read as a folder; a string like "org/name"
    that is not a folder is a hub id. Raises `ModelLoadError` with a user-facing message.
    """
    from core.devices import DeviceUnavailableError, select_device

    try:
        device = select_device(device)
    except DeviceUnavailableError as error:
        raise ModelLoadError("device", error.message) from None
    text = os.fspath(path_or_id)
    folder = Path(text).expanduser()
    if isinstance(path_or_id, os.PathLike) or folder.is_dir() or not looks_like_hub_id(text):
        _check_folder(folder)
        source, name = str(folder), folder.name
    else:
        source, name = text, text
    config = _load_config(source)
    kind = model_kind(config)
    tokenizer = _load_tokenizer(source)
    model, warnings = _load_weights(source, config, kind)
    try:
        model.to(device)
    except (MemoryError, RuntimeError) as error:  # torch.OutOfMemoryError is a RuntimeError
        if not _is_out_of_memory(error):
            raise
        raise ModelLoadError("out-of-memory", _out_of_memory_message(name, device)) from None
    model.eval()
    return LoadedModel(
        name=name,
        source=source,
        kind=kind,
        model=model,
        tokenizer=tokenizer,
        device=device,
        n_parameters=sum(p.numel() for p in model.parameters()),
        n_layers=int(getattr(config, "num_hidden_layers", 0) or 0),
        n_heads=int(getattr(config, "num_attention_heads", 0) or 0),
        context_length=context_length_of(config),
        architecture=type(model).__name__,
        warnings=warnings,
    )


def _load_config(source: str) -> Any:
    """AutoConfig without remote code; clear errors for custom or unknown architectures."""
    from transformers import AutoConfig

    refuse_remote_code(source)
    try:
        return AutoConfig.from_pretrained(source, trust_remote_code=False)
    except ValueError as error:
        message = str(error)
        if "trust_remote_code" in message or "custom code" in message:
            raise ModelLoadError("remote-code", _remote_code_message(Path(source).name or source)) from None
        raise ModelLoadError("unsupported", _unsupported_message(source, message)) from None
    except KeyError as error:
        raise ModelLoadError("unsupported", _unsupported_message(source, str(error))) from None
    except json.JSONDecodeError as error:
        raise ModelLoadError("corrupt-weights", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "config.json of {source} is not valid JSON: {error}."),
            {"source": source, "error": str(error)})) from None
    except OSError as error:
        if Path(source).is_dir():
            raise ModelLoadError("missing-files", Message(
                QT_TRANSLATE_NOOP("CoreMessages", "Could not read config.json in {source}: {error}"),
                {"source": source, "error": str(error)})) from None
        raise _hub_error(source, error) from None


def _load_tokenizer(source: str) -> Any:
    """AutoTokenizer for the model, or a clear `ModelLoadError`."""
    from transformers import AutoTokenizer

    def cannot_load(error: Exception) -> Message:
        return Message(QT_TRANSLATE_NOOP("CoreMessages", "Could not load the tokenizer of {source}: {error}"),
                       {"source": source, "error": str(error)})

    try:
        return AutoTokenizer.from_pretrained(source, trust_remote_code=False)
    except ValueError as error:
        if "trust_remote_code" in str(error):
            raise ModelLoadError("remote-code", Message(
                QT_TRANSLATE_NOOP("CoreMessages", "The tokenizer of {source} needs custom code; it is not loaded."),
                {"source": source})) from None
        raise ModelLoadError("missing-files", cannot_load(error)) from None
    except OSError as error:
        if Path(source).is_dir():
            raise ModelLoadError("missing-files", cannot_load(error)) from None
        raise _hub_error(source, error) from None
    except Exception as error:  # tokenizers raises its own exception type for broken files
        raise ModelLoadError("missing-files", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "The tokenizer files of {source} are broken: {error}"),
            {"source": source, "error": str(error)})) from None


def _load_weights(source: str, config: Any, kind: str) -> tuple[Any, list[str]]:
    """Build the model class for `kind` and load safetensors weights into it."""
    import torch

    try:
        model, info = auto_class(kind)[0].from_pretrained(
            source,
            config=config,
            use_safetensors=True,
            trust_remote_code=False,
            dtype=torch.float32,
            output_loading_info=True,
        )
    except OSError as error:
        if Path(source).is_dir():
            raise ModelLoadError("corrupt-weights", _corrupt_message(source, error)) from None
        raise _hub_error(source, error) from None
    except (MemoryError, RuntimeError, ValueError, KeyError) as error:
        if _is_out_of_memory(error):
            message = _out_of_memory_message(Path(source).name or source, "cpu")
            raise ModelLoadError("out-of-memory", message) from None
        raise ModelLoadError("corrupt-weights", _corrupt_message(source, error)) from None
    except Exception as error:  # safetensors raises SafetensorError for damaged files
        if type(error).__name__ == "SafetensorError":
            raise ModelLoadError("corrupt-weights", _corrupt_message(source, error)) from None
        raise
    warnings = []
    missing = sorted(key for key in info.get("missing_keys", []) if "position_ids" not in key)
    if missing:
        warnings.append(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{n} weights were missing from the checkpoint and were initialised "
                                              "at random (e.g. {example}); this model's predictions will be "
                                              "meaningless."), {"n": len(missing), "example": missing[0]}))
    return model, warnings


def context_length_of(config: Any) -> int | None:
    """Longest input the model accepts, in tokens."""
    for name in ("n_positions", "max_position_embeddings", "n_ctx"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            pad = getattr(config, "pad_token_id", None)
            if getattr(config, "model_type", "") in POSITION_OFFSET_MODEL_TYPES and pad is not None:
                value -= pad + 1
            return value
    return None
