"""Numbers written the way the current language writes them: 466,006 and 1.62 in English,
466.006 and 1,62 in Brazilian Portuguese.

`gui.common.translations.LanguageManager` sets Qt's default locale with the language, and these
functions use it, so a label made again after a language change (see `LiveTexts`) follows it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def count(value: int) -> str:
    """A whole number with the language's thousands separator: 466,006 / 466.006."""
    return QLocale().toString(int(value))


def decimal(value: float, digits: int = 2) -> str:
    """`value` with `digits` decimals and the language's separators: 1,234.57 / 1.234,57."""
    return QLocale().toString(float(value), "f", digits)


def percent(fraction: float, digits: int = 1) -> str:
    """A fraction (0.022) as a percentage (2.2% / 2,2%)."""
    return f"{decimal(100.0 * fraction, digits)}%"


def byte_size(size: float) -> str:
    """A size in bytes with decimal units: 1536 -> '1.5 kB', 497_759_232 -> '497.8 MB' ('497,8 MB' in Portuguese)."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{count(round(size))} {unit}" if unit == "B" else f"{decimal(size, 1)} {unit}"
        size /= 1000
    return f"{decimal(size, 1)} GB"


def locale_for(language: str) -> QLocale:
    """The QLocale of one of the app's languages ("en" -> US English, "pt_BR" -> Brazil)."""
    return QLocale("pt_BR" if language.startswith("pt") else "en_US")
