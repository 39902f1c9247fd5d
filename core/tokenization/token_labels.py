"""How every view writes a token: one byte-level alphabet and one set of whitespace markers.

GPT-2-style byte-level BPE stores each of the 256 bytes as one printable character: printable
bytes stand for themselves and the other 68 are written as U+0100 onwards ("Ġ" is the space
byte 0x20, "Ċ" the newline). `BYTE_OF_CHAR` undoes that mapping.

Whitespace is drawn with visible markers: " " -> "␣", "\\n" -> "↵", "\\t" -> "⇥", "\\r" -> "␍".

Used by the Tokenization tab's chips and BPE views (`visible_whitespace`, `piece_bytes`), the
Attention tab's axis labels (`token_labels`) and the Next-token tab's bars (`token_label`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

VISIBLE_WHITESPACE = {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}
BYTE_FALLBACK = re.compile(r"<0x([0-9A-Fa-f]{2})>")  # SentencePiece's byte fallback tokens


def _byte_level_alphabet() -> dict[int, str]:
    """GPT-2's byte-level alphabet: byte value (0-255) -> its printable stand-in character."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    alphabet = {byte: chr(byte) for byte in printable}
    shifted = (byte for byte in range(256) if byte not in alphabet)
    alphabet.update({byte: chr(256 + i) for i, byte in enumerate(shifted)})
    return alphabet


CHAR_OF_BYTE = _byte_level_alphabet()
BYTE_OF_CHAR = {char: byte for byte, char in CHAR_OF_BYTE.items()}


def _hex_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: show undecodable bytes (half a UTF-8 character) as <0xE2>."""
    return "".join(f"<0x{b:02X}>" for b in error.object[error.start:error.end]), error.end


codecs.register_error("lm_anatomy_hex", _hex_bytes)


def piece_bytes(piece: str) -> bytes:
    """The bytes a byte-level piece such as "Ġthe" or "ä½" stands for (b" the", b"\\xe4\\xbd").

    Text that is not written in the byte-level alphabet (a special token like "<s>" whose
    characters all are, or anything else) is returned as its own UTF-8 encoding.
    """
    try:
        return bytes(BYTE_OF_CHAR[symbol] for symbol in piece)
    except KeyError:
        return piece.encode("utf-8")


def visible_whitespace(text: str) -> str:
    """Replace spaces, tabs, newlines and carriage returns with visible markers: "a b\\n" -> "a␣b↵"."""
    return "".join(VISIBLE_WHITESPACE.get(char, char) for char in text)


def readable_piece(piece: str) -> str:
    """A byte-level vocabulary entry as text: "Ġthe" -> "␣the"; bytes that are only part of a
    character are written as escapes ("\\xe4")."""
    return visible_whitespace(piece_bytes(piece).decode("utf-8", errors="backslashreplace"))


def make_visible(text: str) -> str:
    """Whitespace and control characters made visible: ' ' -> '␣', '\\n' -> '↵', '\\x00' -> '\\x00';
    the empty string is '∅'."""
    out = []
    for char in text:
        if char in VISIBLE_WHITESPACE:
            out.append(VISIBLE_WHITESPACE[char])
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out) or "∅"


def token_label(tokenizer: Any, token_id: int) -> str:
    """A readable label for one token as it would be appended to a text (the Next-token tab's
    bars): ' the' -> '␣the', '\\n' -> '↵', a lone byte of a multi-byte character -> '\\xc3'."""
    text = tokenizer.decode([token_id], clean_up_tokenization_spaces=False)
    if "\ufffd" in text:  # part of a multi-byte character
        piece = tokenizer.convert_ids_to_tokens(token_id) or ""
        if piece and all(char in BYTE_OF_CHAR for char in piece):
            return "".join(f"\\x{BYTE_OF_CHAR[char]:02x}" for char in piece)
        return piece or text
    return make_visible(text)


def clean_token_label(token: str, byte_level: bool = False) -> str:
    """A token as an axis label (the Attention tab): word markers dropped, line breaks visible.

    "Ġthe" -> "the" (byte-level), "▁the" -> "the" (SentencePiece), "##ing" -> "ing" (WordPiece),
    "Ċ" -> "↵", "ĠĠ" -> "␣␣" (a token that is only whitespace keeps its spaces, made visible),
    "<0x0A>" -> "↵" (byte fallback). Half a UTF-8 character shows as "<0xE2>".
    """
    if byte_level and token and all(char in BYTE_OF_CHAR for char in token):
        text = bytes(BYTE_OF_CHAR[char] for char in token).decode("utf-8", errors="lm_anatomy_hex")
    else:
        text = token[2:] if token.startswith("##") and len(token) > 2 else token
        text = text.replace("▁", " ")
        text = BYTE_FALLBACK.sub(lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x80 else m.group(0), text)
    if text and text.isspace():
        return "".join(VISIBLE_WHITESPACE.get(char, "␣") for char in text)
    text = text.strip(" ")
    for char in ("\n", "\t", "\r"):
        text = text.replace(char, VISIBLE_WHITESPACE[char])
    return text


def is_byte_level(tokenizer: Any) -> bool:
    """True for GPT-2-style byte-level BPE tokenizers (their tokens spell bytes as "Ġ", "Ċ", ...)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return False
    return "ByteLevel" in repr(backend.decoder) or "ByteLevel" in repr(backend.pre_tokenizer)


def token_labels(tokenizer: Any, ids: list[int]) -> list[str]:
    """Axis labels for `ids` (length T): special tokens as written, the rest cleaned."""
    special = set(tokenizer.all_special_ids)
    byte_level = is_byte_level(tokenizer)
    tokens = tokenizer.convert_ids_to_tokens(list(ids))
    return [tok if i in special else clean_token_label(tok, byte_level) for i, tok in zip(ids, tokens)]
