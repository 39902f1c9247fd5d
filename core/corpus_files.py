"""Corpus files as decoded text: plain, compressed (.gz, .xz, .bz2, .zst) or a .zip of text files.

A compressed file is read by streaming decompression, one chunk at a time, exactly like a plain
file: the same binary check, the same byte-accurate decode errors, the same progress (bytes of the
file on disk). A .zip's text files are read one after another in name order, joined by a blank
line (a line break ends a file that lacks one, then an empty line follows). `TextReader` is the one
loop that does it; `core.corpus` builds corpora on top of it.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

CHUNK_BYTES = 2**20  # streaming granularity (bytes)
BINARY_SNIFF_BYTES = 8192
SAMPLE_BYTES = 64 * 2**10  # bytes kept to detect and preview an encoding
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}
QA_SUFFIXES = {".json", ".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | QA_SUFFIXES
COMPRESSED_SUFFIXES = {".gz": "gzip", ".xz": "xz", ".bz2": "bzip2", ".zst": "zstd", ".zip": "zip"}
MAGIC = (  # how each format starts, for a compressed file saved without its suffix
    (b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"BZh", "bzip2"), (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"))
_NOT_ASCII = re.compile(rb"[\x80-\xff]")


class CorpusError(MessageError, ValueError):
    """A corpus could not be read. `str(error)` is a message for the user (English; `.message` is
    the translatable `Message`)."""


class CorpusEmptyError(CorpusError):
    """The file holds no text."""


class CorpusBinaryError(CorpusError):
    """The file looks like binary data, not text."""


class CorpusFormatError(CorpusError):
    """A question/answer file has the wrong structure."""


class CorpusArchiveError(CorpusError):
    """A compressed file or archive is damaged, empty of text files, or of a kind that is not read."""


class CorpusDecodeError(CorpusError):
    """The file is not valid in `encoding`; `byte_offset` is where decoding failed (in the decompressed
    text of its part), `window` the bytes around it (for detecting the right encoding)."""

    def __init__(self, path: Path, byte_offset: int, reason: str, encoding: str = "utf-8", name: str | None = None,
                 window: bytes = b"") -> None:
        self.path = path
        self.byte_offset = byte_offset
        self.encoding = encoding
        self.window = window
        values = {"name": name or path.name, "reason": reason, "offset": f"{byte_offset:,}"}
        if codecs.lookup(encoding).name == "utf-8":
            super().__init__(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "{name} is not valid UTF-8: {reason} at byte {offset}. It may use another encoding, "
                                "such as Latin-1 (ISO-8859-1)."), values))
        else:
            super().__init__(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "{name} cannot be read as {encoding}: {reason} at byte {offset}."),
                {**values, "encoding": encoding}))


@dataclass(frozen=True)
class CorpusFile:
    """A corpus file on disk and how to read it: `compression` ("gzip", "xz", "bzip2", "zstd", "zip" or
    None), `suffix` (what its text is: ".txt", ".jsonl"…), the text files read from a .zip (`members`,
    in order) and `size` (bytes on disk)."""

    path: Path
    compression: str | None = None
    suffix: str = ".txt"
    members: tuple[str, ...] = ()
    size: int = 0

    @property
    def is_qa(self) -> bool:
        return self.suffix in QA_SUFFIXES


def inspect_file(path: Path) -> CorpusFile:
    """What `path` holds, from its name (and its first bytes when the name has no known suffix).

    Raises `CorpusArchiveError` for a damaged or text-less .zip, a .tar archive, or a .zst file when
    no Zstandard decompressor is installed."""
    size = path.stat().st_size
    compression = COMPRESSED_SUFFIXES.get(path.suffix.lower())
    if compression is None and path.suffix.lower() not in SUPPORTED_SUFFIXES and size:
        with path.open("rb") as handle:
            head = handle.read(8)
        compression = next((kind for magic, kind in MAGIC if head.startswith(magic)), None)
    inner = Path(path.stem).suffix.lower() if path.suffix.lower() in COMPRESSED_SUFFIXES else path.suffix.lower()
    if inner == ".tar" or path.suffix.lower() in (".tgz", ".tar"):
        raise CorpusArchiveError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} is a tar archive, which is not read here. Compress a single text file "
                            "(.txt.gz, .txt.xz…) or put the text files in a .zip instead."), {"name": path.name}))
    if compression == "zstd":
        _zstd_reader()  # refuses now, with a clear message, when no decompressor is installed
    members: tuple[str, ...] = ()
    if compression == "zip":
        members = _zip_members(path)
        inner = ".txt"
    return CorpusFile(path, compression, inner if inner in SUPPORTED_SUFFIXES else ".txt", members, size)


def _zip_members(path: Path) -> tuple[str, ...]:
    """The text files of a .zip in name order (folders, hidden files and macOS metadata left out)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _damaged(path.name, "zip", error) from None
    visible = [name for name in names
               if not name.startswith("__MACOSX/") and not Path(name).name.startswith(".")]
    if not visible:
        raise CorpusEmptyError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is an empty archive."),
                                       {"name": path.name}))
    texts = sorted(name for name in visible if Path(name).suffix.lower() in TEXT_SUFFIXES)
    if not texts:
        raise CorpusArchiveError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} holds no text files (.txt, .md, .rst); it holds {files}."),
            {"name": path.name, "files": ", ".join(sorted(visible)[:5]) + ("…" if len(visible) > 5 else "")}))
    return tuple(texts)


