"""The Tokenization tab's comparison box: why not whole words (one-hot and bag-of-words
sparsity of the typed sentences), and the "token premium" of languages for one tokenizer."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.common.core_text import localized
from gui.common.default_texts import default_text
from gui.common.locale_numbers import count, decimal, percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

SPARSITY_CHARS = 20_000  # one-hot and bag-of-words are measured on at most this much text
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")
# Samples that are not named after their language get a name in the user's language.
SAMPLE_NAMES = {"Code": QT_TRANSLATE_NOOP("TokenizationTab", "Code"),
                "Emoji & CJK": QT_TRANSLATE_NOOP("TokenizationTab", "Emoji & CJK")}


def sample_name(name: str) -> str:
    """A core sample's name as shown: "Português" stays, "Code" is translated."""
    return translate("TokenizationTab", SAMPLE_NAMES[name]) if name in SAMPLE_NAMES else name


def sentences_of(text: str) -> list[str]:
    """The sentences (or lines) of `text`, stripped, empty ones left out."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


class SamplesBar(QWidget):
    """One button per sample text; `chosen(text)` when one is clicked. The first is the tab's example text in
    the UI language (`gui.common.default_texts`: English then Portuguese, or Portuguese then English), the
    others are core's fixed samples of each language."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from core.tokenization.statistics import SAMPLE_TEXTS

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._label = QLabel()
        layout.addWidget(self._label)
        self.buttons: dict[str, QPushButton] = {}  # keyed by the names they had when built
        self._bilingual = QPushButton(translate("TokenizationTab", "Bilingual"))
        self._bilingual.setObjectName("sample0")
        self._bilingual.clicked.connect(lambda _checked=False: self.chosen.emit(default_text("tokenization")))
        layout.addWidget(self._bilingual)
        self.buttons[self._bilingual.text()] = self._bilingual
        for name, text in SAMPLE_TEXTS.items():
            button = QPushButton(name.replace("&", "&&"))  # "Emoji & CJK": not a mnemonic
            button.setObjectName(f"sample{len(self.buttons)}")
            button.setToolTip(text)
            button.clicked.connect(lambda _checked=False, t=text: self.chosen.emit(t))
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The label and the bilingual sample's name and text (the other samples are named in their own
        language)."""
        self._label.setText(translate("TokenizationTab", "Samples:"))
        self._bilingual.setText(translate("TokenizationTab", "Bilingual").replace("&", "&&"))
        self._bilingual.setToolTip(default_text("tokenization"))
        for name, button in self.buttons.items():
            if name in SAMPLE_NAMES:
                button.setText(sample_name(name).replace("&", "&&"))  # "Emoji & CJK": not a mnemonic

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()


class TokenizerComparePanel(QGroupBox):
    """Sparsity of one-hot words for the typed text, and token premiums for a chosen tokenizer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self._tokenizers: dict[str, Any] = {}
        self._choice = "bpe"  # the tokenizer for the premium, until the user picks another
        self._sparsity: Any = None  # (part, hot, bag) measured last, a core error, or None
        self._premiums: Any = None  # the premiums shown, a core error, or None
        self.sparsity_label = QLabel()
        self.sparsity_label.setObjectName("sparsityLabel")
        self.premium_combo = QComboBox()
        self.premium_combo.setObjectName("premiumTokenizer")
        self.premium_combo.currentIndexChanged.connect(self._update_premium)
        self.premium_combo.activated.connect(lambda _i: setattr(self, "_choice", self.premium_combo.currentData()))
        self.premium_label = QLabel()
        self.premium_label.setObjectName("premiumLabel")
        for label in (self.sparsity_label, self.premium_label):
            label.setWordWrap(True)
        self._premium_with = QLabel()
        self._premium_with.setBuddy(self.premium_combo)
        premium_row = QHBoxLayout()
        premium_row.addWidget(self._premium_with)
        premium_row.addWidget(self.premium_combo)
        premium_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sparsity_label)
        layout.addLayout(premium_row)
        layout.addWidget(self.premium_label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the fixed texts and to the numbers shown (nothing is measured again)."""
        self.setTitle(translate("TokenizationTab", "Why not whole words? Why do some languages cost more?"))
        self.premium_combo.setAccessibleName(translate("TokenizationTab", "Tokenizer for the token premium"))
        self._premium_with.setText(translate("TokenizationTab", "Token &premium with:"))
        self._show_sparsity()
        self._show_premium()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "premium_label"):
            self.retranslate_ui()

    def set_names(self, names: dict[str, str]) -> None:
        """Rename the tokenizers in the list (key -> name), in place: the choice stays."""
        self.premium_combo.blockSignals(True)
        for index in range(self.premium_combo.count()):
            name = names.get(self.premium_combo.itemData(index))
            if name is not None:
                self.premium_combo.setItemText(index, name)
        self.premium_combo.blockSignals(False)

    def update_sparsity(self, text: str, word_tokenizer: Any) -> None:
        """One-hot and bag-of-words numbers for `text` over the corpus's word vocabulary."""
        from core.tokenization.base import TokenizationError
        from core.tokenization.statistics import bag_of_words, one_hot

        measured = text[:SPARSITY_CHARS]
        sentences = sentences_of(measured)
        if not sentences or word_tokenizer is None:
            self._sparsity = None
        else:
            try:
                hot, bag = one_hot(measured, word_tokenizer), bag_of_words(sentences, word_tokenizer)
            except TokenizationError as error:
                self._sparsity = error
            else:
                self._sparsity = (len(measured) if len(measured) < len(text) else None, hot, bag)
        self._show_sparsity()

    def _show_sparsity(self) -> None:
        if self._sparsity is None:
            self.sparsity_label.setText(translate("TokenizationTab", "One-hot and bag-of-words matrices appear "
                                                                     "here once there is text and a corpus."))
            return
        if isinstance(self._sparsity, Exception):
            self.sparsity_label.setText(localized(self._sparsity))
            return
        measured, hot, bag = self._sparsity
        part = translate("TokenizationTab", " (first {n} characters)").format(n=count(measured)) \
            if measured is not None else ""
        self.sparsity_label.setText(translate(
            "TokenizationTab",
            "One id per word means one column per vocabulary word. One-hot{part}: {rows} words × {cols} = a "
            "{rows}×{cols} matrix, {zeros} zeros. Bag of words: {srows} sentences × {cols}, {bzeros} zeros. "
            "Every new word needs a new column, and unknown words all become [UNK].").format(
            part=part, rows=count(hot.rows), cols=count(hot.columns), zeros=percent(hot.zero_percent / 100.0, 2),
            srows=count(bag.rows), bzeros=percent(bag.zero_percent / 100.0, 2)))

    def set_tokenizers(self, tokenizers: dict[str, tuple[str, Any]]) -> None:
        """The tokenizers to choose from: key -> (name, tokenizer)."""
        self._tokenizers = {key: tokenizer for key, (_name, tokenizer) in tokenizers.items()}
        self.premium_combo.blockSignals(True)
        self.premium_combo.clear()
        for key, (name, _tokenizer) in tokenizers.items():
            self.premium_combo.addItem(name, key)
        index = self.premium_combo.findData(self._choice)
        if index < 0:  # the preferred tokenizer is not ready: BPE, else the last one listed
            index = max(self.premium_combo.findData("bpe"), self.premium_combo.count() - 1)
        self.premium_combo.setCurrentIndex(index)
        self.premium_combo.blockSignals(False)
        self._update_premium()

    def _update_premium(self, *_args: Any) -> None:
        from core.tokenization.base import TokenizationError
        from core.tokenization.statistics import token_premium

        tokenizer = self._tokenizers.get(self.premium_combo.currentData() or "")
        if tokenizer is None:
            self._premiums = None
        else:
            try:
                self._premiums = token_premium(tokenizer)
            except TokenizationError as error:
                self._premiums = error
        self._show_premium()

    def _show_premium(self) -> None:
        premiums = self._premiums
        if premiums is None:
            self.premium_label.setText(translate("TokenizationTab", "No tokenizer yet."))
            return
        if isinstance(premiums, Exception):
            self.premium_label.setText(localized(premiums))
            return
        parts = [translate("TokenizationTab", "{name}: {n} tokens, {x}×").format(
            name=sample_name(p.name), n=count(p.tokens), x=decimal(p.premium, 2)) for p in premiums]
        self.premium_label.setText(translate("TokenizationTab", "The same sample texts, relative to English: "
                                                                "{parts}.").format(parts=" · ".join(parts)))
