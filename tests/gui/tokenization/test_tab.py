"""The Tokenization tab: chips and numbers that match core, the merge slider, the BPE panel's
training thread, table, charts and export, the model's tokenizer row, and bad input."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from core.corpus import read_corpus
from core.tokenization.base import DISPLAY_LIMIT_CHARS, group_for_display, split_held_out
from core.tokenization.bpe import BpeTokenizer
from core.tokenization.merge_replay import Merge
from core.tokenization.statistics import SAMPLE_TEXTS, bag_of_words, compute_stats, one_hot, token_premium
from core.tokenization.tokenizers import CharTokenizer, PretrainedTokenizerView, WordTokenizer
from gui.common.session import Session
from gui.common.workers import running_threads
from gui.tokenization.bpe_views import MergeTableModel
from gui.tokenization.tab import DEFAULT_TEXT, DISPLAY_CHARS, TokenizationTab
from tests.tiny_models import TINY_TEXT

WAIT_MS = 60_000
CORPUS_TEXT = TINY_TEXT * 6 + "the end of the story. o fim da história.\n" * 20
TYPED = "the cat sat on the log.\no gato e o cachorro."


@pytest.fixture(autouse=True)
def _english_numbers():
    """Numbers as in English ("1,000"), whatever the system locale (it may be "C", without separators)."""
    from PySide6.QtCore import QLocale

    from gui.common.locale_numbers import locale_for

    QLocale.setDefault(locale_for("en"))


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(CORPUS_TEXT, encoding="utf-8")
    return read_corpus(path)


def idle(tab: TokenizationTab) -> bool:
    jobs = (tab.corpus_job, tab.model_job, tab.stats_job, tab.bpe_panel.job)
    return not any(job.busy for job in jobs)


@pytest.fixture
def tab(qtbot, corpus):
    session = Session()
    widget = TokenizationTab(session)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    session.set_corpus(corpus)
    qtbot.waitUntil(lambda: idle(widget) and widget.bpe_panel.tokenizer is not None, timeout=WAIT_MS)
    yield widget
    widget.shutdown()


def numbers(label_text: str) -> dict[str, float]:
    """The statistics written in a stats label, parsed back."""
    found = {}
    for key, pattern in (("tokens", r"([\d,]+) tokens"), ("chars", r"([\d.]+) chars/token"),
                         ("bytes", r"([\d.]+) bytes/token"), ("vocab", r"vocabulary ([\d,]+)"),
                         ("unknown", r"unknown ([\d,]+)"), ("oov", r"\(([\d.]+)% OOV\)")):
        match = re.search(pattern, label_text)
        if match:
            found[key] = float(match.group(1).replace(",", ""))
    found["round_trip"] = "round-trip ✓" in label_text
    return found


def assert_label_matches(label_text: str, stats, vocab: bool = True) -> None:
    shown = numbers(label_text)
    assert shown["tokens"] == stats.tokens
    assert shown["chars"] == pytest.approx(stats.chars_per_token, abs=0.005)
    assert shown["bytes"] == pytest.approx(stats.bytes_per_token, abs=0.005)
    assert shown["unknown"] == stats.unknown_tokens
    assert shown["oov"] == pytest.approx(stats.oov_percent, abs=0.05)
    assert shown["round_trip"] == stats.round_trip
    if vocab:
        assert shown["vocab"] == stats.vocab_size


def independent_tokenizers(tab):
    """Character and word tokenizers built here from core, plus the panel's BPE."""
    train, held_out = split_held_out(CORPUS_TEXT, 0.1)
    return {"char": CharTokenizer.from_corpus(train), "word": WordTokenizer.from_corpus(train),
            "bpe": tab.bpe_panel.tokenizer}, held_out


def test_prefilled_input_and_rows_match_core(tab):
    assert tab.findChild(type(tab.input), "tokenInput") is tab.input
    assert tab.text() == DEFAULT_TEXT and "tokens" in DEFAULT_TEXT and "não" in DEFAULT_TEXT
    tokenizers, held_out = independent_tokenizers(tab)
    for key, tokenizer in tokenizers.items():
        row = tab.rows[key]
        assert_label_matches(row.typed_label.text(), compute_stats(tokenizer, DEFAULT_TEXT))
        assert_label_matches(row.held_out_label.text(), compute_stats(tokenizer, held_out), vocab=False)
        expected = group_for_display(tokenizer.encode(DEFAULT_TEXT), DEFAULT_TEXT)
        assert row.chips.chip_count() == len(expected)
    assert not tab.rows["model"].isVisible() and not tab.toggles["model"].isVisible()


