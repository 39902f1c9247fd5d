"""Sampling maths: checked against transformers' own logits processors, plus the cached predictor."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers import (
    LogitsProcessorList,
    MinPLogitsWarper,
    RepetitionPenaltyLogitsProcessor,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from core.next_token.prediction import NextTokenPredictor
from core.next_token.sampling import (
    StageMemo,
    draw_at,
    final_distribution,
    sample,
    sampling_stages,
    top_tokens,
)
from core.next_token.settings import SamplingSettings
from core.tokenization.token_labels import make_visible, token_label

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2")))


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_bert

    return load_model(make_tiny_bert(tmp_path_factory.mktemp("bert")))


def hf_distribution(logits, temperature, top_k, top_p, min_p, penalty=1.0, previous_ids=()):
    """The distribution transformers' generate(do_sample=True) would sample from."""
    processors = LogitsProcessorList()
    if penalty != 1.0:
        processors.append(RepetitionPenaltyLogitsProcessor(penalty))
    if temperature != 1.0:
        processors.append(TemperatureLogitsWarper(temperature))
    if top_k != 0:
        processors.append(TopKLogitsWarper(top_k))
    if top_p < 1.0:
        processors.append(TopPLogitsWarper(top_p))
    if min_p > 0.0:
        processors.append(MinPLogitsWarper(min_p))
    ids = torch.tensor([list(previous_ids) or [0]], dtype=torch.long)
    scores = processors(ids, logits.clone().unsqueeze(0))
    return torch.softmax(scores, dim=-1)[0]


logit_vectors = st.lists(
    st.floats(-12, 12, allow_nan=False, width=32) | st.sampled_from([0.0, 1.0, -1.0]), min_size=2, max_size=40
).map(lambda values: torch.tensor(values, dtype=torch.float32))


@settings(max_examples=300, deadline=None)
@given(
    logits=logit_vectors,
    temperature=st.sampled_from([1.0, 0.3, 0.7, 1.5, 4.0]) | st.floats(0.05, 5.0),
    top_k=st.integers(0, 45),
    top_p=st.sampled_from([1.0, 0.5, 0.9]) | st.floats(0.01, 1.0),
    min_p=st.sampled_from([0.0, 0.1]) | st.floats(0.0, 1.0),
)
def test_hf_order_matches_transformers_processors(logits, temperature, top_k, top_p, min_p):
    ours = final_distribution(logits, temperature, top_k, top_p, min_p, order="hf")
    theirs = hf_distribution(logits, temperature, top_k, top_p, min_p)
    assert ours.dtype == torch.float32 and ours.shape == logits.shape
    assert torch.equal(ours > 0, theirs > 0)
    assert torch.allclose(ours, theirs, atol=1e-6)
    assert math.isclose(float(ours.sum()), 1.0, abs_tol=1e-5)


@settings(max_examples=100, deadline=None)
@given(
    logits=logit_vectors,
    penalty=st.floats(0.2, 3.0),
    previous=st.lists(st.integers(0, 60), min_size=1, max_size=10),
)
def test_repetition_penalty_matches_transformers(logits, penalty, previous):
    ours = final_distribution(logits, repetition_penalty=penalty, previous_ids=previous)
    theirs = hf_distribution(logits, 1.0, 0, 1.0, 0.0, penalty, previous)
    assert torch.allclose(ours, theirs, atol=1e-6)


def test_defaults_are_plain_softmax_and_greedy_is_one_hot():
    logits = torch.tensor([1.0, 3.0, 2.0, 3.0])
    assert torch.allclose(final_distribution(logits), torch.softmax(logits, -1))
    greedy = final_distribution(logits, temperature=0)
    assert greedy.tolist() == [0.0, 1.0, 0.0, 0.0]  # first of the tied maxima
    assert final_distribution(logits, temperature=0, order="llamacpp").tolist() == [0.0, 1.0, 0.0, 0.0]


def test_top_k_keeps_ties_and_top_p_keeps_smallest_set():
    logits = torch.tensor([2.0, 1.0, 1.0, 0.0])
    assert (final_distribution(logits, top_k=2) > 0).tolist() == [True, True, True, False]
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    kept = final_distribution(probs.log(), top_p=0.8) > 0
    assert kept.tolist() == [True, True, False, False]  # 0.5 + 0.3 reaches 0.8
    kept = final_distribution(probs.log(), top_p=0.81) > 0
    assert kept.tolist() == [True, True, True, False]
    assert (final_distribution(probs.log(), top_p=0.01) > 0).tolist() == [True, False, False, False]


def test_min_p_is_relative_to_top_token_after_temperature():
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    kept = final_distribution(probs.log(), min_p=0.5) > 0  # threshold 0.25
    assert kept.tolist() == [True, True, False, False]
    # At temperature 2 the top token is less dominant: p = sqrt(probs) normalised, 0.15 survives.
    kept = final_distribution(probs.log(), temperature=2.0, min_p=0.5) > 0
    assert kept.tolist() == [True, True, True, False]


