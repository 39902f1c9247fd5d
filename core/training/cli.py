"""`lm-anatomy train`: the Training tab's trainer from a terminal, for scripts, servers and CI.

    lm-anatomy train --corpus tinyshakespeare.txt --preset cpu-quick --out runs/shakespeare
    lm-anatomy train --corpus builtin --tokenizer bpe --vocab-size 2048 --preset custom \\
        --n-layer 4 --n-head 4 --n-embd 192 --block-size 128 --max-iters 3000 --out runs/docs

It runs the very same core as the GUI: `core.corpus` reads the text, a character or BPE
tokenizer is built, `core.training.data.tokenize_corpus` writes the cached token file and
`core.training.loop.train` yields the records. Progress goes to stderr (one line redrawn with
\\r on a terminal, plain lines otherwise), and stdout receives exactly one JSON line at the
end, so `lm-anatomy train ... | tail -n 1 | jq .val_loss` works.

Exit codes: 0 = completed, 1 = training failed (a `TrainingError`; its message is printed),
2 = bad arguments (nothing trained), 130 = stopped with Ctrl+C (checkpoint kept, JSON printed).
A first Ctrl+C asks the loop to stop after the current step (`TrainingControl.stop`); a
second one aborts at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from core.model.activations import ACTIVATIONS
from core.training.cli_report import Progress, Summary, epoch_line, format_duration
from core.training.distributed import (
    Ranks,
    barrier,
    ranks_from_environment,
    start_process_group,
    stop_process_group,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 130
DEFAULT_BPE_VOCAB = 2048

# CLI flag -> TrainingConfig field, for the overrides of the preset.
OVERRIDES = {
    "n_layer": "n_layer",
    "n_head": "n_head",
    "n_embd": "n_embd",
    "block_size": "block_size",
    "batch_size": "batch_size",
    "grad_accum": "gradient_accumulation_steps",
    "lr": "learning_rate",
    "min_lr": "min_lr",
    "warmup": "warmup_iters",
    "max_iters": "max_iters",
    "dropout": "dropout",
    "weight_decay": "weight_decay",
    "eval_interval": "eval_interval",
    "eval_iters": "eval_iters",
    "log_interval": "log_interval",
    "bias": "bias",
    "activation": "activation",
    "compile": "compile",
    "objective": "model_type",
    "dtype": "dtype",
    "sample_tokens": "sample_tokens",
    "epochs": "epochs",
    "mlm_probability": "mlm_probability",
    "val_fraction": "val_fraction",
    "split_seed": "split_seed",
}


class UsageError(Exception):
    """A bad argument found after parsing (missing corpus, impossible settings): exit code 2."""


# --------------------------------------------------------------------------- arguments


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lm-anatomy train",
        description="Train a small language model without the GUI (same trainer as the Training tab). "
        "Progress goes to stderr; one JSON line with the results goes to stdout.",
        epilog="Exit codes: 0 completed, 1 training failed, 2 bad arguments, 130 stopped with Ctrl+C.",
    )
    data = parser.add_argument_group("data")
    data.add_argument("--corpus", required=True, metavar="PATH|builtin|builtin-pt",
                      help="a .txt/.md/.json/.jsonl file, plain or compressed (.gz, .xz, .bz2, .zst), a .zip of "
                           "text files, 'builtin' for Python's documentation topics, 'builtin-pt' for the "
                           "Portuguese texts written for LM Anatomy, or 'builtin-en-pt' for both (the built-in "
                           "model's corpus)")
    data.add_argument("--encoding", default="auto", metavar="NAME",
                      help="the corpus file's encoding, e.g. cp1252 (default auto: UTF-8 when the file is valid "
                           "UTF-8, else the encoding charset-normalizer detects)")
    data.add_argument("--fix-text", choices=("auto", "never"), default="never",
                      help="mojibake (\"Ã©\" for \"é\"), found with ftfy: auto repairs it and says what changed; "
                           "never (default) leaves the text as it is and warns")
    data.add_argument("--tokenizer", choices=("char", "bpe"), default=None,
                      help="character or byte-level BPE tokenizer, trained on the corpus (default: char)")
    data.add_argument("--vocab-size", type=int, default=None,
                      help=f"BPE vocabulary size (default {DEFAULT_BPE_VOCAB})")

    model = parser.add_argument_group("preset and overrides")
    model.add_argument("--preset", choices=("cpu-quick", "gpu-baby", "custom"), default="cpu-quick",
                       help="starting configuration (default cpu-quick: nanoGPT's CPU reference)")
    model.add_argument("--objective", choices=("gpt", "bigram", "mlm"), default=None,
                       help="next-token GPT, bigram table, or masked LM (RoBERTa)")
    for flag, kind, text in (
        ("--n-layer", int, "transformer blocks"),
        ("--n-head", int, "attention heads (must divide --n-embd)"),
        ("--n-embd", int, "embedding width"),
        ("--block-size", int, "context length in tokens"),
        ("--batch-size", int, "sequences per micro-batch"),
        ("--grad-accum", int, "micro-batches per optimizer step"),
        ("--lr", float, "peak learning rate"),
        ("--min-lr", float, "final learning rate of the cosine decay"),
        ("--warmup", int, "linear warm-up steps"),
        ("--max-iters", int, "optimizer steps (the cosine decays over all of them)"),
        ("--dropout", float, "dropout probability"),
        ("--weight-decay", float, "AdamW weight decay on 2-D weights"),
        ("--eval-interval", int, "steps between evaluations and checkpoints"),
        ("--eval-iters", int, "batches per split in each evaluation"),
        ("--log-interval", int, "steps between progress updates"),
        ("--sample-tokens", int, "length of the text sample at each evaluation (0 = none)"),
        ("--epochs", float, "run length in passes over the train tokens, instead of --max-iters"),
        ("--mlm-probability", float, "masked LM: share of the tokens masked (default 0.15; lower for small "
                                     "corpora)"),
        ("--val-fraction", float, "question/answer files: share of whole records held out for validation "
                                  "(default 0.1)"),
        ("--split-seed", int, "question/answer files: seed choosing the validation records (default 0)"),
    ):
        model.add_argument(flag, type=kind, default=None, help=text)
    model.add_argument("--activation", choices=ACTIVATIONS, default=None,
                       help="the MLP's non-linearity (default gelu, exact, as nanoGPT; gelu_new is GPT-2's tanh form)")
    model.add_argument("--compile", action=argparse.BooleanOptionalAction, default=None,
                       help="torch.compile the model for training (CUDA only; off by default)")
    model.add_argument("--bias", action=argparse.BooleanOptionalAction, default=None,
                       help="biases in Linear and LayerNorm layers (presets: off, like nanoGPT)")
    model.add_argument("--dtype", choices=("auto", "float32", "bfloat16", "float16"), default=None,
                       help="CUDA autocast precision (always float32 on CPU)")

    run = parser.add_argument_group("run")
    run.add_argument("--out", required=True, type=Path, metavar="DIR",
                     help="checkpoint folder: DIR/best and DIR/last are GPT-2-format model folders")
    run.add_argument("--seed", type=int, default=None, help="random seed (default 1337)")
    run.add_argument("--device", choices=("auto", "cuda", "mps", "cpu"), default="auto",
                     help="where to train (default: CUDA, else MPS, else CPU)")
    run.add_argument("--threads", type=int, default=None,
                     help="CPU threads for torch (default: all cores)")
    start = run.add_mutually_exclusive_group()
    start.add_argument("--resume", action="store_true",
                       help="continue from DIR/last with its saved settings (override e.g. --max-iters)")
    start.add_argument("--finetune", type=Path, metavar="FOLDER",
                       help="start from a GPT-2-format model folder and its tokenizer")
    run.add_argument("--show-samples", action="store_true", help="print the text sample at each evaluation")
    return parser


def explicit_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """TrainingConfig fields set on the command line (flags left out are not included)."""
    return {field: getattr(args, flag) for flag, field in OVERRIDES.items() if getattr(args, flag) is not None}


def make_config(args: argparse.Namespace) -> Any:
    """The TrainingConfig for these arguments; raises UsageError for settings that cannot run."""
    from core.model.atomic_folders import CheckpointError
    from core.training.config import TrainingConfigError, preset_config
    from core.training.resume import resume_config

    if args.max_iters is not None and args.epochs is not None:
        raise UsageError("Give the run length once: --epochs or --max-iters, not both.")
    overrides = explicit_overrides(args)
    if args.max_iters is not None and args.epochs is None:
        overrides["epochs"] = None  # steps given: a saved run's length in epochs no longer applies
    if args.seed is not None:
        overrides["seed"] = args.seed
    where = dict(out_dir=str(args.out), device=args.device)
    try:
        if args.resume:
            config = resume_config(args.out, **overrides, device=args.device)
        elif args.finetune is not None:
            config = preset_config(args.preset, **overrides, **where, init_from="finetune",
                                   finetune_from=str(args.finetune))
        else:
            config = preset_config(args.preset, **overrides, **where)
        config.validate()
    except (TrainingConfigError, CheckpointError, TypeError) as error:
        raise UsageError(str(error)) from None
    return config


# --------------------------------------------------------------------------- data and tokenizer


def open_corpus(spec: str, encoding: str = "auto", fix_text: str = "never") -> Any:
    """`builtin` or a path -> core.corpus.Corpus; raises UsageError with the reader's message.

    `encoding` "auto" detects a file's encoding when it is not UTF-8; `fix_text` "auto" repairs mojibake."""
    from core.builtin_corpora import by_cli_name
    from core.corpus import CorpusError, read_corpus

    builtin = by_cli_name(spec)  # builtin (English), builtin-pt, builtin-en-pt
    if builtin is not None:
        return builtin
    try:
        return read_corpus(spec, encoding=encoding, fix_text=fix_text == "auto")
    except CorpusError as error:
        raise UsageError(f"Cannot read the corpus: {error}") from None


