"""The main window: four tabs over one shared model and corpus, menus and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from gui.attention.tab import AttentionTab
from gui.common.core_text import localized
from gui.common.session import Session, corpus_description, corpus_origin, device_description, model_description
from gui.common.settings import AppSettings
from gui.common.translations import LanguageManager
from gui.next_token.tab import SamplingTab
from gui.shell.about_dialog import AboutDialog
from gui.shell.appearance import Appearance
from gui.shell.corpus_opening import CorpusOpening
from gui.shell.menus import MainMenus
from gui.tokenization.tab import TokenizationTab
from gui.training.tab import TrainingTab

translate = QCoreApplication.translate


def corpus_filter() -> str:
    """The file types of File > Open corpus, in the current language: text and question/answer files, plain or
    compressed (`core.corpus_files`)."""
    texts, compressed = "*.txt *.md *.markdown *.text *.rst *.json *.jsonl", "*.gz *.xz *.bz2 *.zst *.zip"
    return ";;".join([
        translate("MainWindow", "Text and question/answer files, plain or compressed ({patterns})").format(
            patterns=f"{texts} {compressed}"),
        translate("MainWindow", "Compressed files ({patterns})").format(patterns=compressed),
        translate("MainWindow", "All files (*)"),
    ])


class MainWindow(QMainWindow):
    """Tabs, File/Help menus, and a status bar showing the current model, device and corpus."""

    def __init__(
        self,
        session: Session | None = None,
        parent: QWidget | None = None,
        appearance: Appearance | None = None,
        languages: LanguageManager | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = AppSettings()
        self.session = session or Session(self)
        self.corpus_opening = CorpusOpening(self)  # reads a file, asks its encoding and repairs, makes it current
        app = QApplication.instance()
        self.appearance = appearance or Appearance(app, self)
        self.languages = languages or LanguageManager(app, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tokenization_tab = TokenizationTab(self.session)
        self.attention_tab = AttentionTab(self.session)
        self.training_tab = TrainingTab(self.session)
        self.sampling_tab = SamplingTab(self.session)
        for tab in (self.tokenization_tab, self.attention_tab, self.training_tab, self.sampling_tab):
            self.tabs.addTab(tab, "")
        self.tokenization_tab.prompt_chosen.connect(self.use_as_prompt)  # the Chat page's "Use as prompt"
        self.setCentralWidget(self.tabs)
        self._build_status_bar()
        self._build_menus()
        self._connect_session()
        self.languages.language_changed.connect(self.session.follow_language)  # a default built-in corpus follows
        self.appearance.apply(self.settings.theme(), self.settings.zoom())
        self.languages.set_language(self.settings.language())
        self.retranslate_ui()
        self._restore_window()
        from gui.shell.export_buttons import install_tab_exports
        from gui.shell.help_panel import install_help_panels
        from gui.shell.lesson_mode import install_lesson_mode

        install_help_panels(self)  # "What am I looking at?" panels and "Show the code" links
        install_tab_exports(self)  # the same Export menu on every tab's title row (Ctrl+E)
        self.menus.add_export(self.export_action)  # File > Export… opens it too
        install_lesson_mode(self)  # Help > Lesson mode

    def retranslate_ui(self) -> None:
        """Apply the current language to the window's own texts (tabs handle theirs)."""
        self.setWindowTitle(translate("MainWindow", "LM Anatomy"))
        titles = (translate("MainWindow", "1. Tokenization"), translate("MainWindow", "2. Attention"),
                  translate("MainWindow", "3. Training"), translate("MainWindow", "4. Next token"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.menus.retranslate()
        self.menus.theme_actions[self.appearance.theme].setChecked(True)
        self.menus.language_actions.get(self.settings.language(), self.menus.language_actions["system"]).setChecked(True)
        self.busy_bar.setAccessibleName(translate("MainWindow", "Working"))
        model, corpus = self.session.model, self.session.corpus
        if model is not None:
            self._show_model(model)
        else:
            self.model_label.setText(translate("MainWindow", "Model: none"))
        if corpus is not None:
            self._show_corpus(corpus)
        else:
            self.corpus_label.setText(translate("MainWindow", "Corpus: none"))
            self.menus.corpus_encoding.setEnabled(False)
        self._refresh_recent_menu()
        self._refresh_recent_corpora()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "menus"):
            self.retranslate_ui()
        super().changeEvent(event)

    # --- construction --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.model_label = QLabel()
        self.model_label.setObjectName("statusModel")
        self.device_label = QLabel()
        self.device_label.setObjectName("statusDevice")
        self.corpus_label = QLabel()
        self.corpus_label.setObjectName("statusCorpus")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        bar.addWidget(self.model_label, 2)
        bar.addWidget(self.device_label, 1)
        bar.addPermanentWidget(self.corpus_label)
        bar.addPermanentWidget(self.busy_bar)

    def _build_menus(self) -> None:
        from core.assets import builtin_model_dir

        self.menus = MainMenus(self)
        self.recent_menu = self.menus.recent_models  # kept for callers and tests
        self.open_model_action = self.menus.open_model
        self.open_corpus_action = self.menus.open_corpus
        self.menus.builtin_model.setEnabled(builtin_model_dir() is not None)

    def _connect_session(self) -> None:
        self.session.model_changed.connect(self._on_model_changed)
        self.session.model_loading.connect(self._on_model_loading)
        self.session.model_load_failed.connect(self._on_model_load_failed)
        self.session.corpus_changed.connect(self._on_corpus_changed)
        self.session.corpus_loading.connect(self._on_corpus_loading)
        self.session.corpus_load_failed.connect(self._on_corpus_load_failed)
        self.session.busy_changed.connect(self.busy_bar.setVisible)

    def _restore_window(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        index = self.settings.current_tab()
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def use_as_prompt(self, text: str) -> None:
        """Give `text` to the Next-token tab as its prompt and show that tab."""
        self.sampling_tab.set_prompt(text)
        self.tabs.setCurrentWidget(self.sampling_tab)

    # --- start-up ------------------------------------------------------------------------
    def start_session(self) -> None:
        """Called once the window is visible: the UI language's built-in corpus, then the last or built-in
        model."""
        if self.session.corpus is None:
            self.session.use_builtin_corpus()
        source = self.startup_model_source()
        if source is not None:
            self.session.load_model(source)

    def startup_model_source(self) -> Path | None:
        """The last model folder used, if it still exists; otherwise the built-in model."""
        from core.assets import builtin_model_dir

        last = self.settings.last_model()
        if last and Path(last).is_dir():
            return Path(last)
        return builtin_model_dir()

    # --- model ---------------------------------------------------------------------------
    def choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("MainWindow", "Open a Hugging Face model folder"), self.settings.last_dir(AppSettings.LAST_MODEL_DIR)
        )
        if folder:
            self.settings.set_last_dir(AppSettings.LAST_MODEL_DIR, str(Path(folder).parent))
            self.open_model(Path(folder))

    def choose_hub_model(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            translate("MainWindow", "Load model by name"),
            translate("MainWindow", "Hugging Face hub id (needs an internet connection), e.g. openai-community/gpt2:"),
        )
        name = name.strip()
        if ok and name:
            self.open_model(name)

    def load_builtin_model(self) -> None:
        from core.assets import builtin_model_dir

        folder = builtin_model_dir()
        if folder is None:
            self.show_warning(translate("MainWindow", "No built-in model"), translate("MainWindow", "This copy of LM Anatomy ships without a built-in model."))
            return
        self.open_model(folder)

    def open_model(self, source: str | Path) -> None:
        """Load a model folder (Path) or hub id (str); the current model stays until it succeeds."""
        self.session.load_model(source)

    def _on_model_loading(self, label: str) -> None:
        self.statusBar().showMessage(translate("MainWindow", "Loading {name}...").format(name=label))

    def _on_model_changed(self, model) -> None:
        self.statusBar().clearMessage()
        self._show_model(model)
        self.settings.add_recent_model(model.source, model.kind)
        self.settings.set_last_model(model.source)
        self._refresh_recent_menu()
        for warning in model.warnings:
            self.show_warning(translate("MainWindow", "Model loaded with a warning"), localized(warning))

    def _show_model(self, model) -> None:
        """The status bar's model and device, in the current language and number format."""
        self.model_label.setText(translate("MainWindow", "Model: {description}").format(
            description=model_description(model)))
        self.model_label.setToolTip(model.source)
        self.device_label.setText(translate("MainWindow", "Device: {device}").format(
            device=device_description(model.device)))

    def _on_model_load_failed(self, message: str, error) -> None:
        self.statusBar().clearMessage()
        text = localized(error) if error is not None else message
        self.show_warning(translate("MainWindow", "Could not load the model"), text)

    def _refresh_recent_menu(self) -> None:
        from gui.common.session import recent_model_label

        self.recent_menu.clear()
        recent = self.settings.recent_models()
        for source in recent:
            action = self.recent_menu.addAction(recent_model_label(source, self.settings.recent_model_kind(source)))
            action.triggered.connect(lambda _checked=False, s=source: self._open_recent(s))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(translate("MainWindow", "Clear list"))
            clear.triggered.connect(self._clear_recent)
        else:
            empty = self.recent_menu.addAction(translate("MainWindow", "(none yet)"))
            empty.setEnabled(False)

    def _open_recent(self, source: str) -> None:
        path = Path(source)
        self.open_model(path if path.is_absolute() or path.exists() else source)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_models()
        self._refresh_recent_menu()

    # --- corpus --------------------------------------------------------------------------
    def choose_corpus(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open a corpus"), self.settings.last_dir(AppSettings.LAST_CORPUS_DIR),
            corpus_filter()
        )
        if path:
            self.settings.set_last_dir(AppSettings.LAST_CORPUS_DIR, str(Path(path).parent))
            self.open_corpus(Path(path))

    def open_corpus(self, path: Path, encoding: str | None = None) -> None:
        """Read a corpus file (plain or compressed) in the background, in `encoding` or the one remembered or
        detected for it, asking about its encoding and mojibake (`CorpusOpening`); the current corpus stays
        until it succeeds."""
        self.corpus_opening.open(Path(path), encoding)

    def choose_corpus_encoding(self) -> None:
        """File > Corpus text encoding…: read the current corpus file again in another encoding."""
        self.corpus_opening.change_encoding()

    def _on_corpus_loading(self, name: str) -> None:
        self.statusBar().showMessage(translate("MainWindow", "Reading {name}...").format(name=name))

    def _on_corpus_changed(self, corpus) -> None:
        self.statusBar().clearMessage()
        self._show_corpus(corpus)
        if corpus.path is not None:
            self.settings.add_recent_corpus(str(corpus.path))
            self._refresh_recent_corpora()

    def _show_corpus(self, corpus) -> None:
        """The status bar's corpus, in the current language and number format."""
        self.corpus_label.setText(translate("MainWindow", "Corpus: {summary}").format(
            summary=corpus_description(corpus)))
        origin = corpus_origin(corpus, full=True)
        source = localized(corpus.source_message or corpus.source)
        self.corpus_label.setToolTip(f"{source}\n{origin}" if origin else source)
        self.menus.corpus_encoding.setEnabled(corpus.path is not None)

    def _on_corpus_load_failed(self, message: str, error) -> None:
        self.statusBar().clearMessage()
        self.show_warning(translate("MainWindow", "Could not open the corpus"),
                          localized(error) if error is not None else message)

    def _refresh_recent_corpora(self) -> None:
        menu = self.menus.recent_corpora
        menu.clear()
        recent = self.settings.recent_corpora()
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_corpus(Path(p)))
        if not recent:
            empty = menu.addAction(translate("MainWindow", "(none yet)"))
            empty.setEnabled(False)

    # --- drag and drop: the same paths as the File menu ------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt naming)
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self.dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(paths[0])

    @staticmethod
    def dropped_paths(mime) -> list[Path]:
        """Local files or folders carried by a drag."""
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def open_path(self, path: Path) -> None:
        """A folder opens as a model, a file as a corpus (what File > Open does for each)."""
        if path.is_dir():
            self.open_model(path)
        else:
            self.open_corpus(path)

    # --- view ----------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.appearance.zoom_in()
        self.settings.set_zoom(self.appearance.zoom)

    def zoom_out(self) -> None:
        self.appearance.zoom_out()
        self.settings.set_zoom(self.appearance.zoom)

    def reset_zoom(self) -> None:
        self.appearance.reset_zoom()
        self.settings.set_zoom(self.appearance.zoom)

    def next_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def previous_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.menus.full_screen.setChecked(self.isFullScreen())

    def set_theme(self, theme: str) -> None:
        self.appearance.set_theme(theme)
        self.settings.set_theme(theme)
        self.menus.theme_actions[theme].setChecked(True)

    def set_language(self, choice: str) -> None:
        """Switch language now ("system", "en", "pt_BR") and remember the choice."""
        self.settings.set_language(choice)
        self.languages.set_language(choice)
        self.retranslate_ui()

    def show_shortcuts(self) -> None:
        from gui.shell.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    # --- misc ----------------------------------------------------------------------------
    def show_warning(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def show_about(self) -> None:
        AboutDialog(self).exec()

    def show_runs(self) -> None:
        """File > Saved runs: the runs in the Training tab's runs folder, to use, resume or delete."""
        from gui.shell.runs_dialog import RunsDialog

        def resume(folder: Path) -> bool:
            if self.training_tab.is_running():
                self.show_warning(translate("MainWindow", "A run is training"),
                                  translate("MainWindow", "Stop the run in the Training tab before resuming another."))
                return False
            self.tabs.setCurrentWidget(self.training_tab)
            return self.training_tab.resume(folder)

        self.runs_dialog = RunsDialog(self.training_tab.runs_root, self.open_model, resume, self)
        self.runs_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        for tab in (self.tokenization_tab, self.attention_tab, self.training_tab, self.sampling_tab):
            shutdown = getattr(tab, "shutdown", None)
            if callable(shutdown):
                shutdown()  # stop and join the tab's own background work
        self.session.shutdown()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_current_tab(self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)
