"""The main window's menu bar: File, View and Help, with texts that re-translate at run time.

File > Export… is the window's `export_action` (Ctrl+E, made by `gui.common.tab_exports`), added by
`add_export` once the tabs' Export buttons exist."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from core.builtin_corpora import LANGUAGES as BUILTIN_CORPUS_LANGUAGES
from gui.common.translations import LANGUAGES
from gui.shell.appearance import THEMES

translate = QCoreApplication.translate


class MainMenus:
    """Creates every menu action once; `retranslate()` (re)applies their texts."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        w = window
        self.open_model = self._add(self.file_menu, "openModelFolder", w.choose_model_folder, "Ctrl+Shift+O")
        self.load_by_name = self._add(self.file_menu, "loadModelByName", w.choose_hub_model)
        self.recent_models = QMenu(w)
        self.recent_models.setObjectName("recentModelsMenu")
        self.file_menu.addMenu(self.recent_models)
        self.builtin_model = self._add(self.file_menu, "useBuiltinModel", w.load_builtin_model)
        self.file_menu.addSeparator()
        self.open_corpus = self._add(self.file_menu, "openCorpus", w.choose_corpus, QKeySequence.StandardKey.Open)
        self.recent_corpora = QMenu(w)
        self.recent_corpora.setObjectName("recentCorporaMenu")
        self.file_menu.addMenu(self.recent_corpora)
        self.corpus_encoding = self._add(self.file_menu, "corpusEncoding", w.choose_corpus_encoding)
        self.builtin_corpora = QMenu(w)  # File > Built-in corpus: one action per language
        self.builtin_corpora.setObjectName("builtinCorpusMenu")
        self.file_menu.addMenu(self.builtin_corpora)
        self.builtin_corpus_actions = {
            language: self._add(self.builtin_corpora, f"useBuiltinCorpus_{language}",
                                lambda language=language: w.session.use_builtin_corpus(language))
            for language in BUILTIN_CORPUS_LANGUAGES}
        self.file_menu.addSeparator()
        self.saved_runs = self._add(self.file_menu, "savedRuns", w.show_runs)
        self.export: QAction | None = None  # File > Export…, see add_export
        self.quit_separator = self.file_menu.addSeparator()
        self.quit = self._add(self.file_menu, "quit", w.close)
        # Some platforms (and the offscreen one) bind no key to StandardKey.Quit: fall back to Ctrl+Q.
        self.quit.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])

        self.zoom_in = self._add(self.view_menu, "zoomIn", w.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out = self._add(self.view_menu, "zoomOut", w.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset = self._add(self.view_menu, "zoomReset", w.reset_zoom, "Ctrl+0")
        self.full_screen = self._add(self.view_menu, "fullScreen", w.toggle_full_screen, "F11")
        # The platform's full-screen keys (F11 and Alt+Enter here, Ctrl+Meta+F on macOS), F11 everywhere.
        full_screen_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen)
        self.full_screen.setShortcuts(full_screen_keys + [QKeySequence("F11")] * (QKeySequence("F11") not in full_screen_keys))
        self.full_screen.setCheckable(True)
        self.view_menu.addSeparator()
        # Window-wide, so they work from inside a text box too (which would keep Ctrl+PgDown to itself).
        self.next_tab = self._add(self.view_menu, "nextTab", w.next_tab)
        self.next_tab.setShortcuts([QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")])
        self.previous_tab = self._add(self.view_menu, "previousTab", w.previous_tab)
        self.previous_tab.setShortcuts([QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab")])
        self.view_menu.addSeparator()
        self.theme_menu, self.theme_group, self.theme_actions = self._add_choices("theme", THEMES, w.set_theme)
        self.language_menu, self.language_group, self.language_actions = self._add_choices(
            "language", ("system", *LANGUAGES), w.set_language)

        self.shortcuts = self._add(self.help_menu, "keyboardShortcuts", w.show_shortcuts, "F1")
        self.about = self._add(self.help_menu, "about", w.show_about)

    def add_export(self, action: QAction) -> None:
        """Put the window's Export action (it opens the current tab's Export menu) in File, above Quit."""
        self.export = action
        self.file_menu.insertSeparator(self.quit_separator)
        self.file_menu.insertAction(self.quit_separator, action)
        self.retranslate()

    def _add_choices(self, name: str, choices: tuple[str, ...], choose: Callable[[str], object]
                     ) -> tuple[QMenu, QActionGroup, dict[str, QAction]]:
        """A View submenu ("<name>Menu") of exclusive, checkable actions ("<name>-<choice>"), one per
        choice, each calling `choose(choice)`; their texts come from `retranslate`."""
        menu = self.view_menu.addMenu("")
        menu.setObjectName(f"{name}Menu")
        group = QActionGroup(self.window)
        actions: dict[str, QAction] = {}
        for choice in choices:
            action = QAction(self.window)
            action.setObjectName(f"{name}-{choice}")
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, value=choice: choose(value))
            group.addAction(action)
            menu.addAction(action)
            actions[choice] = action
        return menu, group, actions

    def _add(self, menu: QMenu, name: str, slot: Callable[[], object], shortcut=None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        """Set every menu and action text in the current language."""
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.open_model.setText(translate("MainWindow", "Open &model folder..."))
        self.load_by_name.setText(translate("MainWindow", "&Load model by name..."))
        self.recent_models.setTitle(translate("MainWindow", "&Recent models"))
        self.builtin_model.setText(translate("MainWindow", "Use &built-in model"))
        self.open_corpus.setText(translate("MainWindow", "Open &corpus..."))
        self.recent_corpora.setTitle(translate("MainWindow", "Recent c&orpora"))
        self.corpus_encoding.setText(translate("MainWindow", "Corpus te&xt encoding…"))
        self.corpus_encoding.setToolTip(translate("MainWindow", "Read the current corpus file again in another "
                                                                "encoding"))
        self.builtin_corpora.setTitle(translate("MainWindow", "B&uilt-in corpus"))
        self.builtin_corpus_actions["en"].setText(translate("MainWindow", "&English: Python's documentation topics"))
        self.builtin_corpus_actions["pt_BR"].setText(translate("MainWindow", "&Portuguese: texts written for LM "
                                                                             "Anatomy"))
        self.saved_runs.setText(translate("MainWindow", "Sa&ved runs…"))
        self.saved_runs.setToolTip(translate("MainWindow", "The training runs saved so far: use, resume or delete one"))
        if self.export is not None:
            self.export.setText(translate("MainWindow", "&Export…"))
            self.export.setToolTip(translate("MainWindow", "Save the current tab's plots (PNG, SVG) and tables (CSV)"))
        self.quit.setText(translate("MainWindow", "&Quit"))
        self.zoom_in.setText(translate("MainWindow", "Zoom &in"))
        self.zoom_out.setText(translate("MainWindow", "Zoom &out"))
        self.zoom_reset.setText(translate("MainWindow", "&Normal size"))
        self.full_screen.setText(translate("MainWindow", "&Full screen"))
        self.next_tab.setText(translate("MainWindow", "Ne&xt tab"))
        self.previous_tab.setText(translate("MainWindow", "&Previous tab"))
        self.theme_menu.setTitle(translate("MainWindow", "&Theme"))
        theme_names = {
            "system": translate("MainWindow", "Follow the system"),
            "light": translate("MainWindow", "Light"),
            "dark": translate("MainWindow", "Dark"),
            "high-contrast": translate("MainWindow", "High contrast"),
        }
        for theme, action in self.theme_actions.items():
            action.setText(theme_names[theme])
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.language_actions["system"].setText(translate("MainWindow", "Follow the system"))
        for code, name in LANGUAGES.items():
            self.language_actions[code].setText(name)  # each language in its own words
        self.shortcuts.setText(translate("MainWindow", "&Keyboard shortcuts"))
        self.about.setText(translate("MainWindow", "&About LM Anatomy"))
