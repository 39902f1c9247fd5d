"""Tokenizers for the Tokenization tab: characters, words, and any Hugging Face `tokenizer.json`
or pretrained tokenizer, all behind `core.tokenization.base.BaseTokenizer`.

The byte-level BPE tokenizer and its training live in `core.tokenization.bpe`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.tokenization.base import (
    UNK_TOKEN,
    BaseTokenizer,
    Token,
    TokenizationError,
    check_text,
    outside_vocabulary,
)


class CharTokenizer(BaseTokenizer):
    """One token per character. Ids 0..n-1 are the characters in order, id n is `[UNK]`."""

    name = "Characters"

    def __init__(self, chars: Sequence[str]) -> None:
        if not chars:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "A character vocabulary needs at "
                                                                              "least one character.")))
        if any(len(c) != 1 for c in chars) or len(set(chars)) != len(chars):
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "A character vocabulary must hold "
                                                                              "distinct single characters.")))
        self._chars: tuple[str, ...] = tuple(chars)
        self._ids: dict[str, int] = {c: i for i, c in enumerate(self._chars)}

    @classmethod
    def from_corpus(cls, text: str) -> CharTokenizer:
        """Vocabulary = the sorted unique characters of `text`."""
        check_text(text)
        if not text:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The corpus is empty: there are no "
                                                                              "characters to build a vocabulary "
                                                                              "from.")))
        return cls(sorted(set(text)))

    @property
    def chars(self) -> tuple[str, ...]:
        """The known characters, in id order."""
        return self._chars

    @property
    def vocab_size(self) -> int:
        return len(self._chars) + 1

    @property
    def unk_id(self) -> int:
        return len(self._chars)

    def encode(self, text: str) -> list[Token]:
        check_text(text)
        unk = self.unk_id
        tokens = []
        for i, char in enumerate(text):
            token_id = self._ids.get(char, unk)
            tokens.append(Token(token_id, char if token_id != unk else UNK_TOKEN, i, i + 1))
        return tokens

    def encode_ids(self, text: str) -> list[int]:
        check_text(text)
        get, unk = self._ids.get, self.unk_id
        return [get(char, unk) for char in text]

    def decode(self, ids: Sequence[int]) -> str:
        pieces = []
        for token_id in ids:
            if not 0 <= token_id <= len(self._chars):
                raise outside_vocabulary(token_id, self.vocab_size)
            pieces.append(self._chars[token_id] if token_id < len(self._chars) else UNK_TOKEN)
        return "".join(pieces)

    def to_hf_tokenizer(self) -> Any:
        """An equivalent `tokenizers.Tokenizer`: a WordLevel model over single characters."""
        from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

        vocab = dict(self._ids)
        vocab[UNK_TOKEN] = self.unk_id
        tokenizer = Tokenizer(models.WordLevel(vocab, unk_token=UNK_TOKEN))
        # Every code point becomes its own pre-token; the decoder glues tokens back together.
        tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
        tokenizer.decoder = decoders.Fuse()
        return tokenizer

    def to_transformers(self) -> Any:
        """A `transformers.PreTrainedTokenizerFast` giving the same ids and decodings.

        `[UNK]` is deliberately not registered as a special token: transformers would then
        match the literal text "[UNK]" as one token, which this tokenizer does not.
        """
        from transformers import PreTrainedTokenizerFast

        return PreTrainedTokenizerFast(tokenizer_object=self.to_hf_tokenizer(), clean_up_tokenization_spaces=False)

    def save_pretrained(self, folder: str | Path) -> list[Path]:
        """Write tokenizer.json and tokenizer_config.json that `AutoTokenizer` can load."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(p) for p in self.to_transformers().save_pretrained(str(folder))]

    def export_tokenizer_json(self, path: str | Path) -> Path:
        """Write the equivalent tokenizer.json to `path`."""
        self.to_hf_tokenizer().save(str(path))
        return Path(path)

    @classmethod
    def from_pretrained(cls, folder: str | Path) -> CharTokenizer:
        """Reload a tokenizer written by `save_pretrained` (or `export_tokenizer_json`)."""
        path = Path(folder)
        path = path / "tokenizer.json" if path.is_dir() else path
        model = _read_tokenizer_json(path).get("model", {})
        vocab = model.get("vocab")
        if model.get("type") != "WordLevel" or not isinstance(vocab, dict) or vocab.get(UNK_TOKEN) != len(vocab) - 1:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "{name} is not a character tokenizer written by LM Anatomy."), {"name": path.name}))
        chars = [piece for piece, _ in sorted(vocab.items(), key=lambda item: item[1]) if piece != UNK_TOKEN]
        return cls(chars)