def test_typing_updates_counts(tab, qtbot):
    tab.input.clear()
    first, second = TYPED.split("\n")
    with qtbot.waitSignal(tab.retokenized, timeout=WAIT_MS):
        qtbot.keyClicks(tab.input, first)  # QTest cannot type "\n": press Return for it
        qtbot.keyClick(tab.input, Qt.Key.Key_Return)
        qtbot.keyClicks(tab.input, second)
    assert tab.text() == TYPED
    tokenizers, _ = independent_tokenizers(tab)
    for key, tokenizer in tokenizers.items():
        stats = compute_stats(tokenizer, TYPED)
        assert_label_matches(tab.rows[key].typed_label.text(), stats)
        assert tab.rows[key].stats == stats
    assert numbers(tab.rows["char"].typed_label.text())["tokens"] == len(TYPED)
    assert "✗" in tab.rows["word"].typed_label.text()  # words lose the spaces
    assert "✓" in tab.rows["bpe"].typed_label.text()
    word = tab.rows["word"].tokenizer
    hot, bag = one_hot(TYPED, word), bag_of_words(["the cat sat on the log.", "o gato e o cachorro."], word)
    assert f"{hot.rows}×{hot.columns:,}" in tab.sparsity_label.text()
    assert f"{hot.zero_percent:.2f}% zeros" in tab.sparsity_label.text()
    assert f"{bag.rows} sentences" in tab.sparsity_label.text()
    assert f"{bag.zero_percent:.2f}% zeros" in tab.sparsity_label.text()


def test_merge_slider_reforms_the_bpe_chips(tab):
    tab.set_text(TYPED)
    panel, chips = tab.bpe_panel, tab.rows["bpe"].chips
    slider = tab.findChild(type(panel.slider), "bpeMergeSlider")
    tokenizer = panel.tokenizer
    assert slider is panel.slider and slider.isEnabled()
    assert slider.maximum() == tokenizer.num_merges > 10 and slider.value() == slider.maximum()
    counts = []
    for k in range(slider.maximum() + 1):
        slider.setValue(k)
        counts.append(chips.chip_count())
    assert counts[0] == len(TYPED.encode("utf-8"))  # no merges: one chip per byte (ASCII here)
    assert all(a >= b for a, b in zip(counts, counts[1:]))
    assert counts[-1] < counts[0]
    assert counts[-1] == len(group_for_display(tokenizer.encode(TYPED), TYPED))
    slider.setValue(3)
    merge = panel.trained_bpe.merges[2]
    assert "Merge 3:" in panel.merge_label.text() and f"{merge.count:,}" in panel.merge_label.text()
    assert panel.table_model.data(panel.table_model.index(2, 0)).startswith("✓")
    assert not panel.table_model.data(panel.table_model.index(3, 0)).startswith("✓")
    assert "After 3 of" in tab.rows["bpe"].note.text()
    slider.setValue(slider.maximum())
    assert tab.rows["bpe"].note.isHidden()


def test_merge_table_and_charts_show_the_training(tab, qtbot):
    panel = tab.bpe_panel
    trained = panel.trained_bpe
    model = panel.table_model
    assert model.merge_total() == trained.tokenizer.num_merges
    first = trained.merges[0]
    assert model.data(model.index(0, MergeTableModel.COUNT)) == f"{first.count:,}"
    assert model.data(model.index(0, MergeTableModel.RESULT)) == model.data(model.index(0, 1)) + model.data(
        model.index(0, 2))
    qtbot.waitUntil(lambda: panel.plot.vocab_line is not None, timeout=WAIT_MS)
    curve = trained.tokenizer.curve(trained.sample.held_out)
    xs, ys = panel.plot.vocab_line.get_xdata(), panel.plot.vocab_line.get_ydata()
    assert list(xs) == list(curve.merges) and list(ys) == list(curve.vocab_sizes)
    assert list(panel.plot.ratio_line.get_ydata()) == pytest.approx(curve.chars_per_token)
    assert ys[-1] == trained.tokenizer.vocab_size
    panel.slider.setValue(5)
    qtbot.waitUntil(lambda: panel.plot.marker_position() == 5, timeout=WAIT_MS)


