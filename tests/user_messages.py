"""Checking a message from core/ the way a user meets it: its English text, and its Portuguese one.

The GUI shows a core `Message` by looking its template up in the pt_BR catalogue under the
message's context, so a message whose context or template drifts from the catalogue silently
appears in English. `assert_user_message` checks the exact English sentence and that the
catalogue holds a finished translation with the same fields.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from core.messages import Message, message_of

CATALOGUE = Path(__file__).resolve().parent.parent / "assets" / "translations" / "lm_anatomy_pt_BR.ts"
FIELD = re.compile(r"\{(\w+)")


@cache
def pt_br_translations() -> dict[tuple[str, str], str]:
    """(context, English source) -> finished Portuguese translation."""
    found = {}
    for context in ElementTree.parse(CATALOGUE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                found[(name, message.findtext("source") or "")] = translation.text or ""
    return found


def assert_user_message(value: object, english: str) -> Message:
    """`value` (a Message, or an exception carrying one) reads exactly `english`, and has a pt_BR translation."""
    message = message_of(value)
    assert message is not None, f"{value!r} carries no core Message"
    assert str(message) == english, f"the message reads {str(message)!r}, not {english!r}"
    if isinstance(value, BaseException):
        assert str(value) == english, f"the exception reads {str(value)!r}, not {english!r}"
    assert message.context == "CoreMessages", f"context {message.context!r}"
    translation = pt_br_translations().get((message.context, message.template))
    assert translation, f"no pt_BR translation for {message.template!r}"
    fields = (set(FIELD.findall(translation)), set(FIELD.findall(message.template)), set(message.args))
    assert fields[0] == fields[1] == fields[2], f"fields of the translation, template and args differ: {fields}"
    for value_inside in message.args.values():
        if isinstance(value_inside, Message):
            assert pt_br_translations().get((value_inside.context, value_inside.template)), value_inside.template
    return message
