"""Beam search (with its tree), diverse beam search, n-gram blocking, speculative and prompt-lookup decoding,
the logit lens and the generation stats, against transformers' `generate` and the models' own outputs."""

from __future__ import annotations

import math
import warnings
from types import SimpleNamespace

import pytest
import torch

from core.model.gpt import GPT, GPTConfig
from core.next_token.beam_search import FINISHED, KEPT, PRUNED, beam_search
from core.next_token.generation import GenerationSettings, generate_tokens
from core.next_token.generation_stats import distinct_ngrams, generation_stats
from core.next_token.group_beam_search import group_beam_search
from core.next_token.logit_lens import LogitLensError, logit_lens
from core.next_token.repetition import banned_ngram_tokens
from core.next_token.speculative import prompt_lookup_decode, speculative_decode, timed_greedy

torch.set_num_threads(1)
PROMPT = "the cat sat on"


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2")))


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """A different, smaller GPT-2 on the same tokenizer."""
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("draft"), n_layer=1, n_embd=16))


def hf_beams(loaded, ids, **kwargs):
    """transformers' beam search: (sequences without padding, sequences_scores)."""
    prompt = torch.tensor([ids])
    with torch.no_grad():
        out = loaded.model.generate(prompt, attention_mask=torch.ones_like(prompt), pad_token_id=0, do_sample=False,
                                    output_scores=True, return_dict_in_generate=True, **kwargs)
    lengths = (out.beam_indices >= 0).sum(dim=1).tolist()
    return [out.sequences[i, :len(ids) + n].tolist() for i, n in enumerate(lengths)], out.sequences_scores.tolist()


def greedy_ids(loaded, ids, n):
    prompt = torch.tensor([ids])
    with torch.no_grad():
        out = loaded.model.generate(prompt, attention_mask=torch.ones_like(prompt), pad_token_id=0, do_sample=False,
                                    max_new_tokens=n)
    return out[0, len(ids):].tolist()


def no_new_repeats(prompt, new, n):
    """No new token completes an n-gram that occurred before it (the prompt may repeat itself)."""
    text = prompt + new
    for end in range(len(prompt), len(text)):
        gram = tuple(text[end - n + 1:end + 1])
        earlier = {tuple(text[i:i + n]) for i in range(end - n + 1)}
        if gram in earlier:
            return False
    return True


@pytest.mark.parametrize("beams, returned, length_penalty, ngram, early_stopping, eos_at", [
    (2, 1, 1.0, 0, False, None),
    (3, 3, 1.0, 0, False, 1),
    (4, 2, 2.0, 0, True, 2),
    (4, 4, 0.0, 2, "never", 1),
    (5, 3, -1.0, 3, False, 2),
    (3, 2, 1.0, 2, True, None),
])
def test_beam_search_equals_transformers(gpt2, beams, returned, length_penalty, ngram, early_stopping, eos_at):
    ids = gpt2.encode(PROMPT)
    # an end-of-text token the model actually writes, so some beams finish early
    eos = [greedy_ids(gpt2, ids, 4)[eos_at]] if eos_at is not None else [gpt2.tokenizer.eos_token_id]
    expected, scores = hf_beams(gpt2, ids, num_beams=beams, num_return_sequences=returned, max_new_tokens=10,
                                length_penalty=length_penalty, no_repeat_ngram_size=ngram,
                                early_stopping=early_stopping, eos_token_id=eos)
    result = beam_search(gpt2, ids, beams, 10, num_return_sequences=returned, length_penalty=length_penalty,
                         no_repeat_ngram_size=ngram, early_stopping=early_stopping, eos_token_ids=eos)
    assert result.sequences == expected
    assert result.scores == pytest.approx(scores, abs=1e-5)
    for hypothesis in result.hypotheses:  # raw and length-normalised scores agree
        n = len(hypothesis.token_ids)
        assert hypothesis.score == pytest.approx(hypothesis.log_prob / n ** length_penalty, rel=1e-5)