def test_merge_table_is_filled_lazily():
    merges = [Merge("a", str(i), i) for i in range(8000)]
    model = MergeTableModel()
    model.set_merges(merges, applied=10)
    assert model.rowCount() == MergeTableModel.BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * MergeTableModel.BATCH
    model.ensure_loaded(5000)
    assert 5000 < model.rowCount() < 8000
    assert model.data(model.index(5000, MergeTableModel.RIGHT)) == "5000"


def test_hiding_a_row(tab, qtbot):
    toggle, row = tab.toggles["word"], tab.rows["word"]
    assert row.isVisible()
    toggle.click()
    assert not toggle.isChecked() and row.isHidden()
    tab.set_text(TYPED)  # hidden rows are not recomputed...
    toggle.click()
    assert row.isVisible()  # ...until shown again
    assert_label_matches(row.typed_label.text(), compute_stats(row.tokenizer, TYPED))


def test_model_tokenizer_row_appears(tab, qtbot, tmp_path):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    loaded = load_model(make_tiny_gpt2(tmp_path / "gpt2"))
    tab.session.set_model(loaded)
    row = tab.rows["model"]
    assert row.isVisible() and tab.toggles["model"].isVisible()
    assert loaded.name in row.title.text()
    view = PretrainedTokenizerView(loaded.tokenizer)
    assert_label_matches(row.typed_label.text(), compute_stats(view, DEFAULT_TEXT))
    assert row.chips.chip_count() == len(group_for_display(view.encode(DEFAULT_TEXT), DEFAULT_TEXT))
    qtbot.waitUntil(lambda: idle(tab) and row.held_out is not None, timeout=WAIT_MS)
    held_out = split_held_out(CORPUS_TEXT, 0.1)[1]
    assert_label_matches(row.held_out_label.text(), compute_stats(view, held_out), vocab=False)
    assert tab.premium_combo.findData("model") >= 0


def test_chips_make_whitespace_and_unknowns_visible(tab):
    tab.set_text("the cat\nZ")
    char_chips = tab.rows["char"].chips.chips()
    assert [c.label for c in char_chips] == ["t", "h", "e", "␣", "c", "a", "t", "↵", "Z"]
    assert char_chips[7].line_break and char_chips[-1].unknown and char_chips[-1].caption == "UNK"
    assert "span" in char_chips[0].tooltip.lower() and "0–1" in char_chips[0].tooltip
    bpe_chips = tab.rows["bpe"].chips.chips()
    spaced = next(c for c in bpe_chips if c.label.startswith("␣"))
    assert "Ġ" in spaced.tooltip and "space" in spaced.tooltip
    assert all(c.caption.isdigit() for c in bpe_chips)  # byte-level BPE knows every byte


