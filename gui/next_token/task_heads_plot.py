"""Drawing what a task head outputs (`core.next_token.task_heads`) and the rows of its tables.

Three pictures, drawn into figures the caller owns (never pyplot):
- `draw_label_bars`: a classifier's label probabilities for the text, most likely on top, each bar
  with its probability and logit written beside it;
- `draw_token_grid`: tokens x labels, each row a token's softmax (viridis, every cell written as a
  percentage, the winner in bold);
- `draw_answer_bars`: p(start) and p(end) over the text's tokens, the best answer's start and end
  marked with colour, an edge and a label.
`table_rows` gives the same numbers for the page's table (in the current language's number format)
and `csv_table` for the Export menu (plain numbers, 9 significant digits).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import count, decimal, percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

KEPT = "#2a788e"  # viridis teal, as the Next-token bars
CHOSEN = "#fca636"  # plasma orange, always with a thick edge and a text mark
MAX_CHARS = 14


def short(label: str, limit: int = MAX_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def kind_of(result: Any) -> str:
    """"text", "tokens" or "answer": which task head made `result`."""
    from core.next_token.task_heads import QuestionAnswer, TextClassification

    if isinstance(result, TextClassification):
        return "text"
    return "answer" if isinstance(result, QuestionAnswer) else "tokens"


def _finish(axes: Any, colors: tuple[str, str], title: str) -> None:
    from gui.common.plot_canvas import style_axes

    background, foreground = colors
    axes.set_title(title, fontsize=10)
    style_axes(axes, background, foreground)


def draw_label_bars(figure: Any, result: Any, colors: tuple[str, str], title: str) -> list[Any]:
    """Horizontal bars of the label probabilities, most likely on top; returns the bars (label order)."""
    from gui.next_token.views import percent_formatter

    figure.clear()
    axes = figure.add_subplot()
    background, foreground = colors
    order = result.ranked()
    heights = [result.probabilities[i] for i in order]
    rows = list(range(len(order)))
    bars = axes.barh(rows, heights, color=KEPT, edgecolor=foreground, linewidth=0.5)
    bars[0].set(facecolor=CHOSEN, linewidth=2.5)
    for row, index in zip(rows, order):
        mark = " ◀" if row == 0 else ""
        text = f" {percent(result.probabilities[index], 1)}   z = {decimal(result.logits[index], 2)}{mark}"
        axes.text(result.probabilities[index], row, text, va="center", fontsize=9, color=foreground)
    axes.set_yticks(rows, [short(result.labels[i], 24) for i in order])
    axes.set_ylim(len(order) - 0.5, -0.5)
    axes.set_xlim(0, 1.45)  # room for the numbers beside the bars
    axes.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    axes.xaxis.set_major_formatter(percent_formatter())
    xlabel = {"softmax": translate("SamplingTab", "probability = softmax(logits z)"),
              "sigmoid": translate("SamplingTab", "probability = sigmoid(logit z), each label on its own")}
    axes.set_xlabel(xlabel.get(result.function, translate("SamplingTab", "score (a regression head)")))
    _finish(axes, colors, title)
    by_label = dict(zip(order, bars))
    return [by_label[i] for i in range(len(order))]


def draw_token_grid(figure: Any, result: Any, colors: tuple[str, str], title: str) -> Any:
    """Tokens (rows, in text order) x labels: each row is that token's softmax; returns the image."""
    import numpy as np

    figure.clear()
    axes = figure.add_subplot()
    words = result.words()
    probabilities = np.array([token.probabilities for token in words]).reshape(len(words), len(result.labels))
    image = axes.imshow(probabilities, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
    size = 9 if len(words) <= 16 else 7
    for row, token in enumerate(words):
        for column, p in enumerate(token.probabilities):
            best = result.labels[column] == token.label
            axes.text(column, row, percent(p, 0), ha="center", va="center", fontsize=size,
                      fontweight="bold" if best else "normal", color="black" if p > 0.55 else "white")
    axes.set_yticks(range(len(words)), [f"{short(token.token)} → {short(token.label, 10)}" for token in words],
                    fontsize=size, fontfamily="monospace")
    axes.set_xticks(range(len(result.labels)), [short(label, 10) for label in result.labels], fontsize=9)
    axes.xaxis.tick_top()
    axes.set_xlabel(translate("SamplingTab", "each row: softmax over the labels (bold: the label chosen)"))
    colorbar = figure.colorbar(image, ax=axes, fraction=0.04)
    colorbar.ax.tick_params(colors=colors[1], labelsize=8)
    _finish(axes, colors, title)
    return image


def draw_answer_bars(figure: Any, result: Any, colors: tuple[str, str], title: str) -> list[Any]:
    """p(start) above p(end), one bar per token of the text; the best answer's ends marked. Returns the
    two bar containers (start, end)."""
    from gui.next_token.views import percent_formatter

    figure.clear()
    top, bottom = figure.subplots(2, 1, sharex=True)
    _background, foreground = colors
    positions = [i for i, inside in enumerate(result.context) if inside]
    labels = [short(result.tokens[i], 10) for i in positions]
    best = result.answers[0] if result.answers else None
    containers = []
    for axes, values, end, name in ((top, result.start_probabilities, best and best.start, "start"),
                                    (bottom, result.end_probabilities, best and best.end, "end")):
        heights = [values[i] for i in positions]
        bars = axes.bar(range(len(positions)), heights, color=KEPT, edgecolor=foreground, linewidth=0.5)
        if end is not None and end in positions:
            column = positions.index(end)
            bars[column].set(facecolor=CHOSEN, linewidth=2.5)
            axes.annotate("▼ " + (translate("SamplingTab", "answer starts") if name == "start"
                                  else translate("SamplingTab", "answer ends")),
                          (column, heights[column]), xytext=(0, 3), textcoords="offset points", ha="center",
                          va="bottom", fontsize=8, color=foreground, annotation_clip=False)
        axes.set_ylim(0, max([*heights, 0.01]) * 1.3)
        axes.yaxis.set_major_formatter(percent_formatter())
        axes.set_ylabel(translate("SamplingTab", "p(start)") if name == "start"
                        else translate("SamplingTab", "p(end)"))
        _finish(axes, colors, title if name == "start" else "")
        containers.append(bars)
    size = 9 if len(positions) <= 20 else 7
    bottom.set_xticks(range(len(positions)), labels, rotation=60 if len(positions) > 8 else 0, fontsize=size,
                      fontfamily="monospace", ha="right" if len(positions) > 8 else "center")
    return containers


def table_rows(result: Any) -> tuple[list[str], list[list[str]]]:
    """(header, rows) for the page's table, in the current language and number format."""
    kind = kind_of(result)
    if kind == "text":
        import math

        header = [translate("SamplingTab", "Label"), translate("SamplingTab", "Logit z"),
                  translate("SamplingTab", "e^(z − max z)"), translate("SamplingTab", "Probability")]
        top = max(result.logits)
        return header, [[result.labels[i], decimal(result.logits[i], 4),
                         decimal(math.exp(result.logits[i] - top), 4) if result.function == "softmax" else "–",
                         percent(result.probabilities[i], 2)] for i in result.ranked()]
    if kind == "tokens":
        header = [translate("SamplingTab", "Token"), translate("SamplingTab", "Label chosen"),
                  translate("SamplingTab", "Probability"), translate("SamplingTab", "Its logit")]
        return header, [[token.token, token.label, percent(token.probability, 2),
                         decimal(token.logits[token.probabilities.index(token.probability)], 4)]
                        for token in result.words()]
    header = [translate("SamplingTab", "Answer"), translate("SamplingTab", "Length (tokens)"),
              translate("SamplingTab", "p(start)"), translate("SamplingTab", "p(end)"),
              translate("SamplingTab", "Score = p(start) × p(end)")]
    return header, [[f"“{answer.text}”", count(answer.end - answer.start + 1),
                     percent(answer.start_probability, 2), percent(answer.end_probability, 2),
                     percent(answer.score, 2)] for answer in result.answers]


def csv_table(result: Any) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) for the Export menu: every number plain, 9 significant digits."""
    kind = kind_of(result)
    if kind == "text":
        header = ["rank", "label", "logit", "probability", "function"]
        return header, [[rank, result.labels[i], f"{result.logits[i]:.9g}", f"{result.probabilities[i]:.9g}",
                         result.function] for rank, i in enumerate(result.ranked(), start=1)]
    if kind == "tokens":
        header = ["position", "token_id", "token", "label", "probability",
                  *[f"p_{label}" for label in result.labels]]
        return header, [[token.position, token.token_id, token.token, token.label, f"{token.probability:.9g}",
                         *[f"{p:.9g}" for p in token.probabilities]] for token in result.words()]
    header = ["rank", "answer", "start_token", "end_token", "p_start", "p_end", "score"]
    return header, [[rank, answer.text, answer.start, answer.end, f"{answer.start_probability:.9g}",
                     f"{answer.end_probability:.9g}", f"{answer.score:.9g}"]
                    for rank, answer in enumerate(result.answers, start=1)]
