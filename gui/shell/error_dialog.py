"""The dialog shown for unexpected exceptions, and the hook that routes them there.

An exception escaping any slot ends up in `sys.excepthook`; we show it with its traceback
and a Copy button, and the app keeps running.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.common.core_text import localized


class ErrorDialog(QDialog):
    """A message, the full details in a read-only box, and Copy/Close buttons."""

    def __init__(self, message: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setMinimumWidth(560)
        self._copied = False
        self._intro = intro = QLabel()
        intro.setWordWrap(True)
        self.message_label = QLabel(message)
        self.message_label.setObjectName("errorMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(200)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("errorCopy")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message_label)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Apply the current language to the dialog's own texts (the error itself stays as it was)."""
        self.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Something went wrong"))
        self._intro.setText(QCoreApplication.translate(
            "ErrorDialog",
            "LM Anatomy hit an unexpected error. Your work is still open; you can keep going.",
        ))
        self.copy_button.setText(QCoreApplication.translate("ErrorDialog", "Copied") if self._copied
                                 else QCoreApplication.translate("ErrorDialog", "Copy details"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "copy_button"):
            self.retranslate_ui()

    def text_for_clipboard(self) -> str:
        return f"{self.message_label.text()}\n\n{self.details.toPlainText()}"

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text_for_clipboard())
        self._copied = True
        self.retranslate_ui()


class _ExceptionRelay(QObject):
    """Carries exceptions from any thread to the GUI thread."""

    raised = Signal(str, str)


class ExceptionHook:
    """Installs itself as `sys.excepthook` and shows an `ErrorDialog` for each exception."""

    def __init__(self, parent_window: QWidget | None = None) -> None:
        self.parent_window = parent_window
        self.shown: list[tuple[str, str]] = []  # (message, details), newest last
        self._relay = _ExceptionRelay()
        self._relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        message = f"{kind.__name__}: {localized(value)}"  # a core Message in the user's language
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            self._show(message, details)
        else:
            self._relay.raised.emit(message, details)

    def _show(self, message: str, details: str) -> None:
        self.shown.append((message, details))
        dialog = ErrorDialog(message, details, self.parent_window)
        dialog.exec()
