"""File > Saved runs: the runs of the runs folder with their numbers; use, resume and delete (with a question)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.loop import train
from gui.shell.main_window import MainWindow
from gui.shell.runs_dialog import RunsDialog
from tests.tiny_models import TRAINING_TEXT


def make_runs(root, names=("first", "second")) -> None:
    tok = CharTokenizer.from_corpus(TRAINING_TEXT)
    data = tokenize_corpus([TRAINING_TEXT], tok, cache_root=root.parent / "cache")
    for name in names:
        config = TrainingConfig(n_layer=1, n_head=2, n_embd=16, block_size=16, batch_size=4, max_iters=10,
                                eval_interval=10, eval_iters=2, warmup_iters=2, device="cpu", sample_tokens=0,
                                out_dir=str(root / name))
        assert list(train(config, data, tok))[-1].status == "completed"


@pytest.fixture
def runs_root(tmp_path):
    root = tmp_path / "runs"
    make_runs(root)
    return root


def test_the_dialog_lists_each_run_with_its_steps_and_loss(qtbot, runs_root):
    used, resumed = [], []
    dialog = RunsDialog(runs_root, used.append, lambda folder: resumed.append(folder) or True)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.topLevelItem(i).text(c) for c in range(5)] for i in range(dialog.table.topLevelItemCount())]
    assert sorted(row[4] for row in rows) == ["first", "second"]
    for row, run in zip(rows, dialog.runs):
        assert row[1] == "GPT · 1 layers · width 16" and row[2] == "10"
        assert float(row[3]) == pytest.approx(run.best_val_loss, abs=5e-4)
    dialog.use_selected()
    assert used == [dialog.runs[0].checkpoint]
    dialog.resume_selected()
    assert resumed == [dialog.runs[0].folder]


def test_delete_asks_first_and_removes_only_when_confirmed(qtbot, runs_root, monkeypatch):
    dialog = RunsDialog(runs_root, lambda path: None, lambda folder: True)
    qtbot.addWidget(dialog)
    folder = dialog.selected().folder
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: answers.pop(0))
    assert dialog.delete_selected() is False and folder.is_dir()  # "No" keeps it
    assert dialog.delete_selected() is True and not folder.exists()
    assert dialog.table.topLevelItemCount() == 1


def test_an_empty_runs_folder_says_so(qtbot, tmp_path):
    dialog = RunsDialog(tmp_path / "nothing-yet", lambda path: None, lambda folder: True)
    qtbot.addWidget(dialog)
    assert not dialog.empty_label.isHidden() and dialog.table.isHidden()
    assert not any(button.isEnabled() for button in dialog.buttons.values())


def test_file_menu_opens_the_runs_of_the_training_tab(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.training_tab.runs_root = tmp_path / "runs"
    make_runs(window.training_tab.runs_root, names=("only",))
    window.menus.saved_runs.trigger()
    dialog = window.runs_dialog
    assert dialog.isVisible() and [run.folder.name for run in dialog.runs] == ["only"]
    with qtbot.waitSignal(window.session.model_changed, timeout=60_000) as blocker:
        dialog.use_selected()
    assert str(blocker.args[0].source) == str(dialog.runs[0].checkpoint) and not dialog.isVisible()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=60_000)
    window.close()
