"""The training loop, as a generator of plain records: no Qt, no globals, no exceptions for the caller.

    for event in train(config, data, tokenizer, control):
        if isinstance(event, StepRecord): ...      # every log_interval steps, with eval results at eval steps
        elif isinstance(event, TrainingFinished): ...  # always the last event; `error` says what went wrong

The loop reads top to bottom like nanoGPT's: random batches from the memory-mapped token file,
AdamW with weight decay on 2-D weights only, linear warmup then cosine decay, gradient
accumulation and clipping, autocast (bf16, else fp16 with a GradScaler) on CUDA only, and
`loss.item()` only on logging steps because it waits for the GPU. `TrainingControl` pauses,
resumes and stops the loop from another thread; it is checked every iteration.

Three objectives share the loop: "gpt" (our GPT, next-token prediction), "bigram" (a V x V
table) and "mlm" (transformers' RobertaForMaskedLM with DataCollatorForLanguageModeling).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import math
import os
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from core.bigram import BigramLanguageModel, count_baseline_loss, load_bigram_checkpoint, save_bigram_checkpoint
from core.checkpoint import (
    CheckpointError,
    TrainingState,
    atomic_folder,
    load_gpt_from_hf_folder,
    read_training_state,
    recover_folder,
    save_checkpoint,
    write_training_state,
)
from core.gpt import GPT, GPTConfig, flops_per_token
from core.messages import QT_TRANSLATE_NOOP, Message, MessageError, message_of
from core.token_data import CorpusTooShortError, TokenData, encoder_for

MODEL_TYPES = ("gpt", "bigram", "mlm")
INIT_FROM = ("scratch", "resume", "finetune")
DTYPES = ("auto", "float32", "bfloat16", "float16")
PRESET_NAMES = ("cpu-quick", "gpu-baby", "custom")
SPEED_EMA_BETA = 0.9  # smoothing of tokens/s between log steps


# --------------------------------------------------------------------------- configuration


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
    # optimisation
    batch_size: int = 12  # sequences per micro-batch
    gradient_accumulation_steps: int = 1  # micro-batches per optimizer step
    max_iters: int = 2000  # optimizer steps
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
    baseline: str | None = "bigram"  # dashed line on the loss plot: "bigram", "unigram" or None
    # where and how
    device: str = "auto"  # "auto", "cpu", "cuda", "mps"
    dtype: str = "auto"  # "auto" = bf16 on CUDA when supported, else fp16; always fp32 off CUDA
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
        if self.dtype not in DTYPES:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "dtype must be one of {choices}"), choices=", ".join(DTYPES))
        if self.baseline not in (None, "bigram", "unigram"):
            problem(QT_TRANSLATE_NOOP("CoreMessages", "baseline must be 'bigram', 'unigram' or None"))
        if self.init_from not in INIT_FROM:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "init_from must be one of {choices}"),
                    choices=", ".join(INIT_FROM))
        if self.init_from == "resume" and not self.out_dir:
            problem(QT_TRANSLATE_NOOP("CoreMessages", "resuming needs out_dir (the folder holding the 'last' "
                                                      "checkpoint)"))
        if self.init_from == "finetune" and (not self.finetune_from or self.model_type != "gpt"):
            problem(QT_TRANSLATE_NOOP("CoreMessages", "fine-tuning needs model_type 'gpt' and finetune_from (a "
                                                      "GPT-2-format folder)"))
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


def saved_run_config(out_dir: str | os.PathLike) -> dict[str, Any]:
    """The TrainingConfig dict stored with out_dir/last (the run to resume). Raises CheckpointError."""
    import json

    from core.checkpoint import STATE_JSON_NAME

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
    from core.bpe_replay import BpeTokenizer
    from core.tokenization import CharTokenizer, TokenizationError

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


def configure_torch_threads(gui_running: bool = True, cpu_count: int | None = None) -> int:
    """Set torch's intra-op threads to all cores, or all but one when a GUI needs to stay responsive."""
    n = cpu_count or os.cpu_count() or 1
    threads = max(1, n - 1) if gui_running else n
    torch.set_num_threads(threads)
    return threads


