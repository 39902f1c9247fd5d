"""Token-by-token generation (greedy, sampling, beam, contrastive) and fill-mask on tiny models."""

from __future__ import annotations

import threading

import pytest
import torch

from core.next_token.generation import GenerationSettings, contrastive_search_step, generate_tokens
from core.next_token.prediction import NextTokenPredictor, fill_mask
from core.next_token.sampling import final_distribution, sample
from core.next_token.settings import SamplingSettings

torch.set_num_threads(1)
PROMPT = "the cat sat on"


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


def hf_generate(loaded, **kwargs):
    ids = torch.tensor([loaded.encode(PROMPT)])
    with torch.no_grad():
        out = loaded.model.generate(
            ids, attention_mask=torch.ones_like(ids), pad_token_id=loaded.tokenizer.eos_token_id, **kwargs
        )
    return out[0, ids.shape[1] :].tolist()


def ids_of(tokens):
    return [t.token_id for t in tokens]


@pytest.mark.parametrize("penalty", [1.0, 1.5])
def test_greedy_matches_transformers_generate(gpt2, penalty):
    settings = GenerationSettings("greedy", max_new_tokens=12, sampling=SamplingSettings(repetition_penalty=penalty))
    tokens = list(generate_tokens(gpt2, PROMPT, settings))
    assert ids_of(tokens) == hf_generate(gpt2, do_sample=False, max_new_tokens=12, repetition_penalty=penalty)
    assert [t.step for t in tokens] == list(range(len(tokens)))
    assert "".join(t.text for t in tokens) == gpt2.tokenizer.decode(ids_of(tokens))
    # probability is the model's own softmax for the chosen token after the prompt
    first = torch.softmax(NextTokenPredictor(gpt2).logits_for(PROMPT), -1)
    assert tokens[0].probability == pytest.approx(float(first[tokens[0].token_id]), abs=1e-5)
    assert all(t.final_probability == 1.0 for t in tokens)


def test_sampling_is_seeded_and_first_draw_matches_the_view(gpt2):
    sampling = SamplingSettings(temperature=1.3, top_k=20, top_p=0.95, seed=3)
    settings = GenerationSettings("sample", max_new_tokens=10, sampling=sampling, stop_at_eos=False)
    first_run = list(generate_tokens(gpt2, PROMPT, settings))
    assert ids_of(first_run) == ids_of(list(generate_tokens(gpt2, PROMPT, settings)))
    assert len(first_run) == 10
    logits = NextTokenPredictor(gpt2).logits_for(PROMPT)
    distribution = final_distribution(logits, 1.3, 20, 0.95)
    assert first_run[0].token_id == sample(distribution, seed=3).token_id
    assert first_run[0].final_probability == pytest.approx(float(distribution[first_run[0].token_id]))
    other_seed = GenerationSettings("sample", 10, SamplingSettings(temperature=1.3, seed=4), stop_at_eos=False)
    assert ids_of(list(generate_tokens(gpt2, PROMPT, other_seed))) != ids_of(first_run)
    top1 = GenerationSettings("sample", 8, SamplingSettings(top_k=1, seed=9))
    assert ids_of(list(generate_tokens(gpt2, PROMPT, top1))) == ids_of(
        list(generate_tokens(gpt2, PROMPT, GenerationSettings("greedy", 8)))
    )


def test_stop_event_ends_generation_between_tokens(gpt2):
    stop = threading.Event()
    settings = GenerationSettings("sample", max_new_tokens=20, stop_at_eos=False)
    seen = []
    for token in generate_tokens(gpt2, PROMPT, settings, stop=stop):
        seen.append(token)
        if len(seen) == 3:
            stop.set()
    assert len(seen) == 3
    assert list(generate_tokens(gpt2, PROMPT, settings, stop=lambda: True)) == []


def test_generation_stops_at_the_context_limit(gpt2):
    prompt = gpt2.encode(PROMPT) * 15  # 60 of 64 tokens
    tokens = list(generate_tokens(gpt2, prompt[:60], GenerationSettings("greedy", 30, stop_at_eos=False)))
    assert len(tokens) == 4
    with pytest.raises(ValueError, match="fills"):
        list(generate_tokens(gpt2, [1] * 64, GenerationSettings()))


