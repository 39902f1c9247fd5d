"""The app's one way to run work off the GUI thread.

- `TaskThread` runs one job: a plain Python callable that receives a `TaskContext`, through
  which it reports progress and checks whether it was asked to stop. Results and errors come
  back to the GUI thread as signals carrying plain Python values. Threads are always joined,
  never terminated.
- `JobRunner` runs a tab's requests through `TaskThread`s, one at a time: while one runs, a
  new request waits, and a newer request replaces the waiting one ("the newest request wins"),
  so typing or dragging a slider never queues stale work.

Why not superqt's `thread_worker`: its workers run on the global QThreadPool, which the
app's leak check (`running_threads`, used by the tests and at quit) cannot see or join one by
one, and it has no "newest request wins" queue; what it would replace here is the few lines
of `TaskThread.run`.
"""

from __future__ import annotations

import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

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

    Unless `needs_libraries=False` (a job that never touches torch or transformers), the job runs
    after `core.libraries.load_libraries()`: the first job imports them, later ones wait for it.

    succeeded(object): the job's return value.
    failed(object): the exception instance (its message is for the user).
    cancelled(): the job stopped after a stop request.
    progressed(int, int): done and total units.
    """

    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    cancelled = Signal()
    progressed = Signal(int, int)
    loading_libraries = Signal()  # the job waits while torch and transformers are imported (first job only)

    def __init__(self, job: Callable[[TaskContext], Any], name: str = "task", parent=None,
                 needs_libraries: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._job = job
        self._needs_libraries = needs_libraries
        self.stop_event = threading.Event()
        _live_threads.add(self)

    def request_stop(self) -> None:
        """Ask the job to stop at its next check; never terminates the thread."""
        self.stop_event.set()

    def run(self) -> None:  # runs in the worker thread
        context = TaskContext(self)
        try:
            if self._needs_libraries:
                from core.libraries import libraries_loaded, load_libraries

                if not libraries_loaded():
                    self.loading_libraries.emit()
                load_libraries()  # one import of torch/transformers for all jobs: two would race
                context.check()
            result = self._job(context)
        except TaskCancelled:
            self.cancelled.emit()
        except Exception as error:  # reported to the GUI, never lost
            self.failed.emit(error, traceback.format_exc())
        else:
            self.succeeded.emit(result)

    def __repr__(self) -> str:
        return f"<TaskThread {self.objectName()!r} running={self.isRunning()}>"


class JobRunner(QObject):
    """Runs jobs one at a time in `TaskThread`s; the newest waiting request wins.

    `submit(job, request, lane)` starts `job(context)` at once when nothing runs. Otherwise it
    waits, replacing any request already waiting in the same lane; when the running job ends,
    the first lane of `lanes` with a waiting request goes next (the Attention tab's maps come
    before an explanation of them).

    With `replace_running=True` a new request also asks the running job of its lane to stop,
    and the result of a job that was replaced is never reported (the Tokenization tab's corpus
    statistics). Without it the running job finishes and is reported with its request, so the
    receiver compares the request with what it shows now.

    Signals: succeeded(request, result), failed(request, exception), progressed(done, total) of
    the running job, busy_changed(bool): True when work starts, False when nothing runs or waits.
    """

    succeeded = Signal(object, object)
    failed = Signal(object, object)
    progressed = Signal(int, int)
    busy_changed = Signal(bool)

    def __init__(self, name: str, lanes: tuple[str, ...] = ("job",), replace_running: bool = False,
                 parent: QObject | None = None, needs_libraries: bool = True) -> None:
        super().__init__(parent)
        self._name = name
        self._needs_libraries = needs_libraries  # see TaskThread
        self._lanes = lanes
        self._replace_running = replace_running
        self._task: TaskThread | None = None
        self._running: tuple[str, Any] | None = None  # (lane, request) of the running job
        self._stale = False  # the running job's result must not be reported
        self._waiting: dict[str, tuple[Any, Callable[[TaskContext], Any]]] = {}  # lane -> (request, job)
        self._closed = False

    @property
    def busy(self) -> bool:
        """A job runs or waits."""
        return self._task is not None or bool(self._waiting)

    @property
    def running(self) -> bool:
        """A job runs now."""
        return self._task is not None

    @property
    def task(self) -> TaskThread | None:
        """The running thread (tests join it)."""
        return self._task

    def waiting(self, lane: str | None = None) -> Any:
        """The request waiting in `lane` (the first lane by default), or None."""
        entry = self._waiting.get(lane or self._lanes[0])
        return None if entry is None else entry[0]

    def submit(self, job: Callable[[TaskContext], Any], request: Any = None, lane: str | None = None) -> None:
        """Run `job` now, or after the running job; ignored after `shutdown()`."""
        if self._closed:
            return
        lane = lane or self._lanes[0]
        if lane not in self._lanes:
            raise ValueError(f"unknown lane {lane!r}; this runner has {self._lanes}")
        was_busy = self.busy
        self._waiting[lane] = (request, job)
        if self._task is not None:
            if self._replace_running and self._running is not None and self._running[0] == lane:
                self._stale = True
                self._task.request_stop()
            return
        self._start_next()
        if not was_busy:
            self.busy_changed.emit(True)

    def cancel(self) -> bool:
        """Drop the waiting requests, stop the running job and join it; its result is not reported.

        Returns True when some request was dropped unanswered."""
        dropped = bool(self._waiting) or self._task is not None
        self._waiting.clear()
        task = self._task
        if task is not None:
            self._stale = True
            task.request_stop()
            task.wait()
            self._on_finished(task)
        return dropped

    def shutdown(self) -> None:
        """Cancel everything and start nothing afterwards (the window is closing)."""
        self._closed = True
        self.cancel()

    def _start_next(self) -> None:
        lane = next((name for name in self._lanes if name in self._waiting), None)
        if lane is None or self._closed:
            return
        request, job = self._waiting.pop(lane)
        task = self._task = TaskThread(job, name=f"{self._name}-{lane}", parent=self,
                                       needs_libraries=self._needs_libraries)
        self._running, self._stale = (lane, request), False
        # Each outcome is checked against the task that produced it: a queued result of a task
        # that was replaced or cancelled must not be reported.
        task.succeeded.connect(lambda result: self._report(task, request, result, self.succeeded))
        task.failed.connect(lambda error, _details: self._report(task, request, error, self.failed))
        task.progressed.connect(lambda done, total: task is self._task and self.progressed.emit(done, total))
        task.finished.connect(lambda: self._on_finished(task))
        task.start()

    def _report(self, task: TaskThread, request: Any, value: Any, signal: Any) -> None:
        if task is self._task and not self._stale and not self._closed:
            signal.emit(request, value)

    def _on_finished(self, task: TaskThread) -> None:
        if task is not self._task:
            return  # already handled (cancel)
        self._task, self._running = None, None
        task.wait()
        task.deleteLater()
        self._start_next()
        if not self.busy:
            self.busy_changed.emit(False)
