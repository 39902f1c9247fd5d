"""What the Tokenization tab's Export menu saves: the BPE panel's two charts (PNG/SVG), and
three tables (CSV): the learned merges, the statistics of every tokenizer, and the tokens of
the current text.

The tables are built from the tab's data when they are saved, not from what the widgets show:
the merge table holds every merge (the view loads them lazily), and the token list covers the
whole tokenized text (the chips are drawn for its beginning only). Column names are fixed
English identifiers, and numbers are written plainly (no thousands separators), so scripts and
spreadsheets read the files the same way in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.tokenization.token_labels import readable_piece
from gui.common.tab_exports import ExportItem, FigureExport, Table, TableExport
from gui.tokenization.bpe_views import RATIO_CHART, VOCAB_CHART, chart_figure

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MERGE_HEADER = ("rank", "left", "right", "new_token", "pair_count", "left_stored", "right_stored",
                "new_token_stored")
STATS_HEADER = ("tokenizer", "text", "tokens", "characters", "bytes", "chars_per_token", "bytes_per_token",
                "vocabulary", "unknown", "oov_percent", "round_trip")
TOKENS_HEADER = ("tokenizer", "position", "token", "text", "id", "start", "end")
TYPED, HELD_OUT = "typed", "held_out"  # the `text` column of the statistics table


def merge_table(merges: Sequence[Any]) -> Table | None:
    """One row per merge (core `Merge`s, in rank order): rank, the pieces as the panel shows them
    ("␣the"), the pair count (empty when unknown), and the pieces as stored ("Ġthe")."""
    if not merges:
        return None
    rows = [[rank, readable_piece(m.left), readable_piece(m.right), readable_piece(m.result),
             "" if m.count is None else m.count, m.left, m.right, m.result]
            for rank, m in enumerate(merges, start=1)]
    return list(MERGE_HEADER), rows


def stats_row(name: str, which: str, stats: Any, vocab_size: int) -> list[Any]:
    """A statistics row: `stats` is a core `TokenStats`, `which` is TYPED or HELD_OUT."""
    return [name, which, stats.tokens, stats.characters, stats.bytes, round(stats.chars_per_token, 4),
            round(stats.bytes_per_token, 4), vocab_size, stats.unknown_tokens, round(stats.oov_percent, 4),
            stats.round_trip]


def stats_table(rows: Sequence[Any], text: str | None) -> Table | None:
    """Your-text and held-out statistics of each `TokenizerRow` that has a tokenizer. The
    your-text row is left out while its numbers belong to another text (still counting)."""
    table = []
    for row in rows:
        if row.tokenizer is None:
            continue
        name, vocab = row.tokenizer.name, row.tokenizer.vocab_size
        if row.stats is not None and text is not None and row.stats_text == text:
            table.append(stats_row(name, TYPED, row.stats, vocab))
        if row.held_out is not None:
            table.append(stats_row(name, HELD_OUT, row.held_out, vocab))
    return (list(STATS_HEADER), table) if table else None


def tokens_rows(name: str, tokens: Sequence[Any], text: str) -> list[list[Any]]:
    """One row per token: its position (from 0), the vocabulary entry, the characters it covers,
    its id and its character span [start, end)."""
    return [[name, position, token.text, text[token.start:token.end], token.id, token.start, token.end]
            for position, token in enumerate(tokens)]


def tokens_table(rows: Sequence[Any], text: str, bpe_merges: int) -> Table | None:
    """The tokens of `text` under each `TokenizerRow` that has a tokenizer; the BPE row's after
    `bpe_merges` merges, as its chips show them."""
    from core.tokenization.base import TokenizationError

    table: list[list[Any]] = []
    for row in rows:
        tokenizer = row.tokenizer
        if tokenizer is None:
            continue
        try:
            if row.key == "bpe" and bpe_merges < tokenizer.num_merges:
                tokens = tokenizer.replay(text, bpe_merges)
            else:
                tokens = tokenizer.encode(text)
        except TokenizationError:  # the tab already shows why
            continue
        table.extend(tokens_rows(tokenizer.name, tokens, text))
    return (list(TOKENS_HEADER), table) if table else None


def tokenization_export_items(panel: Any, shown_rows: Callable[[], list[Any]],
                              tokenized_text: Callable[[], str]) -> list[ExportItem]:
    """The Tokenization tab's Export menu: `panel` is its BpePanel, `shown_rows()` the TokenizerRows shown
    and `tokenized_text()` the text they tokenized."""

    def trained() -> bool:
        return panel.trained_bpe is not None

    def chart(which: str) -> Any:
        if not trained():
            return None
        return chart_figure(panel.trained_bpe.curve, which, panel.merge_count(), panel.word_ratio)

    def merges() -> Table | None:
        return merge_table(panel.trained_bpe.merges) if panel.trained_bpe is not None else None

    return [
        FigureExport(name=lambda: translate("TokenizationTab", "BPE: vocabulary size against merges"),
                     figure=lambda: chart(VOCAB_CHART), file_stem="bpe_vocabulary_size", ready=trained),
        FigureExport(name=lambda: translate("TokenizationTab", "BPE: characters per token against merges"),
                     figure=lambda: chart(RATIO_CHART), file_stem="bpe_chars_per_token", ready=trained),
        TableExport(name=lambda: translate("TokenizationTab", "BPE merges"), table=merges, file_stem="bpe_merges",
                    ready=lambda: panel.trained_bpe is not None and panel.tokenizer.num_merges > 0),
        TableExport(name=lambda: translate("TokenizationTab", "Statistics per tokenizer"),
                    table=lambda: stats_table(shown_rows(), tokenized_text()), file_stem="token_stats",
                    ready=lambda: any(row.tokenizer is not None and (row.stats is not None or row.held_out is not None)
                                      for row in shown_rows())),
        TableExport(name=lambda: translate("TokenizationTab", "Tokens of the text"),
                    table=lambda: tokens_table(shown_rows(), tokenized_text(), panel.merge_count()),
                    file_stem="tokens",
                    ready=lambda: bool(tokenized_text()) and any(row.tokenizer is not None
                                                                     for row in shown_rows())),
    ]
