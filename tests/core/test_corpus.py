"""Reading corpora: encodings, binary and empty files, streaming, question/answer records."""

from __future__ import annotations

import json

import pytest

from core.corpus import (
    BINARY_SNIFF_BYTES,
    CHUNK_BYTES,
    CorpusBinaryError,
    CorpusDecodeError,
    CorpusEmptyError,
    CorpusError,
    CorpusFormatError,
    builtin_corpus,
    read_corpus,
)


def test_utf8_text_is_read_whole(tmp_path):
    path = tmp_path / "poema.txt"
    text = "Minha terra tem palmeiras,\nonde canta o sabiá.\n"
    path.write_text(text, encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.text == text
    assert corpus.n_chars == len(text)
    assert corpus.n_bytes == len(text.encode("utf-8"))
    assert not corpus.streamed
    assert "".join(corpus.iter_chunks(chunk_chars=7)) == text
    assert corpus.summary() == f"poema.txt: {len(text):,} characters"


def test_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff# Título".encode("utf-8"))
    assert read_corpus(path).text == "# Título"


def test_byte_order_mark_is_dropped_when_a_large_file_is_streamed(tmp_path):
    """A file above the in-memory limit is streamed in CHUNK_BYTES pieces: the mark before the first one goes,
    and a U+FEFF character that happens to start a later chunk is text and stays."""
    path = tmp_path / "big-with-bom.txt"
    first = "# Título\n" + "a" * (CHUNK_BYTES - 3 - len("# Título\n".encode()))  # mark + first = 1 chunk
    text = first + "\ufeffzero-width no-break space, then more text\n" * 20
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(b"\xef\xbb\xbf" + first.encode("utf-8")) == CHUNK_BYTES
    corpus = read_corpus(path, in_memory_limit=10_000)
    assert corpus.streamed
    assert corpus.n_chars == len(text)
    assert corpus.preview.startswith("# Título\n")
    assert corpus.read_text(max_chars=8) == "# Título"
    assert "".join(corpus.iter_chunks()) == text


def test_byte_order_mark_is_dropped_from_a_streamed_question_answer_file(tmp_path):
    path = tmp_path / "qa-with-bom.jsonl"
    lines = "".join(json.dumps({"question": f"q{i}", "answer": f"a{i}"}) + "\n" for i in range(50))
    path.write_bytes(b"\xef\xbb\xbf" + lines.encode("utf-8"))
    corpus = read_corpus(path, in_memory_limit=100)
    assert corpus.streamed and corpus.n_documents == 50
    assert "".join(corpus.iter_chunks()).startswith("q0 a0\n\nq1 a1")


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    path = tmp_path / "latin.txt"
    data = "Ol".encode() + "á mundo".encode("latin-1")  # 0xE1 at byte 2 is not valid UTF-8 here
    path.write_bytes(data)
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path)
    assert info.value.byte_offset == 2
    assert "latin.txt" in str(info.value) and "byte 2" in str(info.value)
    corpus = read_corpus(path, encoding="latin-1")
    assert corpus.text == "Olá mundo"


def test_decode_error_offset_is_exact_when_streaming(tmp_path):
    path = tmp_path / "big.txt"
    good = ("ação " * 50_000).encode("utf-8")  # multi-byte characters cross chunk boundaries
    path.write_bytes(good + b"\xff tail")
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, in_memory_limit=1000)
    assert info.value.byte_offset == len(good)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "weights.txt"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(CorpusBinaryError, match="binary"):
        read_corpus(path)


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_binary_file_without_nul_bytes_is_refused(tmp_path, encoding):
    """Control bytes (valid UTF-8 and valid Latin-1, but no text) are refused even with no NUL among them."""
    path = tmp_path / "table.txt"
    data = bytes(1 + (i * 7) % 31 for i in range(6000))  # bytes 1..31: every one a control character
    assert b"\x00" not in data
    path.write_bytes(data)
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(path, encoding=encoding)
    assert str(info.value) == "table.txt looks like a binary file, not text."