def test_beam_search_tree_records_every_step(gpt2):
    ids = gpt2.encode(PROMPT)
    result = beam_search(gpt2, ids, 3, 6, eos_token_ids=())
    assert [step.step for step in result.steps] == list(range(6))
    first = result.steps[0]
    assert [beam.live for beam in first.beams] == [True, False, False]  # only the prompt is extended first
    with torch.no_grad():
        log_probs = torch.log_softmax(gpt2.model(torch.tensor([ids])).logits[0, -1], -1)
    assert [c.token_id for c in first.candidates] == torch.topk(log_probs, 6).indices.tolist()
    assert [c.log_prob for c in first.candidates] == pytest.approx(torch.topk(log_probs, 6).values.tolist(), abs=1e-5)
    for step in result.steps:
        assert len(step.candidates) == 6  # 2 x num_beams considered
        assert [c.log_prob for c in step.candidates] == sorted((c.log_prob for c in step.candidates), reverse=True)
        statuses = [c.status for c in step.candidates]
        assert sum(s != PRUNED for s in statuses) == 3
    for before, after in zip(result.steps, result.steps[1:]):
        kept = sorted((c for c in before.candidates if c.status == KEPT), key=lambda c: c.slot)
        assert [c.slot for c in kept] == [0, 1, 2]
        for c, beam in zip(kept, after.beams):  # a kept candidate is the next step's live beam
            parent = before.beams[c.parent]
            assert beam.token_ids == parent.token_ids + [c.token_id]
            assert beam.log_prob == pytest.approx(c.log_prob)
    assert {c.status for c in result.steps[-1].candidates} == {FINISHED, PRUNED}  # the length limit ends all


def test_beam_search_stops_between_steps(gpt2):
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 3

    result = beam_search(gpt2, gpt2.encode(PROMPT), 2, 40, eos_token_ids=(), stop=stop)
    assert result.stopped and len(result.steps) == 3
    assert result.hypotheses and not result.hypotheses[0].finished and len(result.hypotheses[0].token_ids) == 3


def test_diverse_beam_search_without_penalty_is_beam_search_per_group(gpt2):
    ids = gpt2.encode(PROMPT)
    plain = beam_search(gpt2, ids, 2, 8, num_return_sequences=2)
    diverse = group_beam_search(gpt2, ids, 6, 3, 8, diversity_penalty=0.0, num_return_sequences=6)
    for group in diverse.groups:
        assert group.sequences == plain.sequences
        assert group.scores == pytest.approx(plain.scores, abs=1e-5)
    penalised = group_beam_search(gpt2, ids, 4, 2, 8, diversity_penalty=5.0)
    first_tokens = [group.hypotheses[0].token_ids[0] for group in penalised.groups]
    assert first_tokens[0] != first_tokens[1]  # the second group avoids the first group's token
    with pytest.raises(ValueError, match="split evenly"):
        group_beam_search(gpt2, ids, 5, 2, 8)


def test_no_repeat_ngram_with_greedy_equals_transformers(gpt2):
    ids = gpt2.encode(PROMPT)
    prompt = torch.tensor([ids])
    for n in (1, 2, 3):
        settings = GenerationSettings("greedy", 20, no_repeat_ngram_size=n, stop_at_eos=False)
        ours = [t.token_id for t in generate_tokens(gpt2, ids, settings)]
        with torch.no_grad():
            out = gpt2.model.generate(prompt, attention_mask=torch.ones_like(prompt), pad_token_id=0,
                                      do_sample=False, max_new_tokens=20, no_repeat_ngram_size=n)
        assert ours == out[0, len(ids):].tolist()
        assert no_new_repeats(ids, ours, n)
    assert banned_ngram_tokens([5, 7, 5], 2) == [7] and banned_ngram_tokens([5, 7], 3) == []


