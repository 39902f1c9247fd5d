"""Messages from core/ that a user reads (errors, warnings, explanations), translatable by the GUI.

core/ never imports Qt, yet its sentences must appear in Portuguese too. So a message is kept
as an English template with named fields plus the values for them, not as a finished string:

    raise CorpusError(Message(QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty."), {"name": name}))

`str(message)` gives the English text (for the CLI, logs and notebooks). The GUI looks the
template up in the Qt catalogue and fills in the same fields (`gui.common.core_text.localized`).
`QT_TRANSLATE_NOOP` here is a plain function that returns its text: `pyside6-lupdate` finds
the calls by name, so every template lands in the .ts catalogues like the GUI's own strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CONTEXT = "CoreMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark `text` for translation under `context`; returns it unchanged."""
    return text


@dataclass(frozen=True)
class Message:
    """An English `template` with `{named}` fields, the `args` for them, and its catalogue context.

    An argument may itself be a `Message` (a reason inside a sentence); it is formatted first.
    """

    template: str
    args: Mapping[str, Any] = field(default_factory=dict)
    context: str = CONTEXT

    def format_with(self, template: str, render: Any = str) -> str:
        """`template` (this one, or its translation) filled with the args; `render` turns a nested
        Message into text (str for English, the GUI's translator for other languages)."""
        values = {key: render(value) if isinstance(value, Message) else value for key, value in self.args.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
            return self.template.format(**values)

    def __str__(self) -> str:
        return self.format_with(self.template)


def message_of(value: Any) -> Message | None:
    """The `Message` an exception (its `.message`) or value carries, else None."""
    if isinstance(value, Message):
        return value
    carried = getattr(value, "message", None)
    return carried if isinstance(carried, Message) else None


class MessageError(Exception):
    """An exception whose text is a `Message`: `str(error)` is English, `.message` is translatable."""

    def __init__(self, message: Message | str) -> None:
        self.message = message if isinstance(message, Message) else Message("{text}", {"text": message})
        super().__init__(str(self.message))
