"""Full definition of LM Anatomy's GPT language model, all of it in this single file.

The model follows GPT-2 (Radford et al., 2019) in the spirit of Karpathy's nanoGPT: token and
position embeddings, a stack of pre-LayerNorm transformer blocks, a final LayerNorm and a
linear head whose weights are tied to the token embedding.

The module names match Hugging Face's `GPT2LMHeadModel` (`transformer.h.0.attn.c_attn`, ...),
so `core.model.checkpoint` can save and load GPT-2-format checkpoints by renaming nothing and only
transposing the linear weights (GPT-2 stores them as `Conv1D`, shape (in, out)).

Shapes in comments use B = batch, T = time (sequence length), C = n_embd, nh = n_head,
hs = head size = C // nh, V = vocab_size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.nn import functional as F

from core.model.activations import ACTIVATIONS


def activation_module(name: str) -> nn.Module:
    """The torch module computing activation `name` (one of ACTIVATIONS)."""
    if name in ("gelu", "gelu_new"):
        return nn.GELU(approximate="tanh" if name == "gelu_new" else "none")
    return {"relu": nn.ReLU, "silu": nn.SiLU, "tanh": nn.Tanh}[name]()


@dataclass
class GPTConfig:
    """Hyper-parameters of a GPT. The defaults are the small "CPU quick" model."""

    vocab_size: int = 65  # number of distinct tokens (65 = characters of tiny Shakespeare)
    block_size: int = 64  # longest context the model can see, in tokens
    n_layer: int = 4  # number of transformer blocks
    n_head: int = 4  # attention heads per block; n_embd must divide evenly by it
    n_embd: int = 128  # width of every token's vector (the "residual stream")
    dropout: float = 0.0  # 0.0 for small data/fine-tuning, ~0.1-0.2 against overfitting
    bias: bool = True  # biases in Linear and LayerNorm, like GPT-2
    activation: str = "gelu_new"  # one of ACTIVATIONS: "gelu_new" (tanh GELU, GPT-2), "gelu" (exact), ...
    layer_norm_epsilon: float = 1e-5  # GPT-2's LayerNorm epsilon

    def validate(self) -> None:
        """Raise ValueError with a readable message when the numbers cannot build a model."""
        for name in ("vocab_size", "block_size", "n_layer", "n_head", "n_embd"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 (got {getattr(self, name)}).")
        if self.n_embd % self.n_head != 0:
            raise ValueError(
                f"n_embd ({self.n_embd}) must be divisible by n_head ({self.n_head}): each head "
                f"gets n_embd / n_head dimensions. Try n_embd = "
                f"{max(self.n_head, self.n_embd // self.n_head * self.n_head)}."
            )
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1) (got {self.dropout}).")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)} (got {self.activation!r}).")


@dataclass
class AttentionTrace:
    """What the attention layers computed, for the Attention tab.

    probs:   (n_layer, B, nh, T, T) softmax weights; row i says how much token i reads each j <= i.
    queries: (n_layer, B, nh, T, hs) or None; keys: same shape or None.
    """

    probs: torch.Tensor
    queries: torch.Tensor | None = None
    keys: torch.Tensor | None = None


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention where each position sees only itself and earlier positions."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)  # q, k, v at once
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)  # heads back to C
        self.attn_dropout = nn.Dropout(config.dropout)
        self.resid_dropout = nn.Dropout(config.dropout)

    def forward(
        self, x: torch.Tensor, explicit: bool = False
    ) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None, torch.Tensor | None]:
        """x: (B, T, C) -> (y (B, T, C), probs, q, k).

        The fast path uses fused `scaled_dot_product_attention` and returns None for probs, q, k.
        `explicit=True` spells attention out step by step and returns probs (B, nh, T, T),
        q and k (B, nh, T, hs). Both paths give the same y.
        """
        B, T, C = x.size()
        hs = C // self.n_head
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)  # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        if not explicit:
            y = F.scaled_dot_product_attention(
                q, k, v, dropout_p=self.dropout if self.training else 0.0, is_causal=True
            )  # (B, nh, T, hs)
            probs = None
        else:
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(hs)  # (B, nh, T, T)
            future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(diagonal=1)
            scores = scores.masked_fill(future, float("-inf"))  # no peeking at later tokens
            probs = F.softmax(scores, dim=-1)  # (B, nh, T, T), each row sums to 1
            y = self.attn_dropout(probs) @ v  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again: (B, T, C)
        y = self.resid_dropout(self.c_proj(y))  # (B, T, C)
        return y, probs, (q if explicit else None), (k if explicit else None)


class MLP(nn.Module):
    """Position-wise feed-forward network: widen 4x, a non-linearity (GELU by default), narrow back."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.gelu = activation_module(config.activation)  # named "gelu" as in nanoGPT, whatever it computes
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (B, T, C) -> (B, T, C)."""
        x = self.gelu(self.c_fc(x))  # (B, T, 4C)
        return self.dropout(self.c_proj(x))  # (B, T, C)


class Block(nn.Module):
    """One transformer block: x + attention(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon, bias=config.bias)
        self.mlp = MLP(config)

    def forward(self, x: torch.Tensor, explicit: bool = False):
        """x: (B, T, C) -> (x (B, T, C), probs, q, k); see `CausalSelfAttention.forward`."""
        a, probs, q, k = self.attn(self.ln_1(x), explicit=explicit)
        x = x + a
        x = x + self.mlp(self.ln_2(x))
        return x, probs, q, k


