"""FLOPs per token and achieved FLOP/s are reported on every device; MFU only where the peak is known."""

from __future__ import annotations

import pytest

from core.model.gpt import GPTConfig, flops_per_token
from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.events import StepRecord, TrainingStarted
from core.training.loop import train
from tests.tiny_models import TRAINING_TEXT


def test_cpu_runs_report_flops_but_no_mfu(tmp_path):
    tok = CharTokenizer.from_corpus(TRAINING_TEXT)
    data = tokenize_corpus([TRAINING_TEXT], tok, cache_root=tmp_path)
    config = TrainingConfig(n_layer=1, n_head=2, n_embd=16, block_size=16, batch_size=4, max_iters=6,
                            eval_interval=6, eval_iters=1, sample_tokens=0, device="cpu", log_interval=1)
    events = list(train(config, data, tok))
    started = next(e for e in events if isinstance(e, TrainingStarted))
    expected = flops_per_token(GPTConfig(vocab_size=tok.vocab_size, block_size=16, n_layer=1, n_head=2, n_embd=16,
                                         bias=False))
    assert started.flops_per_token == expected and started.peak_flops is None
    records = [e for e in events if isinstance(e, StepRecord) and e.tokens_per_s]
    assert records and all(r.mfu is None for r in records)
    for record in records:
        assert record.flops_per_s == pytest.approx(expected * record.tokens_per_s)
