"""The training loop's less travelled paths: evaluations given by the test (ties, NaN, checkpoints at step 1),
a stop during an evaluation, a pause in the timing, gradient accumulation and clipping, the learning rate the
optimizer really used, and what every kind of checkpoint holds for resuming and for "Use this model"."""

from __future__ import annotations

import json
import math

import pytest
import torch

import core.training.loop as loop_module
from core.model.loading import load_model
from core.tokenization.tokenizers import CharTokenizer
from core.training.data import tokenize_corpus
from core.training.events import StepRecord, TrainingControl, TrainingPaused, TrainingResumed
from core.training.loop import learning_rate_at, train
from core.training.setup import _Run
from tests.core.training.test_loop_records import config
from tests.tiny_models import TRAINING_TEXT

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def char_data(tmp_path_factory):
    tok = CharTokenizer.from_corpus(TRAINING_TEXT)
    return tok, tokenize_corpus(TRAINING_TEXT, tok, cache_root=tmp_path_factory.mktemp("tokens"))


def records_of(events):
    return [e for e in events if isinstance(e, StepRecord)]


def scripted_losses(monkeypatch, val_losses):
    """estimate_loss returns these val losses in turn (train loss 1.0), instead of measuring."""
    queue = list(val_losses)
    monkeypatch.setattr(loop_module, "estimate_loss", lambda run, should_stop=None: {"train": 1.0,
                                                                                      "val": queue.pop(0)})


# --- evaluations --------------------------------------------------------------------------------


def test_a_tie_is_not_a_new_best_and_step_one_saves_checkpoints(char_data, tmp_path, monkeypatch):
    tok, data = char_data
    scripted_losses(monkeypatch, [3.0, 2.0, 2.0, 2.5])
    events = list(train(config(max_iters=3, eval_interval=1, eval_at_start=True, out_dir=str(tmp_path / "r")),
                        data, tok))
    evals = [(r.step, r.eval) for r in records_of(events)]
    assert [step for step, _ in evals] == [0, 1, 2, 3]
    assert [e.is_best for _, e in evals] == [True, True, False, False]
    assert [e.val_loss for _, e in evals] == [3.0, 2.0, 2.0, 2.5]
    assert [e.best_checkpoint for _, e in evals] == [None, tmp_path / "r" / "best", None, None]  # none at step 0
    assert [e.last_checkpoint for _, e in evals] == [None] + [tmp_path / "r" / "last"] * 3
    assert json.loads((tmp_path / "r" / "best" / "lm_anatomy.json").read_text())["step"] == 1  # the tie kept step 1
    assert events[-1].best_val_loss == 2.0 and events[-1].best_checkpoint == tmp_path / "r" / "best"


def test_nothing_is_saved_before_the_first_step(char_data, tmp_path):
    tok, data = char_data
    control = TrainingControl()
    for event in train(config(eval_at_start=True, out_dir=str(tmp_path / "r")), data, tok, control):
        if isinstance(event, StepRecord) and event.step == 0:
            assert event.eval.best_checkpoint is None and event.eval.last_checkpoint is None
            control.stop()
    assert not (tmp_path / "r" / "best").exists() and not (tmp_path / "r" / "last").exists()


def test_a_nan_validation_loss_is_named_as_such(char_data, monkeypatch):
    tok, data = char_data
    scripted_losses(monkeypatch, [2.0, float("nan")])
    finished = list(train(config(max_iters=4, eval_interval=2), data, tok))[-1]
    assert finished.status == "failed" and finished.error.kind == "nan" and finished.step == 4
    assert "the val loss became NaN or infinite" in str(finished.error.message)


def test_a_stop_during_an_evaluation_ends_the_run_without_that_record(char_data, monkeypatch):
    tok, data = char_data
    control = TrainingControl()
    real_loss = _Run.loss

    def loss(self, x, y, collator=None, training=False):
        if not self.model.training and self.step == 2:  # evaluating at step 2
            control.stop()
        return real_loss(self, x, y, collator, training)

    monkeypatch.setattr(_Run, "loss", loss)
    events = list(train(config(max_iters=6, eval_interval=2, eval_iters=3), data, tok, control))
    assert [r.step for r in records_of(events)] == [1]
    assert events[-1].status == "stopped" and events[-1].step == 2


def test_the_step_zero_record(char_data):
    tok, data = char_data
    cfg = config(eval_at_start=True, warmup_iters=3, max_iters=2)
    first = records_of(train(cfg, data, tok))[0]
    assert (first.step, first.max_iters, first.tokens_seen, first.train_loss) == (0, 2, 0, None)
    assert first.lr == learning_rate_at(0, cfg) != learning_rate_at(1, cfg)
    assert first.eval.val_loss == pytest.approx(math.log(tok.vocab_size), abs=0.5)


# --- steps ----------------------------------------------------------------------------------------


