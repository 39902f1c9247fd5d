"""Tiny Hugging Face models and tokenizers built on the spot, so tests never need the network."""

from __future__ import annotations

from pathlib import Path

TINY_TEXT = (
    "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat.\n"
    "o gato sentou no tapete. o cachorro sentou no tronco.\n"
) * 4


# A small dialogue written for the tests (about 3,000 characters), for training runs.
TRAINING_TEXT = (
    "Teacher:\nToday we count the tokens before we train the model.\n\n"
    "Class:\nCount them, count them.\n\nTeacher:\nWould you rather guess each letter or learn each word?\n\n"
    "Class:\nLearn them. learn them.\n\n"
) * 20


def tiny_byte_level_tokenizer(vocab_size: int = 120):
    """A byte-level BPE `PreTrainedTokenizerFast` trained on `TINY_TEXT` (GPT-2 style)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    raw.train_from_iterator([TINY_TEXT], trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=raw, eos_token="<|endoftext|>", bos_token="<|endoftext|>", unk_token="<|endoftext|>"
    )


def tiny_wordpiece_tokenizer():
    """A BERT-style WordPiece `PreTrainedTokenizerFast` with [CLS]/[SEP]/[MASK]."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    raw = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    raw.normalizer = normalizers.Lowercase()
    raw.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    raw.decoder = decoders.WordPiece()
    raw.train_from_iterator([TINY_TEXT], trainers.WordPieceTrainer(vocab_size=90, special_tokens=specials))
    cls_id, sep_id = raw.token_to_id("[CLS]"), raw.token_to_id("[SEP]")
    raw.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=raw, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]",
    )


def make_tiny_gpt2(folder: Path, n_layer: int = 2, n_head: int = 2, n_embd: int = 32) -> Path:
    """Save a randomly initialised GPT-2 with its tokenizer into `folder`."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    tokenizer = tiny_byte_level_tokenizer()
    eos = tokenizer.eos_token_id
    config = GPT2Config(
        n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=64,
        vocab_size=len(tokenizer), bos_token_id=eos, eos_token_id=eos,
    )
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def make_tiny_bert(folder: Path, with_mlm_head: bool = True, n_layer: int = 2) -> Path:
    """Save a randomly initialised BERT (masked LM, or bare encoder) with its tokenizer."""
    import torch
    from transformers import BertConfig, BertForMaskedLM, BertModel

    tokenizer = tiny_wordpiece_tokenizer()
    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=n_layer, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )
    torch.manual_seed(0)
    model = BertForMaskedLM(config) if with_mlm_head else BertModel(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
