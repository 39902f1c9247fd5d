"""Reading corpus files (core/corpus_files.py): what mutation testing found unchecked. The sample kept to
preview other encodings, byte offsets and bytes around a decode error, which files of a .zip are read and
how a damaged or locked one is reported, how files are recognised, and the progress through a .zip."""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

import pytest

import core.corpus_files
from core.corpus import CorpusArchiveError, CorpusBinaryError, CorpusDecodeError, CorpusError, read_corpus
from core.corpus_files import TextReader, inspect_file
from tests.user_messages import assert_user_message

PATTERN = bytes(range(ord("A"), ord("Z") + 1)) * 200  # ASCII without line breaks, no two windows alike


def sample_of(tmp_path, data: bytes, chunk_bytes: int, encoding: str = "utf-8") -> bytes:
    """`TextReader.sample` after reading `data` in chunks of `chunk_bytes`."""
    path = tmp_path / "sample.txt"
    path.write_bytes(data)
    reader = TextReader(inspect_file(path), encoding, chunk_bytes=chunk_bytes)
    assert "".join(reader) == data.decode(encoding).removeprefix("\ufeff")
    return reader.sample


@pytest.fixture
def small_sample(monkeypatch):
    """Sample 64 bytes of head and a 16-byte window, instead of 64 KiB and 16 KiB."""
    monkeypatch.setattr(core.corpus_files, "SAMPLE_BYTES", 64)


def test_the_sample_is_the_head_when_it_already_shows_the_first_non_ascii_byte(tmp_path, small_sample):
    data = b"a" * 10 + "é".encode() + PATTERN[:100]
    assert sample_of(tmp_path, data, 1000) == data[:64]


def test_a_non_ascii_byte_just_after_the_head_gets_a_window(tmp_path, small_sample):
    data = b"a" * 64 + "é".encode() + PATTERN[:40]
    assert sample_of(tmp_path, data, 1000) == data[:64] + b"\n" + data[64:80]


def test_the_window_starts_at_the_line_of_the_first_non_ascii_byte(tmp_path, small_sample):
    head = b"h" * 64
    body = b"one\ntwo\nthree caf" + "é".encode() + b" and more text here\n"
    assert sample_of(tmp_path, head + body, 1000) == head + b"\nthree caf\xc3\xa9 and "


def test_without_a_line_break_after_the_head_the_window_starts_256_bytes_before(tmp_path, small_sample):
    head = b"head\n" + PATTERN[:59]
    data = head + PATTERN[100:400] + "é".encode() + PATTERN[:40]
    found = 364
    assert data[found:found + 2] == "é".encode()
    assert sample_of(tmp_path, data, 1000) == head + b"\n" + data[found - 256:found - 240]


def test_a_line_break_more_than_2048_bytes_back_is_not_looked_for(tmp_path, small_sample):
    data = b"h" * 64 + PATTERN[:500] + b"\n" + PATTERN[1:2049] + "é".encode() + PATTERN[:40]
    found = 64 + 500 + 1 + 2048
    assert data[found:found + 2] == "é".encode()
    assert sample_of(tmp_path, data, 4000) == data[:64] + b"\n" + data[found - 256:found - 240]


def test_the_window_is_taken_once_even_in_a_later_chunk_that_starts_a_line(tmp_path, small_sample):
    """Chunks of 32 bytes: the head is the first two; the third starts with a line break, then é; the
    fourth has another non-ASCII character, which adds nothing."""
    third = b"\nqrs" + "é".encode() + PATTERN[:26]
    fourth = b"tu" + "ü".encode() + PATTERN[:28]
    data = PATTERN[:64] + third + fourth + PATTERN[:50]
    assert sample_of(tmp_path, data, 32) == PATTERN[:64] + b"\n" + third[1:17]


def test_a_wide_encoding_keeps_only_the_head(tmp_path, small_sample):
    data = "\ufeff".encode("utf-16-le") + ("abcdefghij" * 5 + "été" + "klmno" * 10).encode("utf-16-le")
    assert sample_of(tmp_path, data, 16, encoding="utf-16") == data[:64]


def test_a_corpus_sample_is_its_first_bytes(tmp_path):
    path = tmp_path / "poema.txt"
    path.write_bytes("Minha terra tem palmeiras, sabiá\n".encode())
    assert read_corpus(path).sample == "Minha terra tem palmeiras, sabiá\n".encode()


