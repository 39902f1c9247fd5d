"""Numbers about tokenized text: statistics, one-hot sparsity, and the "token premium" of languages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import BaseTokenizer, TokenizationError, check_text, split_held_out
from core.tokenization.tokenizers import WordTokenizer

# The same short text in several languages (pt and en say the same thing), plus code.
SAMPLE_TEXTS: dict[str, str] = {
    "English": (
        "The cat sleeps in the sun while the children play in the garden. "
        "Tomorrow it will rain, so we will stay at home and read a good book. "
        "Language models read text as small pieces called tokens."
    ),
    "Português": (
        "O gato dorme ao sol enquanto as crianças brincam no jardim. "
        "Amanhã vai chover, então vamos ficar em casa e ler um bom livro. "
        "Modelos de linguagem leem o texto em pedacinhos chamados tokens."
    ),
    "Code": (
        "def count_words(text: str) -> dict[str, int]:\n"
        "    counts = {}\n"
        "    for word in text.split():\n"
        "        counts[word] = counts.get(word, 0) + 1\n"
        "    return counts\n"
    ),
    "Emoji & CJK": (
        "猫在阳光下睡觉，孩子们在花园里玩。明天会下雨，所以我们待在家里读一本好书。"
        "猫が日なたで眠っている。🐱☀️🌧️📚 고양이가 햇볕 아래에서 잔다. 👩‍💻🎉"
    ),
}
REFERENCE_SAMPLE = "English"


@dataclass(frozen=True)
class TokenStats:
    """Statistics of one text under one tokenizer."""

    tokens: int
    characters: int
    bytes: int  # UTF-8
    vocab_size: int
    unknown_tokens: int
    round_trip: bool  # decode(encode(text)) == text

    @property
    def chars_per_token(self) -> float:
        """Characters per token (0.0 for an empty text)."""
        return self.characters / self.tokens if self.tokens else 0.0

    @property
    def bytes_per_token(self) -> float:
        """UTF-8 bytes per token (0.0 for an empty text)."""
        return self.bytes / self.tokens if self.tokens else 0.0

    @property
    def oov_percent(self) -> float:
        """Share of tokens that are the unknown token, in percent."""
        return 100.0 * self.unknown_tokens / self.tokens if self.tokens else 0.0


def compute_stats(tokenizer: BaseTokenizer, text: str) -> TokenStats:
    """Encode `text` once and measure it."""
    ids = tokenizer.encode_ids(check_text(text))
    unk = tokenizer.unk_id
    return TokenStats(
        tokens=len(ids),
        characters=len(text),
        bytes=len(text.encode("utf-8")),
        vocab_size=tokenizer.vocab_size,
        unknown_tokens=sum(1 for i in ids if i == unk) if unk is not None else 0,
        round_trip=tokenizer.decode(ids) == text,
    )


def held_out_stats(tokenizer: BaseTokenizer, corpus: str, fraction: float = 0.1) -> TokenStats:
    """Statistics of the corpus's last `fraction` (text a tokenizer trained on the rest never saw)."""
    return compute_stats(tokenizer, split_held_out(corpus, fraction)[1])


@dataclass(frozen=True)
class Sparsity:
    """A one-hot or bag-of-words matrix, kept sparse: `entries` maps (row, column) to a count."""

    kind: str  # "one-hot" or "bag-of-words"
    rows: int
    columns: int
    entries: Mapping[tuple[int, int], int]
    row_labels: tuple[str, ...]

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns), as numpy would say."""
        return self.rows, self.columns

    @property
    def nonzero(self) -> int:
        """Cells that are not zero."""
        return len(self.entries)

    @property
    def zero_percent(self) -> float:
        """Share of cells that are zero, in percent (0.0 for an empty matrix)."""
        cells = self.rows * self.columns
        return 100.0 * (cells - self.nonzero) / cells if cells else 0.0

    def dense(self) -> Any:
        """The full matrix as a numpy array (only for small matrices)."""
        import numpy as np

        matrix = np.zeros(self.shape, dtype=np.int64)
        for (row, column), value in self.entries.items():
            matrix[row, column] = value
        return matrix


def one_hot(text: str, tokenizer: BaseTokenizer) -> Sparsity:
    """Tokens x vocabulary: one 1 per row, at the token's id."""
    tokens = tokenizer.encode(text)
    entries = {(row, token.id): 1 for row, token in enumerate(tokens)}
    labels = tuple(text[t.start:t.end] or t.text for t in tokens)
    return Sparsity("one-hot", len(tokens), tokenizer.vocab_size, entries, labels)


def bag_of_words(sentences: Sequence[str], tokenizer: BaseTokenizer | None = None) -> Sparsity:
    """Sentences x vocabulary: how often each vocabulary entry occurs in each sentence.

    Without a tokenizer, a word tokenizer is built from the sentences themselves.
    """
    if not sentences or not any(s.strip() for s in sentences):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Type at least one sentence.")))
    tokenizer = tokenizer or WordTokenizer.from_corpus("\n".join(sentences))
    entries: dict[tuple[int, int], int] = {}
    for row, sentence in enumerate(sentences):
        for token_id, n in Counter(tokenizer.encode_ids(sentence)).items():
            entries[row, token_id] = n
    return Sparsity("bag-of-words", len(sentences), tokenizer.vocab_size, entries, tuple(sentences))


@dataclass(frozen=True)
class Premium:
    """Tokens a sample needs, relative to the reference sample (English)."""

    name: str
    tokens: int
    premium: float  # tokens / reference tokens


def token_premium(tokenizer: BaseTokenizer, samples: Mapping[str, str] = SAMPLE_TEXTS,
                  reference: str = REFERENCE_SAMPLE) -> list[Premium]:
    """How many more tokens each sample costs than the reference one, under `tokenizer`."""
    if reference not in samples:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The reference sample “{name}” is not among the samples."), {"name": reference}))
    counts = {name: len(tokenizer.encode_ids(text)) for name, text in samples.items()}
    if counts[reference] == 0:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The reference sample “{name}” has no "
                                                                          "tokens."), {"name": reference}))
    return [Premium(name, n, n / counts[reference]) for name, n in counts.items()]
