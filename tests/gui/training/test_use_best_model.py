""""Use this model" after a run that overfits loads the checkpoint at the best-val star, not the last step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.corpus import Corpus
from gui.common.session import Session
from gui.training.tab import TrainingTab
from tests.core.training.test_best_checkpoint import OVERFITTING_TEXT

TIMEOUT = 60_000
SETTINGS = dict(n_layer=1, n_head=2, n_embd=32, block_size=16, batch_size=8, warmup_iters=5, eval_interval=4,
                eval_iters=2, max_iters=40, learning_rate=1e-2, dropout=0.0)


@pytest.fixture
def tab(qtbot, tmp_path):
    session = Session()
    widget = TrainingTab(session, runs_root=tmp_path / "runs")
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    session.set_corpus(Corpus(name="overfit.txt", source="test", n_chars=len(OVERFITTING_TEXT),
                              n_bytes=len(OVERFITTING_TEXT), text=OVERFITTING_TEXT, preview=OVERFITTING_TEXT))
    qtbot.waitUntil(lambda: widget.controls.ready and widget.plot.axes is not None, timeout=TIMEOUT)
    for name, value in SETTINGS.items():
        widget.controls.set_value(name, value)
    widget.controls.overrides = {"sample_tokens": 0}
    yield widget
    widget.shutdown()


def test_use_this_model_loads_the_checkpoint_at_the_best_val_star(qtbot, tab):
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        tab.controls.start_button.click()
    finished = blocker.args[0]
    assert finished["status"] == "completed"
    val = [tuple(point) for point in tab.plot.val_line.get_xydata().tolist()]
    (star_step, star_loss), = tab.plot.best_line.get_xydata().tolist()
    assert star_loss == min(loss for _, loss in val)
    last_step, last_loss = val[-1]
    assert 0 < star_step < last_step and last_loss > star_loss + 1.0  # the run did overfit
    # What the tab says under the plot is the star's loss.
    assert f"Best val loss: {star_loss:.4f}." in tab.result_label.text()

    with qtbot.waitSignal(tab.session.model_changed, timeout=TIMEOUT) as loaded_blocker:
        tab.use_button.click()
    loaded = loaded_blocker.args[0]
    qtbot.waitUntil(lambda: not tab.session.busy, timeout=TIMEOUT)
    meta = json.loads((Path(loaded.source) / "lm_anatomy.json").read_text())
    assert meta["step"] == star_step and meta["best_val_loss"] == pytest.approx(star_loss)
    assert tab.session.model is loaded and loaded.kind == "causal-lm"