@pytest.mark.parametrize("controls, refused", [(100, False), (101, True)])
def test_binary_means_more_than_a_tenth_control_characters(tmp_path, controls, refused):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"\x01" * controls + b"a" * (1000 - controls))
    if refused:
        with pytest.raises(CorpusBinaryError):
            read_corpus(path)
    else:
        assert read_corpus(path).n_chars == 1000


def test_tabs_newlines_form_feeds_and_escapes_are_text(tmp_path):
    path = tmp_path / "layout.txt"
    text = "col\tcol\r\n\x0c\x1b[1mbold\x1b[0m\n" * 100  # a third of the bytes are these controls
    path.write_bytes(text.encode("utf-8"))
    assert read_corpus(path).text == text


@pytest.mark.parametrize("limit", [10**9, 1000], ids=["read whole", "streamed"])
def test_a_nul_byte_after_the_sniffed_start_is_refused_too(tmp_path, limit):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"plain text " * (2 * BINARY_SNIFF_BYTES // 11) + b"\x00 and more")
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(path, in_memory_limit=limit)
    assert str(info.value) == "late-nul.txt contains NUL characters; it looks like a binary file."


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_files_are_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusEmptyError):
        read_corpus(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope.txt")
    with pytest.raises(CorpusError, match="folder"):
        read_corpus(tmp_path)


def test_large_file_is_streamed_not_held(tmp_path):
    path = tmp_path / "large.txt"
    text = "".join(f"line {i}: ação e reação\n" for i in range(20_000))
    path.write_text(text, encoding="utf-8")
    corpus = read_corpus(path, in_memory_limit=10_000)
    assert corpus.streamed and corpus.text is None
    assert corpus.n_chars == len(text)
    assert corpus.preview == text[: len(corpus.preview)] and len(corpus.preview) > 100
    assert "".join(corpus.iter_chunks(chunk_chars=4096)) == text
    assert corpus.read_text(max_chars=50) == text[:50]
    with pytest.raises(CorpusError, match="too large"):
        corpus.read_text()


def test_question_answer_json_and_jsonl(tmp_path):
    records = [{"question": "Qual é a capital do Brasil?", "answer": "Brasília."},
               {"question": "What is 2+2?", "answer": "4"}]
    as_json = tmp_path / "qa.json"
    as_json.write_text(json.dumps(records), encoding="utf-8")
    as_jsonl = tmp_path / "qa.jsonl"
    as_jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    expected = "Qual é a capital do Brasil? Brasília.\n\nWhat is 2+2? 4"
    for path in (as_json, as_jsonl):
        corpus = read_corpus(path)
        assert corpus.kind == "qa" and corpus.n_documents == 2
        assert corpus.text == expected and corpus.n_chars == len(expected)
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"data": records}), encoding="utf-8")
    assert read_corpus(wrapped).text == expected


def test_streamed_jsonl_matches_in_memory(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"question": f"q{i}", "answer": f"a{i}"}) + "\n" for i in range(3000)))
    small = read_corpus(path)
    streamed = read_corpus(path, in_memory_limit=100)
    assert streamed.streamed and streamed.n_documents == 3000
    assert "".join(streamed.iter_chunks(chunk_chars=1000)) == small.text
    assert streamed.n_chars == small.n_chars


def test_bad_question_answer_records_name_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "a", "answer": "b"}\n{"question": "only"}\n')
    with pytest.raises(CorpusFormatError, match="line 2"):
        read_corpus(path)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"question": "a", "answer": "b"}\n{not json\n')
    with pytest.raises(CorpusFormatError, match="line 2"):
        read_corpus(broken)
    not_list = tmp_path / "scalar.json"
    not_list.write_text("42")
    with pytest.raises(CorpusFormatError):
        read_corpus(not_list)


def test_builtin_corpus_comes_from_pydoc_topics():
    from pydoc_data.topics import topics

    corpus = builtin_corpus()
    assert corpus.n_documents == len(topics) > 50
    assert corpus.n_chars == len(corpus.text) > 200_000
    assert topics["assert"].strip()[:40] in corpus.text
    assert "pydoc_data.topics" in corpus.source
