"""The data a run trains on, made the same way for a run (`gui.training.worker`) and for the batch view
(`gui.training.batch_data`): the tokenizer, then the token file.

Both run in a worker thread: `check()` raises to cancel (a TaskContext's), `report(stage, fraction)`
says how far along they are (fraction -1 when unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.messages import Message

Report = Callable[[str, float], None]


def build_tokenizer(kind: str, corpus: Any, vocab_size: int, model_tokenizer: Any, check: Callable[[], None],
                    report: Report) -> Any:
    """The tokenizer of a run: "char" (the corpus's characters, plus the ␃ record separator for a
    question/answer corpus), "bpe" (byte-level BPE of `vocab_size` trained on the corpus) or "model"
    (`model_tokenizer`, fine-tuning)."""
    if kind == "model":
        return model_tokenizer
    if kind == "char":
        from core.tokenization.base import TokenizationError
        from core.tokenization.tokenizers import CharTokenizer
        from core.training.records import records_vocabulary

        chars: set[str] = set()
        done = 0
        for chunk in corpus.iter_chunks():
            check()
            chars.update(chunk)
            done += len(chunk)
            report("tokenizer", done / max(1, corpus.n_chars))
        if not chars:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP(
                "TrainingTab", "The corpus is empty: there are no characters to build a vocabulary from."),
                context="TrainingTab"))
        return CharTokenizer(records_vocabulary(chars, corpus))
    from core.tokenization.bpe import BpeTokenizer

    def progress(_stage: str, fraction: float | None) -> None:
        check()
        report("tokenizer", -1.0 if fraction is None else fraction)

    return BpeTokenizer.train(corpus.iter_chunks(), vocab_size, progress=progress).tokenizer


def token_data(corpus: Any, tokenizer: Any, config: Any, check: Callable[[], None], report: Report,
               cache_root: str | None = None) -> Any:
    """The cached token file (`core.training.records.corpus_tokens`): whole records for a question/answer
    corpus, split by `config.val_fraction` and `config.split_seed`; the contiguous 90/10 split for text."""
    from core.training.records import corpus_tokens

    def progress(done: int, total: int | None) -> None:
        check()
        report("tokens", done / total if total else -1.0)

    report("tokens", 0.0)
    return corpus_tokens(corpus, tokenizer, config.val_fraction, config.split_seed, progress=progress,
                         cache_root=cache_root)
