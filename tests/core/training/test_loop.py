"""Tests for core.training.loop: the loop's records, control, checkpoints/resume, errors and helpers."""

from __future__ import annotations

import json
import math
import threading

import pytest
import torch

from core.model.checkpoint import load_gpt_from_hf_folder
from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig, preset_config
from core.training.data import tokenize_corpus
from core.training.events import (
    StepRecord,
    TrainingControl,
    TrainingFinished,
    TrainingPaused,
    TrainingResumed,
    TrainingStarted,
)
from core.training.loop import learning_rate_at, train
from core.training.setup import _Run, configure_optimizer, configure_torch_threads, peak_bf16_flops
from tests.tiny_models import TRAINING_TEXT

torch.set_num_threads(1)

TEXT = TRAINING_TEXT


@pytest.fixture(scope="module")
def char_data(tmp_path_factory):
    tok = CharTokenizer.from_corpus(TEXT)
    data = tokenize_corpus(TEXT, tok, cache_root=tmp_path_factory.mktemp("tokens"))
    return tok, data


def tiny(**overrides) -> TrainingConfig:
    values = dict(n_layer=1, n_head=2, n_embd=32, block_size=16, batch_size=8, max_iters=30, learning_rate=1e-2,
                  min_lr=1e-3, warmup_iters=3, eval_interval=10, eval_iters=3, log_interval=1, sample_tokens=20,
                  device="cpu", baseline="bigram")
    values.update(overrides)
    return TrainingConfig(**values)


def run_all(config, data, tok, control=None):
    events = list(train(config, data, tok, control))
    assert isinstance(events[-1], TrainingFinished)
    assert sum(isinstance(e, TrainingFinished) for e in events) == 1
    return events


def steps(events):
    return [e for e in events if isinstance(e, StepRecord)]


def test_thirty_steps_lower_the_loss(char_data):
    tok, data = char_data
    events = run_all(tiny(), data, tok)
    started, finished = events[0], events[-1]
    assert isinstance(started, TrainingStarted)
    assert started.device == "cpu" and started.dtype == "float32" and started.start_step == 0
    assert started.uniform_loss == pytest.approx(math.log(tok.vocab_size))
    assert 0 < started.baseline_loss < started.uniform_loss
    assert started.tokens_per_iter == 8 * 16
    records = steps(events)
    assert [r.step for r in records] == list(range(31))  # step 0 eval, then every step (log_interval=1)
    evals = [r for r in records if r.eval]
    assert [r.step for r in evals] == [0, 10, 20, 30]
    first, last = evals[0].eval, evals[-1].eval
    assert first.val_loss == pytest.approx(math.log(tok.vocab_size), abs=0.3)  # untrained ~ uniform
    assert last.val_loss < first.val_loss - 1.0
    assert last.train_loss < first.train_loss - 1.0
    assert all(math.isfinite(r.train_loss) and r.ms_per_iter > 0 and r.tokens_per_s > 0 for r in records[1:])
    assert records[-1].tokens_seen == 30 * 8 * 16
    assert records[-1].mfu is None  # no MFU on CPU
    assert isinstance(last.sample, str) and len(last.sample) == 21  # prompt token + 20 characters
    assert finished.status == "completed" and finished.error is None and finished.step == 30
    assert finished.best_val_loss == pytest.approx(min(r.eval.val_loss for r in evals))
    assert finished.best_checkpoint is None  # no out_dir


def test_learning_rate_in_records_follows_schedule(char_data):
    tok, data = char_data
    config = tiny(max_iters=12, eval_interval=100)
    records = steps(run_all(config, data, tok))
    # The record for step s (1-based) reports the lr used for its update, learning_rate_at(s - 1).
    for r in records[1:]:
        assert r.lr == pytest.approx(learning_rate_at(r.step - 1, config))


