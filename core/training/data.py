"""A corpus tokenized once into a flat token file, read back through `numpy.memmap`.

The token file is a headerless array of uint16 ids (vocabularies up to 65,536) or uint32,
so a corpus larger than memory still trains: a batch touches only the few pages it reads.
Files are cached under `$LM_ANATOMY_CACHE/tokens` (default `~/.cache/lm-anatomy/tokens`),
keyed by a hash of the corpus text and of the tokenizer, so the same corpus with the same
tokenizer is tokenized only once. The first 90% of the tokens are the training split, the
last 10% the validation split.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

VAL_FRACTION = 0.1
FORMAT_VERSION = 1  # bump when the file layout changes, so old caches are not misread
CARRY_SEARCH_CHARS = 1000  # how far back from a chunk's end to look for a word boundary

ProgressCallback = Callable[[int, "int | None"], None]  # (characters done, total characters or None)


class CorpusTooShortError(MessageError, ValueError):
    """A split has too few tokens for even one training example of block_size + 1 tokens.

    `str(error)` is English; `error.message` is a translatable `core.messages.Message`."""


def cache_dir() -> Path:
    """Where token files live: $LM_ANATOMY_CACHE/tokens, default ~/.cache/lm-anatomy/tokens."""
    root = os.environ.get("LM_ANATOMY_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "lm-anatomy")
    return Path(root) / "tokens"


def token_dtype(vocab_size: int) -> np.dtype:
    """uint16 when every id fits in 16 bits (vocab_size <= 65,536), else uint32."""
    return np.dtype(np.uint16) if vocab_size <= 2**16 else np.dtype(np.uint32)


def tokenizer_vocab_size(tokenizer: Any) -> int:
    """Number of ids the tokenizer can produce (added special tokens included for HF tokenizers)."""
    size = int(getattr(tokenizer, "vocab_size", 0) or 0)
    if hasattr(tokenizer, "__len__"):
        size = max(size, len(tokenizer))
    return size


def encoder_for(tokenizer: Any) -> Callable[[str], list[int]]:
    """text -> ids for our tokenizers (`encode_ids`) and Hugging Face ones (`encode`)."""
    if hasattr(tokenizer, "encode_ids"):
        return tokenizer.encode_ids
    return lambda text: tokenizer.encode(text, add_special_tokens=False)


def tokenizer_fingerprint(tokenizer: Any) -> str:
    """A short hash identifying the tokenizer: same vocabulary and rules give the same string."""
    fingerprint = getattr(tokenizer, "fingerprint", None)
    if isinstance(fingerprint, str):
        return fingerprint
    digest = hashlib.sha256(type(tokenizer).__name__.encode())
    with tempfile.TemporaryDirectory() as folder:
        tokenizer.save_pretrained(folder)
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _chunk_source(chunks: Any) -> tuple[Callable[[], Iterable[str]] | None, Iterable[str] | None]:
    """(re-openable source, or None; one-pass iterable, or None) for the accepted chunk inputs."""
    if hasattr(chunks, "iter_chunks"):  # core.corpus.Corpus
        return chunks.iter_chunks, None
    if callable(chunks):
        return chunks, None
    if isinstance(chunks, str):
        return (lambda: [chunks]), None
    if isinstance(chunks, Iterator):
        return None, chunks
    return (lambda: chunks), None


def _word_aligned(chunks: Iterable[str]) -> Iterator[str]:
    """Re-cut chunks at whitespace, so a word split across two chunks is tokenized whole."""
    carry = ""
    for chunk in chunks:
        text = carry + chunk
        start = max(0, len(text) - CARRY_SEARCH_CHARS)
        cut = max(text.rfind(" ", start), text.rfind("\n", start))
        if cut <= 0:
            cut = len(text) if len(text) > CARRY_SEARCH_CHARS else 0
        if cut:
            yield text[:cut]
        carry = text[cut:]
    if carry:
        yield carry


@dataclass
class TokenData:
    """A tokenized corpus on disk. `n_tokens` ids of `dtype` in `path`; val starts at `split_index`."""

    path: Path
    n_tokens: int
    vocab_size: int
    dtype: str
    split_index: int
    corpus_hash: str = ""
    tokenizer_id: str = ""
    from_cache: bool = False
    separator_id: int | None = None  # Q/A records: the end-of-text id closing each record (core.training.records)
    n_records: int = 0  # Q/A records: how many, and how many of them (whole) are the val split
    n_val_records: int = 0

    def tokens(self) -> np.memmap:
        """All ids as a read-only memmap (made fresh on each call, as nanoGPT does, so pages are released)."""
        return np.memmap(self.path, dtype=np.dtype(self.dtype), mode="r", shape=(self.n_tokens,))

    def split(self, name: str) -> np.ndarray:
        """The "train" (first 90%) or "val" (last 10%) ids, a memmap view."""
        data = self.tokens()
        if name == "train":
            return data[: self.split_index]
        if name == "val":
            return data[self.split_index :]
        raise ValueError(f"split must be 'train' or 'val' (got {name!r}).")

    def check_block_size(self, block_size: int) -> None:
        """Raise CorpusTooShortError unless both splits hold more than block_size tokens."""
        n_val = self.n_tokens - self.split_index
        for name, n in (("train", self.split_index), ("val", n_val)):
            if n <= block_size:
                if name == "train":
                    template = QT_TRANSLATE_NOOP("CoreMessages", "The corpus is too short: its train split has {n} "
                                                                 "tokens, but one training example needs block_size "
                                                                 "+ 1 = {need} tokens. Use a longer corpus or a "
                                                                 "smaller block size (at most {most}).")
                else:
                    template = QT_TRANSLATE_NOOP("CoreMessages", "The corpus is too short: its val split has {n} "
                                                                 "tokens, but one training example needs block_size "
                                                                 "+ 1 = {need} tokens. Use a longer corpus or a "
                                                                 "smaller block size (at most {most}).")
                raise CorpusTooShortError(Message(template, {
                    "n": n, "need": block_size + 1, "most": max(0, min(self.split_index, n_val) - 1)}))

    def get_batch(
        self,
        split: str,
        batch_size: int,
        block_size: int,
        device: str | torch.device = "cpu",
        generator: torch.Generator | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Random training examples: x (B, T) int64 ids and y (B, T), y shifted one token right.

        Offsets are drawn with `generator` (CPU). On CUDA the batch is pinned and copied with
        non_blocking=True so the copy overlaps the previous step's compute.
        """
        data = self.split(split)
        if len(data) <= block_size:
            self.check_block_size(block_size)
        ix = torch.randint(len(data) - block_size, (batch_size,), generator=generator)  # (B,)
        # One gather of B windows of T + 1 tokens; x is each window but its last token, y but its first.
        rows = torch.from_numpy(data[ix.numpy()[:, None] + _offsets(block_size + 1)].astype(np.int64))  # (B, T+1)
        x, y = rows[:, :-1].contiguous(), rows[:, 1:].contiguous()
        device = torch.device(device)
        if device.type == "cuda" and torch.cuda.is_available():
            return x.pin_memory().to(device, non_blocking=True), y.pin_memory().to(device, non_blocking=True)
        return x.to(device), y.to(device)


