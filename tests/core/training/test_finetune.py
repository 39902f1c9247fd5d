"""Fine-tuning the current model: the objective follows the model's kind, and a masked LM learns."""

from __future__ import annotations

import math

import pytest

from core.model.loading import MASKED_LM, load_model
from core.training.config import TrainingConfig
from core.training.data import tokenize_corpus
from core.training.events import StepRecord, TrainingFinished
from core.training.finetune import FineTuneUnavailable, fine_tune_objective, model_shape
from core.training.loop import train
from tests.tiny_models import TRAINING_TEXT, make_tiny_bert, make_tiny_gpt2
from tests.tiny_roberta import make_tiny_roberta


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("models")
    return {"gpt2": make_tiny_gpt2(root / "gpt2"), "roberta": make_tiny_roberta(root / "roberta"),
            "bert": make_tiny_bert(root / "bert"), "encoder": make_tiny_bert(root / "encoder", with_mlm_head=False)}


def test_objective_follows_the_kind_of_model(folders):
    assert fine_tune_objective(load_model(folders["gpt2"])) == "gpt"
    assert fine_tune_objective(load_model(folders["roberta"])) == "mlm"
    assert fine_tune_objective(load_model(folders["bert"])) == "mlm"
    with pytest.raises(FineTuneUnavailable, match="plain encoder"):
        fine_tune_objective(load_model(folders["encoder"]))


def test_a_task_head_model_is_refused_with_its_head_named(folders, tmp_path):
    from transformers import BertForSequenceClassification

    loaded = load_model(folders["bert"])
    classifier = BertForSequenceClassification(loaded.model.config)
    classifier.config.architectures = ["BertForSequenceClassification"]
    loaded.model = classifier  # what a sentiment model looks like to the app (it loads as a BERT today)
    with pytest.raises(FineTuneUnavailable, match="BertForSequenceClassification"):
        fine_tune_objective(loaded)


@pytest.mark.parametrize("family, head", [("bert", "sequence"), ("distilbert", "token"), ("roberta", "qa")])
def test_task_head_kinds_are_refused_with_their_head_named(tmp_path, family, head):
    from core.model.loading import TASK_HEAD_KINDS
    from tests.tiny_task_models import make_tiny_task_model

    loaded = load_model(make_tiny_task_model(tmp_path / head, family, head))
    assert loaded.kind in TASK_HEAD_KINDS
    with pytest.raises(FineTuneUnavailable, match=f"task head \\({loaded.architecture}\\)"):
        fine_tune_objective(loaded)
    loaded.model.config.architectures = None  # the kind alone is enough
    with pytest.raises(FineTuneUnavailable, match="task head"):
        fine_tune_objective(loaded)


def test_shape_is_read_whatever_the_config_calls_it(folders):
    gpt2 = model_shape(load_model(folders["gpt2"]).model.config)  # n_layer, n_head, n_embd, n_positions
    roberta = model_shape(load_model(folders["roberta"]).model.config)  # num_hidden_layers, hidden_size...
    assert (gpt2.layers, gpt2.heads, gpt2.width) == (2, 2, 32)
    assert (roberta.layers, roberta.heads, roberta.width) == (2, 2, 32)
    assert roberta.context == 66 - 2  # RoBERTa's positions start after the padding id
    assert roberta.vocab_size == load_model(folders["roberta"]).model.config.vocab_size


def test_a_masked_lm_fine_tunes_with_its_own_tokenizer_and_loads_back(folders, tmp_path):
    from core.next_token.prediction import fill_mask

    current = load_model(folders["roberta"])
    data = tokenize_corpus([TRAINING_TEXT * 3], current.tokenizer, cache_root=tmp_path / "cache")
    config = TrainingConfig(model_type="mlm", init_from="finetune", finetune_from=str(folders["roberta"]),
                            block_size=32, batch_size=8, max_iters=40, eval_interval=20, eval_iters=4,
                            learning_rate=3e-3, warmup_iters=2, device="cpu", out_dir=str(tmp_path / "run"))
    events = list(train(config, data, current.tokenizer))
    assert isinstance(events[-1], TrainingFinished) and events[-1].status == "completed", events[-1].error
    evals = [event.eval for event in events if isinstance(event, StepRecord) and event.eval]
    assert evals[0].val_loss < math.log(current.model.config.vocab_size) + 0.5  # the loaded weights, not new ones
    assert evals[-1].val_loss < evals[0].val_loss - 0.3  # it learns the corpus
    assert "<mask>" in evals[-1].sample.splitlines()[0]  # the samples are fill-mask guesses
    tuned = load_model(events[-1].best_checkpoint or events[-1].last_checkpoint)
    assert tuned.kind == MASKED_LM and tuned.architecture == "RobertaForMaskedLM"
    guesses = fill_mask(tuned, "the cat <mask> on the mat")
    assert len(guesses) == 1 and len(guesses[0]) == 5
    assert tuned.tokenizer.get_vocab() == current.tokenizer.get_vocab()  # the model's own tokenizer is kept


def test_block_longer_than_the_model_context_is_refused(folders, tmp_path):
    current = load_model(folders["roberta"])
    data = tokenize_corpus([TRAINING_TEXT * 3], current.tokenizer, cache_root=tmp_path / "cache")
    config = TrainingConfig(model_type="mlm", init_from="finetune", finetune_from=str(folders["roberta"]),
                            block_size=100, batch_size=2, max_iters=2, device="cpu")
    finished = list(train(config, data, current.tokenizer))[-1]
    assert finished.status == "failed" and "context (64)" in str(finished.error)
