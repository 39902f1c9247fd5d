"""What a model with a task head outputs, step by step from its logits: transformers' pipelines by hand.

- `classify_text(loaded, text)`, for a ...ForSequenceClassification model (sentiment, topics): one
  logit per label for the whole text; softmax turns them into probabilities that add up to 1. A
  multi-label model (or one with a single logit) uses a sigmoid per label instead, as the
  "text-classification" pipeline does.
- `classify_tokens(loaded, text)`, for a ...ForTokenClassification model (named entities, parts of
  speech): one logit per label for every token, a softmax per token, and its most likely label
  (the "token-classification" pipeline without aggregation; special tokens are flagged).
- `answer_question(loaded, question, context)`, for a ...ForQuestionAnswering model: the question
  and the context are read together, and every token gets a start logit and an end logit. Softmax
  over the context's tokens gives p(start) and p(end); the span from token i to token j (i <= j,
  at most `max_answer_len` tokens) scores p(start = i) x p(end = j), and the best spans are the
  answers. (The pipeline also keeps the first token, [CLS], in both softmaxes as a "no answer" slot
  and then drops it; here only the context's tokens compete, so each row adds up to 1.)

Every number is computed here, in float64 from the model's float32 logits; the GUI only draws them.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import torch

from core.messages import QT_TRANSLATE_NOOP, Message
from core.next_token.prediction import PredictionError, check_prompt_ids, require
from core.tokenization.token_labels import token_labels

MAX_ANSWER_TOKENS = 15  # the question-answering pipeline's max_answer_len
TOP_ANSWERS = 5


# ----------------------------------------------------------------------------- results

@dataclass
class TextClassification:
    """A classifier's output for one text: `logits[i]` and `probabilities[i]` belong to `labels[i]`.

    function: "softmax" (the probabilities add up to 1), "sigmoid" (each label on its own) or "none"
    (a regression head: the values are the logits). tokens: the text as the model read it.
    """

    text: str
    tokens: list[str]
    labels: list[str]
    logits: list[float]
    probabilities: list[float]
    function: str = "softmax"

    @property
    def best(self) -> int:
        """Index of the most likely label (the first on a tie)."""
        return max(range(len(self.probabilities)), key=lambda i: (self.probabilities[i], -i))

    def ranked(self) -> list[int]:
        """Label indices, most likely first (ties in label order)."""
        return sorted(range(len(self.labels)), key=lambda i: (-self.probabilities[i], i))


@dataclass
class TokenPrediction:
    """One token of the text: its label (as shown), the softmax over the labels, the winner."""

    position: int  # index in the model's input
    token_id: int
    token: str
    logits: list[float]
    probabilities: list[float]
    label: str  # the most likely label
    probability: float  # its probability
    special: bool  # a marker the tokenizer added ([CLS], [SEP], <s>, ...); the pipeline leaves these out


@dataclass
class TokenClassification:
    """A token classifier's output: every token of the input (special ones flagged), with `labels`."""

    text: str
    labels: list[str]
    tokens: list[TokenPrediction]

    def words(self) -> list[TokenPrediction]:
        """The tokens that stand for text (what the pipeline returns)."""
        return [token for token in self.tokens if not token.special]


@dataclass
class AnswerSpan:
    """One candidate answer: tokens `start`..`end` (inclusive, indices in the model's input)."""

    start: int
    end: int
    text: str
    start_probability: float
    end_probability: float

    @property
    def score(self) -> float:
        """p(start) x p(end): how the spans are ranked."""
        return self.start_probability * self.end_probability


@dataclass
class QuestionAnswer:
    """A question-answering model's output for `question` about `context`.

    tokens: the whole input (question, context and markers), as labels. context: True for the tokens
    of the context (the only ones an answer may use). start_logits, end_logits: the model's, one per
    token; start_probabilities, end_probabilities: their softmax over the context's tokens (0
    elsewhere). answers: the best spans, best first.
    """

    question: str
    context_text: str
    tokens: list[str]
    context: list[bool]
    start_logits: list[float]
    end_logits: list[float]
    start_probabilities: list[float]
    end_probabilities: list[float]
    answers: list[AnswerSpan]


# ----------------------------------------------------------------------------- the steps

def softmax(logits: torch.Tensor) -> torch.Tensor:
    """exp(z_i - max z) / sum_j exp(z_j - max z) over the last axis, in float64."""
    return torch.softmax(logits.double(), dim=-1)


def classifier_function(config: Any) -> str:
    """"softmax", "sigmoid" or "none": what turns this classifier's logits into scores (the pipeline's rule)."""
    problem = getattr(config, "problem_type", None)
    if problem == "regression":
        return "none"
    if problem == "multi_label_classification" or int(getattr(config, "num_labels", 2)) == 1:
        return "sigmoid"
    return "softmax"


def _run(loaded: Any, encoding: Any) -> Any:
    """The model's output for one encoded input, passing only the inputs its forward takes
    (DistilBERT has no token_type_ids)."""
    accepted = inspect.signature(loaded.model.forward).parameters
    inputs = {name: torch.tensor([list(encoding[name])], dtype=torch.long, device=loaded.device)
              for name in ("input_ids", "attention_mask", "token_type_ids") if name in encoding and name in accepted}
    with torch.no_grad():
        return loaded.model(**inputs)


