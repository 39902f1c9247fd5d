"""A tiny random RoBERTa with a byte-level BPE tokenizer, built on the spot (no network)."""

from __future__ import annotations

from pathlib import Path

from tests.tiny_models import TINY_TEXT

ROBERTA_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]


def tiny_roberta_tokenizer(vocab_size: int = 120):
    """A RoBERTa-style byte-level BPE `PreTrainedTokenizerFast`: "<s> text </s>" with <mask>."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=ROBERTA_SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    raw.train_from_iterator([TINY_TEXT], trainer)
    raw.post_processor = processors.RobertaProcessing(
        ("</s>", raw.token_to_id("</s>")), ("<s>", raw.token_to_id("<s>")), add_prefix_space=False
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=raw, bos_token="<s>", eos_token="</s>", cls_token="<s>", sep_token="</s>",
        pad_token="<pad>", unk_token="<unk>", mask_token="<mask>",
    )


def make_tiny_roberta(folder: Path, n_layer: int = 2) -> Path:
    """Save a randomly initialised RoBERTa masked LM with its tokenizer into `folder`."""
    import torch
    from transformers import RobertaConfig, RobertaForMaskedLM

    tokenizer = tiny_roberta_tokenizer()
    config = RobertaConfig(
        vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=n_layer, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=66, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    RobertaForMaskedLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