def test_hovering_a_chip_shows_its_tooltip(tab, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    tab.set_text("the cat")
    chips = tab.rows["bpe"].chips
    qtbot.waitUntil(lambda: chips.width() > 100)
    centre = chips.chip_rect(1).center()
    chips.event(QHelpEvent(QEvent.Type.ToolTip, centre, chips.mapToGlobal(centre)))
    assert QToolTip.isVisible() and QToolTip.text() == chips.chips()[1].tooltip
    assert "Token id" in QToolTip.text() and "Span: characters 3–7" in QToolTip.text()
    QToolTip.hideText()


def test_sample_buttons_and_token_premium(tab, qtbot):
    tab.sample_buttons["Português"].click()
    assert tab.text() == SAMPLE_TEXTS["Português"]
    assert tab.premium_combo.currentData() == "bpe"
    for premium in token_premium(tab.bpe_panel.tokenizer):
        assert f"{premium.name}: {premium.tokens:,} tokens, {premium.premium:.2f}×" in tab.premium_label.text()
    tab.premium_combo.setCurrentIndex(tab.premium_combo.findData("char"))
    english = len(SAMPLE_TEXTS["English"])
    assert f"English: {english:,} tokens, 1.00×" in tab.premium_label.text()


def test_vocab_below_alphabet_says_no_merges(tab, qtbot):
    panel = tab.bpe_panel
    tab.findChild(type(panel.vocab_spin), "bpeVocabSize").setValue(100)
    with qtbot.waitSignal(panel.trained, timeout=WAIT_MS):
        panel.train_button.click()
    qtbot.waitUntil(lambda: idle(tab), timeout=WAIT_MS)
    assert panel.message.isVisible() and "no merges will happen" in panel.message.text()
    assert panel.slider.maximum() == 0 and not panel.slider.isEnabled()
    tab.set_text(TYPED)
    assert tab.rows["bpe"].chips.chip_count() == len(TYPED.encode("utf-8"))


def test_corpus_too_small_to_train(qtbot, tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("ab cd", encoding="utf-8")
    session = Session()
    tab = TokenizationTab(session)
    qtbot.addWidget(tab)
    tab.show()
    session.set_corpus(read_corpus(path))
    qtbot.waitUntil(lambda: idle(tab) and tab.rows["char"].tokenizer is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.bpe_panel.message.isVisible(), timeout=WAIT_MS)
    assert "too small to train on" in tab.bpe_panel.message.text()
    assert tab.bpe_panel.tokenizer is None and not tab.bpe_panel.export_pair_button.isEnabled()
    assert "No BPE vocabulary" in tab.rows["bpe"].held_out_label.text()
    assert tab.rows["char"].chips.chip_count() == len(DEFAULT_TEXT)  # the other rows still work
    tab.shutdown()


def test_empty_text_shows_a_message(tab):
    tab.set_text("")
    assert tab.message.isVisible() and "empty" in tab.message.text()
    assert all(tab.rows[k].chips.chip_count() == 0 for k in ("char", "word", "bpe"))
    assert numbers(tab.rows["bpe"].typed_label.text())["tokens"] == 0
    tab.set_text("back again")
    assert not tab.message.isVisible()


def test_text_over_one_megabyte_is_truncated_with_a_notice(tab, qtbot):
    text = "the cat sat. " * 90_000  # 1,170,000 characters
    tab.set_text(text)
    assert tab.notice.isVisible()
    assert f"{len(text):,}" in tab.notice.text() and f"{DISPLAY_LIMIT_CHARS:,}" in tab.notice.text()
    assert tab.rows["char"].chips.chip_count() <= DISPLAY_CHARS
    qtbot.waitUntil(lambda: idle(tab) and tab.rows["char"].stats_text is not None
                    and len(tab.rows["char"].stats_text) == DISPLAY_LIMIT_CHARS, timeout=WAIT_MS)
    assert numbers(tab.rows["char"].typed_label.text())["tokens"] == DISPLAY_LIMIT_CHARS
    tab.set_text("short again")
    assert not tab.notice.isVisible()


def test_export_writes_vocab_merges_and_tokenizer_json(tab, tmp_path, monkeypatch):
    folder = tmp_path / "export"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "tokenizer.json"), ""))
    panel = tab.bpe_panel
    panel.export_pair_button.click()
    assert (folder / "vocab.json").is_file() and (folder / "merges.txt").is_file()
    panel.export_json_button.click()
    reloaded = BpeTokenizer.from_pretrained(folder / "tokenizer.json")
    assert reloaded.encode_ids(TYPED) == panel.tokenizer.encode_ids(TYPED)
    assert "tokenizer.json" in panel.status.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "t.json"), ""))
    panel.export_json_button.click()
    assert panel.message.isVisible() and "Could not export" in panel.message.text()


def test_training_thread_is_joined_and_the_newest_training_wins(tab, qtbot):
    panel = tab.bpe_panel
    panel.vocab_spin.setValue(300)
    panel.train()
    panel.vocab_spin.setValue(280)
    panel.train()  # replaces the running training
    assert panel.job.busy and panel.progress.isVisible()
    with qtbot.waitSignal(panel.job.busy_changed, timeout=WAIT_MS):
        pass
    assert panel.tokenizer.vocab_size == 280 and not panel.progress.isVisible()
    panel.train()
    thread = panel.job.task
    assert thread is not None and thread.isRunning()
    tab.shutdown()
    assert not thread.isRunning() and panel.job.task is None
    assert running_threads() == []


