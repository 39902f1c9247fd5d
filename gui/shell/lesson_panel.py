"""Lesson mode's texts and its panel: the explanation of each page and the Back / Redo / Next buttons.

The texts are literal `translate("LessonMode", ...)` calls, so pyside6-lupdate finds them; they
are made when a page is shown, so they follow the current language. `gui.shell.lesson_mode` drives the
pages.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.common.default_texts import default_texts

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string


def page_texts(key: str) -> tuple[str, str]:
    """(title, explanation) of a page in the current language."""
    if key == "tokenize":
        return (translate("LessonMode", "Step 1 of 5: one sentence, three tokenizers"),
                translate("LessonMode", "The same sentence is cut into characters, into words and into BPE pieces. "
                                        "Compare how many tokens each one needs, and look for [UNK] in the word "
                                        "row: a word the vocabulary has never seen."))
    if key == "bpe":
        return (translate("LessonMode", "Step 2 of 5: train a BPE on the corpus"),
                translate("LessonMode", "The BPE panel learns merges from the corpus: the most frequent pair of "
                                        "tokens becomes a new token, again and again. Drag the merges slider "
                                        "from 0 to the end and watch the sentence's pieces join."))
    if key == "train":
        return (translate("LessonMode", "Step 3 of 5: train a small model"),
                translate("LessonMode", "A small GPT (the CPU quick preset, shortened to {n} steps) learns to "
                                        "predict the next character of the corpus. Watch the loss fall: the val "
                                        "points are measured on text the model never trains on."))
    if key == "attention":
        return (translate("LessonMode", "Step 4 of 5: look at attention"),
                translate("LessonMode", "Each row shows which tokens one token looks at; the upper triangle is "
                                        "empty because a token cannot see the future. Change the layer and the "
                                        "head: each head learns its own pattern."))
    if key == "sample-low":
        return (translate("LessonMode", "Step 5 of 5: the next token at a low temperature (0.5)"),
                translate("LessonMode", "A low temperature sharpens the distribution: the dark bars of likely "
                                        "tokens grow and the unlikely ones shrink. The lesson pressed Sample once; "
                                        "press it a few more times and compare."))
    if key == "sample-high":
        return (translate("LessonMode", "Step 5 of 5: the next token at a high temperature (1.5)"),
                translate("LessonMode", "A high temperature flattens the distribution, so unlikely tokens get a "
                                        "real chance. Press Sample a few times: the text becomes more surprising, "
                                        "and sometimes nonsense."))
    if key == "compare":
        return (translate("LessonMode", "Step 5 of 5: three temperatures side by side"),
                translate("LessonMode", "The same prompt at temperatures 0.5, 1 and 1.5. Temperature does not make "
                                        "the model know more; it only changes how boldly we draw from what it "
                                        "predicts. This is the end of the lesson."))
    raise KeyError(key)


def lesson_inputs() -> dict[str, str]:
    """The texts the lesson types, in the current language: the tabs' own example sentences
    (`gui.common.default_texts`), so a lesson and a fresh tab start from the same text."""
    texts = default_texts()
    return {"sentence": texts.lesson_sentence, "attention": texts.attention, "prompt": texts.prompt}


class LessonPanel(QWidget):
    """The dock's contents: step title, explanation, a note on what was done, Back / Redo / Next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.title = QLabel()
        self.title.setObjectName("lessonTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("lessonText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel()
        self.note.setObjectName("lessonNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self.back_button = QPushButton()
        self.back_button.setObjectName("lessonBack")
        self.redo_button = QPushButton()
        self.redo_button.setObjectName("lessonRedo")
        self.next_button = QPushButton()
        self.next_button.setObjectName("lessonNext")
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addWidget(self.note)
        column.addStretch(1)
        buttons = QHBoxLayout()  # one row: the dock stays low, leaving the tabs their height
        buttons.addWidget(self.redo_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 4)
        layout.addLayout(column, 1)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        self.setTabOrder(self.next_button, self.back_button)
        self.setTabOrder(self.back_button, self.redo_button)

    def set_note(self, text: str) -> None:
        self.note.setText(f"ℹ {text}" if text else "")
        self.note.setVisible(bool(text))
        self.fit_height()

    def set_page(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.fit_height()
        QTimer.singleShot(0, self, self.fit_height)  # again once the new texts are laid out

    def fit_height(self) -> None:
        """Be as tall as the wrapped texts need at the current width (a dock does not ask its contents
        for height-for-width, so wrapped lines would be cut off)."""
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return
        layout.invalidate()  # the labels' cached heights may still be those of their previous texts
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else \
            layout.totalMinimumSize().height()
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
            self.updateGeometry()
            self._shrink_dock(needed)

    def _shrink_dock(self, height: int) -> None:
        """In a top or bottom dock, give the panel just `height` (the rest goes back to the tabs)."""
        dock = self.parentWidget()
        window = dock.parentWidget() if dock is not None else None
        if isinstance(dock, QDockWidget) and isinstance(window, QMainWindow) and not dock.isFloating() \
                and window.dockWidgetArea(dock) in (Qt.DockWidgetArea.BottomDockWidgetArea,
                                                    Qt.DockWidgetArea.TopDockWidgetArea):
            title = dock.titleBarWidget().height() if dock.titleBarWidget() else dock.style().pixelMetric(
                QStyle.PixelMetric.PM_TitleBarHeight)
            window.resizeDocks([dock], [height + title], Qt.Orientation.Vertical)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """As tall as the texts need (`fit_height`), so the dock does not take the tabs' room."""
        hint = super().sizeHint()
        return QSize(hint.width(), max(self.minimumHeight(), 1)) if self.minimumHeight() else hint

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # projector zoom: the texts wrap differently
            self.fit_height()
