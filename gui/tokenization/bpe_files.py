"""The BPE panel's tokenizer files: vocab.json + merges.txt (the GPT-2 pair) and tokenizer.json.

These are the trained tokenizer itself, not a plot or a table, so they keep their own buttons in
the panel instead of the tab's Export menu. The files always hold every learned merge, whatever
the merge slider shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from gui.common.core_text import localized
from gui.common.locale_numbers import count
from gui.common.settings import AppSettings

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

EXPORT_DIR_KEY = "paths/lastTokenizerExportDir"


def export_vocab_merges(panel: Any) -> None:
    """Write vocab.json and merges.txt into a folder the user picks (`panel`: a BpePanel)."""
    if panel.tokenizer is None:
        return
    settings = AppSettings()
    folder = QFileDialog.getExistingDirectory(panel, translate("BpePanel", "Export vocab.json and merges.txt"),
                                              settings.last_dir(EXPORT_DIR_KEY))
    if folder:
        settings.set_last_dir(EXPORT_DIR_KEY, folder)
        tokenizer = panel.tokenizer
        _write(panel, lambda: tokenizer.export_vocab_merges(folder), folder)


def export_tokenizer_json(panel: Any) -> None:
    """Write tokenizer.json where the user picks (`panel`: a BpePanel)."""
    if panel.tokenizer is None:
        return
    settings = AppSettings()
    start = str(Path(settings.last_dir(EXPORT_DIR_KEY) or Path.home()) / "tokenizer.json")
    path, _filter = QFileDialog.getSaveFileName(panel, translate("BpePanel", "Export tokenizer.json"), start,
                                                translate("BpePanel", "Tokenizer files (*.json)"))
    if path:
        settings.set_last_dir(EXPORT_DIR_KEY, str(Path(path).parent))
        tokenizer = panel.tokenizer
        _write(panel, lambda: [tokenizer.export_tokenizer_json(path)], str(Path(path).parent))


def _write(panel: Any, write: Callable[[], list[Any]], folder: str) -> None:
    """Run `write` (it returns the paths written) and say in the panel what happened."""
    try:
        paths = write()
    except Exception as error:  # OSError, or the plain Exception the Rust `tokenizers` raises
        failure = error  # `error` is unbound after the except block; the message is made again later
        panel.show_message(lambda: translate("BpePanel", "Could not export: {error}").format(
            error=localized(failure)))
        return
    panel.show_message("")
    names, merges = ", ".join(Path(p).name for p in paths), panel.tokenizer.num_merges
    panel.set_status(lambda: translate("BpePanel", "Wrote {names} to {folder}. These hold all {m} merges, "
                                                   "whatever the slider shows.").format(
        names=names, folder=folder, m=count(merges)))
