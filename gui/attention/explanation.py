"""How one attention weight is computed, for the Attention tab: rich text for the screen and a
(step, value) table for the Export menu.

Both come from `core.attention.recipe.WeightExplanation`: its recipe, mask note and step labels are
`core.messages.Message` values, shown in the current language with `gui.common.core_text.localized`.
Numbers on screen follow the language (`gui.common.locale_numbers`); numbers in the CSV table do not.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from core.messages import Message
from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal

if TYPE_CHECKING:
    from core.attention.recipe import WeightExplanation, WeightStep

SHOWN_VECTOR_VALUES = 6  # q and k show their first few numbers on screen (the CSV has all of them)
SHOWN_ROW_KEYS = 8  # the row table lists the heaviest keys, and the chosen one

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def _signed(value: float, digits: int) -> str:
    """+0.123 / -0.456 in the current language's format (1,23 in Portuguese)."""
    return ("+" if value >= 0 else "") + decimal(value, digits)


def _score(value: float, digits: int = 3) -> str:
    return "−∞" if value == float("-inf") else decimal(value, digits)


def step_text(step: WeightStep) -> str:
    """A step's value as a reader sees it: a vector summary, a number, or a sentence (plain text)."""
    import numpy as np

    value = step.value
    if isinstance(value, Message):
        return localized(value)
    if isinstance(value, np.ndarray):
        comma = "; " if QLocale().decimalPoint() == "," else ", "  # 1,5; -0,2 where the comma is the decimal point
        shown = comma.join(_signed(float(v), step.digits) for v in value[:SHOWN_VECTOR_VALUES])
        more = f"{comma}…" if len(value) > SHOWN_VECTOR_VALUES else ""
        return translate("AttentionTab", "{values} ({n} numbers), length {norm}").format(
            values=f"[{shown}{more}]", n=count(len(value)), norm=decimal(float(np.linalg.norm(value)), 3))
    if step.scientific:
        return QLocale().toString(float(value), "e", step.digits)
    return decimal(float(value), step.digits)


def step_csv_value(step: WeightStep) -> str:
    """A step's value for a CSV file: full precision, '.' decimals; vectors as space-separated numbers."""
    import numpy as np

    value = step.value
    if isinstance(value, Message):
        return localized(value)
    if isinstance(value, np.ndarray):
        return " ".join(format(float(v), ".9g") for v in value)
    return format(float(value), ".9g")


def steps_table(exp: WeightExplanation) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the "how one weight is computed" table: which weight, then every step's value."""
    which = [
        (translate("AttentionTab", "layer"), str(exp.layer)),
        (translate("AttentionTab", "head"), str(exp.head)),
        (translate("AttentionTab", "query token (position)"), f"{exp.tokens[exp.query]} ({exp.query})"),
        (translate("AttentionTab", "key token (position)"), f"{exp.tokens[exp.key]} ({exp.key})"),
    ]
    rows = [[name, value] for name, value in which]
    rows += [[localized(step.label), step_csv_value(step)] for step in exp.steps()]
    return [translate("AttentionTab", "step"), translate("AttentionTab", "value")], rows


def explanation_html(exp: WeightExplanation) -> str:
    """Rich text for a `core.attention.recipe.WeightExplanation`: the recipe, q, k, q·k, the scale, the mask,
    the softmax."""
    import numpy as np

    query, key = html.escape(exp.tokens[exp.query]), html.escape(exp.tokens[exp.key])
    bold = {True: ("<b>", "</b>"), False: ("", "")}
    table = "".join(
        f"<tr><td>{html.escape(localized(step.label))}</td><td>{bold[step.result][0]}"
        f"{html.escape(step_text(step))}{bold[step.result][1]}</td></tr>"
        for step in exp.steps())
    recipe = "".join(f"<li>{html.escape(localized(step))}</li>" for step in exp.recipe)
    keys = sorted({int(k) for k in np.argsort(-exp.row_weights)[:SHOWN_ROW_KEYS]} | {exp.key})  # heaviest, and j
    row_table = "".join(
        f"<tr><td>{bold[k == exp.key][0]}{html.escape(exp.tokens[k])}{bold[k == exp.key][1]}</td>"
        f"<td>{_score(float(exp.row_scores[k]))}</td><td>{decimal(float(exp.row_weights[k]), 4)}</td>"
        f"<td>{decimal(float(exp.model_row[k]), 4)}</td></tr>"
        for k in keys)
    header = "".join(f"<th>{name}</th>" for name in (
        translate("AttentionTab", "key"), translate("AttentionTab", "score"),
        translate("AttentionTab", "softmax"), translate("AttentionTab", "model")))
    title = translate("AttentionTab", "Layer {layer}, head {head}: how much “{query}” looks at “{key}”")
    made = translate("AttentionTab", "How q and k are made ({family}):").format(family=html.escape(exp.family))
    softmax = translate("AttentionTab", "The softmax turns the scores of the whole row into weights that add up to 1:")
    return (f"<p><b>{title.format(layer=exp.layer, head=exp.head, query=query, key=key)}</b></p>"
            f"<p>{made}</p><ol>{recipe}</ol>"
            f"<table cellspacing='0' cellpadding='3' border='1'>{table}</table>"
            f"<p>{html.escape(localized(exp.mask_note))}</p><p>{softmax}</p>"
            f"<table cellspacing='0' cellpadding='3' border='1'><tr>{header}</tr>{row_table}</table>")

