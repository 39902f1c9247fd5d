"""The built-in corpora by language (core.builtin_corpora): the English Python documentation, the Portuguese
texts written for LM Anatomy (assets/corpora/pt_BR), both together for the built-in model, and the CLI names."""

from __future__ import annotations

from collections import Counter

import pytest

from core.builtin_corpora import (
    BILINGUAL_CLI_NAME,
    bilingual_corpus,
    builtin_corpus,
    by_cli_name,
    cut_near,
    language_for,
    portuguese_corpus,
    portuguese_dir,
    portuguese_files,
)
from core.corpus import builtin_corpus as python_docs_corpus

MIN_BYTES = 200 * 1024
PORTUGUESE_LETTERS = set("ãõçáéíóúâêôà")


def test_the_portuguese_corpus_is_valid_utf8_and_large_enough():
    files = portuguese_files()
    assert len(files) >= 5 and all(path.suffix == ".txt" for path in files)
    total = 0
    for path in files:
        data = path.read_bytes()
        data.decode("utf-8")  # strict: raises on a broken byte
        assert not data.startswith(b"\xef\xbb\xbf"), path  # no BOM
        assert b"\r" not in data and b"\x00" not in data, path
        total += len(data)
    assert total >= MIN_BYTES, total


def test_the_portuguese_corpus_reads_as_portuguese_prose():
    corpus = portuguese_corpus()
    text = corpus.read_text()
    assert corpus.name == "Portuguese texts written for LM Anatomy"
    assert corpus.n_documents == len(portuguese_files()) and corpus.path is None and corpus.kind == "text"
    assert corpus.n_chars == len(text) and corpus.n_bytes == len(text.encode("utf-8")) >= MIN_BYTES
    assert f"{len(portuguese_files())} files" in corpus.source and "assets/corpora/pt_BR" in corpus.source
    words = Counter(w.strip(".,;:!?—\"()").lower() for w in text.split())
    assert len(words) > 5000  # a varied vocabulary
    for common in ("que", "não", "é", "uma", "para", "tokens", "atenção", "treinamento"):
        assert words[common] > 0, common
    assert words["the"] < 5  # not English
    share = sum(c in PORTUGUESE_LETTERS for c in text.lower()) / sum(c.isalpha() for c in text)
    assert share > 0.01, share
    assert portuguese_dir().name == "pt_BR"


def test_builtin_corpus_by_language():
    assert builtin_corpus("pt_BR").name == portuguese_corpus().name
    english = builtin_corpus("en")
    assert english.name == python_docs_corpus().name and english.n_chars == python_docs_corpus().n_chars
    assert builtin_corpus("xx").name == english.name  # unknown: English
    assert language_for("pt_BR") == "pt_BR" and language_for("pt_PT") == "pt_BR"
    assert language_for("en") == "en" and language_for("de") == "en"


def test_cli_names():
    assert by_cli_name("builtin").name == python_docs_corpus().name  # "builtin" stays English
    assert by_cli_name("builtin-pt").name == portuguese_corpus().name
    assert by_cli_name(BILINGUAL_CLI_NAME).name == bilingual_corpus().name
    assert by_cli_name("corpus.txt") is None


def test_the_training_cli_opens_the_portuguese_corpus():
    from core.training.cli import open_corpus

    assert open_corpus("builtin-pt").n_chars == portuguese_corpus().n_chars
    assert open_corpus("builtin").name == python_docs_corpus().name


def test_cut_near_splits_at_a_paragraph_break():
    text = "one\n\ntwo two\n\nthree three three\n\nfour"
    head, tail = cut_near(text, 0.5)
    assert head.endswith("\n") and not head.endswith("\n\n") and tail.startswith(("two", "three"))
    assert (head + tail).replace("\n", "") == text.replace("\n", "")
    assert cut_near("no breaks here", 0.5) == ("no brea\n", "ks here\n")


def test_the_bilingual_corpus_puts_each_languages_last_tenth_at_the_end():
    both = bilingual_corpus()
    english, portuguese = python_docs_corpus().read_text(), portuguese_corpus().read_text()
    text = both.read_text()
    assert both.n_chars == len(text) and abs(len(text) - len(english) - len(portuguese)) < 100
    english_tail, portuguese_tail = cut_near(english, 0.9)[1], cut_near(portuguese, 0.9)[1]
    assert text.endswith(english_tail + "\n\n" + portuguese_tail)
    val_start = int(len(text) * 0.9)
    val = text[val_start:]
    assert english_tail[len(english_tail) // 2:] in val and portuguese_tail in val
    assert cut_near(portuguese, 0.9)[0][:-3000] in text[:val_start]  # the cuts are by paragraph: near, not at
    assert both.n_documents == python_docs_corpus().n_documents + len(portuguese_files())


@pytest.mark.parametrize("spec", ["builtin-pt", BILINGUAL_CLI_NAME])
def test_cli_help_names_the_builtin_corpora(spec):
    from core.training.cli import build_parser

    assert spec in build_parser().format_help()
