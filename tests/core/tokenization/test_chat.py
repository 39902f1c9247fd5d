"""`chat_text` equals `apply_chat_template(..., tokenize=False)` for each example template, with and without the
generation prompt; the markers of a rendered chat are found; bad turns and missing templates get a message."""

from __future__ import annotations

import pytest

from core.tokenization.chat import (
    EXAMPLE_CHAT_TEMPLATES,
    ChatTemplateError,
    chat_text,
    marker_spans,
    special_markers,
)
from tests.tiny_models import tiny_byte_level_tokenizer
from tests.tiny_roberta import tiny_roberta_tokenizer

MESSAGES = [{"role": "system", "content": "You answer briefly."},
            {"role": "user", "content": "Where did the cat sit?"},
            {"role": "assistant", "content": "On the mat. 🙂"},
            {"role": "user", "content": "And the dog?"}]


@pytest.fixture(scope="module", params=["gpt2", "roberta"])
def tokenizer(request):
    return tiny_byte_level_tokenizer() if request.param == "gpt2" else tiny_roberta_tokenizer()


@pytest.mark.parametrize("name", sorted(EXAMPLE_CHAT_TEMPLATES))
@pytest.mark.parametrize("generation_prompt", [False, True])
def test_chat_text_equals_apply_chat_template(tokenizer, name, generation_prompt):
    template = EXAMPLE_CHAT_TEMPLATES[name]
    text = chat_text(tokenizer, MESSAGES, chat_template=template, add_generation_prompt=generation_prompt)
    assert text == tokenizer.apply_chat_template(MESSAGES, chat_template=template, tokenize=False,
                                                 add_generation_prompt=generation_prompt)
    for message in MESSAGES:
        assert message["content"] in text
    opening = {"chatml-example": "<|im_start|>assistant\n", "instruction-example": "### Response:\n"}[name]
    assert text.endswith(opening) == generation_prompt


def test_the_instruction_example_ends_each_answer_with_eos(tokenizer):
    text = chat_text(tokenizer, MESSAGES, chat_template=EXAMPLE_CHAT_TEMPLATES["instruction-example"])
    assert f"On the mat. 🙂{tokenizer.eos_token}" in text


def test_the_model_template_is_used_when_there_is_one():
    tokenizer = tiny_byte_level_tokenizer()
    tokenizer.chat_template = "{% for m in messages %}[{{ m['role'] }}]{{ m['content'] }}{% endfor %}"
    assert chat_text(tokenizer, MESSAGES[:2]) == "[system]You answer briefly.[user]Where did the cat sit?"


def test_no_template_and_bad_turns_get_a_clear_message():
    tokenizer = tiny_byte_level_tokenizer()
    with pytest.raises(ChatTemplateError, match="no chat template"):
        chat_text(tokenizer, MESSAGES)
    with pytest.raises(ChatTemplateError, match="Turn 2"):
        chat_text(tokenizer, [MESSAGES[0], {"role": "robot", "content": "hi"}],
                  chat_template=EXAMPLE_CHAT_TEMPLATES["chatml-example"])
    with pytest.raises(ChatTemplateError, match="chat template failed"):
        chat_text(tokenizer, MESSAGES, chat_template="{% for m in messages %}{{ m.content | nosuchfilter }}")


def test_markers_and_special_tokens_are_found_without_overlaps():
    tokenizer = tiny_roberta_tokenizer()
    text = chat_text(tokenizer, MESSAGES, chat_template=EXAMPLE_CHAT_TEMPLATES["chatml-example"])
    markers = special_markers(tokenizer, "chatml-example")
    assert "<|im_start|>" in markers and "</s>" in markers
    spans = marker_spans(text, markers)
    assert [text[a:b] for a, b in spans][:3] == ["<|im_start|>", "<|im_end|>", "<|im_start|>"]
    assert all(b1 <= a2 for (_a1, b1), (a2, _b2) in zip(spans, spans[1:]))
    assert marker_spans("abc", ["", "b"]) == [(1, 2)]
