"""Lesson mode: a guided walk through the four tabs for a class, about 15 minutes, with Next/Back.

1. tokenize a sentence three ways; 2. train a BPE on the corpus; 3. start a short CPU-quick
training run and watch the loss; 4. look at attention in the trained model (else the current
one); 5. sample the next token at a low and a high temperature, then three temperatures side by
side. Each page sets the inputs, switches tabs and explains in one or two sentences, in the
current language. A page whose tab lacks what it expects still explains, and says it skipped
the action, rather than fail.

`install_lesson_mode(window)` adds Help > Lesson mode and a dock holding the lesson; the texts and
the dock's contents are in `gui.shell.lesson_panel`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget

from gui.common.core_text import localized
from gui.common.locale_numbers import count
from gui.shell.lesson_panel import LessonPanel, lesson_inputs, page_texts

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string
log = logging.getLogger(__name__)

# The lesson's run: the CPU-quick model, shortened so it ends in a minute or two on a laptop.
LESSON_TRAINING = {"max_iters": 400, "eval_interval": 50}
STEPS = 5


@dataclass(frozen=True)
class Page:
    step: int  # 1..STEPS; step 5 has three pages
    key: str  # what the page does (LessonMode._actions) and says (gui.shell.lesson_panel.page_texts)


PAGES = (Page(1, "tokenize"), Page(2, "bpe"), Page(3, "train"), Page(4, "attention"),
         Page(5, "sample-low"), Page(5, "sample-high"), Page(5, "compare"))


class SkipAction(Exception):
    """A page's action cannot run now; `make()` says why in the current language (shown under the
    explanation, and made again after a language change)."""

    def __init__(self, make: Callable[[], str]) -> None:
        self.make = make
        super().__init__(make())


class LessonMode(QObject):
    """Drives the lesson on `window` (a MainWindow): the pages, their actions, the dock and the menu action."""

    def __init__(self, window: Any, training_settings: dict[str, Any] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.training_settings = dict(LESSON_TRAINING if training_settings is None else training_settings)
        self.index = -1  # the page shown; -1 before the lesson starts
        self.visited: set[str] = set()  # pages whose one-time actions (BPE, training) already ran
        self.lesson_run = False  # the lesson started a training run
        self._pending: list[tuple[Any, Callable[..., None]]] = []  # one-shot connections of the page shown
        self._run_hook: tuple[Any, Callable[..., None]] | None = None  # use the trained model when the run ends
        self._make_note: Callable[[], str] | None = None  # the note under the explanation, remade on LanguageChange
        self.panel = LessonPanel()
        self.panel.back_button.clicked.connect(self.back)
        self.panel.next_button.clicked.connect(self.next)
        self.panel.redo_button.clicked.connect(lambda: self.go_to(self.index, force=True))
        self.dock = QDockWidget(window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction(window)
        self.action.setObjectName("lessonMode")
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_active)
        self.dock.visibilityChanged.connect(self._on_dock_visibility)
        menus = getattr(window, "menus", None)
        help_menu = getattr(menus, "help_menu", None)
        if help_menu is not None:
            first = help_menu.actions()[0] if help_menu.actions() else None
            help_menu.insertAction(first, self.action)
            if first is not None:
                help_menu.insertSeparator(first)
        languages = getattr(window, "languages", None)
        if languages is not None and hasattr(languages, "language_changed"):
            languages.language_changed.connect(lambda _language: self.retranslate())
        # Keys that work wherever the focus is, also with the dock floating: Alt+Right / Alt+Left (Forward /
        # Back), not the buttons' mnemonics, which would clash with the letters the tabs use.
        self.shortcuts = {}
        for name, keys, slot in (("next", QKeySequence.StandardKey.Forward, self.next),
                                 ("back", QKeySequence.StandardKey.Back, self.back)):
            shortcut = QShortcut(QKeySequence(keys), window)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda slot=slot: self.dock.isVisible() and slot())
            self.shortcuts[name] = shortcut
        self.panel.installEventFilter(self)
        self.retranslate()

    # --- navigation ------------------------------------------------------------------------
    @property
    def page(self) -> Page | None:
        return PAGES[self.index] if 0 <= self.index < len(PAGES) else None

    def start(self) -> None:
        """Show the lesson from its first page."""
        if self.action.isChecked():
            self.go_to(0)
        else:
            self.index = -1
            self.action.setChecked(True)  # set_active(True) starts at page 0

    def set_active(self, active: bool) -> None:
        """Help > Lesson mode: show the lesson (from the start the first time), or hide it."""
        if active:
            self.dock.show()
            self.dock.raise_()
            if self.index < 0:
                self.go_to(0)
        else:
            self._cancel_pending()
            self._cancel_run_hook()
            self.dock.hide()

    def next(self) -> None:
        if not self.action.isChecked():
            return  # the lesson was finished or closed: Start opens it again
        if self.index >= len(PAGES) - 1:
            self.finish()
        else:
            self.go_to(self.index + 1)

    def back(self) -> None:
        if self.action.isChecked() and self.index > 0:
            self.go_to(self.index - 1)

    def finish(self) -> None:
        """Close the lesson; the next start begins again at step 1."""
        self._make_note = None
        self._cancel_pending()
        self._cancel_run_hook()
        self.index = -1
        self.visited.clear()
        self.action.setChecked(False)
        self.dock.hide()

    def go_to(self, index: int, force: bool = False) -> None:
        """Show page `index` and do its action (force=True repeats one-time actions such as training)."""
        index = max(0, min(index, len(PAGES) - 1))
        self._cancel_pending()
        self.index = index
        page = PAGES[index]
        if page.step < 4:
            self._cancel_run_hook()
        self._show_page()
        self.note(None)
        try:
            self._actions()[page.key](force or page.key not in self.visited)
        except SkipAction as skipped:
            self.note(skipped.make)
        except Exception as error:  # noqa: BLE001 - a tab changed under the lesson: explain, skip, go on
            log.warning("lesson step %s failed", page.key, exc_info=True)
            self.note(lambda failure=error: translate("LessonMode", "This step's action was skipped: {error}").format(
                error=localized(failure) or type(failure).__name__))
        self.visited.add(page.key)

    def note(self, make: Callable[[], str] | None) -> None:
        """Show `make()` under the explanation (None: no note); it is made again after a language change."""
        self._make_note = make
        self.panel.set_note(make() if make is not None else "")

    # --- the pages' actions ------------------------------------------------------------------
    def _actions(self) -> dict[str, Callable[[bool], None]]:
        return {"tokenize": self._tokenize, "bpe": self._train_bpe, "train": self._train_model,
                "attention": self._attention, "sample-low": lambda first: self._sample(0.5, True),
                "sample-high": lambda first: self._sample(1.5, True),
                "compare": lambda first: self._sample(1.0, False)}

    def _tab(self, name: str) -> Any:
        """Switch to the window's tab `name` (e.g. "training_tab") and return it."""
        tab = getattr(self.window, name, None)
        if tab is None:
            raise SkipAction(lambda: translate("LessonMode", "This window has no such tab, so the lesson only "
                                                             "explains this step."))
        tabs = getattr(self.window, "tabs", None)
        if tabs is not None:
            tabs.setCurrentWidget(tab)
        return tab

    def _tokenize(self, _first: bool) -> None:
        tab = self._tab("tokenization_tab")
        tab.set_text(lesson_inputs()["sentence"])
        tab.show_all_tokenizers()

    def _train_bpe(self, first: bool) -> None:
        tab = self._tab("tokenization_tab")
        sentence = lesson_inputs()["sentence"]
        if tab.text() != sentence:
            tab.set_text(sentence)
        if not tab.can_train_bpe():
            raise SkipAction(lambda: translate("LessonMode", "The corpus is still being read; the BPE trains by "
                                                             "itself as soon as it is ready."))
        if first:
            tab.train_bpe()
            self.note(lambda: translate("LessonMode", "The lesson pressed Train in the BPE panel."))

    def _train_model(self, first: bool) -> None:
        tab = self._tab("training_tab")
        steps = self.training_settings.get("max_iters", LESSON_TRAINING["max_iters"])
        if tab.is_running():
            raise SkipAction(lambda: translate("LessonMode", "A training run is already going: watch its loss "
                                                             "curve."))
        if self.lesson_run and not first:
            raise SkipAction(lambda: translate("LessonMode", "The lesson's run has already been trained; press Redo "
                                                             "this step to train again."))
        if self.window.session.corpus is None:
            raise SkipAction(lambda: translate("LessonMode", "There is no corpus yet: open one with File > Open "
                                                             "corpus, then press Redo this step."))
        if not tab.start_quick_run(self.training_settings):
            problems = "; ".join(tab.problems())  # the Training tab's own words, as it said them
            raise SkipAction(lambda: translate("LessonMode", "Training could not start: {why}").format(
                why=problems or translate("LessonMode", "the Training tab says why")))
        self.lesson_run = True
        self.note(lambda: translate("LessonMode", "Training started: {n} steps. It keeps running while you go "
                                                  "on.").format(n=count(steps)))

    def _attention(self, _first: bool) -> None:
        tab = self._tab("attention_tab")
        tab.set_text(lesson_inputs()["attention"])
        tab.set_view_mode("single")
        training = getattr(self.window, "training_tab", None)
        if training is not None and training.is_running():
            self.note(lambda: translate("LessonMode", "Training is still running, so this is the current model. "
                                                      "The lesson switches to the trained one when the run ends."))
            if self._run_hook is None:
                self._run_hook = (training.run_finished, self._on_lesson_run_finished)
                training.run_finished.connect(self._on_lesson_run_finished)
            return
        self._use_trained_model()

    def _on_lesson_run_finished(self, _info: Any) -> None:
        self._cancel_run_hook()
        try:
            self._use_trained_model()
        except SkipAction as skipped:
            self.note(skipped.make)

    def _cancel_run_hook(self) -> None:
        hook, self._run_hook = self._run_hook, None
        if hook is not None:
            try:
                hook[0].disconnect(hook[1])
            except (RuntimeError, TypeError):
                pass

    def _use_trained_model(self) -> None:
        """Load the last run's checkpoint unless it is already the current model."""
        training = getattr(self.window, "training_tab", None)
        session = self.window.session
        checkpoint = training.trained_checkpoint() if training is not None else None
        current = session.model
        if checkpoint is not None and (current is None or str(current.source) != str(checkpoint)):
            training.use_model()
            self.note(lambda: translate("LessonMode", "Loading the model trained in step 3."))
        elif checkpoint is not None:
            self.note(lambda: translate("LessonMode", "This is the model trained in step 3."))
        elif current is not None:
            name = current.name
            self.note(lambda: translate("LessonMode", "No trained model is ready, so this is the current model, "
                                                      "{name}.").format(name=name))
        else:
            raise SkipAction(lambda: translate("LessonMode", "There is no model yet: load one with File > Open "
                                                             "model folder, or finish step 3."))

    def _sample(self, temperature: float, press_sample: bool) -> None:
        tab = self._tab("sampling_tab")
        tab.show_page("probabilities" if press_sample else "temperatures")
        tab.set_temperature(temperature)
        tab.set_prompt(lesson_inputs()["prompt"])
        if not tab.can_predict_next_token():
            raise SkipAction(lambda: translate("LessonMode", "The current model cannot predict a next token, so "
                                                             "there is nothing to sample; load a GPT-style model."))
        if press_sample:
            self._when_predicted(tab, tab.sample_step)

    def _when_predicted(self, tab: Any, then: Callable[[], None]) -> None:
        """Run `then` once the tab's model run for the prompt has finished."""
        def check(*_args: Any) -> None:
            if tab.is_computing():
                return  # another prompt (a new model) is still running: wait for its end
            self._cancel_pending()
            if tab.warning_text():
                self.note(lambda: translate("LessonMode", "The model could not predict the next token; the "
                                                          "message on the tab says why."))
                return
            then()

        if tab.is_computing():
            self._once(tab.computed, check)
        else:
            then()

    def _once(self, signal: Any, slot: Callable[..., None]) -> None:
        signal.connect(slot)
        self._pending.append((signal, slot))

    def _cancel_pending(self) -> None:
        pending, self._pending = self._pending, []
        for signal, slot in pending:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # --- texts -------------------------------------------------------------------------------
    def _show_page(self) -> None:
        page = self.page
        if page is None:
            self.panel.set_page("", "")
        else:
            title, text = page_texts(page.key)
            if page.key == "train":
                text = text.format(n=count(self.training_settings.get("max_iters", LESSON_TRAINING["max_iters"])))
            self.panel.set_page(title, text)
        last = self.index >= len(PAGES) - 1
        self.panel.back_button.setEnabled(self.index > 0)
        self.panel.next_button.setText(translate("LessonMode", "Finish") if last else translate("LessonMode", "Next"))

    def retranslate(self) -> None:
        self.action.setText(translate("LessonMode", "&Lesson mode"))
        self.action.setToolTip(translate("LessonMode", "A guided 15-minute walk through the four tabs, for a "
                                                       "class"))
        self.dock.setWindowTitle(translate("LessonMode", "Lesson"))
        self.panel.back_button.setText(translate("LessonMode", "Back"))
        self.panel.redo_button.setText(translate("LessonMode", "Redo this step"))
        for name, button in (("next", self.panel.next_button), ("back", self.panel.back_button)):
            keys = self.shortcuts[name].key().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(translate("LessonMode", "Shortcut: {keys}").format(keys=keys) if keys else "")
        self.panel.redo_button.setToolTip(translate("LessonMode", "Do this step's action again (for example, "
                                                                  "train once more)"))
        # What Help > Keyboard shortcuts lists for the two keys.
        self.shortcuts["next"].setWhatsThis(translate("LessonMode", "Lesson: next step"))
        self.shortcuts["back"].setWhatsThis(translate("LessonMode", "Lesson: previous step"))
        self._show_page()
        self.panel.set_note(self._make_note() if self._make_note is not None else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.panel and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _on_dock_visibility(self, visible: bool) -> None:
        if not visible and not self.dock.isVisible() and self.window.isVisible():  # the dock's own close button
            self._cancel_pending()
            self._cancel_run_hook()
            self.action.blockSignals(True)
            self.action.setChecked(False)
            self.action.blockSignals(False)


def install_lesson_mode(window: Any, training_settings: dict[str, Any] | None = None) -> LessonMode:
    """Add Help > Lesson mode and the lesson dock to `window`; kept as `window.lesson`."""
    lesson = getattr(window, "lesson", None)
    if isinstance(lesson, LessonMode):  # installed already: only change the run's settings
        if training_settings is not None:
            lesson.training_settings = dict(training_settings)
        return lesson
    window.lesson = LessonMode(window, training_settings)
    return window.lesson
