"""The Next-token tab for models with a task head: a text classifier's label bars, a token classifier's grid and an
extractive question-answering model's start/end bars and answers show the numbers their softmax gives (the model's own
logits, softmaxed here), for BERT, DistilBERT and RoBERTa; exports, and the way back to next-token mode."""

from __future__ import annotations

import csv

import pytest
import torch

from core.model.loading import load_model
from gui.common.session import Session
from gui.common.tab_exports import export_item
from gui.next_token.modes import ANSWER_MODE, CLASSIFY_MODE, NEXT_TOKEN_MODE, TOKEN_LABELS_MODE
from gui.next_token.tab import DEFAULT_PROMPT, SamplingTab
from tests.tiny_models import make_tiny_bert, make_tiny_gpt2
from tests.tiny_task_models import ENTITIES, SENTIMENT, make_tiny_task_model

torch.set_num_threads(1)
WAIT_MS = 30_000
CONTEXT = "the cat sat on the mat."


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("task-views")
    made = {(family, head): make_tiny_task_model(root / f"{family}-{head}", family, head)
            for family in ("bert", "distilbert", "roberta") for head in ("sequence", "token", "qa")}
    made["gpt2"] = make_tiny_gpt2(root / "gpt2")
    made["bert"] = make_tiny_bert(root / "bert")
    return made


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


def own_output(loaded, *texts):
    encoding = loaded.tokenizer(*texts, return_tensors="pt")
    if "token_type_ids" not in loaded.tokenizer.model_input_names:
        encoding.pop("token_type_ids", None)
    with torch.no_grad():
        return loaded.model(**encoding), encoding


def item(tab, stem):
    return next(each for each in tab.export_items() if each.file_stem == stem)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("family", ["bert", "distilbert", "roberta"])
def test_a_classifier_shows_the_softmax_of_its_logits_as_bars(tab, qtbot, folders, family, tmp_path):
    loaded = load_model(folders[family, "sequence"])
    set_model(qtbot, tab, loaded)
    view = tab.ui.task_view
    assert tab.mode == CLASSIFY_MODE and "text classifier" in tab.ui.header.status.text()
    assert view.isVisible() and not tab.ui.bars.isVisible() and not tab.ui.views.isTabEnabled(1)
    output, _ = own_output(loaded, DEFAULT_PROMPT)
    probabilities = torch.softmax(output.logits[0].double(), -1).tolist()
    order = sorted(range(2), key=lambda i: -probabilities[i])
    assert view.labels() == [SENTIMENT[i] for i in order]  # most likely on top
    assert view.heights() == pytest.approx([probabilities[i] for i in order], abs=1e-9)
    table = view.table_texts()
    assert [row[0] for row in table] == view.labels() and table[0][3] == f"{100 * probabilities[order[0]]:.2f}%"
    assert f"“{SENTIMENT[order[0]]}”" in view.summary.text()
    rows = read_csv(export_item(item(tab, "task-head-table"), tmp_path / "labels.csv"))
    assert rows[0] == ["rank", "label", "logit", "probability", "function"]
    assert [float(row[3]) for row in rows[1:]] == pytest.approx([probabilities[i] for i in order], rel=1e-7)
    png = export_item(item(tab, "task-head-plot"), tmp_path / "labels.png")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert item(tab, "next-token-bars").figure() is None  # the bars are not what this model shows


@pytest.mark.parametrize("family", ["bert", "distilbert", "roberta"])
def test_a_token_classifier_shows_each_tokens_softmax(tab, qtbot, folders, family, tmp_path):
    loaded = load_model(folders[family, "token"])
    set_model(qtbot, tab, loaded)
    view = tab.ui.task_view
    assert tab.mode == TOKEN_LABELS_MODE and "token classifier" in tab.ui.header.status.text()
    output, encoding = own_output(loaded, DEFAULT_PROMPT)
    probabilities = torch.softmax(output.logits[0].double(), -1)[1:-1]  # the markers at both ends are left out
    assert view.heights() == pytest.approx(probabilities.flatten().tolist(), abs=1e-9)
    chosen = [ENTITIES[int(i)] for i in probabilities.argmax(-1)]
    assert [label.split(" → ")[1] for label in view.labels()] == chosen
    assert [row[1] for row in view.table_texts()] == chosen
    rows = read_csv(export_item(item(tab, "task-head-table"), tmp_path / "tokens.csv"))
    assert rows[0][:5] == ["position", "token_id", "token", "label", "probability"]
    assert [int(row[1]) for row in rows[1:]] == encoding["input_ids"][0, 1:-1].tolist()
    assert [float(p) for p in rows[1][5:]] == pytest.approx(probabilities[0].tolist(), rel=1e-7)


@pytest.mark.parametrize("family", ["bert", "distilbert", "roberta"])
def test_question_answering_shows_start_and_end_softmaxes_and_the_best_spans(tab, qtbot, folders, family):
    loaded = load_model(folders[family, "qa"])
    set_model(qtbot, tab, loaded)
    view = tab.ui.task_view
    assert tab.mode == ANSWER_MODE and view.question.isVisible() and view.question_text()
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        tab.ui.prompt.setPlainText(CONTEXT)
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        view.question.setText("who sat?")
    output, encoding = own_output(loaded, "who sat?", CONTEXT)
    context = torch.tensor([s == 1 for s in encoding.sequence_ids(0)])
    start = torch.softmax(output.start_logits[0][context].double(), -1)
    end = torch.softmax(output.end_logits[0][context].double(), -1)
    assert view.heights() == pytest.approx(start.tolist() + end.tolist(), abs=1e-9)
    n = len(start)
    best = max(((float(start[i] * end[j]), i, j) for i in range(n) for j in range(i, min(n, i + 15))))
    answer = view.result.answers[0]
    assert answer.score == pytest.approx(best[0]) and answer.text in CONTEXT
    assert f"“{answer.text}”" in view.summary.text() and view.table_texts()[0][0] == f"“{answer.text}”"
    with qtbot.waitSignal(tab.computed, timeout=WAIT_MS):
        view.question.setText("")
    assert "question" in tab.ui.message.text()  # the reason, and the last answer stays
    assert view.result.answers[0] == answer


def test_switching_between_task_heads_and_language_models(tab, qtbot, folders):
    set_model(qtbot, tab, load_model(folders["bert"]))
    assert "[MASK]" in tab.ui.prompt.toPlainText()
    set_model(qtbot, tab, load_model(folders["bert", "sequence"]))
    assert tab.mode == CLASSIFY_MODE and "[MASK]" not in tab.ui.prompt.toPlainText()  # a mask means nothing here
    assert not tab.ui.controls.bar_count_spin.isEnabled()
    set_model(qtbot, tab, load_model(folders["bert", "qa"]))
    assert tab.ui.task_view.question.isVisible() and tab.ui.task_view.result is not None
    set_model(qtbot, tab, load_model(folders["gpt2"]))
    assert tab.mode == NEXT_TOKEN_MODE and tab.ui.bars.isVisible() and not tab.ui.task_view.isVisible()
    assert tab.ui.task_view.result is None and not item(tab, "task-head-table").ready()
    assert len(tab.bar_heights()) == 20 and tab.ui.controls.bar_count_spin.isEnabled()
