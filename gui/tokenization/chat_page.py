"""The Tokenization tab's "Chat" page: a conversation flattened into the one string a chat model reads.

A small editor of turns (system / user / assistant) goes through a chat template with
`core.tokenization.chat.chat_text`: the loaded model's own template when it has one, else the
example templates written in core (labelled as examples). The rendered string is shown with the
template's markers and special tokens highlighted, then cut into the model's tokens with their ids.
"Use as prompt" sends the rendering, ending with the opening of the assistant's turn, to the
Next-token tab (`prompt_chosen`).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.common.chips import TokenChipsWidget
from gui.common.core_text import localized
from gui.common.default_texts import default_chat_turns, follow_language_in_turn
from gui.common.locale_numbers import count
from gui.common.tab_header import LiveTexts

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

MAX_TURNS = 8
OWN = "own"  # the template combo's key for the model's own template
MARK_STYLE = "background-color:#ffd92f; color:#000000; font-weight:bold; text-decoration:underline;"


def rendered_html(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` as HTML with the `spans` (markers) highlighted; line breaks kept and shown as ↵."""
    parts, position = [], 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(text[start:end])}</span>')
        position = end
    parts.append(html.escape(text[position:]))
    body = "".join(parts).replace("\n", "↵<br>")
    return f'<div style="font-family:monospace; white-space:pre-wrap;">{body}</div>'