def test_stop_from_consumer_takes_effect_before_next_step(char_data, tmp_path):
    tok, data = char_data
    control = TrainingControl()
    events = []
    for event in train(tiny(max_iters=100, out_dir=str(tmp_path / "run")), data, tok, control):
        events.append(event)
        if isinstance(event, StepRecord) and event.step == 7:
            control.stop()
    finished = events[-1]
    assert isinstance(finished, TrainingFinished)
    assert events[-2].step == 7
    assert finished.status == "stopped" and finished.step == 7 and finished.error is None
    # A stopped run leaves a resumable checkpoint.
    state = json.loads((tmp_path / "run" / "last" / "training_state.json").read_text())
    assert state["step"] == 7


def test_stop_from_another_thread_mid_iteration_ends_within_one_step(char_data, monkeypatch):
    tok, data = char_data
    control = TrainingControl()
    calls = {"n": 0}
    real = type(data).get_batch

    def get_batch(self, split, *args, **kwargs):  # stop arrives while step 5 is being computed
        if split == "train":
            calls["n"] += 1
            if calls["n"] == 5:  # the prefetch inside step 4
                stopper = threading.Thread(target=control.stop)
                stopper.start()
                stopper.join()
        return real(self, split, *args, **kwargs)

    monkeypatch.setattr(type(data), "get_batch", get_batch)
    events = run_all(tiny(max_iters=100, eval_at_start=False, log_interval=1000), data, tok, control)
    finished = events[-1]
    assert finished.status == "stopped"
    assert finished.step == 4  # step 4 finishes its update, step 5 never starts


def test_pause_then_resume_and_pause_then_stop(char_data):
    tok, data = char_data
    control = TrainingControl()
    gen = train(tiny(max_iters=20, eval_interval=100, eval_at_start=False), data, tok, control)
    assert isinstance(next(gen), TrainingStarted)
    for _ in range(3):
        record = next(gen)
    assert record.step == 3
    control.pause()
    paused = next(gen)
    assert isinstance(paused, TrainingPaused) and paused.step == 3
    timer = threading.Timer(0.2, control.resume)
    timer.start()
    resumed = next(gen)  # blocks until the timer resumes
    timer.join()
    assert isinstance(resumed, TrainingResumed) and resumed.step == 3
    assert next(gen).step == 4
    control.pause()
    assert isinstance(next(gen), TrainingPaused)
    threading.Timer(0.1, control.stop).start()
    finished = next(gen)
    assert isinstance(finished, TrainingFinished) and finished.status == "stopped" and finished.step == 4
    with pytest.raises(StopIteration):
        next(gen)


def test_checkpoints_best_and_last_and_exact_resume(char_data, tmp_path):
    tok, data = char_data
    # lr_decay_iters fixed, so stopping at 20 and extending to 30 keeps one learning-rate schedule.
    full = run_all(tiny(lr_decay_iters=30, out_dir=str(tmp_path / "full")), data, tok)
    assert full[-1].status == "completed"

    first = run_all(tiny(lr_decay_iters=30, max_iters=20, out_dir=str(tmp_path / "split")), data, tok)
    assert first[-1].last_checkpoint == tmp_path / "split" / "last"
    assert json.loads((tmp_path / "split" / "last" / "lm_anatomy.json").read_text())["step"] == 20
    resumed = run_all(tiny(lr_decay_iters=30, init_from="resume", out_dir=str(tmp_path / "split")), data, tok)
    started = resumed[0]
    assert isinstance(started, TrainingStarted) and started.start_step == 20
    records = steps(resumed)
    assert [r.step for r in records] == list(range(21, 31))  # no second step-0 eval
    assert records[0].tokens_seen == 21 * 8 * 16
    assert resumed[-1].status == "completed" and resumed[-1].step == 30
    # Optimizer moments, step count and the batch sampler's RNG were restored: same result as one run.
    a = load_gpt_from_hf_folder(tmp_path / "full" / "last")
    b = load_gpt_from_hf_folder(tmp_path / "split" / "last")
    for (name, pa), pb in zip(a.state_dict().items(), b.state_dict().values()):
        assert torch.allclose(pa, pb, atol=1e-6), name
    assert steps(full)[-1].eval.val_loss == pytest.approx(records[-1].eval.val_loss, abs=1e-5)
    # Best is the lowest-val checkpoint seen so far and loads as a GPT.
    best_meta = json.loads((tmp_path / "split" / "best" / "lm_anatomy.json").read_text())
    assert best_meta["best_val_loss"] == pytest.approx(resumed[-1].best_val_loss)


