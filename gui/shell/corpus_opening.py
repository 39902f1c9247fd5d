"""Opening a corpus file, from the file chosen to the corpus made current.

1. The file is read in the background (`Session.open_corpus`) with what the user chose for it before
   (`AppSettings.corpus_reading`): its encoding, or "auto" (UTF-8, else charset-normalizer's guess), and
   whether to repair its mojibake.
2. When the encoding was guessed, `EncodingDialog` asks which one to use; another choice reads the file
   again in that encoding. Cancel keeps the current corpus.
3. When ftfy finds mojibake and the user never answered for this file, `RepairDialog` asks whether to
   repair it; "Repair" reads the file again, repaired.
4. The answers are remembered for the file, and the corpus becomes current.

A remembered encoding that no longer decodes the file (it changed) is forgotten and the file read again
with "auto". File > Corpus text encoding… asks step 2 again for the current corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from core.text_repair import canonical_encoding
from gui.shell.corpus_dialogs import EncodingDialog, RepairDialog

translate = QCoreApplication.translate


def settings_key(path: Path) -> str:
    """The name a file's choices are remembered under: its absolute path."""
    return str(Path(path).expanduser().resolve())


class CorpusOpening(QObject):
    """Reads corpus files for `window` (its `session`, `settings`, `statusBar()`), asking what it must."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None  # the question being asked (tests answer it)

    def open(self, path: Path, encoding: str | None = None) -> None:
        """Read `path` with its remembered choices (or in `encoding`), then ask what is still open."""
        choice = self.window.settings.corpus_reading(settings_key(path))
        remembered = encoding is None and "encoding" in choice
        self.window.session.open_corpus(
            path, encoding or choice.get("encoding", "auto"), bool(choice.get("fix_text", False)),
            review=self._review, on_failure=lambda error: self._on_failure(path, error, remembered))

    def _on_failure(self, path: Path, error: Exception, remembered: bool) -> bool:
        """An encoding that does not decode the file is forgotten. One remembered from before (the file changed)
        is replaced at once by "auto"; one just chosen is reported (False: not handled here)."""
        from core.corpus import CorpusDecodeError

        if not isinstance(error, CorpusDecodeError):
            return False
        self.window.settings.set_corpus_reading(settings_key(path), encoding=None)
        if remembered:
            self.open(path)
        return remembered

    def change_encoding(self) -> None:
        """File > Corpus text encoding…: read the current corpus file again in an encoding the user picks."""
        corpus = self.window.session.corpus
        if corpus is None or corpus.path is None:
            self.window.show_warning(translate("MainWindow", "No corpus file"),
                                     translate("MainWindow", "The current corpus is not a file: open one with "
                                                             "File > Open corpus first."))
            return
        chosen = self.ask_encoding(corpus)
        if chosen is not None:
            self.window.settings.set_corpus_reading(settings_key(corpus.path), encoding=chosen, fix_text=None)
            self.open(corpus.path)

    def ask_encoding(self, corpus: Any) -> str | None:
        """The encoding the user picks for `corpus`'s file, or None when they cancel."""
        detected = corpus.encoding if corpus.encoding_detected else None
        self.dialog = EncodingDialog(corpus.name, corpus.sample, detected, corpus.encoding, self.window)
        try:
            accepted = self.dialog.exec() == QDialog.DialogCode.Accepted
            return self.dialog.encoding() if accepted else None
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def ask_repair(self, corpus: Any) -> bool:
        """Whether the user wants `corpus`'s mojibake repaired."""
        self.dialog = RepairDialog(corpus.name, corpus.repairs, self.window)
        try:
            return self.dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def _review(self, corpus: Any) -> None:
        """A file was read: ask about its encoding and its mojibake, then make it current (or read it again)."""
        key = settings_key(corpus.path)
        settings = self.window.settings
        if corpus.encoding_detected:
            chosen = self.ask_encoding(corpus)
            if chosen is None:
                self.window.statusBar().showMessage(translate("MainWindow", "{name} was not opened.").format(
                    name=corpus.name), 5000)
                return
            settings.set_corpus_reading(key, encoding=chosen)
            if canonical_encoding(chosen) != canonical_encoding(corpus.encoding):
                self.open(corpus.path, chosen)  # read again in the chosen encoding, then asked about repairs
                return
        if corpus.repairs and "fix_text" not in settings.corpus_reading(key):
            repair = self.ask_repair(corpus)
            settings.set_corpus_reading(key, fix_text=repair)
            if repair:
                self.open(corpus.path)
                return
        self.window.session.set_corpus(corpus)
