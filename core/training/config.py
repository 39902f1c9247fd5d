"""The settings of one training run: `TrainingConfig`, its checks, and the named presets.

`TrainingConfig.problems()` lists every reason a config cannot run (one translatable Message
each); `validate()` raises them together as a `TrainingConfigError`. `preset_config` builds
the "cpu-quick" and "gpu-baby" presets (nanoGPT's reference models) with overrides.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.model.activations import ACTIVATIONS

MODEL_TYPES = ("gpt", "bigram", "mlm")
INIT_FROM = ("scratch", "resume", "finetune")
DTYPES = ("auto", "float32", "bfloat16", "float16")
PRESET_NAMES = ("cpu-quick", "gpu-baby", "custom")


class TrainingConfigError(MessageError, ValueError):
    """A TrainingConfig that cannot run. `str(error)` is English; `error.message` is translatable.

    `problems` lists each reason on its own (the GUI shows them one per line)."""

    def __init__(self, message: Message | str, problems: list[Message] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems) if problems is not None else [self.message]


def joined(messages: list[Message], separator: str = "; ") -> Message:
    """One Message reading "first; second; ..." (each part still translatable)."""
    if len(messages) == 1:
        return messages[0]
    return Message("{first}" + separator + "{rest}", {"first": messages[0], "rest": joined(messages[1:], separator)})


@dataclass
class TrainingConfig:
    """Everything one training run needs besides the data. Defaults are the "cpu-quick" preset."""

    # model
    model_type: str = "gpt"  # "gpt", "bigram" or "mlm" (masked LM, RoBERTa)
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 128
    block_size: int = 64  # context length in tokens
    dropout: float = 0.0
    bias: bool = False  # biases in Linear/LayerNorm; nanoGPT's train.py default (exported as zeros)
    activation: str = "gelu"  # the MLP's non-linearity (core.model.gpt.ACTIVATIONS); exact GELU, as nanoGPT
    # optimisation
    batch_size: int = 12  # sequences per micro-batch
    gradient_accumulation_steps: int = 1  # micro-batches per optimizer step
    max_iters: int = 2000  # optimizer steps
    epochs: float | None = None  # run length in passes over the train tokens; sets max_iters once they are counted
    learning_rate: float = 1e-3  # peak learning rate
    min_lr: float | None = 1e-4  # floor of the cosine decay; None means learning_rate / 10
    warmup_iters: int = 100  # linear warmup steps
    lr_decay_iters: int | None = None  # step where the cosine reaches min_lr; None means max_iters
    decay_lr: bool = True
    weight_decay: float = 0.1  # applied to 2-D weights (matmuls, embeddings) only
    beta1: float = 0.9
    beta2: float = 0.99
    grad_clip: float = 1.0  # max global gradient norm; 0 disables clipping
    # evaluation and logging
    eval_interval: int = 250  # steps between evaluations (and checkpoints)
    eval_iters: int = 20  # batches per split in estimate_loss
    log_interval: int = 10  # steps between StepRecords (each costs one GPU sync)
    eval_at_start: bool = True  # evaluate at step 0 so the plot starts at the untrained loss
    sample_tokens: int = 200  # length of the text sample at each evaluation (0 = none)
    sample_temperature: float = 0.8
    sample_top_k: int | None = 200
    sample_prompt: str = ""  # empty: start from the first token of the validation split
    mlm_probability: float = 0.15  # fraction of tokens masked for the "mlm" objective
    val_fraction: float = 0.1  # question/answer corpora: share of whole records held out for validation
    split_seed: int = 0  # ...and the seed that picks them (plain text keeps its contiguous 90/10 split)
    baseline: str | None = "bigram"  # dashed line on the loss plot: "bigram", "unigram" or None
    # where and how
    device: str = "auto"  # "auto", "cpu", "cuda", "mps"
    dtype: str = "auto"  # "auto" = bf16 on CUDA when supported, else fp16; always fp32 off CUDA
    compile: bool = False  # torch.compile the model for training (CUDA only; no gain measured on the CPU)
    seed: int = 1337
    out_dir: str | None = None  # checkpoints go to out_dir/best and out_dir/last; None = no checkpoints
    init_from: str = "scratch"  # "scratch", "resume" (from out_dir/last) or "finetune"
    finetune_from: str | None = None  # a GPT-2-format folder, for init_from="finetune"

    @property
    def tokens_per_iter(self) -> int:
        """Training tokens per optimizer step."""
        return self.gradient_accumulation_steps * self.batch_size * self.block_size

    def validate(self) -> None:
        """Raise TrainingConfigError with a readable message for settings that cannot run."""
        problems = self.problems()
        if problems:
            raise TrainingConfigError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Cannot start training: {problems}."),
                                              {"problems": joined(problems)}), problems)

    def problems(self) -> list[Message]:
        """Every reason these settings cannot run (empty when they can), one Message each."""
        problems = []

        def problem(template: str, **args: Any) -> None:
            problems.append(Message(template, args))

        if self.model_type not in MODEL_TYPES:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "model type must be one of {choices}"),
                    choices=", ".join(MODEL_TYPES))
        if self.model_type != "bigram" and self.n_head >= 1 and self.n_embd % self.n_head != 0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "n_embd ({n_embd}) must be divisible by n_head ({n_head}), "
                                                      "since each head gets n_embd / n_head dimensions; try n_embd "
                                                      "= {suggestion}"),
                    n_embd=self.n_embd, n_head=self.n_head,
                    suggestion=max(self.n_head, round(self.n_embd / self.n_head) * self.n_head))
        for name in ("n_layer", "n_head", "n_embd", "block_size", "batch_size", "gradient_accumulation_steps",
                     "max_iters", "eval_interval", "eval_iters", "log_interval"):
            if getattr(self, name) < 1:
                problem(QT_TRANSLATE_NOOP("CoreMessages", "{name} must be at least 1 (got {value})"),
                        name=name, value=getattr(self, name))
        if not self.learning_rate > 0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "learning rate must be positive (got {value})"),
                    value=self.learning_rate)
        if self.min_lr is not None and not 0 <= self.min_lr <= self.learning_rate:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "min_lr must be between 0 and the learning rate (got {value})"),
                    value=self.min_lr)
        if self.warmup_iters < 0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "warmup_iters must not be negative"))
        if not 0.0 <= self.dropout < 1.0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "dropout must be in [0, 1) (got {value})"), value=self.dropout)
        if not 0.0 < self.mlm_probability < 1.0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "mlm_probability must be in (0, 1) (got {value})"),
                    value=self.mlm_probability)
        if self.epochs is not None and not self.epochs > 0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "epochs must be positive (got {value})"), value=self.epochs)
        if not 0.0 < self.val_fraction < 1.0:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "val_fraction must be in (0, 1) (got {value})"),
                    value=self.val_fraction)
        if self.dtype not in DTYPES:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "dtype must be one of {choices}"), choices=", ".join(DTYPES))
        if self.baseline not in (None, "bigram", "unigram"):
            problem(QT_TRANSLATE_NOOP("CoreMessages", "baseline must be 'bigram', 'unigram' or None"))
        if self.activation not in ACTIVATIONS:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "activation must be one of {choices}"),
                    choices=", ".join(ACTIVATIONS))
        if self.init_from not in INIT_FROM:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "init_from must be one of {choices}"),
                    choices=", ".join(INIT_FROM))
        if self.init_from == "resume" and not self.out_dir:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "resuming needs out_dir (the folder holding the 'last' "
                                                      "checkpoint)"))
        if self.init_from == "finetune" and (not self.finetune_from or self.model_type not in ("gpt", "mlm")):
            problem(QT_TRANSLATE_NOOP("CoreMessages", "fine-tuning needs model_type 'gpt' (a GPT-2-format folder) or "
                                                      "'mlm' (a masked-LM folder) and finetune_from"))
        return problems

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy (saved with checkpoints)."""
        return dataclasses.asdict(self)


