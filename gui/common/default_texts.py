"""The example texts the app starts with, one set per UI language.

They are content, not labels: each language's sentences were written for what they show (a
pronoun for attention to resolve, a prompt with an obvious next word, a long word to split),
so they live here side by side rather than as translations in the .ts catalogue. A text the
user typed is never replaced; a default that was not edited follows a language change
(`follow_language`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from gui.common.translations import SOURCE_LANGUAGE


@dataclass(frozen=True)
class DefaultTexts:
    prompt: str  # the Next-token tab's prompt (and the lesson's)
    attention: str  # the Attention tab's sentence (and the lesson's)
    tokenization: str  # the Tokenization tab's text, also its first sample button
    batch: str  # the Tokenization tab's Batch page, one sentence per line
    lesson_sentence: str  # what lesson mode types into the Tokenization tab


DEFAULT_TEXTS = {
    "en": DefaultTexts(
        prompt="The cat sat on the",
        attention="The cat sat on the mat because it was tired.",
        tokenization="Language models read tokens, not letters.\nModelos de linguagem leem tokens, não letras. 🙂",
        batch="The cat sat.\nThe cat sat on the mat next to the dog.\nO gato sentou. 🙂\n",
        lesson_sentence="The unbelievable tokenizer splits words into pieces.",
    ),
    "pt_BR": DefaultTexts(
        prompt="O gato subiu no",
        attention="O gato dormiu no tapete porque ele estava cansado.",
        tokenization="Modelos de linguagem leem tokens, não letras. 🙂\nLanguage models read tokens, not letters.",
        batch="O gato subiu.\nO gato subiu no muro ao lado do cachorro.\nThe cat sat. 🙂\n",
        lesson_sentence="O tokenizador divide palavras inacreditavelmente compridas em pedaços.",
    ),
}
FIELDS = tuple(f.name for f in fields(DefaultTexts))

# The Tokenization tab's Chat page: (role, content) turns, written per language like the texts above.
DEFAULT_CHAT_TURNS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("system", "You are a helpful teacher."), ("user", "What is a token?"),
           ("assistant", "A piece of text the model reads as one unit."), ("user", "And a chat template?")),
    "pt_BR": (("system", "Você é um professor prestativo."), ("user", "O que é um token?"),
              ("assistant", "Um pedaço de texto que o modelo lê como uma unidade."),
              ("user", "E um modelo de chat?")),
}


def current_language() -> str:
    """The UI language now in use ("en" or "pt_BR"), from the default QLocale the LanguageManager sets
    before it sends the LanguageChange events."""
    return "pt_BR" if QLocale().name().startswith("pt") else SOURCE_LANGUAGE


def default_texts(language: str | None = None) -> DefaultTexts:
    """The example texts of `language` (default: the current UI language; English for an unknown code)."""
    language = current_language() if language is None else language
    return DEFAULT_TEXTS.get(language, DEFAULT_TEXTS[SOURCE_LANGUAGE])


def default_text(field: str, language: str | None = None) -> str:
    """One example text, e.g. default_text("prompt")."""
    return getattr(default_texts(language), field)


def follow_language(field: str, text: str) -> str | None:
    """The current language's default `field` when `text` is another language's unedited default, else None
    (the user's own text, or already the current default, stays)."""
    return _followed(text, default_text(field), (getattr(texts, field) for texts in DEFAULT_TEXTS.values()))


def _followed(text: str, current: str, every_language: Iterable[str]) -> str | None:
    """`current` when `text` is one of `every_language`'s defaults other than `current`, else None."""
    return current if text != current and text in set(every_language) else None


def follow_language_in(widget: QLineEdit | QPlainTextEdit, field: str) -> bool:
    """Put the current language's default `field` in `widget` when it holds another language's unedited default
    (its change signals fire as for any edit); True when it did."""
    plain = isinstance(widget, QPlainTextEdit)
    new = follow_language(field, widget.toPlainText() if plain else widget.text())
    if new is None:
        return False
    widget.setPlainText(new) if plain else widget.setText(new)
    return True


def default_chat_turns(language: str | None = None) -> tuple[tuple[str, str], ...]:
    """The Chat page's example conversation in `language` (default: the current UI language)."""
    language = current_language() if language is None else language
    return DEFAULT_CHAT_TURNS.get(language, DEFAULT_CHAT_TURNS[SOURCE_LANGUAGE])


def follow_language_in_turn(widget: QLineEdit, index: int) -> bool:
    """Put the current language's example turn `index` in `widget` when it holds another language's unedited
    example for that turn; True when it did."""
    current = default_chat_turns()
    if index >= len(current):
        return False
    new = _followed(widget.text(), current[index][1],
                    (turns[index][1] for turns in DEFAULT_CHAT_TURNS.values() if index < len(turns)))
    if new is None:
        return False
    widget.setText(new)
    return True
