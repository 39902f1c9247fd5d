"""The Attention tab's background work: one job at a time, the maps before an explanation.

Two passes must never run together: each switches the model's attention implementation to
"eager" for a moment. So `AttentionJobs` keeps at most one request of each kind waiting ("maps":
(model, text); "explain": (model, text, layer, head, query, key)); a newer request of the same
kind replaces the waiting one, and the maps go first. core/ is imported in the worker thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from gui.common.workers import TaskThread

CORE_FUNCTIONS = {"maps": ("core.attention.maps", "attention_maps"),
                  "explain": ("core.attention.recipe", "explain_weight")}  # (module, function)


def _job(function: tuple[str, str], *args: Any):
    """A TaskThread job calling <module>.<function_name>(*args) for function = (module, function_name)."""
    def job(_context):
        import importlib

        module_name, function_name = function
        return getattr(importlib.import_module(module_name), function_name)(*args)

    return job


class AttentionJobs(QObject):
    """Runs `core.attention.maps` and `core.attention.recipe` requests in a TaskThread, one at a time; reports
    (kind, key, result or error)."""

    succeeded = Signal(str, object, object)  # kind, key, AttentionMaps or WeightExplanation
    failed = Signal(str, object, object)  # kind, key, the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: TaskThread | None = None
        self.kind, self.key = "", None  # of the running task
        self.waiting: dict[str, tuple] = {}  # the next "maps" and "explain" requests

    def want(self, kind: str, key: tuple) -> None:
        """Ask for `kind` ("maps" or "explain") with arguments `key`; starts now unless a job runs."""
        self.waiting[kind] = key
        self._start_next()

    def shutdown(self) -> bool:
        """Drop waiting requests and join the running job; True when some request was dropped."""
        dropped = bool(self.waiting)
        self.waiting.clear()
        if self.task is not None:
            self.task.request_stop()
            self.task.wait()
        return dropped

    def _start_next(self) -> None:
        if self.task is not None or not self.waiting:
            return
        kind = "maps" if "maps" in self.waiting else "explain"
        key = self.waiting.pop(kind)
        task = TaskThread(_job(CORE_FUNCTIONS[kind], *key), name=f"attention-{kind}", parent=self)
        task.succeeded.connect(lambda result: self.succeeded.emit(kind, key, result))
        task.failed.connect(lambda error, _details: self.failed.emit(kind, key, error))
        task.finished.connect(self._on_finished)
        self.task, self.kind, self.key = task, kind, key
        task.start()

    def _on_finished(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self._start_next()
