"""The Tokenization tab in a classroom: its Export menu (charts as PNG/SVG, tables as CSV whose
contents match the tab), core warnings and errors in the user's language, numbers in the
language's format, and a keyboard-only walk through the tab."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from core.corpus import read_corpus
from core.messages import message_of
from core.tokenization.base import TokenizationError, split_held_out
from core.tokenization.statistics import compute_stats, one_hot
from gui.common.locale_numbers import locale_for
from gui.common.session import Session
from gui.common.tab_exports import FigureExport, TableExport, export_item, item_available
from gui.tokenization.bpe_views import RATIO_CHART, VOCAB_CHART, MergeTableModel, chart_figure
from gui.tokenization.exports import MERGE_HEADER, STATS_HEADER, TOKENS_HEADER
from gui.tokenization.tab import TokenizationTab
from tests.gui.tokenization.test_tab import CORPUS_TEXT, TYPED, WAIT_MS, idle
from tests.keyboard_focus import focus_walk, tab_stops

PORTUGUESE = {
    "A vocabulary of {vocab} is not above the byte alphabet plus special tokens ({base}): no merges will happen, "
    "every byte stays its own token.":
        "Um vocabulário de {vocab} não passa do alfabeto de bytes mais os tokens especiais ({base}): nenhuma "
        "fusão vai acontecer.",
    "The corpus is too small to train on: no pair of symbols occurs {n} times or more.":
        "O corpus é pequeno demais para treinar: nenhum par de símbolos aparece {n} vezes ou mais.",
}


class CoreTranslator(QTranslator):
    """Maps the English templates of core messages to Portuguese ones (nothing else)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return PORTUGUESE.get(source) if context == "CoreMessages" else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


@pytest.fixture(autouse=True)
def _english_numbers():
    QLocale.setDefault(locale_for("en"))  # the system locale may be "C" (no thousands separators)


def make_tab(qtbot, tmp_path, text: str = CORPUS_TEXT) -> TokenizationTab:
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    session = Session()
    tab = TokenizationTab(session)
    qtbot.addWidget(tab)
    tab.resize(1280, 860)
    tab.show()
    session.set_corpus(read_corpus(path))
    return tab


@pytest.fixture
def tab(qtbot, tmp_path):
    widget = make_tab(qtbot, tmp_path)
    qtbot.waitUntil(lambda: idle(widget) and widget.bpe_panel.tokenizer is not None, timeout=WAIT_MS)
    yield widget
    widget.shutdown()


def items_by_stem(tab: TokenizationTab) -> dict[str, FigureExport | TableExport]:
    return {item.file_stem: item for item in tab.export_items()}


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# --- exports ---------------------------------------------------------------------------------
def test_exports_are_disabled_while_there_is_nothing(qtbot):
    tab = TokenizationTab(Session())  # no corpus, no model: no tokenizer at all
    qtbot.addWidget(tab)
    items = tab.export_items()
    assert [type(item) for item in items] == [FigureExport, FigureExport, TableExport, TableExport, TableExport,
                                              FigureExport, TableExport, TableExport]  # + the Batch and Chat pages
    assert all(item.name() for item in items)
    assert not any(item_available(item) for item in items)
    assert all(export_item(item, "unused.csv") is None for item in items)
    tab.shutdown()


