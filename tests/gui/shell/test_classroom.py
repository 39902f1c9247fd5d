"""The window shell in the classroom: core messages and numbers in the user's language, File > Export…,
Help > Keyboard shortcuts listing what exists, and lesson notes that follow a language switch."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from core.corpus import read_corpus
from core.model.load_errors import ModelLoadError
from core.model.loading import load_model
from gui.common.locale_numbers import locale_for
from gui.common.session import corpus_description, model_description
from gui.shell.main_window import MainWindow
from tests.tiny_models import TINY_TEXT, make_tiny_gpt2

TIMEOUT = 60_000


class MarkerTranslator(QTranslator):
    """Translates every string to «source», so an untranslated text stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return f"«{source}»" if source else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


class PortugueseTranslator(QTranslator):
    """A few Portuguese entries, as the real catalogue will have them."""

    TABLE = {
        ("CoreMessages", "The folder {folder} does not exist."): "A pasta {folder} não existe.",
        ("MainWindow", "Could not load the model"): "Não foi possível carregar o modelo",
        ("CoreMessages", "{name} is empty."): "{name} está vazio.",
        ("MainWindow", "Could not open the corpus"): "Não foi possível abrir o corpus",
        ("Session", "{name}: {characters} characters"): "{name}: {characters} caracteres",
        ("CoreMessages", "causal LM"): "LM causal",
        ("Session", "{name} ({kind}, {parameters} parameters)"): "{name} ({kind}, {parameters} parâmetros)",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return self.TABLE.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture
def warnings(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def window(qtbot, warnings):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    QLocale.setDefault(locale_for("en"))


@pytest.fixture
def portuguese(qapp):
    """Portuguese texts and number format, as after View > Language > Português."""
    translator = PortugueseTranslator()
    QApplication.installTranslator(translator)
    QLocale.setDefault(locale_for("pt_BR"))
    QCoreApplication.processEvents()
    yield translator
    QApplication.removeTranslator(translator)
    QLocale.setDefault(locale_for("en"))
    QCoreApplication.processEvents()


def test_a_failed_load_reads_in_portuguese_and_stays_english_as_a_string(window, qtbot, tmp_path, warnings,
                                                                        portuguese):
    missing = tmp_path / "sem-modelo"
    with qtbot.waitSignal(window.session.model_load_failed, timeout=TIMEOUT) as failed:
        window.open_model(missing)
    message, error = failed.args
    assert isinstance(error, ModelLoadError) and str(error) == f"The folder {missing} does not exist."
    assert message == f"A pasta {missing} não existe."
    assert warnings[-1] == ("Não foi possível carregar o modelo", f"A pasta {missing} não existe.")
    empty = tmp_path / "vazio.txt"
    empty.write_text("")
    with qtbot.waitSignal(window.session.corpus_load_failed, timeout=TIMEOUT):
        window.open_corpus(empty)
    assert warnings[-1] == ("Não foi possível abrir o corpus", "vazio.txt está vazio.")


def test_status_bar_numbers_and_words_follow_the_language(window, qtbot, tmp_path, gpt2_dir):
    corpus_file = tmp_path / "historia.txt"
    corpus_file.write_text(TINY_TEXT * 8, encoding="utf-8")  # a few thousand characters
    corpus = read_corpus(corpus_file)
    window.session.set_corpus(corpus)
    with qtbot.waitSignal(window.session.model_changed, timeout=TIMEOUT) as changed:
        window.open_model(gpt2_dir)
    model = changed.args[0]
    thousands = f"{corpus.n_chars:,}"
    assert window.corpus_label.text() == f"Corpus: historia.txt: {thousands} characters"
    assert re.search(r"\(causal LM, \d+\.\d k parameters\)$", window.model_label.text())
    assert window.model_label.text() == f"Model: {model_description(model)}"

    translator = PortugueseTranslator()
    QLocale.setDefault(locale_for("pt_BR"))  # what View > Language does before its LanguageChange
    QApplication.installTranslator(translator)
    try:
        QCoreApplication.processEvents()  # the LanguageChange remakes the status bar
        assert window.corpus_label.text().endswith(f"historia.txt: {thousands.replace(',', '.')} caracteres")
        assert re.search(r"\(LM causal, \d+,\d k parâmetros\)$", window.model_label.text())
    finally:
        QLocale.setDefault(locale_for("en"))
        QApplication.removeTranslator(translator)
    QCoreApplication.processEvents()
    assert window.corpus_label.text() == f"Corpus: historia.txt: {thousands} characters"
    assert corpus_description(corpus) == corpus.summary()  # the same words as core's English summary
    assert model_description(model) == model.describe()


def test_file_export_is_the_ctrl_e_action(window):
    action = window.menus.export
    assert action is window.export_action and action in window.menus.file_menu.actions()
    assert action.text() == "&Export…"
    assert action.shortcut() == QKeySequence("Ctrl+E")
    assert QKeySequence(QKeySequence.StandardKey.Save) in action.shortcuts()  # Ctrl+S saves what is shown too
    actions = window.menus.file_menu.actions()
    assert actions.index(action) < actions.index(window.menus.quit)


def test_the_shortcuts_dialog_lists_every_key_of_the_window(window, monkeypatch):
    from gui.shell.shortcuts_dialog import ShortcutsDialog, plain_label

    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self) or 0)
    window.show_shortcuts()
    rows = shown[0].rows()
    listed = {(row.label, row.keys) for row in rows}
    expected = {(plain_label(action.text()), sequence.toString(QKeySequence.SequenceFormat.NativeText))
                for action in window.findChildren(QAction) if action.text()
                for sequence in action.shortcuts()}
    assert expected and expected <= listed
    where = {(row.label, row.keys): row.where for row in rows}
    assert where[("Export", "Ctrl+E")] == "File"
    assert where[("Open corpus", "Ctrl+O")] == "File"
    assert where[("Next tab", "Ctrl+PgDown")] == "View"
    assert ("Lesson: next step", "Alt+Right") in listed and ("Lesson: previous step", "Alt+Left") in listed
    # The tabs' main actions by their Alt+letter, under the tab's title.
    assert where[("Sample", "Alt+S")] == "4. Next token"
    assert where[("Greedy", "Alt+G")] == "4. Next token"
    assert where[("Start", "Alt+S")] == "3. Training"
    assert len(rows) == len(set(rows))


