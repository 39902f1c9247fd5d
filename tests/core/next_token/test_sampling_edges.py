"""Sampling stages at the edges: the first stage removes nothing, a penalty with no previous tokens, the
default penalty, and a memo given other logits (or the same tensor changed in place) starts afresh."""

from __future__ import annotations

import torch

from core.next_token.sampling import StageMemo, final_distribution, sampling_stages
from core.next_token.settings import SamplingSettings

LOGITS = torch.tensor([2.0, 1.0, 0.5, -1.0, 0.0])


def test_the_model_stage_removes_nothing():
    softmax = sampling_stages(LOGITS, SamplingSettings())[0]
    assert softmax.name == "softmax" and softmax.mass_removed == 0.0 and softmax.n_kept == 5


def test_a_penalty_without_previous_tokens_changes_nothing():
    stages = sampling_stages(LOGITS, SamplingSettings(repetition_penalty=1.5), previous_ids=())
    assert [s.name for s in stages] == ["softmax", "repetition penalty", "temperature"]
    assert torch.equal(stages[-1].probs, torch.softmax(LOGITS, -1))


def test_final_distribution_applies_no_penalty_unless_asked():
    plain = torch.softmax(LOGITS, -1)
    assert torch.equal(final_distribution(LOGITS, previous_ids=[0, 1]), plain)
    assert final_distribution(LOGITS, repetition_penalty=2.0, previous_ids=[0, 1])[0] < plain[0]


def test_a_memo_never_reuses_steps_of_other_logits():
    settings = SamplingSettings(temperature=0.7, top_k=3, top_p=0.9)
    memo = StageMemo()
    first = torch.tensor([2.0, 1.0, 0.5, -1.0, 0.0])
    other = torch.tensor([-1.0, 0.0, 3.0, 1.0, 0.5])  # another tensor, same in-place version (0)
    sampling_stages(first, settings, memo=memo)
    assert torch.equal(sampling_stages(other, settings, memo=memo)[-1].probs,
                       sampling_stages(other, settings)[-1].probs)
    other[0] = 5.0  # the same tensor, changed in place
    assert torch.equal(sampling_stages(other, settings, memo=memo)[-1].probs,
                       sampling_stages(other.clone(), settings)[-1].probs)