class GPT(nn.Module):
    """The language model: token ids (B, T) in, next-token logits (B, T, V) out."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        config.validate()
        self.config = config
        self.transformer = nn.ModuleDict(
            dict(
                wte=nn.Embedding(config.vocab_size, config.n_embd),  # token embedding
                wpe=nn.Embedding(config.block_size, config.n_embd),  # position embedding
                drop=nn.Dropout(config.dropout),
                h=nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
                ln_f=nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon, bias=config.bias),
            )
        )
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        # Weight tying (GPT-2): the same matrix turns ids into vectors and vectors into logits.
        self.lm_head.weight = self.transformer.wte.weight
        self.apply(self._init_weights)
        # GPT-2 scales the residual projections by 1/sqrt(2 * n_layer) so the stream stays ~unit size.
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * config.n_layer))

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        """GPT-2 initialisation: N(0, 0.02) weights, zero biases."""
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def num_parameters(self, non_embedding: bool = False) -> int:
        """Number of parameters (the tied head counted once); `non_embedding` leaves out wpe and wte."""
        n = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n -= self.transformer.wpe.weight.numel() + self.transformer.wte.weight.numel()
        return n

    def crop_block_size(self, block_size: int) -> None:
        """Shrink the context window (e.g. GPT-2's 1024 to 256 for fine-tuning) by cutting wpe."""
        if not 1 <= block_size <= self.config.block_size:
            raise ValueError(f"Can only crop block_size to 1..{self.config.block_size} (got {block_size}).")
        self.config.block_size = block_size
        self.transformer.wpe.weight = nn.Parameter(self.transformer.wpe.weight[:block_size].detach().clone())

    def set_dropout(self, p: float) -> None:
        """Change the dropout probability everywhere (e.g. 0.1 when fine-tuning a pretrained model)."""
        self.config.dropout = p
        for module in self.modules():
            if isinstance(module, nn.Dropout):
                module.p = p
            elif isinstance(module, CausalSelfAttention):
                module.dropout = p

    def forward(
        self,
        idx: torch.Tensor,
        targets: torch.Tensor | None = None,
        return_attention: bool = False,
        return_qk: bool = False,
    ):
        """idx: (B, T) int64 token ids, T <= block_size; targets: (B, T) ids or None (-1 = ignore).

        Returns `(logits, loss)`: logits (B, T, V), loss a scalar mean cross-entropy in nats or None.
        With `return_attention=True` it returns `(logits, loss, AttentionTrace)` computed by the
        explicit attention path; `return_qk=True` also fills the trace's queries and keys.
        """
        B, T = idx.size()
        if T > self.config.block_size:
            raise ValueError(f"Sequence of {T} tokens is longer than block_size {self.config.block_size}.")
        pos = torch.arange(0, T, dtype=torch.long, device=idx.device)  # (T,)
        x = self.transformer.drop(self.transformer.wte(idx) + self.transformer.wpe(pos))  # (B, T, C)
        all_probs, all_q, all_k = [], [], []
        for block in self.transformer.h:
            x, probs, q, k = block(x, explicit=return_attention)
            if return_attention:
                all_probs.append(probs)
                all_q.append(q)
                all_k.append(k)
        x = self.transformer.ln_f(x)  # (B, T, C)
        logits = self.lm_head(x)  # (B, T, V)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)).float(), targets.reshape(-1), ignore_index=-1)
        if not return_attention:
            return logits, loss
        trace = AttentionTrace(
            probs=torch.stack(all_probs),  # (n_layer, B, nh, T, T)
            queries=torch.stack(all_q) if return_qk else None,  # (n_layer, B, nh, T, hs)
            keys=torch.stack(all_k) if return_qk else None,
        )
        return logits, loss, trace

    @torch.no_grad()
    def generate(
        self,
        idx: torch.Tensor,
        max_new_tokens: int,
        temperature: float = 1.0,
        top_k: int | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Continue idx (B, T) by sampling `max_new_tokens` tokens; returns (B, T + max_new_tokens).

        temperature < 1 sharpens the distribution, > 1 flattens it; 0 means greedy (argmax).
        top_k keeps only the k most likely tokens before sampling.
        """
        was_training = self.training
        self.eval()
        for _ in range(max_new_tokens):
            idx_cond = idx[:, -self.config.block_size :]  # (B, <=block_size): the model's window
            logits, _ = self(idx_cond)
            logits = logits[:, -1, :].float()  # (B, V): only the last position predicts the next token
            if temperature <= 0:
                idx_next = logits.argmax(dim=-1, keepdim=True)  # (B, 1)
            else:
                logits = logits / temperature
                if top_k is not None:
                    v, _ = torch.topk(logits, min(top_k, logits.size(-1)))  # (B, k)
                    logits[logits < v[:, [-1]]] = float("-inf")
                probs = F.softmax(logits, dim=-1)  # (B, V)
                idx_next = torch.multinomial(probs, num_samples=1, generator=generator)  # (B, 1)
            idx = torch.cat((idx, idx_next), dim=1)  # (B, T + 1)
        self.train(was_training)
        return idx


def flops_per_token(config: GPTConfig) -> int:
    """Training FLOPs per token (forward + backward), PaLM appendix B: 6N + 12 * L * C * T."""
    n = estimate_num_parameters(config) - config.block_size * config.n_embd  # no wpe matmul
    return 6 * n + 12 * config.n_layer * config.n_embd * config.block_size


def estimate_num_parameters(config: GPTConfig) -> int:
    """Parameter count of `GPT(config)` without building it (tied head counted once)."""
    C, L, b = config.n_embd, config.n_layer, int(config.bias)
    ln = C * (1 + b)
    per_block = 2 * ln + (3 * C * C + 3 * C * b) + (C * C + C * b) + (4 * C * C + 4 * C * b) + (4 * C * C + C * b)
    return config.vocab_size * C + config.block_size * C + L * per_block + ln


def estimate_memory_bytes(config: GPTConfig, batch_size: int, bytes_per_activation: int = 4) -> int:
    """Rough peak memory of one training step with AdamW, in bytes.

    Weights, gradients and the two Adam moments are 4 fp32 copies (16 bytes per parameter).
    Activations kept for backward follow Korthikanti et al. (2022): per layer about
    B*T*(34*C + 5*nh*T) half-precision bytes, scaled by `bytes_per_activation` / 2,
    plus the logits and their gradient (B*T*V each, fp32).
    """
    B, T, C = batch_size, config.block_size, config.n_embd
    params = 16 * estimate_num_parameters(config)
    per_layer = B * T * (34 * C + 5 * config.n_head * T) * bytes_per_activation // 2
    logits = 2 * B * T * config.vocab_size * 4
    return params + config.n_layer * per_layer + logits
