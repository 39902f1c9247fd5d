"""The Next-token tab's public methods that lesson mode (gui/shell/lesson_mode.py) drives: show_page,
set_temperature, set_prompt, can_predict_next_token, is_computing, warning_text (and sample_step
with the computed signal), each checked against what the tab then shows."""

from __future__ import annotations

import pytest
import torch

from core.model.loading import load_model
from core.next_token.prediction import NextTokenPredictor
from core.next_token.sampling import final_distribution
from core.tokenization.token_labels import token_label
from gui.common.session import Session
from gui.next_token.tab import DEFAULT_PROMPT, SamplingTab
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

torch.set_num_threads(1)
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture
def gpt2(gpt2_dir):
    return load_model(gpt2_dir)


@pytest.fixture
def tab(qtbot):
    widget = SamplingTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def set_model(qtbot, tab, loaded):
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.session.set_model(loaded)


def test_show_page_selects_the_named_page(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    views = tab.ui.views
    assert views.currentWidget() is tab.ui.page
    tab.show_page("temperatures")
    assert views.currentWidget() is tab.ui.temperature_plot
    qtbot.waitUntil(lambda: bool(tab.ui.temperature_plot.heights_by_temperature), timeout=WAIT_MS)  # and drawn
    tab.show_page("probabilities")
    assert views.currentWidget() is tab.ui.page
    for name, widget in (("compare", tab.ui.compare), ("generation", tab.ui.generation),
                         ("precision", tab.ui.precision)):
        tab.show_page(name)
        assert views.currentWidget() is widget
    with pytest.raises(ValueError, match="unknown Next-token page"):
        tab.show_page("nowhere")
    assert views.currentWidget() is tab.ui.precision  # an unknown name changes nothing


def test_set_temperature_changes_the_settings_and_the_bars(tab, qtbot, gpt2, monkeypatch):
    set_model(qtbot, tab, gpt2)
    before = tab.bar_heights()
    tab.set_temperature(0.4)
    assert tab.sampling_settings().temperature == pytest.approx(0.4)
    assert tab.ui.controls.temperature.value() == pytest.approx(0.4)
    expected = final_distribution(NextTokenPredictor(gpt2).logits_for(DEFAULT_PROMPT), temperature=0.4)
    assert torch.allclose(tab.current_distribution, expected)
    assert tab.bar_heights() != before and max(tab.bar_heights()) > max(before)  # colder: sharper
    monkeypatch.setattr(tab, "recompute", lambda: pytest.fail("a temperature change ran the model"))
    tab.set_temperature(1.5)
    assert tab.sampling_settings().temperature == pytest.approx(1.5)


def test_set_prompt_runs_the_model_for_the_new_prompt(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    assert not tab.is_computing()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.set_prompt("a dog ran")
        assert tab.is_computing()  # at once, without the typing debounce
        assert tab.prompt_text() == "a dog ran"
    assert not tab.is_computing()
    expected = torch.softmax(NextTokenPredictor(gpt2).logits_for("a dog ran"), -1)
    top = torch.sort(expected, descending=True, stable=True)
    assert tab.bar_heights() == pytest.approx(top.values[:20].tolist(), abs=1e-6)
    assert tab.bar_labels() == [token_label(gpt2.tokenizer, int(i)) for i in top.indices[:20]]
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):  # then Sample appends a token to that prompt
        tab.sample_step()
    assert tab.prompt_text().startswith("a dog ran") and len(tab.prompt_text()) > len("a dog ran")
    assert len(tab.ui.timeline.steps) == 1


def test_can_predict_next_token_follows_the_model(tab, qtbot, gpt2, gpt2_dir):
    assert not tab.can_predict_next_token()  # no model
    set_model(qtbot, tab, gpt2)
    assert tab.can_predict_next_token()
    set_model(qtbot, tab, load_model(make_tiny_bert(gpt2_dir.parent / "bert")))
    assert not tab.can_predict_next_token()  # a masked model fills masks instead


def test_warning_text_is_the_shown_warning(tab, qtbot, gpt2):
    set_model(qtbot, tab, gpt2)
    assert tab.warning_text() == ""
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.set_prompt("")
    assert tab.warning_text() == tab.ui.message.text() and "empty" in tab.warning_text()
    assert tab.ui.message.isVisible()
    tab.hide()  # still the warning when the tab is not on screen (lesson mode may look from elsewhere)
    assert "empty" in tab.warning_text()
    tab.show()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.set_prompt(DEFAULT_PROMPT)
    assert tab.warning_text() == "" and not tab.ui.message.isVisible()
