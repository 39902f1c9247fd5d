"""Reading corpora (core/corpus.py): what mutation testing found unchecked. Which encoding is chosen when
UTF-8 fails, that progress and ftfy's repair reach every way of reading, when a small compressed file is
kept in memory, the preview's length, and which file a refusal names."""

from __future__ import annotations

import dataclasses
import gzip
import json
import zipfile

import pytest

import core.corpus
from core.corpus import (
    CHUNK_BYTES,
    CorpusBinaryError,
    CorpusDecodeError,
    read_corpus,
)
from tests.user_messages import assert_user_message

REPAIRED = "un été chaud, déjà vu"
GARBLED = REPAIRED.encode("utf-8").decode("cp1252")  # "un Ã©tÃ© chaud, dÃ©jÃ\xa0 vu"


def progress_of(path, **options):
    """The corpus, and every (done, total) progress call made while reading it."""
    calls = []
    corpus = read_corpus(path, progress=lambda done, total: calls.append((done, total)), **options)
    return corpus, calls


@pytest.mark.parametrize("content", [
    "UTF-8 text, café\n".encode(),
    b"\xef\xbb\xbf" + "UTF-8 with a byte order mark, café\n".encode(),
    "\ufeffUTF-16 with a byte order mark, café\n".encode("utf-16-le"),
    "Windows-1252 text, café\n".encode("cp1252"),
], ids=["utf-8", "utf-8 with a mark", "utf-16 with a mark", "detected"])
@pytest.mark.parametrize("encoding", ["auto", "utf-8"])
def test_progress_reaches_the_end_of_the_file_however_its_encoding_is_found(tmp_path, content, encoding):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    if encoding == "utf-8" and b"\xe9" in content:
        encoding = "utf-16" if content.startswith(b"\xff\xfe") else "cp1252"
    corpus, calls = progress_of(path, encoding=encoding)
    assert calls, "no progress was reported"
    assert calls[-1] == (len(content), len(content))
    assert corpus.n_bytes == len(content)


@pytest.mark.parametrize("encoding, content", [
    ("utf-8", f"{GARBLED}\n".encode()),
    ("auto", f"{GARBLED}\n".encode()),
    ("auto", b"\xef\xbb\xbf" + f"{GARBLED}\n".encode()),
    ("auto", f"\ufeff{GARBLED}\n".encode("utf-16-le")),
], ids=["utf-8", "auto", "auto with a byte order mark", "auto, utf-16 with a byte order mark"])
def test_fix_text_repairs_mojibake_whichever_way_the_encoding_is_chosen(tmp_path, encoding, content):
    path = tmp_path / "garbled.txt"
    path.write_bytes(content)
    corpus = read_corpus(path, encoding=encoding, fix_text=True)
    assert corpus.text == f"{REPAIRED}\n"
    assert corpus.repaired is True
    assert corpus.repairs.characters > 0
    assert corpus.origin().endswith(f"{corpus.repairs.characters:,} characters repaired by ftfy")
    left = read_corpus(path, encoding=encoding)
    assert left.text == f"{GARBLED}\n"
    assert left.repaired is False
    assert left.origin().endswith("characters look garbled (not repaired)")


def test_fix_text_repairs_a_file_in_a_detected_encoding(tmp_path, monkeypatch):
    """UTF-8 fails (a lone é), charset-normalizer says Windows-1252, and the mojibake in the file is repaired."""
    monkeypatch.setattr(core.corpus, "detect_encoding", lambda head: "cp1252")
    path = tmp_path / "mixed.txt"
    path.write_bytes(f"café. {GARBLED}\n".encode("cp1252"))
    corpus = read_corpus(path, encoding="auto", fix_text=True)
    assert (corpus.encoding, corpus.encoding_detected) == ("cp1252", True)
    assert corpus.text == f"café. {REPAIRED}\n"
    assert corpus.repaired is True


def test_mojibake_in_question_answer_records_is_counted_but_left_alone_unless_asked(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"question": GARBLED, "answer": "oui"}) + "\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.text == f"{GARBLED} oui"
    assert list(corpus.iter_documents()) == [f"{GARBLED} oui"]
    assert corpus.repaired is False and corpus.repairs.characters > 0
    assert read_corpus(path, fix_text=True).text == f"{REPAIRED} oui"


