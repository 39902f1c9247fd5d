"""The Attention tab in a classroom: its Export menu items, the recipe of one weight in Portuguese,
numbers in the language's format, the keyboard, and the quick redraw of a head switch."""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from core.attention.maps import attention_maps
from core.attention.recipe import ExplanationUnavailable
from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.loading import load_model
from gui.attention.tab import LAYER_GRID, SINGLE, AttentionTab
from gui.common.locale_numbers import byte_size, locale_for
from gui.common.session import Session
from gui.common.tab_exports import FigureExport, TableExport, export_item
from tests.gui.attention.test_tab import TEXT, TIMEOUT, show_model
from tests.keyboard_focus import focus_walk, tab_stops
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

# CoreMessages templates (from core/attention/maps.py and core/attention/recipe.py) and a few of the tab's own strings
PORTUGUESE = {
    ("CoreMessages", "take the hidden state entering block {layer} and apply its layer norm ln_1 ({width} numbers "
                     "per token)"):
        "pegue o estado oculto que entra no bloco {layer} e aplique sua normalização ln_1 ({width} números por "
        "token)",
    ("CoreMessages", "{model} is causal: token {query} may look only at tokens 0 to {query}. Later keys get score "
                     "-inf, so their weight is exactly 0."):
        "{model} é causal: o token {query} só pode olhar para os tokens 0 a {query}. Chaves posteriores recebem "
        "pontuação -inf, então seu peso é exatamente 0.",
    ("CoreMessages", "the model's own weight"): "o peso do próprio modelo",
    ("CoreMessages", "q, query of “{token}”"): "q, consulta de “{token}”",
    ("CoreMessages", "The text is {tokens} tokens long, but {model} reads at most {limit} tokens at a time. "
                     "Shorten it by {extra} tokens."):
        "O texto tem {tokens} tokens, mas {model} lê no máximo {limit} tokens de cada vez. Encurte-o em {extra} "
        "tokens.",
    ("CoreMessages", "Not for {architecture}."): "Não para {architecture}.",
    ("AttentionTab", "step"): "passo",
}


