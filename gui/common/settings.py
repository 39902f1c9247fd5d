"""Typed access to the app's persistent settings (QSettings)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "LM Anatomy"
APPLICATION = "LM Anatomy"
MAX_RECENT_MODELS = 8
MAX_CORPUS_READINGS = 200  # files whose encoding and repair choices are remembered


class AppSettings:
    """The keys LM Anatomy stores, each with its type.

    Tests point QSettings at a temporary folder (see tests/conftest.py), so a developer's
    real settings are never read or written there.
    """

    RECENT_MODELS = "models/recent"
    RECENT_MODEL_KINDS = "models/recentKinds"  # source -> its kind ("causal-lm", "sequence-classifier"...), JSON
    LAST_MODEL = "models/last"
    LAST_MODEL_DIR = "paths/lastModelDir"
    LAST_CORPUS_DIR = "paths/lastCorpusDir"
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    CURRENT_TAB = "window/currentTab"
    RECENT_CORPORA = "corpora/recent"
    CORPUS_READINGS = "corpora/readings"  # per file: the encoding and repair the user chose (a JSON object)
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

    def add_recent_model(self, source: str, kind: str | None = None) -> list[str]:
        """Put `source` first; `kind` (core.model.loading's kind of the model) is remembered with it."""
        items = [source] + [item for item in self.recent_models() if item != source]
        items = items[:MAX_RECENT_MODELS]
        self._store.setValue(self.RECENT_MODELS, items)
        kinds = {item: value for item, value in self._recent_model_kinds().items() if item in items}
        if kind:
            kinds[source] = kind
        self._store.setValue(self.RECENT_MODEL_KINDS, json.dumps(kinds))
        return items

    def recent_model_kind(self, source: str) -> str | None:
        """The kind remembered for the recent model `source`, or None (opened before kinds were remembered)."""
        kind = self._recent_model_kinds().get(source)
        return kind if isinstance(kind, str) else None

    def _recent_model_kinds(self) -> dict[str, Any]:
        try:
            value = json.loads(str(self._store.value(self.RECENT_MODEL_KINDS, "") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

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

    def corpus_reading(self, path: str) -> dict[str, Any]:
        """How the user chose to read the corpus file `path`: {"encoding": "cp1252", "fix_text": True}, either key
        left out when not chosen ({} for a file never asked about). Values of the wrong type are dropped."""
        entry = self._corpus_readings().get(path)
        if not isinstance(entry, dict):
            return {}
        kinds = {"encoding": str, "fix_text": bool}
        return {key: value for key, value in entry.items() if isinstance(value, kinds.get(key, type(None)))}

    def set_corpus_reading(self, path: str, **choice: Any) -> None:
        """Remember `encoding=` and/or `fix_text=` for the file `path` (None forgets that choice); the
        MAX_CORPUS_READINGS files chosen for last are kept."""
        readings = self._corpus_readings()
        entry = {**readings.pop(path, {}), **choice}
        entry = {key: value for key, value in entry.items() if value is not None}
        if entry:
            readings[path] = entry
        kept = dict(list(readings.items())[-MAX_CORPUS_READINGS:])
        self._store.setValue(self.CORPUS_READINGS, json.dumps(kept, sort_keys=False))

    def _corpus_readings(self) -> dict[str, Any]:
        try:
            value = json.loads(str(self._store.value(self.CORPUS_READINGS, "") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

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
