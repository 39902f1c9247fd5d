"""The QApplication every entry point makes: Fusion style, the app's names, icon and shipped font."""

from __future__ import annotations

import sys


def register_fonts() -> str | None:
    """Register the fonts shipped in assets/fonts; returns the family to use as the UI font."""
    from PySide6.QtGui import QFontDatabase

    from core.assets import font_files

    family = None
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and family is None and "Mono" not in families[0]:
            family = families[0]
    return family


def create_application(argv: list[str]):
    """The QApplication with Fusion style, app names and the shipped font."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from gui.common.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setStyle("Fusion")
    from PySide6.QtGui import QIcon

    from core.assets import assets_dir

    icon = assets_dir() / "icon" / "lm-anatomy-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    family = register_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10)
        app.setFont(font)
    return app