def test_the_two_charts_are_saved_as_png_and_svg(tab, tmp_path):
    items = items_by_stem(tab)
    trained, panel = tab.bpe_panel.trained_bpe, tab.bpe_panel
    panel.slider.setValue(7)
    for stem, title in (("bpe_vocabulary_size", "Vocabulary size"), ("bpe_chars_per_token", "Chars per token")):
        item = items[stem]
        assert isinstance(item, FigureExport) and item_available(item)
        png = export_item(item, tmp_path / f"{stem}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
        svg = export_item(item, tmp_path / f"{stem}.svg")
        text = svg.read_text(encoding="utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text and title in text
    # The saved figures plot the panel's curve (held-out text), with the marker at the slider.
    vocab = chart_figure(trained.curve, VOCAB_CHART, 7)
    line, marker = vocab.axes[0].lines
    assert list(line.get_xdata()) == list(trained.curve.merges)
    assert list(line.get_ydata()) == list(trained.curve.vocab_sizes)
    assert list(marker.get_xdata()) == [7, 7]
    ratio = items["bpe_chars_per_token"].figure()
    bpe_line, reference, _marker = ratio.axes[0].lines
    assert list(bpe_line.get_ydata()) == pytest.approx(trained.curve.chars_per_token)
    assert reference.get_ydata()[0] == pytest.approx(panel.word_ratio)
    assert chart_figure(trained.curve, RATIO_CHART, 0).axes[0].get_title() == "Chars per token (held-out)"


def test_the_merge_table_csv_holds_every_merge_as_shown_and_as_stored(tab, tmp_path):
    panel = tab.bpe_panel
    merges, model = panel.trained_bpe.merges, panel.table_model
    rows = read_csv(export_item(items_by_stem(tab)["bpe_merges"], tmp_path / "merges.csv"))
    assert rows[0] == list(MERGE_HEADER)
    assert len(rows) - 1 == len(merges) == panel.tokenizer.num_merges
    for rank, (row, merge) in enumerate(zip(rows[1:], merges), start=1):
        assert row == [str(rank), *row[1:4], str(merge.count), merge.left, merge.right, merge.result]
    for index in range(min(20, model.rowCount())):  # the visible labels are the table's cells
        row = rows[index + 1]
        for column, value in ((MergeTableModel.LEFT, row[1]), (MergeTableModel.RIGHT, row[2]),
                              (MergeTableModel.RESULT, row[3])):
            assert model.data(model.index(index, column)) == value
    spaced = next(row for row in rows[1:] if row[5].startswith("Ġ"))
    assert spaced[1].startswith("␣")  # shown with a visible space, stored with the byte-level Ġ


def test_the_statistics_csv_matches_the_rows_and_core(tab, tmp_path):
    tab.set_text(TYPED)
    rows = read_csv(export_item(items_by_stem(tab)["token_stats"], tmp_path / "stats.csv"))
    assert rows[0] == list(STATS_HEADER)
    train, held_out = split_held_out(CORPUS_TEXT, 0.1)
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert len(by_key) == len(rows) - 1 == 6  # characters, words, BPE: your text and held-out
    for key in ("char", "word", "bpe"):
        tokenizer = tab.rows[key].tokenizer
        for which, text in (("typed", TYPED), ("held_out", held_out)):
            stats = compute_stats(tokenizer, text)
            row = by_key[(tokenizer.name, which)]
            assert [int(row[i]) for i in (2, 3, 4, 7, 8)] == [stats.tokens, stats.characters, stats.bytes,
                                                             tokenizer.vocab_size, stats.unknown_tokens]
            assert float(row[5]) == pytest.approx(stats.chars_per_token, abs=1e-4)
            assert float(row[6]) == pytest.approx(stats.bytes_per_token, abs=1e-4)
            assert float(row[9]) == pytest.approx(stats.oov_percent, abs=1e-4)
            assert row[10] == str(stats.round_trip)
        assert tab.rows[key].stats == compute_stats(tokenizer, TYPED)
    tab.toggles["word"].click()  # a hidden row is not exported
    rows = read_csv(export_item(items_by_stem(tab)["token_stats"], tmp_path / "stats2.csv"))
    assert {row[0] for row in rows[1:]} == {tab.rows["char"].tokenizer.name, tab.rows["bpe"].tokenizer.name}


def test_the_tokens_csv_lists_each_tokenizers_tokens_with_offsets(tab, tmp_path):
    tab.set_text(TYPED)
    tab.bpe_panel.slider.setValue(3)  # the BPE row shows the text after 3 merges
    rows = read_csv(export_item(items_by_stem(tab)["tokens"], tmp_path / "tokens.csv"))
    assert rows[0] == list(TOKENS_HEADER)
    for key in ("char", "word", "bpe"):
        tokenizer = tab.rows[key].tokenizer
        mine = [row for row in rows[1:] if row[0] == tokenizer.name]
        expected = tokenizer.replay(TYPED, 3) if key == "bpe" else tokenizer.encode(TYPED)
        assert len(mine) == len(expected) > 0
        for position, (row, token) in enumerate(zip(mine, expected)):
            assert row[1:] == [str(position), token.text, TYPED[token.start:token.end], str(token.id),
                               str(token.start), str(token.end)]
    bpe_rows = [row for row in rows[1:] if row[0] == tab.rows["bpe"].tokenizer.name]
    assert len(bpe_rows) == tab.rows["bpe"].chips.chip_count()  # ASCII text: one chip per token


def test_only_the_tokenizer_files_keep_their_own_export_buttons(tab):
    exporting = [button.objectName() for button in tab.findChildren(QPushButton)
                 if "export" in button.text().lower() or "export" in button.objectName().lower()]
    assert sorted(exporting) == ["bpeExportTokenizerJson", "bpeExportVocabMerges"]


# --- core text in the user's language --------------------------------------------------------
def test_a_core_training_warning_is_shown_in_portuguese_and_back_in_english(tab, qtbot):
    panel = tab.bpe_panel
    translator = CoreTranslator()
    QApplication.installTranslator(translator)
    try:
        panel.vocab_spin.setValue(100)
        with qtbot.waitSignal(panel.trained, timeout=WAIT_MS):
            panel.train()
        qtbot.waitUntil(lambda: idle(tab), timeout=WAIT_MS)
        assert panel.message.isVisible()
        assert "Um vocabulário de 100 não passa do alfabeto de bytes" in panel.message.text()
        assert "(261)" in panel.message.text()
    finally:
        QApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: "A vocabulary of 100 is not above" in panel.message.text())  # LanguageChange


def test_a_core_error_is_shown_in_portuguese(qtbot, tmp_path):
    translator = CoreTranslator()
    QApplication.installTranslator(translator)
    tab = make_tab(qtbot, tmp_path, "ab cd")  # too small to learn any merge
    try:
        qtbot.waitUntil(lambda: idle(tab) and tab.bpe_panel.message.isVisible(), timeout=WAIT_MS)
        assert "O corpus é pequeno demais para treinar" in tab.bpe_panel.message.text()
        assert "2 vezes ou mais" in tab.bpe_panel.message.text()
    finally:
        QApplication.removeTranslator(translator)
        tab.shutdown()


def test_core_errors_carry_a_translatable_message():
    from core.tokenization.bpe import BpeTokenizer
    from core.tokenization.tokenizers import CharTokenizer

    with pytest.raises(TokenizationError) as caught:
        CharTokenizer(["a"]).decode([5])
    message = message_of(caught.value)
    assert message.context == "CoreMessages" and message.template == "Id {id} is outside the vocabulary (size {size})."
    assert str(caught.value) == "Id 5 is outside the vocabulary (size 2)." and isinstance(caught.value, ValueError)
    with pytest.raises(TokenizationError) as caught:
        BpeTokenizer.train("the cat", 300, min_frequency=0)
    assert message_of(caught.value).args == {"value": "0"}


# --- numbers in the language's format ---------------------------------------------------------
def test_stats_and_bpe_numbers_follow_the_language(tab):
    from gui.common.translations import LanguageManager

    tab.set_text(TYPED + " " + TYPED)
    panel, char_row = tab.bpe_panel, tab.rows["char"]
    characters = len(panel.trained_bpe.sample.train_text)
    held_out = char_row.held_out
    assert characters >= 1000 and held_out.characters < 1000
    english_ratio = f"{char_row.held_out.chars_per_token:.2f}"
    assert f"{characters:,}" in panel.status.text() and english_ratio in char_row.held_out_label.text()
    assert panel.vocab_spin.text() == "1,000"
    manager = LanguageManager(QApplication.instance())
    manager.set_language("pt_BR")
    QApplication.processEvents()  # the LanguageChange events
    pt_count = f"{characters:,}".replace(",", ".")
    assert pt_count in panel.status.text()  # "Trained in 0,12 s on 1.234 characters…"
    seconds = f"{panel.trained_bpe.result.seconds:.2f}".replace(".", ",")
    assert seconds in panel.status.text()
    stats = char_row.stats
    typed = char_row.typed_label.text()
    assert f"{stats.chars_per_token:.2f}".replace(".", ",") in typed
    assert f"{stats.oov_percent:.1f}%".replace(".", ",") in typed
    assert f"{stats.bytes_per_token:.2f}".replace(".", ",") in typed
    assert f"{held_out.chars_per_token:.2f}".replace(".", ",") in char_row.held_out_label.text()
    total = f"{panel.slider.maximum():,}".replace(",", ".")
    assert panel.slider_value.text() == f"{total} / {total}"
    merge = panel.trained_bpe.merges[0]
    panel.slider.setValue(1)
    assert f"{merge.count:,}".replace(",", ".") in panel.merge_label.text()
    assert panel.vocab_spin.text() == "1.000"  # the spin box too
    assert f"{tab.prepared.sample.total_chars:,}".replace(",", ".") in tab.header.status.text()
    hot = one_hot(tab.text(), tab.rows["word"].tokenizer)
    assert f"{hot.zero_percent:.2f}%".replace(".", ",") in tab.sparsity_label.text()
    manager.set_language("en")
    QApplication.processEvents()
    assert f"{characters:,}" in panel.status.text() and english_ratio in char_row.held_out_label.text()
    assert panel.vocab_spin.text() == "1,000"


# --- keyboard ---------------------------------------------------------------------------------


def test_tab_reaches_every_control_and_each_has_a_name(tab, qtbot):
    tab.activateWindow()
    qtbot.waitUntil(lambda: tab.bpe_panel.plot.created)
    visited = focus_walk(tab, tab.input)
    expected = tab_stops(tab)
    assert expected - set(visited) == set()
    assert tab.bpe_panel.plot.canvas in visited and tab.bpe_panel.table in visited
    assert tab.rows["bpe"].scroll in visited and tab.bpe_panel.slider in visited
    for widget in visited:  # buttons by their text, everything else by an accessible name
        named = widget.text() if isinstance(widget, QAbstractButton) else widget.accessibleName()
        assert named.strip(), f"{type(widget).__name__} {widget.objectName()!r} has no name"
    curve = tab.bpe_panel.trained_bpe.curve
    assert tab.bpe_panel.plot.canvas.accessibleDescription().startswith(
        f"From 0 to {curve.merges[-1]:,} merges, the vocabulary grows from {curve.vocab_sizes[0]:,} to")
    assert tab.rows["char"].scroll.accessibleName() == "Tokens: Characters"
    assert tab.rows["char"].scroll.accessibleDescription().startswith("L | a | n | g")


def test_the_tab_works_with_the_keyboard_only(tab, qtbot):
    tab.activateWindow()
    panel = tab.bpe_panel
    QTest.keyClick(tab, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # "&Text:"
    assert tab.window().focusWidget() is tab.input
    QTest.keyClick(tab.input, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(tab.retokenized, timeout=WAIT_MS):
        QTest.keyClicks(tab.input, "the cat sat")
    assert tab.text() == "the cat sat" and tab.rows["char"].chips.chip_count() == len("the cat sat")
    QTest.keyClick(tab.input, Qt.Key.Key_Tab)  # Tab leaves the text box: no tab character typed
    assert tab.text() == "the cat sat" and tab.window().focusWidget() is not tab.input
    QTest.keyClick(tab, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # "&Merges applied:"
    slider = panel.slider
    assert tab.window().focusWidget() is slider
    QTest.keyClick(slider, Qt.Key.Key_Home)
    assert slider.value() == 0 and tab.rows["bpe"].chips.chip_count() == len("the cat sat")  # one per byte
    QTest.keyClick(slider, Qt.Key.Key_Right)
    assert slider.value() == 1 and panel.merge_label.text().startswith("Merge 1:")
    QTest.keyClick(slider, Qt.Key.Key_End)
    assert slider.value() == slider.maximum() == panel.tokenizer.num_merges
    QTest.keyClick(slider, Qt.Key.Key_Left)
    assert slider.value() == slider.maximum() - 1
    QTest.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # "Vocabulary si&ze:"
    assert tab.window().focusWidget() is panel.vocab_spin
    QTest.keyClick(panel.vocab_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.vocab_spin, "290")
    with qtbot.waitSignal(panel.trained, timeout=WAIT_MS, check_params_cb=lambda trained: trained is not None):
        QTest.keyClick(tab, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # "T&rain"
    qtbot.waitUntil(lambda: idle(tab), timeout=WAIT_MS)
    assert panel.tokenizer.vocab_size == 290 and slider.maximum() == panel.tokenizer.num_merges
