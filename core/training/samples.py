"""What each evaluation shows of the model so far: generated text for the causal objectives, the
guesses for a few hidden tokens for the masked one.

A masked-LM sample hides `FILL_MASK_GUESSES` tokens of a sentence (the sample prompt, else the start
of the validation split) and lists the model's three best guesses for each, with probabilities:

    The cat <mask> on the <mask>.
    [1] ␣sat 41% ✓ · ␣is 12% · ␣was 9%
    [2] ␣mat 22% · ␣floor 8% ✓ · ␣bed 5%

The check mark is on the hidden token. Only symbols and numbers, so it reads the same in any language.
"""

from __future__ import annotations

from typing import Any

import torch

from core.tokenization.token_labels import VISIBLE_WHITESPACE, token_label
from core.training.data import encoder_for

FILL_MASK_GUESSES = 3  # hidden tokens per sample
FILL_MASK_TOP = 3  # guesses shown for each
SAMPLE_TOKENS_MLM = 24  # length of the masked-LM sample sentence, in tokens


def sample_text(run: Any) -> str | None:
    """The evaluation's sample for `run` (a core.training.setup._Run), or None when samples are off."""
    if run.config.sample_tokens <= 0:
        return None
    if run.config.model_type == "mlm":
        return fill_mask_sample(run)
    return generated_text(run)


@torch.no_grad()
def generated_text(run: Any) -> str:
    """Text generated from sample_prompt (or the first val token) at the configured temperature and top-k."""
    cfg = run.config
    ids = encoder_for(run.tokenizer)(cfg.sample_prompt) if cfg.sample_prompt else []
    if not ids:
        ids = [int(run.data.split("val")[0])]
    idx = torch.tensor([ids], dtype=torch.long, device=run.device)
    gen = torch.Generator(device=run.device).manual_seed(cfg.seed)
    with run.autocast:
        out = run.model.generate(idx, cfg.sample_tokens, temperature=cfg.sample_temperature,
                                 top_k=cfg.sample_top_k, generator=gen)
    return run.tokenizer.decode(out[0].tolist())


@torch.no_grad()
def fill_mask_sample(run: Any) -> str | None:
    """A sentence with FILL_MASK_GUESSES tokens hidden, then the model's best guesses for each (see the module doc)."""
    cfg, tokenizer = run.config, run.hf_tokenizer
    if cfg.sample_prompt:
        ids = tokenizer.encode(cfg.sample_prompt, add_special_tokens=False)
    else:
        ids = [int(i) for i in run.data.split("val")[:min(SAMPLE_TOKENS_MLM, cfg.block_size)]]
    ids = ids[:cfg.block_size]
    special = set(tokenizer.all_special_ids)
    candidates = [i for i, token in enumerate(ids) if token not in special]
    if not candidates:
        return None
    count = min(FILL_MASK_GUESSES, len(candidates))
    hidden = sorted({candidates[(k * len(candidates)) // count + len(candidates) // (2 * count)]
                     for k in range(count)})  # spread over the sentence
    masked = list(ids)
    for position in hidden:
        masked[position] = tokenizer.mask_token_id
    was_training = run.model.training
    run.model.eval()
    try:
        with run.autocast:
            logits = run.model(input_ids=torch.tensor([masked], device=run.device)).logits[0]  # (T, V)
    finally:
        run.model.train(was_training)
    sentence = tokenizer.decode(masked)
    lines = ["".join(VISIBLE_WHITESPACE.get(char, char) if char in "\n\r\t" else char for char in sentence)]
    for number, position in enumerate(hidden, start=1):
        probs = torch.softmax(logits[position].float(), dim=-1)  # (V,)
        top = torch.topk(probs, FILL_MASK_TOP)
        guesses = [f"{token_label(tokenizer, int(token))} {float(p):.0%}" + (" ✓" if int(token) == ids[position] else "")
                   for p, token in zip(top.values, top.indices)]
        lines.append(f"[{number}] " + " · ".join(guesses))
    return "\n".join(lines)
