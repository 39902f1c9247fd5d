"""Help > About: what the app is, and the versions and device it runs on."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.system_report import device_lines, library_versions, platform_line
from gui.common.core_text import localized


def about_html() -> str:
    """The About text: versions of Python, Qt, torch, transformers, tokenizers, plus devices."""
    versions = library_versions()
    versions["Qt"] = qVersion()
    rows = "".join(f"<tr><td>{escape(name)}</td><td><b>{escape(localized(v))}</b></td></tr>"
                   for name, v in versions.items())
    devices = "<br>".join(escape(localized(line)) for line in device_lines())
    title = QCoreApplication.translate("AboutDialog", "LM Anatomy")
    blurb = QCoreApplication.translate(
        "AboutDialog",
        "See how a language model works: tokens, attention, training and next-token sampling.",
    )
    heading_versions = QCoreApplication.translate("AboutDialog", "Versions")
    heading_devices = QCoreApplication.translate("AboutDialog", "Devices")
    return (
        f"<h2>{title}</h2><p>{blurb}</p>"
        f"<h3>{heading_versions}</h3><table cellspacing='6'>{rows}</table>"
        f"<h3>{heading_devices}</h3><p>{devices}</p>"
        f"<p style='color:gray'>{escape(localized(platform_line()))}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.text = QLabel()
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("AboutDialog", "About LM Anatomy"))
        self.text.setText(about_html())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "text"):
            self.retranslate_ui()
