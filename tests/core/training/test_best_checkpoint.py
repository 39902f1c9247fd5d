""""best" is the checkpoint with the lowest validation loss, even while the training loss keeps falling.

The corpus is built to overfit: the training split cycles "abc", the validation split (the last
10%) cycles "acb", and a few characters appear once at the start. The model first learns which
characters occur (both losses fall), then learns that b follows a, which is wrong for the
validation text: from then on the validation loss rises while the training loss keeps falling.
"""

from __future__ import annotations

import json

import pytest
import torch

from core.model.checkpoint import load_gpt_from_hf_folder
from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.events import StepRecord, TrainingFinished
from core.training.loop import train

torch.set_num_threads(1)

# 900 training characters cycling "abc", then 102 validation characters cycling "acb".
OVERFITTING_TEXT = "defghijklmnop" + "abc" * 300 + "acb" * 34


def overfitting_config(out_dir, **overrides) -> TrainingConfig:
    values = dict(n_layer=1, n_head=2, n_embd=32, block_size=16, batch_size=8, max_iters=40, learning_rate=1e-2,
                  min_lr=1e-3, warmup_iters=5, eval_interval=4, eval_iters=2, log_interval=4, sample_tokens=0,
                  device="cpu", baseline=None, out_dir=str(out_dir))
    values.update(overrides)
    return TrainingConfig(**values)


def overfitting_data(cache_root):
    tokenizer = CharTokenizer.from_corpus(OVERFITTING_TEXT)
    data = tokenize_corpus(OVERFITTING_TEXT, tokenizer, cache_root=cache_root)
    assert tokenizer.decode(data.split("val")[:6].tolist()) == "acbacb"  # the split falls where planned
    return tokenizer, data


def val_loss_of(model, data, block_size: int) -> float:
    """Mean next-token loss of `model` over the whole validation split, in windows of block_size."""
    val = torch.as_tensor(data.split("val").astype("int64"))
    starts = range(0, len(val) - block_size - 1, block_size)
    x = torch.stack([val[s:s + block_size] for s in starts])
    y = torch.stack([val[s + 1:s + block_size + 1] for s in starts])
    model.eval()
    with torch.no_grad():
        logits = model(x)[0]
    return float(torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)))


@pytest.fixture(scope="module")
def overfitting_run(tmp_path_factory):
    tokenizer, data = overfitting_data(tmp_path_factory.mktemp("tokens"))
    out_dir = tmp_path_factory.mktemp("run")
    events = list(train(overfitting_config(out_dir), data, tokenizer))
    return data, out_dir, events


def test_the_run_overfits_validation_turns_up_while_training_keeps_falling(overfitting_run):
    _, _, events = overfitting_run
    assert events[-1].status == "completed", events[-1].error
    evals = [(r.step, r.eval) for r in events if isinstance(r, StepRecord) and r.eval]
    best_step, best = min(evals, key=lambda item: item[1].val_loss)
    last_step, last = evals[-1]
    assert 0 < best_step < last_step
    assert last.val_loss > best.val_loss + 1.0  # validation got clearly worse...
    assert last.train_loss < best.train_loss - 0.5  # ...while training kept improving
    assert min(evals, key=lambda item: item[1].train_loss)[0] == last_step


def test_best_is_the_step_with_the_lowest_validation_loss(overfitting_run):
    data, out_dir, events = overfitting_run
    finished = events[-1]
    assert isinstance(finished, TrainingFinished)
    evals = [(r.step, r.eval) for r in events if isinstance(r, StepRecord) and r.eval]
    best_step, best = min(evals, key=lambda item: item[1].val_loss)
    assert finished.best_val_loss == pytest.approx(best.val_loss)
    assert finished.best_checkpoint == out_dir / "best"
    meta = json.loads((out_dir / "best" / "lm_anatomy.json").read_text())
    assert meta["step"] == best_step and meta["best_val_loss"] == pytest.approx(best.val_loss)
    # is_best marks exactly the evaluations that beat every earlier one.
    running, expected = float("inf"), []
    for _, result in evals:
        expected.append(result.val_loss < running)
        running = min(running, result.val_loss)
    assert [result.is_best for _, result in evals] == expected
    assert [result.best_checkpoint is not None for step, result in evals] == [
        flag and step > 0 for (step, _), flag in zip(evals, expected)]
    # What a user gets from "best": a model that predicts the validation text better than "last".
    block_size = 16
    best_model = load_gpt_from_hf_folder(out_dir / "best")
    last_model = load_gpt_from_hf_folder(out_dir / "last")
    assert json.loads((out_dir / "last" / "lm_anatomy.json").read_text())["step"] == evals[-1][0]
    assert val_loss_of(best_model, data, block_size) < val_loss_of(last_model, data, block_size) - 1.0
