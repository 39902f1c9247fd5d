"""Compressed corpora (.gz, .xz, .bz2, .zst, .zip) read exactly as their plain copies, and bad archives get a
clear message (core.corpus_files through core.corpus.read_corpus)."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import tracemalloc
import zipfile

import pytest

from core.corpus import (
    PREVIEW_CHARS,
    CorpusArchiveError,
    CorpusBinaryError,
    CorpusEmptyError,
    CorpusError,
    read_corpus,
)
from core.tokenization.statistics import held_out_stats
from core.tokenization.tokenizers import CharTokenizer

TEXT = "".join(f"Linha {i}: a canção do exílio — “aspas”, ação e coração; naïve café.\n" for i in range(3000))
RECORDS = [{"question": f"Quanto é {i} + {i}?", "answer": f"São {2 * i}, ação."} for i in range(500)]
FORMATS = ["gz", "xz", "bz2", "zst", "zip"]


def compress(kind: str, data: bytes, member: str = "texto.txt") -> bytes:
    """`data` in the format `kind` (a .zip holds it as one file named `member`)."""
    if kind == "gz":
        return gzip.compress(data)
    if kind == "xz":
        return lzma.compress(data)
    if kind == "bz2":
        return bz2.compress(data)
    if kind == "zst":
        zstandard = pytest.importorskip("zstandard")
        return zstandard.ZstdCompressor().compress(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return buffer.getvalue()


def described(corpus) -> dict:
    """Everything a reader of the corpus sees: fields, the text chunk by chunk, and its statistics."""
    text = "".join(corpus.iter_chunks())
    tokenizer = CharTokenizer.from_corpus(text)
    return {
        "n_chars": corpus.n_chars, "n_bytes": corpus.n_bytes, "kind": corpus.kind, "n_documents": corpus.n_documents,
        "preview": corpus.preview, "streamed": corpus.streamed, "encoding": corpus.encoding, "text": text,
        "documents": list(corpus.iter_documents()) if corpus.kind == "qa" else None,
        "first": corpus.read_text(max_chars=1000), "stats": held_out_stats(tokenizer, text),
    }


@pytest.mark.parametrize("limit", [10**9, 1000], ids=["read whole", "streamed"])
@pytest.mark.parametrize("kind", FORMATS)
def test_a_compressed_text_reads_exactly_as_its_plain_copy(tmp_path, kind, limit):
    plain = tmp_path / "texto.txt"
    plain.write_text(TEXT, encoding="utf-8")
    packed = tmp_path / f"texto.txt.{kind}" if kind != "zip" else tmp_path / "texto.zip"
    packed.write_bytes(compress(kind, TEXT.encode("utf-8")))
    expected, corpus = described(read_corpus(plain, in_memory_limit=limit)), read_corpus(packed, in_memory_limit=limit)
    assert described(corpus) == expected
    assert expected["text"] == TEXT and expected["streamed"] is (limit == 1000)
    assert corpus.compression == {"gz": "gzip", "bz2": "bzip2", "zst": "zstd"}.get(kind, kind)
    assert corpus.file.size == packed.stat().st_size and corpus.name == packed.name
    assert corpus.members == (("texto.txt",) if kind == "zip" else ())


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
@pytest.mark.parametrize("kind", ["gz", "xz", "bz2", "zst"])
def test_a_compressed_question_answer_file_reads_exactly_as_its_plain_copy(tmp_path, kind, suffix, limit):
    if suffix == ".json":
        data = json.dumps(RECORDS, ensure_ascii=False).encode("utf-8")
        limit = 10**9  # a JSON list is read whole
    else:
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode("utf-8")
    plain = tmp_path / f"perguntas{suffix}"
    plain.write_bytes(data)
    packed = tmp_path / f"perguntas{suffix}.{kind}"
    packed.write_bytes(compress(kind, data))
    expected = described(read_corpus(plain, in_memory_limit=limit))
    assert described(read_corpus(packed, in_memory_limit=limit)) == expected
    assert expected["kind"] == "qa" and expected["n_documents"] == len(RECORDS)


def test_a_zip_reads_its_text_files_in_name_order_joined_by_a_blank_line(tmp_path):
    path = tmp_path / "aulas.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("b/segunda.md", "# Segunda aula\nsem quebra no fim")
        archive.writestr("a-primeira.txt", "Primeira aula.\n")
        archive.writestr("c.rst", "\ufeffTerceira, com marca de ordem de bytes.\n")
        archive.writestr("figura.png", b"\x89PNG\r\n\x1a\n\x00\x00")  # not text: left out
        archive.writestr("__MACOSX/._a-primeira.txt", b"\x00\x05\x16\x07")  # macOS metadata: left out
        archive.writestr(".oculto.txt", "hidden")
        archive.writestr("pasta/", "")
    corpus = read_corpus(path)
    assert corpus.members == ("a-primeira.txt", "b/segunda.md", "c.rst")
    assert corpus.text == ("Primeira aula.\n\n# Segunda aula\nsem quebra no fim\n\n"
                           "Terceira, com marca de ordem de bytes.\n")
    streamed = read_corpus(path, in_memory_limit=10)
    assert streamed.streamed and "".join(streamed.iter_chunks()) == corpus.text
    assert streamed.n_chars == len(corpus.text) and streamed.preview == corpus.text
    assert corpus.origin() == f"{path}, 3 text files from a zip archive, UTF-8"


@pytest.mark.parametrize("kind", FORMATS)
def test_progress_follows_the_file_on_disk_to_its_end(tmp_path, kind):
    path = tmp_path / f"grande.txt.{kind}"
    path.write_bytes(compress(kind, (TEXT * 10).encode("utf-8")))
    seen = []
    corpus = read_corpus(path, in_memory_limit=1000, progress=lambda done, total: seen.append((done, total)))
    assert corpus.n_chars == 10 * len(TEXT)
    dones = [done for done, _ in seen]
    total = seen[-1][1]
    assert dones == sorted(dones) and dones[-1] == total and len({t for _, t in seen}) == 1
    assert total == (path.stat().st_size if kind != "zip" else len((TEXT * 10).encode("utf-8")))


def test_a_compressed_file_saved_without_its_suffix_is_recognised(tmp_path):
    path = tmp_path / "corpus.data"
    path.write_bytes(gzip.compress(TEXT.encode("utf-8")))
    corpus = read_corpus(path)
    assert corpus.text == TEXT and corpus.compression == "gzip"


@pytest.mark.parametrize("kind, module", [("gz", gzip), ("bz2", bz2)])
def test_a_large_compressed_file_is_streamed_in_bounded_memory(tmp_path, kind, module):
    """About 24 MB of text in a file of a few hundred kilobytes: counted and re-read chunk by chunk, in a few
    MB whatever the size (an .xz file adds its dictionary, 8 MiB for xz's default preset)."""
    path = tmp_path / f"enorme.txt.{kind}"
    line = "Quanto é dois mais dois? Quatro, ação e coração.\n"
    count = 24 * 2**20 // len(line.encode()) // 1000
    with module.open(path, "wb") as handle:
        for _ in range(count):
            handle.write((line * 1000).encode())
    size = count * 1000 * len(line.encode())
    tracemalloc.start()
    try:
        corpus = read_corpus(path, in_memory_limit=2**20)
        pieces = sum(len(chunk) for chunk in corpus.iter_chunks())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert corpus.streamed and corpus.n_bytes == size and pieces == corpus.n_chars
    assert corpus.preview == (line * 100)[:PREVIEW_CHARS]
    assert peak < size / 3, f"peak {peak / 2**20:.1f} MB for {size / 2**20:.1f} MB of text"


# --- bad input: a clear message, never a crash ------------------------------------------------------------------


@pytest.mark.parametrize("name, data, kind", [
    ("cortado.txt.gz", gzip.compress(TEXT.encode())[:-200], "gzip"),
    ("lixo.txt.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "gzip"),
    ("cortado.txt.xz", lzma.compress(TEXT.encode())[:300], "xz"),
    ("lixo.txt.bz2", b"BZh91AY&SY" + b"\x01\x02" * 300, "bzip2"),
    ("texto.zip", b"this is not a zip archive at all", "zip"),
    ("lixo.txt.zst", b"\x28\xb5\x2f\xfd" + b"\xff" * 64, "zstd"),
])
def test_a_damaged_archive_says_so(tmp_path, name, data, kind):
    if kind == "zstd":
        pytest.importorskip("zstandard")
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path, encoding="auto")
    text = str(info.value)
    assert text.startswith(f"{name} could not be decompressed as {kind}: ")
    assert text.endswith(". The file may be damaged or incomplete.")


def test_a_zip_member_that_fails_its_check_says_so(tmp_path):
    path = tmp_path / "aulas.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("aula.txt", TEXT)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # a byte of the stored text: its CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusArchiveError, match=r"aulas.zip/aula.txt could not be decompressed as zip: Bad CRC"):
        read_corpus(path)


def test_empty_archives_are_refused(tmp_path):
    empty_zip = tmp_path / "vazio.zip"
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    with pytest.raises(CorpusEmptyError) as info:
        read_corpus(empty_zip)
    assert str(info.value) == "vazio.zip is an empty archive."
    (tmp_path / "vazio.txt.gz").write_bytes(gzip.compress(b""))
    with pytest.raises(CorpusEmptyError) as info:
        read_corpus(tmp_path / "vazio.txt.gz")
    assert str(info.value) == "vazio.txt.gz is empty."
    (tmp_path / "branco.txt.xz").write_bytes(lzma.compress(b" \n\t\n" * 100))
    with pytest.raises(CorpusEmptyError, match="branco.txt.xz contains only whitespace."):
        read_corpus(tmp_path / "branco.txt.xz", in_memory_limit=10)
    (tmp_path / "nada.jsonl.bz2").write_bytes(bz2.compress(b"\n\n"))
    with pytest.raises(CorpusEmptyError, match="nada.jsonl.bz2 holds no question/answer records."):
        read_corpus(tmp_path / "nada.jsonl.bz2")


def test_binary_data_inside_an_archive_is_refused(tmp_path):
    images = tmp_path / "imagens.zip"
    with zipfile.ZipFile(images, "w") as archive:
        for name in ("a.png", "b.pdf"):
            archive.writestr(name, b"\x89PNG\x00\x00")
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(images)
    assert str(info.value) == "imagens.zip holds no text files (.txt, .md, .rst); it holds a.png, b.pdf."
    disguised = tmp_path / "disfarce.zip"
    with zipfile.ZipFile(disguised, "w") as archive:
        archive.writestr("a.txt", "texto de verdade\n")
        archive.writestr("b.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    for encoding in ("utf-8", "auto", "latin-1"):
        with pytest.raises(CorpusBinaryError) as info:
            read_corpus(disguised, encoding=encoding)
        assert str(info.value) == "disfarce.zip/b.txt looks like a binary file (it contains NUL bytes), not text."
    (tmp_path / "programa.txt.gz").write_bytes(gzip.compress(bytes(range(256)) * 40))
    with pytest.raises(CorpusBinaryError, match="programa.txt.gz looks like a binary file"):
        read_corpus(tmp_path / "programa.txt.gz", encoding="auto")


def test_a_compressed_json_too_large_to_read_whole_is_refused(tmp_path):
    path = tmp_path / "grande.json.gz"
    path.write_bytes(gzip.compress(json.dumps(RECORDS * 100).encode()))  # about 3.6 MB of JSON
    with pytest.raises(CorpusError) as info:
        read_corpus(path, in_memory_limit=2**20)
    assert str(info.value) == ("grande.json.gz holds more than 1 MB of JSON once decompressed. JSON files that large "
                               "cannot be streamed; save it as JSON Lines (.jsonl, one record per line) instead.")
    assert read_corpus(path).n_documents == 100 * len(RECORDS)


def test_tar_archives_are_refused_with_what_to_do_instead(tmp_path):
    path = tmp_path / "corpus.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("a.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"hello"))
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    assert str(info.value) == ("corpus.tar.gz is a tar archive, which is not read here. Compress a single text file "
                               "(.txt.gz, .txt.xz…) or put the text files in a .zip instead.")


def test_zst_without_a_decompressor_says_what_to_install(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "zstandard", None)  # "not installed"
    monkeypatch.setitem(sys.modules, "compression", None)  # and not Python 3.14
    path = tmp_path / "texto.txt.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 16)
    with pytest.raises(CorpusArchiveError) as info:
        read_corpus(path)
    assert str(info.value) == "Reading .zst files needs the zstandard package (pip install zstandard)."