def test_resume_without_checkpoint_fails_cleanly(char_data, tmp_path):
    tok, data = char_data
    events = run_all(tiny(init_from="resume", out_dir=str(tmp_path / "nothing")), data, tok)
    assert len(events) == 1
    assert events[0].status == "failed" and events[0].error.kind == "checkpoint"
    assert "no checkpoint to resume" in str(events[0].error.message)


def test_invalid_head_count_is_rejected_before_start(char_data):
    tok, data = char_data
    events = run_all(tiny(n_embd=30, n_head=4), data, tok)
    assert len(events) == 1
    error = events[0].error
    assert events[0].status == "failed" and error.kind == "invalid-config"
    text = str(error.message)
    assert "n_embd (30) must be divisible by n_head (4)" in text and "try n_embd = 32" in text


def test_corpus_shorter_than_block_size_is_reported(tmp_path):
    tok = CharTokenizer.from_corpus("short text here, about fifty characters long....")
    data = tokenize_corpus("short text here, about fifty characters long....", tok, cache_root=tmp_path / "t")
    events = run_all(tiny(block_size=16), data, tok)
    assert events[0].status == "failed" and events[0].error.kind == "corpus-too-short"
    text = str(events[0].error.message)
    assert "too short" in text and "block_size + 1 = 17" in text


def test_nan_loss_stops_and_keeps_best_checkpoint(char_data, tmp_path, monkeypatch):
    tok, data = char_data
    real_loss = _Run.loss
    counter = {"n": 0}

    def loss(self, x, y, collator=None, training=False):
        value = real_loss(self, x, y, collator, training)
        if self.model.training:
            counter["n"] += 1
            if counter["n"] >= 13:  # step 13 goes bad
                return value * float("nan")
        return value

    monkeypatch.setattr(_Run, "loss", loss)
    events = run_all(tiny(max_iters=30, out_dir=str(tmp_path / "r")), data, tok)
    finished = events[-1]
    assert finished.status == "failed" and finished.error.kind == "nan"
    assert finished.step == 13  # caught at the step it happened (CPU checks every step)
    assert "learning rate" in str(finished.error.message) and "best checkpoint" in str(finished.error.message)
    assert finished.best_checkpoint == tmp_path / "r" / "best"
    best = load_gpt_from_hf_folder(finished.best_checkpoint)
    assert all(torch.isfinite(p).all() for p in best.parameters())
    assert json.loads((tmp_path / "r" / "last" / "lm_anatomy.json").read_text())["step"] == 10  # not overwritten


def test_huge_learning_rate_diverges_and_is_reported_as_nan(char_data):
    tok, data = char_data
    events = run_all(tiny(learning_rate=1e6, min_lr=0.0, warmup_iters=0, grad_clip=0.0, max_iters=15,
                          eval_interval=100), data, tok)
    finished = events[-1]
    # The first update (lr 1e6, no clipping) wrecks the weights: the loss of the next step is not a number.
    # The loop stops there and says so, instead of raising or running on to step 15.
    assert finished.status == "failed" and finished.error.kind == "nan"
    assert finished.step == 2
    assert "learning rate" in str(finished.error.message)
    records = steps(events)
    assert [r.step for r in records] == [0, 1] and math.isfinite(records[1].train_loss)