def test_new_corpus_rebuilds_the_vocabularies(tab, qtbot, tmp_path):
    path = tmp_path / "other.txt"
    path.write_text("zebra quagga okapi " * 200, encoding="utf-8")
    tab.session.set_corpus(read_corpus(path))
    qtbot.waitUntil(lambda: idle(tab) and tab.bpe_panel.tokenizer is not None
                    and tab.rows["char"].tokenizer is not None, timeout=WAIT_MS)
    assert tab.rows["char"].tokenizer.vocab_size == len(set("zebra quagga okapi ")) + 1
    assert "other.txt" in tab.header.status.text()


def test_large_corpus_uses_a_bounded_sample(qtbot, tmp_path, monkeypatch):
    import gui.tokenization.jobs as jobs

    monkeypatch.setattr(jobs, "CORPUS_SAMPLE_CHARS", 1000)
    path = tmp_path / "big.txt"
    path.write_text(CORPUS_TEXT, encoding="utf-8")
    session = Session()
    tab = TokenizationTab(session)
    qtbot.addWidget(tab)
    session.set_corpus(read_corpus(path))
    qtbot.waitUntil(lambda: idle(tab) and tab.prepared is not None, timeout=WAIT_MS)
    sample = tab.prepared.sample
    assert sample.sampled and len(sample.train_text) + len(sample.held_out) == 1000
    assert "only its first 1,000 characters" in tab.header.status.text()
    tab.shutdown()


def test_focus_order_reaches_the_controls(tab):
    assert tab.input.tabChangesFocus()
    for widget in (tab.input, tab.bpe_panel.slider, tab.bpe_panel.vocab_spin, tab.bpe_panel.table):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_chip_widget_follows_lines_fits_labels_and_counts_hidden(qtbot):
    from PySide6.QtGui import QFontMetricsF

    from gui.common.chips import PADDING_X, Chip, TokenChipsWidget

    widget = TokenChipsWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    labels = ["Language", "não", "↵"]
    widget.set_chips([Chip(labels[0], "1", ""), Chip(labels[1], "2", ""),
                      Chip(labels[2], "3", "", line_break=True), Chip("b", "4", "")], extra_hidden=5)
    assert widget.hidden_count() == 5 and widget.chip_count() == 4
    assert widget.chip_rect(3).left() == widget.chip_rect(0).left()  # a new line after "↵"
    assert widget.chip_rect(3).top() > widget.chip_rect(2).top()
    metrics = QFontMetricsF(widget.font())
    for index, label in enumerate(labels):  # labels fit: never elided
        assert widget.chip_rect(index).width() - 2 * PADDING_X >= metrics.horizontalAdvance(label)
    with_ids = widget.chip_rect(0).height()
    widget.show_captions = False
    assert widget.chip_rect(0).height() < with_ids  # the layout is recomputed without the id line


def test_lesson_methods_tick_every_row_and_train_bpe_only_once_the_corpus_is_read(qtbot, corpus):
    session = Session()
    tab = TokenizationTab(session)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.can_train_bpe() is False and tab.train_bpe() is False  # no corpus yet: nothing starts
    assert not tab.bpe_panel.job.busy
    session.set_corpus(corpus)
    qtbot.waitUntil(lambda: idle(tab) and tab.bpe_panel.tokenizer is not None, timeout=WAIT_MS)
    first = tab.bpe_panel.tokenizer
    tab.toggles["word"].setChecked(False)
    tab.toggles["char"].setChecked(False)
    assert tab.rows["word"].isHidden()
    tab.show_all_tokenizers()
    assert all(toggle.isChecked() for toggle in tab.toggles.values())
    assert not tab.rows["word"].isHidden() and not tab.rows["char"].isHidden()
    assert tab.can_train_bpe() is True
    with qtbot.waitSignal(tab.bpe_panel.trained, timeout=WAIT_MS):
        assert tab.train_bpe() is True
    qtbot.waitUntil(lambda: idle(tab), timeout=WAIT_MS)
    assert tab.bpe_panel.tokenizer is not first  # trained again
    tab.shutdown()
