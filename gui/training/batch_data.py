"""One batch of the current training settings, worked out in a worker thread for the batch view.

`seen_batch(request, prepared, check)` builds (or reuses) the run's tokenizer and token file, draws
batches with the run's own generator (`TokenData.get_batch` seeded with the run's seed, so the first
batch is the one a run with these settings trains on first) and, for the masked objective, masks it
with `core.training.masking.masked_lm_batch`. The result holds plain ids and strings only; the view
writes the sentences around them in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_ROWS = 8  # sequences drawn (the rest of the batch is counted, not drawn)
MAX_COLUMNS = 96  # positions drawn per sequence
CONTEXT_TOKENS = 24  # how much of the context a target's description quotes
MAX_DRAWS = 10_000


@dataclass
class BatchRequest:
    """The settings a batch depends on. `config` is a core TrainingConfig; `draw` counts "New batch" presses."""

    corpus: Any
    tokenizer_kind: str
    vocab_size: int
    model_tokenizer: Any
    config: Any
    draw: int = 0

    def data_key(self) -> tuple:
        """What the tokenizer and the token file depend on."""
        cfg = self.config
        return (id(self.corpus), self.tokenizer_kind, self.vocab_size if self.tokenizer_kind == "bpe" else None,
                id(self.model_tokenizer) if self.tokenizer_kind == "model" else None, cfg.val_fraction,
                cfg.split_seed)


@dataclass
class Prepared:
    """A tokenizer and its token file, kept by the view to draw the next batches without redoing them."""

    key: tuple
    corpus: Any
    tokenizer: Any
    data: Any


@dataclass
class SeenBatch:
    """One batch, cut to MAX_ROWS x MAX_COLUMNS for drawing.

    x, y: (rows, columns) input ids and next-token targets (y[r][c] = x[r][c + 1] within the block);
    for "mlm": inputs (what the model reads), labels (-100 = ignored) and kinds (core.training.masking);
    labels_of: id -> readable piece; contexts[r][c]: the text up to and including x[r][c] (its tail);
    batch_size, block_size: the whole batch (B, T); separator_id: the id ending each Q/A record, or None.
    """

    objective: str
    x: list[list[int]]
    y: list[list[int]]
    batch_size: int
    block_size: int
    draw: int
    seed: int
    labels_of: dict[int, str]
    contexts: list[list[str]] = field(default_factory=list)
    inputs: list[list[int]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    kinds: list[list[str]] = field(default_factory=list)
    mask_token_id: int | None = None
    mlm_probability: float = 0.0
    separator_id: int | None = None
    n_train_tokens: int = 0
    n_records: int = 0
    tokens_per_iter: int = 0


def piece_label(tokenizer: Any, token_id: int) -> str:
    """How a chip writes token `token_id` of `tokenizer` (ours or a transformers one): whitespace made visible,
    byte-level pieces as text, special tokens as written."""
    from core.tokenization.token_labels import make_visible, readable_piece

    if hasattr(tokenizer, "chars"):  # characters: the character itself
        return make_visible(tokenizer.decode([token_id]))
    backend = getattr(tokenizer, "hf_tokenizer", None)
    piece = backend.id_to_token(token_id) if backend is not None else tokenizer.convert_ids_to_tokens(token_id)
    if piece is None:
        return f"#{token_id}"
    specials = set(getattr(tokenizer, "all_special_tokens", None) or getattr(tokenizer, "special_tokens", {}) or ())
    return piece if piece in specials else (readable_piece(piece) or piece)


def _decode(tokenizer: Any, ids: list[int]) -> str:
    from core.tokenization.token_labels import make_visible

    try:
        return make_visible(tokenizer.decode(ids))
    except Exception:  # noqa: BLE001 - an id the tokenizer cannot decode (an added [MASK]): show ids
        return " ".join(f"#{i}" for i in ids)


def prepare(request: BatchRequest, prepared: Prepared | None, check: Callable[[], None],
            report: Callable[[str, float], None]) -> Prepared:
    """The tokenizer and token file of `request`: `prepared` again when it was made for the same data."""
    from gui.training.preparation import build_tokenizer, token_data

    key = request.data_key()
    if prepared is not None and prepared.key == key and prepared.corpus is request.corpus:
        return prepared
    tokenizer = build_tokenizer(request.tokenizer_kind, request.corpus, request.vocab_size, request.model_tokenizer,
                                check, report)
    data = token_data(request.corpus, tokenizer, request.config, check, report)
    return Prepared(key, request.corpus, tokenizer, data)


def seen_batch(request: BatchRequest, prepared: Prepared) -> SeenBatch:
    """Draw batch number `request.draw` of a run with `request.config` (raises CorpusTooShortError)."""
    import torch

    cfg, data, tokenizer = request.config, prepared.data, prepared.tokenizer
    data.check_block_size(cfg.block_size)
    generator = torch.Generator().manual_seed(cfg.seed)  # the run's batch generator, in the same order
    n_train = data.split_index
    for _ in range(min(request.draw, MAX_DRAWS)):  # skip the earlier batches: the offsets get_batch would draw
        torch.randint(n_train - cfg.block_size, (cfg.batch_size,), generator=generator)
    x, y = data.get_batch("train", cfg.batch_size, cfg.block_size, "cpu", generator)  # (B, T) each
    result = SeenBatch(cfg.model_type, [], [], cfg.batch_size, cfg.block_size, request.draw, cfg.seed, {},
                       separator_id=data.separator_id, n_train_tokens=data.split_index, n_records=data.n_records,
                       tokens_per_iter=cfg.tokens_per_iter)
    rows, columns = slice(0, MAX_ROWS), slice(0, MAX_COLUMNS)
    result.x, result.y = x[rows, columns].tolist(), y[rows, columns].tolist()
    names = tokenizer
    if cfg.model_type == "mlm":
        from core.training.masking import mask_kinds, masked_lm_batch, masking_tokenizer

        names = masking_tokenizer(tokenizer)
        inputs, labels = masked_lm_batch(x, names, cfg.mlm_probability, seed=cfg.seed + request.draw)
        result.mask_token_id, result.mlm_probability = names.mask_token_id, cfg.mlm_probability
        result.inputs, result.labels = inputs[rows, columns].tolist(), labels[rows, columns].tolist()
        result.kinds = mask_kinds(x[rows, columns], inputs[rows, columns], labels[rows, columns], names.mask_token_id)
    else:
        full = x[rows].tolist()
        result.contexts = [[_decode(tokenizer, row[max(0, c + 1 - CONTEXT_TOKENS): c + 1])
                            for c in range(len(shown))] for row, shown in zip(full, result.x)]
    from core.training.data import tokenizer_vocab_size

    own = tokenizer_vocab_size(tokenizer)  # ids past it are the [MASK] / [PAD] the masked objective added
    ids = {i for table in (result.x, result.y, result.inputs) for row in table for i in row}
    result.labels_of = {i: piece_label(tokenizer if i < own else names, i) for i in ids}
    return result
