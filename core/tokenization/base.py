"""What every tokenizer shares: the `Token` it returns, the `BaseTokenizer` interface, the input
checks and the helpers that group tokens for display.

Every tokenizer has the same small interface (`BaseTokenizer`):

- `encode(text) -> list[Token]`: ids with the character span each token came from;
- `encode_ids(text) -> list[int]`: the fast path, ids only;
- `decode(ids) -> str` and `vocab_size`.

Offsets are character (code point) offsets into the input, so `text[token.start:token.end]`
is what the token covers. A byte-level token may cover only part of a character (an emoji is
four bytes); such tokens share the character's span, and `group_for_display` gathers them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

UNK_TOKEN = "[UNK]"
DISPLAY_LIMIT_CHARS = 1_000_000


class TokenizationError(MessageError, ValueError):
    """Bad input for a tokenizer (empty corpus, invalid text, unreadable file...).

    `str(error)` is the English message; `error.message` is the translatable `Message` the GUI
    shows in the user's language.
    """


@dataclass(frozen=True)
class Token:
    """One token of an encoded text.

    `text` is the token's vocabulary entry as stored (e.g. "Ġthe" for byte-level BPE, "[UNK]"
    for an unknown character); how to show "Ġ" is the view's decision. `start`/`end` are
    character offsets into the input.
    """

    id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TokenGroup:
    """Consecutive tokens that share characters of the input, shown as one box.

    Usually one token. Several when byte-level tokens split one character (an emoji, a CJK
    character); `text` is the input slice `[start:end]` they cover together.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]

    @property
    def splits_a_character(self) -> bool:
        """True when more than one token was needed for these characters."""
        return len(self.tokens) > 1


def check_text(text: object) -> str:
    """Return `text` if it is a str that can be encoded as UTF-8, else raise TokenizationError."""
    if not isinstance(text, str):
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Expected text (str), got {kind}."),
                                        {"kind": type(text).__name__}))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The text holds an invalid character (an unpaired surrogate) at position {position}."),
            {"position": error.start})) from None
    return text


def outside_vocabulary(token_id: int, vocab_size: int) -> TokenizationError:
    """The error for an id that a tokenizer of `vocab_size` ids does not have."""
    return TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Id {id} is outside the vocabulary "
                                                                       "(size {size})."),
                                     {"id": token_id, "size": vocab_size}))


def group_for_display(tokens: Sequence[Token], text: str) -> list[TokenGroup]:
    """Merge consecutive tokens whose character spans overlap into `TokenGroup`s.

    `tokens` must be in input order (as `encode` returns them). Zero-width tokens (specials
    added by a post-processor) form their own group.
    """
    groups: list[TokenGroup] = []
    members: list[Token] = []
    start = end = 0

    def close() -> None:
        if members:
            groups.append(TokenGroup(start, end, text[start:end], tuple(members)))

    for token in tokens:
        overlaps = members and token.end > token.start and token.start < end and end > start
        if overlaps:
            members.append(token)
            end = max(end, token.end)
            continue
        close()
        members = [token]
        start, end = token.start, token.end
    close()
    return groups


def truncate_for_display(text: str, limit: int = DISPLAY_LIMIT_CHARS) -> tuple[str, bool]:
    """Cut `text` to at most `limit` characters; the flag says whether anything was cut."""
    if limit < 0:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The display limit must not be "
                                                                          "negative.")))
    if len(text) <= limit:
        return text, False
    return text[:limit], True


def split_held_out(text: str, fraction: float = 0.1) -> tuple[str, str]:
    """Split a corpus into (training part, held-out part): the held-out part is the last `fraction`."""
    if not 0.0 < fraction < 1.0:
        raise TokenizationError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "The held-out fraction must be between 0 and 1, got {fraction}."), {"fraction": fraction}))
    cut = len(text) - int(round(len(text) * fraction))
    return text[:cut], text[cut:]


class BaseTokenizer(ABC):
    """The interface every tokenizer of the Tokenization tab implements."""

    name: str = "tokenizer"

    @property
    @abstractmethod
    def vocab_size(self) -> int:
        """Number of ids, special tokens included."""

    @property
    def unk_id(self) -> int | None:
        """The id that marks unknown input, or None when the tokenizer has none."""
        return None

    @abstractmethod
    def encode(self, text: str) -> list[Token]:
        """Tokens of `text` with their character spans (no special tokens added)."""

    def encode_ids(self, text: str) -> list[int]:
        """Ids of `text`; subclasses override this with a faster path."""
        return [token.id for token in self.encode(text)]

    @abstractmethod
    def decode(self, ids: Sequence[int]) -> str:
        """Text for `ids`."""