def corpus_origin_lines(corpus: Any) -> list[str]:
    """Where a file's text came from (file, compression, encoding, repairs) and, when ftfy finds mojibake,
    a few of its repairs: what was changed, or what --fix-text auto would change."""
    if corpus.path is None:
        return []
    lines = [f"  read from {corpus.origin()}"]
    repairs = corpus.repairs
    if repairs:
        if corpus.repaired:
            lines.append(f"  ftfy repaired {repairs.characters:,} characters of mojibake on {repairs.lines:,} lines:")
        else:
            lines.append(f"warning: ftfy finds {repairs.characters:,} characters of mojibake on {repairs.lines:,} "
                         "lines, left as they are (--fix-text auto repairs them):")
        lines += [f"    {before!r} -> {after!r}" for before, after in repairs.examples[:3]]
    return lines


def load_tokenizer(folder: str | Path) -> Any:
    """The tokenizer saved in a model folder (`core.training.resume.saved_tokenizer`); UsageError when none loads."""
    from core.model.atomic_folders import CheckpointError
    from core.training.resume import saved_tokenizer

    try:
        return saved_tokenizer(folder)
    except CheckpointError as error:
        raise UsageError(str(error)) from None


def build_tokenizer(args: argparse.Namespace, corpus: Any, log: Callable[[str], None]) -> Any:
    """The tokenizer to train with: the checkpoint's for --resume/--finetune, else a new one."""
    if args.resume:
        from core.model.atomic_folders import recover_folder

        return load_tokenizer(recover_folder(Path(args.out) / "last"))
    if args.finetune is not None:
        if not Path(args.finetune).is_dir():
            raise UsageError(f"The model folder {args.finetune} does not exist.")
        return load_tokenizer(args.finetune)
    if (args.tokenizer or "char") == "char":
        from core.tokenization.tokenizers import CharTokenizer
        from core.training.records import records_vocabulary

        chars: set[str] = set()
        for chunk in corpus.iter_chunks():
            chars.update(chunk)
        return CharTokenizer(records_vocabulary(chars, corpus))  # with the ␃ record separator for Q/A files
    from core.tokenization.bpe import BpeTokenizer

    vocab = args.vocab_size or DEFAULT_BPE_VOCAB
    log(f"Training a byte-level BPE tokenizer ({vocab:,} tokens) on {corpus.n_chars:,} characters...")
    result = BpeTokenizer.train(corpus.iter_chunks(), vocab)
    for warning in result.warnings:
        log(f"warning: {warning}")
    log(f"  done in {result.seconds:.1f} s")
    return result.tokenizer