def _encode(loaded: Any, text: str, **kwargs: Any) -> Any:
    encoding = loaded.tokenizer(text, **kwargs) if text else {"input_ids": []}
    check_prompt_ids(loaded, encoding["input_ids"])
    return encoding


def classify_text(loaded: Any, text: str) -> TextClassification:
    """The label probabilities of `text` from a sequence classifier; PredictionError (a ValueError)
    for another model, an empty text or one longer than the model reads."""
    from core.model.loading import CLASSIFY_TEXT

    require(loaded, CLASSIFY_TEXT)
    encoding = _encode(loaded, text)
    logits = _run(loaded, encoding).logits[0].float().cpu()  # (labels,)
    function = classifier_function(loaded.model.config)
    if function == "softmax":
        probabilities = softmax(logits)
    elif function == "sigmoid":
        probabilities = torch.sigmoid(logits.double())
    else:
        probabilities = logits.double()
    labels = loaded.labels
    return TextClassification(text, token_labels(loaded.tokenizer, list(encoding["input_ids"])),
                              labels[: len(logits)], logits.tolist(), probabilities.tolist(), function)


def classify_tokens(loaded: Any, text: str) -> TokenClassification:
    """Every token of `text` with its label probabilities and the winner, from a token classifier."""
    from core.model.loading import CLASSIFY_TOKENS

    require(loaded, CLASSIFY_TOKENS)
    encoding = _encode(loaded, text, return_special_tokens_mask=True)
    ids = list(encoding["input_ids"])
    logits = _run(loaded, encoding).logits[0].float().cpu()  # (T, labels)
    probabilities = softmax(logits)  # (T, labels), each row adds up to 1
    labels, names = loaded.labels, token_labels(loaded.tokenizer, ids)
    special = list(encoding.get("special_tokens_mask") or [0] * len(ids))
    tokens = []
    for position, (token_id, row, probs) in enumerate(zip(ids, logits.tolist(), probabilities.tolist())):
        best = max(range(len(probs)), key=lambda i: (probs[i], -i))
        tokens.append(TokenPrediction(position, token_id, names[position], row, probs, labels[best], probs[best],
                                      bool(special[position])))
    return TokenClassification(text, labels[: logits.shape[-1]], tokens)


def best_spans(start_probabilities: torch.Tensor, end_probabilities: torch.Tensor, allowed: torch.Tensor,
               k: int = TOP_ANSWERS, max_answer_len: int = MAX_ANSWER_TOKENS) -> list[tuple[int, int, float]]:
    """The k best (start, end, p_start x p_end) with start <= end < start + max_answer_len, both in
    `allowed` (a (T,) bool mask); best first, ties by position."""
    scores = start_probabilities.double()[:, None] * end_probabilities.double()[None, :]  # (T, T)
    scores = torch.tril(torch.triu(scores), max_answer_len - 1)  # end >= start, and short enough
    scores = scores * (allowed[:, None] & allowed[None, :])
    flat = scores.flatten()
    candidates = int((flat > 0).sum())
    order = torch.sort(flat, descending=True, stable=True).indices[: min(k, candidates)]
    size = scores.shape[1]
    return [(int(i) // size, int(i) % size, float(flat[i])) for i in order]


def answer_question(loaded: Any, question: str, context: str, k: int = TOP_ANSWERS,
                    max_answer_len: int = MAX_ANSWER_TOKENS) -> QuestionAnswer:
    """The best answer spans to `question` in `context`, from a question-answering model."""
    from core.model.loading import ANSWER_QUESTION

    require(loaded, ANSWER_QUESTION)
    if not question.strip():
        raise PredictionError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Type a question about the text first.")))
    if not context.strip():
        raise PredictionError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The text is empty: type some text first.")))
    tokenizer = loaded.tokenizer
    if not getattr(tokenizer, "is_fast", False):
        raise PredictionError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "{model} has no fast tokenizer, which finding an answer's characters needs."),
            {"model": loaded.name}))
    encoding = tokenizer(question, context, return_offsets_mapping=True)
    ids = list(encoding["input_ids"])
    check_prompt_ids(loaded, ids)
    output = _run(loaded, encoding)
    start_logits = output.start_logits[0].float().cpu()  # (T,)
    end_logits = output.end_logits[0].float().cpu()  # (T,)
    in_context = torch.tensor([sequence == 1 for sequence in encoding.sequence_ids()], dtype=torch.bool)
    if not bool(in_context.any()):
        raise PredictionError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The text is empty: type some text first.")))
    start_probabilities, end_probabilities = torch.zeros(len(ids), dtype=torch.float64), torch.zeros(
        len(ids), dtype=torch.float64)
    start_probabilities[in_context] = softmax(start_logits[in_context])
    end_probabilities[in_context] = softmax(end_logits[in_context])
    offsets = encoding["offset_mapping"]
    answers = [AnswerSpan(start, end, context[offsets[start][0]:offsets[end][1]], float(start_probabilities[start]),
                          float(end_probabilities[end]))
               for start, end, _score in best_spans(start_probabilities, end_probabilities, in_context, k,
                                                    max_answer_len)]
    return QuestionAnswer(question, context, token_labels(tokenizer, ids), in_context.tolist(),
                          start_logits.tolist(), end_logits.tolist(), start_probabilities.tolist(),
                          end_probabilities.tolist(), answers)