WORD_PATTERN = re.compile(r"\w+|[^\w\s]")
_NO_SPACE_BEFORE = set(".,;:!?)]}%")
_NO_SPACE_AFTER = set("([{")


class WordTokenizer(BaseTokenizer):
    """Words and single punctuation marks. Id 0 is `[UNK]` for out-of-vocabulary words.

    Whitespace is not kept, so `decode` only approximates the original spacing: word
    tokenizers cannot round-trip text exactly.
    """

    name = "Words"

    def __init__(self, words: Sequence[str]) -> None:
        if UNK_TOKEN in words or len(set(words)) != len(words):
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "A word vocabulary must hold "
                                                                              "distinct words other than [UNK].")))
        self._words: tuple[str, ...] = (UNK_TOKEN, *words)
        self._ids: dict[str, int] = {w: i for i, w in enumerate(self._words)}

    @classmethod
    def from_corpus(cls, text: str, min_frequency: int = 1, max_size: int | None = None) -> WordTokenizer:
        """Vocabulary = words seen at least `min_frequency` times, most frequent first."""
        check_text(text)
        if min_frequency < 1:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "min_frequency must be at least "
                                                                              "1.")))
        counts = Counter(WORD_PATTERN.findall(text))
        if not counts:
            raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The corpus is empty: it holds no "
                                                                              "words to build a vocabulary from.")))
        kept = [w for w, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if n >= min_frequency]
        kept = [w for w in kept if w != UNK_TOKEN]
        return cls(kept[:max_size] if max_size is not None else kept)

    @property
    def words(self) -> tuple[str, ...]:
        """The vocabulary in id order, `[UNK]` first."""
        return self._words

    @property
    def vocab_size(self) -> int:
        return len(self._words)

    @property
    def unk_id(self) -> int:
        return 0

    def encode(self, text: str) -> list[Token]:
        check_text(text)
        tokens = []
        for match in WORD_PATTERN.finditer(text):
            token_id = self._ids.get(match.group(), 0)
            tokens.append(Token(token_id, self._words[token_id], match.start(), match.end()))
        return tokens

    def encode_ids(self, text: str) -> list[int]:
        check_text(text)
        get = self._ids.get
        return [get(word, 0) for word in WORD_PATTERN.findall(text)]

    def decode(self, ids: Sequence[int]) -> str:
        parts: list[str] = []
        for token_id in ids:
            if not 0 <= token_id < len(self._words):
                raise outside_vocabulary(token_id, self.vocab_size)
            word = self._words[token_id]
            if parts and word not in _NO_SPACE_BEFORE and parts[-1] not in _NO_SPACE_AFTER:
                parts.append(" ")
            parts.append(word)
        return "".join(parts)