def learning_rate_at(step: int, config: TrainingConfig) -> float:
    """Learning rate for optimizer step `step` (0-based): linear warmup, then cosine down to min_lr."""
    lr, min_lr = config.learning_rate, config.min_lr if config.min_lr is not None else config.learning_rate / 10
    if not config.decay_lr:
        return lr
    if step < config.warmup_iters:
        return lr * (step + 1) / (config.warmup_iters + 1)
    decay_iters = config.lr_decay_iters or config.max_iters
    if step >= decay_iters:
        return min_lr
    ratio = (step - config.warmup_iters) / max(1, decay_iters - config.warmup_iters)  # 0 -> 1
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


# --------------------------------------------------------------------------- records and control


@dataclass
class TrainingError:
    """Why a run could not start or had to stop.

    kind: "invalid-config", "corpus-too-short", "nan", "out-of-memory", "checkpoint", "device" or
    "unexpected". `message` is for the user (`str()` is English, the GUI translates it); `details`
    holds a traceback for bug reports.
    """

    kind: str
    message: Message
    details: str = ""


@dataclass
class TrainingStarted:
    """First event of a run: what is being trained, where, and the baseline loss to beat."""

    model_type: str
    n_parameters: int
    device: str
    dtype: str
    start_step: int
    max_iters: int
    tokens_per_iter: int
    vocab_size: int
    baseline_loss: float | None  # count-based bigram/unigram val loss, nats/token
    uniform_loss: float  # ln(vocab_size): the loss of guessing uniformly
    peak_flops: float | None  # per-second bf16 dense peak of the GPU, None if unknown
    model_config: dict[str, Any] = field(default_factory=dict)


@dataclass
class EvalResult:
    """One evaluation: mean losses (nats/token) over eval_iters batches, a sample, checkpoints written."""

    train_loss: float
    val_loss: float
    sample: str | None
    is_best: bool
    best_checkpoint: Path | None = None
    last_checkpoint: Path | None = None


@dataclass
class StepRecord:
    """Progress after optimizer step `step` (step 0 = before training, carrying only the eval)."""

    step: int
    max_iters: int
    tokens_seen: int
    lr: float
    train_loss: float | None = None  # mean loss of this step's batches, nats/token
    ms_per_iter: float | None = None  # wall time per step, averaged since the previous record
    tokens_per_s: float | None = None  # bias-corrected EMA of training throughput
    mfu: float | None = None  # model FLOPs utilisation, 0..1, CUDA with a known peak only
    eval: EvalResult | None = None


@dataclass
class TrainingPaused:
    """The loop is paused after step `step` and waits for resume() or stop()."""

    step: int


@dataclass
class TrainingResumed:
    """The loop continues after a pause."""

    step: int


@dataclass
class TrainingFinished:
    """Always the last event. status: "completed", "stopped" or "failed" (then `error` is set)."""

    status: str
    step: int
    tokens_seen: int
    best_val_loss: float | None
    best_checkpoint: Path | None
    last_checkpoint: Path | None
    elapsed_s: float
    error: TrainingError | None = None


TrainingEvent = TrainingStarted | StepRecord | TrainingPaused | TrainingResumed | TrainingFinished


