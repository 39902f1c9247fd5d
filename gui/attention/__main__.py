"""`python -m gui.attention`: the Attention tab alone, on the built-in corpus and model (for development)."""

from __future__ import annotations

import sys

from gui.common.preview import run_tab_preview


def make_tab(session):
    from gui.attention.tab import AttentionTab

    return AttentionTab(session)


if __name__ == "__main__":
    sys.exit(run_tab_preview(make_tab, "Attention"))
