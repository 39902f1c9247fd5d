""""Show the code": a read-only window with the source of the core/ function behind a tab.

Each tab names two to four functions (`CODE_CHOICES`); a combo box picks one and the viewer
shows `inspect.getsource` of it, with line numbers from the real file and a light syntax
highlighter. A frozen build ships no .py files, so there the viewer says where to read the code
instead.
"""

from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


@dataclass(frozen=True)
class CodeChoice:
    """One function to show: `module:qualname` and a sentence saying what it does (translatable)."""

    target: str  # e.g. "core.next_token.sampling:final_distribution" or "core.model.gpt:CausalSelfAttention.forward"
    what: str  # an English sentence marked with QT_TRANSLATE_NOOP("CodeViewer", ...)

    @property
    def label(self) -> str:
        module, qualname = self.target.split(":")
        return f"{module}.{qualname}"


CODE_CHOICES: dict[str, list[CodeChoice]] = {
    "tokenization": [
        CodeChoice("core.tokenization.tokenizers:CharTokenizer.encode",
                   QT_TRANSLATE_NOOP("CodeViewer", "The Characters row: one token per character, [UNK] for a "
                                                   "character the corpus never had.")),
        CodeChoice("core.tokenization.tokenizers:WordTokenizer.encode",
                   QT_TRANSLATE_NOOP("CodeViewer", "The Words row: words and punctuation marks; a word outside "
                                                   "the vocabulary becomes [UNK].")),
        CodeChoice("core.tokenization.bpe:MergeReplay.replay",
                   QT_TRANSLATE_NOOP("CodeViewer", "The BPE row and the Merges slider: the tokens of the text "
                                                   "after only the first k merges.")),
        CodeChoice("core.tokenization.bpe:BpeTokenizer.train",
                   QT_TRANSLATE_NOOP("CodeViewer", "The BPE panel's Train button: learn byte-level BPE merges "
                                                   "from the corpus.")),
    ],
    "attention": [
        CodeChoice("core.attention.maps:attention_maps",
                   QT_TRANSLATE_NOOP("CodeViewer", "The heatmaps: one forward pass that keeps every layer's and "
                                                   "head's attention weights.")),
        CodeChoice("core.attention.recipe:explain_weight",
                   QT_TRANSLATE_NOOP("CodeViewer", "The explanation panel: one weight rebuilt by hand from the "
                                                   "query, the keys, the scaling, the mask and softmax.")),
        CodeChoice("core.model.gpt:CausalSelfAttention.forward",
                   QT_TRANSLATE_NOOP("CodeViewer", "Attention inside our own GPT: softmax(QKᵀ / √d) with a causal "
                                                   "mask, written out step by step.")),
    ],
    "training": [
        CodeChoice("core.training.loop:_loop",
                   QT_TRANSLATE_NOOP("CodeViewer", "The training loop: learning rate, forward, backward, gradient "
                                                   "clipping, optimizer step, and the numbers on the plot.")),
        CodeChoice("core.training.loop:estimate_loss",
                   QT_TRANSLATE_NOOP("CodeViewer", "The val points: the average loss over a few random batches of "
                                                   "train and validation text.")),
        CodeChoice("core.training.loop:learning_rate_at",
                   QT_TRANSLATE_NOOP("CodeViewer", "The learning rate at each step: linear warmup, then cosine "
                                                   "decay.")),
        CodeChoice("core.model.gpt:CausalSelfAttention.forward",
                   QT_TRANSLATE_NOOP("CodeViewer", "The attention layer of the GPT being trained.")),
    ],
    "sampling": [
        CodeChoice("core.next_token.sampling:final_distribution",
                   QT_TRANSLATE_NOOP("CodeViewer", "The dark bars: the distribution the Sample button draws "
                                                   "from.")),
        CodeChoice("core.next_token.sampling:sampling_stages",
                   QT_TRANSLATE_NOOP("CodeViewer", "The stage table: softmax, repetition penalty, temperature, "
                                                   "top-k, top-p and min-p, one after the other.")),
        CodeChoice("core.next_token.sampling:apply_temperature",
                   QT_TRANSLATE_NOOP("CodeViewer", "Temperature: divide the logits before softmax.")),
        CodeChoice("core.next_token.sampling:draw_at",
                   QT_TRANSLATE_NOOP("CodeViewer", "The draw: where a random u in [0, 1) lands on the cumulative "
                                                   "bar.")),
    ],
}


