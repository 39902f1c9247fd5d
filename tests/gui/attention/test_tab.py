"""The Attention tab on tiny random models: heatmap data, selectors, focus bars, explanations, grids, errors."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from core.model.loading import load_model
from gui.attention.tab import LAYER_GRID, MODEL_GRID, SINGLE, AttentionTab
from gui.common.session import Session
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

TIMEOUT = 30_000
TEXT = "the cat sat on the mat"


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
    return widget


def show_model(qtbot, tab, loaded):
    """Set `loaded` into the session and wait for the maps and the first explanation."""
    with qtbot.waitSignals([tab.maps_changed, tab.explanation_changed], timeout=TIMEOUT):
        tab.session.set_model(loaded)
    return tab.maps


def shown(tab) -> np.ma.MaskedArray:
    return tab.heatmap_image().get_array()


def tick_texts(axis) -> list[str]:
    return [label.get_text() for label in axis.get_ticklabels()]


def test_no_model_shows_a_message(tab):
    assert "No model" in tab.ui.message_label.text()
    assert tab.maps is None and tab.heatmap_image() is None


def test_heatmap_is_the_chosen_head_with_a_causal_mask(qtbot, tab, gpt2):
    maps = show_model(qtbot, tab, gpt2)
    assert tab.findChild(type(tab.ui.text_input), "attentionInput") is tab.ui.text_input
    assert maps.n_layers == 2 and maps.n_heads == 2 and maps.is_causal
    array = shown(tab)
    np.testing.assert_allclose(array.data, maps.weights[0, 0], atol=1e-7)
    np.testing.assert_array_equal(np.ma.getmaskarray(array), np.triu(np.ones((maps.n_tokens,) * 2, bool), 1))
    axes = tab.heatmap_image().axes
    assert tick_texts(axes.xaxis) == maps.tokens and tick_texts(axes.yaxis) == maps.tokens
    assert tab.heatmap_image().get_cmap().name.startswith("viridis")

    tab.ui.layer_spin.setValue(1)
    tab.ui.head_spin.setValue(1)
    np.testing.assert_allclose(shown(tab).data, maps.weights[1, 1], atol=1e-7)
    tab.ui.mean_check.setChecked(True)
    assert not tab.ui.head_spin.isEnabled()
    np.testing.assert_allclose(shown(tab).data, maps.weights[1].mean(0), atol=1e-6)
    assert "mean of 2 heads" in axes.get_title()


def test_colour_options(qtbot, tab, gpt2):
    show_model(qtbot, tab, gpt2)
    from matplotlib.colors import LogNorm

    tab.ui.colormap_combo.setCurrentText("cividis")
    tab.ui.log_check.setChecked(True)
    image = tab.heatmap_image()
    assert image.get_cmap().name.startswith("cividis")
    assert isinstance(image.norm, LogNorm) and 0 < image.norm.vmin < 0.05 and image.norm.vmax == 1


def test_row_focus_hover_and_explanation(qtbot, tab, gpt2):
    maps = show_model(qtbot, tab, gpt2)
    tab.ui.layer_spin.setValue(1)
    tab.focus_query(3)
    np.testing.assert_allclose(tab.focus_bars(), maps.weights[1, 0, 3], atol=1e-7)
    assert tab.ui.query_combo.currentIndex() == 3

    axes = tab.heatmap_image().axes
    tab.ui.heatmap._on_motion(SimpleNamespace(inaxes=axes, xdata=1.2, ydata=2.9))
    expected = f"from “{maps.tokens[3]}” → to “{maps.tokens[1]}”: {maps.weights[1, 0, 3, 1]:.4f}"
    assert tab.ui.readout.text() == expected
    tab.ui.heatmap._on_motion(SimpleNamespace(inaxes=axes, xdata=4.0, ydata=2.0))
    assert "masked" in tab.ui.readout.text()

    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        tab.ui.heatmap._on_press(SimpleNamespace(inaxes=axes, xdata=1.0, ydata=4.1))  # a click on cell (4, 1)
    explanation = blocker.args[0]
    assert tab.explanation is explanation
    assert (explanation.layer, explanation.head, explanation.query, explanation.key) == (1, 0, 4, 1)
    assert explanation.model_weight == pytest.approx(float(maps.weights[1, 0, 4, 1]), abs=1e-5)
    assert explanation.weight == pytest.approx(explanation.model_weight, abs=1e-4)
    np.testing.assert_allclose(tab.focus_bars(), maps.weights[1, 0, 4], atol=1e-7)
    text = tab.ui.explanation_view.toPlainText()
    assert "q · k" in text and "1/√8" in text and f"{explanation.model_weight:.6f}" in text


def test_mean_of_heads_and_unsupported_models_explain_why(qtbot, tab, gpt2, monkeypatch):
    show_model(qtbot, tab, gpt2)
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT):
        tab.ui.mean_check.setChecked(True)
    assert tab.explanation is None and "mean of the heads" in tab.ui.explanation_view.toPlainText()

    import core.attention.recipe

    def unavailable(*_args):
        raise core.attention.recipe.ExplanationUnavailable("Not for this architecture.")

    monkeypatch.setattr(core.attention.recipe, "explain_weight", unavailable)
    tab.ui.mean_check.setChecked(False)
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        tab.select_cell(2, 0)
    assert blocker.args[0] is None and tab.ui.explanation_view.toPlainText() == "Not for this architecture."


def test_encoder_is_full_and_hiding_specials_renormalises(qtbot, tab, encoder):
    maps = show_model(qtbot, tab, encoder)
    assert not maps.is_causal and maps.tokens[0] == "[CLS]" and maps.tokens[-1] == "[SEP]"
    array = shown(tab)
    assert not np.ma.getmaskarray(array).any()
    np.testing.assert_allclose(array.data, maps.weights[0, 0], atol=1e-7)
    assert np.triu(array.data, 1).sum() > 0  # tokens look at later tokens too
    assert tab.ui.note_label.isHidden()

    tab.select_cell(3, 5)  # "sat" looks at "the": the same tokens stay chosen when [CLS] disappears
    with qtbot.waitSignals([tab.maps_changed, tab.explanation_changed], timeout=TIMEOUT):
        tab.ui.hide_check.setChecked(True)
    hidden = tab.maps
    assert (tab.query, tab.key) == (2, 4)
    assert hidden.renormalized and "[CLS]" not in hidden.tokens and "[SEP]" not in hidden.tokens
    np.testing.assert_allclose(shown(tab).data.sum(axis=1), 1.0, atol=1e-5)
    assert tab.ui.note_label.isVisible() and "rescaled to sum to 1" in tab.ui.note_label.text()
    assert tick_texts(tab.heatmap_image().axes.xaxis) == hidden.tokens
    with qtbot.waitSignal(tab.explanation_changed, timeout=TIMEOUT) as blocker:
        tab.select_cell(0, 1)
    explanation = blocker.args[0]  # indices are converted back to the model's input positions
    assert (explanation.query, explanation.key) == (hidden.positions[0], hidden.positions[1]) == (1, 2)
    assert explanation.model_weight == pytest.approx(float(maps.weights[0, 0, 1, 2]), abs=1e-5)


def test_bad_text_shows_a_message_and_keeps_the_display(qtbot, tab, gpt2):
    maps = show_model(qtbot, tab, gpt2)
    tab.ui.text_input.setText("the cat sat on the mat. " * 20)
    qtbot.waitUntil(lambda: "at most 64 tokens" in tab.ui.message_label.text(), timeout=TIMEOUT)
    assert tab.maps is maps
    np.testing.assert_allclose(shown(tab).data, maps.weights[0, 0], atol=1e-7)
    tab.ui.text_input.setText("")
    qtbot.waitUntil(lambda: "no text" in tab.ui.message_label.text(), timeout=TIMEOUT)
    assert tab.maps is maps
    with qtbot.waitSignal(tab.maps_changed, timeout=TIMEOUT) as blocker:
        tab.ui.text_input.setText("o gato")
    assert blocker.args[0].n_tokens < maps.n_tokens and "o gato" not in tab.ui.message_label.text()


def test_model_without_attention_says_why(qtbot, tab):
    from core.messages import Message

    reason = Message("{name} cannot show attention.", {"name": "fake"})
    fake = SimpleNamespace(name="fake", can=lambda _c: False, why_not=lambda _c: str(reason),
                           unavailable_reason=lambda _c: reason)
    tab.session.set_model(fake)
    assert tab.ui.message_label.text() == "fake cannot show attention."


def test_grids_show_every_head_and_open_on_click(qtbot, tab, gpt2):
    maps = show_model(qtbot, tab, gpt2)
    tab.ui.layer_spin.setValue(1)
    tab.set_view_mode(LAYER_GRID)
    assert tab.ui.stack.currentIndex() == 1
    grid = tab.ui.grid_view
    tiles, cols, size, step = grid.geometry_cells
    assert (tiles, cols, size) == (2, 2, maps.n_tokens)
    image = grid.image.get_array()
    np.testing.assert_allclose(image.data[:size, step:step + size], maps.weights[1, 1], atol=1e-6)
    grid._on_press(SimpleNamespace(inaxes=grid.image.axes, xdata=step + 1.0, ydata=2.0))
    assert tab.view_mode() == SINGLE and tab.ui.head_spin.value() == 1 and tab.ui.layer_spin.value() == 1
    np.testing.assert_allclose(shown(tab).data, maps.weights[1, 1], atol=1e-7)

    tab.set_view_mode(MODEL_GRID)
    tiles, cols, size, step = grid.geometry_cells
    assert (tiles, cols) == (4, 2) and grid.image.get_array().shape == (2 * step - (step - size),) * 2
    assert tick_texts(grid.image.axes.yaxis) == ["layer 0", "layer 1"]
    grid._on_motion(SimpleNamespace(inaxes=grid.image.axes, xdata=1.0, ydata=step + 1.0))
    assert tab.ui.grid_readout.text().startswith("Layer 1, head 0")
    tab.open_tile(2)
    assert (tab.ui.layer_spin.value(), tab.ui.head_spin.value(), tab.view_mode()) == (1, 0, SINGLE)


def test_thumbnails_of_long_texts_are_downsampled():
    from gui.attention.views import THUMBNAIL_CELLS, mosaic, tick_positions

    matrices = np.random.default_rng(0).random((3, 130, 130)).astype(np.float32)
    image, size, step = mosaic(matrices, causal=True, cols=2)
    assert size <= THUMBNAIL_CELLS and image.shape == (2 * step - (step - size), 2 * step - (step - size))
    assert np.ma.getmaskarray(image)[0, size - 1] and not np.ma.getmaskarray(image)[size - 1, 0]
    assert len(tick_positions(130)) <= 40 and tick_positions(12) == list(range(12))


def test_typing_is_debounced_and_a_hidden_tab_waits(qtbot, tab, gpt2):
    tab.hide()
    tab.session.set_model(gpt2)
    assert tab.jobs.task is None and not tab._debounce.isActive()  # nothing runs for a hidden tab
    with qtbot.waitSignal(tab.maps_changed, timeout=TIMEOUT):
        tab.show()
    for text in ("o", "o ga", "o gato"):
        tab.ui.text_input.setText(text)
    assert tab._debounce.isActive() and tab.jobs.waiting("maps") is None  # one request, 300 ms after the last keystroke
    with qtbot.waitSignal(tab.maps_changed, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args[0].token_ids == gpt2.encode("o gato")


def test_set_text_shows_the_maps_of_that_text(qtbot, tab, gpt2):
    show_model(qtbot, tab, gpt2)
    with qtbot.waitSignal(tab.maps_changed, timeout=TIMEOUT) as blocker:
        tab.set_text("o gato")  # what lesson mode calls: the input box, then the usual debounced maps
    assert tab.ui.text_input.text() == "o gato"
    assert blocker.args[0] is tab.maps and tab.maps.token_ids == gpt2.encode("o gato")


def test_status_names_tokens_layers_heads_and_memory_and_the_caveat_is_shown(qtbot, tab, gpt2):
    from gui.common.locale_numbers import byte_size

    maps = show_model(qtbot, tab, gpt2)
    message = tab.ui.message_label.text()
    assert f"T = {maps.n_tokens} tokens" in message and "2 layers × 2 heads" in message
    assert byte_size(maps.weights.nbytes) in message and message.endswith("B.")
    assert tab.ui.caveat_label.isVisible()
    assert tab.ui.caveat_label.text() == ("Attention weights show where information flows, not why the model "
                                          "decided.")


def test_export_items_save_the_matrix_and_the_plot_shown(qtbot, tab, gpt2, tmp_path):
    import csv

    from gui.common.tab_exports import FigureExport, TableExport, export_item, item_available

    items = tab.export_items()
    assert [type(item) for item in items] == [FigureExport, FigureExport, TableExport, TableExport]
    assert not any(item_available(item) for item in items)  # nothing to export yet
    assert export_item(items[2], tmp_path / "nothing.csv") is None and not (tmp_path / "nothing.csv").exists()
    maps = show_model(qtbot, tab, gpt2)
    tab.ui.layer_spin.setValue(1)
    tab.ui.head_spin.setValue(1)
    heatmap, bars, matrix, _steps = tab.export_items()
    assert heatmap.name() == "Attention heatmap" and matrix.file_stem == "attention_matrix"

    with open(export_item(matrix, tmp_path / "matrix.csv"), newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["query \\ key", *maps.tokens] and [row[0] for row in rows[1:]] == maps.tokens
    values = np.array([[float(v) for v in row[1:]] for row in rows[1:]], dtype=np.float32)
    np.testing.assert_array_equal(values, tab.current_matrix())
    np.testing.assert_array_equal(values, shown(tab).data)
    np.testing.assert_array_equal(values, maps.weights[1, 1])

    assert export_item(heatmap, tmp_path / "plot.png").read_bytes().startswith(b"\x89PNG")
    tab.set_view_mode(LAYER_GRID)
    grid = tab.export_items()[0]
    assert grid.name() == "Attention thumbnails" and grid.file_stem == "attention_thumbnails"
    svg = export_item(grid, tmp_path / "plot.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and len(svg) > 1000
    from PySide6.QtWidgets import QAbstractButton

    assert not [b for b in tab.findChildren(QAbstractButton) if "Export" in b.text()]  # the header menu only
