"""Reading training corpora: plain text, Markdown, and question/answer JSON or JSON Lines, each plain,
compressed (.gz, .xz, .bz2, .zst) or, for text, as a .zip of text files.

A `Corpus` never holds a large file in one Python string. Texts up to `IN_MEMORY_LIMIT_BYTES`
are decoded once and kept; larger ones are validated by streaming and re-read in chunks
whenever their text is needed (`Corpus.iter_chunks`). Opening, decompressing and decoding files is
`core.corpus_files`; detecting an encoding and repairing mojibake is `core.text_repair`.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.corpus_files import (
    BINARY_SNIFF_BYTES,
    CHUNK_BYTES,
    QA_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    CorpusArchiveError,
    CorpusBinaryError,
    CorpusDecodeError,
    CorpusEmptyError,
    CorpusError,
    CorpusFile,
    CorpusFormatError,
    TextReader,
    inspect_file,
    read_head,
    refuse_binary,
)
from core.messages import QT_TRANSLATE_NOOP, Message
from core.text_repair import TextRepairs, bom_encoding, detect_encoding, encoding_label, repair_chunks, repair_text

__all__ = [  # the reading errors and limits live in core.corpus_files; callers import them from here
    "BINARY_SNIFF_BYTES", "CHUNK_BYTES", "IN_MEMORY_LIMIT_BYTES", "PREVIEW_CHARS", "QA_SUFFIXES", "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES", "Corpus", "CorpusArchiveError", "CorpusBinaryError", "CorpusDecodeError", "CorpusEmptyError",
    "CorpusError", "CorpusFormatError", "builtin_corpus", "read_corpus",
]

IN_MEMORY_LIMIT_BYTES = 32 * 2**20  # texts above this are streamed, never read whole
PREVIEW_CHARS = 4000  # characters kept for previews of streamed corpora


@dataclass
class Corpus:
    """A body of text to tokenize or train on.

    `n_chars` and `n_bytes` (of the text, decompressed) are exact. `text` is the whole text for
    in-memory corpora and None for streamed ones; use `iter_chunks()` to read either kind.
    Where the text came from: `file` (compression, a .zip's members, size on disk), `encoding`
    (`encoding_detected` when charset-normalizer chose it), `repairs` (the mojibake ftfy finds, None
    when none) and `repaired` (whether the text is the repaired one).
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
    file: CorpusFile | None = field(default=None, repr=False)
    encoding_detected: bool = False
    repairs: TextRepairs | None = field(default=None, repr=False)
    repaired: bool = False
    sample: bytes = field(default=b"", repr=False)  # the first bytes, to preview other encodings

    @property
    def streamed(self) -> bool:
        """True when the text is too large to be held in memory and is re-read on demand."""
        return self.text is None

    @property
    def compression(self) -> str | None:
        """"gzip", "xz", "bzip2", "zstd", "zip", or None for a plain file."""
        return self.file.compression if self.file is not None else None

    @property
    def members(self) -> tuple[str, ...]:
        """The text files read from a .zip, in order."""
        return self.file.members if self.file is not None else ()

    def _file(self) -> CorpusFile:
        assert self.path is not None
        return self.file or inspect_file(self.path)

    def iter_chunks(self, chunk_chars: int = CHUNK_BYTES) -> Iterator[str]:
        """Yield the corpus text in pieces of about `chunk_chars` characters."""
        if self.text is not None:
            for start in range(0, len(self.text), chunk_chars):
                yield self.text[start : start + chunk_chars]
            return
        if self.kind == "qa":
            yield from _batched(self.iter_documents(), chunk_chars)
            return
        chunks = TextReader(self._file(), self.encoding, chunk_chars)
        yield from repair_chunks(chunks) if self.repaired else chunks

    def iter_documents(self) -> Iterator[str]:
        """The question/answer records one by one, each "question answer" (re-read from the file when
        there is one); a plain text corpus is a single document (refused when too large to load at once)."""
        if self.kind != "qa":
            yield self.read_text()
        elif self.path is not None:
            for document in _iter_qa_documents(TextReader(self._file(), self.encoding)):
                yield repair_text(document) if self.repaired else document
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

    def origin(self) -> str:
        """Where the text came from, in English: "notes.txt.gz, gzip-compressed, Windows-1252 (detected by
        charset-normalizer), 12 characters repaired by ftfy"."""
        parts = [self.source]
        if self.compression == "zip":
            parts.append(f"{len(self.members):,} text files from a zip archive")
        elif self.compression:
            parts.append(f"{self.compression}-compressed")
        detected = " (detected by charset-normalizer)" if self.encoding_detected else ""
        parts.append(encoding_label(self.encoding) + detected)
        if self.repairs and self.repaired:
            parts.append(f"{self.repairs.characters:,} characters repaired by ftfy")
        elif self.repairs:
            parts.append(f"{self.repairs.characters:,} characters look garbled (not repaired)")
        return ", ".join(parts)


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
    fix_text: bool = False,
) -> Corpus:
    """Open a `.txt`/`.md` text file or a question/answer `.json`/`.jsonl` file, plain or compressed
    (`.gz`, `.xz`, `.bz2`, `.zst`), or a `.zip` of text files.

    Raises a `CorpusError` subclass with a user-facing message for a missing, empty, binary, damaged
    or badly encoded file. `encoding="latin-1"` reads any byte sequence; `encoding="auto"` reads UTF-8
    (or UTF-16/32 with a byte order mark) when the file is valid in it, else the encoding
    charset-normalizer detects (`Corpus.encoding_detected`). `fix_text=True` repairs mojibake with ftfy;
    either way `Corpus.repairs` says what ftfy finds. `progress(done, total)` is called with the bytes of
    the file read so far; raise from it to stop.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{path} does not exist."), {"path": str(path)}))
    if path.is_dir():
        raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{path} is a folder; choose a text file."),
                                  {"path": str(path)}))
    if path.stat().st_size == 0:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty."), {"name": path.name}))
    source = inspect_file(path)
    if encoding == "auto":
        return _read_detecting(source, in_memory_limit, progress, fix_text)
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{encoding} is not a text encoding Python knows."),
                                  {"encoding": encoding}))
    return _read(source, encoding, in_memory_limit, progress, fix_text)


def _read_detecting(source: CorpusFile, limit: int, progress: Callable[[int, int], None] | None,
                    fix_text: bool) -> Corpus:
    """UTF-8 (or UTF-16/32 by its byte order mark) when it decodes, else the detected encoding."""
    head = read_head(source)
    marked = bom_encoding(head)
    if marked is not None:
        return _read(source, marked, limit, progress, fix_text)
    if b"\x00" in head[:BINARY_SNIFF_BYTES]:  # UTF-16 without a byte order mark, or binary data
        guess = detect_encoding(head)
        if guess is None or not guess.startswith(("utf-16", "utf-32")):
            first = f"{source.path.name}/{source.members[0]}" if source.members else source.path.name
            refuse_binary(head[:BINARY_SNIFF_BYTES], first)
        candidates = [guess]
    else:
        try:
            return _read(source, "utf-8", limit, progress, fix_text)
        except CorpusDecodeError as error:
            candidates = [detect_encoding(head + b"\n" + error.window), "cp1252", "latin-1"]
    for encoding in dict.fromkeys(name for name in candidates if name):
        try:
            corpus = _read(source, encoding, limit, progress, fix_text)
        except CorpusDecodeError:
            if encoding == candidates[-1]:
                raise
            continue
        corpus.encoding_detected = True
        return corpus
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _read(source: CorpusFile, encoding: str, limit: int, progress: Callable[[int, int], None] | None,
          fix_text: bool) -> Corpus:
    """One pass over the file in `encoding`: validated, counted, kept when its text is at most `limit` bytes (a
    compressed file's is known only once read), its mojibake counted (and repaired when `fix_text`). Question/answer
    records become "question answer" documents joined by blank lines."""
    name = source.path.name
    if source.suffix == ".json" and source.compression is None and source.size > limit:
        raise CorpusError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} is {megabytes} MB. JSON files that large cannot be streamed; "
                                              "save it as JSON Lines (.jsonl, one record per line) instead."),
            {"name": name, "megabytes": f"{source.size / 2**20:.0f}"}))
    reader = TextReader(source, encoding, progress=progress, check_binary=True)
    repairs = TextRepairs()
    n_docs = 0

    def documents() -> Iterator[str]:
        nonlocal n_docs
        for document in _iter_qa_documents(reader, limit):
            n_docs += 1
            yield ("\n\n" if n_docs > 1 else "") + repair_text(document, repairs, apply=fix_text)

    keep = source.compression is not None or source.size <= limit
    pieces: list[str] = []
    n_chars, preview, has_text = 0, "", False
    for piece in documents() if source.is_qa else repair_chunks(reader, repairs, apply=fix_text):
        n_chars += len(piece)
        has_text = has_text or not piece.isspace()
        if len(preview) < PREVIEW_CHARS:
            preview += piece[: PREVIEW_CHARS - len(preview)]
        if keep and reader.bytes_read > limit:
            keep, pieces = False, []  # a compressed file larger than the limit once decompressed
        if keep:
            pieces.append(piece)
    if reader.bytes_read == 0:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty."), {"name": name}))
    if source.is_qa and n_docs == 0:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} holds no question/answer records."),
                                       {"name": name}))
    if not has_text:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} contains only whitespace."),
                                       {"name": name}))
    return Corpus(name, str(source.path), n_chars, reader.bytes_read, kind="qa" if source.is_qa else "text",
                  n_documents=n_docs if source.is_qa else 1, path=source.path, encoding=encoding,
                  text="".join(pieces) if keep else None, preview=preview, file=source, repairs=repairs or None,
                  repaired=fix_text and bool(repairs), sample=reader.sample)


def _iter_qa_documents(reader: TextReader, limit: int | None = None) -> Iterator[str]:
    """Yield "question answer" strings from a .json list or a .jsonl file (a compressed .json is refused
    when its text passes `limit` bytes)."""
    name = reader.source.path.name
    if reader.source.suffix == ".jsonl":
        line_no = 0
        for line in _iter_lines(reader):
            line_no += 1
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusFormatError(Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}: not valid JSON ({error})."),
                    {"name": name, "line": line_no, "error": error.msg})) from None
            yield _qa_document(record, Message(QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}"),
                                               {"name": name, "line": line_no}))
        return
    pieces = []
    for chunk in reader:
        pieces.append(chunk)
        if limit is not None and reader.bytes_read > limit:
            raise CorpusError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "{name} holds more than {megabytes} MB of JSON once decompressed. JSON files that "
                                "large cannot be streamed; save it as JSON Lines (.jsonl, one record per line) "
                                "instead."), {"name": name, "megabytes": f"{limit / 2**20:.0f}"}))
    text = "".join(pieces)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} is not valid JSON: {error} at line {line}, column {column}."),
            {"name": name, "error": error.msg, "line": error.lineno, "column": error.colno})) from None
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) != 1:
            raise CorpusFormatError(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "{name}: expected a list of records with \"question\" and "
                                                  "\"answer\", or an object holding exactly one such list."),
                {"name": name}))
        data = lists[0]
    if not isinstance(data, list):
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name}: expected a list of question/answer records."),
            {"name": name}))
    for index, record in enumerate(data):
        yield _qa_document(record, Message(QT_TRANSLATE_NOOP("CoreMessages", "{name}, record {index}"),
                                           {"name": name, "index": index + 1}))


def _qa_document(record: object, where: Message) -> str:
    """Turn one {"question": ..., "answer": ...} record into "question answer"; `where` names it in errors."""
    if not isinstance(record, dict) or "question" not in record or "answer" not in record:
        raise CorpusFormatError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{where}: each record needs a \"question\" and an \"answer\" "
                                              "field."), {"where": where}))
    return f"{str(record['question']).strip()} {str(record['answer']).strip()}"


def _iter_lines(chunks: TextReader) -> Iterator[str]:
    """Stream a file line by line with byte-accurate decode errors."""
    buffer = ""
    for chunk in chunks:
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
