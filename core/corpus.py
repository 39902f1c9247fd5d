"""Reading training corpora: plain text, Markdown, and question/answer JSON or JSON Lines.

A `Corpus` never holds a large file in one Python string. Files up to `IN_MEMORY_LIMIT_BYTES`
are decoded once and kept; larger files are validated by streaming and re-read in chunks
whenever their text is needed (`Corpus.iter_chunks`).
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

IN_MEMORY_LIMIT_BYTES = 32 * 2**20  # files above this are streamed, never read whole
CHUNK_BYTES = 2**20  # streaming granularity (bytes)
PREVIEW_CHARS = 4000  # characters kept for previews of streamed corpora
BINARY_SNIFF_BYTES = 8192
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}
QA_SUFFIXES = {".json", ".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | QA_SUFFIXES


class CorpusError(MessageError, ValueError):
    """A corpus could not be read. `str(error)` is a message for the user (English; `.message` is
    the translatable `Message`)."""


class CorpusEmptyError(CorpusError):
    """The file holds no text."""


class CorpusBinaryError(CorpusError):
    """The file looks like binary data, not text."""


class CorpusDecodeError(CorpusError):
    """The file is not valid UTF-8; `byte_offset` is where decoding failed."""

    def __init__(self, path: Path, byte_offset: int, reason: str) -> None:
        self.path = path
        self.byte_offset = byte_offset
        super().__init__(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} is not valid UTF-8: {reason} at byte {offset}. It may use "
                                              "another encoding, such as Latin-1 (ISO-8859-1)."),
            {"name": path.name, "reason": reason, "offset": f"{byte_offset:,}"}))


class CorpusFormatError(CorpusError):
    """A question/answer file has the wrong structure."""


@dataclass
class Corpus:
    """A body of text to tokenize or train on.

    `n_chars` and `n_bytes` are exact. `text` is the whole text for in-memory corpora and
    None for streamed ones; use `iter_chunks()` to read either kind.
    """

    name: str
    source: str  # a path, or a description of where a built-in corpus comes from
    n_chars: int
    n_bytes: int
    kind: str = "text"  # "text" or "qa"
    n_documents: int = 1
    path: Path | None = None
    encoding: str = "utf-8"
    text: str | None = field(default=None, repr=False)
    preview: str = field(default="", repr=False)
    # Translatable versions of `name` and `source` where they are sentences (the built-in corpus).
    name_message: Message | None = field(default=None, repr=False)
    source_message: Message | None = field(default=None, repr=False)

    @property
    def streamed(self) -> bool:
        """True when the text is too large to be held in memory and is re-read on demand."""
        return self.text is None

    def iter_chunks(self, chunk_chars: int = CHUNK_BYTES) -> Iterator[str]:
        """Yield the corpus text in pieces of about `chunk_chars` characters."""
        if self.text is not None:
            for start in range(0, len(self.text), chunk_chars):
                yield self.text[start : start + chunk_chars]
            return
        assert self.path is not None
        if self.kind == "qa":
            yield from _batched(_iter_qa_documents(self.path, self.encoding), chunk_chars)
        else:
            yield from _iter_decoded(self.path, self.encoding, chunk_chars)

    def iter_documents(self) -> Iterator[str]:
        """The question/answer records one by one, each "question answer" (re-read from the file when
        there is one); a plain text corpus is a single document (refused when too large to load at once)."""
        if self.kind != "qa":
            yield self.read_text()
        elif self.path is not None:
            yield from _iter_qa_documents(self.path, self.encoding)
        else:
            yield from (self.text or "").split("\n\n")

    def read_text(self, max_chars: int | None = None) -> str:
        """The text (or its first `max_chars` characters). Refuses to build a huge string."""
        if self.text is not None:
            return self.text if max_chars is None else self.text[:max_chars]
        if max_chars is None:
            raise CorpusError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "{name} is {megabytes} MB, too large to load at once; it is "
                                                  "read in chunks instead."),
                {"name": self.name, "megabytes": f"{self.n_bytes / 2**20:.0f}"}))
        pieces, total = [], 0
        for chunk in self.iter_chunks():
            pieces.append(chunk[: max_chars - total])
            total += len(pieces[-1])
            if total >= max_chars:
                break
        return "".join(pieces)

    def summary(self) -> str:
        """One English line, e.g. "tinyshakespeare.txt: 1,115,394 characters" (the GUI builds its own,
        translated and with the language's number format)."""
        docs = f", {self.n_documents:,} question/answer pairs" if self.kind == "qa" else ""
        return f"{self.name}: {self.n_chars:,} characters{docs}"


def builtin_corpus() -> Corpus:
    """Python's own documentation topics (the `pydoc_data.topics` module), always present.

    Each topic becomes a section headed by its name; nothing is copied into the repository,
    the text is read from the running interpreter's standard library.
    """
    from pydoc_data.topics import topics

    sections = [f"{name}\n\n{topics[name].strip()}\n" for name in sorted(topics)]
    text = "\n\n".join(sections)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    name = Message(QT_TRANSLATE_NOOP("CoreMessages", "Python {version} documentation topics"), {"version": version})
    source = Message(QT_TRANSLATE_NOOP("CoreMessages", "pydoc_data.topics from Python {version}'s standard library "
                                                       "({topics} topics)"),
                     {"version": version, "topics": len(topics)})
    return Corpus(
        name=str(name),
        source=str(source),
        name_message=name,
        source_message=source,
        n_chars=len(text),
        n_bytes=len(text.encode("utf-8")),
        n_documents=len(topics),
        text=text,
        preview=text[:PREVIEW_CHARS],
    )


def read_corpus(
    path: str | Path,
    encoding: str = "utf-8",
    in_memory_limit: int = IN_MEMORY_LIMIT_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Open a `.txt`/`.md` text file or a question/answer `.json`/`.jsonl` file.

    Raises a `CorpusError` subclass with a user-facing message for a missing, empty, binary
    or badly encoded file. `encoding="latin-1"` reads any byte sequence. `progress(done, total)`
    is called with bytes validated so far for large files.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{path} does not exist."), {"path": str(path)}))
    if path.is_dir():
        raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{path} is a folder; choose a text file."),
                                  {"path": str(path)}))
    n_bytes = path.stat().st_size
    if n_bytes == 0:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty."), {"name": path.name}))
    _refuse_binary(path)
    if path.suffix.lower() in QA_SUFFIXES:
        return _read_qa(path, encoding, n_bytes, in_memory_limit)
    if n_bytes <= in_memory_limit:
        text = _decode_whole(path, encoding)
        if not text.strip():
            raise CorpusEmptyError(_only_whitespace(path))
        return Corpus(path.name, str(path), len(text), n_bytes, path=path,
                      encoding=encoding, text=text, preview=text[:PREVIEW_CHARS])
    n_chars, preview, has_text = 0, "", False
    for chunk in _iter_decoded(path, encoding, CHUNK_BYTES, progress=progress):
        n_chars += len(chunk)
        has_text = has_text or bool(chunk.strip())
        if len(preview) < PREVIEW_CHARS:
            preview += chunk[: PREVIEW_CHARS - len(preview)]
    if not has_text:
        raise CorpusEmptyError(_only_whitespace(path))
    return Corpus(path.name, str(path), n_chars, n_bytes, path=path,
                  encoding=encoding, preview=preview)