def test_beam_search_matches_transformers(gpt2):
    settings = GenerationSettings("beam", max_new_tokens=8, num_beams=3)
    tokens = list(generate_tokens(gpt2, PROMPT, settings))
    assert ids_of(tokens) == hf_generate(gpt2, do_sample=False, num_beams=3, max_new_tokens=8)[: len(tokens)]
    assert all(0 < t.probability <= 1 for t in tokens)


def test_contrastive_search_without_penalty_is_greedy(gpt2):
    greedy = ids_of(list(generate_tokens(gpt2, PROMPT, GenerationSettings("greedy", 10))))
    plain = GenerationSettings("contrastive", 10, penalty_alpha=0.0, contrastive_top_k=4)
    assert ids_of(list(generate_tokens(gpt2, PROMPT, plain))) == greedy
    one_candidate = GenerationSettings("contrastive", 10, penalty_alpha=0.9, contrastive_top_k=1)
    assert ids_of(list(generate_tokens(gpt2, PROMPT, one_candidate))) == greedy


def test_contrastive_step_scores_candidates_by_formula(gpt2):
    model = gpt2.model
    context = torch.tensor([gpt2.encode(PROMPT)])
    probs = torch.softmax(NextTokenPredictor(gpt2).logits_for(PROMPT), -1)
    best, _ = contrastive_search_step(model, context, probs, alpha=0.5, top_k=3)
    top_probs, candidates = torch.topk(probs, 3)
    scores = []
    with torch.no_grad():
        context_h = model(context, output_hidden_states=True).hidden_states[-1][0]  # (T, d)
        for p, token in zip(top_probs, candidates):
            sequence = torch.cat([context[0], token[None]])[None]
            h = model(sequence, output_hidden_states=True).hidden_states[-1][0, -1]
            cos = torch.nn.functional.cosine_similarity(context_h, h[None], dim=-1).max()
            scores.append(0.5 * float(p) - 0.5 * float(cos))
    assert best == max(range(3), key=scores.__getitem__)
    settings = GenerationSettings("contrastive", 1, penalty_alpha=0.5, contrastive_top_k=3)
    tokens = list(generate_tokens(gpt2, PROMPT, settings))
    assert tokens[0].token_id == int(candidates[best])


@pytest.mark.parametrize(
    "settings, message",
    [
        (GenerationSettings("telepathy"), "strategy"),
        (GenerationSettings(max_new_tokens=0), "at least 1"),
        (GenerationSettings(penalty_alpha=2.0), "alpha"),
        (GenerationSettings("sample", sampling=SamplingSettings(temperature=-1)), "Temperature"),
    ],
)
def test_bad_generation_settings(gpt2, settings, message):
    with pytest.raises(ValueError, match=message):
        list(generate_tokens(gpt2, PROMPT, settings))


def test_generation_needs_a_causal_lm_and_a_prompt(gpt2, bert):
    with pytest.raises(ValueError, match="no next-token head"):
        list(generate_tokens(bert, PROMPT, GenerationSettings()))
    with pytest.raises(ValueError, match="empty"):
        list(generate_tokens(gpt2, "", GenerationSettings()))


def test_fill_mask_predicts_each_mask(bert):
    guesses = fill_mask(bert, "the [MASK] sat on the <mask>.", top_k=3)
    assert len(guesses) == 2 and all(len(g) == 3 for g in guesses)
    ids = bert.encode("the [MASK] sat on the [MASK].")
    with torch.no_grad():
        logits = bert.model(torch.tensor([ids])).logits[0]
    positions = [i for i, t in enumerate(ids) if t == bert.tokenizer.mask_token_id]
    for guess, position in zip(guesses, positions):
        probs = torch.softmax(logits[position], -1)
        assert [g.token_id for g in guess] == torch.topk(probs, 3).indices.tolist()
        assert [g.probability for g in guess] == pytest.approx(torch.topk(probs, 3).values.tolist(), abs=1e-6)
        assert guess[0].token == bert.tokenizer.decode([guess[0].token_id]).strip()


def test_fill_mask_friendly_errors(gpt2, bert):
    with pytest.raises(ValueError, match="no mask"):
        fill_mask(bert, "the cat sat")
    with pytest.raises(ValueError, match="cannot fill masks"):
        fill_mask(gpt2, "the [MASK] sat")
    with pytest.raises(ValueError, match="empty"):
        fill_mask(bert, "")