def test_out_of_memory_is_reported_and_memory_freed(char_data, monkeypatch):
    tok, data = char_data
    calls = {"empty_cache": 0, "n": 0}
    real_loss = _Run.loss

    def loss(self, x, y, collator=None, training=False):
        calls["n"] += 1
        if calls["n"] == 4:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_loss(self, x, y, collator, training)

    monkeypatch.setattr(_Run, "loss", loss)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "empty_cache", lambda: calls.__setitem__("empty_cache", 1))
    events = run_all(tiny(batch_size=8, eval_at_start=False), data, tok)
    finished = events[-1]
    assert finished.status == "failed" and finished.error.kind == "out-of-memory"
    assert finished.step == 3
    assert "batch size 8" in str(finished.error.message) and "e.g. 4" in str(finished.error.message)
    assert calls["empty_cache"] == 1


def test_unavailable_device_is_reported(char_data):
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    tok, data = char_data
    events = run_all(tiny(device="cuda"), data, tok)
    assert events[0].status == "failed" and events[0].error.kind == "device"
    assert "CUDA" in str(events[0].error.message)


def test_bigram_model_trains_with_the_same_loop(char_data, tmp_path):
    from core.model.bigram import load_bigram_checkpoint

    tok, data = char_data
    events = run_all(tiny(model_type="bigram", learning_rate=1e-1, out_dir=str(tmp_path / "b")), data, tok)
    assert events[0].n_parameters == tok.vocab_size**2
    evals = [r.eval for r in steps(events) if r.eval]
    assert evals[-1].val_loss < evals[0].val_loss - 0.5
    model = load_bigram_checkpoint(tmp_path / "b" / "last")
    assert model.vocab_size == tok.vocab_size
    cfg = json.loads((tmp_path / "b" / "last" / "config.json").read_text())
    assert cfg["model_type"] == "lm-anatomy-bigram"


def test_finetune_starts_from_the_pretrained_loss(char_data, tmp_path):
    tok, data = char_data
    pre = run_all(tiny(out_dir=str(tmp_path / "pre")), data, tok)
    best_loss = pre[-1].best_val_loss
    events = run_all(tiny(init_from="finetune", finetune_from=str(tmp_path / "pre" / "best"), max_iters=5,
                          block_size=12, dropout=0.1, eval_interval=5, out_dir=str(tmp_path / "ft")), data, tok)
    started = events[0]
    assert started.model_config["block_size"] == 12 and started.model_config["dropout"] == 0.1
    first_eval = steps(events)[0].eval
    assert first_eval.val_loss < math.log(tok.vocab_size) - 1.0  # far below an untrained model
    assert first_eval.val_loss == pytest.approx(best_loss, abs=0.3)  # block 12 vs 16 changes it slightly
    assert events[-1].status == "completed"


def test_masked_lm_objective(char_data, tmp_path):
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    tok, data = char_data
    events = run_all(tiny(model_type="mlm", max_iters=30, learning_rate=1e-2, out_dir=str(tmp_path / "m")),
                     data, tok)
    assert events[-1].status == "completed", events[-1].error
    evals = [r.eval for r in steps(events) if r.eval]
    assert evals[0].val_loss == pytest.approx(math.log(tok.vocab_size + 2), abs=0.3)  # + [MASK], [PAD]
    assert evals[-1].val_loss < evals[0].val_loss - 0.25  # learns at least the character frequencies
    lines = evals[-1].sample.splitlines()  # fill-mask guesses: the sentence with 3 hidden tokens, 3 guesses each
    assert lines[0].count("[MASK]") == 3 and [line[:3] for line in lines[1:]] == ["[1]", "[2]", "[3]"]
    for line in lines[1:]:
        shares = [int(guess.split()[-2 if guess.endswith("✓") else -1].rstrip("%")) for guess in line[4:].split(" · ")]
        assert len(shares) == 3 and shares == sorted(shares, reverse=True) and sum(shares) <= 101
    folder = tmp_path / "m" / "last"
    model = AutoModelForMaskedLM.from_pretrained(folder)
    hf_tok = AutoTokenizer.from_pretrained(folder)
    assert type(model).__name__ == "RobertaForMaskedLM"
    assert hf_tok.mask_token == "[MASK]" and hf_tok.mask_token_id >= tok.vocab_size
    assert model.config.vocab_size == len(hf_tok)


