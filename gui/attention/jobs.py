"""The Attention tab's background work: the maps of a text, and how one weight of them is computed.

Two passes must never run together: each switches the model's attention implementation to
"eager" for a moment. So the tab runs both through one `gui.common.workers.JobRunner` with
the lanes `LANES`: at most one request of each kind waits, a newer request of the same kind
replaces the waiting one, and the maps go first. core/ is imported in the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gui.common.workers import JobRunner, TaskContext

MAPS, EXPLAIN = "maps", "explain"
LANES = (MAPS, EXPLAIN)  # in priority order


def maps_job(model: Any, text: str) -> Callable[[TaskContext], Any]:
    """A job returning `core.attention.maps.attention_maps(model, text)`."""
    def job(_context: TaskContext) -> Any:
        from core.attention.maps import attention_maps

        return attention_maps(model, text)

    return job


def explain_job(model: Any, text: str, layer: int, head: int, query: int, key: int) -> Callable[[TaskContext], Any]:
    """A job returning `core.attention.recipe.explain_weight(...)` for one weight."""
    def job(_context: TaskContext) -> Any:
        from core.attention.recipe import explain_weight

        return explain_weight(model, text, layer, head, query, key)

    return job


def submit(runner: JobRunner, kind: str, key: tuple) -> None:
    """Ask for the maps (key = (model, text)) or an explanation (key = the `explain_weight` arguments)."""
    job = maps_job(*key) if kind == MAPS else explain_job(*key)
    runner.submit(job, (kind, key), lane=kind)