def test_llamacpp_order_filters_before_temperature():
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    # hf: temperature 3 flattens first, so top-p 0.6 needs three tokens; llamacpp filters raw probs: two.
    hf = final_distribution(probs.log(), temperature=3.0, top_p=0.7, order="hf")
    cpp = final_distribution(probs.log(), temperature=3.0, top_p=0.7, order="llamacpp")
    assert int((hf > 0).sum()) == 3 and int((cpp > 0).sum()) == 2
    expected = torch.softmax(probs.log()[:2] / 3.0, -1)
    assert torch.allclose(cpp[:2], expected, atol=1e-6)


def test_stages_record_entropy_survivors_and_removed_mass():
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])
    stages = sampling_stages(
        probs.log(), SamplingSettings(top_k=3, top_p=0.7, repetition_penalty=2.0), previous_ids=[3]
    )
    assert [s.name for s in stages] == ["softmax", "repetition penalty", "temperature", "top-k", "top-p"]
    raw = stages[0]
    assert math.isclose(raw.entropy_nats, -sum(p * math.log(p) for p in probs.tolist()), rel_tol=1e-6)
    assert math.isclose(raw.entropy_bits, raw.entropy_nats / math.log(2), rel_tol=1e-9)
    assert [s.n_kept for s in stages] == [4, 4, 4, 3, 2]
    penalised = stages[1].probs
    assert penalised[3] < probs[3]  # log 0.05 < 0, multiplied by 2
    assert math.isclose(stages[3].mass_removed, float(penalised[3]), rel_tol=1e-5)
    assert math.isclose(stages[4].mass_removed, float(stages[3].probs[2]), rel_tol=1e-5)
    assert float(stages[-1].probs[2:].sum()) == 0.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"temperature": -0.1}, "Temperature"),
        ({"top_p": 0.0}, "Top-p"),
        ({"top_p": 1.5}, "Top-p"),
        ({"min_p": 1.2}, "Min-p"),
        ({"top_k": -1}, "Top-k"),
        ({"order": "backwards"}, "order"),
    ],
)
def test_bad_settings_raise_friendly_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        final_distribution(torch.zeros(5), **kwargs)


def test_seeded_draw_is_reproducible_and_uses_descending_cumulative_bar():
    distribution = torch.tensor([0.1, 0.6, 0.0, 0.3])  # sorted: id1 .6 | id3 .3 | id0 .1
    first, again = sample(distribution, seed=7), sample(distribution, seed=7)
    assert first == again and 0 <= first.u < 1
    assert draw_at(distribution, 0.0).token_id == 1
    draw = draw_at(distribution, 0.75)
    assert (draw.token_id, draw.rank, draw.cumulative_before) == (3, 2, pytest.approx(0.6))
    assert draw.probability == pytest.approx(0.3)
    assert draw_at(distribution, 0.95).token_id == 0
    assert draw_at(distribution, 0.9999999999).token_id == 0  # never the zero-probability token
    counts = torch.zeros(4)
    for seed in range(2000):
        counts[sample(distribution, seed).token_id] += 1
    assert torch.allclose(counts / 2000, distribution, atol=0.04)


def test_labels_make_whitespace_visible(gpt2):
    assert make_visible(" the\n") == "␣the↵"
    assert make_visible("a\tb\x00") == "a⇥b\\x00"
    tokenizer = gpt2.tokenizer
    space_id = tokenizer.convert_tokens_to_ids("Ġ")
    assert token_label(tokenizer, space_id) == "␣"
    assert token_label(tokenizer, tokenizer.convert_tokens_to_ids("Ċ")) == "↵"
    assert token_label(tokenizer, tokenizer.convert_tokens_to_ids("Ã")) == "\\xc3"  # half of a UTF-8 char
    cat = tokenizer.encode(" cat")
    if len(cat) == 1:
        assert token_label(tokenizer, cat[0]) == "␣cat"


def test_top_tokens_rows_and_other_mass(gpt2):
    distribution = torch.zeros(len(gpt2.tokenizer))
    distribution[[5, 9, 12, 40]] = torch.tensor([0.4, 0.3, 0.2, 0.1])
    table = top_tokens(distribution, 2, gpt2.tokenizer)
    assert [(r.token_id, r.rank) for r in table.rows] == [(5, 1), (9, 2)]
    assert [r.cumulative for r in table.rows] == pytest.approx([0.4, 0.7])
    assert table.other == pytest.approx(0.3)
    assert table.rows[0].label == token_label(gpt2.tokenizer, 5)
    assert len(top_tokens(distribution, 10, gpt2.tokenizer).rows) == 4
    assert len(top_tokens(distribution, 10, gpt2.tokenizer, include_zero=True).rows) == 10


