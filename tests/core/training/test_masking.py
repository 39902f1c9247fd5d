"""`masked_lm_batch` (transformers' DataCollatorForLanguageModeling, seeded) on 100k tokens: the chosen share,
the 80/10/10 split, special tokens never masked, the same seed giving the same batch."""

from __future__ import annotations

from collections import Counter

import pytest
import torch

from core.training.masking import IGNORE_INDEX, KEPT, MASKED, REPLACED, mask_kinds, masked_lm_batch, masking_tokenizer
from tests.tiny_models import tiny_byte_level_tokenizer
from tests.tiny_roberta import tiny_roberta_tokenizer

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def tokenizer():
    return tiny_roberta_tokenizer()


def hundred_thousand_ids(tokenizer) -> torch.Tensor:
    """(100, 1000) random ordinary ids, each row framed by <s> ... </s> and with a <pad> inside."""
    special = set(tokenizer.all_special_ids)
    ordinary = torch.tensor([i for i in range(len(tokenizer)) if i not in special])
    generator = torch.Generator().manual_seed(0)
    ids = ordinary[torch.randint(len(ordinary), (100, 1000), generator=generator)]
    ids[:, 0], ids[:, -1], ids[:, 500] = tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id
    return ids


@pytest.mark.parametrize("probability", [0.15, 0.3])
def test_chosen_share_and_the_80_10_10_split(tokenizer, probability):
    ids = hundred_thousand_ids(tokenizer)
    inputs, labels = masked_lm_batch(ids, tokenizer, mlm_probability=probability, seed=7)
    assert inputs.shape == labels.shape == ids.shape
    chosen = labels != IGNORE_INDEX
    assert abs(chosen.float().mean().item() - probability) < 0.01
    assert torch.equal(labels[chosen], ids[chosen])  # labels hold the original token where there is a loss
    assert torch.equal(inputs[~chosen], ids[~chosen])  # and nothing else changed
    kinds = Counter(k for row in mask_kinds(ids, inputs, labels, tokenizer.mask_token_id) for k in row)
    n = kinds[MASKED] + kinds[REPLACED] + kinds[KEPT]
    assert n == chosen.sum().item()
    assert abs(kinds[MASKED] / n - 0.8) < 0.02
    assert abs(kinds[REPLACED] / n - 0.1) < 0.02
    assert abs(kinds[KEPT] / n - 0.1) < 0.02


def test_special_tokens_are_never_masked(tokenizer):
    ids = hundred_thousand_ids(tokenizer)
    inputs, labels = masked_lm_batch(ids, tokenizer, mlm_probability=0.5, seed=1)
    for column in (0, 500, 999):
        assert (labels[:, column] == IGNORE_INDEX).all()
        assert torch.equal(inputs[:, column], ids[:, column])


def test_the_same_seed_gives_the_same_batch_and_another_seed_another(tokenizer):
    ids = hundred_thousand_ids(tokenizer)[:4]
    first = masked_lm_batch(ids, tokenizer, seed=3)
    again = masked_lm_batch(ids, tokenizer, seed=3)
    other = masked_lm_batch(ids, tokenizer, seed=4)
    assert torch.equal(first[0], again[0]) and torch.equal(first[1], again[1])
    assert not torch.equal(first[1], other[1])


def test_a_tokenizer_without_mask_is_copied_not_changed():
    gpt2_style = tiny_byte_level_tokenizer()
    masking = masking_tokenizer(gpt2_style)
    assert gpt2_style.mask_token is None and masking.mask_token == "[MASK]"
    ids = torch.randint(1, 200, (2, 30), generator=torch.Generator().manual_seed(0))
    inputs, labels = masked_lm_batch(ids, masking, seed=0)
    assert inputs.shape == (2, 30)
    with pytest.raises(ValueError):
        masked_lm_batch(ids[0], masking)