@functools.lru_cache(maxsize=8)
def _offsets(length: int) -> np.ndarray:
    """(1, length) int64: 0, 1, ..., length - 1 (added to each row's start to gather its window)."""
    return np.arange(length, dtype=np.int64)[None, :]


def _hash_chunks(chunks: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _load_cached(meta_path: Path) -> TokenData | None:
    """The cached TokenData described by meta_path, or None if missing or inconsistent."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        path = meta_path.with_suffix(".bin")
        data = TokenData(path=path, **{k: meta[k] for k in ("n_tokens", "vocab_size", "dtype", "split_index",
                                                            "corpus_hash", "tokenizer_id")})
        if meta.get("format") != FORMAT_VERSION:
            return None
        data.separator_id = meta.get("separator_id")
        data.n_records, data.n_val_records = int(meta.get("n_records", 0)), int(meta.get("n_val_records", 0))
        if path.stat().st_size != data.n_tokens * np.dtype(data.dtype).itemsize:
            return None
        data.from_cache = True
        return data
    except (OSError, ValueError, KeyError, TypeError):
        return None


def tokenize_corpus(
    chunks: Any,
    tokenizer: Any,
    progress: ProgressCallback | None = None,
    total_chars: int | None = None,
    cache_root: str | os.PathLike | None = None,
    val_fraction: float = VAL_FRACTION,
) -> TokenData:
    """Tokenize a corpus into a cached token file and return it as TokenData.

    chunks: a `core.corpus.Corpus`, a string, a list of strings, a zero-argument callable returning
    an iterable of strings, or a one-pass iterator of strings. Re-openable inputs are hashed first
    and a cached file is reused without tokenizing; a one-pass iterator is hashed while tokenizing.
    progress(chars_done, total_chars) is called after every chunk; raise from it to cancel (the
    partial file is removed). total_chars defaults to the corpus's `n_chars` when it has one.
    """
    folder = Path(cache_root) if cache_root is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if total_chars is None:
        total_chars = getattr(chunks, "n_chars", None)
    vocab_size = tokenizer_vocab_size(tokenizer)
    dtype = token_dtype(vocab_size)
    tok_id = tokenizer_fingerprint(tokenizer)
    reopen, one_pass = _chunk_source(chunks)

    corpus_hash = None
    if reopen is not None:
        corpus_hash = _hash_chunks(reopen())
        cached = _load_cached(folder / f"{corpus_hash}-{tok_id}.json")
        if cached is not None:
            if progress is not None:
                progress(total_chars or 0, total_chars)
            return cached
        one_pass = reopen()

    encode = encoder_for(tokenizer)
    digest = hashlib.sha256()
    n_tokens, chars_done = 0, 0
    fd, tmp_name = tempfile.mkstemp(prefix=".tokens-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in _word_aligned(_counting(one_pass, digest)):
                ids = np.asarray(encode(piece), dtype=np.int64)
                if ids.size and (ids.min() < 0 or ids.max() >= vocab_size):
                    raise ValueError(
                        f"The tokenizer produced id {int(ids.max())} outside its vocabulary ({vocab_size})."
                    )
                out.write(ids.astype(dtype).tobytes())
                n_tokens += ids.size
                chars_done += len(piece)
                if progress is not None:
                    progress(chars_done, total_chars)
        corpus_hash = corpus_hash or digest.hexdigest()[:32]
        key = f"{corpus_hash}-{tok_id}"
        final = folder / f"{key}.bin"
        os.replace(tmp_name, final)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    split_index = n_tokens - int(round(n_tokens * val_fraction))
    meta = {"format": FORMAT_VERSION, "n_tokens": n_tokens, "vocab_size": vocab_size, "dtype": dtype.name,
            "split_index": split_index, "corpus_hash": corpus_hash, "tokenizer_id": tok_id}
    meta_tmp = folder / f".{key}.json.tmp"
    meta_tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(meta_tmp, folder / f"{key}.json")
    return TokenData(path=final, n_tokens=n_tokens, vocab_size=vocab_size, dtype=dtype.name,
                     split_index=split_index, corpus_hash=corpus_hash, tokenizer_id=tok_id)


def _counting(chunks: Iterable[str], digest: Any) -> Iterator[str]:
    """Pass chunks through, feeding each into `digest` (the corpus hash of one-pass inputs)."""
    for chunk in chunks:
        digest.update(chunk.encode("utf-8", "surrogatepass"))
        yield chunk