def test_predictor_runs_model_once_per_prompt(gpt2, monkeypatch):
    with torch.no_grad():
        direct = gpt2.model(torch.tensor([gpt2.encode("the cat sat")])).logits[0, -1]
    calls = []
    original = gpt2.model.forward
    monkeypatch.setattr(gpt2.model, "forward", lambda *a, **k: calls.append(1) or original(*a, **k))
    predictor = NextTokenPredictor(gpt2, cache_size=2)
    logits = predictor.logits_for("the cat sat")
    assert logits.shape == (gpt2.model.config.vocab_size,) and logits.dtype == torch.float32
    for temperature in (0.0, 0.5, 1.0, 2.0):
        for top_p in (0.5, 1.0):
            stages = predictor.stages("the cat sat", SamplingSettings(temperature=temperature, top_p=top_p))
            assert math.isclose(float(stages[-1].probs.sum()), 1.0, abs_tol=1e-5)
    assert len(calls) == 1
    assert torch.allclose(logits, direct, atol=1e-5)
    predictor.logits_for("a dog")
    predictor.logits_for("a mat")  # evicts "the cat sat"
    predictor.logits_for("the cat sat")
    assert len(calls) == 4


def test_predictor_friendly_errors(gpt2, bert):
    predictor = NextTokenPredictor(gpt2)
    with pytest.raises(ValueError, match="empty"):
        predictor.logits_for("")
    with pytest.raises(ValueError, match="at most 64 tokens"):
        predictor.logits_for([1] * 65)
    with pytest.raises(ValueError, match="no next-token head"):
        NextTokenPredictor(bert)


def stages_afresh(logits, settings, previous_ids=()):
    """The pipeline computed step by step with no reuse (as before the memo), for comparison."""
    from core.next_token.sampling import (
        _stage,
        apply_min_p,
        apply_repetition_penalty,
        apply_temperature,
        apply_top_k,
        apply_top_p,
    )

    scores = logits.detach().float().reshape(-1)
    stages = [_stage("softmax", scores, None)]
    steps = []
    if settings.repetition_penalty != 1.0:
        steps.append(("repetition penalty", lambda s: apply_repetition_penalty(s, previous_ids,
                                                                               settings.repetition_penalty)))
    filters = [(name, step) for name, on, step in (
        ("top-k", settings.top_k != 0, lambda s: apply_top_k(s, settings.top_k)),
        ("top-p", settings.top_p < 1.0, lambda s: apply_top_p(s, settings.top_p)),
        ("min-p", settings.min_p > 0.0, lambda s: apply_min_p(s, settings.min_p))) if on]
    temperature = ("temperature", lambda s: apply_temperature(s, settings.temperature))
    steps += [temperature, *filters] if settings.order == "hf" else [*filters, temperature]
    for name, step in steps:
        scores = step(scores)
        stages.append(_stage(name, scores, stages[-1]))
    return stages


def test_reused_steps_give_the_same_stages_bit_for_bit():
    """Slider moves one setting at a time; reusing the unchanged steps (and top-p's sort) changes nothing."""
    generator = torch.Generator().manual_seed(3)
    logits = torch.randn(5000, generator=generator) * 3
    logits[100:110] = logits[7]  # ties
    rng = random.Random(5)
    settings, memo = SamplingSettings(), StageMemo()
    for _ in range(150):
        field, value = rng.choice([
            ("temperature", rng.choice([0.0, 0.3, 0.7, 1.0, 1.0, 1.6])), ("top_k", rng.choice([0, 1, 5, 40, 5000])),
            ("top_p", rng.choice([0.05, 0.5, 0.9, 0.999, 1.0])), ("min_p", rng.choice([0.0, 0.01, 0.2, 1.0])),
            ("repetition_penalty", rng.choice([1.0, 1.3, 0.8])), ("order", rng.choice(["hf", "llamacpp"])),
        ])
        settings = dataclasses.replace(settings, **{field: value})
        ids = [1, 7, 100, 4999] if rng.random() < 0.5 else [2, 3]
        got, expected = sampling_stages(logits, settings, ids, memo), stages_afresh(logits, settings, ids)
        assert [stage.name for stage in got] == [stage.name for stage in expected], settings
        for a, b in zip(got, expected):
            assert torch.equal(a.probs, b.probs) and torch.equal(a.kept, b.kept), (settings, a.name)
            assert (a.entropy_bits, a.n_kept, a.mass_removed) == (b.entropy_bits, b.n_kept, b.mass_removed)
    logits[0] += 5  # changed in place: nothing stale is reused
    assert torch.equal(sampling_stages(logits, settings, ids, memo)[-1].probs,
                       stages_afresh(logits, settings, ids)[-1].probs)
    assert memo.run.logits is logits


def test_a_memo_reuses_the_steps_before_the_changed_setting():
    logits = torch.randn(3000, generator=torch.Generator().manual_seed(4)) * 3
    a, b, c = SamplingSettings(0.7, top_p=0.9), SamplingSettings(1.3, top_k=20), SamplingSettings(top_p=0.5)
    memo = StageMemo()
    for _ in range(3):  # settings A, B and C in turn on one memo: every call as if computed afresh
        for each in (a, b, c, dataclasses.replace(a, top_p=0.8)):
            got = sampling_stages(logits, each, memo=memo)
            assert torch.equal(got[-1].probs, stages_afresh(logits, each)[-1].probs)
    first = sampling_stages(logits, a, memo=memo)
    again = sampling_stages(logits, dataclasses.replace(a, top_p=0.7), memo=memo)
    assert [x is y for x, y in zip(again, first)] == [True, True, False]  # softmax and temperature reused
