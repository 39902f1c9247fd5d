"""Shared test set-up: headless Qt, no network, isolated settings, no leaked threads."""

from __future__ import annotations

import os

# Must happen before anything imports Qt or transformers.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Point QSettings at a per-test folder so a developer's real settings are never touched."""
    from PySide6.QtCore import QLocale, QSettings

    from gui.common.locale_numbers import locale_for

    QLocale.setDefault(locale_for("en"))  # numbers as in English, whatever this machine's locale ("C" here)
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        # QSettings(org, app) uses NativeFormat (ini files on Linux), so redirect both.
        for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(settings_format, scope, str(settings_dir))
    # Model caches and the hub stay inside the test's folder too.
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf_home"))
    monkeypatch.setenv("LM_ANATOMY_CACHE", str(tmp_path / "cache"))
    yield
    from gui.common.translations import remove_all_translators

    remove_all_translators()  # a window switched to pt_BR must not leak into the next test


@pytest.fixture(autouse=True)
def _no_leaked_threads():
    """Fail any test that leaves one of the app's background threads running."""
    yield
    try:
        from gui.common.workers import running_threads
    except ImportError:  # gui not importable: nothing could have started a thread
        return
    leaked = running_threads()
    for thread in leaked:
        thread.quit()
        thread.wait(5000)
    assert not leaked, f"test left {len(leaked)} background thread(s) running: {leaked}"
