"""The pt_BR catalogue is complete, compiled, and switching language re-labels the window."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _update_translations():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lupdate_finds_no_string_missing_or_unfinished_in_pt_br():
    problems = _update_translations().check()
    assert problems == []


def test_checker_reports_an_untranslated_string(tmp_path, monkeypatch):
    tool = _update_translations()
    catalogue = tmp_path / "lm_anatomy_pt_BR.ts"
    catalogue.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="pt_BR">\n'
        "<context><name>MainWindow</name><message><source>&amp;File</source>"
        '<translation type="unfinished"></translation></message></context>\n</TS>\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "CATALOG_DIR", tmp_path)
    problems = tool.check()
    assert any("unfinished: [MainWindow] '&File'" in p for p in problems)
    assert any("not in the catalogue" in p for p in problems)


def test_fill_sets_translations_from_a_file_and_names_unknown_strings(tmp_path, monkeypatch):
    import json
    import shutil

    tool = _update_translations()
    shutil.copy(ROOT / "assets" / "translations" / "lm_anatomy_pt_BR.ts", tmp_path / "lm_anatomy_pt_BR.ts")
    monkeypatch.setattr(tool, "CATALOG_DIR", tmp_path)
    records = tmp_path / "new.json"
    records.write_text(json.dumps([
        {"context": "AttentionTab", "source": "&Text:", "translation": "T&exto novo:"},
        {"context": "AttentionTab", "source": "A string nobody wrote", "translation": "Nada"}]), encoding="utf-8")
    unmatched = tool.fill(records, "pt_BR")
    assert unmatched == ["[AttentionTab] 'A string nobody wrote'"]
    message = tool.messages(tmp_path / "lm_anatomy_pt_BR.ts")[("AttentionTab", "&Text:")]
    assert message.findtext("translation") == "T&exto novo:" and message.find("translation").get("type") is None
    assert (tmp_path / "lm_anatomy_pt_BR.ts").read_text(encoding="utf-8").startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')  # lupdate's own layout again


def test_compile_writes_the_qm_from_the_ts_without_touching_the_ts(tmp_path, monkeypatch):
    import shutil

    tool = _update_translations()
    shutil.copy(ROOT / "assets" / "translations" / "lm_anatomy_pt_BR.ts", tmp_path)
    monkeypatch.setattr(tool, "CATALOG_DIR", tmp_path)
    before = (tmp_path / "lm_anatomy_pt_BR.ts").read_bytes()
    tool.compile_catalogues()
    assert (tmp_path / "lm_anatomy_pt_BR.ts").read_bytes() == before
    compiled = (tmp_path / "lm_anatomy_pt_BR.qm").read_bytes()
    assert compiled == (ROOT / "assets" / "translations" / "lm_anatomy_pt_BR.qm").read_bytes()  # the shipped one is current


def test_compiled_catalogue_is_present_and_loads():
    from PySide6.QtCore import QTranslator

    qm = ROOT / "assets" / "translations" / "lm_anatomy_pt_BR.qm"
    ts = qm.with_suffix(".ts")
    assert qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime - 5
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "&File") == "&Arquivo"


def test_switching_to_portuguese_relabels_tabs_and_menus(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui.shell.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_language("pt_BR")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "1. Tokenização" and titles[1] == "2. Atenção"
    assert window.menus.file_menu.title() == "&Arquivo"
    window.set_language("en")
    assert window.tabs.tabText(1) == "2. Attention"
    assert window.menus.file_menu.title() == "&File"
    window.close()


@pytest.mark.parametrize("name", ["qtbase_pt_BR.qm"])
def test_qt_own_translations_ship_with_the_binding(name):
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / name).is_file()