@pytest.mark.parametrize("content, expected", [
    ("café au lait\n".encode("cp1252"), "cp1252"),
    (b"caf\xe9 \x81\n", "latin-1"),  # 0x81 has no character in Windows-1252
], ids=["windows-1252", "latin-1"])
def test_without_a_detected_encoding_windows_1252_then_latin_1_is_used(tmp_path, monkeypatch, content, expected):
    monkeypatch.setattr(core.corpus, "detect_encoding", lambda head: None)  # charset-normalizer finds nothing
    path = tmp_path / "old.txt"
    path.write_bytes(content)
    corpus, calls = progress_of(path, encoding="auto")
    assert (corpus.encoding, corpus.encoding_detected) == (expected, True)
    assert corpus.text == content.decode(expected)
    assert calls[-1] == (len(content), len(content))


def test_when_even_the_detected_encoding_fails_windows_1252_is_tried_before_latin_1(tmp_path, monkeypatch):
    monkeypatch.setattr(core.corpus, "detect_encoding", lambda head: "ascii")
    path = tmp_path / "old.txt"
    path.write_bytes(b"na\xefve \x81 r\xe9sum\xe9\n")
    corpus = read_corpus(path, encoding="auto")
    assert (corpus.encoding, corpus.text) == ("latin-1", "naïve \x81 résumé\n")


def test_utf32_without_a_byte_order_mark_is_detected(tmp_path):
    text = "Hello world, this is some text.\n" * 20
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode("utf-32-le"))
    corpus = read_corpus(path, encoding="auto")
    assert (corpus.encoding, corpus.encoding_detected, corpus.text) == ("utf-32-le", True, text)


def test_binary_first_file_of_a_zip_is_named_when_the_encoding_is_detected(tmp_path):
    path = tmp_path / "pacote.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
        archive.writestr("b.txt", "texto\n")
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(path, encoding="auto")
    assert_user_message(info.value, "pacote.zip/a.txt looks like a binary file (it contains NUL bytes), not text.")


def test_a_small_compressed_file_is_kept_in_memory_even_when_the_file_is_larger_than_its_text(tmp_path):
    """gzip adds a header: 12 characters take about 32 bytes on disk. The limit is on the text."""
    path = tmp_path / "tiny.txt.gz"
    path.write_bytes(gzip.compress(b"hello world\n"))
    assert path.stat().st_size > 20
    corpus = read_corpus(path, in_memory_limit=20)
    assert not corpus.streamed
    assert corpus.text == "hello world\n"


@pytest.mark.parametrize("limit", [10**9, 50], ids=["read whole", "streamed"])
def test_the_preview_holds_exactly_the_first_preview_chars(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(core.corpus, "PREVIEW_CHARS", 10)
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps({"question": f"q{i}", "answer": f"a{i}"}) + "\n" for i in range(9)),
                    encoding="utf-8")
    corpus = read_corpus(path, in_memory_limit=limit)
    assert corpus.preview == "q0 a0\n\nq1 "
    text = tmp_path / "text.txt"
    text.write_text("0123456789abcdef", encoding="utf-8")
    assert read_corpus(text).preview == "0123456789"


def test_a_corpus_without_its_file_description_inspects_the_file_again(tmp_path):
    path = tmp_path / "notes.txt.gz"
    text = "".join(f"line {i}\n" for i in range(200))
    path.write_bytes(gzip.compress(text.encode()))
    corpus = dataclasses.replace(read_corpus(path, in_memory_limit=100), file=None)
    assert corpus.streamed
    assert "".join(corpus.iter_chunks()) == text
    assert corpus.compression is None  # nothing recorded, yet the text is decompressed


def test_read_text_with_max_chars_reads_no_further_than_it_needs(tmp_path):
    """The first chunk is enough: a later part of the file is not read (here it went bad after opening)."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * CHUNK_BYTES + b"b" * CHUNK_BYTES)
    corpus = read_corpus(path, in_memory_limit=10_000)
    assert corpus.streamed
    with path.open("r+b") as handle:
        handle.seek(CHUNK_BYTES)
        handle.write(b"\xff" * CHUNK_BYTES)
    assert corpus.read_text(max_chars=CHUNK_BYTES) == "a" * CHUNK_BYTES
    with pytest.raises(CorpusDecodeError):
        corpus.read_text(max_chars=CHUNK_BYTES + 1)
