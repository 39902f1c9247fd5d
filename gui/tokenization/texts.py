"""The Tokenization tab's texts made from data: the status line, the notes on long texts, and how
much of a text gets chips."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import count
from gui.common.session import corpus_description

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def display_prefix(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut after a whitespace when one is near the end."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", limit - 200, limit), text.rfind("\n", limit - 200, limit))
    return text[: cut + 1] if cut > 0 else text[:limit]


def length_notes(truncated_total: int | None, tokenized: int, drawn: int | None) -> str:
    """The note above the rows on a long text: `truncated_total` is the text's length when only
    `tokenized` characters of it are tokenized, `drawn` the characters that get chips when fewer
    than `tokenized` do (None: nothing to say). '' when there is no note."""
    parts = []
    if truncated_total is not None:
        parts.append(translate("TokenizationTab", "The text is {n} characters long: only the first {m} "
                                                  "are tokenized.").format(n=count(truncated_total), m=count(tokenized)))
    if drawn is not None:
        parts.append(translate("TokenizationTab", "Chips are drawn for the first {n} characters; the "
                                                  "numbers count the whole text.").format(n=count(drawn)))
    return "ℹ " + " ".join(parts) if parts else ""


def status_text(corpus: Any, model: Any, sample: Any) -> str:
    """The header's status line: the corpus (`sample`: its CorpusSample once read) and the model's tokenizer."""
    if corpus is None:
        return translate("TokenizationTab", "No corpus yet: the character, word and BPE "
                                            "vocabularies are built from the corpus.")
    text = translate("TokenizationTab", "Corpus: {corpus}. Vocabularies are built from its first 90%; the "
                                        "last 10% is held out.").format(corpus=corpus_description(corpus))
    if sample is not None and sample.sampled:
        used = len(sample.train_text) + len(sample.held_out)
        text += " " + translate("TokenizationTab", "It is large, so only its first {n} characters are "
                                                   "used.").format(n=count(used))
    if model is not None:
        text += " " + translate("TokenizationTab", "Model tokenizer: {model}.").format(model=model.name)
    return text


def header_texts() -> tuple[str, str, list[str]]:
    """The tab header's title, summary and points in the current language."""
    return (translate("TokenizationTab", "Tokenization"),
            translate("TokenizationTab", "A model never sees letters: it sees numbered pieces of text called "
                                         "tokens. Here the same text is cut several ways, so you can see why "
                                         "subword pieces win."),
            [translate("TokenizationTab", "Characters, words, byte-level BPE and the model's own tokenizer, as "
                                          "chips with their ids (hover one for its span)."),
             translate("TokenizationTab", "Numbers for your text and for held-out text: tokens, characters per "
                                          "token, unknown tokens, whether decoding gives the text back."),
             translate("TokenizationTab", "A BPE vocabulary learned from the corpus: move the slider to replay "
                                          "it merge by merge."),
             translate("TokenizationTab", "Batch: sentences padded into one batch with its attention mask. Chat: a "
                                          "conversation flattened by a chat template.")])


def page_titles() -> tuple[str, str, str]:
    """The tab's pages: the tokenizers side by side, one padded batch, a chat template."""
    return (translate("TokenizationTab", "Tok&enizers"), translate("TokenizationTab", "&Batch"),
            translate("TokenizationTab", "&Chat"))