def _read_tokenizer_json(path: Path) -> dict:
    """Parse a tokenizer.json file, turning every failure into a TokenizationError."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{path} does not exist."),
                                        {"path": str(path)})) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} is not a readable tokenizer.json file: {reason}"),
            {"name": Path(path).name, "reason": str(error)})) from None
    if not isinstance(data, dict) or "model" not in data:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} is not a tokenizer.json file (no 'model' entry)."), {"name": Path(path).name}))
    return data


def load_tokenizer_json(path: str | Path) -> Any:
    """A `tokenizers.Tokenizer` from a tokenizer.json file (or a folder holding one).

    Raises TokenizationError with a clear message for missing, malformed or unloadable files.
    """
    from tokenizers import Tokenizer

    path = Path(path)
    path = path / "tokenizer.json" if path.is_dir() else path
    _read_tokenizer_json(path)  # clear messages for missing or malformed files
    try:
        return Tokenizer.from_file(str(path))
    except Exception as error:  # the Rust side raises plain Exception
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be loaded: {reason}"),
                                        {"name": path.name, "reason": str(error)})) from None


class HfTokenizersBacked(BaseTokenizer):
    """A tokenizer that runs on a `tokenizers.Tokenizer` (Rust) object."""

    def __init__(self, tokenizer: Any, name: str) -> None:
        self._tok = tokenizer
        self.name = name
        unk = json.loads(tokenizer.to_str()).get("model", {}).get("unk_token")
        self._unk_id: int | None = tokenizer.token_to_id(unk) if unk else None

    @property
    def hf_tokenizer(self) -> Any:
        """The underlying `tokenizers.Tokenizer`."""
        return self._tok

    @property
    def vocab_size(self) -> int:
        return self._tok.get_vocab_size(with_added_tokens=True)

    @property
    def unk_id(self) -> int | None:
        return self._unk_id

    def encode(self, text: str) -> list[Token]:
        encoding = self._tok.encode(check_text(text), add_special_tokens=False)
        return [
            Token(token_id, piece, start, end)
            for token_id, piece, (start, end) in zip(encoding.ids, encoding.tokens, encoding.offsets)
        ]

    def encode_ids(self, text: str) -> list[int]:
        return self._tok.encode(check_text(text), add_special_tokens=False).ids

    def decode(self, ids: Sequence[int]) -> str:
        return self._tok.decode(list(ids), skip_special_tokens=False)

    def export_tokenizer_json(self, path: str | Path) -> Path:
        """Write the tokenizer as a tokenizer.json file."""
        self._tok.save(str(path))
        return Path(path)


class TokenizerJsonFile(HfTokenizersBacked):
    """Any tokenizer.json file, loaded with the `tokenizers` library."""

    @classmethod
    def load(cls, path: str | Path) -> TokenizerJsonFile:
        """Load `path` (a tokenizer.json file, or a folder holding one)."""
        path = Path(path)
        path = path / "tokenizer.json" if path.is_dir() else path
        return cls(load_tokenizer_json(path), name=path.name)


class PretrainedTokenizerView(BaseTokenizer):
    """The current model's tokenizer (a transformers tokenizer) behind the common interface.

    Fast tokenizers report offsets themselves. For slow ones the offsets are rebuilt by
    decoding growing prefixes of the ids, which is approximate but enough for display.
    """

    def __init__(self, hf_tokenizer: Any, name: str | None = None) -> None:
        self._hf = hf_tokenizer
        self.name = name or getattr(hf_tokenizer, "name_or_path", "") or type(hf_tokenizer).__name__

    @property
    def vocab_size(self) -> int:
        return len(self._hf)

    @property
    def unk_id(self) -> int | None:
        return getattr(self._hf, "unk_token_id", None)

    def encode(self, text: str) -> list[Token]:
        check_text(text)
        if getattr(self._hf, "is_fast", False):
            out = self._hf(text, add_special_tokens=False, return_offsets_mapping=True)
            ids, spans = list(out["input_ids"]), [tuple(span) for span in out["offset_mapping"]]
        else:
            ids = self.encode_ids(text)
            spans = self._offsets_by_decoding(text, ids)
        pieces = self._hf.convert_ids_to_tokens(ids)
        return [Token(i, str(p), s, e) for i, p, (s, e) in zip(ids, pieces, spans)]

    def encode_ids(self, text: str) -> list[int]:
        return list(self._hf.encode(check_text(text), add_special_tokens=False))

    def decode(self, ids: Sequence[int]) -> str:
        return self._hf.decode(list(ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)

    def _offsets_by_decoding(self, text: str, ids: Sequence[int]) -> list[tuple[int, int]]:
        """Spans from the lengths of decoded prefixes, kept inside `text` and in order."""
        spans, previous = [], 0
        for n in range(1, len(ids) + 1):
            length = min(len(self.decode(ids[:n])), len(text))
            start = min(previous, length)
            spans.append((start, max(start, length)))
            previous = max(previous, length)
        return spans
