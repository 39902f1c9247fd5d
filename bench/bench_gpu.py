"""The GPU check: every CUDA path of the trainer, in under 5 minutes on one GPU, one JSON line out.

    .venv/bin/python bench/bench_gpu.py                        # on a machine with a GPU
    .venv/bin/python bench/bench_gpu.py --corpus tinyshakespeare.txt --steps 600
    .venv/bin/python bench/bench_gpu.py --device cpu --quick   # the same code paths, tiny, on the CPU (tests)

Phases, each of which must complete or the script exits 1 with the reason:
1. "bf16": the GPU preset (nanoGPT's 10.6 M-parameter shakespeare_char model) with autocast in
   bfloat16 where the GPU supports it (else float16), pinned-memory batches, TF32 matmuls; reports
   tokens/s, MFU, peak memory and the val loss; writes best/last checkpoints.
2. "fp16": the same model in float16 with the gradient scaler.
3. "resume": continues phase 1's run from its `last` checkpoint (optimizer, step, random state).
4. "gui": the Training tab's worker, headless (offscreen Qt), for `--gui-steps` steps.
On the CPU there is no autocast: phases 1-3 run in float32 and say so.

Record the figures in docs/benchmarks.md next to nanoGPT's published A100 ones (val 1.4697 in
about 3 minutes for the full 5000 steps).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUICK = dict(n_layer=1, n_head=2, n_embd=32, block_size=32, batch_size=4, eval_iters=2)


class CheckFailed(Exception):
    """A phase did not complete: the message says which and why."""


def prepare_data(corpus_path: Path | None, cache: Path):
    from core.corpus import builtin_corpus, read_corpus
    from core.tokenization.tokenizers import CharTokenizer
    from core.training.data import tokenize_corpus

    corpus = read_corpus(corpus_path) if corpus_path else builtin_corpus()
    tokenizer = CharTokenizer.from_corpus(corpus.read_text())
    return tokenizer, tokenize_corpus(corpus, tokenizer, cache_root=cache)


def run_phase(name: str, config, data, tokenizer) -> dict:
    """Train `config` to the end; the phase's figures, or CheckFailed."""
    import torch

    from core.training.events import StepRecord, TrainingFinished, TrainingStarted
    from core.training.loop import train

    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    started, records, finished = None, [], None
    wall = time.perf_counter()
    for event in train(config, data, tokenizer):
        if isinstance(event, TrainingStarted):
            started = event
        elif isinstance(event, StepRecord):
            records.append(event)
        elif isinstance(event, TrainingFinished):
            finished = event
    if finished is None or finished.status != "completed":
        reason = finished.error.message if finished is not None and finished.error else "no result"
        raise CheckFailed(f"phase {name}: {reason}")
    speeds = [r.tokens_per_s for r in records if r.tokens_per_s]
    mfus = [r.mfu for r in records if r.mfu is not None]
    evals = [r.eval for r in records if r.eval]
    return {
        "device": started.device, "dtype": started.dtype, "start_step": started.start_step, "steps": finished.step,
        "tokens_per_s": round(speeds[-1], 1) if speeds else None,
        "mfu": round(mfus[-1], 4) if mfus else None,
        "peak_memory_bytes": torch.cuda.max_memory_allocated() if torch.cuda.is_available() else None,
        "val_loss": round(evals[-1].val_loss, 4) if evals else None,
        "wall_s": round(time.perf_counter() - wall, 2),
    }


def run_gui_worker(config, corpus_path: Path | None, timeout_s: float) -> dict:
    """The Training tab's worker (a QThread, drained at 15 Hz) without a window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from core.corpus import builtin_corpus, read_corpus
    from gui.training.worker import RunRequest, TrainingWorker

    app = QCoreApplication.instance() or QCoreApplication([])
    worker = TrainingWorker()
    corpus = read_corpus(corpus_path) if corpus_path else builtin_corpus()
    result, records = {}, []
    loop = QEventLoop()
    worker.records.connect(records.extend)
    worker.finished.connect(lambda info: (result.update(info), loop.quit()))
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    wall = time.perf_counter()
    worker.start(RunRequest(config, corpus, "char"))
    loop.exec()
    worker.shutdown()
    del app
    if result.get("status") != "completed":
        raise CheckFailed(f"phase gui: {result.get('error_message') or result.get('status') or 'timed out'}")
    return {"steps": result["step"], "records": len(records), "wall_s": round(time.perf_counter() - wall, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a text corpus (default: the built-in one)")
    parser.add_argument("--device", default="cuda", choices=("cuda", "cpu", "auto"))
    parser.add_argument("--steps", type=int, default=500, help="steps of the bf16 phase")
    parser.add_argument("--gui-steps", type=int, default=200)
    parser.add_argument("--compile", action="store_true", help="torch.compile the bf16 phase's model")
    parser.add_argument("--quick", action="store_true", help="a tiny model and a few steps (the tests' CPU run)")
    args = parser.parse_args(argv)

    import torch

    from core.training.config import preset_config

    if args.device == "cuda" and not torch.cuda.is_available():
        print(json.dumps({"ok": False, "error": "CUDA is not available on this machine"}))
        return 1
    work = Path(tempfile.mkdtemp(prefix="bench-gpu-"))
    size = QUICK if args.quick else {}
    steps = 6 if args.quick else args.steps
    interval = 3 if args.quick else max(50, steps // 4)
    base = dict(device=args.device, eval_interval=interval, sample_tokens=0, log_interval=1 if args.quick else 10,
                **size)
    out: dict = {"ok": False, "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
                 "torch": torch.__version__}
    started = time.perf_counter()
    try:
        tokenizer, data = prepare_data(args.corpus, work / "tokens")
        run_dir = str(work / "run")
        first = preset_config("gpu-baby", **base, max_iters=steps, out_dir=run_dir, dtype="auto",
                              compile=args.compile)
        out["bf16"] = run_phase("bf16", first, data, tokenizer)
        out["tf32_matmul"] = torch.get_float32_matmul_precision() if torch.cuda.is_available() else None
        fp16 = preset_config("gpu-baby", **base, max_iters=max(2, steps // 5), dtype="float16")
        out["fp16"] = run_phase("fp16", fp16, data, tokenizer)
        resume = preset_config("gpu-baby", **base, max_iters=steps + max(2, steps // 5), out_dir=run_dir,
                               init_from="resume")
        out["resume"] = run_phase("resume", resume, data, tokenizer)
        if out["resume"]["start_step"] != steps:
            raise CheckFailed(f"phase resume: started at step {out['resume']['start_step']}, not {steps}")
        gui = preset_config("gpu-baby", **base, max_iters=6 if args.quick else args.gui_steps,
                            out_dir=str(work / "gui"))
        out["gui"] = run_gui_worker(gui, args.corpus, timeout_s=240)
        out["ok"] = True
    except CheckFailed as error:
        out["error"] = str(error)
    except Exception as error:  # noqa: BLE001 - reported loudly, with its type
        out["error"] = f"{type(error).__name__}: {error}"
    out["elapsed_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(out), flush=True)
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
