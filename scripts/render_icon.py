"""Render assets/icon/lm-anatomy.svg to the PNG, ICO and ICNS files installers need.

    python scripts/render_icon.py

Uses Qt's SVG renderer (PySide6) for the PNGs and Pillow (a matplotlib dependency) to pack
them into .ico (Windows) and .icns (macOS). The outputs are checked in next to the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "assets" / "icon"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_pngs() -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICON_DIR / "lm-anatomy.svg"))
    if not renderer.isValid():
        raise SystemExit("the SVG icon could not be parsed")
    written = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICON_DIR / f"lm-anatomy-{size}.png"
        image.save(str(path))
        written[size] = path
    del app
    return written


def pack(pngs: dict[int, Path]) -> None:
    from PIL import Image

    biggest = Image.open(pngs[max(pngs)])
    biggest.save(ICON_DIR / "lm-anatomy.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    biggest.save(ICON_DIR / "lm-anatomy.icns")


if __name__ == "__main__":
    pack(render_pngs())
    print("\n".join(sorted(p.name for p in ICON_DIR.iterdir())))