class TrainingControl:
    """Thread-safe pause/resume/stop flags, checked by the loop once per iteration."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        """Pause after the current iteration."""
        self._running.clear()

    def resume(self) -> None:
        """Continue a paused run."""
        self._running.set()

    def stop(self) -> None:
        """Stop after the current iteration (a paused run stops at once)."""
        self._stop.set()
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        return not self._running.is_set() and not self._stop.is_set()

    def wait_while_paused(self, poll_s: float = 0.1) -> None:
        """Block until resume() or stop() is called."""
        while not self._running.wait(poll_s):
            pass


# --------------------------------------------------------------------------- GPU helpers

# Dense BF16 tensor-core peak (FLOP/s, FP32 accumulate), from NVIDIA's datasheets and
# architecture whitepapers (GeForce: SM count x boost clock x FLOPs per SM per clock).
# Matched as substrings of torch.cuda.get_device_name(), first match wins, so the more
# specific names come first. Laptop GPUs run at other clocks and are left unknown.
PEAK_BF16_FLOPS: tuple[tuple[str, float], ...] = (
    ("H200 NVL", 835e12),
    ("H200", 989e12),
    ("H100 PCIe", 756e12),
    ("H100 NVL", 835e12),
    ("H100", 989e12),
    ("A100", 312e12),
    ("RTX 5090", 209.5e12),
    ("RTX 5080", 112.6e12),
    ("RTX 5070 Ti", 87.9e12),
    ("RTX 5070", 61.7e12),
    ("RTX 4090", 165.2e12),
    ("RTX 4080 SUPER", 104.4e12),
    ("RTX 4080", 97.5e12),
    ("RTX 4070 Ti SUPER", 88.2e12),
    ("RTX 4070 Ti", 80.2e12),
    ("RTX 4070 SUPER", 71.0e12),
    ("RTX 4070", 58.3e12),
    ("RTX 4060 Ti", 44.1e12),
    ("RTX 4060", 30.2e12),
    ("RTX 3090 Ti", 80.0e12),
    ("RTX 3090", 71.0e12),
    ("RTX 3080 Ti", 68.2e12),
    ("RTX 3080", 59.5e12),
    ("RTX 3070 Ti", 43.5e12),
    ("RTX 3070", 40.6e12),
    ("RTX 3060 Ti", 32.4e12),
    ("RTX 3060", 25.5e12),
)


def peak_bf16_flops(device_name: str) -> float | None:
    """Dense bf16 peak FLOP/s for a GPU name like "NVIDIA H100 80GB HBM3"; None when unknown."""
    lowered = device_name.lower()
    if "laptop" in lowered or "mobile" in lowered or "max-q" in lowered:
        return None
    for key, flops in PEAK_BF16_FLOPS:
        if key.lower() in lowered:
            return flops
    return None


def _is_out_of_memory(exc: BaseException) -> bool:
    """True for CUDA/MPS out-of-memory errors."""
    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def _resolve_dtype(config: TrainingConfig, device: str) -> torch.dtype:
    """Compute dtype for autocast: fp32 off CUDA; on CUDA "auto" = bf16 where supported, else fp16."""
    if not device.startswith("cuda") or config.dtype == "float32":
        return torch.float32
    if config.dtype == "bfloat16" or (config.dtype == "auto" and torch.cuda.is_bf16_supported()):
        return torch.bfloat16
    return torch.float16


# --------------------------------------------------------------------------- model set-up


def configure_optimizer(model: nn.Module, config: TrainingConfig, device: str) -> torch.optim.AdamW:
    """AdamW with weight decay on tensors of 2 or more dims (matmuls, embeddings), none on biases/LayerNorms."""
    params = [p for p in model.parameters() if p.requires_grad]  # tied weights appear once
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": config.weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    extra = {"fused": True} if device.startswith("cuda") else {}
    return torch.optim.AdamW(groups, lr=config.learning_rate, betas=(config.beta1, config.beta2), **extra)


def mlm_tokenizer(tokenizer: Any) -> Any:
    """A transformers tokenizer for the masked-LM objective, with [MASK] and [PAD] added if missing.

    Ours are converted through `save_pretrained` + `AutoTokenizer`; added tokens get new ids after
    the existing ones, so token files made with the original tokenizer stay valid.
    """
    from transformers import AutoTokenizer, PreTrainedTokenizerBase

    if isinstance(tokenizer, PreTrainedTokenizerBase):
        hf = tokenizer
    elif hasattr(tokenizer, "to_transformers"):
        hf = tokenizer.to_transformers()
    else:
        with tempfile.TemporaryDirectory() as folder:
            tokenizer.save_pretrained(folder)
            hf = AutoTokenizer.from_pretrained(folder)
    missing = {name: token for name, token in (("mask_token", "[MASK]"), ("pad_token", "[PAD]"))
               if getattr(hf, name) is None}
    if missing:
        hf.add_special_tokens(missing)
    return hf


def _build_mlm(config: TrainingConfig, hf_tokenizer: Any) -> nn.Module:
    """A small RobertaForMaskedLM sized by config (positions start after the pad id, as in RoBERTa)."""
    from transformers import RobertaConfig, RobertaForMaskedLM

    pad = hf_tokenizer.pad_token_id
    special = hf_tokenizer.eos_token_id if hf_tokenizer.eos_token_id is not None else pad
    rc = RobertaConfig(
        vocab_size=len(hf_tokenizer),
        hidden_size=config.n_embd,
        num_hidden_layers=config.n_layer,
        num_attention_heads=config.n_head,
        intermediate_size=4 * config.n_embd,
        max_position_embeddings=config.block_size + pad + 1,
        hidden_dropout_prob=config.dropout,
        attention_probs_dropout_prob=config.dropout,
        type_vocab_size=1,
        pad_token_id=pad,
        bos_token_id=special,
        eos_token_id=special,
    )
    return RobertaForMaskedLM(rc)


@dataclass
class _Run:
    """Mutable state of one run (kept together so the loop reads as a story)."""

    config: TrainingConfig
    data: TokenData
    tokenizer: Any
    model: nn.Module
    optimizer: torch.optim.Optimizer
    device: str
    dtype: torch.dtype
    batch_gen: torch.Generator
    scaler: Any = None  # GradScaler, enabled for fp16 only
    batch_state: torch.Tensor | None = None  # batch_gen state before the prefetched batch (for resume)
    step: int = 0
    tokens_seen: int = 0
    best_val_loss: float = float("inf")
    best_checkpoint: Path | None = None
    last_checkpoint: Path | None = None
    last_saved_step: int = -1
    hf_tokenizer: Any = None  # mlm only
    collator: Any = None  # mlm only
    peak_flops: float | None = None
    flops_per_token: int | None = None

    @property
    def autocast(self) -> contextlib.AbstractContextManager:
        """bf16/fp16 autocast on CUDA; a no-op elsewhere (never autocast on CPU)."""
        if self.device.startswith("cuda") and self.dtype != torch.float32:
            return torch.autocast(device_type="cuda", dtype=self.dtype)
        return contextlib.nullcontext()

    def loss(self, x: torch.Tensor, y: torch.Tensor, collator: Any = None) -> torch.Tensor:
        """Mean loss (nats/token) of one batch under this run's objective."""
        with self.autocast:
            if self.config.model_type != "mlm":
                return self.model(x, y)[1]
            batch = (collator or self.collator)([{"input_ids": row} for row in x.tolist()])
            return self.model(input_ids=batch["input_ids"].to(self.device), labels=batch["labels"].to(self.device)).loss


