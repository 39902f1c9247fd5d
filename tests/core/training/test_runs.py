"""The saved runs of a runs folder: listed with their numbers, deleted on request, empty folders removed."""

from __future__ import annotations

import pytest

from core.tokenization.tokenizers import CharTokenizer
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.loop import train
from core.training.runs import delete_run, list_runs, read_run, remove_empty_run_folder
from tests.tiny_models import TRAINING_TEXT


@pytest.fixture(scope="module")
def runs_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    tok = CharTokenizer.from_corpus(TRAINING_TEXT)
    data = tokenize_corpus([TRAINING_TEXT], tok, cache_root=root / ".cache")
    for name, steps in (("first", 10), ("second", 20)):
        config = TrainingConfig(n_layer=1, n_head=2, n_embd=16, block_size=16, batch_size=4, max_iters=steps,
                                eval_interval=10, eval_iters=2, warmup_iters=2, device="cpu",
                                sample_tokens=0, out_dir=str(root / name))
        finished = list(train(config, data, tok))[-1]
        assert finished.status == "completed"
    (root / "stopped-early").mkdir()  # a run folder nothing was saved in
    return root


def test_runs_are_listed_newest_first_with_their_numbers(runs_root):
    runs = list_runs(runs_root)
    assert [run.folder.name for run in runs] == ["second", "first"]
    second = runs[0]
    assert second.model_type == "gpt" and second.steps == 20
    assert second.best_val_loss is not None and 0 < second.best_val_loss < 5
    assert second.settings["n_embd"] == 16 and second.resumable
    assert second.checkpoint in (second.folder / "best", second.folder / "last")
    assert read_run(runs_root / "stopped-early") is None


def test_empty_run_folders_are_removed_and_saved_ones_kept(runs_root, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert remove_empty_run_folder(empty) is True and not empty.exists()
    assert remove_empty_run_folder(runs_root / "first") is False and (runs_root / "first" / "last").is_dir()
    assert remove_empty_run_folder(tmp_path / "never-made") is False


def test_delete_removes_the_run_folder(runs_root):
    run = next(run for run in list_runs(runs_root) if run.folder.name == "first")
    delete_run(run)
    assert not run.folder.exists() and [r.folder.name for r in list_runs(runs_root)] == ["second"]
    assert list_runs(runs_root / "missing") == []
