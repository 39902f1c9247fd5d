"""`python -m gui.next_token`: the Next token tab alone, on the built-in corpus and model (for development)."""

from __future__ import annotations

import sys

from gui.common.preview import run_tab_preview


def make_tab(session):
    from gui.next_token.tab import SamplingTab

    return SamplingTab(session)


if __name__ == "__main__":
    sys.exit(run_tab_preview(make_tab, "Next token"))
