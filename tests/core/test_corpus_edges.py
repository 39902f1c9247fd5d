"""Reading corpora at the edges: every refusal's exact sentence (and its translation), sizes at the limits,
chunking of streamed files, progress, memory, and what each Corpus field holds."""

from __future__ import annotations

import json
import sys
import tracemalloc

import pytest

from core.corpus import (
    CHUNK_BYTES,
    PREVIEW_CHARS,
    CorpusBinaryError,
    CorpusDecodeError,
    CorpusEmptyError,
    CorpusError,
    CorpusFormatError,
    builtin_corpus,
    read_corpus,
)
from tests.user_messages import assert_user_message

QA = [{"question": "Qual é a capital do Brasil?", "answer": "Brasília."}, {"question": "2+2?", "answer": "4"}]


def write_jsonl(path, records, blank_lines: str = "") -> None:
    path.write_text(blank_lines.join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


# --- every refusal, word for word ------------------------------------------------------------


def test_missing_file_folder_empty_and_whitespace(tmp_path):
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "nope.txt")
    assert_user_message(info.value, f"{tmp_path / 'nope.txt'} does not exist.")
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path)
    assert_user_message(info.value, f"{tmp_path} is a folder; choose a text file.")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusEmptyError) as info:
        read_corpus(tmp_path / "empty.txt")
    assert_user_message(info.value, "empty.txt is empty.")


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
def test_whitespace_only_is_refused(tmp_path, limit):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n" * 100)
    with pytest.raises(CorpusEmptyError) as info:
        read_corpus(path, in_memory_limit=limit)
    assert_user_message(info.value, "blank.txt contains only whitespace.")


def test_binary_refusals(tmp_path):
    nul = tmp_path / "nul.bin.txt"
    nul.write_bytes(b"text\x00text")
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(nul)
    assert_user_message(info.value, "nul.bin.txt looks like a binary file (it contains NUL bytes), not text.")
    controls = tmp_path / "controls.txt"
    controls.write_bytes(b"\x01\x02\x03a" * 10)
    with pytest.raises(CorpusBinaryError) as info:
        read_corpus(controls)
    assert_user_message(info.value, "controls.txt looks like a binary file, not text.")


def test_decode_error_names_the_reason_the_byte_and_the_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Olá mundo".encode("latin-1"))
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path)
    assert info.value.path == path and info.value.byte_offset == 2
    assert_user_message(info.value, "latin.txt is not valid UTF-8: invalid continuation byte at byte 2. It may use "
                                    "another encoding, such as Latin-1 (ISO-8859-1).")


def test_decode_error_offset_when_the_bad_sequence_starts_in_the_previous_chunk(tmp_path):
    """The first byte of a two-byte character ends one chunk; the next chunk does not continue it."""
    path = tmp_path / "split.txt"
    path.write_bytes(b"a" * (CHUNK_BYTES - 1) + b"\xc3" + b"(rest)")
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, in_memory_limit=1000)
    assert info.value.byte_offset == CHUNK_BYTES - 1
    assert_user_message(info.value, f"split.txt is not valid UTF-8: invalid continuation byte at byte "
                                    f"{CHUNK_BYTES - 1:,}. It may use another encoding, such as Latin-1 (ISO-8859-1).")


def test_a_character_cut_off_by_the_end_of_a_streamed_file_is_an_error(tmp_path):
    path = tmp_path / "cut.txt"
    data = ("ação " * 1000).encode("utf-8") + "ç".encode("utf-8")[:1]
    path.write_bytes(data)
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, in_memory_limit=100)
    assert info.value.byte_offset == len(data) - 1
    assert "unexpected end of data" in str(info.value)


def test_question_answer_refusals(tmp_path):
    cases = [
        ("bad.jsonl", '{"question": "a", "answer": "b"}\n{"question": "only"}\n',
         'bad.jsonl, line 2: each record needs a "question" and an "answer" field.'),
        ("broken.jsonl", '{"question": "a", "answer": "b"}\n\n{not json\n',
         "broken.jsonl, line 3: not valid JSON (Expecting property name enclosed in double quotes)."),
        ("records.json", json.dumps([QA[0], {"answer": "x"}]),
         'records.json, record 2: each record needs a "question" and an "answer" field.'),
        ("strings.json", json.dumps(["a question and an answer"]),
         'strings.json, record 1: each record needs a "question" and an "answer" field.'),
        ("syntax.json", '[{"question": "a",\n "answer": }]',
         "syntax.json is not valid JSON: Expecting value at line 2, column 12."),
        ("two_lists.json", json.dumps({"a": [QA[0]], "b": [QA[1]]}),
         'two_lists.json: expected a list of records with "question" and "answer", or an object holding exactly '
         "one such list."),
        ("scalar.json", "42", "scalar.json: expected a list of question/answer records."),
    ]
    for name, content, english in cases:
        (tmp_path / name).write_text(content, encoding="utf-8")
        with pytest.raises(CorpusFormatError) as info:
            read_corpus(tmp_path / name)
        assert_user_message(info.value, english)
    (tmp_path / "none.jsonl").write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(CorpusEmptyError) as info:
        read_corpus(tmp_path / "none.jsonl")
    assert_user_message(info.value, "none.jsonl holds no question/answer records.")


