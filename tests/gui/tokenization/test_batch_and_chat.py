"""The Tokenization tab's Batch page (padding, truncation, attention mask, token types, the share of padding)
and Chat page (templates, highlighted markers, tokens, "Use as prompt" to the Next-token tab)."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from core.tokenization.batches import padded_batch
from core.tokenization.chat import EXAMPLE_CHAT_TEMPLATES, chat_text
from gui.common.chip_grid import PAD
from gui.common.locale_numbers import locale_for
from gui.common.session import Session
from gui.common.tab_exports import export_item, item_available
from gui.tokenization.batch_page import BatchPage
from gui.tokenization.chat_page import ChatPage
from gui.tokenization.tab import TokenizationTab
from tests.tiny_models import make_tiny_gpt2, tiny_byte_level_tokenizer, tiny_wordpiece_tokenizer

TIMEOUT = 60_000


@pytest.fixture(autouse=True)
def _english_numbers():
    QLocale.setDefault(locale_for("en"))


def fake_model(tokenizer, name="tiny"):
    """What the pages read of a LoadedModel: its tokenizer and name."""
    return SimpleNamespace(tokenizer=tokenizer, name=name)


@pytest.fixture
def batch_page(qtbot):
    page = BatchPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def grid_labels(page, start, n):
    return [[cell.label for cell in row] for row in page.grid.rows()[start:start + n]]


def test_the_batch_is_the_tokenizers_own_with_pad_marked(batch_page):
    tokenizer = tiny_byte_level_tokenizer()
    batch_page.set_model(fake_model(tokenizer))
    batch_page.sentences.setPlainText("the cat\nthe cat sat on the mat\n\na dog 🙂")
    batch_page.update_batch()
    texts = ["the cat", "the cat sat on the mat", "", "a dog 🙂"]
    expected = padded_batch(tokenizer, texts)
    assert batch_page.texts == texts and batch_page.batch.input_ids == expected.input_ids
    rows = batch_page.grid.rows()
    assert len(rows) == 2 * len(texts)  # input_ids rows, then attention_mask rows (no token types for GPT-2)
    assert batch_page.grid.titles()[:2] == ["input_ids[0]", "input_ids[1]"]
    for r, (ids, mask) in enumerate(zip(expected.input_ids, expected.attention_mask)):
        assert [int(cell.caption) for cell in rows[r]] == ids
        assert [cell.style == PAD for cell in rows[r]] == [m == 0 for m in mask]
        assert [cell.label for cell in rows[len(texts) + r]] == [str(m) for m in mask]
    info = batch_page.info.text()
    assert f"{expected.n_padding} of the {expected.n_positions} positions are padding" in info
    assert "no pad token, so its end-of-text token <|endoftext|>" in info


def test_left_padding_truncation_and_max_length(batch_page):
    tokenizer = tiny_byte_level_tokenizer()
    batch_page.set_model(fake_model(tokenizer))
    batch_page.sentences.setPlainText("the cat sat on the mat. the dog sat on the log.\na cat")
    batch_page.side_combo.setCurrentIndex(batch_page.side_combo.findData("left"))
    assert batch_page.grid.rows()[1][0].style == PAD  # the short row starts with padding
    assert not batch_page.max_length_spin.isEnabled()
    batch_page.max_length_spin.setValue(8)
    batch_page.truncation_check.setChecked(True)
    assert batch_page.max_length_spin.isEnabled()
    assert [len(row) for row in batch_page.batch.input_ids] == [8, 8]
    assert batch_page.batch.truncated[0] > 0 and "Tokens cut by truncation: row 1" in batch_page.info.text()
    batch_page.padding_combo.setCurrentIndex(batch_page.padding_combo.findData("none"))
    assert batch_page.batch.attention_mask[1] == [1] * len(batch_page.batch.input_ids[1])


def test_bert_style_shows_token_type_ids_and_exports_a_table(batch_page, tmp_path):
    tokenizer = tiny_wordpiece_tokenizer()
    tokenizer.model_input_names = ["input_ids", "token_type_ids", "attention_mask"]
    batch_page.set_model(fake_model(tokenizer, "bert"))
    batch_page.sentences.setPlainText("the cat\na dog sat")
    batch_page.update_batch()
    assert batch_page.grid.titles()[-2:] == ["token_type_ids[0]", "token_type_ids[1]"]
    assert "Pad token: [PAD]" in batch_page.info.text()
    picture, table = batch_page.export_items()
    assert item_available(picture) and item_available(table)
    export_item(picture, tmp_path / "batch.png")
    assert (tmp_path / "batch.png").stat().st_size > 0
    export_item(table, tmp_path / "batch.csv")
    with open(tmp_path / "batch.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "position", "input_id", "token", "attention_mask", "token_type_id"]
    assert rows[1][:3] == ["0", "0", str(tokenizer.cls_token_id)]


def test_no_model_and_empty_input_say_what_to_do(batch_page):
    assert "Load a model" in batch_page.info.text() and batch_page.batch is None
    batch_page.set_model(fake_model(tiny_byte_level_tokenizer()))
    batch_page.sentences.setPlainText("")
    batch_page.update_batch()
    assert batch_page.batch is None and "one sentence per line" in batch_page.info.text()


def test_the_grid_is_walked_with_the_arrow_keys(batch_page):
    batch_page.set_model(fake_model(tiny_byte_level_tokenizer()))
    batch_page.update_batch()
    batch_page.grid.setFocus()
    QTest.keyClick(batch_page.grid, Qt.Key.Key_Right)
    assert batch_page.grid.current() == (0, 1)
    assert batch_page.pointed.text().startswith("Row 0, position 1:")
    QTest.keyClick(batch_page.grid, Qt.Key.Key_Down)
    assert batch_page.grid.current() == (1, 1)


# --- chat ------------------------------------------------------------------------------------------
@pytest.fixture
def chat_page(qtbot):
    page = ChatPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_examples_are_offered_and_labelled_when_the_model_has_no_template(chat_page):
    tokenizer = tiny_byte_level_tokenizer()
    chat_page.set_model(fake_model(tokenizer))
    items = [chat_page.template_combo.itemText(i) for i in range(chat_page.template_combo.count())]
    assert len(items) == 2 and all(item.startswith("Example:") and "not this model's" in item for item in items)
    expected = chat_text(tokenizer, chat_page.messages(), EXAMPLE_CHAT_TEMPLATES["chatml-example"], True)
    assert chat_page.text == expected and expected.endswith("<|im_start|>assistant\n")
    assert chat_page.rendered.toHtml().count("background-color:#ffd92f") >= 2 * 4  # every turn's two markers
    assert chat_page.chips.chip_count() > 0 and "An example template" in chat_page.note.text()
    chat_page.generation_check.setChecked(False)
    assert not chat_page.text.endswith("<|im_start|>assistant\n")
    chat_page.template_combo.setCurrentIndex(1)
    assert "### Instruction:" in chat_page.text


def test_the_models_own_template_comes_first(chat_page):
    tokenizer = tiny_byte_level_tokenizer()
    tokenizer.chat_template = ("{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}"
                               "{% if add_generation_prompt %}<assistant>{% endif %}")
    chat_page.set_model(fake_model(tokenizer))
    assert chat_page.template_combo.currentText() == "The model's own template"
    assert chat_page.text.startswith("<system>You are a helpful teacher.<user>What is a token?")
    chat_page.contents[1].setText("")
    chat_page.render()
    assert "<user>What is a token?" not in chat_page.text  # empty turns are left out
    with_prompt = []
    chat_page.prompt_chosen.connect(with_prompt.append)
    chat_page.generation_check.setChecked(False)
    chat_page.use_button.click()
    assert with_prompt and with_prompt[0].endswith("<assistant>")


def test_use_as_prompt_goes_to_the_next_token_tab(qtbot, tmp_path):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.training_tab.runs_root = tmp_path / "runs"
    window.show()
    with qtbot.waitSignal(window.session.model_changed, timeout=TIMEOUT):
        window.open_model(make_tiny_gpt2(tmp_path / "gpt2"))
    qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT)
    page = window.tokenization_tab.chat_page
    window.tokenization_tab.pages.setCurrentWidget(page)
    assert page.text
    page.use_button.click()
    assert window.tabs.currentWidget() is window.sampling_tab
    assert window.sampling_tab.prompt_text() == page.text
    window.close()


def test_the_tab_has_the_three_pages(qtbot):
    tab = TokenizationTab(Session())
    qtbot.addWidget(tab)
    assert [tab.pages.tabText(i).replace("&", "") for i in range(3)] == ["Tokenizers", "Batch", "Chat"]
    tab.shutdown()


@pytest.mark.parametrize("which", ["batch", "chat"])
def test_every_control_of_the_pages_is_reached_with_tab_and_named(qtbot, which):
    from PySide6.QtWidgets import QAbstractButton

    from tests.keyboard_focus import focus_walk, tab_stops

    page = BatchPage() if which == "batch" else ChatPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.activateWindow()
    page.set_model(fake_model(tiny_byte_level_tokenizer()))
    start = page.sentences if which == "batch" else page.role_combos[0]
    visited = focus_walk(page, start)
    assert tab_stops(page) - set(visited) == set()
    for widget in visited:
        named = widget.text() if isinstance(widget, QAbstractButton) else widget.accessibleName()
        assert named.strip(), f"{type(widget).__name__} {widget.objectName()!r} has no name"


def test_the_example_chat_is_written_in_the_ui_language_and_follows_it(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.common.translations import LanguageManager

    manager = LanguageManager(QApplication.instance())
    manager.set_language("pt_BR")
    QApplication.processEvents()
    try:
        page = ChatPage()
        qtbot.addWidget(page)
        page.set_model(fake_model(tiny_byte_level_tokenizer()))
        page.template_combo.setCurrentIndex(0)
        page.render()
        assert [line.text() for line in page.contents[:4]] == [
            "Você é um professor prestativo.", "O que é um token?",
            "Um pedaço de texto que o modelo lê como uma unidade.", "E um modelo de chat?"]
        assert "O que é um token?" in page.text and "What is a token?" not in page.text
        page.contents[3].setText("Minha pergunta")  # the user's own text stays put
        manager.set_language("en")
        QApplication.processEvents()
        assert [line.text() for line in page.contents[:4]] == [
            "You are a helpful teacher.", "What is a token?", "A piece of text the model reads as one unit.",
            "Minha pergunta"]
        page.render()
        assert "What is a token?" in page.text and "O que é um token?" not in page.text
    finally:
        manager.set_language("en")
        QApplication.processEvents()