class PortugueseTranslator(QTranslator):
    """Translates the few strings in PORTUGUESE; everything else stays English."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return PORTUGUESE.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    return load_model(make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"), n_layer=2, n_head=2, n_embd=16))


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return load_model(make_tiny_bert(tmp_path_factory.mktemp("bert"), with_mlm_head=False))


@pytest.fixture
def tab(qtbot):
    widget = AttentionTab(Session())
    qtbot.addWidget(widget)
    widget.ui.text_input.setText(TEXT)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def english_numbers():
    QLocale.setDefault(locale_for("en"))
    yield
    QLocale.setDefault(locale_for("en"))


def choose(qtbot, tab, query: int, key: int):
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        tab.select_cell(query, key)
    assert blocker.args[0] is not None
    return blocker.args[0]


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def language_change(tab: QWidget) -> None:
    QCoreApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    QApplication.processEvents()


# --- exports -----------------------------------------------------------------------------------
def test_export_items_write_the_maps_numbers_and_the_weights_steps(qtbot, tab, gpt2, tmp_path, english_numbers):
    maps = show_model(qtbot, tab, gpt2)
    assert maps.weights.shape == attention_maps(gpt2, TEXT).weights.shape
    tab.ui.layer_spin.setValue(1)
    exp = choose(qtbot, tab, 5, 2)
    heatmap, bars, matrix, steps = tab.export_items()
    assert (isinstance(heatmap, FigureExport), isinstance(bars, FigureExport)) == (True, True)
    assert (isinstance(matrix, TableExport), isinstance(steps, TableExport)) == (True, True)
    assert [item.file_stem for item in (heatmap, bars, matrix, steps)] == [
        "attention_heatmap", "attention_query_row", "attention_matrix", "attention_weight_steps"]

    rows = read_csv(export_item(matrix, tmp_path / "matrix.csv"))
    assert rows[0] == ["query \\ key", *maps.tokens]
    np.testing.assert_array_equal(np.array([r[1:] for r in rows[1:]], dtype=np.float32), maps.weights[1, 0])

    rows = read_csv(export_item(steps, tmp_path / "steps.csv"))
    assert rows[0] == ["step", "value"]
    table = dict(rows[1:])
    assert (table["layer"], table["head"]) == ("1", "0")
    assert table["query token (position)"] == f"{maps.tokens[5]} ({5})"
    assert table["key token (position)"] == f"{maps.tokens[2]} ({2})"
    q = np.array(table[f"q, query of “{maps.tokens[5]}”"].split(), dtype=np.float32)
    k = np.array(table[f"k, key of “{maps.tokens[2]}”"].split(), dtype=np.float32)
    np.testing.assert_array_equal(q, exp.q)
    np.testing.assert_array_equal(k, exp.k)
    assert float(table["q · k (multiply pairwise, add up)"]) == pytest.approx(float(q @ k), abs=1e-5)
    assert float(table["× scale 1/√d_head = 1/√8"]) == pytest.approx(8 ** -0.5)
    assert float(table["score = q · k × scale"]) == pytest.approx(float(q @ k) * 8 ** -0.5, abs=1e-5)
    assert table["causal mask"] == "not masked"
    assert float(table["softmax over the row (this recipe)"]) == pytest.approx(float(maps.weights[1, 0, 5, 2]),
                                                                                abs=1e-5)
    assert float(table["the model's own weight"]) == pytest.approx(float(maps.weights[1, 0, 5, 2]), abs=1e-7)
    assert float(table["difference from the model's weight"]) < 1e-5

    png = export_item(heatmap, tmp_path / "heatmap.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    from matplotlib.image import imread

    pixels = imread(png)[..., :3].reshape(-1, 3)
    assert len(np.unique((pixels * 255).astype(np.uint8), axis=0)) > 30  # the heatmap itself is in the file
    svg = export_item(bars, tmp_path / "bars.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "weight" in svg
    assert export_item(bars, tmp_path / "bars.png").read_bytes().startswith(b"\x89PNG")


def test_the_export_menu_of_the_window_lists_the_attention_items(qtbot, gpt2):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    button = window.export_buttons["attention"]
    button._fill_menu()
    assert [action.text() for action in button.menu().actions()] == [
        "Attention heatmap: image (PNG or SVG)…", "Where the query token looks (bars): image (PNG or SVG)…",
        "Attention matrix shown: table (CSV)…", "How one weight is computed: table (CSV)…"]
    assert not any(action.isEnabled() for action in button.menu().actions())  # no model yet
    window.close()


# --- the recipe in Portuguese ----------------------------------------------------------------------
def test_the_recipe_is_shown_translated_and_back_in_english(qtbot, tab, gpt2, tmp_path, english_numbers):
    maps = show_model(qtbot, tab, gpt2)
    choose(qtbot, tab, 4, 1)
    english = tab.ui.explanation_view.toPlainText()
    assert "take the hidden state entering block 0 and apply its layer norm ln_1 (16 numbers per token)" in english
    translator = PortugueseTranslator()
    QApplication.installTranslator(translator)
    try:
        QApplication.processEvents()  # the LanguageChange event re-makes the explanation
        text = tab.ui.explanation_view.toPlainText()
        assert "pegue o estado oculto que entra no bloco 0 e aplique sua normalização ln_1 (16 números por token)" \
            in text
        assert f"{gpt2.name} é causal: o token 4 só pode olhar para os tokens 0 a 4." in text
        assert f"q, consulta de “{maps.tokens[4]}”" in text and "o peso do próprio modelo" in text
        assert "take the hidden state" not in text
        rows = read_csv(export_item(tab.export_items()[3], tmp_path / "passos.csv"))
        assert rows[0][0] == "passo" and "o peso do próprio modelo" in [row[0] for row in rows]

        tab.ui.text_input.setText("the cat sat on the mat. " * 20)  # too long: the core error, translated
        qtbot.waitUntil(lambda: "O texto tem" in tab.ui.message_label.text(), timeout=TIMEOUT)
        assert f"mas {gpt2.name} lê no máximo 64 tokens de cada vez" in tab.ui.message_label.text()
    finally:
        QApplication.removeTranslator(translator)
    QApplication.processEvents()
    assert "The text is" in tab.ui.message_label.text() and "reads at most 64 tokens" in tab.ui.message_label.text()
    assert "take the hidden state entering block 0" in tab.ui.explanation_view.toPlainText()


def test_an_unavailable_explanation_is_translated(qtbot, tab, gpt2, monkeypatch):
    import core.attention.recipe

    show_model(qtbot, tab, gpt2)

    def unavailable(*_args):
        raise ExplanationUnavailable(Message(QT_TRANSLATE_NOOP("CoreMessages", "Not for {architecture}."),
                                             {"architecture": "Llama"}))

    monkeypatch.setattr(core.attention.recipe, "explain_weight", unavailable)
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT):
        tab.select_cell(2, 0)
    assert tab.ui.explanation_view.toPlainText() == "Not for Llama."
    translator = PortugueseTranslator()
    QApplication.installTranslator(translator)
    try:
        QApplication.processEvents()
        assert tab.ui.explanation_view.toPlainText() == "Não para Llama."
    finally:
        QApplication.removeTranslator(translator)


def test_an_encoder_recipe_has_no_causal_mask_and_says_so(qtbot, tab, encoder, tmp_path):
    show_model(qtbot, tab, encoder)
    exp = choose(qtbot, tab, 1, 3)
    assert not exp.is_causal
    table = dict(read_csv(export_item(tab.export_items()[3], tmp_path / "steps.csv"))[1:])
    assert table["mask"] == "not masked" and "causal mask" not in table
    assert "there is no padding to hide" in tab.ui.explanation_view.toPlainText()


# --- numbers ---------------------------------------------------------------------------------------
def test_numbers_follow_the_language_and_are_remade_on_a_change(qtbot, tab, gpt2, english_numbers):
    maps = show_model(qtbot, tab, gpt2)
    tab.ui.layer_spin.setValue(1)
    exp = choose(qtbot, tab, 5, 2)
    size = int(maps.weights.nbytes)
    assert 1000 < size < 1_000_000  # a kB figure with one decimal
    assert byte_size(size) in tab.ui.message_label.text() and "." in byte_size(size)
    weight = float(maps.weights[1, 0, 5, 2])
    tab.ui.heatmap._hover((5, 2))
    assert tab.ui.readout.text().endswith(f"{weight:.4f}")

    QLocale.setDefault(locale_for("pt_BR"))
    language_change(tab)
    portuguese_memory = byte_size(size)
    assert "," in portuguese_memory and "." not in portuguese_memory
    assert f"T = {maps.n_tokens} tokens" in tab.ui.message_label.text()
    assert portuguese_memory in tab.ui.message_label.text()
    assert tab.ui.readout.text().endswith(f"{weight:.4f}".replace(".", ","))
    top = tab.ui.top_label.text()
    best = max(range(6), key=lambda j: float(maps.weights[1, 0, 5, j]))
    assert f"{float(maps.weights[1, 0, 5, best]):.2f}".replace(".", ",") in top
    explanation = tab.ui.explanation_view.toPlainText()
    assert f"{exp.model_weight:.6f}".replace(".", ",") in explanation
    assert f"{exp.model_weight:.6f}" not in explanation
    assert re.search(r"\[[+-]\d,\d{3}; [+-]\d,\d{3}; ", explanation)  # q's numbers: "; " between them

    QLocale.setDefault(locale_for("en"))
    language_change(tab)
    assert byte_size(size) in tab.ui.message_label.text() and f"{exp.model_weight:.6f}" in \
        tab.ui.explanation_view.toPlainText()


def test_memory_text_in_both_languages(english_numbers):
    assert byte_size(512) == "512 B" and byte_size(12_544) == "12.5 kB"
    assert byte_size(604 * 2**20) == "633.3 MB"
    QLocale.setDefault(locale_for("pt_BR"))
    assert byte_size(12_544) == "12,5 kB" and byte_size(3_500_000_000) == "3,5 GB"


# --- keyboard --------------------------------------------------------------------------------------


def test_tab_reaches_every_control_and_the_heatmap_has_a_name(qtbot, tab, gpt2):
    show_model(qtbot, tab, gpt2)
    tab.activateWindow()
    visited = focus_walk(tab, tab.ui.text_input)
    expected = tab_stops(tab)
    assert expected - set(visited) == set()
    canvas = tab.ui.heatmap.canvas
    for widget in (tab.ui.view_combo, tab.ui.layer_spin, tab.ui.head_spin, tab.ui.query_combo, tab.ui.key_combo,
                   canvas, tab.ui.explanation_view):
        assert widget in visited
    assert visited.index(tab.ui.head_spin) < visited.index(canvas) < visited.index(tab.ui.query_combo)
    for widget in visited:
        named = widget.text() if isinstance(widget, QAbstractButton) else widget.accessibleName()
        if widget not in (tab.ui.layer_spin, tab.ui.head_spin, tab.ui.view_combo, tab.ui.colormap_combo,
                          tab.ui.query_combo, tab.ui.key_combo):  # those are named by their buddy labels
            assert named.strip(), f"{type(widget).__name__} {widget.objectName()!r} has no name"
    assert canvas.accessibleName() == "Attention heatmap: query tokens in rows, key tokens in columns"
    assert "Arrow keys" in canvas.accessibleDescription()
    assert tab.ui.bars.canvas.accessibleName().startswith("Bar chart")
    tab.set_view_mode(LAYER_GRID)
    assert tab.ui.grid_view.canvas.accessibleName().startswith("Attention thumbnails")


def test_choosing_layer_head_query_and_key_with_keys_only(qtbot, tab, gpt2):
    maps = show_model(qtbot, tab, gpt2)
    tab.activateWindow()
    QTest.keyClick(tab, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "Vie&w:" (Alt+V opens the View menu)
    assert tab.window().focusWidget() is tab.ui.view_combo
    QTest.keyClick(tab, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # "L&ayer:"
    assert tab.window().focusWidget() is tab.ui.layer_spin
    QTest.keyClick(tab.ui.layer_spin, Qt.Key.Key_Up)
    QTest.keyClick(tab, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # "H&ead:" (Alt+H opens the Help menu)
    QTest.keyClick(tab.ui.head_spin, Qt.Key.Key_Up)
    assert tab.window().focusWidget() is tab.ui.head_spin
    assert (tab.ui.layer_spin.value(), tab.ui.head_spin.value()) == (1, 1)
    np.testing.assert_allclose(tab.heatmap_image().get_array().data, maps.weights[1, 1], atol=1e-7)

    QTest.keyClick(tab, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # "&Query token:"
    assert tab.window().focusWidget() is tab.ui.query_combo
    QTest.keyClick(tab.ui.query_combo, Qt.Key.Key_Home)
    for _ in range(4):
        QTest.keyClick(tab.ui.query_combo, Qt.Key.Key_Down)
    assert tab.query == 4
    np.testing.assert_allclose(tab.focus_bars(), maps.weights[1, 1, 4], atol=1e-7)
    QTest.keyClick(tab, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Key token:"
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        QTest.keyClick(tab.ui.key_combo, Qt.Key.Key_Home)
    assert tab.key == 0
    exp = blocker.args[0]
    assert (exp.layer, exp.head, exp.query, exp.key) == (1, 1, 4, 0)
    assert exp.model_weight == pytest.approx(float(maps.weights[1, 1, 4, 0]), abs=1e-6)

    canvas = tab.ui.heatmap.canvas  # on the heatmap itself, the arrow keys move the chosen cell
    canvas.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        QTest.keyClick(canvas, Qt.Key.Key_Down)
    assert (tab.query, tab.key) == (5, 2) == (blocker.args[0].query, blocker.args[0].key)
    assert tab.ui.key_combo.currentIndex() == 2 and tab.ui.query_combo.currentIndex() == 5
    assert tab.ui.readout.text().startswith(f"from “{maps.tokens[5]}” → to “{maps.tokens[2]}”")
    QTest.keyClick(canvas, Qt.Key.Key_End)
    assert tab.key == maps.n_tokens - 1  # masked (a later token): chosen, shown as masked
    assert "masked" in tab.ui.readout.text()


def test_moved_cell_stays_inside_the_map():
    from gui.attention.views import moved_cell

    assert moved_cell((0, 0), "up", 5) == (0, 0) and moved_cell((4, 4), "right", 5) == (4, 4)
    assert moved_cell((2, None), "left", 5) == (2, 1) and moved_cell((None, None), "down", 5) == (4, 4)
    assert moved_cell((2, 3), "home", 5) == (2, 0) and moved_cell((2, 3), "end", 5) == (2, 4)
    assert moved_cell((2, 3), "a", 5) is None and moved_cell((None, None), "up", 0) is None


# --- quick redraw ------------------------------------------------------------------------------------
def test_a_head_switch_repaints_only_the_image_and_keeps_the_layout(qtbot, tab, gpt2, tmp_path):
    maps = show_model(qtbot, tab, gpt2)
    heatmap = tab.ui.heatmap
    quick = heatmap.quick
    qtbot.waitUntil(lambda: quick.can_blit(), timeout=TIMEOUT)
    full_draws, layouts = quick.full_draws, quick.layouts
    positions = heatmap.axes.get_position().bounds
    for head in (1, 0, 1):
        tab.ui.head_spin.setValue(head)
        heatmap._redraw.stop()
        heatmap.draw_now()
        np.testing.assert_allclose(heatmap.image.get_array().data, maps.weights[0, head], atol=1e-7)
    assert (quick.full_draws, quick.layouts) == (full_draws, layouts)  # blitted, no full draw
    assert heatmap.axes.get_position().bounds == positions
    assert heatmap.axes.get_title() == "Layer 0, head 1"

    rgba = np.asarray(heatmap.canvas.buffer_rgba())[..., :3].copy()
    heatmap.canvas.draw()  # a full draw of the same state paints the same pixels
    np.testing.assert_array_equal(np.asarray(heatmap.canvas.buffer_rgba())[..., :3], rgba)

    tab.ui.colormap_combo.setCurrentText("cividis")  # the colorbar changes: one full draw, laid out again
    heatmap._redraw.stop()
    heatmap.draw_now()
    qtbot.waitUntil(lambda: quick.can_blit(), timeout=TIMEOUT)
    assert quick.layouts == layouts + 1
    export_item(tab.export_items()[0], tmp_path / "after.png")  # an export draws every artist...
    assert not quick.can_blit()
    tab.ui.head_spin.setValue(0)
    qtbot.waitUntil(lambda: quick.can_blit(), timeout=TIMEOUT)  # ...and the screen goes back to blitting
    assert tab.view_mode() == SINGLE
