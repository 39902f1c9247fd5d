"""The Next-token tab's steps: Sample, Greedy or a click on a bar appends one token.

Each step adds a chip to the timeline (`gui.next_token.timeline`); selecting an earlier chip
restores the prompt as it was after that step, and shows where that step's random draw fell.
`StepsMixin` is the part of `SamplingTab` that does this, kept in its own file; it uses the
tab's widgets (`ui`: the controls and timeline), prompt and cached prediction. It imports nothing
that imports the tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from gui.next_token.modes import NEXT_TOKEN_MODE
from gui.next_token.timeline import Step, appended_piece

if TYPE_CHECKING:
    from gui.next_token.widgets import NextTokenWidgets

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


class StepsMixin:
    """Sample, Greedy and click steps, and rewinding, for `SamplingTab`."""

    ui: NextTokenWidgets
    last_draw: Any
    last_seed: int | None
    step_draw: tuple[Any, Any, int] | None

    def sample_step(self) -> None:
        """Draw u with the seed in the spin box (then move the seed on), mark it, append that token."""
        from core.next_token.sampling import sample

        if not self._ready():
            return
        self.last_seed = self.ui.controls.seed_spin.value()
        draw = sample(self.current_distribution, self.last_seed)
        self.ui.controls.seed_spin.setValue(self.last_seed + 1)
        self.last_draw = draw
        self._update_draw_readout()
        self.step_draw = (self.current_distribution, draw, len(self._steps_before()) + 1)
        self._append(draw.token_id, "sample", draw.u)

    def greedy_step(self) -> None:
        """Append the most likely token after the settings."""
        if self._ready():
            self.step_draw = None
            self._append(int(self.current_distribution.argmax()), "greedy")

    def click_step(self, token_id: int) -> None:
        """Append the token whose bar was clicked (even a removed one: the learner decides)."""
        if self._ready():
            self.step_draw = None
            self._append(token_id, "click")

    def _ready(self) -> bool:
        if self.mode != NEXT_TOKEN_MODE or self.current_distribution is None or self.runner.running \
                or self._debounce.isActive() or self._computed_text != self.prompt_text():
            self._show_message(lambda: translate("SamplingTab", "Wait for the prediction of the current prompt first."))
            return False
        return True

    def _steps_before(self) -> list[Step]:
        timeline = self.ui.timeline
        return timeline.steps[:timeline.position] if timeline.current_text() == self.prompt_text() else []

    def _append(self, token: int, how: str, u: float | None = None) -> None:
        from core.tokenization.token_labels import token_label

        tokenizer = self.session.model.tokenizer
        piece, text = appended_piece(tokenizer, self._prompt_ids, token), self.prompt_text()
        self.ui.timeline.add(text, Step(text + piece, token, token_label(tokenizer, token),
                                     float(self.current_distribution[token]), float(self.stages[0].probs[token]),
                                     how, u))
        self._set_prompt(text + piece, run=True)

    def _on_rewind(self, text: str) -> None:
        self.step_draw = self.last_draw = None
        self._set_prompt(text, run=True)

    def _update_draw_readout(self) -> None:
        if self.last_draw is not None:
            from core.tokenization.token_labels import token_label

            label = token_label(self.session.model.tokenizer, self.last_draw.token_id)
            self.ui.controls.show_draw(self.last_draw, self.last_seed, label)
