"""Switching the language at run time re-translates the open window's tabs.

A recording translator notes every (context, source) the tabs ask for while they are built and
used; a marker translator then "translates" every string to «source». Every text of the
Tokenization, Attention and Next-token tabs that came from one of those sources (labels,
buttons, group boxes, tooltips, accessible names, placeholders, combo items, table headers,
tab titles, the timeline's chips and the plots' texts) must show the marker afterwards, and
must be back in English once the marker translator is removed. The Training tab is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from core.corpus import read_corpus
from gui.common.plot_canvas import LazyPlot
from gui.common.translations import CATALOG_PREFIX, translations_dir
from gui.shell.main_window import MainWindow
from tests.tiny_models import TINY_TEXT, make_tiny_gpt2

WAIT_MS = 60_000
TAB_CONTEXTS = {"TokenizationTab", "BpePanel", "AttentionTab", "SamplingTab", "TokenChipsWidget"}
MIN_LITERAL = 16  # a source with placeholders is looked for inside longer texts when this much of it is literal
MIN_SUBSTRING = 8  # a source without placeholders is looked for inside longer texts from this length on
MARKED = re.compile(r"«[^«»]*»")


class RecordingTranslator(QTranslator):
    """Keeps every string in English and remembers every (context, source) asked for.

    It answers with the source rather than "not translated", so a translator another test's
    window left installed in the application cannot turn these tests' English texts into
    another language (translators installed later are asked first, so the marker and the
    real catalogue still win)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        if context and source:
            self.seen.add((context, source))
        return source or None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


class MarkerTranslator(QTranslator):
    """Translates every string to «source», so an untranslated text stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return f"«{source}»" if source else None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


class Sources:
    """Recognises texts made from the recorded source strings."""

    def __init__(self, seen: set[tuple[str, str]]) -> None:
        self.exact: set[str] = set()
        self.inside: list[str] = []
        self.patterns: list[re.Pattern] = []
        self.whole: list[re.Pattern] = []
        for context, source in seen:
            if context not in TAB_CONTEXTS:
                continue
            parts = re.split(r"\{[^{}]*\}", source)
            if len(parts) == 1:
                self.exact.update((source, source.replace("&", "")))  # labels are shown with or without mnemonics
                if len(source) >= MIN_SUBSTRING:
                    self.inside.append(source)
            else:
                literal = sum(len(part.strip()) for part in parts)
                pattern = re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)
                if literal >= MIN_LITERAL:  # found inside longer texts (statuses, headers, readouts)
                    self.patterns.append(pattern)
                else:  # short ones ("{n} tokens") only as the whole text
                    self.whole.append(pattern)

    def match(self, text: str) -> str | None:
        """The source `text` was made from (or that it contains), or None."""
        if text in self.exact or text.replace("&&", "&") in self.exact:
            return text
        for source in self.inside:
            if source in text:
                return source
        for pattern in self.patterns:
            if pattern.search(text):
                return pattern.pattern
        for pattern in self.whole:
            if pattern.fullmatch(text):
                return pattern.pattern
        return None


def unmarked(text: str) -> str:
    """`text` without its «marked» parts (innermost first, for texts formatted into others)."""
    while True:
        stripped = MARKED.sub("", text)
        if stripped == text:
            return text
        text = stripped


def widget_texts(widget: QWidget) -> dict[str, str]:
    """Every user-visible text a widget carries, by property name."""
    texts = {"toolTip": widget.toolTip(), "accessibleName": widget.accessibleName()}
    if isinstance(widget, QLabel):
        texts["text"] = widget.text()
    if isinstance(widget, QAbstractButton):
        texts["text"] = widget.text()
    if isinstance(widget, QGroupBox):
        texts["title"] = widget.title()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        texts["placeholder"] = widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        texts["special"] = widget.specialValueText()
    if isinstance(widget, QComboBox):
        texts.update({f"item{i}": widget.itemText(i) for i in range(widget.count())})
    if isinstance(widget, QTabWidget):
        texts.update({f"tab{i}": widget.tabText(i) for i in range(widget.count())})
    if isinstance(widget, QListWidget):
        for row in range(widget.count()):
            texts[f"row{row}"] = widget.item(row).text()
            texts[f"rowTip{row}"] = widget.item(row).toolTip()
    if isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            texts[f"header{column}"] = str(header or "")
    if isinstance(widget, LazyPlot) and widget.created:
        from matplotlib.text import Text

        figure_texts = sorted({t.get_text() for t in widget.figure().findobj(Text) if t.get_text().strip()})
        texts.update({f"figure{i}": text for i, text in enumerate(figure_texts)})
    return {name: text for name, text in texts.items() if text}


def collect(root: QObject, path: str = "") -> dict[tuple[str, str], str]:
    """(widget path, property) -> text, for `root` and every widget under it."""
    found = {}
    if isinstance(root, QWidget):
        for name, text in widget_texts(root).items():
            found[(path, name)] = text
    for index, child in enumerate(root.children()):
        if isinstance(child, QWidget):
            found.update(collect(child, f"{path}/{index}:{type(child).__name__}:{child.objectName()}"))
    return found


def snapshot(window: MainWindow) -> dict[tuple[str, str], str]:
    texts = {}
    for tab in (window.tokenization_tab, window.attention_tab, window.sampling_tab):
        texts.update({(tab.objectName() + path, name): text for (path, name), text in collect(tab).items()})
    for index in (0, 1, 3):  # the Training tab's title is not checked here
        texts[("mainTabs", f"tab{index}")] = window.tabs.tabText(index)
    return texts


def figure_keys(texts: dict) -> set:
    """Figure texts are keyed by their sorted position, which a new language may change."""
    return {key for key in texts if key[1].startswith("figure")}


def visit_every_view(window: MainWindow, qtbot) -> None:
    """Show each tab and each Next-token page once, so every plot is drawn in the current language."""
    tab = window.sampling_tab
    for index in (0, 1, 3):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible())
        qtbot.wait(50)
    for page in range(tab.ui.views.count() - 1, -1, -1):  # Probabilities last: its plots need the tab visible
        tab.ui.views.setCurrentIndex(page)
        qtbot.wait(50)
    qtbot.wait(200)  # the 150 ms secondary plots


@pytest.fixture
def app(qapp):
    return QApplication.instance()


@pytest.fixture(autouse=True)
def _native_settings_in_tmp(tmp_path):
    """AppSettings uses QSettings(organization, application), which is always NativeFormat: point that
    format at the test's folder too (conftest only redirects IniFormat), and start in English."""
    from PySide6.QtCore import QSettings, QStandardPaths

    from gui.common.settings import AppSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "native-settings"))
    AppSettings().set_language("en")
    yield
    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, default)


