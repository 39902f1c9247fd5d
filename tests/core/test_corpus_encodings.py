"""Corpus files that are not clean UTF-8: the encoding detected with charset-normalizer (`encoding="auto"`), and
mojibake found and, only when asked, repaired with ftfy (core.text_repair through core.corpus.read_corpus)."""

from __future__ import annotations

import gzip
import json

import pytest

from core.corpus import CorpusDecodeError, CorpusError, read_corpus
from core.text_repair import (
    MAX_LINE_CHARS,
    TextRepairs,
    detect_encoding,
    encoding_label,
    repair_chunks,
    repair_text,
)

PORTUGUESE = (
    "A professora abriu o caderno e leu em voz alta: “Não há ação sem emoção.” Os alunos riram — alguns já\n"
    "sabiam a frase de cor. Na lousa, escreveu três palavras: coração, canção e pão. “Qual é a diferença?”\n"
    "Ninguém respondeu; só o relógio da sala, às 10h30, parecia ter opinião. É preciso paciência, pensou.\n"
)
ENGLISH = "Dear Sir — I’d like three “naïve” café mugs at £5 each, plus the résumé template… Thanks!\n"


def double_encoded(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 once too often: "é" becomes "Ã©" (the form pages copied from the web have)."""
    return text.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "\x9d")


# --- encodings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [10**9, 200], ids=["read whole", "streamed"])
@pytest.mark.parametrize("text", [PORTUGUESE, ENGLISH, "canção do exílio"], ids=["pt", "en", "short"])
def test_a_windows_1252_file_is_detected_and_read_right(tmp_path, text, limit):
    path = tmp_path / "aula.txt"
    path.write_bytes(text.encode("cp1252"))
    corpus = read_corpus(path, encoding="auto", in_memory_limit=limit)
    assert (corpus.encoding, corpus.encoding_detected) == ("cp1252", True)
    assert "".join(corpus.iter_chunks()) == text and corpus.n_chars == len(text)
    assert corpus.repairs is None and not corpus.repaired
    assert corpus.origin() == f"{path}, Windows-1252 (detected by charset-normalizer)"
    with pytest.raises(CorpusDecodeError):  # the strict reading is unchanged
        read_corpus(path)


def test_a_compressed_windows_1252_file_is_detected_too(tmp_path):
    path = tmp_path / "aula.txt.gz"
    path.write_bytes(gzip.compress((PORTUGUESE * 20).encode("cp1252")))
    corpus = read_corpus(path, encoding="auto")
    assert corpus.encoding == "cp1252" and corpus.text == PORTUGUESE * 20
    assert corpus.origin() == f"{path}, gzip-compressed, Windows-1252 (detected by charset-normalizer)"


def test_detection_looks_where_utf8_fails_not_only_at_the_start(tmp_path):
    """A long ASCII start, then the first accented letters far beyond the first bytes."""
    path = tmp_path / "longo.txt"
    path.write_bytes(("plain ASCII text, line after line.\n" * 30_000 + PORTUGUESE).encode("cp1252"))
    corpus = read_corpus(path, encoding="auto", in_memory_limit=2**16)
    assert corpus.encoding == "cp1252" and corpus.streamed
    assert "".join(corpus.iter_chunks()).endswith(PORTUGUESE)
    assert "coração".encode("cp1252") in corpus.sample  # the preview sample holds the accented lines


def test_valid_utf8_stays_utf8_and_is_not_marked_detected(tmp_path):
    path = tmp_path / "aula.txt"
    path.write_text(PORTUGUESE, encoding="utf-8")
    corpus = read_corpus(path, encoding="auto")
    assert (corpus.encoding, corpus.encoding_detected, corpus.text) == ("utf-8", False, PORTUGUESE)


@pytest.mark.parametrize("encoding, expected, detected", [
    ("utf-16", "utf-16", False),  # with its byte order mark: certain
    ("utf-16-le", "utf-16-le", True),  # without one: detected
    ("utf-16-be", "utf-16-be", True),
])
def test_utf16_is_read_with_or_without_a_byte_order_mark(tmp_path, encoding, expected, detected):
    path = tmp_path / "notepad.txt"
    path.write_bytes(PORTUGUESE.encode(encoding))
    corpus = read_corpus(path, encoding="auto")
    assert (corpus.encoding, corpus.encoding_detected, corpus.text) == (expected, detected, PORTUGUESE)
    assert read_corpus(path, encoding=encoding).text == PORTUGUESE  # chosen by hand, it reads the same
    if encoding != "utf-16-be":  # "UTF-16" from the list reads a file without a byte order mark little-endian
        assert read_corpus(path, encoding="utf-16").text == PORTUGUESE


def test_a_cyrillic_windows_file_is_not_taken_for_a_western_one(tmp_path):
    path = tmp_path / "privet.txt"
    text = "Привет, как дела? Это тест кодировки, правда.\n" * 3
    path.write_bytes(text.encode("cp1251"))
    corpus = read_corpus(path, encoding="auto")
    assert corpus.encoding == "cp1251" and corpus.text == text


def test_an_encoding_that_does_not_fit_names_itself_and_an_unknown_one_is_refused(tmp_path):
    path = tmp_path / "aula.txt"
    data = PORTUGUESE.encode("cp1252")
    path.write_bytes(data + b"!" * (1 + len(data) % 2))  # an odd number of bytes: never UTF-16
    with pytest.raises(CorpusDecodeError) as info:
        read_corpus(path, encoding="utf-16")
    assert str(info.value).startswith("aula.txt cannot be read as utf-16: truncated data at byte ")
    with pytest.raises(CorpusError) as info:
        read_corpus(path, encoding="klingon")
    assert str(info.value) == "klingon is not a text encoding Python knows."
    with pytest.raises(CorpusError, match="base64 is not a text encoding"):
        read_corpus(path, encoding="base64")


def test_detect_encoding_prefers_windows_1252_over_look_alike_code_pages():
    """charset-normalizer alone ranks Windows-1250 first for this text; it would read "ã" as "ă"."""
    data = PORTUGUESE.encode("cp1252")
    assert detect_encoding(data) == "cp1252"
    assert detect_encoding("Größe, Übermaß und Ärger: schön, daß es „Grüße“ gibt.\n".encode("cp1252")) == "cp1252"
    assert detect_encoding(PORTUGUESE.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"") is None or detect_encoding(b"") == "utf-8"


def test_encoding_labels_are_the_names_people_know():
    assert [encoding_label(e) for e in ("utf_8", "CP1252", "latin-1", "ISO-8859-1", "utf-16", "cp1251", "nope")] \
        == ["UTF-8", "Windows-1252", "Latin-1 (ISO-8859-1)", "Latin-1 (ISO-8859-1)", "UTF-16", "CP1251", "nope"]


# --- mojibake -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
def test_a_double_encoded_file_is_detected_and_left_alone_unless_asked(tmp_path, limit):
    path = tmp_path / "copiado.txt"
    garbled = double_encoded(PORTUGUESE)
    assert "Ã§Ã£o" in garbled and "â€œ" in garbled
    path.write_text("Uma linha limpa.\n" + garbled, encoding="utf-8")  # valid UTF-8: only ftfy sees the problem
    kept = read_corpus(path, encoding="auto", in_memory_limit=limit)
    assert kept.encoding == "utf-8" and not kept.encoding_detected and not kept.repaired
    assert "".join(kept.iter_chunks()) == "Uma linha limpa.\n" + garbled  # nothing changed silently
    repairs = kept.repairs
    assert repairs.lines == 3
    assert repairs.characters == sum(not c.isascii() for c in PORTUGUESE)  # each broken letter, quote and dash
    before, after = repairs.examples[0]
    assert "Ã£" in before and "ã" in after and "Ã" not in after
    assert kept.origin().endswith(f", UTF-8, {repairs.characters} characters look garbled (not repaired)")

    fixed = read_corpus(path, encoding="auto", in_memory_limit=limit, fix_text=True)
    assert fixed.repaired and fixed.repairs == repairs
    assert "".join(fixed.iter_chunks()) == "Uma linha limpa.\n" + PORTUGUESE
    assert fixed.n_chars == len("Uma linha limpa.\n" + PORTUGUESE)
    assert fixed.read_text(max_chars=20) == "Uma linha limpa.\nA p"
    assert fixed.origin().endswith(f", UTF-8, {repairs.characters} characters repaired by ftfy")


@pytest.mark.parametrize("limit", [10**9, 100], ids=["read whole", "streamed"])
def test_mojibake_inside_question_answer_records_is_repaired_after_parsing(tmp_path, limit):
    """Escaped as \\u00c3\\u00a9, the mojibake only shows once the JSON is parsed."""
    path = tmp_path / "perguntas.jsonl"
    records = [{"question": double_encoded("O que é ação?"), "answer": double_encoded("É fazer — não só pensar.")},
               {"question": "2+2?", "answer": "4"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    kept = read_corpus(path, encoding="auto", in_memory_limit=limit)
    assert list(kept.iter_documents())[0] == double_encoded("O que é ação? É fazer — não só pensar.")
    assert kept.repairs.lines == 1
    fixed = read_corpus(path, encoding="auto", in_memory_limit=limit, fix_text=True)
    assert list(fixed.iter_documents()) == ["O que é ação? É fazer — não só pensar.", "2+2? 4"]
    assert "".join(fixed.iter_chunks()) == "O que é ação? É fazer — não só pensar.\n\n2+2? 4"


@pytest.mark.parametrize("text", [
    PORTUGUESE, ENGLISH, "NÃO SEI. SÃO PAULO, AÇÃO! À noite, ÀS VEZES.\n", "Preço: R$ 5,00 · 20°C · nº 3 · 1ª vez\n",
    "Привет, как дела?\n", "日本語のテキスト、中文文本。\n",
])
def test_clean_text_is_not_taken_for_mojibake(text):
    repairs = TextRepairs()
    assert repair_text(text, repairs) == text and not repairs


def test_repairs_count_the_characters_that_change_and_keep_distinct_examples():
    repairs = TextRepairs()
    text = "cafÃ© com pÃ£o\n" * 3 + "ok\n" + "naÃ¯ve\n"
    assert repair_text(text, repairs) == "café com pão\n" * 3 + "ok\n" + "naïve\n"
    assert (repairs.characters, repairs.lines) == (7, 4)
    assert repairs.examples == [("cafÃ© com pÃ£o", "café com pão"), ("naÃ¯ve", "naïve")]
    assert repair_text(text, TextRepairs(), apply=False) == text


@pytest.mark.parametrize("size", [1, 7, 64, 1000])
def test_streamed_repair_gives_the_same_text_and_counts_whatever_the_chunks(size):
    text = ("linha limpa\n" + double_encoded("ação e coração\n")) * 40 + "sem fim de linha: cafÃ©"
    whole = TextRepairs()
    expected = repair_text(text, whole)
    streamed = TextRepairs()
    chunks = [text[i: i + size] for i in range(0, len(text), size)]
    assert "".join(repair_chunks(chunks, streamed)) == expected
    assert streamed == whole


def test_a_line_longer_than_the_limit_is_judged_in_the_same_pieces_either_way(monkeypatch):
    import core.text_repair as text_repair

    monkeypatch.setattr(text_repair, "MAX_LINE_CHARS", 50)
    text = ("x" * 45 + "cafÃ© ") * 20 + "\n" + "fim\n"
    whole = TextRepairs()
    expected = text_repair.repair_text(text, whole)
    streamed = TextRepairs()
    assert "".join(text_repair.repair_chunks([text[i: i + 33] for i in range(0, len(text), 33)], streamed)) == expected
    assert streamed == whole and whole.lines > 0
    assert MAX_LINE_CHARS == 2**20
