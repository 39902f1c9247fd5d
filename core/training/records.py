"""Question/answer records as training data: each record closed by an end-of-text token, and a
validation split of whole records.

A model trained on records has to learn where an answer stops, so every record ends with the
tokenizer's end-of-text token: `</s>` or `<|endoftext|>` for BPE and model tokenizers, and for
the character tokenizer a visible character, `RECORD_SEPARATOR_CHAR` (␃, "end of text"), that
joins its vocabulary. The validation split is a seeded random choice of whole records (a
fraction of them, 10% by default), so no record is cut in two between the splits. The token
file holds the training records first, then the validation records, so `TokenData.split_index`
separates them as it does for plain text (which keeps its contiguous 90/10 split).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import TokenizationError
from core.training.data import (
    FORMAT_VERSION,
    ProgressCallback,
    TokenData,
    _load_cached,
    cache_dir,
    encoder_for,
    token_dtype,
    tokenizer_fingerprint,
    tokenizer_vocab_size,
)

RECORD_SEPARATOR_CHAR = "\u2403"  # ␃ SYMBOL FOR END OF TEXT: the character tokenizer's end-of-record token
END_TOKENS = ("<|endoftext|>", "</s>", "<eos>", "<|end_of_text|>", "[SEP]")  # looked up in this order
DEFAULT_VAL_FRACTION = 0.1


def record_separator(tokenizer: Any) -> int:
    """The id that closes every record: the ␃ character of a character tokenizer, else the end-of-text
    token (EOS, or SEP for BERT-style tokenizers). TokenizationError when the tokenizer has none."""
    chars = getattr(tokenizer, "chars", None)
    if chars is not None:
        if RECORD_SEPARATOR_CHAR in chars:
            return chars.index(RECORD_SEPARATOR_CHAR)
    else:
        for name in ("eos_token_id", "sep_token_id"):
            value = getattr(tokenizer, name, None)
            if isinstance(value, int):
                return value
        backend = getattr(tokenizer, "hf_tokenizer", None)
        for token in END_TOKENS if backend is not None else ():
            found = backend.token_to_id(token)
            if found is not None:
                return int(found)
    raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The tokenizer has no end-of-text token to "
                                                                      "close each question/answer record with.")))


def record_split(n_records: int, val_fraction: float = DEFAULT_VAL_FRACTION, seed: int = 0) -> set[int]:
    """Indices of the records held out for validation: round(n_records * val_fraction) of them, at least
    one and at most n_records - 1 (none below 2 records), drawn at random with `seed`."""
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    if n_records < 2:
        return set()
    n_val = min(n_records - 1, max(1, round(n_records * val_fraction)))
    return set(random.Random(seed).sample(range(n_records), n_val))


def _hash_records(documents: Iterable[str]) -> tuple[str, int]:
    """(hash of the records, each with its length so "ab"+"c" differs from "a"+"bc"; how many there are)."""
    digest, n = hashlib.sha256(b"records"), 0
    for document in documents:
        data = document.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
        n += 1
    return digest.hexdigest()[:32], n


def tokenize_records(corpus: Any, tokenizer: Any, val_fraction: float = DEFAULT_VAL_FRACTION, seed: int = 0,
                     progress: ProgressCallback | None = None, cache_root: str | os.PathLike | None = None
                     ) -> TokenData:
    """Tokenize the records of `corpus` (a `core.corpus.Corpus` of kind "qa") into a cached token file.

    Each record's ids are followed by `record_separator(tokenizer)`; the records chosen by
    `record_split` go after all the others and form the val split. progress(chars_done, total_chars)
    follows the records; raise from it to cancel (no partial file is left)."""
    folder = Path(cache_root) if cache_root is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    separator = record_separator(tokenizer)
    vocab_size = tokenizer_vocab_size(tokenizer)
    dtype = token_dtype(vocab_size)
    tok_id = tokenizer_fingerprint(tokenizer)
    corpus_hash, n_records = _hash_records(corpus.iter_documents())
    key = f"{corpus_hash}-{tok_id}-records-{val_fraction:g}-{seed}"
    total = getattr(corpus, "n_chars", None)
    cached = _load_cached(folder / f"{key}.json")
    if cached is not None:
        if progress is not None:
            progress(total or 0, total)
        return cached
    held_out = record_split(n_records, val_fraction, seed)
    encode = encoder_for(tokenizer)
    counts = {"train": 0, "val": 0}
    names = {split: tempfile.mkstemp(prefix=f".records-{split}-", suffix=".tmp", dir=folder) for split in counts}
    try:
        with os.fdopen(names["train"][0], "wb") as train, os.fdopen(names["val"][0], "wb") as val:
            done = 0
            for index, document in enumerate(corpus.iter_documents()):
                ids = np.asarray([*encode(document), separator], dtype=np.int64)
                if ids.min() < 0 or ids.max() >= vocab_size:
                    raise ValueError(f"The tokenizer produced id {int(ids.max())} outside its vocabulary "
                                     f"({vocab_size}).")
                split = "val" if index in held_out else "train"
                (val if split == "val" else train).write(ids.astype(dtype).tobytes())
                counts[split] += ids.size
                done += len(document)
                if progress is not None:
                    progress(min(done, total or done), total)
        with open(names["train"][1], "ab") as train, open(names["val"][1], "rb") as val:
            shutil.copyfileobj(val, train)  # the val records go last: split_index separates them
        final = folder / f"{key}.bin"
        os.replace(names["train"][1], final)
    finally:
        for _fd, name in names.values():
            Path(name).unlink(missing_ok=True)
    data = TokenData(path=final, n_tokens=counts["train"] + counts["val"], vocab_size=vocab_size, dtype=dtype.name,
                     split_index=counts["train"], corpus_hash=corpus_hash, tokenizer_id=tok_id,
                     separator_id=separator, n_records=n_records, n_val_records=len(held_out))
    _write_meta(folder, key, data)
    return data


def _write_meta(folder: Path, key: str, data: TokenData) -> None:
    """The token file's description next to it (written last, atomically: it marks the file complete)."""
    import json

    meta = {"format": FORMAT_VERSION, "n_tokens": data.n_tokens, "vocab_size": data.vocab_size, "dtype": data.dtype,
            "split_index": data.split_index, "corpus_hash": data.corpus_hash, "tokenizer_id": data.tokenizer_id,
            "separator_id": data.separator_id, "n_records": data.n_records, "n_val_records": data.n_val_records}
    tmp = folder / f".{key}.json.tmp"
    tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(tmp, folder / f"{key}.json")


def records_vocabulary(chars: Iterable[str], corpus: Any) -> list[str]:
    """The sorted characters of a character tokenizer for `corpus`: with the ␃ separator for records."""
    found = set(chars)
    if getattr(corpus, "kind", "text") == "qa":
        found.add(RECORD_SEPARATOR_CHAR)
    return sorted(found)


def corpus_tokens(corpus: Any, tokenizer: Any, val_fraction: float = DEFAULT_VAL_FRACTION, seed: int = 0,
                  progress: ProgressCallback | None = None, cache_root: str | os.PathLike | None = None) -> TokenData:
    """The token file a run trains on: records with a split of whole records for a question/answer
    corpus (`tokenize_records`), else the text with its contiguous 90/10 split (`tokenize_corpus`)."""
    from core.training.data import tokenize_corpus

    if getattr(corpus, "kind", "text") == "qa":
        return tokenize_records(corpus, tokenizer, val_fraction, seed, progress=progress, cache_root=cache_root)
    return tokenize_corpus(corpus, tokenizer, progress=progress, total_chars=getattr(corpus, "n_chars", None),
                           cache_root=cache_root)
