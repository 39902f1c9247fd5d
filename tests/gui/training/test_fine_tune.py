"""'Fine-tune the current model' follows the model's kind: GPT-2 style causal LMs and masked LMs train, other
models keep the choice disabled with the reason, and no setting change raises whatever the model's shape."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from core.model.loading import FILL_MASK, MASKED_LM, load_model
from tests.gui.training.test_tab import TIMEOUT, configure, run_to_end, tab  # noqa: F401 (the fixture)
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2
from tests.tiny_roberta import make_tiny_roberta


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("fine_tune_models")
    return {"roberta": make_tiny_roberta(root / "roberta"), "gpt2": make_tiny_gpt2(root / "gpt2"),
            "encoder": make_tiny_bert(root / "encoder", with_mlm_head=False), "bert": make_tiny_bert(root / "bert")}


def finetune_item(controls):
    combo = controls.start_from_combo
    return combo.model().item(combo.findData("finetune"))


def choose_fine_tune(controls) -> None:
    controls.start_from_combo.setCurrentIndex(controls.start_from_combo.findData("finetune"))


def poke_every_setting(controls) -> None:
    """Change every combo and box once, as a user exploring the settings would."""
    for combo in (controls.tokenizer_combo, controls.objective_combo, controls.start_from_combo,
                  controls.preset_combo, controls.device_combo):
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
    for spin in controls.spins.values():
        spin.setValue(spin.maximum())
        spin.setValue(spin.minimum())
    controls.mixed_check.toggle()


def test_a_masked_lm_fine_tunes_with_the_masked_objective_and_loads_for_fill_mask(qtbot, tab, models):
    current = load_model(models["roberta"])
    tab.session.set_model(current)
    controls = tab.controls
    assert finetune_item(controls).isEnabled()
    choose_fine_tune(controls)
    assert controls.fine_tuning and controls.key(controls.objective_combo) == "mlm"
    assert not controls.objective_combo.isEnabled() and not controls.tokenizer_combo.isEnabled()
    assert controls.key(controls.tokenizer_combo) == "model"
    vocabulary = current.model.config.vocab_size
    assert f"({vocabulary} tokens)" in controls.tokenizer_combo.currentText()
    assert [controls.value(name) for name in ("n_layer", "n_head", "n_embd")] == [2, 2, 32]  # the model's sizes
    assert not any(controls.spins[name].isEnabled() for name in ("n_layer", "n_head", "n_embd"))
    from gui.training.checks import format_count

    assert controls.estimate_label.text().startswith(f"{format_count(current.n_parameters)} parameters")  # exact
    assert not controls.problems
    configure(tab, block_size=32, max_iters=30, eval_interval=15, learning_rate=3e-3)
    choose_fine_tune(controls)  # configure() leaves the choice; the sizes stay the model's
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed", finished
    import re

    losses = [float(value) for value in re.findall(r"val loss ([0-9.]+)", tab.samples.toPlainText())]
    assert len(losses) >= 2 and losses[-1] < losses[0]  # the validation loss falls
    assert "<mask>" in tab.samples.toPlainText()  # the samples are fill-mask guesses
    with qtbot.waitSignal(tab.session.model_changed, timeout=TIMEOUT) as blocker:
        tab.use_button.click()
    tuned = blocker.args[0]
    assert tuned.kind == MASKED_LM and tuned.can(FILL_MASK) and tuned.architecture == "RobertaForMaskedLM"
    qtbot.waitUntil(lambda: not tab.session.busy, timeout=TIMEOUT)


def test_a_gpt2_model_fine_tunes_with_the_next_token_objective(tab, models):
    tab.controls.objective_combo.setCurrentIndex(tab.controls.objective_combo.findData("mlm"))
    tab.session.set_model(load_model(models["gpt2"]))
    choose_fine_tune(tab.controls)
    assert tab.controls.fine_tuning and tab.controls.key(tab.controls.objective_combo) == "gpt"
    assert [tab.controls.value(name) for name in ("n_layer", "n_head", "n_embd")] == [2, 2, 32]


@pytest.mark.parametrize("kind", ["encoder", "task-head"])
def test_other_models_keep_fine_tune_disabled_with_the_reason(qtbot, tab, models, kind):
    loaded = load_model(models["encoder" if kind == "encoder" else "bert"])
    if kind == "task-head":  # a sentiment classifier as the app sees it today
        from transformers import BertForSequenceClassification

        loaded.model = BertForSequenceClassification(loaded.model.config)
        loaded.model.config.architectures = ["BertForSequenceClassification"]
    tab.session.set_model(loaded)
    controls = tab.controls
    item = finetune_item(controls)
    assert not item.isEnabled()
    reason = item.data(Qt.ItemDataRole.ToolTipRole)
    assert ("plain encoder" if kind == "encoder" else "task head") in reason
    poke_every_setting(controls)  # pytest-qt fails the test on any exception raised in a slot
    assert not controls.fine_tuning and controls.estimate_label.text()
    assert controls.key(controls.tokenizer_combo) != "model"


def test_switching_to_a_model_that_cannot_be_fine_tuned_goes_back_to_scratch(tab, models):
    tab.session.set_model(load_model(models["roberta"]))
    choose_fine_tune(tab.controls)
    assert tab.controls.fine_tuning
    tab.session.set_model(load_model(models["encoder"]))
    assert tab.controls.key(tab.controls.start_from_combo) == "scratch" and not tab.controls.fine_tuning
    assert tab.controls.objective_combo.isEnabled() and tab.controls.key(tab.controls.tokenizer_combo) == "char"
    assert math.isfinite(tab.controls.value("n_embd"))