def test_decode_error_offset_counts_every_chunk_before(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"a" * 25 + b"\xff" + b"b" * 10)
    with pytest.raises(CorpusDecodeError) as info:
        "".join(TextReader(inspect_file(path), "utf-8", chunk_bytes=10))
    assert info.value.byte_offset == 25
    assert str(info.value).startswith("bad.txt is not valid UTF-8: invalid start byte at byte 25.")


@pytest.mark.parametrize("size, at", [(40, 5), (100_000, 40_000)])
def test_a_decode_error_keeps_the_bytes_around_it_for_detection(tmp_path, size, at):
    data = bytearray(PATTERN * (size // len(PATTERN) + 1))[:size]
    data[at] = 0xFF
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path)
    assert info.value.byte_offset == at
    assert info.value.window == bytes(data[max(0, at - 32768):at + 32768])


def test_a_decode_error_made_by_hand_defaults_to_utf8(tmp_path):
    error = CorpusDecodeError(Path("notas.txt"), 1234, "invalid start byte")
    assert_user_message(error, "notas.txt is not valid UTF-8: invalid start byte at byte 1,234. It may use another "
                               "encoding, such as Latin-1 (ISO-8859-1).")
    assert (error.encoding, error.window, error.byte_offset) == ("utf-8", b"", 1234)


def test_a_decode_error_in_another_encoding_names_it(tmp_path):
    path = tmp_path / "velho.txt"
    path.write_bytes(b"caf\xe9 \x81\n")
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, encoding="cp1252")
    assert_user_message(info.value, "velho.txt cannot be read as cp1252: character maps to <undefined> at byte 5.")
    assert info.value.encoding == "cp1252"


def test_a_codec_that_raises_a_plain_unicode_error_is_reported_too(tmp_path):
    path = tmp_path / "dominio.txt"
    path.write_bytes(b"a..b\n")
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, encoding="punycode")
    assert_user_message(info.value, "dominio.txt cannot be read as punycode: Invalid extended code point '.' at "
                                    "byte 0.")


def test_a_decode_error_inside_a_zip_names_the_file_in_it(tmp_path):
    path = tmp_path / "aulas.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "primeira aula\n")
        archive.writestr("b.txt", b"segunda \xff aula\n")
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path)
    assert str(info.value).startswith("aulas.zip/b.txt is not valid UTF-8: invalid start byte at byte 8.")


def test_a_binary_utf16_file_is_refused_by_name(tmp_path):
    path = tmp_path / "dados.txt"
    path.write_bytes(("\ufeff" + "\x01\x02\x03abc" * 50).encode("utf-16-le"))
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(path, encoding="utf-16")
    assert_user_message(info.value, "dados.txt looks like a binary file, not text.")


def test_utf32_without_a_byte_order_mark_is_read_little_endian(tmp_path):
    path = tmp_path / "largo.txt"
    path.write_bytes("texto largo\n".encode("utf-32-le"))
    assert read_corpus(path, encoding="utf-32").text == "texto largo\n"


def test_macos_metadata_in_a_zip_is_left_out(tmp_path):
    path = tmp_path / "do-mac.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("__MACOSX/notas.txt", "metadata\n")
        archive.writestr("notas.txt", "o texto\n")
    corpus = read_corpus(path)
    assert (corpus.members, corpus.text) == (("notas.txt",), "o texto\n")


def test_an_empty_file_between_two_in_a_zip(tmp_path):
    path = tmp_path / "tres.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "um\n")
        archive.writestr("b.txt", "")
        archive.writestr("c.txt", "três")
    assert read_corpus(path).text == "um\n\n\n\ntrês"


@pytest.mark.parametrize("count, listed", [
    (5, "a.bin, b.bin, c.bin, d.bin, e.bin"),
    (6, "a.bin, b.bin, c.bin, d.bin, e.bin…"),
])
def test_a_zip_without_text_files_lists_at_most_five_of_its_files(tmp_path, count, listed):
    path = tmp_path / "dados.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in "abcdef"[:count]:
            archive.writestr(f"{name}.bin", b"\x00")
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    assert_user_message(info.value, f"dados.zip holds no text files (.txt, .md, .rst); it holds {listed}.")


def test_a_damaged_zip_says_what_is_wrong(tmp_path):
    path = tmp_path / "texto.zip"
    path.write_bytes(b"this is not a zip archive at all")
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    assert_user_message(info.value, "texto.zip could not be decompressed as zip: File is not a zip file. The file "
                                    "may be damaged or incomplete.")