def _only_whitespace(path: Path) -> Message:
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} contains only whitespace."), {"name": path.name})


def _nul_characters(path: Path) -> Message:
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} contains NUL characters; it looks like a binary file."),
                   {"name": path.name})


def _refuse_binary(path: Path) -> None:
    """Raise `CorpusBinaryError` if the file's first bytes look like binary data."""
    with path.open("rb") as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
    if b"\x00" in head:
        raise CorpusBinaryError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} looks like a binary file (it contains NUL bytes), not text."),
            {"name": path.name}))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.10:
        raise CorpusBinaryError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} looks like a binary file, not text."),
                                        {"name": path.name}))


def _decode_whole(path: Path, encoding: str) -> str:
    """Decode a small file, turning a decode failure into `CorpusDecodeError`."""
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CorpusDecodeError(path, error.start, error.reason) from None
    if "\x00" in text:
        raise CorpusBinaryError(_nul_characters(path))
    return text.removeprefix("\ufeff")


def _iter_decoded(
    path: Path,
    encoding: str,
    chunk_bytes: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[str]:
    """Stream-decode a file, reporting the absolute byte offset of any invalid sequence."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    total = path.stat().st_size
    offset = 0
    first = True
    with path.open("rb") as handle:
        while True:
            raw = handle.read(chunk_bytes)
            final = not raw
            pending = len(decoder.getstate()[0])  # bytes of a split character held back
            try:
                text = decoder.decode(raw, final=final)
            except UnicodeDecodeError as error:
                # error.start indexes into (bytes held back + this chunk)
                raise CorpusDecodeError(path, offset - pending + error.start, error.reason) from None
            if "\x00" in text:
                raise CorpusBinaryError(_nul_characters(path))
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            offset += len(raw)
            if progress is not None:
                progress(offset, total)
            if text:
                yield text
            if final:
                return


def _read_qa(path: Path, encoding: str, n_bytes: int, in_memory_limit: int) -> Corpus:
    """Read question/answer records into "question answer" documents."""
    if path.suffix.lower() == ".json" and n_bytes > in_memory_limit:
        raise CorpusError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} is {megabytes} MB. JSON files that large cannot be streamed; "
                                              "save it as JSON Lines (.jsonl, one record per line) instead."),
            {"name": path.name, "megabytes": f"{n_bytes / 2**20:.0f}"}))
    n_docs, n_chars = 0, 0
    pieces: list[str] = []
    keep = n_bytes <= in_memory_limit
    for document in _iter_qa_documents(path, encoding):
        n_docs += 1
        n_chars += len(document) + (2 if n_docs > 1 else 0)
        if keep or len("".join(pieces)) < PREVIEW_CHARS:
            pieces.append(document)
    if n_docs == 0:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} holds no question/answer records."),
                                       {"name": path.name}))
    joined = "\n\n".join(pieces)
    text = joined if keep else None
    return Corpus(path.name, str(path), n_chars, n_bytes, kind="qa", n_documents=n_docs,
                  path=path, encoding=encoding, text=text, preview=joined[:PREVIEW_CHARS])


def _iter_qa_documents(path: Path, encoding: str) -> Iterator[str]:
    """Yield "question answer" strings from a .json list or a .jsonl file."""
    if path.suffix.lower() == ".jsonl":
        line_no = 0
        for line in _iter_lines(path, encoding):
            line_no += 1
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusFormatError(Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}: not valid JSON ({error})."),
                    {"name": path.name, "line": line_no, "error": error.msg})) from None
            yield _qa_document(record, Message(QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}"),
                                               {"name": path.name, "line": line_no}))
        return
    text = _decode_whole(path, encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} is not valid JSON: {error} at line {line}, column {column}."),
            {"name": path.name, "error": error.msg, "line": error.lineno, "column": error.colno})) from None
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) != 1:
            raise CorpusFormatError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "{name}: expected a list of records with \"question\" and "
                                                  "\"answer\", or an object holding exactly one such list."),
                {"name": path.name}))
        data = lists[0]
    if not isinstance(data, list):
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name}: expected a list of question/answer records."),
            {"name": path.name}))
    for index, record in enumerate(data):
        yield _qa_document(record, Message(QT_TRANSLATE_NOOP("CoreMessages", "{name}, record {index}"),
                                           {"name": path.name, "index": index + 1}))


def _qa_document(record: object, where: Message) -> str:
    """Turn one {"question": ..., "answer": ...} record into "question answer"; `where` names it in errors."""
    if not isinstance(record, dict) or "question" not in record or "answer" not in record:
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{where}: each record needs a \"question\" and an \"answer\" "
                                              "field."), {"where": where}))
    return f"{str(record['question']).strip()} {str(record['answer']).strip()}"


def _iter_lines(path: Path, encoding: str) -> Iterator[str]:
    """Stream a file line by line with byte-accurate decode errors."""
    buffer = ""
    for chunk in _iter_decoded(path, encoding, CHUNK_BYTES):
        buffer += chunk
        *lines, buffer = buffer.split("\n")
        yield from lines
    if buffer:
        yield buffer


def _batched(documents: Iterator[str], chunk_chars: int) -> Iterator[str]:
    """Join documents with blank lines into chunks of roughly `chunk_chars` characters."""
    pieces: list[str] = []
    size = 0
    first = True
    for document in documents:
        piece = document if first else "\n\n" + document
        first = False
        pieces.append(piece)
        size += len(piece)
        if size >= chunk_chars:
            yield "".join(pieces)
            pieces, size = [], 0
    if pieces:
        yield "".join(pieces)
