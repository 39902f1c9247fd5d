"""Does storing weights with fewer bits change the prediction? fp32 vs fp16, bf16 and int8.

int8 is PyTorch's dynamic quantization on the CPU: every nn.Linear keeps int8 weights and
quantizes its input on the fly. GPT-2 builds its layers from transformers' `Conv1D` (a linear
layer with the weight stored transposed), which quantize_dynamic does not know, so the copy
that gets quantized has each Conv1D replaced by an equivalent nn.Linear first.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError
from core.next_token.prediction import check_prompt_ids, require

BYTES_PER_PARAMETER = {"fp32": 4, "fp16": 2, "bf16": 2, "int8": 1}
TOP_K_AGREEMENT = 10  # top_k_agreement compares the 10 most likely tokens
FLOAT_DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


class PrecisionError(MessageError, ValueError):
    """A precision LM Anatomy cannot build; `.message` is translatable, `str()` is English."""


def model_size_bytes(n_parameters: int) -> dict[str, int]:
    """Bytes needed to store n_parameters in each dtype: {"fp32": 4n, "fp16": 2n, "bf16": 2n, "int8": n}.

    (Real int8 files are a little larger: they also keep scales, and usually the embeddings
    and layer norms in a float format.)
    """
    return {name: n_parameters * size for name, size in BYTES_PER_PARAMETER.items()}


def conv1d_to_linear(model: nn.Module) -> nn.Module:
    """Replace every transformers `Conv1D` in `model` (in place) by the equivalent nn.Linear.

    Conv1D computes x @ W + b with W of shape (in, out); nn.Linear stores W.T, shape (out, in).
    """
    from transformers.pytorch_utils import Conv1D

    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, Conv1D):
                linear = nn.Linear(child.nx, child.nf, device=child.weight.device, dtype=child.weight.dtype)
                with torch.no_grad():
                    linear.weight.copy_(child.weight.T)
                    linear.bias.copy_(child.bias)
                setattr(parent, name, linear)
    return model


def reduced_precision_model(model: nn.Module, dtype: str) -> tuple[nn.Module, str]:
    """A copy of `model` in "fp16", "bf16" or "int8" (the original is untouched), and where it runs.

    int8 copies run on the CPU (dynamic quantization is a CPU feature); the others stay on the
    model's device.
    """
    if dtype in FLOAT_DTYPES:
        device = str(next(model.parameters()).device)
        return copy.deepcopy(model).to(FLOAT_DTYPES[dtype]).eval(), device
    if dtype != "int8":
        raise PrecisionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Unknown precision {value}; choose fp32, fp16, bf16 or int8."), {"value": repr(dtype)}))
    quantize_dynamic = getattr(getattr(torch, "ao", None), "quantization", None)
    quantize_dynamic = getattr(quantize_dynamic, "quantize_dynamic", None)
    if quantize_dynamic is None:
        raise PrecisionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "This PyTorch version no longer offers dynamic int8 quantization (torch.ao).")))
    cpu_copy = conv1d_to_linear(copy.deepcopy(model).to("cpu").float())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization announces its own deprecation
        quantized = quantize_dynamic(cpu_copy, {nn.Linear}, dtype=torch.qint8)
    return quantized.eval(), "cpu"


@dataclass
class PrecisionComparison:
    """One reduced precision against fp32 for the same prompt.

    kl_nats: KL(p_fp32 || p_dtype) of the next-token distributions, in nats (0 = identical).
    topk_agreement: the share of fp32's 10 most likely tokens that are also among the dtype's 10
    (1 = the same ten, in any order; see `top_k_agreement`).
    probs_fp32, probs: (V,) float32 next-token distributions.
    """

    dtype: str
    kl_nats: float
    top1_agrees: bool
    top1_fp32: int
    top1: int
    max_abs_diff: float
    probs_fp32: torch.Tensor
    probs: torch.Tensor
    topk_agreement: float = 1.0


def kl_divergence(logits_p: torch.Tensor, logits_q: torch.Tensor) -> float:
    """KL(softmax(logits_p) || softmax(logits_q)) in nats, computed in float64. Both (V,)."""
    log_p = torch.log_softmax(logits_p.double(), dim=-1)
    log_q = torch.log_softmax(logits_q.double(), dim=-1)
    return float(max(0.0, torch.sum(log_p.exp() * (log_p - log_q))))


def top_k_agreement(logits_p: torch.Tensor, logits_q: torch.Tensor, k: int = TOP_K_AGREEMENT) -> float:
    """The share of p's k most likely tokens that are also among q's k most likely (0 to 1). Both (V,).

    Ties at the k-th place are broken by token id, the same way for both."""
    k = min(k, logits_p.shape[-1])

    def top(logits: torch.Tensor) -> set[int]:
        order = torch.sort(logits.double(), descending=True, stable=True).indices  # ties: lower id first
        return set(order[:k].tolist())

    return len(top(logits_p) & top(logits_q)) / k if k else 1.0


def _next_logits(model: nn.Module, ids: Sequence[int], device: str) -> torch.Tensor:
    """(V,) float32 logits for the token after `ids`."""
    with torch.no_grad():
        return model(torch.tensor([list(ids)], device=device)).logits[0, -1].float().cpu()


class PrecisionComparer:
    """Compares a causal LM's next-token distribution in fp32 with reduced-precision copies.

    Copies are built on first use and kept, so changing the prompt only re-runs the models.
    """

    def __init__(self, loaded: Any) -> None:
        from core.model.loading import NEXT_TOKEN

        require(loaded, NEXT_TOKEN)
        self.loaded = loaded
        self._copies: dict[str, tuple[nn.Module, str]] = {}

    def copy_for(self, dtype: str) -> tuple[nn.Module, str]:
        """The (model, device) copy for `dtype`, built once."""
        if dtype not in self._copies:
            self._copies[dtype] = reduced_precision_model(self.loaded.model, dtype)
        return self._copies[dtype]

    def compare(self, prompt: str | Sequence[int], dtypes: Sequence[str] = ("int8",)) -> list[PrecisionComparison]:
        """One `PrecisionComparison` per dtype for the prompt's next token."""
        ids = self.loaded.encode(prompt) if isinstance(prompt, str) and prompt else list(prompt)
        check_prompt_ids(self.loaded, ids)
        reference = _next_logits(self.loaded.model, ids, self.loaded.device)
        probs_fp32 = torch.softmax(reference, dim=-1)
        results = []
        for dtype in dtypes:
            model, device = self.copy_for(dtype)
            logits = _next_logits(model, ids, device)
            probs = torch.softmax(logits, dim=-1)
            top1_fp32, top1 = int(torch.argmax(reference)), int(torch.argmax(logits))
            results.append(
                PrecisionComparison(
                    dtype, kl_divergence(reference, logits), top1_fp32 == top1, top1_fp32, top1,
                    float((probs - probs_fp32).abs().max()), probs_fp32, probs, top_k_agreement(reference, logits),
                )
            )
        return results
