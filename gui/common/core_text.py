"""Texts that come from core/ (`core.messages.Message`), shown in the current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from core.messages import message_of


def localized(value: Any) -> str:
    """The text of a core `Message`, of an exception carrying one, or `str(value)` otherwise.

    The template is translated with the Qt catalogue (context "CoreMessages") and filled with
    the message's values; a nested Message is translated the same way."""
    message = message_of(value)
    if message is None:
        return str(value)
    template = QCoreApplication.translate(message.context, message.template)
    return message.format_with(template, localized)
