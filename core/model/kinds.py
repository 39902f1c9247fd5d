"""What kind of model a config describes, and what each kind can show.

A model folder's `config.json` names its class in `architectures`: "GPT2LMHeadModel" is a causal
LM, "BertForMaskedLM" a masked LM, "BertModel" a plain encoder, and a name ending in
"ForSequenceClassification", "ForTokenClassification" or "ForQuestionAnswering" a model with a
task head (sentiment, named entities, an answer found in a text), as in transformers' pipelines.
`model_kind(config)` reads that name; `auto_class(kind)` is the transformers class that loads it.

Plain Python: transformers is imported inside the functions.
"""

from __future__ import annotations

from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message
from core.model.load_errors import ModelLoadError

# What a model can show (LoadedModel.can); the task heads' are named as transformers' pipelines.
NEXT_TOKEN = "next-token"
FILL_MASK = "fill-mask"
ATTENTION = "attention"
CLASSIFY_TEXT = "text-classification"
CLASSIFY_TOKENS = "token-classification"
ANSWER_QUESTION = "question-answering"

# The kinds of model.
CAUSAL_LM = "causal-lm"
MASKED_LM = "masked-lm"
ENCODER = "encoder"
SEQUENCE_CLASSIFIER = "sequence-classifier"  # ...ForSequenceClassification: sentiment, topics
TOKEN_CLASSIFIER = "token-classifier"  # ...ForTokenClassification: named entities, parts of speech
QUESTION_ANSWERING = "question-answering"  # ...ForQuestionAnswering: an answer span in a text
TASK_HEAD_KINDS = (SEQUENCE_CLASSIFIER, TOKEN_CLASSIFIER, QUESTION_ANSWERING)

KIND_LABELS = {  # English; the GUI shows them translated (context "CoreMessages")
    CAUSAL_LM: QT_TRANSLATE_NOOP("CoreMessages", "causal LM"),
    MASKED_LM: QT_TRANSLATE_NOOP("CoreMessages", "masked LM"),
    ENCODER: QT_TRANSLATE_NOOP("CoreMessages", "encoder (no LM head)"),
    SEQUENCE_CLASSIFIER: QT_TRANSLATE_NOOP("CoreMessages", "text classifier"),
    TOKEN_CLASSIFIER: QT_TRANSLATE_NOOP("CoreMessages", "token classifier"),
    QUESTION_ANSWERING: QT_TRANSLATE_NOOP("CoreMessages", "question-answering model"),
}
CAPABILITIES_BY_KIND = {
    CAUSAL_LM: frozenset({NEXT_TOKEN, ATTENTION}),
    MASKED_LM: frozenset({FILL_MASK, ATTENTION}),
    ENCODER: frozenset({ATTENTION}),
    SEQUENCE_CLASSIFIER: frozenset({CLASSIFY_TEXT, ATTENTION}),
    TOKEN_CLASSIFIER: frozenset({CLASSIFY_TOKENS, ATTENTION}),
    QUESTION_ANSWERING: frozenset({ANSWER_QUESTION, ATTENTION}),
}
# The end of an architecture's name -> its kind, checked in this order ("Model" last: "GPT2LMHeadModel").
KIND_BY_ARCHITECTURE_SUFFIX = (
    (("ForCausalLM", "LMHeadModel"), CAUSAL_LM),
    (("ForMaskedLM",), MASKED_LM),
    (("ForSequenceClassification",), SEQUENCE_CLASSIFIER),
    (("ForTokenClassification",), TOKEN_CLASSIFIER),
    (("ForQuestionAnswering",), QUESTION_ANSWERING),
    (("ForMultipleChoice", "ForNextSentencePrediction", "Model"), ENCODER),  # heads not shown: attention only
)


def kind_of_architecture(architecture: str) -> str | None:
    """The kind an architecture's name says ("BertForTokenClassification" -> TOKEN_CLASSIFIER), or None."""
    return next((kind for suffixes, kind in KIND_BY_ARCHITECTURE_SUFFIX if architecture.endswith(suffixes)), None)


def auto_class(kind: str) -> tuple[Any, Any]:
    """(the transformers Auto class that loads a model of `kind`, the mapping of the configs it knows,
    None for the plain encoder's AutoModel, which knows them all)."""
    from transformers import (
        MODEL_FOR_CAUSAL_LM_MAPPING,
        MODEL_FOR_MASKED_LM_MAPPING,
        MODEL_FOR_QUESTION_ANSWERING_MAPPING,
        MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING,
        MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING,
        AutoModel,
        AutoModelForCausalLM,
        AutoModelForMaskedLM,
        AutoModelForQuestionAnswering,
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
    )

    return {
        CAUSAL_LM: (AutoModelForCausalLM, MODEL_FOR_CAUSAL_LM_MAPPING),
        MASKED_LM: (AutoModelForMaskedLM, MODEL_FOR_MASKED_LM_MAPPING),
        ENCODER: (AutoModel, None),
        SEQUENCE_CLASSIFIER: (AutoModelForSequenceClassification, MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING),
        TOKEN_CLASSIFIER: (AutoModelForTokenClassification, MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING),
        QUESTION_ANSWERING: (AutoModelForQuestionAnswering, MODEL_FOR_QUESTION_ANSWERING_MAPPING),
    }[kind]


def model_kind(config: Any) -> str:
    """CAUSAL_LM, MASKED_LM, ENCODER or one of TASK_HEAD_KINDS, from the config's `architectures` or its type.

    The first architecture whose name says a kind decides, when the installed transformers has a
    class of that kind for this config; without one, the config's type does (a masked LM when
    transformers has one for it, else a causal LM, else a plain encoder).
    """
    from transformers import MODEL_FOR_CAUSAL_LM_MAPPING, MODEL_FOR_MASKED_LM_MAPPING

    if getattr(config, "is_encoder_decoder", False):
        raise ModelLoadError("unsupported", Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{model_type} is an encoder-decoder model; LM Anatomy shows "
                                              "decoder-only and encoder-only models."),
            {"model_type": config.model_type}))
    for architecture in getattr(config, "architectures", None) or []:
        kind = kind_of_architecture(architecture)
        if kind is not None:
            mapping = auto_class(kind)[1]
            if mapping is None or type(config) in mapping:
                return kind
    config_type = type(config)
    if config_type in MODEL_FOR_MASKED_LM_MAPPING and not getattr(config, "is_decoder", False):
        return MASKED_LM
    if config_type in MODEL_FOR_CAUSAL_LM_MAPPING:
        return CAUSAL_LM
    return ENCODER
