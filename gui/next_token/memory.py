"""The Next-token tab remembers its settings between runs (issue 8, "QSettings behind typed keys").

Saved as one JSON object under `AppSettings.SAMPLING`: temperature, top-k, top-p, min-p,
repetition penalty, order, bars shown, seed, and the Generate page's new-token count, its four
strategies and how many of them run side by side. Restoring checks every value: a number is clamped to its
control's range, a value of the wrong type (or an unknown order or strategy) is ignored, so a
settings file edited by hand never breaks the tab. Changes are saved `SAVE_DELAY_MS` after the
last one (a dragged slider writes once), and at once on "Reset settings" and when the tab shuts down.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QSpinBox

from gui.common.settings import AppSettings

SAVE_DELAY_MS = 500


def _spin_boxes(controls: Any, generation: Any) -> dict[str, QAbstractSpinBox]:
    """The numeric settings by key: each is a QSpinBox or QDoubleSpinBox, with its range."""
    return {
        "temperature": controls.temperature.spin, "top_k": controls.top_k_spin, "top_p": controls.top_p.spin,
        "min_p": controls.min_p.spin, "repetition_penalty": controls.penalty_spin,
        "bars": controls.bar_count_spin, "seed": controls.seed_spin, "max_new_tokens": generation.max_tokens_spin,
        "columns": generation.columns_spin,
    }


def _combos(controls: Any, generation: Any) -> dict[str, QComboBox]:
    """The settings chosen from a list by key; the stored value is the item's data ("hf", "greedy"...)."""
    combos = {"order": controls.order_combo}
    combos.update({f"strategy_{column.name.lower()}": column.strategy_combo for column in generation.columns})
    return combos


def current_values(controls: Any, generation: Any) -> dict[str, Any]:
    """What the controls show now, as JSON-ready values."""
    values: dict[str, Any] = {key: box.value() for key, box in _spin_boxes(controls, generation).items()}
    values.update({key: combo.currentData() for key, combo in _combos(controls, generation).items()})
    return values


def checked_number(value: Any, box: QAbstractSpinBox) -> float | int | None:
    """`value` clamped to the box's range, or None when it is not a finite number (or not whole,
    for a whole-number box). Booleans are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if isinstance(box, QSpinBox):
        if value != int(value):
            return None
        value = int(value)
    return min(max(value, box.minimum()), box.maximum())


def valid_values(stored: dict[str, Any], controls: Any, generation: Any) -> dict[str, Any]:
    """The entries of `stored` the controls can show (numbers clamped); everything else dropped."""
    values: dict[str, Any] = {}
    for key, box in _spin_boxes(controls, generation).items():
        number = checked_number(stored.get(key), box)
        if number is not None:
            values[key] = number
    for key, combo in _combos(controls, generation).items():
        value = stored.get(key)
        if isinstance(value, str) and combo.findData(value) >= 0:
            values[key] = value
    if "columns" not in values and isinstance(stored.get("side_by_side"), bool):  # saved by an older version
        values["columns"] = 2 if stored["side_by_side"] else 1
    return values


def apply_values(values: dict[str, Any], controls: Any, generation: Any) -> None:
    """Show checked `values` (from `valid_values`); the sampling settings change all at once."""
    from dataclasses import replace

    names = {"temperature": "temperature", "top_k": "top_k", "top_p": "top_p", "min_p": "min_p",
             "repetition_penalty": "repetition_penalty", "order": "order"}
    changes = {field: values[key] for key, field in names.items() if key in values}
    if changes:
        controls.settings_box.set_settings(replace(controls.settings_box.settings(), **changes))
    boxes = _spin_boxes(controls, generation)
    for key in ("bars", "seed", "max_new_tokens", "columns"):
        if key in values:
            boxes[key].setValue(values[key])
    for key, combo in _combos(controls, generation).items():
        if key.startswith("strategy_") and key in values:
            combo.setCurrentIndex(combo.findData(values[key]))


class SettingsMemory(QObject):
    """Restores the tab's settings once, then saves them after every change (debounced)."""

    def __init__(self, controls: Any, generation: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controls, self._generation = controls, generation
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.save_count = 0  # how many times the settings were written (tests check the debounce)
        apply_values(valid_values(AppSettings().sampling_settings(), controls, generation), controls, generation)
        controls.settings_changed.connect(self.schedule)
        controls.bar_count_changed.connect(self.schedule)
        controls.seed_spin.valueChanged.connect(self.schedule)
        controls.reset_done.connect(self.save_now)
        generation.max_tokens_spin.valueChanged.connect(self.schedule)
        generation.columns_spin.valueChanged.connect(self.schedule)
        for column in generation.columns:
            column.strategy_combo.currentIndexChanged.connect(self.schedule)

    @property
    def pending(self) -> bool:
        """A change waits to be saved."""
        return self._timer.isActive()

    def schedule(self, *_args: Any) -> None:
        """Save SAVE_DELAY_MS after the last change."""
        self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        AppSettings().set_sampling_settings(current_values(self._controls, self._generation))
        self.save_count += 1

    def flush(self) -> None:
        """Save a change still waiting (the tab is closing)."""
        if self._timer.isActive():
            self.save_now()
