"""The two questions asked while a corpus file opens: which encoding it is in, and whether to repair its mojibake.

- `EncodingDialog`: a file that is not UTF-8. It names the encoding charset-normalizer detected, offers a
  short list (UTF-8, Windows-1252, Latin-1, UTF-16) and previews the file's lines that hold non-ASCII
  characters in the chosen encoding, so a wrong choice shows at once ("Ã£", "�").
- `RepairDialog`: ftfy found mojibake ("Ã©" for "é"). It shows how many characters a repair changes and a
  few before/after examples; nothing changes unless the user chooses "Repair".

Both are plain QDialogs: `gui.shell.corpus_opening` runs them with `exec()`, and a test can build one,
set its choice and read `encoding()` without showing it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.text_repair import ENCODING_CHOICES, TextRepairs, canonical_encoding, encoding_label
from gui.common.locale_numbers import count

translate = QCoreApplication.translate

PREVIEW_LINES = 12  # lines of the file shown in the encoding preview
PREVIEW_LINE_CHARS = 160


def preview_lines(sample: bytes, encoding: str) -> tuple[str, int]:
    """The sample's lines that hold non-ASCII characters (else its first lines), decoded in `encoding`, and how
    many characters could not be decoded (shown as U+FFFD)."""
    try:
        text = sample.decode(encoding, errors="replace")
    except LookupError:
        return "", 0
    lines = [line[:PREVIEW_LINE_CHARS] for line in text.splitlines() if line.strip()]
    telling = [line for line in lines if not line.isascii()]
    shown = (telling or lines)[:PREVIEW_LINES]
    return "\n".join(shown), text.count("\ufffd")


class EncodingDialog(QDialog):
    """Which encoding to read `name` in: `detected` (charset-normalizer's guess, or None) first, then the
    short list; `current` is selected. `encoding()` is the choice."""

    def __init__(self, name: str, sample: bytes, detected: str | None, current: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encodingDialog")
        self.setWindowTitle(translate("CorpusDialogs", "Choose the text encoding"))
        self.sample = sample
        self.detected = canonical_encoding(detected) if detected else None
        intro = QLabel(objectName="encodingIntro", wordWrap=True)
        if self.detected:
            intro.setText(translate(
                "CorpusDialogs", "{name} is not UTF-8. charset-normalizer detected {encoding}. Check the preview "
                                 "and pick another encoding if its letters look wrong; your choice is remembered "
                                 "for this file.").format(name=name, encoding=encoding_label(self.detected)))
        else:
            intro.setText(translate(
                "CorpusDialogs", "{name} is read as {encoding}. Pick another encoding if its letters look wrong; "
                                 "your choice is remembered for this file.").format(
                name=name, encoding=encoding_label(current)))
        self.choice = QComboBox(objectName="encodingChoice")
        names = [self.detected] if self.detected else []
        names += [name for name in ENCODING_CHOICES if canonical_encoding(name) != self.detected]
        for encoding in names:
            label = encoding_label(encoding)
            if encoding == self.detected:
                label = translate("CorpusDialogs", "{encoding} (detected)").format(encoding=label)
            self.choice.addItem(label, encoding)
        self.preview = QPlainTextEdit(objectName="encodingPreview", readOnly=True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setAccessibleName(translate("CorpusDialogs", "Preview of the file in this encoding"))
        self.note = QLabel(objectName="encodingNote", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("CorpusDialogs", "&Encoding:"), self.choice)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(translate("CorpusDialogs", "Lines of the file with letters beyond ASCII:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.choice.currentIndexChanged.connect(self._on_encoding_changed)
        index = next((i for i in range(self.choice.count())
                      if canonical_encoding(self.choice.itemData(i)) == canonical_encoding(current)), 0)
        self.choice.setCurrentIndex(index)
        self._on_encoding_changed()
        self.resize(640, 420)

    def encoding(self) -> str:
        """The encoding chosen (Python's name)."""
        return str(self.choice.currentData())

    def select(self, encoding: str) -> None:
        """Choose `encoding` (one of the list)."""
        wanted = canonical_encoding(encoding)
        for index in range(self.choice.count()):
            if canonical_encoding(self.choice.itemData(index)) == wanted:
                self.choice.setCurrentIndex(index)
                return
        raise ValueError(f"{encoding} is not offered")

    def _on_encoding_changed(self) -> None:
        text, unreadable = preview_lines(self.sample, self.encoding())
        self.preview.setPlainText(text)
        label = encoding_label(self.encoding())
        if unreadable:
            self.note.setText(translate("CorpusDialogs", "{count} characters cannot be read as {encoding}; they "
                                                         "show as �.").format(count=count(unreadable), encoding=label))
        else:
            self.note.setText(translate("CorpusDialogs", "Every byte of the preview reads as {encoding}.").format(
                encoding=label))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("CorpusDialogs", "&Read as {encoding}").format(encoding=label))


class RepairDialog(QDialog):
    """Whether to repair the mojibake ftfy found in `name`: accepted means repair, rejected keeps the text."""

    def __init__(self, name: str, repairs: TextRepairs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repairDialog")
        self.setWindowTitle(translate("CorpusDialogs", "Repair garbled text?"))
        intro = QLabel(objectName="repairIntro", wordWrap=True)
        intro.setText(translate(
            "CorpusDialogs", "{name} holds mojibake: text decoded with the wrong encoding somewhere on its way, "
                             "such as “Ã©” for “é”. ftfy can repair it: {characters} characters on {lines} lines "
                             "would change. Nothing changes unless you choose it; your choice is remembered for "
                             "this file.").format(name=name, characters=count(repairs.characters),
                                                  lines=count(repairs.lines)))
        self.examples = QTableWidget(len(repairs.examples), 2, objectName="repairExamples")
        self.examples.setHorizontalHeaderLabels([translate("CorpusDialogs", "Before"),
                                                 translate("CorpusDialogs", "After")])
        self.examples.setAccessibleName(translate("CorpusDialogs", "Examples of the repair"))
        self.examples.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.examples.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.examples.verticalHeader().hide()
        for row, (before, after) in enumerate(repairs.examples):
            self.examples.setItem(row, 0, QTableWidgetItem(before))
            self.examples.setItem(row, 1, QTableWidgetItem(after))
        self.buttons = QDialogButtonBox()
        self.repair_button = QPushButton(translate("CorpusDialogs", "&Repair the text"), objectName="repairYes")
        self.keep_button = QPushButton(translate("CorpusDialogs", "&Keep it as it is"), objectName="repairNo")
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.repair_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.examples, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 360)

    def example_rows(self) -> list[tuple[str, str]]:
        """The (before, after) rows shown."""
        return [(self.examples.item(row, 0).text(), self.examples.item(row, 1).text())
                for row in range(self.examples.rowCount())]
