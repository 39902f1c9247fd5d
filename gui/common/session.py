"""The app's shared state: the current model and the current corpus, with Qt signals.

Every tab takes the same `Session`. Loading runs in a `TaskThread`; a failed load leaves the
previous model (or corpus) in place and reports a message in the current language.

`model_description`, `corpus_description` and `device_description` say what is loaded in the
current language and number format (status bar, tab statuses); make them again after a
language change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.common.workers import TaskContext, TaskThread

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def model_description(model: Any) -> str:
    """"gpt2 (causal LM, 1.2 M parameters)" in the current language, e.g. "gpt2 (LM causal, 1,2 M parâmetros)"."""
    from core.model.loading import scaled_parameter_count

    value, suffix = scaled_parameter_count(int(model.n_parameters))
    parameters = f"{decimal(value, 1)} {suffix}" if suffix else count(model.n_parameters)
    return translate("Session", "{name} ({kind}, {parameters} parameters)").format(
        name=model.name, kind=localized(model.kind_label()), parameters=parameters)


def corpus_description(corpus: Any) -> str:
    """"poema.txt: 1,234 characters" (plus the question/answer pairs of a Q&A file), in the current
    language and number format."""
    name = localized(corpus.name_message or corpus.name)
    if corpus.kind == "qa":
        return translate("Session", "{name}: {characters} characters, {pairs} question/answer pairs").format(
            name=name, characters=count(corpus.n_chars), pairs=count(corpus.n_documents))
    return translate("Session", "{name}: {characters} characters").format(name=name, characters=count(corpus.n_chars))


def device_description(device: str) -> str:
    """"CUDA: NVIDIA H100 (79,1 GiB)" or "CPU (8 cores)" for a torch device string, in the current language."""
    from dataclasses import replace

    from core.devices import describe_device

    info = describe_device(device)
    message = info.label_message()
    if info.total_memory_bytes and "memory_gib" in message.args:
        message = replace(message, args={**message.args, "memory_gib": decimal(info.total_memory_bytes / 2**30, 1)})
    return localized(message)


def _load_model_job(source: str | Path, device: str | None):
    def job(context: TaskContext):
        from core.model.loading import load_model  # heavy: imports torch and transformers

        context.check()
        return load_model(source, device=device)

    return job


def _read_corpus_job(path: Path, encoding: str):
    def job(context: TaskContext):
        from core.corpus import read_corpus

        return read_corpus(path, encoding=encoding, progress=context.progress)

    return job


class Session(QObject):
    """Current model and corpus shared by all tabs.

    Signals carry plain Python objects: a `core.model.loading.LoadedModel`, a
    `core.corpus.Corpus`, or message strings (in the language current when they were sent; the
    exception, when there is one, can be shown again with `gui.common.core_text.localized`).
    """

    model_changed = Signal(object)  # LoadedModel
    model_loading = Signal(str)  # what is being loaded
    model_load_failed = Signal(str, object)  # user message, the exception (e.g. ModelLoadError)
    corpus_changed = Signal(object)  # Corpus
    corpus_loading = Signal(str)
    corpus_load_failed = Signal(str, object)  # user message, the exception (e.g. CorpusDecodeError)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: Any = None  # LoadedModel | None
        self.corpus: Any = None  # Corpus | None
        self.device_preference: str | None = None
        self._tasks: set[TaskThread] = set()

    # --- model ---------------------------------------------------------------------------
    def load_model(self, source: str | Path) -> TaskThread:
        """Start loading a model folder (Path) or hub id (str) in the background."""
        label = str(source)
        task = self._start(_load_model_job(source, self.device_preference), f"load-model:{label}",
                           self._on_model_loaded, self._on_model_failed)
        self.model_loading.emit(label)
        return task

    def set_model(self, loaded: Any) -> None:
        """Make an already loaded model current (e.g. a checkpoint from the Training tab)."""
        self.model = loaded
        self.model_changed.emit(loaded)

    def _on_model_loaded(self, loaded: Any) -> None:
        self.set_model(loaded)

    def _on_model_failed(self, error: Exception, details: str) -> None:
        self.model_load_failed.emit(localized(error) or type(error).__name__, error)

    # --- corpus --------------------------------------------------------------------------
    def use_builtin_corpus(self) -> None:
        """Make the built-in corpus (Python's documentation topics) current."""
        from core.corpus import builtin_corpus

        self.set_corpus(builtin_corpus())

    def open_corpus(self, path: str | Path, encoding: str = "utf-8") -> TaskThread:
        """Read a corpus file in the background; a failure keeps the current corpus."""
        path = Path(path)
        task = self._start(_read_corpus_job(path, encoding), f"read-corpus:{path.name}",
                           self.set_corpus, self._on_corpus_failed, needs_libraries=False)  # plain Python
        self.corpus_loading.emit(path.name)
        return task

    def set_corpus(self, corpus: Any) -> None:
        self.corpus = corpus
        self.corpus_changed.emit(corpus)

    def _on_corpus_failed(self, error: Exception, details: str) -> None:
        self.corpus_load_failed.emit(localized(error) or type(error).__name__, error)

    # --- tasks ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _start(self, job, name: str, on_success, on_failure, needs_libraries: bool = True) -> TaskThread:
        # Connect before start(): a quick job (a tiny file) can finish, and emit, before the
        # GUI thread gets the GIL back, and a signal without a receiver is lost.
        task = TaskThread(job, name=name, parent=self, needs_libraries=needs_libraries)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        self._tasks.add(task)
        task.finished.connect(lambda: self._on_task_finished(task))
        if len(self._tasks) == 1:
            self.busy_changed.emit(True)
        task.start()
        return task

    def _on_task_finished(self, task: TaskThread) -> None:
        task.wait()
        self._tasks.discard(task)
        task.deleteLater()
        if not self._tasks:
            self.busy_changed.emit(False)

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Stop and join every background task (called when the window closes)."""
        for task in list(self._tasks):
            task.request_stop()
        for task in list(self._tasks):
            task.wait(timeout_ms)