@pytest.mark.parametrize("strategy", ["sample", "contrastive", "beam", "beam-sample", "group-beam"])
def test_every_strategy_blocks_repeated_ngrams(gpt2, strategy):
    ids = gpt2.encode(PROMPT)
    settings = GenerationSettings(strategy, 16, no_repeat_ngram_size=2, stop_at_eos=False)
    tokens = [t.token_id for t in generate_tokens(gpt2, ids, settings)]
    assert len(tokens) == 16
    assert no_new_repeats(ids, tokens, 2)


@pytest.mark.parametrize("k", [1, 2, 4, 7])
def test_speculative_decoding_equals_greedy(gpt2, draft, k):
    ids = gpt2.encode("the cat sat on the mat. the cat sat on")
    greedy = [t.token_id for t in generate_tokens(gpt2, ids, GenerationSettings("greedy", 30, stop_at_eos=False))]
    result = speculative_decode(gpt2, draft, ids, 30, num_draft_tokens=k, stop_at_eos=False)
    assert result.token_ids == greedy
    assert all(len(r.proposed) <= k and 0 <= r.accepted <= len(r.proposed) for r in result.rounds)
    assert result.accepted == sum(r.accepted for r in result.rounds)
    assert 0 <= result.acceptance_rate <= 1 and result.tokens_per_second > 0
    assert result.main_passes == len(result.rounds) < 30  # fewer main passes than tokens
    assert result.rounds[0].proposed == [] and result.rounds[0].correction == greedy[0]  # the prompt's pass
    assert len(result.token_ids) == sum(r.accepted + 1 for r in result.rounds)
    itself = speculative_decode(gpt2, gpt2, ids, 30, num_draft_tokens=k, stop_at_eos=False)
    assert itself.token_ids == greedy and itself.acceptance_rate == 1.0
    lookup = prompt_lookup_decode(gpt2, ids, 30, num_draft_tokens=k, stop_at_eos=False)
    assert lookup.token_ids == greedy
    assert timed_greedy(gpt2, ids, 30, stop_at_eos=False).token_ids == greedy


def test_speculative_decoding_needs_the_same_tokenizer(gpt2, tmp_path):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_bert

    bert = load_model(make_tiny_bert(tmp_path / "bert"))
    with pytest.raises(ValueError, match="no next-token head"):
        speculative_decode(gpt2, bert, gpt2.encode(PROMPT), 5)
    other = SimpleNamespace(**{**vars(gpt2), "name": "other"})
    other.tokenizer = SimpleNamespace(get_vocab=lambda: {"a": 0})
    other.unavailable_reason = lambda _capability: None
    with pytest.raises(ValueError, match="another tokenizer"):
        speculative_decode(gpt2, other, gpt2.encode(PROMPT), 5)


def own_probs(model, ids):
    with torch.no_grad():
        output = model(torch.tensor([ids]))
    logits = output.logits if hasattr(output, "logits") else output[0]
    return torch.softmax(logits[0].float(), -1)  # (T, V)


def test_logit_lens_last_layer_is_the_models_distribution(gpt2):
    ids = gpt2.encode(PROMPT)
    lens = logit_lens(gpt2, PROMPT, positions="all", top_k=5)
    probs = own_probs(gpt2.model, ids)
    assert lens.n_rows == gpt2.n_layers + 1 and lens.top_ids.shape == (gpt2.n_layers + 1, len(ids), 5)
    assert torch.allclose(lens.last_probs[-1], probs[-1], atol=1e-5)
    top = torch.topk(probs, 5, dim=-1)
    assert lens.top_ids[-1].tolist() == top.indices.tolist()
    assert torch.allclose(lens.top_probs[-1], top.values, atol=1e-5)
    assert lens.final_token == int(probs[-1].argmax()) and lens.final_ranks[-1] == 1
    # the first row reads the embeddings: the final norm and head on wte + wpe
    transformer = gpt2.model.transformer
    with torch.no_grad():
        stream = transformer.wte(torch.tensor(ids)) + transformer.wpe(torch.arange(len(ids)))
        first = torch.softmax(gpt2.model.lm_head(transformer.ln_f(stream[-1])), -1)
    assert torch.allclose(lens.last_probs[0], first, atol=1e-5)
    rank = 1 + int((first > first[lens.final_token]).sum())
    assert lens.final_ranks[0] == rank
    last_only = logit_lens(gpt2, ids, top_k=3)
    assert last_only.positions == [len(ids) - 1] and last_only.top_ids.shape == (gpt2.n_layers + 1, 1, 3)


