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
table) and "mlm" (a transformers masked LM - a new RobertaForMaskedLM, or the current model when
fine-tuning - with DataCollatorForLanguageModeling). What each evaluation shows as a sample (text,
or fill-mask guesses) is made in core.training.samples.

The pieces around the loop: the settings in core.training.config, the records and
TrainingControl in core.training.events, the model/optimizer set-up in core.training.setup,
failures turned into TrainingErrors in core.training.errors, and resuming in core.training.resume.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import torch

from core.model.atomic_folders import atomic_folder
from core.model.bigram import count_baseline_loss, save_bigram_checkpoint
from core.model.checkpoint import save_checkpoint
from core.model.gpt import GPT
from core.model.training_state import TrainingState, write_training_state
from core.training.config import TrainingConfig
from core.training.data import TokenData
from core.training.epochs import with_run_length
from core.training.errors import _classify, _free_memory, _non_finite_error, _NonFiniteLoss
from core.training.events import (
    EvalResult,
    StepRecord,
    TrainingControl,
    TrainingEvent,
    TrainingFinished,
    TrainingPaused,
    TrainingResumed,
    TrainingStarted,
)
from core.training.samples import sample_text
from core.training.setup import _prepare, _rng_state, _Run

SPEED_EMA_BETA = 0.9  # smoothing of tokens/s between log steps


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
        config = with_run_length(config, data.split_index)  # a length in epochs becomes max_iters
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
            if config.out_dir and run.step > 0 and run.last_saved_step != run.step and run.ranks.is_main:
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
    if cfg.eval_at_start and run.step == 0 and run.ranks.is_main:
        result = _evaluate(run, control)
        if result is None:
            return
        yield StepRecord(0, cfg.max_iters, run.tokens_seen, learning_rate_at(0, cfg), eval=result)

    sync_every_step = run.device == "cpu"  # .item() is free on CPU: check the loss every step
    scaling = run.scaler is not None and run.scaler.is_enabled()  # fp16 on CUDA only
    parameters = [p for p in run.model.parameters() if p.requires_grad]  # listed once, not every step
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
        loss_sum = None
        for micro in range(run.micro_steps):
            # With several processes, gradients are averaged only after the last micro-step (nanoGPT's no_sync).
            syncing = run.train_model is None or micro == run.micro_steps - 1
            with contextlib.nullcontext() if syncing else run.train_model.no_sync():
                loss = run.loss(x, y, training=True) / run.micro_steps
                x, y = _next_batch(run)  # prefetch while the GPU works on this one
                (run.scaler.scale(loss) if scaling else loss).backward()  # fp16 only: scale against underflow
            loss_sum = loss.detach() if loss_sum is None else loss_sum + loss.detach()
        if scaling and cfg.grad_clip > 0:
            run.scaler.unscale_(run.optimizer)  # clip the true gradients, not the scaled ones
        if cfg.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(parameters, cfg.grad_clip)
        if scaling:
            run.scaler.step(run.optimizer)  # skips the update if fp16 gradients overflowed
            run.scaler.update()
        else:
            run.optimizer.step()
        run.optimizer.zero_grad(set_to_none=True)
        run.step += 1
        run.tokens_seen += cfg.tokens_per_iter
        steps_since_log += 1

        is_eval = run.step % cfg.eval_interval == 0 or run.step == cfg.max_iters
        is_log = is_eval or run.step % cfg.log_interval == 0
        if not (is_log or sync_every_step):
            continue
        train_loss = loss_sum.float().item()  # waits for the GPU: only on logging steps there
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
        flops_per_s = run.flops_per_token * tokens_per_s if run.flops_per_token else None
        mfu = flops_per_s / run.peak_flops if run.peak_flops and flops_per_s else None
        result = None
        if is_eval and run.ranks.is_main:  # only rank 0 evaluates and saves; the others wait in backward
            result = _evaluate(run, control)
            if result is None:
                return
        yield StepRecord(run.step, cfg.max_iters, run.tokens_seen, lr, train_loss, 1000 * seconds_per_step,
                         tokens_per_s, mfu, eval=result, flops_per_s=flops_per_s)
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
                           math.log(run.data.vocab_size), run.peak_flops, model_config, run.flops_per_token)
