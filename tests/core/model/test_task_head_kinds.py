"""Models with a task head (sentiment, named entities, extractive question answering) are kinds of their own,
from their architecture, for BERT, DistilBERT and RoBERTa: each loads with its head's class and own weights, says
what it can show, and shows attention like any encoder."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.attention.maps import attention_maps
from core.attention.recipe import ExplanationUnavailable, explain_weight
from core.model.kinds import kind_of_architecture
from core.model.loading import (
    ANSWER_QUESTION,
    ATTENTION,
    CLASSIFY_TEXT,
    CLASSIFY_TOKENS,
    ENCODER,
    FILL_MASK,
    MASKED_LM,
    NEXT_TOKEN,
    QUESTION_ANSWERING,
    SEQUENCE_CLASSIFIER,
    TASK_HEAD_KINDS,
    TOKEN_CLASSIFIER,
    load_model,
    model_kind,
)
from tests.tiny_task_models import ENTITIES, SENTIMENT, make_tiny_task_model, task_config

torch.set_num_threads(1)

KIND_OF_HEAD = {"sequence": SEQUENCE_CLASSIFIER, "token": TOKEN_CLASSIFIER, "qa": QUESTION_ANSWERING}
CAPABILITY_OF_HEAD = {"sequence": CLASSIFY_TEXT, "token": CLASSIFY_TOKENS, "qa": ANSWER_QUESTION}
CLASS_OF = {"bert": "Bert", "distilbert": "DistilBert", "roberta": "Roberta"}
HEAD_CLASS = {"sequence": "ForSequenceClassification", "token": "ForTokenClassification", "qa": "ForQuestionAnswering"}
CASES = [(family, head) for family in ("bert", "distilbert", "roberta") for head in ("sequence", "token", "qa")]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("task-models")
    return {case: load_model(make_tiny_task_model(root / "-".join(case), *case)) for case in CASES}


@pytest.mark.parametrize("family, head", CASES)
def test_the_kind_comes_from_the_architecture(family, head):
    from tests.tiny_roberta import tiny_roberta_tokenizer
    from tests.tiny_task_models import wordpiece_pair_tokenizer

    tokenizer = tiny_roberta_tokenizer() if family == "roberta" else wordpiece_pair_tokenizer()
    config = task_config(family, head, len(tokenizer), tokenizer)
    assert config.architectures == [CLASS_OF[family] + HEAD_CLASS[head]]
    assert model_kind(config) == KIND_OF_HEAD[head]


@pytest.mark.parametrize("family, head", CASES)
def test_each_loads_with_its_head_and_its_own_weights(models, family, head):
    from safetensors.torch import load_file

    loaded = models[family, head]
    assert loaded.kind == KIND_OF_HEAD[head] and loaded.kind in TASK_HEAD_KINDS
    assert loaded.architecture == CLASS_OF[family] + HEAD_CLASS[head] == type(loaded.model).__name__
    assert loaded.warnings == []  # nothing initialised at random: the head's weights are the checkpoint's
    saved = load_file(f"{loaded.source}/model.safetensors")
    head_weight = "qa_outputs.weight" if head == "qa" else "classifier.weight"
    if family == "roberta" and head == "sequence":
        head_weight = "classifier.out_proj.weight"
    assert torch.equal(loaded.model.state_dict()[head_weight], saved[head_weight])
    assert loaded.capabilities == frozenset({CAPABILITY_OF_HEAD[head], ATTENTION})
    assert not loaded.can(NEXT_TOKEN) and not loaded.can(FILL_MASK)
    expected = {"sequence": list(SENTIMENT.values()), "token": list(ENTITIES.values())}.get(head)
    if expected:
        assert loaded.labels == expected
    assert loaded.n_layers == 2 and loaded.n_heads == 2


def test_kind_labels_and_reasons_name_the_task(models):
    classifier, tagger, reader = models["bert", "sequence"], models["bert", "token"], models["bert", "qa"]
    assert [str(m.kind_label()) for m in (classifier, tagger, reader)] == [
        "text classifier", "token classifier", "question-answering model"]
    assert classifier.describe().startswith("bert-sequence (text classifier, ")
    assert classifier.why_not(NEXT_TOKEN) == ("bert-sequence is a text classifier: it has no next-token head. Load "
                                              "a causal LM such as GPT-2.")
    assert reader.why_not(ANSWER_QUESTION) is None and reader.why_not(CLASSIFY_TEXT) is not None
    assert tagger.can(CLASSIFY_TOKENS) and not tagger.can(CLASSIFY_TEXT)


@pytest.mark.parametrize("family, head", CASES)
def test_attention_works_for_every_task_head(models, family, head):
    loaded = models[family, head]
    maps = attention_maps(loaded, "the cat sat on the mat")
    ids = loaded.encode("the cat sat on the mat")
    assert maps.weights.shape == (2, 2, len(ids), len(ids)) and not maps.is_causal
    assert np.allclose(maps.weights.sum(axis=-1), 1.0, atol=1e-5)
    # The maps are the base model's: the same as the full model's own output_attentions.
    with torch.no_grad(), loaded.eager_attention():
        own = loaded.model(torch.tensor([ids]), output_attentions=True).attentions
    assert np.allclose(maps.weights[1, 0], own[1][0, 0].numpy(), atol=1e-6)
    if family == "distilbert":  # the step-by-step recipe knows GPT-2, BERT and RoBERTa
        with pytest.raises(ExplanationUnavailable):
            explain_weight(loaded, "the cat sat on the mat", 1, 0, 2, 1)
    else:
        explanation = explain_weight(loaded, "the cat sat on the mat", 1, 0, 2, 1)
        assert explanation.weight == pytest.approx(float(maps.weights[1, 0, 2, 1]), abs=1e-5)


@pytest.mark.parametrize("architectures, kind", [
    (["BertForSequenceClassification"], SEQUENCE_CLASSIFIER), (["BertForTokenClassification"], TOKEN_CLASSIFIER),
    (["BertForQuestionAnswering"], QUESTION_ANSWERING), (["BertForMultipleChoice"], ENCODER),
    (["BertForNextSentencePrediction"], ENCODER), (["BertForPreTraining"], MASKED_LM),  # its MLM head is kept
    (["BertForTokenClassification", "BertForMaskedLM"], TOKEN_CLASSIFIER),  # the first that says
])
def test_bert_architectures_and_their_kinds(architectures, kind):
    from transformers import BertConfig

    assert model_kind(BertConfig(architectures=architectures)) == kind


def test_a_head_transformers_lacks_for_the_config_falls_back_to_the_config_type():
    from transformers import GPT2Config, ViTConfig

    assert kind_of_architecture("GPT2ForSequenceClassification") == SEQUENCE_CLASSIFIER
    assert model_kind(GPT2Config(architectures=["GPT2ForSequenceClassification"])) == SEQUENCE_CLASSIFIER
    assert model_kind(ViTConfig(architectures=["ViTForTokenClassification"])) == ENCODER  # no such class
    assert kind_of_architecture("SomethingElse") is None