_PRESETS: dict[str, dict[str, Any]] = {
    # nanoGPT's CPU reference: val loss 1.8857 at step 2000 on tiny Shakespeare.
    "cpu-quick": dict(n_layer=4, n_head=4, n_embd=128, block_size=64, batch_size=12, learning_rate=1e-3,
                      max_iters=2000, warmup_iters=100, min_lr=1e-4, beta2=0.99, dropout=0.0, bias=False,
                      eval_interval=250, eval_iters=20, lr_decay_iters=None),  # None: decay over max_iters
    # nanoGPT's shakespeare_char GPU model.
    "gpu-baby": dict(n_layer=6, n_head=6, n_embd=384, block_size=256, batch_size=64, learning_rate=1e-3,
                     max_iters=5000, warmup_iters=100, min_lr=1e-4, beta2=0.99, dropout=0.2, bias=False,
                     eval_interval=250, eval_iters=200, lr_decay_iters=None),
    "custom": {},
}


def preset_config(name: str, **overrides: Any) -> TrainingConfig:
    """A fresh TrainingConfig for preset `name` ("cpu-quick", "gpu-baby", "custom"), with overrides."""
    if name not in _PRESETS:
        raise TrainingConfigError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Unknown preset {name}; choose one of "
                                                                            "{choices}."),
                                          {"name": repr(name), "choices": ", ".join(PRESET_NAMES)}))
    return TrainingConfig(**{**_PRESETS[name], **overrides})
