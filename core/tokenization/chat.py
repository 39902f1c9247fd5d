"""A conversation flattened into one string by a chat template.

A chat model reads no "messages": it reads one text in which every turn is wrapped in the markers
its template writes (`<|im_start|>user ... <|im_end|>`, `### Instruction:` ...). `chat_text`
returns exactly what `tokenizer.apply_chat_template(messages, tokenize=False, ...)` returns.

Models that have no template of their own can use `EXAMPLE_CHAT_TEMPLATES`: two Jinja templates
written here to show the two common styles. They are examples, not any model's real format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

ROLES = ("system", "user", "assistant")

# ChatML style (as in many open chat models): each turn between <|im_start|>role and <|im_end|>.
CHATML_EXAMPLE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
# Instruction style (as in Alpaca-like fine-tunes): headed sections, each answer ends with the EOS token.
INSTRUCTION_EXAMPLE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
    "{% elif message['role'] == 'user' %}{{ '### Instruction:\\n' + message['content'] + '\\n\\n' }}"
    "{% else %}{{ '### Response:\\n' + message['content'] + (eos_token or '') + '\\n\\n' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '### Response:\\n' }}{% endif %}"
)
EXAMPLE_CHAT_TEMPLATES: dict[str, str] = {"chatml-example": CHATML_EXAMPLE, "instruction-example": INSTRUCTION_EXAMPLE}
# The markers each example template writes (highlighted like special tokens).
EXAMPLE_MARKERS: dict[str, tuple[str, ...]] = {
    "chatml-example": ("<|im_start|>", "<|im_end|>"),
    "instruction-example": ("### Instruction:", "### Response:"),
}


class ChatTemplateError(MessageError, ValueError):
    """A conversation or template that cannot be rendered. `str(error)` is English."""


def has_own_template(tokenizer: Any) -> bool:
    """True when the tokenizer carries a chat template of its own."""
    return bool(getattr(tokenizer, "chat_template", None))


def check_messages(messages: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The messages as plain {"role", "content"} dicts; ChatTemplateError for a bad one."""
    checked = []
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, Mapping) else None
        content = message.get("content") if isinstance(message, Mapping) else None
        if role not in ROLES or not isinstance(content, str):
            raise ChatTemplateError(Message(QT_TRANSLATE_NOOP(
                "CoreMessages", "Turn {n} needs a role (system, user or assistant) and a text."), {"n": index + 1}))
        checked.append({"role": role, "content": content})
    return checked


def chat_text(tokenizer: Any, messages: Sequence[Mapping[str, Any]], chat_template: str | None = None,
              add_generation_prompt: bool = False) -> str:
    """The conversation as the one string the model reads (what `apply_chat_template(..., tokenize=False)`
    returns). `chat_template` None uses the tokenizer's own; add_generation_prompt ends with the opening
    of the assistant's turn, so the model writes the answer next."""
    checked = check_messages(messages)
    if chat_template is None and not has_own_template(tokenizer):
        raise ChatTemplateError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "This tokenizer has no chat template of its own; choose one of the example templates.")))
    try:
        text = tokenizer.apply_chat_template(checked, chat_template=chat_template, tokenize=False,
                                             add_generation_prompt=add_generation_prompt)
    except Exception as error:  # noqa: BLE001 - Jinja errors of a model's template: say so
        raise ChatTemplateError(Message(QT_TRANSLATE_NOOP("CoreMessages", "The chat template failed: {reason}"),
                                        {"reason": str(error) or type(error).__name__})) from None
    return text if isinstance(text, str) else str(text)


def special_markers(tokenizer: Any, template_name: str | None = None) -> list[str]:
    """The strings to highlight in a rendered chat: the tokenizer's special and added tokens, plus the
    markers of example template `template_name`; longest first (so "<|im_end|>" wins over "<")."""
    markers: set[str] = set(EXAMPLE_MARKERS.get(template_name or "", ()))
    markers.update(str(token) for token in getattr(tokenizer, "all_special_tokens", None) or ())
    decoder = getattr(tokenizer, "added_tokens_decoder", None) or {}
    markers.update(str(getattr(token, "content", token)) for token in decoder.values())
    return sorted((m for m in markers if m), key=lambda m: (-len(m), m))


def marker_spans(text: str, markers: Iterable[str]) -> list[tuple[int, int]]:
    """Where `markers` occur in `text`: sorted, non-overlapping [start, end) character spans."""
    spans: list[tuple[int, int]] = []
    for marker in sorted({m for m in markers if m}, key=len, reverse=True):
        start = text.find(marker)
        while start >= 0:
            end = start + len(marker)
            if all(end <= a or start >= b for a, b in spans):
                spans.append((start, end))
            start = text.find(marker, end)
    return sorted(spans)