def _prepare(config: TrainingConfig, data: TokenData, tokenizer: Any) -> _Run:
    """Validate, pick the device, build or load the model and optimizer. Raises on problems."""
    from core.devices import select_device

    config.validate()
    data.check_block_size(config.block_size)
    device = select_device(config.device)
    dtype = _resolve_dtype(config, device)
    if device.startswith("cuda"):
        torch.set_float32_matmul_precision("high")  # TF32 matmuls for whatever stays fp32
    torch.manual_seed(config.seed)
    last_dir = Path(config.out_dir) / "last" if config.out_dir else None
    if config.init_from == "resume" and not (recover_folder(last_dir) / "config.json").exists():
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "There is no checkpoint to resume from in "
                                                                        "{folder}."), {"folder": str(last_dir)}))
    hf_tok = None
    vocab = data.vocab_size

    if config.model_type == "mlm":
        hf_tok = mlm_tokenizer(tokenizer)
        if config.init_from == "resume":
            from transformers import RobertaForMaskedLM

            model = RobertaForMaskedLM.from_pretrained(str(last_dir))
        else:
            model = _build_mlm(config, hf_tok)
    elif config.model_type == "bigram":
        model = load_bigram_checkpoint(last_dir) if config.init_from == "resume" else BigramLanguageModel(vocab)
    elif config.init_from == "resume":
        model = load_gpt_from_hf_folder(last_dir)
    elif config.init_from == "finetune":
        model = load_gpt_from_hf_folder(config.finetune_from)
        if config.block_size < model.config.block_size:
            model.crop_block_size(config.block_size)
        model.set_dropout(config.dropout)
    else:
        model = GPT(GPTConfig(vocab_size=vocab, block_size=config.block_size, n_layer=config.n_layer,
                              n_head=config.n_head, n_embd=config.n_embd, dropout=config.dropout, bias=config.bias))
    model_vocab = model.vocab_size if isinstance(model, BigramLanguageModel) else model.config.vocab_size
    if model_vocab < vocab:
        raise CheckpointError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The model knows {model} token ids but the "
                                                                        "data uses {data}; tokenize the corpus with "
                                                                        "the model's own tokenizer."),
                                      {"model": model_vocab, "data": vocab}))
    if isinstance(model, GPT) and config.block_size > model.config.block_size:
        raise TrainingConfigError(Message(QT_TRANSLATE_NOOP("CoreMessages", "block_size {block} is longer than the "
                                                                            "model's context ({context})."),
                                          {"block": config.block_size, "context": model.config.block_size}))
    model.to(device)
    model.train()
    optimizer = configure_optimizer(model, config, device)
    run = _Run(config=config, data=data, tokenizer=tokenizer, model=model, optimizer=optimizer, device=device,
               dtype=dtype, batch_gen=torch.Generator().manual_seed(config.seed), hf_tokenizer=hf_tok,
               scaler=torch.amp.GradScaler("cuda", enabled=device.startswith("cuda") and dtype == torch.float16))
    if config.init_from == "resume":
        state = read_training_state(last_dir, optimizer)
        run.step, run.tokens_seen, run.best_val_loss = state.step, state.tokens_seen, state.best_val_loss
        run.last_checkpoint = last_dir
        best_dir = last_dir.parent / "best"
        run.best_checkpoint = best_dir if best_dir.exists() else None
        _restore_rng(run, state.rng)
    if hf_tok is not None:  # seeded by step, so a resumed run draws new masks rather than replaying old ones
        from transformers import DataCollatorForLanguageModeling

        run.collator = DataCollatorForLanguageModeling(hf_tok, mlm_probability=config.mlm_probability,
                                                       seed=config.seed + run.step)
    if device.startswith("cuda") and isinstance(model, GPT):
        run.peak_flops = peak_bf16_flops(torch.cuda.get_device_name(torch.device(device)))
        run.flops_per_token = flops_per_token(model.config)
    return run


