"""`python -m gui.tokenization`: the Tokenization tab alone, on the built-in corpus and model (for development)."""

from __future__ import annotations

import sys

from gui.common.preview import run_tab_preview


def make_tab(session):
    from gui.tokenization.tab import TokenizationTab

    return TokenizationTab(session)


if __name__ == "__main__":
    sys.exit(run_tab_preview(make_tab, "Tokenization"))
