"""The Training tab's "What the model sees": one batch of the current settings as chips (targets = inputs
shifted by one, the masked objective's kinds, record boundaries), New batch, exports, epochs and the keyboard."""

from __future__ import annotations

import csv
import json

import pytest
import torch
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from core.corpus import read_corpus
from core.training.records import RECORD_SEPARATOR_CHAR
from gui.common.chip_grid import IGNORED, KEPT, MASKED, REPLACED
from gui.common.locale_numbers import locale_for
from gui.common.session import Session
from gui.common.tab_exports import export_item, item_available
from gui.training.tab import TrainingTab
from tests.gui.training.test_tab import TIMEOUT, configure, tiny_corpus

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _english_numbers():
    QLocale.setDefault(locale_for("en"))


@pytest.fixture
def tab(qtbot, tmp_path):
    session = Session()
    widget = TrainingTab(session, runs_root=tmp_path / "runs")
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    session.set_corpus(tiny_corpus())
    qtbot.waitUntil(lambda: widget.controls.ready, timeout=TIMEOUT)
    configure(widget)
    yield widget
    widget.shutdown()


def show_batch(qtbot, tab, **settings):
    """Open the page (or change `settings` on it) and wait for the batch of the new settings."""
    view = tab.batch_view
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        if tab.views.currentWidget() is not view:
            tab.views.setCurrentWidget(view)
        for name, value in settings.items():
            tab.controls.set_value(name, value)
        if not settings and tab.views.currentWidget() is view and not view._stale:
            view.refresh()
    return view


def test_target_chips_are_the_input_chips_shifted_by_one(qtbot, tab):
    view = show_batch(qtbot, tab)
    batch, rows = view.batch, view.grid.rows()
    assert batch.objective == "gpt" and len(rows) == 2 * len(batch.x) == 2 * 4  # TINY: batch size 4
    for r in range(0, len(rows), 2):
        inputs, targets = rows[r], rows[r + 1]
        assert len(inputs) == len(targets) == 16  # TINY: block size 16
        assert [c.label for c in targets[:-1]] == [c.label for c in inputs[1:]]
        assert [c.caption for c in targets[:-1]] == [c.caption for c in inputs[1:]]
        assert [c.shade for c in targets[:-1]] == [c.shade for c in inputs[1:]]  # the same colour, one column left
    assert "64 predictions per batch (B × T = 4 × 16)" in view.summary.text()
    text = rows[1][2].tooltip
    assert text.startswith("Prediction 2 of row 1: after “") and f"comes “{rows[1][2].label}”" in text


def test_the_first_batch_is_the_one_a_run_reads_first(qtbot, tab):
    view = show_batch(qtbot, tab)
    data, config = view._prepared.data, tab.controls.build_config()
    x, y = data.get_batch("train", config.batch_size, config.block_size, "cpu",
                          torch.Generator().manual_seed(config.seed))
    assert view.batch.x == x.tolist() and view.batch.y == y.tolist()


def test_changing_block_size_changes_the_grid(qtbot, tab):
    view = show_batch(qtbot, tab)
    assert len(view.grid.rows()[0]) == 16
    show_batch(qtbot, tab, block_size=8)
    assert len(view.grid.rows()[0]) == 8 and view.batch.block_size == 8
    show_batch(qtbot, tab, batch_size=2)
    assert len(view.grid.rows()) == 4


def test_new_batch_draws_the_next_one_and_the_same_settings_give_the_same_batches(qtbot, tab):
    view = show_batch(qtbot, tab)
    first = view.batch.x
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.new_button.click()
    second = view.batch.x
    assert second != first and view.batch.draw == 1 and view.summary.text().startswith("Batch 2 ")
    for _ in range(3):  # pressed quickly: the newest wins, nothing breaks
        view.new_button.click()
    qtbot.waitUntil(lambda: view.batch.draw == 4 and not view.job.busy, timeout=TIMEOUT)
    show_batch(qtbot, tab, seed=7)
    show_batch(qtbot, tab, seed=1337)
    assert view.batch.x == first and view.batch.draw == 0