def _rng_state(run: _Run) -> dict[str, torch.Tensor]:
    """RNG states to save for an exact resume: batch sampler, torch CPU, CUDA."""
    batch = run.batch_state if run.batch_state is not None else run.batch_gen.get_state()
    rng = {"batch": batch, "torch": torch.get_rng_state()}
    if run.device.startswith("cuda"):
        for i, state in enumerate(torch.cuda.get_rng_state_all()):
            rng[f"cuda.{i}"] = state
    return rng


def _restore_rng(run: _Run, rng: dict[str, torch.Tensor]) -> None:
    """Put saved RNG states back (missing entries are ignored)."""
    if "batch" in rng:
        run.batch_gen.set_state(rng["batch"])
    if "torch" in rng:
        torch.set_rng_state(rng["torch"])
    if run.device.startswith("cuda"):
        states = [rng[f"cuda.{i}"] for i in range(torch.cuda.device_count()) if f"cuda.{i}" in rng]
        if len(states) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(states)


# --------------------------------------------------------------------------- evaluation and saving


@torch.no_grad()
def estimate_loss(run: _Run, should_stop: Callable[[], bool] = lambda: False) -> dict[str, float] | None:
    """Mean loss over eval_iters batches of each split, in eval mode (dropout off).

    The batches come from a generator seeded identically every time, so successive evaluations
    compare the model on the same text. Returns None if should_stop() turns true midway.
    """
    cfg = run.config
    run.model.eval()
    out: dict[str, float] = {}
    try:
        for split in ("train", "val"):
            gen = torch.Generator().manual_seed(cfg.seed + 1)
            collator = None
            if cfg.model_type == "mlm":
                from transformers import DataCollatorForLanguageModeling

                collator = DataCollatorForLanguageModeling(run.hf_tokenizer, mlm_probability=cfg.mlm_probability,
                                                           seed=cfg.seed + 1)
            losses = torch.zeros(cfg.eval_iters)
            for k in range(cfg.eval_iters):
                if should_stop():
                    return None
                x, y = run.data.get_batch(split, cfg.batch_size, cfg.block_size, run.device, gen)
                losses[k] = run.loss(x, y, collator).float().item()
            out[split] = losses.mean().item()
    finally:
        run.model.train()
    return out


@torch.no_grad()
def sample_text(run: _Run) -> str | None:
    """Text generated from sample_prompt (or the first val token) at the configured temperature and top-k."""
    cfg = run.config
    if cfg.sample_tokens <= 0 or cfg.model_type == "mlm":
        return None
    ids = encoder_for(run.tokenizer)(cfg.sample_prompt) if cfg.sample_prompt else []
    if not ids:
        ids = [int(run.data.split("val")[0])]
    idx = torch.tensor([ids], dtype=torch.long, device=run.device)
    gen = torch.Generator(device=run.device).manual_seed(cfg.seed)
    with run.autocast:
        out = run.model.generate(idx, cfg.sample_tokens, temperature=cfg.sample_temperature,
                                 top_k=cfg.sample_top_k, generator=gen)
    return run.tokenizer.decode(out[0].tolist())