def resolve(target: str) -> object:
    """Import `module:qualname` and return the object (a function or method)."""
    module_name, qualname = target.split(":")
    obj: object = importlib.import_module(module_name)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def source_of(target: str) -> tuple[str, str]:
    """(source text, where it comes from: "core/next_token/sampling.py, lines 201-215").

    Raises OSError or TypeError when the source is not available (a frozen build ships no .py files).
    """
    obj = inspect.unwrap(resolve(target))
    lines, first = inspect.getsourcelines(obj)
    module_name = target.split(":")[0]
    path = module_name.replace(".", "/") + ".py"
    where = translate("CodeViewer", "{file}, lines {first}–{last}").format(
        file=path, first=first, last=first + len(lines) - 1)
    return textwrap.dedent("".join(lines)), where  # a method reads like a function


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, strings (docstrings too), comments, numbers and definitions, in colours that work on
    light and dark backgrounds."""

    KEYWORDS = ("and as assert async await break class continue def del elif else except False finally for "
                "from global if import in is lambda None nonlocal not or pass raise return True try while with "
                "yield").split()
    TRIPLE = ('"""', "'''")

    def __init__(self, document, dark: bool = False) -> None:
        super().__init__(document)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        def fmt(light: str, dark_colour: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(QColor(dark_colour if dark else light))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            f.setFontItalic(italic)
            return f

        self.formats = {
            "keyword": fmt("#8b008b", "#d7a0ff", bold=True),
            "string": fmt("#1a7f37", "#9ee29b"),
            "comment": fmt("#6a737d", "#a0a8b0", italic=True),
            "number": fmt("#b35900", "#ffb870"),
            "definition": fmt("#0550ae", "#8cc8ff", bold=True),
            "decorator": fmt("#b35900", "#ffb870"),
        }
        self.rules = [
            (re.compile(r"\b(" + "|".join(self.KEYWORDS) + r")\b"), "keyword"),
            (re.compile(r"\b\d+(\.\d+)?([eE][-+]?\d+)?\b"), "number"),
            (re.compile(r"^\s*@[\w.]+"), "decorator"),
            (re.compile(r"\b(?:def|class)\s+(\w+)"), "definition"),
        ]
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt naming)
        for pattern, name in self.rules:
            for match in pattern.finditer(text):
                group = 1 if name == "definition" else 0
                self.setFormat(match.start(group), match.end(group) - match.start(group), self.formats[name])
        self._strings_and_comments(text)

    def _strings_and_comments(self, text: str) -> None:
        """Strings and comments last, so a keyword inside them is not coloured as one."""
        i, n = 0, len(text)
        state = self.previousBlockState()
        if state in (1, 2):  # inside a triple-quoted string opened on an earlier line
            quote = self.TRIPLE[state - 1]
            end = text.find(quote)
            if end < 0:
                self.setFormat(0, n, self.formats["string"])
                self.setCurrentBlockState(state)
                return
            self.setFormat(0, end + 3, self.formats["string"])
            i = end + 3
        self.setCurrentBlockState(0)
        while i < n:
            char = text[i]
            if char == "#":
                self.setFormat(i, n - i, self.formats["comment"])
                return
            if char in "\"'":
                triple = text[i:i + 3]
                if triple in self.TRIPLE:
                    end = text.find(triple, i + 3)
                    if end < 0:
                        self.setFormat(i, n - i, self.formats["string"])
                        self.setCurrentBlockState(self.TRIPLE.index(triple) + 1)
                        return
                    self.setFormat(i, end + 3 - i, self.formats["string"])
                    i = end + 3
                    continue
                j = i + 1
                while j < n and text[j] != char:
                    j += 2 if text[j] == "\\" else 1
                self.setFormat(i, min(j + 1, n) - i, self.formats["string"])
                i = j + 1
                continue
            i += 1


class SourceView(QPlainTextEdit):
    """Read-only, monospace, no wrapping; the font size follows the app's (projector zoom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeSource")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.highlighter = PythonHighlighter(self.document(), self._is_dark())
        self._apply_monospace()

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _apply_monospace(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setFamilies([mono.family(), "DejaVu Sans Mono", "monospace"])
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setFixedPitch(True)
        mono.setPointSizeF(self.font().pointSizeF())
        self.document().setDefaultFont(mono)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)  # a font change resets the document's font: put monospace back
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_monospace()
        elif event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_dark(self._is_dark())


class CodeViewer(QDialog):
    """A non-modal window: pick a function, read its source (read-only)."""

    def __init__(self, choices: list[CodeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeViewer")
        self.choices = list(choices)
        self.combo = QComboBox()
        self.combo.setObjectName("codeChoice")
        for choice in self.choices:
            self.combo.addItem(choice.label, choice.target)
        self.combo_label = QLabel()
        self.combo_label.setBuddy(self.combo)
        self.what = QLabel()
        self.what.setObjectName("codeWhat")
        self.what.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("codeWhere")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = SourceView()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.combo_label)
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.what)
        layout.addWidget(self.where)
        layout.addWidget(self.source, 1)
        layout.addWidget(self.buttons)
        self.combo.currentIndexChanged.connect(self._show_current)
        self.retranslate()  # shows the first function
        self.resize(860, 640)

    # --- what tests and callers use --------------------------------------------------------
    def text(self) -> str:
        return self.source.toPlainText()

    def choose(self, target: str) -> None:
        """Show `module:qualname` (one of the choices)."""
        index = self.combo.findData(target)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def current_target(self) -> str:
        return self.combo.currentData()

    # --- internals ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(translate("CodeViewer", "Show the code"))
        self.combo_label.setText(translate("CodeViewer", "&Function:"))
        self.source.setAccessibleName(translate("CodeViewer", "Source code (read-only)"))
        self.combo.setAccessibleName(translate("CodeViewer", "Function to show"))
        self._show_current()

    def _show_what(self) -> None:
        index = self.combo.currentIndex()
        if 0 <= index < len(self.choices):
            self.what.setText(translate("CodeViewer", self.choices[index].what))

    def _show_current(self, _index: int = 0) -> None:
        target = self.current_target()
        if target is None:
            return
        self._show_what()
        try:
            text, where = source_of(target)
        except (OSError, TypeError, ImportError, AttributeError):
            module, qualname = target.split(":")
            text = translate("CodeViewer", "The source code is not included in this copy of the app.\n\n"
                                           "Read {name} in {file} of LM Anatomy's source code.").format(
                name=qualname, file=module.replace(".", "/") + ".py")
            where = ""
        self.source.setPlainText(text)
        self.where.setText(where)
        self.where.setVisible(bool(where))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "source"):
            self.retranslate()