def test_learning_rate_schedule():
    config = TrainingConfig(learning_rate=1e-3, min_lr=1e-4, warmup_iters=10, max_iters=110)
    assert learning_rate_at(0, config) == pytest.approx(1e-3 / 11)
    assert learning_rate_at(9, config) == pytest.approx(1e-3 * 10 / 11)
    assert learning_rate_at(10, config) == pytest.approx(1e-3)
    assert learning_rate_at(60, config) == pytest.approx(1e-4 + 0.5 * 9e-4)  # half-way down the cosine
    assert learning_rate_at(110, config) == pytest.approx(1e-4)
    assert learning_rate_at(500, config) == pytest.approx(1e-4)
    no_floor = TrainingConfig(min_lr=None, learning_rate=2e-3, max_iters=50, warmup_iters=0)
    assert learning_rate_at(50, no_floor) == pytest.approx(2e-4)  # min_lr None means lr / 10
    assert learning_rate_at(0, TrainingConfig(decay_lr=False)) == 1e-3


def test_optimizer_decays_only_matrices():
    from core.model.gpt import GPT, GPTConfig

    model = GPT(GPTConfig(vocab_size=10, block_size=8, n_layer=1, n_head=2, n_embd=8))
    opt = configure_optimizer(model, TrainingConfig(weight_decay=0.1, beta2=0.99), "cpu")
    decay, no_decay = opt.param_groups
    assert decay["weight_decay"] == 0.1 and no_decay["weight_decay"] == 0.0
    assert all(p.dim() == 2 for p in decay["params"]) and all(p.dim() == 1 for p in no_decay["params"])
    assert sum(p.numel() for g in opt.param_groups for p in g["params"]) == model.num_parameters()
    assert decay["betas"] == (0.9, 0.99)


def test_presets_match_nanogpt_reference_configs():
    cpu = preset_config("cpu-quick")
    assert (cpu.n_layer, cpu.n_head, cpu.n_embd, cpu.block_size, cpu.batch_size) == (4, 4, 128, 64, 12)
    assert (cpu.learning_rate, cpu.min_lr, cpu.max_iters, cpu.warmup_iters, cpu.beta2) == (1e-3, 1e-4, 2000, 100, 0.99)
    assert (cpu.dropout, cpu.eval_interval, cpu.eval_iters) == (0.0, 250, 20)
    gpu = preset_config("gpu-baby", max_iters=10)
    assert (gpu.n_layer, gpu.n_head, gpu.n_embd, gpu.block_size, gpu.batch_size) == (6, 6, 384, 256, 64)
    assert (gpu.dropout, gpu.eval_iters, gpu.learning_rate, gpu.min_lr, gpu.warmup_iters) == (0.2, 200, 1e-3, 1e-4, 100)
    assert gpu.max_iters == 10 and preset_config("gpu-baby").max_iters == 5000
    assert preset_config("custom") == TrainingConfig()
    for name in ("cpu-quick", "gpu-baby", "custom"):
        preset_config(name).validate()
    with pytest.raises(ValueError):
        preset_config("huge")


@pytest.mark.parametrize(
    "name, peak",
    [
        ("NVIDIA H100 80GB HBM3", 989e12),
        ("NVIDIA H100 PCIe", 756e12),
        ("NVIDIA H200", 989e12),
        ("NVIDIA A100-SXM4-80GB", 312e12),
        ("NVIDIA GeForce RTX 4090", 165.2e12),
        ("NVIDIA GeForce RTX 4070 Ti SUPER", 88.2e12),
        ("NVIDIA GeForce RTX 3090", 71e12),
        ("NVIDIA GeForce RTX 5090", 209.5e12),
        ("NVIDIA GeForce RTX 4090 Laptop GPU", None),
        ("Tesla T4", None),
    ],
)
def test_peak_flops_table(name, peak):
    assert peak_bf16_flops(name) == peak