def _save(run: _Run, name: str, with_state: bool) -> Path:
    """Write out_dir/name atomically (with training state if `with_state`); returns the folder."""
    cfg = run.config
    folder = Path(cfg.out_dir) / name
    meta = {"step": run.step, "tokens_seen": run.tokens_seen,
            "best_val_loss": None if math.isinf(run.best_val_loss) else run.best_val_loss,
            "model_type": cfg.model_type, "corpus_hash": run.data.corpus_hash, "tokenizer_id": run.data.tokenizer_id}
    state = TrainingState(step=run.step, tokens_seen=run.tokens_seen, best_val_loss=run.best_val_loss,
                          config=cfg.to_dict(), rng=_rng_state(run)) if with_state else None
    optimizer = run.optimizer if with_state else None
    if with_state:
        run.last_saved_step = run.step
    if cfg.model_type == "gpt":
        return save_checkpoint(run.model, folder, run.tokenizer, meta, state, optimizer)
    if cfg.model_type == "bigram":
        return save_bigram_checkpoint(run.model, folder, run.tokenizer, meta, state, optimizer)
    import json

    with atomic_folder(folder) as tmp:
        run.model.save_pretrained(str(tmp))
        run.hf_tokenizer.save_pretrained(str(tmp))
        (tmp / "lm_anatomy.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        if state is not None:
            write_training_state(tmp, state, optimizer)
    return folder


def _evaluate(run: _Run, control: TrainingControl) -> EvalResult | None:
    """estimate_loss, a sample, and the best/last checkpoints (none at step 0). None if stopped."""
    losses = estimate_loss(run, lambda: control.stop_requested)
    if losses is None:
        return None
    for split, value in losses.items():
        if not math.isfinite(value):
            raise _NonFiniteLoss(split)
    sample = sample_text(run)
    is_best = losses["val"] < run.best_val_loss
    best = last = None
    if is_best:
        run.best_val_loss = losses["val"]
    if run.config.out_dir and run.step > 0:
        if is_best:
            best = run.best_checkpoint = _save(run, "best", with_state=False)
        last = run.last_checkpoint = _save(run, "last", with_state=True)
    return EvalResult(losses["train"], losses["val"], sample, is_best, best, last)


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


# --------------------------------------------------------------------------- the loop


def train(
    config: TrainingConfig, data: TokenData, tokenizer: Any, control: TrainingControl | None = None
) -> Iterator[TrainingEvent]:
    """Train and yield events: TrainingStarted, StepRecords (pause/resume events between), TrainingFinished.

    Never raises for training problems: bad settings, a corpus shorter than block_size, NaN loss,
    out-of-memory and checkpoint errors all end in a TrainingFinished with status "failed" and
    a TrainingError. A stopped run saves out_dir/last so it can be resumed.
    """
    control = control or TrainingControl()
    started = time.perf_counter()
    try:
        run = _prepare(config, data, tokenizer)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a record
        error = _classify(exc, config)
        if error.kind == "out-of-memory":
            _free_memory(None)
        yield TrainingFinished("failed", 0, 0, None, None, None, time.perf_counter() - started, error)
        return
    status, error = "completed", None
    try:
        yield _started_record(run)
        yield from _loop(run, control)
        if control.stop_requested:
            status = "stopped"
            if config.out_dir and run.step > 0 and run.last_saved_step != run.step:
                run.last_checkpoint = _save(run, "last", with_state=True)
    except _NonFiniteLoss as exc:
        status, error = "failed", _non_finite_error(run, exc.args[0] if exc.args else "training")
    except Exception as exc:  # noqa: BLE001
        status, error = "failed", _classify(exc, config)
        if error.kind == "out-of-memory":
            _free_memory(run)
    yield TrainingFinished(
        status, run.step, run.tokens_seen, None if math.isinf(run.best_val_loss) else run.best_val_loss,
        run.best_checkpoint, run.last_checkpoint, time.perf_counter() - started, error)


def _loop(run: _Run, control: TrainingControl) -> Iterator[TrainingEvent]:
    """The training iterations; returns when done or stopped, raises on NaN/OOM."""
    cfg = run.config
    if cfg.eval_at_start and run.step == 0:
        result = _evaluate(run, control)
        if result is None:
            return
        yield StepRecord(0, cfg.max_iters, run.tokens_seen, learning_rate_at(0, cfg), eval=result)

    sync_every_step = run.device == "cpu"  # .item() is free on CPU: check the loss every step
    x, y = _next_batch(run)
    t_last, steps_since_log, ema, ema_updates, first_interval = time.perf_counter(), 0, 0.0, 0, True
    while run.step < cfg.max_iters:
        if control.stop_requested:
            return
        if control.pause_requested:
            yield TrainingPaused(run.step)
            control.wait_while_paused()
            if control.stop_requested:
                return
            yield TrainingResumed(run.step)
            t_last, steps_since_log, first_interval = time.perf_counter(), 0, True

        lr = learning_rate_at(run.step, cfg)
        for group in run.optimizer.param_groups:
            group["lr"] = lr
        loss_sum = torch.zeros((), device=run.device)
        for _ in range(cfg.gradient_accumulation_steps):
            loss = run.loss(x, y) / cfg.gradient_accumulation_steps
            x, y = _next_batch(run)  # prefetch while the GPU works on this one
            run.scaler.scale(loss).backward()  # scaling is a no-op unless fp16
            loss_sum += loss.detach().float()
        if cfg.grad_clip > 0:
            run.scaler.unscale_(run.optimizer)  # clip the true gradients, not the scaled ones
            torch.nn.utils.clip_grad_norm_(run.model.parameters(), cfg.grad_clip)
        run.scaler.step(run.optimizer)  # skips the update if fp16 gradients overflowed
        run.scaler.update()
        run.optimizer.zero_grad(set_to_none=True)
        run.step += 1
        run.tokens_seen += cfg.tokens_per_iter
        steps_since_log += 1

        is_eval = run.step % cfg.eval_interval == 0 or run.step == cfg.max_iters
        is_log = is_eval or run.step % cfg.log_interval == 0
        if not (is_log or sync_every_step):
            continue
        train_loss = loss_sum.item()  # waits for the GPU: only on logging steps there
        if not math.isfinite(train_loss):
            raise _NonFiniteLoss("training")
        if not is_log:
            continue
        now = time.perf_counter()
        seconds_per_step = (now - t_last) / steps_since_log
        speed = cfg.tokens_per_iter / seconds_per_step
        if first_interval:  # start-up (allocations, kernel selection) would skew the average
            tokens_per_s, first_interval = speed, False
        else:
            ema, ema_updates = SPEED_EMA_BETA * ema + (1 - SPEED_EMA_BETA) * speed, ema_updates + 1
            tokens_per_s = ema / (1 - SPEED_EMA_BETA**ema_updates)
        mfu = (run.flops_per_token * tokens_per_s / run.peak_flops) if run.peak_flops and run.flops_per_token else None
        result = None
        if is_eval:
            result = _evaluate(run, control)
            if result is None:
                return
        yield StepRecord(run.step, cfg.max_iters, run.tokens_seen, lr, train_loss, 1000 * seconds_per_step,
                         tokens_per_s, mfu, result)
        t_last, steps_since_log = time.perf_counter(), 0


def _next_batch(run: _Run) -> tuple[torch.Tensor, torch.Tensor]:
    """The next training batch; remembers the sampler state first, so a resumed run redraws it."""
    run.batch_state = run.batch_gen.get_state()
    cfg = run.config
    return run.data.get_batch("train", cfg.batch_size, cfg.block_size, run.device, run.batch_gen)


def _started_record(run: _Run) -> TrainingStarted:
    cfg = run.config
    baseline = None
    if cfg.baseline:
        try:
            baseline = count_baseline_loss(run.data.split("train"), run.data.split("val"), run.data.vocab_size,
                                           cfg.baseline)
        except ValueError:
            baseline = None
    model_config = dataclasses.asdict(run.model.config) if isinstance(run.model, GPT) else (
        run.model.config.to_dict() if hasattr(run.model, "config") else {"vocab_size": run.model.vocab_size})
    n_params = sum(p.numel() for p in run.model.parameters())
    return TrainingStarted(cfg.model_type, n_params, run.device, str(run.dtype).removeprefix("torch."), run.step,
                           cfg.max_iters, cfg.tokens_per_iter, run.data.vocab_size, baseline,
                           math.log(run.data.vocab_size), run.peak_flops, model_config)


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
