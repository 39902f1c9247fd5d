"""torchrun with two CPU processes (gloo): DistributedDataParallel trains, rank 0 alone reports and saves."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.training.config import TrainingConfigError
from core.training.distributed import Ranks, micro_steps_per_rank
from tests.tiny_models import TRAINING_TEXT

ROOT = Path(__file__).resolve().parents[3]


def test_gradient_accumulation_is_shared_between_the_processes():
    assert micro_steps_per_rank(8, Ranks(0, 0, 1)) == 8
    assert micro_steps_per_rank(8, Ranks(1, 1, 4)) == 2
    with pytest.raises(TrainingConfigError, match="multiple of the number of processes"):
        micro_steps_per_rank(3, Ranks(0, 0, 2))


def test_two_processes_train_one_model(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TRAINING_TEXT * 6, encoding="utf-8")
    out = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "LM_ANATOMY_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
               "-m", "core.training", "--corpus", str(corpus), "--preset", "custom", "--n-layer", "1",
               "--n-head", "2", "--n-embd", "16", "--block-size", "16", "--batch-size", "4", "--grad-accum", "2",
               "--max-iters", "60", "--eval-interval", "30", "--eval-iters", "4", "--warmup", "2", "--lr", "5e-3",
               "--sample-tokens", "0", "--device", "cpu", "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr[-4000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1  # only rank 0 reports
    report = json.loads(lines[0])
    assert report["status"] == "completed" and report["steps"] == 60
    assert report["val_loss"] < math.log(report["vocab_size"]) - 0.5  # it learned
    assert report["tokens"] == 60 * 2 * 4 * 16  # grad-accum 2 shared by the 2 processes: same tokens per step

    from transformers import GPT2LMHeadModel

    model = GPT2LMHeadModel.from_pretrained(out / "last")
    assert model.config.n_layer == 1 and model.config.n_embd == 16
