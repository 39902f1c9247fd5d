"""One row of the Tokenization tab per tokenizer: its chips and its statistics as numbers.

`build_chips` turns core `Token`s into `Chip`s: whitespace made visible, one box per group of
tokens that share characters (an emoji split into byte pieces), the id(s) underneath, and a
tooltip with the ids, the span and what the byte-level `Ġ` means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from core.tokenization.token_labels import visible_whitespace
from gui.common.chips import GAP, Chip, TokenChipsWidget
from gui.common.locale_numbers import count, decimal, percent
from gui.common.tab_header import LiveTexts

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

CHIP_LINES_SHOWN = 3  # a row shows this many lines of chips, then scrolls
MAX_TOOLTIP_TEXT = 40
ACCESSIBLE_CHIPS = 200  # tokens listed in the chips' accessible description


def _quote(text: str) -> str:
    text = visible_whitespace(text)
    return "“" + (text if len(text) <= MAX_TOOLTIP_TEXT else text[: MAX_TOOLTIP_TEXT - 1] + "…") + "”"


def _byte_level_notes(pieces: Sequence[str]) -> list[str]:
    """Explanations for the byte-level stand-ins a vocabulary entry uses."""
    joined = "".join(pieces)
    notes = []
    if "Ġ" in joined:
        notes.append(translate("TokenizationTab", "Ġ is how byte-level BPE writes a space: every byte gets a "
                                                  "printable stand-in, and the space byte's is Ġ. Here it is "
                                                  "drawn as ␣."))
    if "Ċ" in joined:
        notes.append(translate("TokenizationTab", "Ċ is the byte-level stand-in for a newline (drawn as ↵)."))
    if "ĉ" in joined:
        notes.append(translate("TokenizationTab", "ĉ is the byte-level stand-in for a tab (drawn as ⇥)."))
    return notes


def _tooltip(group: Any, ids: list[int], stored: list[str], unknown: bool, unk_id: int | None) -> str:
    if len(ids) == 1:
        lines = [translate("TokenizationTab", "Token id {id}").format(id=ids[0])]
    else:
        lines = [translate("TokenizationTab", "{n} tokens for these characters: ids {ids}. Byte-level BPE "
                                              "cut a character's UTF-8 bytes into pieces.").format(
            n=len(ids), ids=", ".join(map(str, ids)))]
    lines.append(translate("TokenizationTab", "Span: characters {start}–{end} of the text, {text}").format(
        start=count(group.start), end=count(group.end), text=_quote(group.text)))
    if unknown:
        lines.append(translate("TokenizationTab", "Unknown: not in the vocabulary, so it becomes the unknown "
                                                  "token (id {id}) and its meaning is lost.").format(id=unk_id))
    elif stored != [group.text] and len(ids) == 1:
        lines.append(translate("TokenizationTab", "Stored in the vocabulary as {piece}").format(
            piece="“" + stored[0] + "”"))
    return "\n".join(lines + _byte_level_notes(stored))


def build_chips(tokens: Sequence[Any], text: str, unk_id: int | None,
                cache: dict[tuple, Chip] | None = None) -> list[Chip]:
    """Chips for `tokens` (core `Token`s of `text`, in order). `cache` keeps chips between calls,
    so a slider step only builds the chips that changed."""
    from core.tokenization.base import group_for_display

    groups = group_for_display(tokens, text)
    cache = {} if cache is None else cache
    if len(cache) > 50_000:
        cache.clear()
    chips = []
    for index, group in enumerate(groups):
        following = text[group.end:groups[index + 1].start] if index + 1 < len(groups) else ""
        line_break = group.text.endswith("\n") or "\n" in following
        ids = [token.id for token in group.tokens]
        stored = [token.text for token in group.tokens]
        key = (group.start, group.end, group.text, tuple(ids), tuple(stored), unk_id, line_break)
        chip = cache.get(key)
        if chip is None:
            unknown = unk_id is not None and unk_id in ids
            caption = str(ids[0]) if len(ids) == 1 else "+".join(map(str, ids)) if len(ids) == 2 else \
                translate("TokenizationTab", "{n} ids").format(n=len(ids))
            chip = cache[key] = Chip(visible_whitespace(group.text) or stored[0], "UNK" if unknown else caption,
                                     _tooltip(group, ids, stored, unknown, unk_id), unknown, line_break)
        chips.append(chip)
    return chips


def stats_line(stats: Any, show_vocab: bool = True) -> str:
    """The statistics of one text as one line of numbers."""
    parts = [
        translate("TokenizationTab", "{n} tokens").format(n=count(stats.tokens)),
        translate("TokenizationTab", "{x} chars/token").format(x=decimal(stats.chars_per_token, 2)),
        translate("TokenizationTab", "{x} bytes/token").format(x=decimal(stats.bytes_per_token, 2)),
    ]
    if show_vocab:
        parts.append(translate("TokenizationTab", "vocabulary {n}").format(n=count(stats.vocab_size)))
    parts.append(translate("TokenizationTab", "unknown {n} ({pct} OOV)").format(
        n=count(stats.unknown_tokens), pct=percent(stats.oov_percent / 100.0, 1)))
    parts.append(translate("TokenizationTab", "round-trip ✓") if stats.round_trip
                 else translate("TokenizationTab", "round-trip ✗"))
    return " · ".join(parts)


def row_title(key: str, tokenizer: Any, model_name: str = "") -> tuple[str, str]:
    """A row's title and the one-line description of its vocabulary."""
    if key == "char":
        return translate("TokenizationTab", "Characters"), translate(
            "TokenizationTab", "vocabulary = the {n} different characters of the corpus, plus [UNK] for any "
                               "other.").format(n=count(tokenizer.vocab_size - 1))
    if key == "word":
        return translate("TokenizationTab", "Words"), translate(
            "TokenizationTab", "vocabulary = the {n} words and punctuation marks of the corpus, plus [UNK]; "
                               "spaces are dropped.").format(n=count(tokenizer.vocab_size - 1))
    if key == "bpe":
        return translate("TokenizationTab", "Byte-level BPE"), translate(
            "TokenizationTab", "vocabulary = 256 bytes + {s} special tokens + {m} merges learned from the "
                               "corpus.").format(s=count(len(tokenizer.special_tokens)), m=count(tokenizer.num_merges))
    return translate("TokenizationTab", "Model: {name}").format(name=model_name), translate(
        "TokenizationTab", "the tokenizer the loaded model was trained with, vocabulary {n}.").format(
        n=count(tokenizer.vocab_size))