def test_on_the_cpu_a_nan_is_caught_at_its_step_even_between_records(char_data, monkeypatch):
    tok, data = char_data
    real_loss = _Run.loss
    calls = {"n": 0}

    def loss(self, x, y, collator=None, training=False):
        value = real_loss(self, x, y, collator, training)
        if training:
            calls["n"] += 1
            if calls["n"] == 3:
                return value * float("nan")
        return value

    monkeypatch.setattr(_Run, "loss", loss)
    events = list(train(config(max_iters=10, log_interval=5), data, tok))
    assert records_of(events) == [] and events[-1].error.kind == "nan" and events[-1].step == 3


def test_a_pause_starts_the_timing_afresh(char_data, monkeypatch):
    tok, data = char_data
    # perf_counter calls: run start, loop start, then `now` and the next t_last per record; one at resume.
    times = iter([0, 0, 1, 1, 3, 3, 10, 14, 14, 15, 15, 15])
    monkeypatch.setattr(loop_module, "time", type("Clock", (), {"perf_counter": staticmethod(lambda: next(times))}))
    control = TrainingControl()
    events, gen = [], train(config(max_iters=4), data, tok, control)
    for event in gen:
        events.append(event)
        if isinstance(event, StepRecord) and event.step == 2:
            control.pause()
        if isinstance(event, TrainingPaused):
            control.resume()
    kinds = [type(e).__name__ for e in events]
    assert kinds[kinds.index("TrainingPaused") + 1] == "TrainingResumed"
    assert any(isinstance(e, TrainingResumed) for e in events)
    records = records_of(events)
    assert [r.ms_per_iter for r in records] == [1000.0, 2000.0, 4000.0, 1000.0]  # the pause (3 -> 10) not counted
    ema_after_step_2 = 0.1 * 32 / 2
    assert [r.tokens_per_s for r in records] == pytest.approx([
        32.0, 16.0,
        32 / 4,  # after a pause the first interval is shown as it is again
        (0.9 * ema_after_step_2 + 0.1 * 32) / (1 - 0.9**2)])


def test_gradient_accumulation_reports_the_mean_loss_of_its_micro_batches(char_data):
    tok, data = char_data
    records = records_of(train(config(max_iters=2, gradient_accumulation_steps=3), data, tok))
    assert records[0].tokens_seen == 3 * 32
    assert records[0].train_loss == pytest.approx(math.log(tok.vocab_size), abs=0.5)  # untrained: about uniform


def test_gradients_are_clipped_at_every_step(char_data, monkeypatch):
    tok, data = char_data
    norms = []
    real = torch.nn.utils.clip_grad_norm_
    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_",
                        lambda parameters, max_norm, *a, **k: norms.append(max_norm) or real(parameters, max_norm))
    list(train(config(max_iters=3, grad_clip=1.0), data, tok))
    assert norms == [1.0, 1.0, 1.0]
    norms.clear()
    list(train(config(max_iters=3, grad_clip=0.0), data, tok))
    assert norms == []


# --- checkpoints ------------------------------------------------------------------------------------


def training_state(folder):
    return json.loads((folder / "training_state.json").read_text())


def test_the_optimizer_ran_at_the_scheduled_learning_rate(char_data, tmp_path):
    tok, data = char_data
    cfg = config(max_iters=5, warmup_iters=2, lr_decay_iters=8, out_dir=str(tmp_path / "r"))
    list(train(cfg, data, tok))
    groups = training_state(tmp_path / "r" / "last")["optimizer"]["param_groups"]
    assert [g["lr"] for g in groups] == pytest.approx([learning_rate_at(4, cfg)] * len(groups))
    assert learning_rate_at(4, cfg) != cfg.learning_rate


def test_a_run_stopped_before_any_evaluation_has_no_best_loss_yet(char_data, tmp_path):
    tok, data = char_data
    control = TrainingControl()
    for event in train(config(max_iters=20, out_dir=str(tmp_path / "r")), data, tok, control):
        if isinstance(event, StepRecord) and event.step == 3:
            control.stop()
    assert json.loads((tmp_path / "r" / "last" / "lm_anatomy.json").read_text())["best_val_loss"] is None
    assert training_state(tmp_path / "r" / "last")["best_val_loss"] is None


@pytest.mark.parametrize("model_type", ["gpt", "bigram", "mlm"])
def test_last_holds_everything_a_resume_needs(char_data, tmp_path, model_type):
    tok, data = char_data
    cfg = config(model_type=model_type, max_iters=4, eval_interval=2, learning_rate=1e-2, out_dir=str(tmp_path / "r"))
    finished = list(train(cfg, data, tok))[-1]
    assert finished.status == "completed", finished.error
    last = tmp_path / "r" / "last"
    meta = json.loads((last / "lm_anatomy.json").read_text())
    assert (meta["step"], meta["model_type"], meta["tokens_seen"]) == (4, model_type, 4 * 32)
    assert meta["best_val_loss"] == pytest.approx(finished.best_val_loss)
    state = training_state(last)
    assert (state["step"], state["tokens_seen"]) == (4, 4 * 32)
    assert state["best_val_loss"] == pytest.approx(finished.best_val_loss)
    assert state["config"] == cfg.to_dict()
    assert state["optimizer"] is not None and state["optimizer"]["param_groups"]


