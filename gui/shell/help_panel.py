""""What am I looking at?": a collapsible help panel at the top of each tab.

The text is Markdown in `assets/help/<language>/<topic>.md` (en and pt_BR), not in code, so a
teacher can improve it without touching Python. The panel shows the current language's file and
switches when the language changes. Its "Show the code" button opens `gui.shell.code_viewer` on the
core/ functions behind the tab.

`install_help_panels(window)` puts one panel at the top of each of the main window's four tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.shell.code_viewer import CODE_CHOICES, CodeViewer

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

TOPICS = ("tokenization", "attention", "training", "sampling")
TAB_ATTRIBUTES = {"tokenization": "tokenization_tab", "attention": "attention_tab",
                  "training": "training_tab", "sampling": "sampling_tab"}
FALLBACK_LANGUAGE = "en"
VISIBLE_LINES = 13  # the expanded text's height in lines, when there is room; it scrolls beyond that
MIN_LINES = 3  # ...and when the window is short (the text gives way before the tab's own views do)


def help_dir() -> Path:
    from core.assets import assets_dir

    return assets_dir() / "help"


def help_file(topic: str, language: str) -> Path:
    """The Markdown file for `topic` in `language`, or the English one when there is none."""
    path = help_dir() / language / f"{topic}.md"
    return path if path.is_file() else help_dir() / FALLBACK_LANGUAGE / f"{topic}.md"


def help_text(topic: str, language: str) -> str:
    path = help_file(topic, language)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return translate("HelpPanel", "The help text for this tab is missing ({path}).").format(path=path)


class HelpBrowser(QTextBrowser):
    """The help text: up to VISIBLE_LINES lines high, shrinking to MIN_LINES when the window is short."""

    def _lines(self, n: int) -> int:
        return self.fontMetrics().lineSpacing() * n + 2 * self.frameWidth() + 8

    def sizeHint(self):  # noqa: N802 (Qt naming)
        hint = super().sizeHint()
        hint.setHeight(self._lines(VISIBLE_LINES))
        return hint

    def minimumSizeHint(self):  # noqa: N802 (Qt naming)
        hint = super().minimumSizeHint()
        hint.setHeight(self._lines(MIN_LINES))
        return hint


class HelpPanel(QFrame):
    """A toggle button, a "Show the code" button, and the tab's help text (collapsed by default)."""

    expanded_changed = Signal(bool)

    def __init__(self, topic: str, language: str | Callable[[], str] = FALLBACK_LANGUAGE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if topic not in TOPICS:
            raise ValueError(f"Unknown help topic {topic!r}; choose one of {', '.join(TOPICS)}.")
        self.setObjectName(f"helpPanel-{topic}")
        self.topic = topic
        self._language_source = language if callable(language) else None
        self.language = language() if callable(language) else language
        self.viewer: CodeViewer | None = None
        self.toggle = QToolButton()
        self.toggle.setObjectName("helpToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(False)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self.set_expanded)
        self.code_button = QPushButton()
        self.code_button.setObjectName("helpShowCode")
        self.code_button.setFlat(True)
        self.code_button.setStyleSheet(  # a link, but a button: reachable with Tab, pressed with Space
            "QPushButton { color: palette(link); text-decoration: underline; border: 1px solid transparent;"
            " padding: 2px 6px; } QPushButton:focus { border: 1px dotted palette(text); }")
        self.code_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.code_button.clicked.connect(self.show_code)
        self.browser = HelpBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(True)
        self.browser.hide()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        self.row.addWidget(self.toggle)
        self.row.addWidget(self.code_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.browser)
        self._fit_to_font()
        self.retranslate()
        self._load()

    # --- what the window, the lesson and tests use ------------------------------------------
    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through `toggled`
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.browser.setVisible(expanded)
        self.expanded_changed.emit(expanded)

    def set_leading(self, widget: QWidget) -> None:
        """Put `widget` (a tab's title) at the start of the button row, so the panel costs no extra row."""
        self.row.insertWidget(0, widget)

    def set_language(self, language: str) -> None:
        """Show the help text of `language` ("en", "pt_BR"); English when a file is missing."""
        self.language = language
        self.retranslate()
        self._load()

    def text(self) -> str:
        """The help text shown, as plain text."""
        return self.browser.toPlainText()

    def show_code(self) -> CodeViewer:
        """Open (or raise) the read-only viewer of this tab's core functions."""
        if self.viewer is None:
            self.viewer = CodeViewer(CODE_CHOICES[self.topic], self.window())
            self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer

    # --- internals ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.toggle.setText(translate("HelpPanel", "What am I looking at?"))
        self.toggle.setToolTip(translate("HelpPanel", "Show or hide an explanation of this tab, with a worked "
                                                      "example."))
        self.code_button.setText(translate("HelpPanel", "Show the code…"))
        self.code_button.setToolTip(translate("HelpPanel", "Read the Python function that computes what this tab "
                                                           "shows."))
        self.browser.setAccessibleName(translate("HelpPanel", "Explanation of this tab"))

    def _load(self) -> None:
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setMarkdown(help_text(self.topic, self.language))
        self.browser.verticalScrollBar().setValue(scroll)

    def _fit_to_font(self) -> None:
        """The expanded text is about VISIBLE_LINES lines high, at any projector zoom."""
        self.browser.setMaximumHeight(self.browser.sizeHint().height())
        self.browser.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if not hasattr(self, "browser"):
            return
        if event.type() == QEvent.Type.LanguageChange:
            language = self._language_source() if self._language_source is not None else self.language
            self.set_language(language)
        elif event.type() == QEvent.Type.FontChange:
            self._fit_to_font()


def install_help_panels(window) -> dict[str, HelpPanel]:
    """Put a collapsed help panel at the top of each of `window`'s four tabs; returns them by topic.

    The panel's buttons go on the row of the tab's title when the tab has a `TabHeader`, else the
    panel is inserted at the top of the tab's layout.

    The panels follow `window.languages` (a `gui.common.translations.LanguageManager`). They are kept in
    `window.help_panels`.
    """
    existing = getattr(window, "help_panels", None)
    if existing:  # installed already (MainWindow does it; a test may call it again)
        return existing
    languages = getattr(window, "languages", None)

    def current_language() -> str:
        return getattr(languages, "language", FALLBACK_LANGUAGE)

    panels: dict[str, HelpPanel] = {}
    for topic in TOPICS:
        tab = getattr(window, TAB_ATTRIBUTES[topic], None)
        if tab is None:
            continue
        panel = HelpPanel(topic, current_language, tab)
        layout = tab.layout()
        header = getattr(tab, "header", None)
        title = getattr(header, "title", None)
        header_layout = header.layout() if isinstance(header, QWidget) else None
        if isinstance(header_layout, QBoxLayout) and isinstance(title, QWidget) and header_layout.indexOf(title) >= 0:
            # Beside the tab's title (a gui.common.tab_header.TabHeader): the panel needs no row of its own.
            index = header_layout.indexOf(title)
            header_layout.removeWidget(title)
            panel.set_leading(title)
            header_layout.insertWidget(index, panel)
            short_help = [w for w in (getattr(header, "summary", None), getattr(header, "points", None))
                          if isinstance(w, QWidget)]
            # The open help says all the header's summary says: hide that, to leave the tab its height.
            panel.expanded_changed.connect(lambda on, widgets=short_help: [w.setHidden(on) for w in widgets])
        elif isinstance(layout, QBoxLayout):
            layout.insertWidget(0, panel)
        elif layout is None:
            QVBoxLayout(tab).addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        else:  # another kind of layout: leave the tab as it is rather than break it
            panel.deleteLater()
            continue
        panels[topic] = panel
    if languages is not None and hasattr(languages, "language_changed"):
        for panel in panels.values():
            languages.language_changed.connect(panel.set_language)
    settings = getattr(window, "settings", None)
    if settings is not None and hasattr(settings, "help_expanded"):  # open or closed as the user left it
        for topic, panel in panels.items():
            panel.set_expanded(settings.help_expanded(topic))
            panel.expanded_changed.connect(lambda on, topic=topic: settings.set_help_expanded(topic, on))
    window.help_panels = panels
    return panels
