"""Text that arrives broken: which encoding a file uses, and repairing mojibake.

- `detect_encoding` asks charset-normalizer which encoding some bytes are in, preferring the common
  Western encodings (Windows-1252, Latin-1) over look-alike code pages that decode the same bytes to
  a text just as plausible.
- `TextRepairs` and `repair_text` find mojibake (text decoded with the wrong encoding somewhere on its way,
  "Ã©" for "é") with ftfy, line by line, count what a repair changes, keep a few before/after examples,
  and apply the repair only when asked.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

ENCODING_CHOICES = ("utf-8", "cp1252", "latin-1", "utf-16")  # the short list a user picks from
ENCODING_LABELS = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "iso8859-1": "Latin-1 (ISO-8859-1)",
                   "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "utf-32": "UTF-32",
                   "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE", "iso8859-15": "Latin-9 (ISO-8859-15)",
                   "mac-roman": "Mac Roman"}
# Chosen over a look-alike code page that charset-normalizer ranks first: Western European first (the short list
# a user picks from), then the Windows code pages for Cyrillic and Central European text.
PREFERRED = ("cp1252", "iso8859-1", "cp1251", "cp1250")
MARGIN = 0.1  # how much messier, or less coherent, than the first a candidate may be (charset-normalizer's 0..1 scores)
EXAMPLES = 5  # before/after examples kept
EXAMPLE_CONTEXT = 30  # characters of context on each side of a repair in an example
MAX_LINE_CHARS = 2**20  # a longer line is repaired in pieces of this size (as ftfy's max_decode_length)


def canonical_encoding(encoding: str) -> str:
    """Python's name for an encoding ("latin_1" and "ISO-8859-1" -> "iso8859-1"); raises LookupError."""
    return codecs.lookup(encoding).name


def encoding_label(encoding: str) -> str:
    """The name people know: "Windows-1252" for cp1252, "Latin-1 (ISO-8859-1)" for latin-1."""
    try:
        name = canonical_encoding(encoding)
    except LookupError:
        return encoding
    return ENCODING_LABELS.get(name, name.upper())


def bom_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when `head` starts with its byte order mark."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def detect_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most plausible for `data` (Python's name), or None.

    Single-byte code pages often read a text equally well (Windows-1250 and Windows-1252 agree on "é",
    not on "ã"), and on a short text charset-normalizer's first choice is then close to arbitrary (Mac
    Turkish for a German sentence). A PREFERRED encoding wins when a candidate nearly as plausible as the
    first (within MARGIN of its mess and coherence scores) is that encoding or reads `data` to the same text."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.encoding.startswith(("utf_", "utf-")):
        return canonical_encoding(best.encoding)
    close = [m for m in matches if m.chaos <= best.chaos + MARGIN and m.coherence >= best.coherence - MARGIN]
    for preferred in PREFERRED:
        try:
            text = data.decode(preferred)
        except UnicodeDecodeError:
            continue
        if any(canonical_encoding(m.encoding) == preferred or str(m) == text for m in close):
            return preferred
    return canonical_encoding(best.encoding)


@dataclass
class TextRepairs:
    """What ftfy's mojibake repair changes, or would change, in a text: `characters` of the repaired text
    that differ, on `lines` lines, and up to EXAMPLES (before, after) snippets."""

    characters: int = 0
    lines: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.lines > 0

    def add(self, before: str, after: str) -> None:
        """Count one repaired line."""
        self.lines += 1
        trim = _common_prefix(before, after)
        tail = _common_prefix(before[trim:][::-1], after[trim:][::-1])
        middle_before, middle_after = before[trim: len(before) - tail], after[trim: len(after) - tail]
        matcher = SequenceMatcher(None, middle_before, middle_after, autojunk=False)
        self.characters += sum(max(j2 - j1, 1 if i2 > i1 else 0)
                               for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
        if len(self.examples) < EXAMPLES:
            start = max(0, trim - EXAMPLE_CONTEXT)
            example = (_snippet(before, start, len(before) - tail), _snippet(after, start, len(after) - tail))
            if example not in self.examples:
                self.examples.append(example)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _snippet(text: str, start: int, end: int) -> str:
    """text[start:end] plus some context, on one line, with "…" where it was cut."""
    stop = min(len(text), end + EXAMPLE_CONTEXT, start + 4 * EXAMPLE_CONTEXT)
    piece = text[start:stop].replace("\r", " ").replace("\n", " ").strip()
    return ("…" if start > 0 else "") + piece + ("…" if stop < len(text.rstrip("\r\n")) else "")


# Where mojibake shows, cheaply: a UTF-8 lead byte read as Latin-1/Windows-1252 followed by a continuation byte
# ("Ã©"), a C1 control character, and the first characters of UTF-8 read as Windows-1251 ("вЂ") or Mac Roman
# ("√", "‚Ä"). ftfy judges only the lines that hold one: its own check reads accented text at about 5 MB/s,
# this one at about 50.
_CONTINUATION = ("\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                 "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_HINT = re.compile(f"[\xc2-\xf4][{_CONTINUATION}]|[\x80-\x9f]|\u0432\u0402|\u221a|\u201a\xc4")


def repair_text(text: str, repairs: TextRepairs | None = None, apply: bool = True) -> str:
    """`text` with its mojibake repaired by ftfy (line by line, as ftfy does), or unchanged when `apply` is
    False; `repairs` counts what changes (or would) either way. Only lines that show a sign of mojibake
    (`_HINT`) are given to ftfy; a line longer than MAX_LINE_CHARS is judged in pieces of that size."""
    from ftfy import fix_encoding

    out, done = [], 0
    found = _HINT.search(text)
    while found is not None:
        line_start = text.rfind("\n", 0, found.start()) + 1
        start = line_start + (found.start() - line_start) // MAX_LINE_CHARS * MAX_LINE_CHARS
        end = min(text.find("\n", found.start()) + 1 or len(text), start + MAX_LINE_CHARS)
        line = text[start:end]
        fixed = fix_encoding(line)
        if fixed != line:
            if repairs is not None:
                repairs.add(line, fixed)
            if apply:
                out += [text[done:start], fixed]
                done = end
        found = _HINT.search(text, end)
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def repair_chunks(chunks: Iterable[str], repairs: TextRepairs | None = None, apply: bool = True) -> Iterator[str]:
    """`repair_text` over streamed text: chunks are cut at line ends, so every line is judged whole, whatever
    the chunk sizes (a line longer than MAX_LINE_CHARS is judged in pieces of that size)."""
    carry = ""
    for chunk in chunks:
        text = carry + chunk
        cut = text.rfind("\n") + 1
        while len(text) - cut >= MAX_LINE_CHARS:  # a very long line: judged in pieces, as repair_text does
            cut += MAX_LINE_CHARS
        carry = text[cut:]
        if cut:
            yield repair_text(text[:cut], repairs, apply)
    if carry:
        yield repair_text(carry, repairs, apply)
