"""Does our GPT learn exactly as nanoGPT does when it is fed exactly what nanoGPT is fed?

    python bench/bench_nanogpt_parity.py /path/to/tinyshakespeare.txt [--seeds 1337,1,2,3] [--unk-row]

nanoGPT's CPU reference run (4 layers, 4 heads, 128 wide, block 64, batch 12, lr 1e-3, 100 warm-up
steps, cosine to 1e-4 at step 2000, AdamW (0.9, 0.99) with weight decay 0.1 on 2-D tensors, clipping
1.0, no dropout, no biases) draws everything from torch's one global generator, in this order: the
initial weights, the first training batch, then at every evaluation (every 250 steps) 20 train and
20 val batches, and after each forward pass the next training batch. Its vocabulary is the 65
characters of the file, its split the first 90% of the characters.

This script trains `core.model.gpt.GPT` in a plain loop written here (nothing of core.training is
used) with exactly that order and vocabulary, and prints, per seed, the val loss nanoGPT prints at
step 2000 (20 random batches) and the val loss over the whole val split (every token once, in
consecutive windows), which does not depend on which batches were drawn.

`--unk-row` adds the app's extra `[UNK]` row to the vocabulary (the character tokenizer's id 65,
never seen in the data), drawn from its own generator so the other weights and every batch stay the
same as without it: the cost of that row alone.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from core.model.gpt import GPT, GPTConfig  # noqa: E402

BLOCK, BATCH, EVAL_INTERVAL, EVAL_ITERS = 64, 12, 250, 20
LR, MIN_LR, WARMUP, WEIGHT_DECAY, BETAS, CLIP = 1e-3, 1e-4, 100, 0.1, (0.9, 0.99), 1.0


def char_splits(text: str) -> tuple[torch.Tensor, torch.Tensor, int]:
    """nanoGPT's shakespeare_char preparation: ids of the sorted characters, split at int(0.9 n)."""
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.int64)  # (N,)
    cut = int(len(ids) * 0.9)
    return ids[:cut], ids[cut:], len(chars)


def build_model(n_chars: int, unk_row: bool, seed: int) -> GPT:
    """The model under the global generator (nanoGPT's order); with unk_row, one more row drawn apart."""
    def make(vocab: int) -> GPT:
        return GPT(GPTConfig(vocab_size=vocab, block_size=BLOCK, n_layer=4, n_head=4, n_embd=128, dropout=0.0,
                             bias=False, activation="gelu"))

    model = make(n_chars)
    if not unk_row:
        return model
    extra = torch.randn(1, 128, generator=torch.Generator().manual_seed(seed)) * 0.02  # (1, C)
    state = torch.get_rng_state()  # the wider model's own draws must not move the batches that follow
    bigger = make(n_chars + 1)
    torch.set_rng_state(state)
    with torch.no_grad():
        for (_, target), (_, source) in zip(bigger.state_dict().items(), model.state_dict().items(), strict=True):
            target.copy_(source if target.shape == source.shape else torch.cat([source, extra]))
    return bigger


def learning_rate(step: int, max_iters: int) -> float:
    """Warm-up then cosine, nanoGPT's formula."""
    if step < WARMUP:
        return LR * (step + 1) / (WARMUP + 1)
    ratio = (step - WARMUP) / (max_iters - WARMUP)
    return MIN_LR + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (LR - MIN_LR)


def draw(split: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """x, y: (B, T) from the global generator, as nanoGPT's get_batch."""
    ix = torch.randint(len(split) - BLOCK, (BATCH,))
    return (torch.stack([split[i:i + BLOCK] for i in ix]), torch.stack([split[i + 1:i + 1 + BLOCK] for i in ix]))


@torch.no_grad()
def whole_split_loss(model: GPT, split: torch.Tensor) -> float:
    """Mean loss over the whole split in consecutive BLOCK windows (nats/token)."""
    model.eval()
    n = (len(split) - 1) // BLOCK
    x, y = split[: n * BLOCK].view(n, BLOCK), split[1: n * BLOCK + 1].view(n, BLOCK)  # (N, T)
    total = sum(model(x[i:i + 64], y[i:i + 64])[1].item() * len(x[i:i + 64]) for i in range(0, n, 64))
    model.train()
    return total / n


def run(seed: int, train: torch.Tensor, val: torch.Tensor, n_chars: int, max_iters: int, unk_row: bool) -> dict:
    torch.manual_seed(seed)
    model = build_model(n_chars, unk_row, seed)
    params = list(model.parameters())
    optimizer = torch.optim.AdamW([{"params": [p for p in params if p.dim() >= 2], "weight_decay": WEIGHT_DECAY},
                                   {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}],
                                  lr=LR, betas=BETAS)
    started = time.perf_counter()
    x, y = draw(train)
    for step in range(max_iters):
        if step % EVAL_INTERVAL == 0:
            nanogpt_evaluation(model, train, val)  # its draws move every batch after it
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, max_iters)
        _, loss = model(x, y)
        x, y = draw(train)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, CLIP)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    return {"seed": seed, "unk_row": unk_row, "val_loss_20_batches": round(nanogpt_evaluation(model, train, val), 4),
            "val_loss_whole_split": round(whole_split_loss(model, val), 4),
            "seconds": round(time.perf_counter() - started, 1)}


@torch.no_grad()
def nanogpt_evaluation(model: GPT, train: torch.Tensor, val: torch.Tensor) -> float:
    """nanoGPT's estimate_loss: EVAL_ITERS random train batches, then as many val ones; the val mean (nats/token)."""
    model.eval()
    for split in (train, val):
        losses = [model(*draw(split))[1].item() for _ in range(EVAL_ITERS)]
    model.train()
    return sum(losses) / EVAL_ITERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="tinyshakespeare.txt (read in place, never copied)")
    parser.add_argument("--seeds", default="1337,1,2,3")
    parser.add_argument("--max-iters", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--unk-row", action="store_true", help="add the character tokenizer's [UNK] row")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    train, val, n_chars = char_splits(args.corpus.read_text(encoding="utf-8"))
    rows = [run(int(seed), train, val, n_chars, args.max_iters, args.unk_row) for seed in args.seeds.split(",")]
    for row in rows:
        print(json.dumps(row), flush=True)
    for key in ("val_loss_20_batches", "val_loss_whole_split"):
        print(f"mean {key}: {sum(r[key] for r in rows) / len(rows):.4f}")


if __name__ == "__main__":
    main()
