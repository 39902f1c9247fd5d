"""Fine-tuning the current model: which objective each kind of model continues with, and its shape.

- A causal LM of the GPT-2 family continues its next-token training as our GPT ("gpt"), which
  reads and writes GPT-2 checkpoints.
- A masked LM (BERT, RoBERTa, DistilBERT... with their `...ForMaskedLM` head) continues its
  masked-LM training ("mlm") with its own tokenizer, as the course continues training its RoBERTa.
- Anything else cannot be fine-tuned here, and `fine_tune_objective` says why: a plain encoder
  (no language-model head), a model with a task head (sentiment, entities, answers), or a causal
  LM of another family.

`model_shape` reads layers, heads, width, vocabulary and context from a Hugging Face config
whatever it calls them (`n_layer` or `num_hidden_layers`, `n_embd` or `hidden_size`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.loading import CAUSAL_LM, MASKED_LM, TASK_HEAD_KINDS, LoadedModel, context_length_of

GPT_OBJECTIVE, MLM_OBJECTIVE = "gpt", "mlm"
TASK_HEADS = ("ForSequenceClassification", "ForTokenClassification", "ForQuestionAnswering", "ForMultipleChoice",
              "ForNextSentencePrediction", "ForPreTraining")

_NAMES = {  # ModelShape field -> the names configs use for it, most common first
    "layers": ("n_layer", "num_hidden_layers", "num_layers", "n_layers"),
    "heads": ("n_head", "num_attention_heads", "n_heads"),
    "width": ("n_embd", "hidden_size", "d_model", "dim"),
    "vocab_size": ("vocab_size",),
}


class FineTuneUnavailable(MessageError, ValueError):
    """The model cannot be fine-tuned here; `str()` (or `.message`, translatable) says why."""


@dataclass(frozen=True)
class ModelShape:
    """The sizes fine-tuning keeps from the model; None where the config does not say."""

    layers: int | None
    heads: int | None
    width: int | None
    vocab_size: int | None
    context: int | None  # longest input in tokens


def model_shape(config: Any) -> ModelShape:
    """Layers, heads, width, vocabulary and context of a Hugging Face `config`, under any of their names."""
    def first(names: tuple[str, ...]) -> int | None:
        for name in names:
            value = getattr(config, name, None)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None

    return ModelShape(**{field: first(names) for field, names in _NAMES.items()}, context=context_length_of(config))


def fine_tune_objective(loaded: LoadedModel) -> str:
    """"gpt" or "mlm": the objective `loaded` continues with. Raises FineTuneUnavailable with the reason
    for every other model, and for one loaded by name rather than from a folder on disk."""
    config = loaded.model.config
    args = {"name": loaded.name, "arch": loaded.architecture or loaded.kind}
    task = next((arch for arch in getattr(config, "architectures", None) or [] if arch.endswith(TASK_HEADS)), None)
    if task is None and loaded.kind in TASK_HEAD_KINDS:  # a task-head kind whose config lists no architecture
        task = loaded.architecture or loaded.kind
    if task is not None:
        raise FineTuneUnavailable(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} has a task head ({task}), not a language-model head: there is no next or "
                            "hidden token for it to learn."), {**args, "task": task}))
    if loaded.kind == CAUSAL_LM:
        if getattr(config, "model_type", "") != "gpt2":
            raise FineTuneUnavailable(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Fine-tuning a causal LM works on GPT-2 style models; {name} is a {arch}."), args))
        objective = GPT_OBJECTIVE
    elif loaded.kind == MASKED_LM:
        objective = MLM_OBJECTIVE
    else:
        raise FineTuneUnavailable(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} is a plain encoder ({arch}): it has no language-model head to train."), args))
    if not Path(str(loaded.source)).is_dir():
        raise FineTuneUnavailable(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} was loaded by name; fine-tuning needs a model folder on disk."), args))
    return objective


def load_masked_lm(folder: str | Path) -> Any:
    """The masked LM saved in `folder`, ready to train (safetensors only, never code from the folder)."""
    from transformers import AutoModelForMaskedLM

    from core.model.load_errors import refuse_remote_code

    refuse_remote_code(str(folder))
    return AutoModelForMaskedLM.from_pretrained(str(folder), trust_remote_code=False, use_safetensors=True)