def test_logit_lens_reads_our_gpt(gpt2):
    torch.manual_seed(1)
    model = GPT(GPTConfig(vocab_size=len(gpt2.tokenizer), block_size=64, n_layer=3, n_head=2, n_embd=32))
    ours = SimpleNamespace(model=model, encode=gpt2.encode, device="cpu", context_length=64)
    ids = gpt2.encode(PROMPT)
    lens = logit_lens(ours, ids, positions="all")
    assert lens.n_rows == 4
    assert torch.allclose(lens.last_probs[-1], own_probs(model, ids)[-1], atol=1e-5)
    assert model.training  # left as it was


def test_logit_lens_refuses_a_model_it_cannot_read(gpt2):
    class Opaque(torch.nn.Module):
        def forward(self, ids):
            return (torch.zeros(1, ids.shape[1], 4),)

    with pytest.raises(LogitLensError, match="cannot find"):
        logit_lens(SimpleNamespace(model=Opaque(), encode=gpt2.encode, device="cpu", context_length=64), PROMPT)
    with pytest.raises(ValueError, match="empty"):
        logit_lens(gpt2, "")


def test_generation_stats():
    stats = generation_stats([1, 2, 1, 2, 1], [0.5, 0.25, 0.5, 0.25, 0.5], 2.0)
    assert stats.tokens_per_second == 2.5
    assert stats.mean_log_prob == pytest.approx((3 * math.log(0.5) + 2 * math.log(0.25)) / 5)
    assert stats.perplexity == pytest.approx(math.exp(-stats.mean_log_prob))
    assert stats.distinct_2 == 0.5  # (1,2), (2,1), (1,2), (2,1): two different pairs of four
    assert math.isnan(distinct_ngrams([3]))


def test_no_cache_deprecation_warning(gpt2):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for strategy in ("greedy", "sample", "beam", "group-beam"):
            list(generate_tokens(gpt2, PROMPT, GenerationSettings(strategy, 4)))
        speculative_decode(gpt2, gpt2, gpt2.encode(PROMPT), 4)
    assert not [w for w in caught if "past_key_values" in str(w.message)]


def test_beam_search_with_sampling_is_seeded(gpt2):
    from core.next_token.settings import SamplingSettings

    ids = gpt2.encode(PROMPT)
    one = beam_search(gpt2, ids, 3, 8, sampling=SamplingSettings(temperature=1.5, seed=1))
    assert one.sequences == beam_search(gpt2, ids, 3, 8, sampling=SamplingSettings(temperature=1.5, seed=1)).sequences
    others = {tuple(beam_search(gpt2, ids, 3, 8, sampling=SamplingSettings(temperature=1.5, seed=s)).sequences[0])
              for s in range(2, 6)}
    assert len(others | {tuple(one.sequences[0])}) > 1  # other seeds draw other beams
    # top-k 1 leaves one token per beam: the search can only follow the greedy path
    greedy = [t.token_id for t in generate_tokens(gpt2, ids, GenerationSettings("greedy", 8, stop_at_eos=False))]
    narrow = beam_search(gpt2, ids, 3, 8, eos_token_ids=(), sampling=SamplingSettings(top_k=1, seed=0))
    assert narrow.hypotheses[0].token_ids == greedy
