"""Where the app's shipped files live (fonts, built-in model, translations, help).

From a source checkout or an editable install they are in the repository's `assets/`
folder. A regular install ships them as the `lm_anatomy_assets` package, and a frozen
(PyInstaller) bundle unpacks them next to the executable.
"""

from __future__ import annotations

import sys
from pathlib import Path

BUILTIN_MODEL_DIRNAME = "builtin-gpt"


def assets_dir() -> Path:
    """The folder holding `fonts/`, `models/` and the other shipped files."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "assets"
    checkout = Path(__file__).resolve().parent.parent / "assets"
    if checkout.is_dir():
        return checkout
    import lm_anatomy_assets  # installed copy of assets/ (a namespace package, no __init__)

    return Path(next(iter(lm_anatomy_assets.__path__)))


def font_files() -> list[Path]:
    """The TrueType fonts shipped with the app, to register with Qt."""
    return sorted((assets_dir() / "fonts").glob("*.ttf"))


def builtin_model_dir() -> Path | None:
    """The built-in model's folder, or None when this build ships without one."""
    folder = assets_dir() / "models" / BUILTIN_MODEL_DIRNAME
    return folder if (folder / "config.json").is_file() else None