def test_lesson_notes_and_texts_follow_a_language_switch(window, qtbot, qapp, monkeypatch):
    lesson = window.lesson
    window.session.corpus = None  # step 3 explains that it needs a corpus, and skips its action
    lesson.go_to(2)
    assert lesson.panel.note.text() == "ℹ There is no corpus yet: open one with File > Open corpus, then press " \
                                       "Redo this step."
    english_title = lesson.panel.title.text()
    marker = MarkerTranslator()
    qapp.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        assert lesson.panel.note.text().startswith("ℹ «There is no corpus yet")
        assert lesson.panel.title.text() == f"«{english_title}»"
        assert lesson.panel.next_button.text() == "«Next»"
        assert lesson.shortcuts["next"].whatsThis() == "«Lesson: next step»"
    finally:
        qapp.removeTranslator(marker)
    QCoreApplication.processEvents()
    assert lesson.panel.note.text().startswith("ℹ There is no corpus yet")
    calls = []

    def failing_once() -> None:  # the lesson's call fails with a core error; the tab's own later calls do not
        calls.append(1)
        if len(calls) == 1:
            load_model("/no/model")

    monkeypatch.setattr(window.sampling_tab, "recompute", failing_once)
    lesson.go_to(4)  # the tab's action fails: the note shows the core error in the current language
    qapp.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        assert "«The folder {folder} does not exist.»".format(folder="/no/model") in lesson.panel.note.text()
    finally:
        qapp.removeTranslator(marker)
    QCoreApplication.processEvents()
    lesson.finish()


def test_about_shows_core_lines_in_the_current_language(qapp):
    from gui.shell.about_dialog import about_html

    marker = MarkerTranslator()
    qapp.installTranslator(marker)
    try:
        html = about_html()
    finally:
        qapp.removeTranslator(marker)
    assert re.search(r"«CPU: [^»]*, \d+ threads»", html)
    assert "Python at" in html and "«" in html.split("Python at")[0][-200:]
