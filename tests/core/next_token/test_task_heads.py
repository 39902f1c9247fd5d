"""The task heads step by step (core.next_token.task_heads): every number is the model's own logits softmaxed, for
BERT, DistilBERT and RoBERTa classifiers, token classifiers and question-answering models."""

from __future__ import annotations

import pytest
import torch

from core.model.loading import load_model
from core.next_token.prediction import PredictionError
from core.next_token.task_heads import (
    answer_question,
    best_spans,
    classifier_function,
    classify_text,
    classify_tokens,
)
from tests.tiny_task_models import ENTITIES, SENTIMENT, make_tiny_task_model

torch.set_num_threads(1)
FAMILIES = ("bert", "distilbert", "roberta")
TEXT = "the cat sat on the mat"
QUESTION, CONTEXT = "who sat?", "the cat sat on the mat."


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("task-heads")
    return {(family, head): load_model(make_tiny_task_model(root / f"{family}-{head}", family, head))
            for family in FAMILIES for head in ("sequence", "token", "qa")}


def own_output(loaded, *texts):
    """The model run directly on the tokenizer's tensors, as a user of transformers would."""
    encoding = loaded.tokenizer(*texts, return_tensors="pt")
    if "token_type_ids" in encoding and "token_type_ids" not in loaded.tokenizer.model_input_names:
        del encoding["token_type_ids"]
    with torch.no_grad():
        return loaded.model(**encoding), encoding


@pytest.mark.parametrize("family", FAMILIES)
def test_text_classification_is_the_softmax_of_the_logits(models, family):
    loaded = models[family, "sequence"]
    result = classify_text(loaded, TEXT)
    output, _ = own_output(loaded, TEXT)
    expected = torch.softmax(output.logits[0].double(), -1)
    assert result.labels == list(SENTIMENT.values()) and result.function == "softmax"
    assert result.logits == pytest.approx(output.logits[0].tolist(), abs=1e-6)
    assert result.probabilities == pytest.approx(expected.tolist(), abs=1e-9)
    assert sum(result.probabilities) == pytest.approx(1.0)
    assert result.best == int(expected.argmax()) and result.ranked()[0] == result.best
    assert result.tokens[0] in ("[CLS]", "<s>") and len(result.tokens) == len(loaded.encode(TEXT))


@pytest.mark.parametrize("family", FAMILIES)
def test_token_classification_is_a_softmax_per_token(models, family):
    loaded = models[family, "token"]
    result = classify_tokens(loaded, TEXT)
    output, encoding = own_output(loaded, TEXT)
    expected = torch.softmax(output.logits[0].double(), -1)  # (T, labels)
    assert result.labels == list(ENTITIES.values())
    assert len(result.tokens) == expected.shape[0] == len(encoding["input_ids"][0])
    for token, row in zip(result.tokens, expected):
        assert token.probabilities == pytest.approx(row.tolist(), abs=1e-9)
        assert token.label == ENTITIES[int(row.argmax())] and token.probability == pytest.approx(float(row.max()))
    assert [t.special for t in result.tokens] == [True] + [False] * (len(result.tokens) - 2) + [True]
    assert [t.position for t in result.words()] == list(range(1, len(result.tokens) - 1))


@pytest.mark.parametrize("family", FAMILIES)
def test_answers_are_the_best_spans_of_the_start_and_end_softmaxes(models, family):
    loaded = models[family, "qa"]
    result = answer_question(loaded, QUESTION, CONTEXT)
    output, encoding = own_output(loaded, QUESTION, CONTEXT)
    context = [s == 1 for s in encoding.sequence_ids(0)]
    assert result.context == context and any(context) and not context[0]
    index = torch.tensor(context)
    start = torch.softmax(output.start_logits[0][index].double(), -1)
    end = torch.softmax(output.end_logits[0][index].double(), -1)
    assert [p for p, c in zip(result.start_probabilities, context) if c] == pytest.approx(start.tolist(), abs=1e-9)
    assert [p for p, c in zip(result.end_probabilities, context) if c] == pytest.approx(end.tolist(), abs=1e-9)
    assert all(p == 0 for p, c in zip(result.start_probabilities, context) if not c)
    # Every allowed span by brute force: start <= end, at most 15 tokens, both in the context.
    positions = [i for i, c in enumerate(context) if c]
    p_start = dict(zip(positions, start.tolist()))
    p_end = dict(zip(positions, end.tolist()))
    spans = sorted(((p_start[i] * p_end[j], i, j) for i in positions for j in positions if i <= j < i + 15),
                   key=lambda s: -s[0])
    best = result.answers[0]
    assert (best.start, best.end) == spans[0][1:] and best.score == pytest.approx(spans[0][0])
    assert [a.score for a in result.answers] == pytest.approx([s[0] for s in spans[:5]])
    offsets = loaded.tokenizer(QUESTION, CONTEXT, return_offsets_mapping=True)["offset_mapping"]
    assert best.text == CONTEXT[offsets[best.start][0]:offsets[best.end][1]] and best.text in CONTEXT
    assert best.start_probability == pytest.approx(p_start[best.start])


def test_best_spans_follow_the_rules():
    p = torch.tensor([0.0, 0.5, 0.3, 0.2])
    q = torch.tensor([0.0, 0.1, 0.2, 0.7])
    allowed = torch.tensor([False, True, True, True])
    spans = best_spans(p, q, allowed, k=10, max_answer_len=2)
    assert [(s, e) for s, e, _ in spans] == [(2, 3), (3, 3), (1, 2), (2, 2), (1, 1)]  # 0.21, 0.14, 0.1, 0.06, 0.05
    assert spans[0][2] == pytest.approx(0.3 * 0.7)
    assert all(e - s < 2 for s, e, _ in spans)


def test_classifier_function_follows_the_pipeline():
    from transformers import BertConfig

    assert classifier_function(BertConfig(num_labels=3)) == "softmax"
    assert classifier_function(BertConfig(num_labels=1)) == "sigmoid"
    assert classifier_function(BertConfig(num_labels=3, problem_type="multi_label_classification")) == "sigmoid"
    assert classifier_function(BertConfig(num_labels=1, problem_type="regression")) == "none"


def test_wrong_models_and_inputs_are_refused_with_the_reason(models):
    classifier, reader = models["bert", "sequence"], models["bert", "qa"]
    with pytest.raises(PredictionError, match="cannot show token-classification"):
        classify_tokens(classifier, TEXT)
    with pytest.raises(PredictionError, match="empty"):
        classify_text(classifier, "")
    with pytest.raises(PredictionError, match="at most 64 tokens"):
        classify_text(classifier, "the cat sat on the mat. " * 20)
    with pytest.raises(PredictionError, match="question"):
        answer_question(reader, "  ", CONTEXT)
    with pytest.raises(PredictionError, match="empty"):
        answer_question(reader, QUESTION, "")