def test_a_json_file_too_large_to_read_whole_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([QA[0]] * 40_000), encoding="utf-8")  # about 3.2 MB
    megabytes = f"{path.stat().st_size / 2**20:.0f}"
    assert megabytes == "3"
    with pytest.raises(CorpusError) as info:
        read_corpus(path, in_memory_limit=2**20)
    assert_user_message(info.value, f"big.json is {megabytes} MB. JSON files that large cannot be streamed; save it "
                                    "as JSON Lines (.jsonl, one record per line) instead.")
    # The suffix is read whatever its case.
    upper = tmp_path / "BIG.JSON"
    path.rename(upper)
    with pytest.raises(CorpusError, match="cannot be streamed"):
        read_corpus(upper, in_memory_limit=2**20)


# --- sizes at the limits ---------------------------------------------------------------------


@pytest.mark.parametrize("name, content", [
    ("exact.txt", "x" * 999 + "\n"),
    ("exact.jsonl", json.dumps({"question": "q" * 960, "answer": "a"}) + "\n"),
    ("exact.json", json.dumps([{"question": "q" * 960, "answer": "a"}])),
])
def test_a_file_exactly_at_the_in_memory_limit_is_read_whole(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    size = path.stat().st_size
    corpus = read_corpus(path, in_memory_limit=size)
    assert not corpus.streamed and corpus.text
    if name.endswith(".json"):  # one byte more than the limit: a JSON file cannot be streamed
        with pytest.raises(CorpusError, match="cannot be streamed"):
            read_corpus(path, in_memory_limit=size - 1)
    else:
        assert read_corpus(path, in_memory_limit=size - 1).streamed


def test_one_character_and_one_record_are_enough(tmp_path):
    (tmp_path / "one.txt").write_text("a", encoding="utf-8")
    assert read_corpus(tmp_path / "one.txt").text == "a"
    write_jsonl(tmp_path / "one.jsonl", [QA[1]])
    corpus = read_corpus(tmp_path / "one.jsonl")
    assert (corpus.n_documents, corpus.text) == (1, "2+2? 4")


@pytest.mark.parametrize("control", ["\t", "\n", "\x0c", "\r", "\x1b"])
def test_each_layout_control_character_is_text_even_when_frequent(tmp_path, control):
    path = tmp_path / "layout.txt"
    text = ("ab" + control) * 500  # a third of the bytes
    path.write_bytes(text.encode())
    assert read_corpus(path).text == text


# --- what each Corpus field holds --------------------------------------------------------------


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
def test_text_corpus_fields(tmp_path, limit):
    path = tmp_path / "poema.txt"
    text = "Minha terra tem palmeiras,\nonde canta o sabiá.\n" * 3
    path.write_text(text, encoding="latin-1")
    corpus = read_corpus(path, encoding="latin-1", in_memory_limit=limit)
    assert (corpus.name, corpus.source, corpus.path, corpus.encoding) == ("poema.txt", str(path), path, "latin-1")
    assert (corpus.n_chars, corpus.n_bytes, corpus.kind, corpus.n_documents) == (len(text), len(text), "text", 1)
    assert corpus.preview == text and corpus.read_text(max_chars=5) == "Minha"
    assert "".join(corpus.iter_chunks()) == text
    assert corpus.summary() == f"poema.txt: {len(text):,} characters"


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
def test_question_answer_corpus_fields(tmp_path, limit):
    path = tmp_path / "perguntas.jsonl"
    path.write_bytes(b"\n".join(json.dumps(r, ensure_ascii=False).encode("latin-1") for r in QA) + b"\n\n\n")
    corpus = read_corpus(path, encoding="latin-1", in_memory_limit=limit)
    expected = "Qual é a capital do Brasil? Brasília.\n\n2+2? 4"
    assert (corpus.name, corpus.source, corpus.path, corpus.encoding) == ("perguntas.jsonl", str(path), path, "latin-1")
    assert (corpus.kind, corpus.n_documents, corpus.n_chars) == ("qa", 2, len(expected))
    assert corpus.n_bytes == path.stat().st_size
    assert corpus.preview == expected and "".join(corpus.iter_chunks()) == expected
    assert corpus.streamed is (limit == 100)
    assert corpus.summary() == f"perguntas.jsonl: {len(expected)} characters, 2 question/answer pairs"


def test_blank_lines_between_records_are_skipped(tmp_path):
    path = tmp_path / "gaps.jsonl"
    write_jsonl(path, QA * 3, blank_lines="\n\n")
    assert read_corpus(path).n_documents == 6


def test_builtin_corpus_fields():
    corpus = builtin_corpus()
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert_user_message(corpus.name_message, f"Python {version} documentation topics")
    assert corpus.name == f"Python {version} documentation topics"
    assert corpus.source == str(corpus.source_message) and corpus.source.startswith(f"pydoc_data.topics from Python "
                                                                                    f"{version}'s standard library (")
    assert_user_message(corpus.source_message, corpus.source)
    assert corpus.n_bytes == len(corpus.text.encode("utf-8")) > corpus.n_chars
    assert corpus.preview == corpus.text[:PREVIEW_CHARS]
    from pydoc_data.topics import topics

    first, second = sorted(topics)[:2]  # each topic: its name, a blank line, its text; a blank line between topics
    assert corpus.text.startswith(f"{first}\n\n{topics[first].strip()}\n\n\n{second}\n\n")


def test_documents_of_each_kind_of_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("one text\n\nwith a blank line", encoding="utf-8")
    assert list(read_corpus(tmp_path / "a.txt").iter_documents()) == ["one text\n\nwith a blank line"]
    write_jsonl(tmp_path / "qa.jsonl", QA)
    expected = ["Qual é a capital do Brasil? Brasília.", "2+2? 4"]
    assert list(read_corpus(tmp_path / "qa.jsonl").iter_documents()) == expected
    assert list(read_corpus(tmp_path / "qa.jsonl", in_memory_limit=10).iter_documents()) == expected
    held = read_corpus(tmp_path / "qa.jsonl")
    held.path = None  # records kept in memory only (no file to re-read)
    assert list(held.iter_documents()) == expected
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(CorpusError, match="too large to load at once"):
        list(read_corpus(tmp_path / "big.txt", in_memory_limit=100).iter_documents())


def test_in_memory_read_text_honours_max_chars(tmp_path):
    (tmp_path / "a.txt").write_text("abcdefgh", encoding="utf-8")
    corpus = read_corpus(tmp_path / "a.txt")
    assert corpus.read_text(max_chars=3) == "abc" and corpus.read_text() == "abcdefgh"


# --- streaming: chunks, progress, memory ---------------------------------------------------------


@pytest.fixture(scope="module")
def three_chunk_file(tmp_path_factory):
    """A text file of 2.5 MiB: streamed in three reads of CHUNK_BYTES."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    text = "".join(f"line {i}: ação\n" for i in range(150_000))
    text = text[: (5 * CHUNK_BYTES) // 2 - text.count("ç") - text.count("ã")]
    path.write_text(text, encoding="utf-8")
    return path, text


def test_streamed_reading_reports_progress_per_chunk(three_chunk_file):
    path, text = three_chunk_file
    total = path.stat().st_size
    seen = []
    corpus = read_corpus(path, in_memory_limit=1000, progress=lambda done, of: seen.append((done, of)))
    assert seen == [(CHUNK_BYTES, total), (2 * CHUNK_BYTES, total), (total, total), (total, total)]
    assert corpus.n_chars == len(text) and corpus.preview == text[:PREVIEW_CHARS]


def test_streamed_read_text_across_chunks_and_its_refusal_to_read_everything(three_chunk_file):
    path, text = three_chunk_file
    corpus = read_corpus(path, in_memory_limit=1000)
    n = 1_500_000
    assert corpus.read_text(max_chars=n) == text[:n]
    with pytest.raises(CorpusError) as info:
        corpus.read_text()
    assert_user_message(info.value, "big.txt is 2 MB, too large to load at once; it is read in chunks instead.")
    chunks = list(corpus.iter_chunks(chunk_chars=300_000))
    assert "".join(chunks) == text and len(chunks) >= 9 and max(map(len, chunks)) <= 300_000


@pytest.mark.parametrize("chunk_chars, lengths", [(12, [12, 14, 14, 14, 14]), (13, [19, 14, 14, 14, 7]),
                                                  (15, [19, 21, 21, 7])])
def test_streamed_question_answer_chunks_hold_whole_records(tmp_path, chunk_chars, lengths):
    """Records ("qN aN", 5 characters) are joined by blank lines until a chunk reaches chunk_chars."""
    path = tmp_path / "ten.jsonl"
    write_jsonl(path, [{"question": f"q{i}", "answer": f"a{i}"} for i in range(10)])
    corpus = read_corpus(path, in_memory_limit=10)
    chunks = list(corpus.iter_chunks(chunk_chars=chunk_chars))
    assert [len(chunk) for chunk in chunks] == lengths
    assert "".join(chunks) == "\n\n".join(f"q{i} a{i}" for i in range(10))


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_large_file_is_never_held_whole_in_memory(tmp_path, suffix):
    """Validating, counting and re-reading a 12 MB file takes a few chunks of memory (a few MB
    whatever the file's size), never the file's size."""
    path = tmp_path / f"large{suffix}"
    record = json.dumps({"question": "Quanto é dois mais dois?", "answer": "Quatro, ação. " * 20}) + "\n"
    count = 12 * 2**20 // len(record)
    path.write_text(record * count, encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        corpus = read_corpus(path, in_memory_limit=2**20)
        pieces = sum(len(chunk) for chunk in corpus.iter_chunks())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert corpus.streamed and pieces == corpus.n_chars
    if suffix == ".jsonl":
        assert corpus.n_documents == count  # records split across chunks are read whole
    assert peak < size, f"peak {peak / 2**20:.1f} MB for a {size / 2**20:.1f} MB file"
