"""The Next-token tab's timeline: one chip per appended token, with its probability; click to rewind.

The first chip is the prompt the steps started from. Selecting a chip (click, or the arrow keys)
asks the tab to restore the prompt as it was after that step; later chips stay, greyed, until
a new step replaces them, so the learner can step back and forth or branch off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem

from gui.common.locale_numbers import count, decimal
from gui.next_token.views import percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


@dataclass
class Step:
    """One appended token. text: the prompt after it; how: "sample", "greedy" or "click";
    probability: after the settings; raw: the model's own; u: the random draw (samples only)."""

    text: str
    token_id: int
    label: str
    probability: float
    raw: float
    how: str
    u: float | None = None


def appended_piece(tokenizer: Any, prompt_ids: list[int], token: int) -> str:
    """The text that appending `token` adds to the decoded prompt (a leading space included)."""
    before = tokenizer.decode(prompt_ids, clean_up_tokenization_spaces=False)
    after = tokenizer.decode([*prompt_ids, token], clean_up_tokenization_spaces=False)
    return after[len(before):] if after.startswith(before) else tokenizer.decode([token])


class Timeline(QListWidget):
    """A row of chips: the starting prompt, then each step's token and probability."""

    rewind_requested = Signal(str)  # the prompt text to restore

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingTimeline")
        self.setAccessibleName(translate("SamplingTab", "Timeline of appended tokens; select one to go back"))
        self._hint: QListWidgetItem | None = None
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys pick a step
        self.setSpacing(2)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(2 * line + 16 + self.horizontalScrollBar().sizeHint().height())
        self.start_text: str | None = None
        self.steps: list[Step] = []
        self.position = 0  # steps in effect: 0 = the starting prompt
        self._updating = False
        self.currentRowChanged.connect(self._on_row_changed)
        self._show_hint()

    def _show_hint(self) -> None:
        item = QListWidgetItem(translate("SamplingTab", "Steps appear here: Sample, Greedy or click a bar."))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(item)
        self._hint = item

    def retranslate(self) -> None:
        """The hint, or the chips' texts and tooltips, in the current language (the position stays)."""
        self.setAccessibleName(translate("SamplingTab", "Timeline of appended tokens; select one to go back"))
        if self.start_text is None:
            if self._hint is not None and self.count() == 1:
                self._hint.setText(translate("SamplingTab", "Steps appear here: Sample, Greedy or click a bar."))
        else:
            scroll = self.horizontalScrollBar().value()
            self._rebuild()
            self.horizontalScrollBar().setValue(scroll)

    def current_text(self) -> str | None:
        """The prompt after the steps in effect (None before the first step)."""
        if self.start_text is None:
            return None
        return self.steps[self.position - 1].text if self.position else self.start_text

    def next_step(self) -> Step | None:
        """The step that was taken from the current position (a greyed chip), if any."""
        return self.steps[self.position] if self.position < len(self.steps) else None

    def add(self, before: str, step: Step) -> None:
        """Append `step` taken from prompt `before`; steps after the current position are dropped,
        and a prompt that is not the current one starts a new timeline."""
        if self.current_text() != before:
            self.start_text, self.steps, self.position = before, [], 0
        del self.steps[self.position:]
        self.steps.append(step)
        self.position = len(self.steps)
        self._rebuild()

    def clear_steps(self) -> None:
        self.start_text, self.steps, self.position = None, [], 0
        self._updating = True
        self.clear()
        self._hint = None
        self._updating = False
        self._show_hint()

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def rewind(self, position: int) -> None:
        """Go back (or forward) to after step `position` (0: the starting prompt)."""
        self.setCurrentRow(position)

    def _rebuild(self) -> None:
        self._updating = True
        self.clear()
        self._hint = None
        start = QListWidgetItem(translate("SamplingTab", "start\n{n} chars").format(n=count(len(self.start_text))))
        start.setToolTip(translate("SamplingTab", "The prompt before the first step:\n{text}").format(
            text=self.start_text))
        self.addItem(start)
        hows = {"sample": translate("SamplingTab", "sampled, u = {u}"),
                "greedy": translate("SamplingTab", "greedy (most likely)"),
                "click": translate("SamplingTab", "chosen by a click")}
        for number, step in enumerate(self.steps, start=1):
            item = QListWidgetItem(f"{step.label}\n{percent(step.probability)}")
            how = hows[step.how].format(u=decimal(step.u if step.u is not None else 0.0, 3))
            tip = translate("SamplingTab", "Step {n}: “{token}”, {p} after the settings ({raw} for the model), "
                                           "{how}. Select to go back to this point.")
            item.setToolTip(tip.format(n=number, token=step.label, p=percent(step.probability),
                                       raw=percent(step.raw), how=how))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.addItem(item)
        self._style_undone()
        self.setCurrentRow(self.position)
        self.scrollToItem(self.item(self.position))
        self._updating = False

    def _style_undone(self) -> None:
        """Chips after the current position are greyed and italic (undone, but still selectable)."""
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        normal = self.palette().color(QPalette.ColorRole.Text)
        for row in range(self.count()):
            item = self.item(row)
            font = QFont(self.font())
            font.setItalic(row > self.position)
            item.setFont(font)
            item.setForeground(QBrush(grey if row > self.position else normal))

    def _on_row_changed(self, row: int) -> None:
        if self._updating or self.start_text is None or row < 0 or row == self.position:
            return
        self.position = row
        self._style_undone()
        self.rewind_requested.emit(self.current_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_undone()
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "steps"):
            self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(400, self.height())
