"""Teachable settings: the activation (with its curve), the sample text, and the FLOP/s readout."""

from __future__ import annotations

import json

from core.model.activations import activation_value
from tests.gui.training.test_tab import TIMEOUT, configure, run_to_end, tab  # noqa: F401 (the fixture)


def test_the_activation_choice_draws_its_curve_and_reaches_the_checkpoint(qtbot, tab):
    controls = tab.controls
    assert controls.activation.value() == "gelu"  # the CPU-quick preset: nanoGPT's exact GELU
    controls.activation.set_value("silu")
    curve = controls.activation.curve.points()
    assert curve[0][0] == -3.0 and curve[-1][0] == 3.0
    assert all(y == activation_value("silu", x) for x, y in curve)
    assert controls.build_config("run").activation == "silu"
    configure(tab, max_iters=4, eval_interval=4)
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed", finished
    saved = json.loads((tab.run_dir / "last" / "config.json").read_text())
    assert saved["activation_function"] == "silu"  # transformers computes the same non-linearity
    controls.objective_combo.setCurrentIndex(controls.objective_combo.findData("bigram"))
    assert not controls.activation.isEnabled()  # a bigram table has no MLP


def test_cpu_runs_show_flops_and_explain_why_there_is_no_mfu(qtbot, tab):
    configure(tab, max_iters=6, eval_interval=6)
    run_to_end(qtbot, tab)
    flops = tab.readouts.labels["flops"]
    qtbot.waitUntil(lambda: "FLOP/s" in flops.text() and any(ch.isdigit() for ch in flops.text()), timeout=TIMEOUT)
    assert "no single published peak" in flops.toolTip()
    assert tab.readouts.labels["mfu"].isHidden()


def test_a_masked_lm_guesses_the_hidden_tokens_of_the_sample_text(qtbot, tab):
    controls = tab.controls
    controls.objective_combo.setCurrentIndex(controls.objective_combo.findData("mlm"))
    controls.sample_edit.setText("the cat sat on the mat")
    configure(tab, max_iters=4, eval_interval=4)
    assert controls.build_config("run").sample_prompt == "the cat sat on the mat"
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed", finished
    sample = tab.samples.toPlainText()
    assert "[MASK]" in sample and "[1]" in sample and "%" in sample
    masked_line = next(line for line in sample.splitlines() if "[MASK]" in line)
    import re

    pattern = "".join("." if part == "[MASK]" else re.escape(part) for part in re.split(r"(\[MASK\])", masked_line))
    block = controls.value("block_size")
    assert masked_line.count("[MASK]") == 3 and re.fullmatch(pattern, "the cat sat on the mat"[:block])
