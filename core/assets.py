"""Where the app's shipped files live (fonts, built-in model, translations, help).

From a source checkout or an editable install they are in the repository's `assets/`
folder. A regular install puts them in `<prefix>/share/lm-anatomy/assets` (pyproject.toml's
data-files), and a frozen (PyInstaller) bundle unpacks them next to the executable.
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
    import sysconfig

    return Path(sysconfig.get_path("data")) / "share" / "lm-anatomy" / "assets"  # a regular install


def font_files() -> list[Path]:
    """The TrueType fonts shipped with the app, to register with Qt."""
    return sorted((assets_dir() / "fonts").glob("*.ttf"))


def builtin_model_dir() -> Path | None:
    """The built-in model's folder, or None when this build ships without one."""
    folder = assets_dir() / "models" / BUILTIN_MODEL_DIRNAME
    return folder if (folder / "config.json").is_file() else None
