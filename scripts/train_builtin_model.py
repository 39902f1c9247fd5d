"""Train LM Anatomy's built-in model and write it to assets/models/builtin-gpt/.

    python scripts/train_builtin_model.py [--threads 2] [--out assets/models/builtin-gpt]

The model is trained with the app's own trainer, through `lm-anatomy train` (core.training.cli),
on both built-in corpora (`core.builtin_corpora.bilingual_corpus()`): Python's documentation
topics in English (`pydoc_data.topics`, read from the running interpreter, nothing copied into
the repository) and the Brazilian Portuguese texts written for LM Anatomy (assets/corpora/pt_BR).
Each is cut near its last tenth, and the text is both first parts then both last parts, so the
trainer's val split (the last 10% of the tokens) holds about the last tenth of each. The steps:

1. `lm-anatomy train --corpus builtin-en-pt --tokenizer bpe --vocab-size 2048 ...` trains a
   byte-level BPE tokenizer on both languages, tokenizes the text (first 90% of the tokens =
   train, last 10% = val) and trains a small GPT with a fixed seed on the CPU; the checkpoint
   with the best validation loss is kept.
2. The weights are stored as float16 safetensors (half the size; the app loads them as float32).
3. The shipped folder is loaded back with `core.model.loading.load_model`, exactly as the app
   loads it, and evaluated on the *whole* val split (consecutive windows of block_size tokens),
   next to a count-based bigram model on the same split.
4. Each language's part of the val split is evaluated alone too, and the model continues an
   English and a Portuguese prompt.
5. README.md (the model card) records the data, settings, figures and this command.

It takes about 30 minutes on a busy 2-core CPU.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_OUT = REPO / "assets" / "models" / "builtin-gpt"
VOCAB_SIZE = 2048
SEED = 1337
# Everything `lm-anatomy train` is told besides --corpus/--out/--threads.
TRAIN_ARGS = [
    "--tokenizer", "bpe", "--vocab-size", str(VOCAB_SIZE),
    "--preset", "custom",
    "--n-layer", "4", "--n-head", "4", "--n-embd", "128", "--block-size", "128",
    "--batch-size", "16", "--lr", "2e-3", "--min-lr", "2e-4", "--warmup", "100", "--max-iters", "2000",
    "--dropout", "0.2", "--weight-decay", "0.1", "--no-bias", "--activation", "gelu_new",
    "--eval-interval", "100", "--eval-iters", "20", "--log-interval", "10",
    "--seed", str(SEED), "--device", "cpu",
]
SAMPLE_PROMPTS = ("The for statement", "Boolean operations", "A professora explicou que", "No fim de semana, a família")
SHIPPED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "lm_anatomy.json")


def windowed_val_loss(logits_of, tokens, block_size: int, batch: int = 32) -> float:
    """Mean next-token loss (nats) over the whole token array, cut into consecutive windows.

    Window k holds tokens [k*T, (k+1)*T] (T + 1 ids): the model reads the first T and predicts
    the last T. Every val token after the first is predicted exactly once (context up to T).
    """
    import numpy as np
    import torch
    from torch.nn import functional as F

    ids = np.asarray(tokens, dtype=np.int64)
    n_windows = (len(ids) - 1) // block_size
    starts = [k * block_size for k in range(n_windows)]
    total, count = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(starts), batch):
            rows = torch.stack([torch.from_numpy(ids[s : s + block_size + 1]) for s in starts[i : i + batch]])
            logits = logits_of(rows[:, :-1]).float()  # (B, T, V)
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), rows[:, 1:].reshape(-1), reduction="sum")
            total += loss.item()
            count += rows[:, 1:].numel()
    return total / count


def write_fp16_folder(best: Path, out: Path) -> None:
    """Copy the checkpoint's config, tokenizer and notes; store its weights as float16."""
    import torch
    from safetensors.torch import load_file, save_file

    from core.model.atomic_folders import atomic_folder

    with atomic_folder(out) as tmp:
        for name in SHIPPED_FILES:
            if name != "model.safetensors" and (best / name).exists():
                shutil.copy2(best / name, tmp / name)
        state = {k: v.to(torch.float16).contiguous() for k, v in load_file(str(best / "model.safetensors")).items()}
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        config = json.loads((tmp / "config.json").read_text(encoding="utf-8"))
        config["dtype"] = "float16"  # as stored; load_model asks for float32 and upcasts
        (tmp / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        for path in tmp.iterdir():
            path.chmod(0o644)
        tmp.chmod(0o755)  # mkdtemp made it private


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--workdir", type=Path, default=None, help="where the training run goes (default: temp)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-iters", type=int, default=None, help="override, for a quick try (not shipped)")
    args = parser.parse_args()

    import tempfile

    import numpy as np
    import torch

    from core.builtin_corpora import (
        BILINGUAL_CLI_NAME,
        LANGUAGES,
        VAL_FRACTION,
        bilingual_corpus,
        builtin_corpus,
        cut_near,
    )
    from core.model.bigram import count_baseline_loss
    from core.model.checkpoint import load_gpt_from_hf_folder
    from core.model.loading import load_model
    from core.tokenization.bpe import BpeTokenizer
    from core.training.cli import main as train_cli
    from core.training.data import tokenize_corpus

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="builtin-gpt-"))
    run_dir = workdir / "run"
    train_args = list(TRAIN_ARGS)
    if args.max_iters is not None:
        train_args[train_args.index("--max-iters") + 1] = str(args.max_iters)
    argv = ["--corpus", BILINGUAL_CLI_NAME, *train_args, "--threads", str(args.threads), "--out", str(run_dir)]
    os.environ.setdefault("LM_ANATOMY_CACHE", str(workdir / "cache"))

    captured = io.StringIO()
    started = time.perf_counter()
    code = train_cli(argv, stdout=captured)
    train_wall = time.perf_counter() - started
    if code != 0:
        print(captured.getvalue(), end="")
        return code
    run = json.loads(captured.getvalue().strip().splitlines()[-1])
    best = Path(run["best_checkpoint"])

    write_fp16_folder(best, args.out)
    meta_path = args.out / "lm_anatomy.json"

    # Evaluate what ships, loaded the way the app loads it.
    corpus = bilingual_corpus()
    tokenizer = BpeTokenizer.from_pretrained(args.out)
    data = tokenize_corpus(corpus, tokenizer)
    train_tokens, val_tokens = data.split("train"), data.split("val")
    loaded = load_model(args.out, device="cpu")
    block = int(loaded.context_length)
    val_loss = windowed_val_loss(lambda x: loaded.model(x).logits, val_tokens, block)
    bigram = count_baseline_loss(train_tokens, val_tokens, data.vocab_size, "bigram")
    unigram = count_baseline_loss(train_tokens, val_tokens, data.vocab_size, "unigram")
    ours = load_gpt_from_hf_folder(args.out).eval()
    val_loss_ours = windowed_val_loss(lambda x: ours(x)[0], val_tokens, block)
    # Each language alone: its last tenth (the part in the val split), tokenized by itself.
    languages = {}
    for language in LANGUAGES:
        text = builtin_corpus(language).read_text()
        head, tail = cut_near(text, 1.0 - VAL_FRACTION)
        tail_ids = np.asarray(tokenizer.encode_ids(tail), dtype=np.int64)
        languages[language] = {
            "n_chars": len(text), "n_bytes": len(text.encode("utf-8")),
            "n_tokens": len(tokenizer.encode_ids(text)), "val_tokens": len(tail_ids),
            "val_loss": windowed_val_loss(lambda x: loaded.model(x).logits, tail_ids, block),
            "bigram": count_baseline_loss(train_tokens, tail_ids, data.vocab_size, "bigram"),
        }

    samples = []
    generator = torch.Generator().manual_seed(SEED)
    for prompt in SAMPLE_PROMPTS:
        ids = torch.tensor([tokenizer.encode_ids(prompt)])
        out = ours.generate(ids, 60, temperature=0.8, top_k=50, generator=generator)
        samples.append(tokenizer.decode(out[0].tolist()))

    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "val_loss_windowed": round(val_loss, 4),
        "bigram_val_loss": round(bigram, 4),
        "unigram_val_loss": round(unigram, 4),
        "corpus": corpus.source,
        "languages": {k: {n: round(v, 4) if isinstance(v, float) else v for n, v in d.items()}
                      for k, d in languages.items()},
        "n_tokens": data.n_tokens,
        "split_index": data.split_index,
        "train_command": "python scripts/train_builtin_model.py" + (f" --threads {args.threads}"
                                                                  if args.threads != 2 else ""),
        "train_cli_args": argv[:-2],
    })
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    gpt_config = meta["gpt_config"]
    size = folder_size(args.out)
    figures = {
        "run": run, "val_loss": val_loss, "val_loss_ours": val_loss_ours, "bigram": bigram, "unigram": unigram,
        "size": size, "train_wall": train_wall, "n_parameters": loaded.n_parameters,
        "n_parameters_ours": ours.num_parameters(), "best_step": meta.get("step"), "languages": languages,
    }
    card = model_card(corpus, data, gpt_config, figures, samples, args, argv)
    (args.out / "README.md").write_text(card, encoding="utf-8")
    print(json.dumps({k: v for k, v in figures.items() if k != "run"} | {"out": str(args.out)}, indent=2))
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


