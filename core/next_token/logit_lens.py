"""The logit lens: what each layer of the model would predict, if it were the last one.

nostalgebraist (2020), "interpreting GPT: the logit lens". A transformer adds each block's output
to one vector per token, the residual stream. The model reads its prediction off the stream after
the last block, through the final layer norm and the LM head. The lens applies that same final
norm and head to the stream after every block (and to the embeddings before the first), so each
layer gets its own next-token distribution; the last layer's is the model's own.

It works for our GPT (`core.model.gpt.GPT`) and for the transformers models whose blocks, final
norm and head it can find: GPT-2 and its family (`transformer.h`, `transformer.ln_f`), Llama,
Qwen, Mistral, Gemma... (`model.layers`, `model.norm`), GPT-NeoX (`gpt_neox.layers`,
`final_layer_norm`), OPT (`model.decoder.layers`). For any other model `LogitLensError` says so.

Shapes: L blocks, so L + 1 rows (embeddings, then blocks 1..L); T tokens; P positions read; V the
vocabulary; d the width of the stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.next_token.prediction import check_prompt_ids

BLOCK_LISTS = ("h", "layers", "blocks", "layer")  # where a base model keeps its blocks
FINAL_NORMS = ("ln_f", "norm", "final_layer_norm", "final_layernorm", "norm_f", "ln_out")
TOLERANCE = 1e-4  # the last layer's lens must give the model's own probabilities to this


class LogitLensError(MessageError, ValueError):
    """The lens cannot read this model; `.message` is translatable."""


@dataclass
class LogitLens:
    """Each layer's next-token guesses for the tokens `token_ids`.

    positions: the P positions read (every position, or the last one).
    top_ids, top_probs: (L + 1, P, k) each layer's k most likely next tokens and their probabilities.
    last_probs: (L + 1, V) each layer's whole distribution at the last position.
    final_token: the model's own most likely next token after the whole text.
    final_ranks: (L + 1,) the rank of final_token at each layer, last position (1 = its top guess).
    """

    token_ids: list[int]
    positions: list[int]
    top_ids: torch.Tensor
    top_probs: torch.Tensor
    last_probs: torch.Tensor
    final_token: int
    final_ranks: list[int]

    @property
    def n_rows(self) -> int:
        """L + 1: the embeddings and every block."""
        return int(self.top_ids.shape[0])


def _cannot_read(model: Any) -> LogitLensError:
    return LogitLensError(Message(QT_TRANSLATE_NOOP(
        "CoreMessages", "The logit lens cannot find the blocks, final layer norm and output head of {model}; it "
                        "reads our GPT, GPT-2 and models built like Llama or Qwen."), {"model": type(model).__name__}))


def lens_parts(model: Any) -> tuple[Sequence[torch.nn.Module], torch.nn.Module, torch.nn.Module]:
    """(the blocks in order, the final norm, the LM head) of a causal LM; LogitLensError if not found."""
    from core.model.gpt import GPT

    if isinstance(model, GPT):
        return model.transformer.h, model.transformer.ln_f, model.lm_head
    head = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    base = getattr(model, getattr(model, "base_model_prefix", ""), None)
    for container in (base, getattr(base, "decoder", None)):
        if container is None:
            continue
        blocks = next((getattr(container, name) for name in BLOCK_LISTS
                       if isinstance(getattr(container, name, None), torch.nn.ModuleList)), None)
        norm = next((getattr(container, name) for name in FINAL_NORMS
                     if isinstance(getattr(container, name, None), torch.nn.Module)), None)
        if blocks is not None and norm is not None and isinstance(head, torch.nn.Module):
            return blocks, norm, head
    raise _cannot_read(model)


def _residuals(model: Any, blocks: Sequence[torch.nn.Module], ids: torch.Tensor) -> tuple[list[torch.Tensor], Any]:
    """Run `model` on ids (1, T), keeping the stream before the first block and after every block.

    Returns (L + 1 tensors (1, T, d), the model's output)."""
    streams: list[torch.Tensor] = []

    def before_first(_module: Any, args: tuple, kwargs: dict) -> None:
        streams.append(args[0] if args else kwargs["hidden_states"])

    def after(_module: Any, _args: Any, output: Any) -> None:
        streams.append(output[0] if isinstance(output, (tuple, list)) else output)

    handles = [blocks[0].register_forward_pre_hook(before_first, with_kwargs=True)]
    handles += [block.register_forward_hook(after) for block in blocks]
    try:
        with torch.no_grad():
            output = model(ids)
    finally:
        for handle in handles:
            handle.remove()
    return streams, output


def logit_lens(loaded: Any, text: str | Sequence[int], positions: str = "last", top_k: int = 10) -> LogitLens:
    """The logit lens of `text` (a string or token ids) for `loaded` (a LoadedModel, or anything with
    `.model` (a causal LM or our GPT), `.encode`, `.device` and `.context_length`).

    positions: "last" reads only the last position (the next token after the text), "all" every one.
    Raises LogitLensError for a model it cannot read, PredictionError for an empty or too long text
    (both ValueErrors with a message for the user).
    """
    if hasattr(loaded, "unavailable_reason"):
        from core.model.loading import NEXT_TOKEN
        from core.next_token.prediction import require

        require(loaded, NEXT_TOKEN)
    model = loaded.model
    blocks, norm, head = lens_parts(model)
    token_ids = loaded.encode(text) if isinstance(text, str) and text else [int(i) for i in text]
    check_prompt_ids(loaded, token_ids)
    ids = torch.tensor([token_ids], dtype=torch.long, device=loaded.device)  # (1, T)
    was_training = model.training
    model.eval()
    try:
        streams, output = _residuals(model, blocks, ids)
        read = list(range(len(token_ids))) if positions == "all" else [len(token_ids) - 1]
        with torch.no_grad():
            logits = (output.logits if hasattr(output, "logits") else output[0])[0, -1].float().cpu()  # (V,)
            tops, last_rows = [], []
            for stream in streams:  # one layer at a time: (P, V) probabilities never pile up
                probs = torch.softmax(head(norm(stream[0, read])).float().cpu(), dim=-1)  # (P, V)
                tops.append(torch.topk(probs, min(top_k, probs.shape[-1]), dim=-1))
                last_rows.append(probs[-1])
    finally:
        model.train(was_training)
    if len(streams) != len(blocks) + 1:
        raise _cannot_read(model)
    own = torch.softmax(logits, dim=-1)
    last_probs = torch.stack(last_rows)  # (L + 1, V)
    if float((last_probs[-1] - own).abs().max()) > TOLERANCE:  # e.g. a head that scales or caps the logits
        raise _cannot_read(model)
    final_token = int(torch.argmax(own))
    final_ranks = [1 + int((row > row[final_token]).sum()) for row in last_probs]
    return LogitLens(token_ids, read, torch.stack([t.indices for t in tops]), torch.stack([t.values for t in tops]),
                     last_probs, final_token, final_ranks)
