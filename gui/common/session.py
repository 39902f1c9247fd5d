"""The app's shared state: the current model and the current corpus, with Qt signals.

Every tab takes the same `Session`. Loading runs in a `TaskThread`; a failed load leaves the
previous model (or corpus) in place and reports a message in the current language.

`model_description`, `corpus_description` (with `corpus_origin`) and `device_description` say what
is loaded in the current language and number format (status bar, tab statuses); make them again after a
language change.
"""

from __future__ import annotations

from collections.abc import Callable
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


def kind_description(kind: str | None) -> str:
    """A model kind ("sequence-classifier", from core.model.loading) as the status bar names it, in the
    current language ("text classifier"); '' for None or a kind this version does not know."""
    from core.messages import Message
    from core.model.kinds import KIND_LABELS

    return localized(Message(KIND_LABELS[kind])) if kind in KIND_LABELS else ""


def recent_model_label(source: str, kind: str | None) -> str:
    """A File > Recent models entry: "/models/sst2 (text classifier)", or the bare source when its kind is unknown."""
    description = kind_description(kind)
    return translate("Session", "{source} ({kind})").format(source=source, kind=description) if description else source


def corpus_description(corpus: Any) -> str:
    """"poema.txt: 1,234 characters" (plus the question/answer pairs of a Q&A file, and where the text came
    from when that is more than a plain UTF-8 file: see `corpus_origin`), in the current language and number
    format."""
    name = localized(corpus.name_message or corpus.name)
    if corpus.kind == "qa":
        text = translate("Session", "{name}: {characters} characters, {pairs} question/answer pairs").format(
            name=name, characters=count(corpus.n_chars), pairs=count(corpus.n_documents))
    else:
        text = translate("Session", "{name}: {characters} characters").format(name=name,
                                                                             characters=count(corpus.n_chars))
    origin = corpus_origin(corpus)
    return f"{text} · {origin}" if origin else text


def corpus_origin(corpus: Any, full: bool = False) -> str:
    """Where a corpus file's text came from, in the current language: "compressed with gzip · Windows-1252
    (detected) · 12 characters repaired". Empty for a plain UTF-8 file without mojibake (and for the built-in
    corpus) unless `full`, which always names the encoding and whether the file was compressed or repaired."""
    from core.text_repair import encoding_label

    if getattr(corpus, "path", None) is None:
        return ""
    parts = []
    compression = getattr(corpus, "compression", None)
    if compression == "zip":
        parts.append(translate("Session", "{files} text files from a zip archive").format(
            files=count(len(corpus.members))))
    elif compression:
        parts.append(translate("Session", "compressed with {format}").format(format=compression))
    elif full:
        parts.append(translate("Session", "not compressed"))
    label = encoding_label(corpus.encoding)
    if getattr(corpus, "encoding_detected", False):
        parts.append(translate("Session", "{encoding} (detected)").format(encoding=label))
    elif full or label != "UTF-8":
        parts.append(label)
    repairs = getattr(corpus, "repairs", None)
    if repairs and corpus.repaired:
        parts.append(translate("Session", "{characters} characters repaired").format(
            characters=count(repairs.characters)))
    elif repairs:
        parts.append(translate("Session", "{characters} garbled characters kept").format(
            characters=count(repairs.characters)))
    elif full:
        parts.append(translate("Session", "no repairs"))
    return " · ".join(parts)


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


def _read_corpus_job(path: Path, encoding: str, fix_text: bool):
    def job(context: TaskContext):
        from core.corpus import read_corpus

        def progress(done: int, total: int) -> None:
            context.check()  # a large file stops when the window closes
            context.progress(done, total)

        return read_corpus(path, encoding=encoding, fix_text=fix_text, progress=progress)

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
        self.builtin_language: str | None = None  # which built-in corpus is current ("en", "pt_BR"), if one is
        self.corpus_follows_language = False  # True while it is the one picked for the UI language
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
    def use_builtin_corpus(self, language: str | None = None) -> None:
        """Make a built-in corpus current: "en" (Python's documentation topics), "pt_BR" (the Portuguese texts
        written for LM Anatomy), or None for the UI language's, which then follows a language change
        (`follow_language`) until another corpus is chosen."""
        from core.builtin_corpora import builtin_corpus, language_for
        from gui.common.default_texts import current_language

        chosen = language or language_for(current_language())
        self.set_corpus(builtin_corpus(chosen))
        self.builtin_language, self.corpus_follows_language = chosen, language is None

    def follow_language(self, ui_language: str) -> None:
        """After a UI language change: the built-in corpus picked for the old language becomes the new one's
        (a corpus the user chose stays)."""
        from core.builtin_corpora import language_for

        if self.corpus_follows_language and self.builtin_language != language_for(ui_language):
            self.use_builtin_corpus()

    def open_corpus(self, path: str | Path, encoding: str = "auto", fix_text: bool = False,
                    review: Callable[[Any], None] | None = None,
                    on_failure: Callable[[Exception], bool] | None = None) -> TaskThread:
        """Read a corpus file in the background (`core.corpus.read_corpus`: "auto" detects the encoding of a
        file that is not UTF-8; `fix_text` repairs mojibake); a failure keeps the current corpus.

        The corpus read becomes current at once, or goes to `review(corpus)` (on the GUI thread), which makes
        it current when it decides to. `on_failure(error)` may handle a failure and return True; otherwise
        `corpus_load_failed` reports it."""
        path = Path(path)

        def failed(error: Exception, details: str) -> None:
            if on_failure is None or not on_failure(error):
                self._on_corpus_failed(error, details)

        task = self._start(_read_corpus_job(path, encoding, fix_text), f"read-corpus:{path.name}",
                           review or self.set_corpus, failed, needs_libraries=False)  # plain Python
        self.corpus_loading.emit(path.name)
        return task

    def set_corpus(self, corpus: Any) -> None:
        self.builtin_language, self.corpus_follows_language = None, False
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