def test_configure_torch_threads_leaves_a_core_for_the_gui():
    try:
        assert configure_torch_threads(gui_running=True, cpu_count=4) == 3
        assert torch.get_num_threads() == 3
        assert configure_torch_threads(gui_running=False, cpu_count=4) == 4
        assert configure_torch_threads(gui_running=True, cpu_count=1) == 1
    finally:
        torch.set_num_threads(1)


def test_config_validation_messages():
    with pytest.raises(ValueError, match="learning rate must be positive"):
        TrainingConfig(learning_rate=0).validate()
    with pytest.raises(ValueError, match="fine-tuning needs"):
        TrainingConfig(init_from="finetune").validate()
    with pytest.raises(ValueError, match="resuming needs out_dir"):
        TrainingConfig(init_from="resume").validate()
    assert TrainingConfig(gradient_accumulation_steps=4, batch_size=3, block_size=5).tokens_per_iter == 60


def test_messages_are_translatable_templates(char_data):
    """Every problem is a core Message: an English template with its values kept apart (the GUI translates
    the template), while str() stays the English sentence the CLI prints."""
    from core.messages import Message
    from core.training.config import TrainingConfigError

    with pytest.raises(TrainingConfigError) as caught:
        TrainingConfig(learning_rate=0, min_lr=0, dropout=1.5).validate()
    error = caught.value
    assert [problem.template for problem in error.problems] == [
        "learning rate must be positive (got {value})", "dropout must be in [0, 1) (got {value})"]
    assert error.problems[1].args == {"value": 1.5}
    assert str(error) == "Cannot start training: learning rate must be positive (got 0); dropout must be in [0, 1) " \
                         "(got 1.5)."
    tok, data = char_data
    finished = run_all(tiny(block_size=data.n_tokens), data, tok)[-1]
    message = finished.error.message
    assert isinstance(message, Message) and message.context == "CoreMessages"
    assert message.template.startswith("The corpus is too short: its") and "{need}" in message.template
    assert message.args["need"] == data.n_tokens + 1


def test_bpe_tokenizer_with_gpt_and_masked_lm(tmp_path):
    from transformers import AutoModelForMaskedLM

    from core.tokenization.bpe import BpeTokenizer

    tok = BpeTokenizer.train(TEXT, vocab_size=300).tokenizer
    data = tokenize_corpus(TEXT, tok, cache_root=tmp_path / "t")
    gpt = run_all(tiny(max_iters=5, eval_interval=5, sample_tokens=5, sample_prompt="Teacher:"), data, tok)
    assert gpt[-1].status == "completed"
    sample = steps(gpt)[-1].eval.sample  # the prompt, then 5 generated tokens
    assert sample.startswith("Teacher:") and len(sample) > len("Teacher:")
    mlm = run_all(tiny(model_type="mlm", max_iters=3, eval_interval=3, out_dir=str(tmp_path / "m")), data, tok)
    assert mlm[-1].status == "completed", mlm[-1].error
    model = AutoModelForMaskedLM.from_pretrained(tmp_path / "m" / "last")
    # The BPE tokenizer brings <mask> and <pad> itself: nothing added, RoBERTa-style pad id 1.
    assert model.config.vocab_size == tok.vocab_size
    assert model.config.pad_token_id == tok.special_tokens["<pad>"] == 1
    assert model.config.max_position_embeddings == 16 + 2


def test_bigram_and_masked_lm_resume_continue_the_step_count(char_data, tmp_path):
    tok, data = char_data
    for model_type in ("bigram", "mlm"):
        out = str(tmp_path / model_type)
        first = run_all(tiny(model_type=model_type, max_iters=4, eval_interval=2, out_dir=out), data, tok)
        assert first[-1].status == "completed"
        again = run_all(tiny(model_type=model_type, max_iters=6, eval_interval=2, init_from="resume", out_dir=out),
                        data, tok)
        assert again[0].start_step == 4, model_type
        assert [r.step for r in steps(again)] == [5, 6]
        assert again[-1].status == "completed" and again[-1].tokens_seen == 6 * 8 * 16