@pytest.fixture
def recorder(app):
    recording = RecordingTranslator()
    app.installTranslator(recording)
    QCoreApplication.processEvents()
    yield recording
    app.removeTranslator(recording)
    QCoreApplication.processEvents()


@pytest.fixture
def window(qtbot, recorder, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.languages.set_language("en")  # its translators belong to the application: remove them
    QCoreApplication.processEvents()


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


def fill_every_tab(window: MainWindow, qtbot, corpus_path: Path, gpt2_dir: Path) -> None:
    """A corpus, a model, attention maps, a prediction, a Sample step and a short generation."""
    tokens, attention, sampling = window.tokenization_tab, window.attention_tab, window.sampling_tab
    window.session.set_corpus(read_corpus(corpus_path))
    with qtbot.waitSignal(window.session.model_changed, timeout=WAIT_MS):
        window.open_model(gpt2_dir)
    qtbot.waitUntil(lambda: tokens.bpe_panel.tokenizer is not None and not any(
        job.busy for job in (tokens.corpus_job, tokens.model_job, tokens.stats_job, tokens.bpe_panel.job)),
        timeout=WAIT_MS)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: attention.maps is not None and attention.explanation is not None, timeout=WAIT_MS)
    window.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: sampling.stages and sampling._computed_text == sampling.prompt_text()
                    and not sampling.runner.running, timeout=WAIT_MS)
    with qtbot.waitSignal(sampling.computed, timeout=WAIT_MS):
        sampling.sample_step()
    qtbot.waitUntil(lambda: sampling._computed_text == sampling.prompt_text(), timeout=WAIT_MS)
    sampling.ui.generation.max_tokens_spin.setValue(3)
    with qtbot.waitSignal(sampling.ui.generation.finished, timeout=WAIT_MS):
        sampling.ui.generation.generate_button.click()
    visit_every_view(window, qtbot)