def model_card(corpus, data, gpt_config, figures, samples, args, argv) -> str:
    import tokenizers
    import torch
    import transformers

    from core.builtin_corpora import builtin_corpus
    from core.training.cli import build_parser, make_config

    cfg = make_config(build_parser().parse_args(argv))  # the TrainingConfig the run used
    run = figures["run"]
    n_val = data.n_tokens - data.split_index
    ours_params = figures["n_parameters_ours"]
    cmd = "python scripts/train_builtin_model.py" + (f" --threads {args.threads}" if args.threads != 2 else "")
    if args.max_iters is not None:
        cmd += f" --max-iters {args.max_iters}"
    cli = "lm-anatomy train " + " ".join(argv[:-2]) + " --out DIR"
    sample_text = "\n\n".join(f"```text\n{s}\n```" for s in samples)
    en, pt = figures["languages"]["en"], figures["languages"]["pt_BR"]
    english, portuguese = builtin_corpus("en"), builtin_corpus("pt_BR")
    return f"""# builtin-gpt: LM Anatomy's built-in model

A tiny GPT-2-style language model, trained from scratch with LM Anatomy's own trainer on the
app's two built-in corpora: Python's documentation topics (English) and a small Brazilian
Portuguese corpus written for LM Anatomy (everyday life, and how language models work). So the
app has a causal language model to show without a download, and a Portuguese prompt gets a
Portuguese continuation. It is a teaching model: it has learned the look of its texts (Python's
reference documentation; plain Portuguese prose), not facts you should rely on.

Format: Hugging Face GPT-2 (`GPT2LMHeadModel`): `config.json`, `model.safetensors`
(float16; loaded as float32), `tokenizer.json` + `tokenizer_config.json`
(`PreTrainedTokenizerFast`), and `lm_anatomy.json` (LM Anatomy's notes: the exact GPT
configuration, the training step and the figures below). Total size {figures['size'] / 1e6:.2f} MB.

## Data

| corpus | characters | UTF-8 bytes | tokens |
| --- | --- | --- | --- |
| English: `{english.source}` (`core.corpus.builtin_corpus()`, one section per topic) | {en['n_chars']:,} | {en['n_bytes']:,} | {en['n_tokens']:,} |
| Portuguese: {portuguese.source} (`core.builtin_corpora.portuguese_corpus()`) | {pt['n_chars']:,} | {pt['n_bytes']:,} | {pt['n_tokens']:,} |
| both, as trained (`core.builtin_corpora.bilingual_corpus()`, `--corpus builtin-en-pt`) | {corpus.n_chars:,} | {corpus.n_bytes:,} | {data.n_tokens:,} |

- The English text is read from the interpreter's standard library; the topics differ a little
  between Python versions. Trained with Python {platform.python_version()}. The Portuguese text was
  written for this app and ships in `assets/corpora/pt_BR/`.
- Tokenizer: byte-level BPE (GPT-2 style, no prefix space), {data.vocab_size:,} tokens including
  the special tokens `<s> <pad> </s> <unk> <mask>`, trained on both languages with
  `core.tokenization.bpe.BpeTokenizer.train` (min frequency 2):
  {en['n_chars'] / en['n_tokens']:.2f} characters per token in English,
  {pt['n_chars'] / pt['n_tokens']:.2f} in Portuguese.
- Split: each text is cut at the paragraph break nearest to its last tenth, and the training text
  is both first parts followed by both last parts. The trainer splits by token position: the
  first 90% ({data.split_index:,} tokens) is the training split, the last 10% ({n_val:,} tokens)
  the validation split, which so holds about the last tenth of each language. (The tokenizer's
  vocabulary was learned from all of the text, validation included.)

## Model and training

| setting | value |
| --- | --- |
| layers / heads / width | {gpt_config['n_layer']} / {gpt_config['n_head']} / {gpt_config['n_embd']} |
| context (block size) | {gpt_config['block_size']} tokens |
| vocabulary | {gpt_config['vocab_size']:,} |
| biases | {'yes' if gpt_config['bias'] else 'none (stored as zeros in the GPT-2 file)'} |
| activation | {gpt_config['activation']} (GELU, tanh approximation, as GPT-2) |
| parameters | {ours_params:,} (tied embedding/head counted once) |
| batch | {cfg.batch_size} sequences x {cfg.block_size} tokens = {cfg.tokens_per_iter:,} tokens per step |
| optimizer | AdamW, betas ({cfg.beta1}, {cfg.beta2}), weight decay {cfg.weight_decay} on 2-D weights, gradient clipping {cfg.grad_clip} |
| learning rate | {cfg.learning_rate:g}, {cfg.warmup_iters} warm-up steps, cosine to {cfg.min_lr:g} at the last step |
| dropout | {cfg.dropout} |
| steps | {run['max_iters']:,} ({run['tokens']:,} training tokens, {run['tokens'] / data.split_index:.1f} epochs) |
| checkpoint shipped | the best of the evaluations every {cfg.eval_interval} steps ({cfg.eval_iters} batches each): step {figures['best_step']} |
| seed | {SEED} |

## Results

| measure (nats per token) | validation split | English part alone | Portuguese part alone |
| --- | --- | --- | --- |
| **this model** (every val token, consecutive {gpt_config['block_size']}-token windows) | **{figures['val_loss']:.4f}** | {en['val_loss']:.4f} | {pt['val_loss']:.4f} |
| count bigram model, trained on the training split (add-one smoothing) | {figures['bigram']:.4f} | {en['bigram']:.4f} | {pt['bigram']:.4f} |
| count unigram model | {figures['unigram']:.4f} | | |
| uniform guess, ln({data.vocab_size}) | {math.log(data.vocab_size):.4f} | | |
| trainer's own estimate at the shipped step ({cfg.eval_iters} random batches) | {run['best_val_loss']:.4f} | | |

(The language parts are each language's last tenth tokenized alone: {en['val_tokens']:,} and
{pt['val_tokens']:,} tokens.) The model beats the bigram baseline by
{figures['bigram'] - figures['val_loss']:.2f} nats per token (perplexity {math.exp(figures['val_loss']):.0f}
against {math.exp(figures['bigram']):.0f}); by {en['bigram'] - en['val_loss']:.2f} in English and
{pt['bigram'] - pt['val_loss']:.2f} in Portuguese. The shipped step was chosen by validation loss, so the
validation figure is slightly optimistic. The same evaluation with LM Anatomy's own GPT class instead of
transformers gives {figures['val_loss_ours']:.4f}. `tests/core/model/test_builtin_model.py` recomputes the
validation loss and the bigram baseline from the shipped files, and checks that a Portuguese prompt gets a
Portuguese continuation.

Training time: {run['wall_s'] / 60:.1f} minutes wall time for the whole `lm-anatomy train` run
(tokenizer training, tokenization, {run['steps']:,} steps, evaluations and checkpoints), of which
the training steps took {run['ms_per_iter'] * run['steps'] / 60000:.1f} min: {run['ms_per_iter']:.0f} ms per step,
{run['tokens_per_s']:,.0f} tokens/s. Machine: {platform.machine()} Linux, {os.cpu_count()} CPU cores, no GPU,
torch threads: {args.threads}; Python {platform.python_version()}, torch {torch.__version__},
transformers {transformers.__version__}, tokenizers {tokenizers.__version__}. The machine was shared
with other work, so the times are noisy: the fastest {cfg.log_interval}-step stretch ran at
{run['ms_per_iter_min']:.0f} ms per step ({cfg.tokens_per_iter / run['ms_per_iter_min'] * 1000:,.0f} tokens/s),
which would make the {run['steps']:,} steps take {run['ms_per_iter_min'] * run['steps'] / 60000:.1f} min on a quiet
machine of the same size.

Samples (temperature 0.8, top-k 50, seed {SEED}, one generator for all four; the prompt is the first words):

{sample_text}

## Reproduce

```bash
{cmd}
```

It runs, in one process and with the same core code as the app:

```bash
{cli}
```

then stores the best checkpoint's weights as float16 in `assets/models/builtin-gpt/` and
writes this card. Results match to within floating-point noise on the same Python version
(the English corpus comes from its standard library) and the same library versions.

## Licence

The English half is Python's documentation, © Python Software Foundation, licensed under the
PSF License Agreement (code examples in it are also available under the Zero-Clause BSD
licence). The Portuguese corpus was written for LM Anatomy and is distributed with it under the
project's licence, as is the model itself.
"""


if __name__ == "__main__":
    sys.exit(main())
