"""Portuguese by default (issue 16): in the Portuguese UI the example texts (Next-token prompt, attention
sentence, the Tokenization tab's text, first sample button and batch sentences, the lesson's inputs) and the
default corpus are Portuguese. An unedited default follows a language change; a text the user typed, and a
corpus the user chose, stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from core.builtin_corpora import builtin_corpus, portuguese_corpus
from gui.common.default_texts import DEFAULT_TEXTS, FIELDS, default_texts, follow_language
from gui.next_token.modes import DEFAULT_PROMPT, prompt_for_language
from gui.shell.lesson_panel import lesson_inputs
from gui.shell.main_window import MainWindow

EN, PT = DEFAULT_TEXTS["en"], DEFAULT_TEXTS["pt_BR"]
# Words of everyday Portuguese that never appear in the English texts.
PORTUGUESE_WORDS = {"o", "no", "porque", "ele", "estava", "de", "em", "não", "ao", "do", "as", "leem", "gato",
                    "subiu", "modelos", "linguagem", "tokenizador", "palavras", "divide"}


def words(text: str) -> set[str]:
    return {w.strip(".,;:!?🙂").lower() for w in text.split()}


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    win = MainWindow()
    qtbot.addWidget(win)
    monkeypatch.setattr(win, "startup_model_source", lambda: None)  # the corpus only: no model to load
    win.show()
    yield win
    win.close()


def switch(win: MainWindow, language: str) -> None:
    """View > Language, then the LanguageChange events Qt posts to the widgets."""
    win.set_language(language)
    QCoreApplication.processEvents()


def shown_texts(win: MainWindow) -> dict[str, str]:
    return {
        "prompt": win.sampling_tab.prompt_text(),
        "attention": win.attention_tab.ui.text_input.text(),
        "tokenization": win.tokenization_tab.text(),
        "batch": win.tokenization_tab.batch_page.sentences.toPlainText(),
    }


def test_the_portuguese_defaults_are_portuguese_sentences_of_their_own():
    for field in FIELDS:
        english, portuguese = getattr(EN, field), getattr(PT, field)
        assert english != portuguese, field
        assert words(portuguese) & PORTUGUESE_WORDS, (field, portuguese)
        first_line = portuguese.splitlines()[0]  # the bilingual texts lead with the UI's language
        assert len(words(first_line) & PORTUGUESE_WORDS) >= 2, (field, first_line)
    assert EN.prompt == DEFAULT_PROMPT == "The cat sat on the"
    assert default_texts("xx") is EN  # an unknown language: English


def test_a_portuguese_start_shows_portuguese_texts_and_corpus(window, qtbot):
    switch(window, "pt_BR")
    window.start_session()
    assert shown_texts(window) == {"prompt": PT.prompt, "attention": PT.attention,
                                   "tokenization": PT.tokenization, "batch": PT.batch}
    corpus = window.session.corpus
    assert corpus.name == portuguese_corpus().name and corpus.n_chars == portuguese_corpus().n_chars
    assert window.session.builtin_language == "pt_BR"
    assert lesson_inputs() == {"sentence": PT.lesson_sentence, "attention": PT.attention, "prompt": PT.prompt}

    first = window.tokenization_tab.findChild(QPushButton, "sample0")
    assert first.text() == "Bilíngue" and first.toolTip() == PT.tokenization
    window.tokenization_tab.set_text("algo digitado")
    first.click()
    assert window.tokenization_tab.text() == PT.tokenization


def test_unedited_defaults_follow_the_language_and_typed_texts_stay(window, qtbot):
    assert shown_texts(window) == {"prompt": EN.prompt, "attention": EN.attention,
                                   "tokenization": EN.tokenization, "batch": EN.batch}
    switch(window, "pt_BR")
    assert shown_texts(window)["prompt"] == PT.prompt and shown_texts(window)["attention"] == PT.attention

    window.attention_tab.set_text("Minha própria frase.")  # typed: it must survive every change
    window.sampling_tab.ui.prompt.setPlainText("Era uma vez")
    switch(window, "en")
    assert shown_texts(window) == {"prompt": "Era uma vez", "attention": "Minha própria frase.",
                                   "tokenization": EN.tokenization, "batch": EN.batch}
    assert window.tokenization_tab.findChild(QPushButton, "sample0").toolTip() == EN.tokenization
    switch(window, "pt_BR")
    assert shown_texts(window)["attention"] == "Minha própria frase."
    assert shown_texts(window)["tokenization"] == PT.tokenization


def test_a_fill_mask_default_prompt_follows_too_and_an_extended_one_stays(window):
    switch(window, "pt_BR")
    assert prompt_for_language(f"{EN.prompt} <mask>.") == f"{PT.prompt} <mask>."
    assert prompt_for_language(f"{EN.prompt} [MASK].") == f"{PT.prompt} [MASK]."
    assert prompt_for_language(EN.prompt) == PT.prompt
    assert prompt_for_language(f"{EN.prompt} mat") is None  # the user went on typing
    assert prompt_for_language(PT.prompt) is None  # already the current language's
    assert follow_language("attention", EN.attention) == PT.attention
    assert follow_language("attention", EN.attention + " ") is None


def test_the_default_corpus_follows_the_language_until_the_user_picks_one(window, qtbot):
    session = window.session
    window.start_session()  # English UI: the Python documentation
    assert session.builtin_language == "en" and "documentation topics" in session.corpus.name
    switch(window, "pt_BR")
    assert session.builtin_language == "pt_BR" and session.corpus.name == portuguese_corpus().name

    menu = window.menus.builtin_corpora
    assert [a.objectName() for a in menu.actions()] == ["useBuiltinCorpus_en", "useBuiltinCorpus_pt_BR"]
    with qtbot.waitSignal(session.corpus_changed, timeout=10_000) as blocker:
        window.menus.builtin_corpus_actions["en"].trigger()  # chosen by hand: it stays English
    assert blocker.args[0].name == builtin_corpus("en").name
    switch(window, "en")
    switch(window, "pt_BR")
    assert session.builtin_language == "en" and not session.corpus_follows_language


def test_file_built_in_corpus_offers_both_languages(window, qtbot):
    actions = window.menus.builtin_corpus_actions
    assert window.menus.builtin_corpora.title() == "B&uilt-in corpus"
    assert actions["en"].text() == "&English: Python's documentation topics"
    assert actions["pt_BR"].text() == "&Portuguese: texts written for LM Anatomy"
    with qtbot.waitSignal(window.session.corpus_changed, timeout=10_000) as blocker:
        actions["pt_BR"].trigger()
    assert blocker.args[0].name == "Portuguese texts written for LM Anatomy"
    assert "Portuguese texts written for LM Anatomy" in window.corpus_label.text()