def test_masked_objective_shows_masked_replaced_kept_and_ignored(qtbot, tab):
    controls = tab.controls
    tab.views.setCurrentWidget(tab.batch_view)
    controls.run_settings.mlm_spin.setValue(0.5)
    with qtbot.waitSignal(tab.batch_view.shown, timeout=TIMEOUT):
        controls.objective_combo.setCurrentIndex(controls.objective_combo.findData("mlm"))
    view = tab.batch_view
    qtbot.waitUntil(lambda: view.batch.objective == "mlm" and view.batch.mlm_probability == 0.5, timeout=TIMEOUT)
    kinds = {kind for row in view.batch.kinds for kind in row}
    assert {MASKED, IGNORED} <= kinds
    rows = view.grid.rows()
    for r in range(0, len(rows), 2):
        for kind, shown, label in zip(view.batch.kinds[r // 2], rows[r], rows[r + 1]):
            if kind == IGNORED:
                assert label.style == IGNORED and label.caption == "-100"
            else:
                assert shown.style == kind and label.style != IGNORED
                if kind == MASKED:
                    assert shown.label == "[MASK]"
    assert {REPLACED, KEPT} & kinds or len(view.batch.kinds) * 16 < 40
    assert "Mask probability 0.50" in view.summary.text()
    assert tab.controls.build_config().mlm_probability == 0.5


def test_question_answer_records_end_with_a_visible_separator(qtbot, tab, tmp_path):
    path = tmp_path / "sums.jsonl"
    records = [{"question": f"What is {i} plus {i}?", "answer": f"It is {2 * i}."} for i in range(80)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    assert not tab.controls.run_settings.val_spin.isEnabled()  # plain text: its contiguous split
    tab.views.setCurrentWidget(tab.batch_view)
    with qtbot.waitSignal(tab.batch_view.shown, timeout=TIMEOUT):
        tab.session.set_corpus(read_corpus(path))
    view = tab.batch_view
    assert tab.controls.run_settings.val_spin.isEnabled()
    boundaries = [cell for row in view.grid.rows() for cell in row if cell.boundary]
    assert boundaries and all(cell.label == RECORD_SEPARATOR_CHAR for cell in boundaries)
    assert "record ends here" in boundaries[0].tooltip
    assert "80 question/answer records" in view.summary.text()


def test_exports_and_the_keyboard(qtbot, tab, tmp_path):
    view = show_batch(qtbot, tab)
    picture, table = tab.export_items()[2:]
    assert item_available(picture) and item_available(table)
    assert export_item(picture, tmp_path / "batch.png").stat().st_size > 0
    assert export_item(picture, tmp_path / "batch.svg").read_text(encoding="utf-8").startswith("<?xml")
    export_item(table, tmp_path / "batch.csv")
    with open(tmp_path / "batch.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["sequence", "position", "input_id", "input_token", "target_id", "target_token"]
    assert len(rows) == 1 + 4 * 16 and rows[1][4] == rows[2][2]  # target 0 is input 1
    view.grid.setFocus()
    QTest.keyClick(view.grid, Qt.Key.Key_Down)
    assert view.grid.current() == (1, 0) and view.pointed.text().startswith("Prediction 0 of row 1")


def test_epochs_set_the_run_length_and_the_readout_counts_them(qtbot, tab):
    controls = tab.controls
    assert "1 epoch ≈" in controls.run_settings.epoch_label.text()  # characters: the token count is known
    controls.run_settings.epochs_spin.setValue(0.5)
    assert not controls.spins["max_iters"].isEnabled() and controls.build_config().epochs == 0.5
    assert "0.50 epochs ≈" in controls.run_settings.epoch_label.text()
    configure(tab, eval_interval=1000)
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        controls.start_button.click()
    info = blocker.args[0]
    from core.training.epochs import iters_for_epochs

    assert info["status"] == "completed"
    assert info["step"] == iters_for_epochs(0.5, tab.readouts.train_tokens, 4 * 16)
    assert tab.readouts.labels["epoch"].text().startswith("Epoch 1 (0.5")


def test_the_page_is_reached_with_tab_and_every_control_is_named(qtbot, tab):
    from PySide6.QtWidgets import QAbstractButton

    from tests.keyboard_focus import focus_walk, tab_stops

    view = show_batch(qtbot, tab)
    tab.activateWindow()
    visited = focus_walk(tab, view.new_button)
    assert {view.new_button, view.grid} <= set(visited) and tab_stops(view) <= set(visited)
    for widget in tab_stops(view):
        named = widget.text() if isinstance(widget, QAbstractButton) else widget.accessibleName()
        assert named.strip(), f"{type(widget).__name__} {widget.objectName()!r} has no name"


def test_a_block_longer_than_the_corpus_says_so(qtbot, tab):
    view = show_batch(qtbot, tab)
    with qtbot.waitSignal(view.job.failed, timeout=TIMEOUT):
        tab.controls.set_value("block_size", 4000)
    assert view.message.isVisible() and "The corpus is too short" in view.message.text()
    show_batch(qtbot, tab, block_size=16)
    assert not view.message.isVisible()