# --------------------------------------------------------------------------- Ctrl+C


class StopOnInterrupt:
    """While active, the first SIGINT calls control.stop(); a second raises KeyboardInterrupt."""

    def __init__(self, control: Any, progress: Progress) -> None:
        self.control, self.progress = control, progress
        self.previous: Any = None
        self.installed = False

    def __enter__(self) -> StopOnInterrupt:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
            self.installed = True
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.control.stop_requested:
            raise KeyboardInterrupt
        self.control.stop()
        self.progress.message("Stopping after this step (press Ctrl+C again to abort at once)...")

    def __exit__(self, *exc: Any) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.previous)


# --------------------------------------------------------------------------- main


def _events(config: Any, data: Any, tokenizer: Any, control: Any) -> Iterator[Any]:
    from core.training.loop import train

    return train(config, data, tokenizer, control)


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `lm-anatomy train` with `argv` (without the word "train"); returns the exit code.

    Started by torchrun (`torchrun --nproc_per_node=N -m core.training ...`), every process trains
    its share (core.training.distributed) and only rank 0 prints progress and the JSON line."""
    ranks = ranks_from_environment()
    if not ranks.enabled:
        return _run(argv, stdout or sys.stdout, stderr or sys.stderr)
    device = start_process_group(ranks)
    try:
        if not ranks.is_main:
            stdout, stderr = io.StringIO(), io.StringIO()
        return _run(argv, stdout or sys.stdout, stderr or sys.stderr, ranks, device)
    finally:
        stop_process_group()


def _run(argv: list[str] | None, stdout: TextIO, stderr: TextIO, ranks: Ranks = Ranks(),
         device: str | None = None) -> int:
    """`main` for one process; `device` is the one torchrun's process group gave it."""
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:  # argparse: --help (0) or a bad argument (2, usage already printed)
        return int(exit_.code or 0)

    progress = Progress(stderr, args.show_samples)
    wall_start = time.perf_counter()
    try:
        if args.vocab_size is not None and args.vocab_size < 1:
            raise UsageError("--vocab-size must be a positive number.")
        if args.threads is not None and args.threads < 1:
            raise UsageError("--threads must be at least 1.")
        if args.finetune is not None and not (Path(args.finetune) / "config.json").is_file():
            raise UsageError(f"{args.finetune} is not a model folder (it has no config.json).")
        config = make_config(args)
        if device is not None:
            config = dataclasses.replace(config, device=device)
        corpus = open_corpus(args.corpus, args.encoding, args.fix_text)
    except UsageError as error:
        stderr.write(f"lm-anatomy train: error: {error}\n")
        return EXIT_USAGE

    from core.training.events import StepRecord, TrainingControl, TrainingFinished, TrainingPaused, TrainingStarted
    from core.training.setup import configure_torch_threads

    control = TrainingControl()
    summary = Summary()
    finished = None
    try:
        with StopOnInterrupt(control, progress):
            if args.threads is not None:
                import torch

                torch.set_num_threads(args.threads)
            else:
                configure_torch_threads(gui_running=False)
            progress.message(f"Corpus: {corpus.summary()}")
            for line in corpus_origin_lines(corpus):
                progress.message(line)
            if ranks.enabled and not ranks.is_main:
                barrier()  # rank 0 tokenizes first; the others then read its cached token file
            tokenizer = build_tokenizer(args, corpus, progress.message)
            data = _tokenize(corpus, tokenizer, progress, config)
            if ranks.enabled and ranks.is_main:
                barrier()
            progress.message(f"Tokens: {data.n_tokens:,} ({data.split_index:,} train, "
                             f"{data.n_tokens - data.split_index:,} val), vocabulary {data.vocab_size:,}")
            if data.n_records:
                progress.message(f"Records: {data.n_records:,}, each ending with token {data.separator_id}; "
                                 f"{data.n_val_records:,} whole records are the val split")
            progress.message(epoch_line(config, data.split_index))
            if control.stop_requested:
                raise KeyboardInterrupt
            for event in _events(config, data, tokenizer, control):
                summary.add(event)
                if isinstance(event, TrainingFinished):
                    finished = event
                elif isinstance(event, TrainingStarted):
                    progress.begin(event)
                elif isinstance(event, StepRecord):
                    progress.step(event)
                elif isinstance(event, TrainingPaused):
                    progress.message(f"paused at step {event.step}")
    except UsageError as error:
        progress.finish()
        stderr.write(f"lm-anatomy train: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        progress.finish()
        progress.message("Interrupted.")
    except Exception as error:  # noqa: BLE001 - tokenizer or data problems before the loop
        progress.finish()
        stderr.write(f"lm-anatomy train: error: {type(error).__name__}: {error}\n")
        result = summary.result(None, time.perf_counter() - wall_start, args)
        result.update(status="failed", error={"kind": "preparation", "message": str(error)})
        _emit(result, stdout)
        return EXIT_FAILED
    progress.finish()

    result = summary.result(finished, time.perf_counter() - wall_start, args)
    if finished is None or finished.status == "stopped":
        result["status"] = "stopped"
        progress.message(f"Stopped at step {result['steps']}"
                         + (f"; resume with --resume --out {args.out}" if result["last_checkpoint"] else "."))
        code = EXIT_STOPPED
    elif finished.status == "failed":
        error = finished.error
        stderr.write(f"lm-anatomy train: error: {error.message if error else 'training failed'}\n")
        code = EXIT_FAILED
    else:
        code = EXIT_OK
        progress.message(f"Done: {result['steps']} steps in {format_duration(result['wall_s'])}, "
                         f"val loss {result['val_loss']}, best {result['best_val_loss']}; "
                         f"checkpoints in {args.out}")
    _emit(result, stdout)
    return code


def _tokenize(corpus: Any, tokenizer: Any, progress: Progress, config: Any) -> Any:
    """The token file (`core.training.records.corpus_tokens`: whole records for Q/A files) with a percentage
    on stderr (cached files come back at once)."""
    from core.training.records import corpus_tokens

    shown = [-1]

    def report(done: int, total: int | None) -> None:
        if total:
            percent = int(100 * done / total)
            if percent // 10 != shown[0] // 10:
                shown[0] = percent
                if progress.tty:
                    progress.stream.write(f"\r\x1b[KTokenizing... {percent}%")
                    progress.stream.flush()
                    progress.bar_shown = True

    return corpus_tokens(corpus, tokenizer, config.val_fraction, config.split_seed, progress=report)


def _emit(result: dict[str, Any], stdout: TextIO) -> None:
    stdout.write(json.dumps(result) + "\n")
    stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
