"""Tiny random models with task heads (a sentiment classifier, a named-entity tagger, an extractive
question-answering model), for BERT, DistilBERT and RoBERTa, built on the spot (no network)."""

from __future__ import annotations

from pathlib import Path

from tests.tiny_models import tiny_wordpiece_tokenizer
from tests.tiny_roberta import tiny_roberta_tokenizer

SENTIMENT = {0: "NEGATIVE", 1: "POSITIVE"}
ENTITIES = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}
HEADS = {"sequence": "ForSequenceClassification", "token": "ForTokenClassification", "qa": "ForQuestionAnswering"}
FAMILIES = {"bert": "Bert", "distilbert": "DistilBert", "roberta": "Roberta"}


def wordpiece_pair_tokenizer():
    """`tiny_wordpiece_tokenizer` that also reads a pair of texts: "[CLS] A [SEP] B [SEP]" (question, context)."""
    from tokenizers import processors

    tokenizer = tiny_wordpiece_tokenizer()
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    tokenizer.backend_tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return tokenizer


def task_config(family: str, head: str, vocab_size: int, tokenizer):
    """A tiny config of `family` ("bert", "distilbert", "roberta") for `head` ("sequence", "token", "qa")."""
    import transformers

    labels = {"sequence": SENTIMENT, "token": ENTITIES}.get(head)
    extra = {"id2label": labels, "label2id": {v: k for k, v in labels.items()}} if labels else {}
    extra["architectures"] = [f"{FAMILIES[family]}{HEADS[head]}"]
    if family == "distilbert":
        return transformers.DistilBertConfig(vocab_size=vocab_size, dim=32, n_layers=2, n_heads=2, hidden_dim=64,
                                             max_position_embeddings=64, pad_token_id=tokenizer.pad_token_id,
                                             **extra)
    if family == "roberta":
        return transformers.RobertaConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2,
                                          num_attention_heads=2, intermediate_size=64, max_position_embeddings=66,
                                          pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                                          eos_token_id=tokenizer.eos_token_id, **extra)
    return transformers.BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                   intermediate_size=64, max_position_embeddings=64, **extra)


def make_tiny_task_model(folder: Path, family: str = "bert", head: str = "sequence", seed: int = 0) -> Path:
    """Save a randomly initialised `family` model with a `head` and its tokenizer into `folder`."""
    import torch
    import transformers

    tokenizer = tiny_roberta_tokenizer() if family == "roberta" else wordpiece_pair_tokenizer()
    if family == "distilbert":
        tokenizer.model_input_names = ["input_ids", "attention_mask"]
    config = task_config(family, head, len(tokenizer), tokenizer)
    torch.manual_seed(seed)
    model = getattr(transformers, config.architectures[0])(config)
    with torch.no_grad():  # random heads give near-uniform outputs; spread them so the views have a winner
        for name, parameter in model.named_parameters():
            if name.split(".")[0] in ("classifier", "qa_outputs") and name.endswith("weight"):
                parameter.normal_(0, 0.3)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