class ChatPage(QWidget):
    """Turns in, the template's string and its tokens out. For tests: `role_combos`, `contents`,
    `template_combo`, `generation_check`, `rendered`, `chips`, `text` (the rendering shown),
    `use_button` and `prompt_chosen(text)`."""

    prompt_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenChatPage")
        self.model: Any = None
        self.text = ""
        self.live = LiveTexts()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.render)
        self.role_combos: list[QComboBox] = []
        self.contents: list[QLineEdit] = []
        turns = QGridLayout()
        example = default_chat_turns()  # content, written per language (gui.common.default_texts)
        for index in range(MAX_TURNS):
            role, content = example[index] if index < len(example) else ("user", "")
            combo = QComboBox()
            combo.setObjectName(f"chatRole{index}")
            for key in ("system", "user", "assistant"):
                combo.addItem("", key)
            combo.setCurrentIndex(combo.findData(role))
            combo.currentIndexChanged.connect(self._debounce.start)
            line = QLineEdit(content)
            line.setObjectName(f"chatContent{index}")
            line.textChanged.connect(self._debounce.start)
            turns.addWidget(combo, index, 0)
            turns.addWidget(line, index, 1)
            self.role_combos.append(combo)
            self.contents.append(line)
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("chatTemplate")
        self.template_combo.currentIndexChanged.connect(self.render)
        self.template_label = QLabel()
        self.template_label.setBuddy(self.template_combo)
        self.generation_check = QCheckBox()
        self.generation_check.setObjectName("chatGenerationPrompt")
        self.generation_check.setChecked(True)
        self.generation_check.toggled.connect(self.render)
        self.use_button = QPushButton()
        self.use_button.setObjectName("chatUseAsPrompt")
        self.use_button.clicked.connect(self.use_as_prompt)
        self.note = QLabel()
        self.note.setObjectName("chatNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.rendered = QTextBrowser()
        self.rendered.setObjectName("chatRendered")
        self.rendered.setTabChangesFocus(True)
        self.chips = TokenChipsWidget()
        self.chips.setObjectName("chatChips")
        options = QHBoxLayout()
        for widget in (self.template_label, self.template_combo, self.generation_check):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.use_button)
        column = QVBoxLayout(self)
        column.addLayout(turns)
        column.addLayout(options)
        column.addWidget(self.note)
        column.addWidget(self.rendered, 2)
        self.chips_scroll = QScrollArea()  # takes the focus, and says the tokens to a screen reader
        self.chips_scroll.setObjectName("chatChipsScroll")
        self.chips_scroll.setWidget(self.chips)
        self.chips_scroll.setWidgetResizable(True)
        self.chips_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        column.addWidget(self.chips_scroll, 2)
        self.retranslate_ui()
        self.render()

    def retranslate_ui(self) -> None:
        names = {"system": translate("TokenizationTab", "system"), "user": translate("TokenizationTab", "user"),
                 "assistant": translate("TokenizationTab", "assistant")}
        for index, (combo, line) in enumerate(zip(self.role_combos, self.contents)):
            combo.blockSignals(True)  # renaming is not choosing
            for item in range(combo.count()):
                combo.setItemText(item, names[combo.itemData(item)])
            combo.blockSignals(False)
            combo.setAccessibleName(translate("TokenizationTab", "Role of turn {n}").format(n=index + 1))
            line.setAccessibleName(translate("TokenizationTab", "Text of turn {n}").format(n=index + 1))
            line.setPlaceholderText(translate("TokenizationTab", "(empty turns are left out)"))
        self.template_label.setText(translate("TokenizationTab", "Temp&late:"))
        self.template_combo.setAccessibleName(translate("TokenizationTab", "Chat template"))
        self.generation_check.setText(translate("TokenizationTab", "End &with the assistant's turn opening"))
        self.generation_check.setToolTip(translate("TokenizationTab", "add_generation_prompt: the text ends where "
                                                                      "the model should start its answer"))
        self.use_button.setText(translate("TokenizationTab", "Use &as prompt"))
        self.use_button.setToolTip(translate("TokenizationTab", "Send this text, ending with the assistant's turn "
                                                                "opening, to the Next token tab"))
        self.rendered.setAccessibleName(translate("TokenizationTab", "The conversation as one string"))
        self.chips_scroll.setAccessibleName(translate("TokenizationTab", "The conversation's tokens"))
        self._fill_templates()
        self.live.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "live"):
            for index, line in enumerate(self.contents):  # an unedited example follows the language
                follow_language_in_turn(line, index)
            self.retranslate_ui()

    def _fill_templates(self) -> None:
        """The template combo: the model's own (when it has one), then the examples, each labelled."""
        from core.tokenization.chat import EXAMPLE_CHAT_TEMPLATES, has_own_template

        chosen = self.template_combo.currentData()
        names = {"chatml-example": translate("TokenizationTab", "Example: ChatML style (not this model's)"),
                 "instruction-example": translate("TokenizationTab", "Example: instruction style (not this "
                                                                     "model's)")}
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        if self.model is not None and has_own_template(self.model.tokenizer):
            self.template_combo.addItem(translate("TokenizationTab", "The model's own template"), OWN)
        for key in EXAMPLE_CHAT_TEMPLATES:
            self.template_combo.addItem(names[key], key)
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(chosen)))
        self.template_combo.blockSignals(False)

    # --- rendering -----------------------------------------------------------------------------
    def set_model(self, model: Any) -> None:
        self.model = model
        self.template_combo.setCurrentIndex(-1)  # a new model starts from its own template, if any
        self._fill_templates()
        self.render()

    def messages(self) -> list[dict[str, str]]:
        """The turns that have text, in order."""
        return [{"role": combo.currentData(), "content": line.text()}
                for combo, line in zip(self.role_combos, self.contents) if line.text().strip()]

    def _render(self, generation_prompt: bool) -> str:
        from core.tokenization.chat import EXAMPLE_CHAT_TEMPLATES, chat_text

        key = self.template_combo.currentData()
        template = None if key == OWN else EXAMPLE_CHAT_TEMPLATES.get(key)
        return chat_text(self.model.tokenizer, self.messages(), template, add_generation_prompt=generation_prompt)

    def render(self) -> None:
        """Render the turns with the chosen template and show the string, its markers and its tokens."""
        from core.tokenization.chat import ChatTemplateError, marker_spans, special_markers

        self._debounce.stop()
        self.text = ""
        if self.model is None:
            self._show_note(lambda: translate("TokenizationTab", "Load a model to see its chat template and "
                                                                 "tokens."))
        else:
            try:
                self.text = self._render(self.generation_check.isChecked())
            except ChatTemplateError as error:
                failure = error
                self._show_note(lambda: localized(failure))
        self.use_button.setEnabled(bool(self.text))
        if not self.text:
            self.rendered.setHtml("")
            self.chips.set_chips([])
            self.chips_scroll.setAccessibleDescription("")
            return
        key = self.template_combo.currentData()
        spans = marker_spans(self.text, special_markers(self.model.tokenizer, None if key == OWN else key))
        self.rendered.setHtml(rendered_html(self.text, spans))
        self._show_tokens(key, len(spans))

    def _show_tokens(self, key: str, n_markers: int) -> None:
        from core.tokenization.tokenizers import PretrainedTokenizerView
        from gui.tokenization.rows import ACCESSIBLE_CHIPS, build_chips

        view = PretrainedTokenizerView(self.model.tokenizer, self.model.name)
        tokens = view.encode(self.text)
        chips = build_chips(tokens, self.text, view.unk_id)
        self.chips.set_chips(chips)
        self.chips_scroll.setAccessibleDescription(" | ".join(chip.label for chip in chips[:ACCESSIBLE_CHIPS]))
        n_chars, n_tokens, own = len(self.text), len(tokens), key == OWN
        self._show_note(lambda: (translate("TokenizationTab", "The model's own template.") if own else translate(
            "TokenizationTab", "An example template: this model was not trained on this format, so its markers are "
                               "plain text that it cuts into ordinary tokens.")) + " " + translate(
            "TokenizationTab", "{chars} characters, {tokens} tokens; {markers} markers and special tokens "
                               "highlighted.").format(chars=count(n_chars), tokens=count(n_tokens),
                                                      markers=count(n_markers)))

    def _show_note(self, make: Any) -> None:
        self.live.show("note", self.note.setText, make)

    def use_as_prompt(self) -> None:
        """Emit `prompt_chosen` with the rendering that ends with the opening of the assistant's turn."""
        from core.tokenization.chat import ChatTemplateError

        if self.model is None:
            return
        try:
            text = self._render(True)
        except ChatTemplateError as error:
            failure = error
            self._show_note(lambda: localized(failure))
            return
        self.prompt_chosen.emit(text)

    def export_items(self) -> list[Any]:
        """The conversation's tokens (CSV): position, token, the characters it covers, id and span."""
        from gui.common.tab_exports import TableExport
        from gui.tokenization.exports import TOKENS_HEADER, tokens_rows

        def table() -> Any:
            if not self.text or self.model is None:
                return None
            from core.tokenization.tokenizers import PretrainedTokenizerView

            view = PretrainedTokenizerView(self.model.tokenizer, self.model.name)
            return list(TOKENS_HEADER), tokens_rows(view.name, view.encode(self.text), self.text)

        return [TableExport(name=lambda: translate("TokenizationTab", "Chat: the rendered text's tokens"),
                            table=table, file_stem="chat_tokens", ready=lambda: bool(self.text))]
