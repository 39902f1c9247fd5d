"""Contrastive search: Su et al. (2022), "A Contrastive Framework for Neural Text Generation".

At each step the top_k most likely tokens are candidates. Each candidate v scores

    (1 - alpha) * p(v)  -  alpha * max_j cos(h_v, h_j)

where h are last-layer hidden states and j runs over the text so far: a likely token whose
representation does not repeat the text wins (alpha = 0 is greedy search). transformers 5 moved
contrastive search to a hub repository that runs downloaded code (trust_remote_code), which LM
Anatomy never allows, so this is our own short version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import torch

from core.next_token.repetition import block_repeated_ngrams
from core.next_token.sampling import final_distribution


def contrastive_search_step(
    model: Any, context: torch.Tensor, probs: torch.Tensor, alpha: float, top_k: int
) -> tuple[int, torch.Tensor]:
    """Pick the next token by contrastive search.

    context: (1, T) ids so far; probs: (V,) next-token distribution. Returns (chosen index into the
    candidates' batch row, model output logits (top_k, T + 1, V)) so the caller can continue from
    the chosen row.
    """
    top_probs, candidates = torch.topk(probs, top_k)  # (k,), (k,)
    device = context.device
    batch = torch.cat([context.expand(top_k, -1), candidates.to(device)[:, None]], dim=1)  # (k, T+1)
    with torch.no_grad():
        output = model(batch, output_hidden_states=True)
    hidden = output.hidden_states[-1].float().cpu()  # (k, T+1, d)
    candidate_h = torch.nn.functional.normalize(hidden[:, -1], dim=-1)  # (k, d)
    context_h = torch.nn.functional.normalize(hidden[0, :-1], dim=-1)  # (T, d), same in every row
    degeneration = (candidate_h @ context_h.T).max(dim=-1).values  # (k,)
    scores = (1 - alpha) * top_probs - alpha * degeneration  # (k,)
    return int(torch.argmax(scores)), output.logits


def contrastive_tokens(
    loaded: Any, ids: list[int], room: int, alpha: float, top_k: int, repetition_penalty: float = 1.0,
    no_repeat_ngram_size: int = 0,
) -> Iterator[tuple[int, float, float]]:
    """Contrastive search tokens as (token id, model probability, penalised probability)."""
    context = torch.tensor([ids], device=loaded.device)  # (1, T)
    with torch.no_grad():
        logits = loaded.model(context).logits[0, -1].float().cpu()  # (V,)
    k = min(top_k, logits.shape[-1])
    for _ in range(room):
        history = context[0].tolist()
        blocked = block_repeated_ngrams(logits, history, no_repeat_ngram_size)
        probs = final_distribution(blocked, repetition_penalty=repetition_penalty, previous_ids=history)
        best, batch_logits = contrastive_search_step(loaded.model, context, probs, alpha, min(k, int((probs > 0).sum())))
        token = int(torch.topk(probs, k).indices[best])
        yield token, float(torch.softmax(logits, -1)[token]), float(probs[token])
        context = torch.cat([context, torch.tensor([[token]], device=context.device)], dim=1)
        logits = batch_logits[best, -1].float().cpu()