def test_every_tab_text_follows_a_language_switch(window, qtbot, app, recorder, tmp_path, gpt2_dir):
    corpus_path = tmp_path / "corpus.txt"
    corpus_path.write_text(TINY_TEXT * 6 + "the end of the story. o fim da história.\n" * 20, encoding="utf-8")
    fill_every_tab(window, qtbot, corpus_path, gpt2_dir)
    english = snapshot(window)
    sources = Sources(recorder.seen)
    translatable = {key: text for key, text in english.items() if sources.match(text)}
    assert len(translatable) > 150, "too few texts recognised: the test would prove little"
    # The bars' value labels are not Text artists: the 'everything else' row says "(N tokens)".
    assert window.sampling_tab.ui.bars.rows.other_count > 0

    marker = MarkerTranslator()
    app.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        visit_every_view(window, qtbot)
        marked = snapshot(window)
        missing = {key: text for key, text in translatable.items()
                   if key not in figure_keys(translatable) and "«" not in marked.get(key, "")}
        assert not missing, f"not re-translated: {missing}"
        leftovers = {key: text for key, text in marked.items() if sources.match(unmarked(text))}
        assert not leftovers, f"English left inside re-translated texts: {leftovers}"
        for tab in ("tokenizationTab", "attentionTab", "samplingTab"):  # every plot's words changed
            english_figures = {text for key, text in translatable.items()
                               if key[0].startswith(tab) and key[1].startswith("figure")}
            marked_figures = {text for key, text in marked.items()
                              if key[0].startswith(tab) and key[1].startswith("figure")}
            stale = english_figures & marked_figures
            assert not stale, f"plot texts not re-translated: {stale}"
            assert any("«" in text for text in marked_figures) or not english_figures
        assert re.search(r"«[\d,]+ tokens»", window.sampling_tab.ui.bars.value_texts()[-1])
        # Re-translating runs no model and starts no training.
        assert not window.sampling_tab.runner.running and not window.tokenization_tab.bpe_panel.job.busy
    finally:
        app.removeTranslator(marker)
    QCoreApplication.processEvents()
    visit_every_view(window, qtbot)
    back = snapshot(window)
    changed = {key: (text, back.get(key)) for key, text in translatable.items()
               if key not in figure_keys(translatable) and back.get(key) != text}
    assert not changed, f"not back in English: {changed}"
    for key in figure_keys(translatable):
        assert translatable[key] in back.values()


def real_catalogue() -> QTranslator | None:
    catalogue = QTranslator()
    if not catalogue.load(str(translations_dir() / f"{CATALOG_PREFIX}pt_BR.qm")):
        return None
    return catalogue


def test_switching_to_pt_br_relabels_the_tabs(window, qtbot):
    catalogue = real_catalogue()
    if catalogue is None:
        pytest.skip("no compiled pt_BR catalogue")
    titles = ["1. Tokenization", "2. Attention", "3. Training", "4. Next token"]
    expected = [catalogue.translate("MainWindow", title) or title for title in titles]
    headers = {window.tokenization_tab: ("TokenizationTab", "Tokenization"),
               window.attention_tab: ("AttentionTab", "Attention"), window.sampling_tab: ("SamplingTab", "Next token")}
    try:
        window.set_language("pt_BR")
        if expected == titles:
            pytest.skip("the pt_BR catalogue does not translate the tab titles yet")
        assert [window.tabs.tabText(i) for i in range(4)] == expected
        for tab, (context, source) in headers.items():
            translated = catalogue.translate(context, source)
            if translated and translated != source:
                qtbot.waitUntil(lambda t=tab, s=translated: f"<h2>{s}</h2>" == t.header.title.text())
    finally:
        window.set_language("en")
    QCoreApplication.processEvents()
    assert [window.tabs.tabText(i) for i in range(4)] == titles
    for tab, (_context, source) in headers.items():
        qtbot.waitUntil(lambda t=tab, s=source: f"<h2>{s}</h2>" == t.header.title.text())


def test_dialogs_follow_a_language_switch(qtbot, app, recorder):
    from gui.shell.about_dialog import AboutDialog
    from gui.shell.error_dialog import ErrorDialog
    from gui.shell.shortcuts_dialog import ShortcutsDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = [ErrorDialog("ValueError: boom", "Traceback...", parent), AboutDialog(parent), ShortcutsDialog(parent)]
    english = [dialog.windowTitle() for dialog in dialogs]
    marker = MarkerTranslator()
    app.installTranslator(marker)
    try:
        QCoreApplication.processEvents()
        assert [dialog.windowTitle() for dialog in dialogs] == [f"«{title}»" for title in english]
        assert dialogs[0].copy_button.text() == "«Copy details»"
        assert "«Versions»" in dialogs[1].text.text()
        headers = [dialogs[2].table.horizontalHeaderItem(i).text() for i in range(2)]
        assert headers == ["«Action»", "«Keys»"]
    finally:
        app.removeTranslator(marker)
    QCoreApplication.processEvents()
    assert [dialog.windowTitle() for dialog in dialogs] == english
