"""What the training loop reports at each logged step: which steps, their timing and throughput (on a clock the
test controls), FLOP/s, the start record, and what a checkpoint's lm_anatomy.json says."""

from __future__ import annotations

import json
import math

import pytest
import torch

import core.training.loop as loop_module
from core.model.bigram import count_baseline_loss
from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.events import StepRecord, TrainingFinished, TrainingStarted
from core.training.loop import learning_rate_at, train
from tests.tiny_models import TRAINING_TEXT

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def char_data(tmp_path_factory):
    tok = CharTokenizer.from_corpus(TRAINING_TEXT)
    return tok, tokenize_corpus(TRAINING_TEXT, tok, cache_root=tmp_path_factory.mktemp("tokens"))


def config(**overrides) -> TrainingConfig:
    values = dict(n_layer=1, n_head=2, n_embd=16, block_size=8, batch_size=4, max_iters=8, learning_rate=1e-2,
                  min_lr=1e-3, warmup_iters=2, eval_interval=100, eval_iters=2, log_interval=1, sample_tokens=0,
                  device="cpu", baseline=None, eval_at_start=False)
    values.update(overrides)
    return TrainingConfig(**values)


class Clock:
    """time.perf_counter for the loop: each logged step takes the next of `seconds` (wall time since the
    previous record); nothing else moves the clock."""

    def __init__(self, seconds):
        self.seconds, self.now, self.calls = list(seconds), 0.0, 0

    def perf_counter(self):
        self.calls += 1
        # Calls: the run's start, the loop's start, then per record: `now` (advance) and the next t_last (same).
        if self.calls >= 3 and self.calls % 2 == 1 and self.seconds:
            self.now += self.seconds.pop(0)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    def install(seconds):
        fake = Clock(seconds)
        monkeypatch.setattr(loop_module, "time", fake)
        return fake

    return install


def records_of(events):
    return [e for e in events if isinstance(e, StepRecord)]


def test_throughput_is_the_first_interval_then_a_bias_corrected_moving_average(char_data, clock):
    tok, data = char_data
    clock([1.0, 2.0, 4.0, 1.0])
    records = records_of(train(config(max_iters=4), data, tok))
    tokens_per_iter = 4 * 8
    assert [r.step for r in records] == [1, 2, 3, 4]
    assert [r.ms_per_iter for r in records] == [1000.0, 2000.0, 4000.0, 1000.0]
    speeds = [tokens_per_iter / s for s in (1.0, 2.0, 4.0, 1.0)]
    expected, ema = [speeds[0]], 0.0  # the first interval (start-up) is shown as it is, not averaged
    for n, speed in enumerate(speeds[1:], start=1):
        ema = 0.9 * ema + 0.1 * speed
        expected.append(ema / (1 - 0.9**n))
    assert [r.tokens_per_s for r in records] == pytest.approx(expected)
    assert expected[1] == pytest.approx(speeds[1])  # debiased: one update equals its own value
    flops = records[0].flops_per_s / records[0].tokens_per_s
    assert flops > 0 and all(r.flops_per_s == pytest.approx(flops * r.tokens_per_s) for r in records)
    assert all(r.mfu is None for r in records)  # no known peak on a CPU


def test_records_every_log_interval_at_evaluations_and_at_the_end(char_data, clock):
    tok, data = char_data
    clock([2.0, 3.0, 1.0, 0.5, 0.25])
    records = records_of(train(config(max_iters=9, log_interval=3, eval_interval=4), data, tok))
    # log every 3 steps, evaluate every 4, and always at the last step
    assert [r.step for r in records] == [3, 4, 6, 8, 9]
    assert [r.eval is not None for r in records] == [False, True, False, True, True]
    # time per step: the wall time since the previous record over the steps it covered (3, 1, 2, 2, 1)
    assert [r.ms_per_iter for r in records] == pytest.approx([2000 / 3, 3000.0, 500.0, 250.0, 250.0])
    assert [r.tokens_seen for r in records] == [s * 32 for s in (3, 4, 6, 8, 9)]
    lr_config = config(max_iters=9, log_interval=3, eval_interval=4)
    assert [r.lr for r in records] == pytest.approx([learning_rate_at(r.step - 1, lr_config) for r in records])
    assert all(math.isfinite(r.train_loss) for r in records)


def test_the_start_record(char_data):
    tok, data = char_data
    cfg = config(baseline="unigram", max_iters=2)
    events = list(train(cfg, data, tok))
    started = events[0]
    assert isinstance(started, TrainingStarted) and isinstance(events[-1], TrainingFinished)
    assert (started.model_type, started.device, started.dtype, started.start_step) == ("gpt", "cpu", "float32", 0)
    assert (started.max_iters, started.tokens_per_iter, started.vocab_size) == (2, 32, tok.vocab_size)
    assert started.uniform_loss == pytest.approx(math.log(tok.vocab_size))
    assert started.baseline_loss == pytest.approx(
        count_baseline_loss(data.split("train"), data.split("val"), data.vocab_size, "unigram"))
    assert started.peak_flops is None and started.flops_per_token > 0
    config_seen = started.model_config
    assert (config_seen["n_layer"], config_seen["n_head"], config_seen["n_embd"], config_seen["block_size"]) == (
        1, 2, 16, 8)
    n_params = started.n_parameters
    assert n_params > 1000
    without = list(train(config(max_iters=1), data, tok))[0]
    assert without.baseline_loss is None and without.n_parameters == n_params


def test_checkpoint_metadata(char_data, tmp_path):
    tok, data = char_data
    events = list(train(config(max_iters=6, eval_interval=3, out_dir=str(tmp_path / "run")), data, tok))
    finished = events[-1]
    evals = [r for r in records_of(events) if r.eval]
    last = json.loads((tmp_path / "run" / "last" / "lm_anatomy.json").read_text())
    best = json.loads((tmp_path / "run" / "best" / "lm_anatomy.json").read_text())
    assert last["step"] == 6 and last["tokens_seen"] == 6 * 32 and last["model_type"] == "gpt"
    assert last["corpus_hash"] == data.corpus_hash and last["tokenizer_id"] == data.tokenizer_id
    assert last["best_val_loss"] == pytest.approx(min(r.eval.val_loss for r in evals))
    best_step = min(evals, key=lambda r: r.eval.val_loss).step
    assert best["step"] == best_step and best["tokens_seen"] == best_step * 32
    assert (tmp_path / "run" / "last" / "training_state.json").is_file()
    assert not (tmp_path / "run" / "best" / "training_state.json").exists()  # best holds no optimizer state
    assert finished.last_checkpoint == tmp_path / "run" / "last"
    assert finished.tokens_seen == 6 * 32 and finished.elapsed_s >= 0
