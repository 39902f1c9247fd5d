"""Typed access to the app's persistent settings (QSettings)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "LM Anatomy"
APPLICATION = "LM Anatomy"
MAX_RECENT_MODELS = 8


class AppSettings:
    """The keys LM Anatomy stores, each with its type.

    Tests point QSettings at a temporary folder (see tests/conftest.py), so a developer's
    real settings are never read or written there.
    """

    RECENT_MODELS = "models/recent"
    LAST_MODEL = "models/last"
    LAST_MODEL_DIR = "paths/lastModelDir"
    LAST_CORPUS_DIR = "paths/lastCorpusDir"
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    CURRENT_TAB = "window/currentTab"
    RECENT_CORPORA = "corpora/recent"
    LANGUAGE = "view/language"
    THEME = "view/theme"
    ZOOM = "view/zoom"
    SAMPLING = "sampling/settings"
    HELP_EXPANDED = "help/expanded/"  # + topic ("tokenization", "attention", "training", "sampling")
    LAST_EXPORT_DIR = "paths/lastExportDir"

    def __init__(self) -> None:
        self._store = QSettings(ORGANIZATION, APPLICATION)

    # recent models: most recent first, no duplicates
    def recent_models(self) -> list[str]:
        value = self._store.value(self.RECENT_MODELS, [])
        if isinstance(value, str):  # QSettings returns a bare string for one-item lists
            value = [value]
        return [str(item) for item in (value or []) if item]

    def add_recent_model(self, source: str) -> list[str]:
        items = [source] + [item for item in self.recent_models() if item != source]
        items = items[:MAX_RECENT_MODELS]
        self._store.setValue(self.RECENT_MODELS, items)
        return items

    def remove_recent_model(self, source: str) -> list[str]:
        items = [item for item in self.recent_models() if item != source]
        self._store.setValue(self.RECENT_MODELS, items)
        return items

    def clear_recent_models(self) -> None:
        self._store.setValue(self.RECENT_MODELS, [])

    def last_model(self) -> str:
        return str(self._store.value(self.LAST_MODEL, "") or "")

    def set_last_model(self, source: str) -> None:
        self._store.setValue(self.LAST_MODEL, source)

    def last_dir(self, key: str) -> str:
        return str(self._store.value(key, "") or "")

    def set_last_dir(self, key: str, folder: str) -> None:
        self._store.setValue(key, folder)

    def window_geometry(self) -> QByteArray | None:
        value = self._store.value(self.WINDOW_GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue(self.WINDOW_GEOMETRY, geometry)

    def current_tab(self) -> int:
        try:
            return int(self._store.value(self.CURRENT_TAB, 0))
        except (TypeError, ValueError):
            return 0

    def set_current_tab(self, index: int) -> None:
        self._store.setValue(self.CURRENT_TAB, index)

    def recent_corpora(self) -> list[str]:
        value = self._store.value(self.RECENT_CORPORA, [])
        if isinstance(value, str):
            value = [value]
        return [str(item) for item in (value or []) if item]

    def add_recent_corpus(self, path: str) -> list[str]:
        items = ([path] + [item for item in self.recent_corpora() if item != path])[:MAX_RECENT_MODELS]
        self._store.setValue(self.RECENT_CORPORA, items)
        return items

    def language(self) -> str:
        """"system", "en" or "pt_BR"."""
        return str(self._store.value(self.LANGUAGE, "system") or "system")

    def set_language(self, language: str) -> None:
        self._store.setValue(self.LANGUAGE, language)

    def theme(self) -> str:
        """"system", "light", "dark" or "high-contrast"."""
        return str(self._store.value(self.THEME, "system") or "system")

    def set_theme(self, theme: str) -> None:
        self._store.setValue(self.THEME, theme)

    def zoom(self) -> float:
        try:
            return float(self._store.value(self.ZOOM, 1.0))
        except (TypeError, ValueError):
            return 1.0

    def set_zoom(self, zoom: float) -> None:
        self._store.setValue(self.ZOOM, float(zoom))

    def sampling_settings(self) -> dict[str, Any]:
        """The Next-token tab's settings as saved (a JSON object; {} when none or unreadable).

        The tab checks each value itself: a file edited by hand must not break it."""
        try:
            value = json.loads(str(self._store.value(self.SAMPLING, "") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_sampling_settings(self, values: dict[str, Any]) -> None:
        self._store.setValue(self.SAMPLING, json.dumps(values, sort_keys=True))

    def help_expanded(self, topic: str) -> bool:
        """Whether the tab's "What am I looking at?" panel was left open."""
        return str(self._store.value(self.HELP_EXPANDED + topic, "false")).lower() in ("true", "1")

    def set_help_expanded(self, topic: str, expanded: bool) -> None:
        self._store.setValue(self.HELP_EXPANDED + topic, "true" if expanded else "false")

    def sync(self) -> None:
        self._store.sync()
