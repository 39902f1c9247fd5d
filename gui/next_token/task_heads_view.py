"""The Next-token tab's view for models with a task head, shown in place of the probability bars.

A text classifier (sentiment), a token classifier (named entities) or an extractive question-answering
model has no next token to predict; it outputs logits for its task. `TaskHeadView` shows them step by
step, as transformers' `pipeline(...)` examples compute them: the plot (`gui.next_token.task_heads_plot`),
a table of the numbers, one line with the result worked out, and for question answering a question box
(the prompt is the text the answer is looked for in). The numbers come from `core.next_token.task_heads`,
run by the tab's runner (`gui.next_token.modes.task_job`), off the GUI thread. The view knows the
three tasks as "text", "tokens" and "answer" (`task_heads_plot.kind_of`).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.locale_numbers import count, decimal, percent
from gui.common.plot_canvas import LazyPlot
from gui.common.tab_header import set_plot_name
from gui.next_token.task_heads_plot import draw_answer_bars, draw_label_bars, draw_token_grid, kind_of, table_rows

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

PLOT_MIN_HEIGHT = 160  # pixels
GRID_ROW_PX = 18  # a token row of the grid, so its labels stay readable (the plot scrolls)


def one_line(text: str, limit: int) -> str:
    """The last `limit` characters of `text` on one line, for a title."""
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


def default_question() -> str:
    """The question the answer page starts with, about the default prompt of the current language
    ("The cat sat on the" in English: "Who sat?")."""
    return translate("SamplingTab", "Who sat?")


class TaskHeadView(QWidget):
    """Question (answer mode only), explanation, plot, table and the worked-out result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = ""  # "text", "tokens", "answer", or "" while the view is not used
        self.result: Any = None  # the core.next_token.task_heads result shown
        self._given_question = ""  # the default question last put in the box (it follows the language unedited)
        self.question = QLineEdit()
        self.question.setObjectName("taskQuestion")
        self.question.setClearButtonEnabled(True)
        self._question_label = QLabel()
        self._question_label.setBuddy(self.question)
        self._question_row = QWidget()
        form = QFormLayout(self._question_row)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._question_label, self.question)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("taskSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = LazyPlot("", min_height=PLOT_MIN_HEIGHT)
        self._scroll = QScrollArea()  # a long text's token grid grows taller than the page: it scrolls
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self.plot)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("taskTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (its cells are read-only)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._scroll)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self._question_row)
        layout.addWidget(self.explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        self.retranslate_ui()

    # --- texts -------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        if self._given_question and self.question.text() == self._given_question != default_question():
            self._given_question = default_question()  # an unedited default question follows the language
            self.question.setText(self._given_question)
        self._question_label.setText(translate("SamplingTab", "&Question:"))
        self.question.setAccessibleName(translate("SamplingTab", "Question about the prompt"))
        self.question.setPlaceholderText(translate("SamplingTab", "Ask something the prompt answers"))
        self.table.setAccessibleName(translate("SamplingTab", "The task head's numbers"))
        set_plot_name(self.plot, translate("SamplingTab", "What the task head outputs"))
        explanations = {
            "text": translate(
                "SamplingTab", "The classifier reads the whole prompt and gives one score (logit z) per label. "
                               "Softmax turns them into probabilities that add up to 1: p = e^z / Σ e^z, worked out "
                               "in the table. This is what pipeline(\"text-classification\") returns."),
            "tokens": translate(
                "SamplingTab", "The model gives every token one logit per label, and a softmax per token turns "
                               "them into probabilities: each row of the grid adds up to 100%, and its most "
                               "likely label is chosen (B- begins a name, I- continues it, O is outside any). "
                               "Markers like [CLS] are left out, as pipeline(\"token-classification\") does."),
            "answer": translate(
                "SamplingTab", "The question and the prompt are read together. Every token of the prompt gets a "
                               "start logit and an end logit; a softmax over the prompt's tokens turns each into "
                               "probabilities. The answer from token i to token j scores p(start = i) × "
                               "p(end = j) (at most 15 tokens): the best spans are what "
                               "pipeline(\"question-answering\") returns."),
        }
        self.explanation.setText(explanations.get(self.task, ""))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange) and hasattr(self, "table"):
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate_ui()
            if self.result is not None:
                self._draw()

    # --- what the tab calls ------------------------------------------------------------------
    def set_task(self, task: str) -> None:
        """Show the widgets of `task` ("text", "tokens", "answer"; "" when unused) and forget the last result."""
        self.task = task
        self._question_row.setVisible(task == "answer")
        if task == "answer" and not self.question.text().strip():
            self._given_question = default_question()
            self.question.blockSignals(True)  # the tab runs the model for the new mode anyway
            self.question.setText(self._given_question)
            self.question.blockSignals(False)
        self.clear()
        self.retranslate_ui()

    def question_text(self) -> str:
        return self.question.text()

    def clear(self) -> None:
        self.result = None
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.summary.setText("")
        if self.plot.created:
            self.plot.figure().clear()
            self.plot.request_draw()

    def show_result(self, result: Any) -> None:
        """Draw a `core.next_token.task_heads` result: plot, table and summary."""
        self.result = result
        self._draw()

    # --- what tests and the Export menu read -------------------------------------------------
    def heights(self) -> list[float]:
        """The plotted probabilities: label bars most likely first; a token grid's rows flattened; an answer
        page's p(start) then p(end) bars."""
        if self.result is None or not self.plot.created:
            return []
        figure = self.plot.figure()
        if kind_of(self.result) == "tokens":
            return [float(v) for v in figure.axes[0].images[0].get_array().ravel()]
        return [float(p.get_width() if kind_of(self.result) == "text" else p.get_height())
                for axes in figure.axes for p in axes.patches]

    def labels(self) -> list[str]:
        """The plot's category labels: labels top to bottom, a grid's row labels, or the answer page's tokens."""
        if self.result is None or not self.plot.created:
            return []
        axes = self.plot.figure().axes
        ticks = axes[0].get_yticklabels() if kind_of(self.result) != "answer" else axes[-1].get_xticklabels()
        return [tick.get_text() for tick in ticks]

    def table_texts(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    def export_name(self) -> str:
        kind = kind_of(self.result) if self.result is not None else ""
        return {"text": translate("SamplingTab", "Label probabilities"),
                "tokens": translate("SamplingTab", "Token labels"),
                "answer": translate("SamplingTab", "Answer spans")}.get(kind, translate("SamplingTab", "Task head"))

    # --- drawing -------------------------------------------------------------------------------
    def _draw(self) -> None:
        result, colors = self.result, self.plot.colors()
        kind = kind_of(result)
        rows = len(result.words()) if kind == "tokens" else 0
        self.plot.setMinimumHeight(max(PLOT_MIN_HEIGHT, 90 + GRID_ROW_PX * rows))
        figure = self.plot.figure()
        if kind == "text":
            title = translate("SamplingTab", "Label probabilities for “{text}”").format(text=one_line(result.text, 50))
            draw_label_bars(figure, result, colors, title)
        elif kind == "tokens":
            title = translate("SamplingTab", "Each token's label probabilities for “{text}”").format(
                text=one_line(result.text, 40))
            draw_token_grid(figure, result, colors, title)
        else:
            title = translate("SamplingTab", "Where the answer to “{question}” starts and ends").format(
                question=one_line(result.question, 50))
            draw_answer_bars(figure, result, colors, title)
        self.plot.request_draw()
        header, rows = table_rows(result)
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c > 0 and kind != "tokens" or c > 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.summary.setText(self._summary(result, kind))

    @staticmethod
    def _summary(result: Any, kind: str) -> str:
        """One line with the pipeline's answer, worked out."""
        if kind == "text":
            best = result.best
            text = translate("SamplingTab", "Result: “{label}” with {p} (logit {z}).").format(
                label=result.labels[best], p=percent(result.probabilities[best], 1), z=decimal(result.logits[best], 2))
            if result.function != "softmax":
                return text
            total = sum(math.exp(z - max(result.logits)) for z in result.logits)
            return translate("SamplingTab", "Σ e^(z − max z) = {sum}, so each probability is its e^(z − max z) / "
                                            "{sum}. {result}").format(sum=decimal(total, 4), result=text)
        if kind == "tokens":
            words = result.words()
            inside = [token for token in words if token.label != "O"]
            return translate("SamplingTab", "{n} tokens, {k} of them labelled with something other than O.").format(
                n=count(len(words)), k=count(len(inside)))
        if not result.answers:
            return translate("SamplingTab", "No span of the prompt can be an answer.")
        best = result.answers[0]
        return translate("SamplingTab", "Best answer: “{answer}” = p(start) {ps} × p(end) {pe} = {score}.").format(
            answer=best.text, ps=percent(best.start_probability, 1), pe=percent(best.end_probability, 1),
            score=percent(best.score, 1))
