"""Setting a training run up: device and dtype, the model (built, loaded or resumed), the optimizer.

`_prepare` turns a TrainingConfig and TokenData into a `_Run`, the mutable state the loop
works on; `_rng_state`/`_restore_rng` save and restore its random generators for an exact
resume. Also here: the torch thread count, and the GPUs' bf16 peak used for MFU.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.atomic_folders import CheckpointError, recover_folder
from core.model.bigram import BigramLanguageModel, load_bigram_checkpoint
from core.model.checkpoint import load_gpt_from_hf_folder
from core.model.gpt import GPT, GPTConfig, flops_per_token
from core.model.training_state import read_training_state
from core.training.config import TrainingConfig, TrainingConfigError
from core.training.data import TokenData
from core.training.distributed import Ranks, current_ranks, micro_steps_per_rank
from core.training.finetune import load_masked_lm, model_shape


def configure_torch_threads(gui_running: bool = True, cpu_count: int | None = None) -> int:
    """Set torch's intra-op threads to all cores, or all but one when a GUI needs to stay responsive."""
    n = cpu_count or os.cpu_count() or 1
    threads = max(1, n - 1) if gui_running else n
    torch.set_num_threads(threads)
    return threads


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
    # The fused kernel (one pass over all tensors) on CUDA and, since torch 2.4, on the CPU: about 8% faster
    # per step on the CPU-quick model here. Older or other builds fall back to the foreach implementation.
    if device.startswith(("cuda", "cpu")):
        try:
            return torch.optim.AdamW(groups, lr=config.learning_rate, betas=(config.beta1, config.beta2), fused=True)
        except (RuntimeError, TypeError, ValueError):
            pass
    return torch.optim.AdamW(groups, lr=config.learning_rate, betas=(config.beta1, config.beta2))


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
        hidden_act=config.activation,
        hidden_dropout_prob=config.dropout,
        attention_probs_dropout_prob=config.dropout,
        type_vocab_size=1,
        pad_token_id=pad,
        bos_token_id=special,
        eos_token_id=special,
    )
    return RobertaForMaskedLM(rc)


def _fit_masked_lm(model: nn.Module, hf_tokenizer: Any, config: TrainingConfig) -> None:
    """Make a loaded masked LM ready for this run: room for tokens the collator added ([MASK], [PAD]) and
    a block size within its context. Raises TrainingConfigError when the block is too long."""
    if len(hf_tokenizer) > model.config.vocab_size:
        model.resize_token_embeddings(len(hf_tokenizer))
    context = model_shape(model.config).context
    if context is not None and config.block_size > context:
        raise TrainingConfigError(Message(QT_TRANSLATE_NOOP("CoreMessages", "block_size {block} is longer than the "
                                                                            "model's context ({context})."),
                                          {"block": config.block_size, "context": context}))


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
    ranks: Ranks = field(default_factory=Ranks)  # this process among torchrun's (one process: rank 0 of 1)
    micro_steps: int = 1  # this rank's share of gradient_accumulation_steps
    train_model: nn.Module | None = None  # the DistributedDataParallel wrapper when several processes train

    @property
    def autocast(self) -> contextlib.AbstractContextManager:
        """bf16/fp16 autocast on CUDA; a no-op elsewhere (never autocast on CPU)."""
        if self.device.startswith("cuda") and self.dtype != torch.float32:
            return torch.autocast(device_type="cuda", dtype=self.dtype)
        return contextlib.nullcontext()

    def loss(self, x: torch.Tensor, y: torch.Tensor, collator: Any = None, training: bool = False) -> torch.Tensor:
        """Mean loss (nats/token) of one batch under this run's objective. `training` goes through the DDP
        wrapper (gradients averaged over the processes); evaluation uses the model itself, on rank 0 only."""
        model = self.train_model if training and self.train_model is not None else self.model
        with self.autocast:
            if self.config.model_type != "mlm":
                return model(x, y)[1]
            batch = (collator or self.collator)([{"input_ids": row} for row in x.tolist()])
            return model(input_ids=batch["input_ids"].to(self.device), labels=batch["labels"].to(self.device)).loss


def _prepare(config: TrainingConfig, data: TokenData, tokenizer: Any) -> _Run:
    """Validate, pick the device, build or load the model and optimizer. Raises on problems."""
    from core.devices import select_device

    config.validate()
    data.check_block_size(config.block_size)
    ranks = current_ranks()
    micro_steps = micro_steps_per_rank(config.gradient_accumulation_steps, ranks)
    device = select_device(config.device)
    if ranks.enabled and device.startswith("cuda"):
        device = f"cuda:{ranks.local_rank}"  # one GPU per process
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
        if config.init_from in ("resume", "finetune"):  # any masked LM: RoBERTa, BERT, DistilBERT...
            model = load_masked_lm(last_dir if config.init_from == "resume" else config.finetune_from)
            _fit_masked_lm(model, hf_tok, config)
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
                              n_head=config.n_head, n_embd=config.n_embd, dropout=config.dropout, bias=config.bias,
                              activation=config.activation))
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
               dtype=dtype, batch_gen=torch.Generator().manual_seed(config.seed + ranks.rank), hf_tokenizer=hf_tok,
               scaler=torch.amp.GradScaler("cuda", enabled=device.startswith("cuda") and dtype == torch.float16))
    run.ranks, run.micro_steps = ranks, micro_steps
    trained: nn.Module = model
    if config.compile and device.startswith("cuda"):  # measured: no gain on the CPU for these models
        trained = torch.compile(model)
    if ranks.enabled:  # each rank draws its own batches (seed + rank); DDP averages the gradients
        from torch.nn.parallel import DistributedDataParallel

        trained = DistributedDataParallel(trained, device_ids=[ranks.local_rank] if device.startswith("cuda")
                                          else None)
    run.train_model = trained if trained is not model else None
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
    # Training FLOPs per token on every device (6N plus attention for our GPT, 6N for the others); the
    # device's peak, for MFU, only where it is known (CUDA GPUs of PEAK_BF16_FLOPS).
    n_parameters = sum(p.numel() for p in model.parameters())
    run.flops_per_token = flops_per_token(model.config) if isinstance(model, GPT) else 6 * n_parameters
    if device.startswith("cuda"):
        run.peak_flops = peak_bf16_flops(torch.cuda.get_device_name(torch.device(device)))
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