class ChipsScroll(QScrollArea):
    """A scroll area as tall as its chips, up to CHIP_LINES_SHOWN lines."""

    def __init__(self, chips: TokenChipsWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips = chips
        self.setWidget(chips)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        width = max(self.viewport().width(), 300)
        line = self.chips.minimumSizeHint().height()
        height = min(self.chips.heightForWidth(width), CHIP_LINES_SHOWN * (line - GAP) + GAP)
        return QSize(width, max(height, line) + 2 * self.frameWidth())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.updateGeometry()


def default_title(key: str) -> str:
    """A row's title before its tokenizer exists."""
    titles = {"char": translate("TokenizationTab", "Characters"), "word": translate("TokenizationTab", "Words"),
              "bpe": translate("TokenizationTab", "Byte-level BPE"), "model": translate("TokenizationTab", "Model")}
    return titles.get(key, "")


class TokenizerRow(QFrame):
    """Title, a one-line description, the chips, and two lines of numbers (typed and held-out).

    Texts made from data (the numbers, the messages, the chips' tooltips) are made again in the
    new language when the language changes.
    """

    def __init__(self, key: str, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"{key}Row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tokenizer: Any = None
        self.stats: Any = None  # TokenStats of the typed text
        self.held_out: Any = None  # TokenStats of the held-out text
        self.stats_text: str | None = None  # the text `stats` was measured on
        self._chip_cache: dict[tuple, Chip] = {}
        self._model_name = ""
        self._title, self._description = title, description  # shown until a tokenizer is set
        self._shown: tuple[Sequence[Any], str, int | None] | None = None  # what the chips show
        self._live = LiveTexts()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.set_title(title, description)
        self.chips = TokenChipsWidget()
        self.chips.setObjectName(f"{key}Chips")
        self.scroll = ChipsScroll(self.chips)
        self.note = QLabel()
        self.note.setObjectName(f"{key}Note")
        self.note.setWordWrap(True)
        self.note.hide()
        self.typed_label = QLabel()
        self.typed_label.setObjectName(f"{key}TypedStats")
        self.held_out_label = QLabel()
        self.held_out_label.setObjectName(f"{key}HeldOutStats")
        for label in (self.typed_label, self.held_out_label):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        for widget in (self.title, self.scroll, self.note, self.typed_label, self.held_out_label):
            layout.addWidget(widget)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the row's texts, and make its numbers and chips again."""
        title = default_title(self.key) or self._title
        chips_name = translate("TokenizationTab", "Tokens: {title}").format(title=title)
        self.chips.setAccessibleName(chips_name)
        self.scroll.setAccessibleName(chips_name)  # the scroll area is the tab stop
        self.typed_label.setToolTip(translate("TokenizationTab", "Numbers for the text you typed. Round-trip ✓ "
                                                                 "means decode(encode(text)) gives the text back "
                                                                 "exactly."))
        self.held_out_label.setToolTip(translate("TokenizationTab", "Numbers for held-out text: the last 10% of "
                                                                    "the corpus, which the tokenizers were not "
                                                                    "built from. Unknown tokens show how often "
                                                                    "new text falls outside the vocabulary."))
        if self.tokenizer is not None:
            self.set_title(*row_title(self.key, self.tokenizer, self._model_name))
        else:
            self.set_title(title, self._description)
        self._live.refresh()
        if self._shown is not None:  # tooltips and "n ids" captions in the new language
            self._chip_cache.clear()
            self.set_tokens(*self._shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()

    def set_title(self, title: str, description: str) -> None:
        self.title.setText(f"<b>{title}</b> — {description}")

    def set_tokenizer(self, tokenizer: Any, model_name: str = "") -> None:
        """A new tokenizer: new title; the numbers are measured again."""
        self.tokenizer, self.stats_text, self._model_name = tokenizer, None, model_name
        self._chip_cache.clear()
        self.set_title(*row_title(self.key, tokenizer, model_name))

    def set_tokens(self, tokens: Sequence[Any], text: str, unk_id: int | None) -> None:
        self._shown = (tokens, text, unk_id)
        chips = build_chips(tokens, text, unk_id, self._chip_cache)
        self.chips.set_chips(chips)
        # What a screen reader reads for the chips: the tokens as drawn, separated by "|".
        described = " | ".join(chip.label for chip in chips[:ACCESSIBLE_CHIPS])
        self.scroll.setAccessibleDescription(described + (" | …" if len(chips) > ACCESSIBLE_CHIPS else ""))
        self.scroll.updateGeometry()

    def set_note(self, text: str | Callable[[], str]) -> None:
        """The note under the chips; `text` may be a function making it (made again on a language change)."""
        self._live.show("note", self._show_note, text)

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_stats(self, stats: Any) -> None:
        self.stats = stats
        self._live.show("typed", self.typed_label.setText, lambda: translate(
            "TokenizationTab", "<b>Your text</b>: {numbers}").format(numbers=stats_line(stats))
            if stats is not None else "")

    def set_counting(self, characters: int) -> None:
        """The typed text's numbers are being counted in the background."""
        self._live.show("typed", self.typed_label.setText, lambda: translate(
            "TokenizationTab", "<b>Your text</b>: counting {n} characters…").format(n=count(characters)))

    def set_held_out(self, stats: Any, waiting: str | Callable[[], str] = "") -> None:
        """The held-out numbers, or (stats None) `waiting`: a message, or a function making it."""
        self.held_out = stats
        if stats is None:
            self._live.show("held_out", self.held_out_label.setText, waiting)
            return
        self._live.show("held_out", self.held_out_label.setText, lambda: translate(
            "TokenizationTab", "<b>Held-out</b> ({n} chars): {numbers}").format(
            n=count(stats.characters), numbers=stats_line(stats, show_vocab=False)))

    def clear(self, message: str | Callable[[], str]) -> None:
        """No tokenizer (yet): no chips, a message instead of numbers (or a function making it)."""
        self.tokenizer = self.stats_text = None
        self._model_name = ""
        self._shown = None
        self._chip_cache.clear()
        self.chips.set_chips([])
        self.scroll.setAccessibleDescription("")
        self.set_note("")
        self.set_stats(None)
        self.set_held_out(None, message)


def rows_panel(keys: Sequence[str]) -> tuple[dict[str, TokenizerRow], dict[str, Any], QLabel, Any, QScrollArea]:
    """The tokenizer rows with their "Show:" toggles and the comparison box, in a scroll area:
    (rows by key, toggles by key, the "Show:" label, the TokenizerComparePanel, the scroll area).
    The caller connects the toggles."""
    from PySide6.QtWidgets import QCheckBox, QHBoxLayout

    from gui.tokenization.compare import TokenizerComparePanel

    rows = {key: TokenizerRow(key, default_title(key), "") for key in keys}
    toggles_row = QHBoxLayout()
    show_label = QLabel()
    toggles_row.addWidget(show_label)
    toggles: dict[str, QCheckBox] = {}
    for key in keys:
        toggle = QCheckBox()
        toggle.setObjectName(f"{key}Toggle")
        toggle.setChecked(True)
        toggles_row.addWidget(toggle)
        toggles[key] = toggle
    toggles_row.addStretch(1)
    compare = TokenizerComparePanel()
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 4, 0)
    column.addLayout(toggles_row)
    for row in rows.values():
        column.addWidget(row)
    column.addWidget(compare)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside; it scrolls to them
    return rows, toggles, show_label, compare, scroll