def _damaged(name: str, kind: str, error: BaseException) -> CorpusArchiveError:
    return CorpusArchiveError(Message(QT_TRANSLATE_NOOP(
        "CoreMessages", "{name} could not be decompressed as {format}: {reason}. The file may be damaged or "
                        "incomplete."), {"name": name, "format": kind, "reason": str(error) or type(error).__name__}))


def _zstd_reader() -> Callable[[BinaryIO], BinaryIO]:
    """A function that opens a Zstandard stream: Python 3.14's `compression.zstd`, else the `zstandard` package."""
    try:
        from compression import zstd  # Python 3.14+

        return lambda raw: zstd.ZstdFile(raw)
    except ImportError:
        pass
    try:
        import zstandard
    except ImportError:
        raise CorpusArchiveError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "Reading .zst files needs the zstandard package (pip install zstandard)."))) from None
    return lambda raw: zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=False)


@cache
def _decompression_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged file raises (RuntimeError: an encrypted zip member; NotImplementedError: one
    compressed with a method Python does not read)."""
    errors: list[type[BaseException]] = [OSError, EOFError, lzma.LZMAError, zlib.error, zipfile.BadZipFile,
                                         RuntimeError, NotImplementedError]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:
        pass
    return tuple(errors)


@contextmanager
def _open_stream(source: CorpusFile) -> Iterator[tuple[BinaryIO, Callable[[], int]]]:
    """The decompressed bytes of a single-stream file, and how many bytes of the file were consumed."""
    with source.path.open("rb") as raw:
        if source.compression is None:
            yield raw, raw.tell
            return
        opener: Callable[[BinaryIO], BinaryIO] = {
            "gzip": lambda f: gzip.GzipFile(fileobj=f, mode="rb"), "xz": lzma.LZMAFile, "bzip2": bz2.BZ2File,
        }.get(source.compression) or _zstd_reader()
        stream = opener(raw)
        try:
            yield stream, raw.tell
        finally:
            stream.close()


def iter_parts(source: CorpusFile) -> Iterator[tuple[str, BinaryIO, Callable[[], int], int]]:
    """(name for messages, decompressed stream, bytes done so far, total) for each part of the file, opened
    one at a time: the file itself, or each text file of a .zip ("lessons.zip/a.txt")."""
    if source.compression != "zip":
        with _open_stream(source) as (stream, position):
            yield source.path.name, stream, position, source.size
        return
    try:
        archive = zipfile.ZipFile(source.path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _damaged(source.path.name, "zip", error) from None
    with archive:
        infos = [archive.getinfo(member) for member in source.members]
        total, done = sum(info.file_size for info in infos), 0
        for info in infos:
            try:
                stream = archive.open(info)
            except _decompression_errors() as error:
                raise _damaged(f"{source.path.name}/{info.filename}", "zip", error) from None
            with stream:
                yield f"{source.path.name}/{info.filename}", stream, lambda s=stream, d=done: d + s.tell(), total
            done += info.file_size


def read_head(source: CorpusFile, n_bytes: int = SAMPLE_BYTES) -> bytes:
    """The first `n_bytes` decompressed bytes of the file's first part."""
    parts = iter_parts(source)
    try:
        name, stream, _position, _total = next(parts)
        return _read(stream, n_bytes, name, source.compression)
    finally:
        parts.close()  # closes the file (and the archive) now


def _read(stream: BinaryIO, n_bytes: int, name: str, compression: str | None) -> bytes:
    try:
        return stream.read(n_bytes)
    except _decompression_errors() as error:
        if compression is None:
            raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be read: {reason}."),
                                      {"name": name, "reason": str(error)})) from None
        raise _damaged(name, compression, error) from None


def nul_characters(name: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} contains NUL characters; it looks like a binary file."),
                   {"name": name})


def _wide(encoding: str) -> bool:
    """True for encodings (UTF-16, UTF-32) that write ASCII with NUL bytes: their bytes cannot be sniffed."""
    return b"\x00" in "a".encode(encoding)


