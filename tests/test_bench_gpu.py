"""bench/bench_gpu.py, the check to run the day a GPU is lent, runs its every phase on the CPU here so it cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_gpu_check_runs_every_phase_on_the_cpu(tmp_path):
    result = subprocess.run([sys.executable, "bench/bench_gpu.py", "--device", "cpu", "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=280,
                            env={**__import__("os").environ, "LM_ANATOMY_CACHE": str(tmp_path)})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["bf16"]["steps"] == 6 and report["bf16"]["dtype"] == "float32"  # no autocast off CUDA
    assert report["resume"]["start_step"] == 6 and report["resume"]["steps"] > 6
    assert report["gui"]["steps"] == 6 and report["gui"]["records"] >= 6
    assert all(report[phase]["val_loss"] is not None for phase in ("bf16", "fp16", "resume"))


def test_the_gpu_check_says_so_when_there_is_no_gpu():
    import pytest
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    result = subprocess.run([sys.executable, "bench/bench_gpu.py"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and json.loads(result.stdout)["error"] == "CUDA is not available on this machine"
