"""Languages: English (the source strings) and Brazilian Portuguese, switchable at run time.

The app's strings are compiled from `assets/translations/lm_anatomy_<lang>.ts` to `.qm` with
`pyside6-lrelease` (`python scripts/update_translations.py`). Qt's own `qtbase_<lang>.qm`
is loaded too, so standard dialogs and buttons are translated. Installing or removing a
translator sends a LanguageChange event to every widget, which re-applies its texts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from gui.common.locale_numbers import locale_for

SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "pt_BR": "Português (Brasil)"}  # shown in their own language
CATALOG_PREFIX = "lm_anatomy_"
_installed: list[QTranslator] = []  # every translator any LanguageManager installed


def remove_all_translators() -> None:
    """Uninstall every translator this module installed (used between tests)."""
    app = QApplication.instance()
    QLocale.setDefault(locale_for(SOURCE_LANGUAGE))
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def translations_dir() -> Path:
    from core.assets import assets_dir

    return assets_dir() / "translations"


def system_language() -> str:
    """"pt_BR" when the system locale is Portuguese, otherwise English."""
    name = QLocale.system().name()  # e.g. "pt_BR", "pt_PT", "en_US"
    return "pt_BR" if name.startswith("pt") else SOURCE_LANGUAGE


def resolve(choice: str) -> str:
    """Turn a setting ("system", "en", "pt_BR") into a language code we have."""
    if choice == "system" or choice not in LANGUAGES:
        return system_language()
    return choice


class LanguageManager(QObject):
    """Installs the translators for one language at a time."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.language = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []
        QLocale.setDefault(locale_for(SOURCE_LANGUAGE))  # until set_language picks the user's language

    def set_language(self, choice: str) -> str:
        """Switch to `choice` ("system", "en" or "pt_BR"); returns the language now in use."""
        language = resolve(choice)
        QLocale.setDefault(locale_for(language))  # before the LanguageChange events, which remake number texts
        for translator in self._translators:
            self.app.removeTranslator(translator)
            if translator in _installed:
                _installed.remove(translator)
        self._translators = []
        if language != SOURCE_LANGUAGE:
            ours = QTranslator(self.app)
            if ours.load(str(translations_dir() / f"{CATALOG_PREFIX}{language}.qm")):
                self._translators.append(ours)
            qt_own = QTranslator(self.app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{language}", qt_dir):
                self._translators.append(qt_own)
            for translator in self._translators:
                self.app.installTranslator(translator)
                _installed.append(translator)
        self.language = language
        for window in self.app.topLevelWidgets():  # spin boxes already shown follow too (children inherit it)
            window.setLocale(locale_for(language))
        self.language_changed.emit(language)
        return language
