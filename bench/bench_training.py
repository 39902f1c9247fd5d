"""Benchmark of the trainer against nanoGPT's published CPU result and a minimal reference loop.

    python bench/bench_training.py /path/to/tinyshakespeare.txt [--max-iters 2000] [--threads 2]

Runs the "cpu-quick" preset (nanoGPT's CPU reference config: 4 layers, 4 heads, 128 wide,
block 64, batch 12, lr 1e-3, no dropout, no biases) with a character tokenizer and seed 1337
through `core.training.loop.train`, exactly as the Training tab does, and reports:

- the val loss at the last step (nanoGPT publishes 1.8857 at step 2000, measured with
  eval_iters=20), and the same model re-evaluated on 200 batches to show how noisy 20 are;
- ms/iter of the training steps (evaluations, samples and checkpoints excluded) and the
  run's whole wall time;
- the same two figures for a minimal nanoGPT-style loop written below (same model, same
  initial weights, same batches, AdamW with the same groups, warmup + cosine, clipping; no
  evaluation, no records). The two loops run interleaved in this process with the same
  torch thread count: after each of our progress records (every 10 steps) the reference
  catches up by the same 10 steps, so load from other work on the machine hits both alike.
  The figure to compare between runs is the ratio ours / reference: the ratio of the means,
  and the median of the ratios of neighbouring 10-step chunks (robust to load spikes).

Goals: val loss <= 1.89 at step 2000, and ours / reference <= 1.0 (within noise).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from core.corpus import read_corpus  # noqa: E402
from core.model.checkpoint import load_gpt_from_hf_folder  # noqa: E402
from core.model.gpt import GPT, GPTConfig  # noqa: E402
from core.tokenization.tokenizers import CharTokenizer  # noqa: E402
from core.training.config import TrainingConfig, preset_config  # noqa: E402
from core.training.data import TokenData, tokenize_corpus  # noqa: E402
from core.training.events import StepRecord, TrainingFinished, TrainingStarted  # noqa: E402
from core.training.loop import train  # noqa: E402

NANOGPT_VAL_LOSS = 1.8857  # nanoGPT README, CPU config, step 2000
GOAL_VAL_LOSS = 1.89


# --------------------------------------------------------------------------- the reference loop


class ReferenceLoop:
    """nanoGPT's train.py reduced to its inner loop, over our GPT and the same random offsets.

    Written here from nanoGPT's description (nothing of core.training.loop is used): its get_batch,
    warmup + cosine, AdamW (fused only on CUDA, as nanoGPT), forward, backward, clip, step.

    No evaluation, no logging, no records: only lr schedule, forward, backward, clip, step.
    """

    def __init__(self, config: TrainingConfig, data: TokenData, vocab_size: int) -> None:
        self.config, self.data = config, data
        torch.manual_seed(config.seed)  # the same initial weights as core.training.setup._prepare
        self.model = GPT(GPTConfig(vocab_size=vocab_size, block_size=config.block_size, n_layer=config.n_layer,
                                   n_head=config.n_head, n_embd=config.n_embd, dropout=config.dropout,
                                   bias=config.bias, activation=config.activation))
        self.model.train()
        params = [p for p in self.model.parameters() if p.requires_grad]
        groups = [{"params": [p for p in params if p.dim() >= 2], "weight_decay": config.weight_decay},
                  {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
        self.optimizer = torch.optim.AdamW(groups, lr=config.learning_rate, betas=(config.beta1, config.beta2))
        self.gen = torch.Generator().manual_seed(config.seed)  # the same batches as ours
        self.iter = 0
        self.seconds = 0.0
        self.chunk_ms: list[float] = []  # ms/iter of each run_until call
        self.last_loss = float("nan")

    def get_batch(self, batch_size: int, block_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """nanoGPT's get_batch: random offsets, then one slice per row for x and one for y, stacked.
        The offsets come from the same generator as ours, so both loops see the same batches."""
        data = self.data.split("train")
        ix = torch.randint(len(data) - block_size, (batch_size,), generator=self.gen)
        x = torch.stack([torch.from_numpy(data[i:i + block_size].astype(np.int64)) for i in ix.tolist()])
        y = torch.stack([torch.from_numpy(data[i + 1:i + 1 + block_size].astype(np.int64)) for i in ix.tolist()])
        return x, y

    def get_lr(self, it: int) -> float:
        cfg = self.config
        if it < cfg.warmup_iters:
            return cfg.learning_rate * (it + 1) / (cfg.warmup_iters + 1)
        decay_iters = cfg.lr_decay_iters or cfg.max_iters
        if it > decay_iters:
            return cfg.min_lr
        ratio = (it - cfg.warmup_iters) / (decay_iters - cfg.warmup_iters)
        return cfg.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (cfg.learning_rate - cfg.min_lr)

    def run_until(self, step: int) -> None:
        cfg, model, optimizer = self.config, self.model, self.optimizer
        first, started = self.iter, time.perf_counter()
        while self.iter < step:
            lr = self.get_lr(self.iter)
            for group in optimizer.param_groups:
                group["lr"] = lr
            x, y = self.get_batch(cfg.batch_size, cfg.block_size)
            _, loss = model(x, y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            self.iter += 1
        elapsed = time.perf_counter() - started
        self.seconds += elapsed
        self.chunk_ms.append(1000 * elapsed / max(1, self.iter - first))
        self.last_loss = loss.item()

    @property
    def ms_per_iter(self) -> float:
        return 1000 * self.seconds / max(1, self.iter)


@torch.no_grad()
def val_loss(model: torch.nn.Module, data: TokenData, config: TrainingConfig, batches: int) -> float:
    """Mean val loss over `batches` batches drawn like core.training.loop.estimate_loss (seed + 1)."""
    model.eval()
    gen = torch.Generator().manual_seed(config.seed + 1)
    losses = [model(*data.get_batch("val", config.batch_size, config.block_size, "cpu", gen))[1].item()
              for _ in range(batches)]
    model.train()
    return sum(losses) / len(losses)


@torch.no_grad()
def full_val_loss(model: torch.nn.Module, data: TokenData, block_size: int, batch: int = 64) -> float:
    """Deterministic val loss: the whole val split in consecutive block_size windows, every token once."""
    model.eval()
    ids = torch.from_numpy(data.split("val").astype("int64"))
    n = (len(ids) - 1) // block_size
    x = ids[: n * block_size].view(n, block_size)  # (N, T)
    y = ids[1 : n * block_size + 1].view(n, block_size)  # (N, T)
    total = sum(model(x[i : i + batch], y[i : i + batch])[1].item() * len(x[i : i + batch])
                for i in range(0, n, batch))
    model.train()
    return total / n


def seed_sweep(seeds: list[int], data: TokenData, max_iters: int, check_batches: int,
               activation: str = "gelu") -> list[dict]:
    """The reference loop alone for each seed (it matches ours step for step): how much the
    step-2000 val loss moves with the seed alone."""
    rows = []
    for seed in seeds:
        config = preset_config("cpu-quick", max_iters=max_iters, seed=seed, device="cpu", activation=activation)
        reference = ReferenceLoop(config, data, data.vocab_size)
        reference.run_until(max_iters)
        rows.append({"seed": seed,
                     "val_loss_20_batches": round(val_loss(reference.model, data, config, config.eval_iters), 4),
                     f"val_loss_{check_batches}_batches": round(val_loss(reference.model, data, config,
                                                                         check_batches), 4),
                     "val_loss_full_split": round(full_val_loss(reference.model, data, config.block_size), 4),
                     "ms_per_iter": round(reference.ms_per_iter, 2)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="tinyshakespeare.txt (read in place, never copied)")
    parser.add_argument("--max-iters", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--check-batches", type=int, default=200, help="val batches for the noise check")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference loop")
    parser.add_argument("--seed-sweep", type=str, default=None, metavar="SEEDS",
                        help="instead of the comparison: the reference loop alone for these seeds, e.g. 1,2,3")
    parser.add_argument("--activation", default="gelu", help="the MLP non-linearity (gelu = nanoGPT's, gelu_new = GPT-2's)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    corpus = read_corpus(args.corpus)
    tokenizer = CharTokenizer.from_corpus(corpus.read_text())
    workdir = Path(tempfile.mkdtemp(prefix="bench-training-"))
    data = tokenize_corpus(corpus, tokenizer, cache_root=workdir / "tokens")
    config = preset_config("cpu-quick", max_iters=args.max_iters, seed=args.seed, device="cpu",
                           out_dir=str(workdir / "ours"), activation=args.activation)
    print(f"corpus {corpus.name}: {data.n_tokens:,} tokens, vocabulary {data.vocab_size}; "
          f"{args.max_iters} iters, {torch.get_num_threads()} threads", flush=True)
    if args.seed_sweep:
        rows = seed_sweep([int(s) for s in args.seed_sweep.split(",")], data, args.max_iters, args.check_batches,
                          args.activation)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        return

    reference = None if args.no_reference else ReferenceLoop(config, data, data.vocab_size)
    evals: dict[int, float] = {}
    chunk_ratios: list[float] = []
    ours_chunk_ms: list[float] = []
    ours_ms_total, ours_steps, previous = 0.0, 0, 0
    finished = started = None
    wall_started = time.perf_counter()
    ref_wall_seconds = 0.0
    for event in train(config, data, tokenizer):
        if isinstance(event, TrainingStarted):
            started = event
        elif isinstance(event, StepRecord):
            if event.ms_per_iter is not None:
                ours_ms_total += event.ms_per_iter * (event.step - previous)
                ours_steps += event.step - previous
            previous = event.step
            if reference is not None and event.step > 0:
                t0 = time.perf_counter()
                reference.run_until(event.step)  # interleaved: the same load hits both loops
                ref_wall_seconds += time.perf_counter() - t0
                chunk_ratios.append(event.ms_per_iter / reference.chunk_ms[-1])
                ours_chunk_ms.append(event.ms_per_iter)
            if event.eval is not None:
                evals[event.step] = event.eval.val_loss
                line = f"step {event.step:5d}: ours val {event.eval.val_loss:.4f}"
                if event.step and ours_steps:
                    line += f", {ours_ms_total / ours_steps:.2f} ms/iter"
                if reference is not None and event.step > 0:
                    line += f" | reference {reference.ms_per_iter:.2f} ms/iter (loss {reference.last_loss:.4f})"
                print(line, flush=True)
        elif isinstance(event, TrainingFinished):
            finished = event
    ours_wall = time.perf_counter() - wall_started - ref_wall_seconds
    if finished is None or finished.status != "completed":
        raise SystemExit(f"training did not complete: {finished}")

    last_step = max(evals)
    ours_ms = ours_ms_total / ours_steps
    ours_model = load_gpt_from_hf_folder(workdir / "ours" / "last")
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "command": "python bench/bench_training.py " + " ".join(sys.argv[1:]),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, "
                   f"{torch.get_num_threads()} threads",
        "max_iters": args.max_iters,
        "n_parameters": started.n_parameters if started else None,
        "val_loss": round(evals[last_step], 4),
        "val_loss_step": last_step,
        "val_loss_eval_iters": config.eval_iters,
        "best_val_loss": round(finished.best_val_loss, 4),
        f"val_loss_{args.check_batches}_batches": round(val_loss(ours_model, data, config, args.check_batches), 4),
        "val_loss_full_split": round(full_val_loss(ours_model, data, config.block_size), 4),
        "nanogpt_val_loss": NANOGPT_VAL_LOSS,
        "ours_ms_per_iter": round(ours_ms, 3),
        "ours_wall_s": round(ours_wall, 1),
    }
    if reference is not None:
        results.update({
            "reference_ms_per_iter": round(reference.ms_per_iter, 3),
            "reference_wall_s": round(reference.seconds, 1),
            "ratio_ours_over_reference": round(ours_ms / reference.ms_per_iter, 3),
            "median_chunk_ratio": round(statistics.median(chunk_ratios), 3),
            "ours_median_chunk_ms": round(statistics.median(ours_chunk_ms), 3),
            "reference_median_chunk_ms": round(statistics.median(reference.chunk_ms), 3),
            "reference_val_loss": round(val_loss(reference.model, data, config, config.eval_iters), 4),
            f"reference_val_loss_{args.check_batches}_batches":
                round(val_loss(reference.model, data, config, args.check_batches), 4),
        })
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.max_iters == 2000:
        verdict = "met" if results["val_loss"] <= GOAL_VAL_LOSS else "NOT met"
        print(f"goal val loss <= {GOAL_VAL_LOSS} at step 2000: {verdict} ({results['val_loss']:.4f}; "
              f"nanoGPT {NANOGPT_VAL_LOSS})")


if __name__ == "__main__":
    main()
