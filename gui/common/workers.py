"""Run one long job (model load, corpus read, ...) off the GUI thread.

The job is a plain Python callable. It receives a `TaskContext` through which it reports
progress and checks whether it was asked to stop. Results and errors come back to the GUI
thread as signals carrying plain Python values. Threads are always joined, never terminated.
"""

from __future__ import annotations

import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

_live_threads: "weakref.WeakSet[TaskThread]" = weakref.WeakSet()


def running_threads() -> list["TaskThread"]:
    """Background threads of this app that are still running (used by the tests' leak check)."""
    alive = []
    for thread in list(_live_threads):
        try:
            if thread.isRunning():
                alive.append(thread)
        except RuntimeError:  # its C++ object was deleted with a Qt parent: not running
            _live_threads.discard(thread)
    return alive


def stop_all_threads(timeout_ms: int = 10000) -> None:
    """Ask every running task to stop and wait for it: used when the app quits."""
    for thread in running_threads():
        thread.request_stop()
    for thread in running_threads():
        thread.wait(timeout_ms)


class TaskCancelled(Exception):
    """Raised inside a job by `TaskContext.check()` after a stop request."""


class TaskContext:
    """Handed to a job: progress reporting (rate-limited by the caller) and stop checks."""

    def __init__(self, thread: "TaskThread") -> None:
        self._thread = thread
        self._last_progress: tuple[int, int] | None = None

    @property
    def stop_requested(self) -> bool:
        return self._thread.stop_event.is_set()

    def check(self) -> None:
        """Raise `TaskCancelled` if the user asked the job to stop."""
        if self.stop_requested:
            raise TaskCancelled()

    def progress(self, done: int, total: int) -> None:
        """Report progress; emits only when the whole percentage changes (a built-in throttle)."""
        percent = (100 * done // total) if total > 0 else 0
        key = (percent, total)
        if key != self._last_progress:
            self._last_progress = key
            self._thread.progressed.emit(done, total)


class TaskThread(QThread):
    """A QThread that runs `job(context)` once and reports through signals.

    succeeded(object): the job's return value.
    failed(object): the exception instance (its message is for the user).
    cancelled(): the job stopped after a stop request.
    progressed(int, int): done and total units.
    """

    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    cancelled = Signal()
    progressed = Signal(int, int)

    def __init__(self, job: Callable[[TaskContext], Any], name: str = "task", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._job = job
        self.stop_event = threading.Event()
        _live_threads.add(self)

    def request_stop(self) -> None:
        """Ask the job to stop at its next check; never terminates the thread."""
        self.stop_event.set()

    def run(self) -> None:  # runs in the worker thread
        context = TaskContext(self)
        try:
            result = self._job(context)
        except TaskCancelled:
            self.cancelled.emit()
        except Exception as error:  # reported to the GUI, never lost
            self.failed.emit(error, traceback.format_exc())
        else:
            self.succeeded.emit(result)

    def __repr__(self) -> str:
        return f"<TaskThread {self.objectName()!r} running={self.isRunning()}>"