def _byte_order(encoding: str, head: bytes) -> str:
    """UTF-16 and UTF-32 without a byte order mark are read little-endian, as Windows writes them (Python's
    incremental decoders would refuse them)."""
    name = codecs.lookup(encoding).name
    marks = {"utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)}
    if name in marks and not head.startswith(marks[name]):
        return f"{name}-le"
    return encoding


def refuse_binary(head: bytes, name: str) -> None:
    """Raise `CorpusBinaryError` if a file's first bytes look like binary data."""
    if b"\x00" in head:
        raise CorpusBinaryError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{name} looks like a binary file (it contains NUL bytes), not text."),
            {"name": name}))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.10:
        raise CorpusBinaryError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} looks like a binary file, not text."),
                                        {"name": name}))


class TextReader:
    """The decoded text of a corpus file, chunk by chunk (iterate it once).

    Each part (the file, or each text file of a .zip) is decoded strictly in `encoding`, its byte order
    mark dropped; parts are joined by a blank line. `check_binary` refuses binary-looking parts.
    `progress(done, total)` follows the bytes of the file on disk (of the .zip's text files, uncompressed).
    Afterwards `bytes_read` is the number of decompressed bytes and `sample` the first bytes of the first
    part plus those around its first non-ASCII byte (to detect and preview encodings)."""

    def __init__(self, source: CorpusFile, encoding: str, chunk_bytes: int = CHUNK_BYTES,
                 progress: Callable[[int, int], None] | None = None, check_binary: bool = False) -> None:
        self.source, self.encoding, self.chunk_bytes = source, encoding, chunk_bytes
        self.progress, self.check_binary = progress, check_binary
        self.bytes_read = 0
        self.sample = b""
        self._window_done = False

    def __iter__(self) -> Iterator[str]:
        last = ""
        for index, (name, stream, position, total) in enumerate(iter_parts(self.source)):
            if index:  # a blank line between two text files of a .zip
                yield "\n" if last.endswith("\n") else "\n\n"
            last = ""
            for text in self._decode(name, stream, position, total, keep_sample=index == 0):
                last = text
                yield text

    def _decode(self, name: str, stream: BinaryIO, position: Callable[[], int], total: int,
                keep_sample: bool) -> Iterator[str]:
        wide = _wide(self.encoding)
        decoder = None
        offset = 0
        first = True
        while True:
            raw = _read(stream, self.chunk_bytes, name, self.source.compression)
            if decoder is None:
                decoder = codecs.getincrementaldecoder(_byte_order(self.encoding, raw))(errors="strict")
            if first and self.check_binary and not wide:
                refuse_binary(raw[:BINARY_SNIFF_BYTES], name)
            if keep_sample:
                self._keep_sample(raw, offset)
            final = not raw
            pending = decoder.getstate()[0]  # bytes of a split character held back
            try:
                text = decoder.decode(raw, final=final)
            except UnicodeError as error:  # UnicodeDecodeError, or UTF-16's "does not start with BOM"
                # error.start indexes into (bytes held back + this chunk)
                at, reason = (error.start, error.reason) if isinstance(error, UnicodeDecodeError) else (0, str(error))
                window = (pending + raw)[max(0, at - SAMPLE_BYTES // 2): at + SAMPLE_BYTES // 2]
                raise CorpusDecodeError(self.source.path, offset - len(pending) + at, reason, self.encoding, name,
                                        window) from None
            if "\x00" in text:
                raise CorpusBinaryError(nul_characters(name))
            if first:
                text = text.removeprefix("\ufeff")
                if self.check_binary and wide:
                    refuse_binary(text[:BINARY_SNIFF_BYTES].encode("utf-8", "replace"), name)
                first = False
            offset += len(raw)
            self.bytes_read += len(raw)
            if self.progress is not None:
                self.progress(position(), total)
            if text:
                yield text
            if final:
                return

    def _keep_sample(self, raw: bytes, offset: int) -> None:
        """The first SAMPLE_BYTES, plus a window from the line of the first non-ASCII byte when it comes later."""
        start = max(0, SAMPLE_BYTES - offset)
        self.sample += raw[:start]
        if self._window_done or _wide(self.encoding):
            return
        found = _NOT_ASCII.search(raw)
        if found is None:
            return
        self._window_done = True
        if found.start() < start:
            return  # the head already shows it
        newline = raw.rfind(b"\n", max(start, found.start() - 2048), found.start())
        line = newline + 1 if newline >= 0 else max(start, found.start() - 256)
        self.sample += b"\n" + raw[line: line + SAMPLE_BYTES // 4]
