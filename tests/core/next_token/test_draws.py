"""Where a random number lands in the cumulative bar, and the rows of the top-tokens table, on distributions
small enough to work out by hand: ties, segment edges, rounding, unnormalised input, zeros."""

from __future__ import annotations

import pytest
import torch

from core.next_token.sampling import StageMemo, draw_at, sampling_stages, top_tokens
from core.next_token.settings import SamplingSettings

# Sorted by descending probability, ties by token id: 1 (0.4), 3 (0.4), 0 (0.1), 2 (0.1).
TIED = torch.tensor([0.1, 0.4, 0.1, 0.4], dtype=torch.float64)


class Labels:
    """A tokenizer stand-in: token i reads "t{i}"."""

    def convert_ids_to_tokens(self, ids):
        return [f"t{i}" for i in ids]

    def decode(self, ids, **_options):
        return "".join(f"t{i}" for i in ids)


@pytest.mark.parametrize("u, token, rank, before", [
    (0.0, 1, 1, 0.0), (0.39, 1, 1, 0.0),
    (0.4, 3, 2, 0.4),  # a segment is [start, end): u on an edge belongs to the next token
    (0.8, 0, 3, 0.8), (0.95, 2, 4, 0.9),
])
def test_draw_lands_in_the_descending_cumulative_bar_ties_by_token_id(u, token, rank, before):
    draw = draw_at(TIED, u)
    assert (draw.token_id, draw.rank) == (token, rank)
    assert draw.u == u and draw.probability == pytest.approx(float(TIED[token]))
    assert draw.cumulative_before == pytest.approx(before, abs=1e-12)


def test_many_tied_tokens_keep_their_id_order():
    flat = torch.full((300,), 1 / 300, dtype=torch.float64)
    flat[[7, 150]] = 2 / 300  # the two most likely (2/302 each), then the other 298 (1/302 each) in id order
    flat /= flat.sum()
    assert [draw_at(flat, u).token_id for u in (0.0, 0.007, 0.505, 0.999)] == [7, 150, 149, 299]
    rows = top_tokens(flat, 6, Labels())
    assert [row.token_id for row in rows.rows] == [7, 150, 0, 1, 2, 3]


def test_u_just_below_an_edge_is_not_rounded_onto_it():
    dist = torch.tensor([0.25, 0.75], dtype=torch.float64)  # bar: token 1 on [0, 0.75), token 0 on [0.75, 1)
    assert draw_at(dist, 0.75 - 1e-12).token_id == 1  # in float32 this u would be 0.75 exactly
    assert draw_at(dist, 0.75).token_id == 0


def test_an_unnormalised_distribution_is_read_as_its_shares():
    weights = torch.tensor([1.0, 3.0])  # 25% and 75%
    assert draw_at(weights, 0.74).token_id == 1
    draw = draw_at(weights, 0.76)
    assert (draw.token_id, draw.rank, draw.cumulative_before) == (0, 2, pytest.approx(0.75))


def test_u_past_the_end_of_the_bar_picks_the_last_kept_token_never_a_removed_one():
    dist = torch.tensor([0.5, 0.0, 0.5, 0.0])
    draw = draw_at(dist, 1.0)  # beyond rounding error
    assert (draw.token_id, draw.rank, draw.probability) == (2, 2, 0.5)
    assert draw.cumulative_before == pytest.approx(0.5)


def test_top_tokens_rows_hold_probability_running_total_and_rank():
    rows = top_tokens(TIED, 3, Labels())
    assert [(r.token_id, r.rank) for r in rows.rows] == [(1, 1), (3, 2), (0, 3)]
    assert [r.probability for r in rows.rows] == pytest.approx([0.4, 0.4, 0.1])
    assert [r.cumulative for r in rows.rows] == pytest.approx([0.4, 0.8, 0.9])
    assert rows.other == pytest.approx(0.1)


def test_a_cleared_memo_starts_afresh():
    logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
    memo = StageMemo()
    settings = SamplingSettings(temperature=0.7, top_k=2)
    first = sampling_stages(logits, settings, memo=memo)
    memo.clear()
    again = sampling_stages(logits, settings, memo=memo)
    assert [s.name for s in again] == [s.name for s in first]
    assert all(torch.equal(a.probs, b.probs) for a, b in zip(first, again))
    assert memo.run is not None and memo.run.logits is logits