def test_a_zip_damaged_after_it_was_opened_says_so_when_read_again(tmp_path):
    path = tmp_path / "aulas.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "uma aula de cada vez\n" * 20)
    corpus = read_corpus(path, in_memory_limit=10)
    assert corpus.streamed
    path.write_bytes(b"overwritten by something else")
    with pytest.raises(CorpusArchiveError) as info:
        list(corpus.iter_chunks())
    assert_user_message(info.value, "aulas.zip could not be decompressed as zip: File is not a zip file. The file "
                                    "may be damaged or incomplete.")


def test_an_encrypted_file_in_a_zip_is_named(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("segredo.txt", "texto\n")
    data = bytearray(buffer.getvalue())
    data[data.find(b"PK\x01\x02") + 8] |= 1  # the "encrypted" flag of its directory entry
    path = tmp_path / "cofre.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    text = str(info.value)  # zipfile's reason names the entry by its repr: "File <ZipInfo filename=...> is ..."
    assert text.startswith("cofre.zip/segredo.txt could not be decompressed as zip: File <ZipInfo filename='segredo.txt'")
    assert text.endswith("is encrypted, password required for extraction. The file may be damaged or incomplete.")


def test_a_damage_without_a_description_is_named_by_its_kind():
    assert_user_message(core.corpus_files._damaged("a.txt.gz", "gzip", EOFError()),
                        "a.txt.gz could not be decompressed as gzip: EOFError. The file may be damaged or incomplete.")


def test_a_plain_file_that_cannot_be_read_says_why():
    class Failing(io.RawIOBase):
        def read(self, size=-1):
            raise OSError("Input/output error")

    with pytest.raises(CorpusError) as info:
        core.corpus_files._read(Failing(), 10, "notas.txt", None)
    assert_user_message(info.value, "notas.txt could not be read: Input/output error.")


def test_progress_through_a_zip_adds_up_its_files(tmp_path):
    path = tmp_path / "tres.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, size in (("a.txt", 100), ("b.txt", 50), ("c.txt", 30)):
            archive.writestr(name, "x" * (size - 1) + "\n")
    calls = []
    read_corpus(path, progress=lambda done, total: calls.append((done, total)))
    assert list(dict.fromkeys(calls)) == [(100, 180), (150, 180), (180, 180)]


def test_a_text_file_without_a_suffix_is_read_as_text(tmp_path):
    path = tmp_path / "LEIAME"
    path.write_text("leia isto\n", encoding="utf-8")
    assert read_corpus(path).text == "leia isto\n"
    assert (inspect_file(path).compression, inspect_file(path).suffix) == (None, ".txt")


def test_a_text_file_that_starts_like_a_compressed_one_is_text(tmp_path):
    path = tmp_path / "bzh.txt"
    path.write_text("BZh is how a bzip2 file starts.\n", encoding="utf-8")
    assert read_corpus(path).text == "BZh is how a bzip2 file starts.\n"


@pytest.mark.parametrize("name", ["notas.log", "notas.log.gz"])
def test_an_unknown_suffix_is_read_as_plain_text(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"texto\n") if name.endswith(".gz") else b"texto\n")
    assert inspect_file(path).suffix == ".txt"
    assert read_corpus(path).text == "texto\n"


def test_a_tgz_is_refused_as_a_tar_archive(tmp_path):
    path = tmp_path / "corpus.tgz"
    path.write_bytes(gzip.compress(b"a.txt" + b"\x00" * 507))
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    assert str(info.value).startswith("corpus.tgz is a tar archive, which is not read here.")


def test_without_zstandard_a_zst_is_refused_on_sight_and_other_files_still_read(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "zstandard", None)  # "not installed"
    monkeypatch.setitem(sys.modules, "compression", None)  # and not Python 3.14
    zst = tmp_path / "texto.txt.zst"
    zst.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 16)
    with pytest.raises(CorpusArchiveError, match=r"needs the zstandard package"):
        inspect_file(zst)
    plain = tmp_path / "texto.txt"
    plain.write_text("texto\n", encoding="utf-8")
    assert read_corpus(plain).text == "texto\n"


def test_a_zst_file_of_several_frames_is_read_to_its_end(tmp_path):
    """(zstandard's reader goes on to the next frame on the next read either way; kept as the promise.)"""
    zstandard = pytest.importorskip("zstandard")
    compressor = zstandard.ZstdCompressor()
    path = tmp_path / "frames.txt.zst"
    path.write_bytes(compressor.compress(b"first frame\n") + compressor.compress(b"second frame\n"))
    assert read_corpus(path).text == "first frame\nsecond frame\n"