def test_a_trained_gpt_checkpoint_opens_as_a_model_with_its_tokenizer(char_data, tmp_path):
    tok, data = char_data
    list(train(config(max_iters=2, eval_interval=2, out_dir=str(tmp_path / "r")), data, tok))
    for name in ("best", "last"):
        loaded = load_model(tmp_path / "r" / name)
        assert loaded.kind == "causal-lm"
        assert loaded.tokenizer.decode(loaded.encode("Teacher")) == "Teacher"


# --- second batch: what mutation testing showed unchecked ----------------------------------------


def with_peak_flops(monkeypatch, peak):
    """Pretend the device has a known bf16 peak (only CUDA devices have one), to see MFU computed."""
    real = loop_module._prepare

    def prepare(*args, **kwargs):
        run = real(*args, **kwargs)
        run.peak_flops = peak
        return run

    monkeypatch.setattr(loop_module, "_prepare", prepare)


def test_mfu_is_achieved_flops_over_the_devices_peak(char_data, monkeypatch):
    tok, data = char_data
    with_peak_flops(monkeypatch, 1e9)
    events = list(train(config(max_iters=3), data, tok))
    assert events[0].peak_flops == 1e9
    records = records_of(events)
    assert [r.max_iters for r in records] == [3, 3, 3]
    assert all(r.mfu == pytest.approx(r.flops_per_s / 1e9) and r.mfu > 0 for r in records)


def test_a_run_length_in_epochs_becomes_steps(char_data):
    from core.training.epochs import iters_for_epochs

    tok, data = char_data
    finished = list(train(config(epochs=0.05, max_iters=1000), data, tok))[-1]
    assert finished.status == "completed"
    assert finished.step == iters_for_epochs(0.05, data.split_index, 32) != 1000


def test_a_run_stopped_at_step_one_is_saved_and_has_no_best_loss(char_data, tmp_path):
    tok, data = char_data
    control = TrainingControl()
    for event in train(config(max_iters=20, out_dir=str(tmp_path / "r")), data, tok, control):
        if isinstance(event, StepRecord) and event.step == 1:
            control.stop()
    finished = event
    assert finished.status == "stopped" and finished.step == 1 and finished.best_val_loss is None
    assert json.loads((tmp_path / "r" / "last" / "lm_anatomy.json").read_text())["step"] == 1


def test_elapsed_time_and_counts_of_a_run_that_never_started(char_data, monkeypatch):
    tok, data = char_data
    times = iter([100.0, 100.5])
    monkeypatch.setattr(loop_module, "time", type("Clock", (), {"perf_counter": staticmethod(lambda: next(times))}))
    (finished,) = list(train(config(n_embd=30, n_head=4), data, tok))
    assert (finished.status, finished.step, finished.tokens_seen) == ("failed", 0, 0)
    assert finished.elapsed_s == pytest.approx(0.5) and finished.error.kind == "invalid-config"


def test_elapsed_time_of_a_finished_run(char_data, monkeypatch):
    tok, data = char_data
    times = iter([100.0, 100.0, 101.0, 101.0, 103.0])
    monkeypatch.setattr(loop_module, "time", type("Clock", (), {"perf_counter": staticmethod(lambda: next(times))}))
    finished = list(train(config(max_iters=1), data, tok))[-1]
    assert finished.status == "completed" and finished.elapsed_s == pytest.approx(3.0)


@pytest.mark.parametrize("fails_with, freed", [
    (torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"), True),
    (RuntimeError("something else"), False),
])
def test_memory_is_freed_after_running_out_before_the_first_step(char_data, monkeypatch, fails_with, freed):
    tok, data = char_data
    emptied = []

    def prepare(*args, **kwargs):
        raise fails_with

    monkeypatch.setattr(loop_module, "_prepare", prepare)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "empty_cache", lambda: emptied.append(True))
    (finished,) = list(train(config(batch_size=8), data, tok))
    assert finished.status == "failed" and (finished.error.kind == "out-of-memory") is freed
    assert emptied == ([True] if freed else [])
    if freed:
        assert "batch size 8" in str(finished.error.message)


def test_a_bigram_run_reports_its_table_and_saves_its_tokenizer(char_data, tmp_path):
    tok, data = char_data
    events = list(train(config(model_type="bigram", max_iters=2, eval_interval=2, out_dir=str(tmp_path / "b")),
                        data, tok))
    assert events[0].model_config == {"vocab_size": tok.vocab_size}
    saved = CharTokenizer.from_pretrained(tmp_path / "b" / "last")
    assert saved.encode_ids("Teacher") == tok.encode_ids("Teacher")


def test_min_lr_is_the_floor_of_the_cosine():
    from core.training.config import TrainingConfig

    cfg = TrainingConfig(learning_rate=1e-3, min_lr=3e-4, warmup_iters=0, max_iters=10)
    assert learning_rate_at(10, cfg) == pytest.approx(3e-4)
    assert learning_rate_at(5, cfg) == pytest.approx(3e-4 + 0.5 * 7e-4)
