"""Open one tab alone, for development: `python -m gui.attention` (as Orange's WidgetPreview does).

The tab gets its own `Session` with the built-in corpus and the built-in model, in a plain
window without the shell's menus. `--exit-after-load` quits once the model is loaded and the
tab has had a moment to show it (exit code 0), or at once when loading fails (exit code 1), so
a test or a script can check that the tab runs alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

SETTLE_MS = 1500  # after the model loads, the tab's own background work starts and shows


def run_tab_preview(make_tab: Callable[[Any], Any], title: str, argv: list[str] | None = None) -> int:
    """Show `make_tab(session)` in a window of its own on the built-in corpus and model; returns the exit code."""
    parser = argparse.ArgumentParser(description=f"LM Anatomy: the {title} tab alone, on the built-in model.")
    parser.add_argument("--exit-after-load", action="store_true",
                        help="quit once the built-in model is loaded and shown (exit code 0) or failed (1)")
    parser.add_argument("--device", choices=["auto", "cuda", "mps", "cpu"], default="auto")
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QEventLoop, QTimer

    from core.assets import builtin_model_dir
    from gui.common.application import create_application
    from gui.common.session import Session
    from gui.common.workers import stop_all_threads

    app = create_application([])
    # An event loop of its own rather than app.exec(): quitting it does not end the application, so
    # the preview can also run inside a test session. Closing the window still ends it (Qt quits).
    loop = QEventLoop()
    session = Session()
    session.device_preference = None if options.device == "auto" else options.device
    tab = make_tab(session)
    tab.setWindowTitle(f"LM Anatomy: {title}")
    tab.resize(1280, 820)
    outcome = {"code": 0}
    if options.exit_after_load:
        def loaded(model: Any) -> None:
            if model is not None:
                QTimer.singleShot(SETTLE_MS, loop.quit)

        def failed(*_args: Any) -> None:
            outcome["code"] = 1
            loop.quit()

        session.model_changed.connect(loaded)
        session.model_load_failed.connect(failed)

    def start() -> None:
        session.use_builtin_corpus()
        folder = builtin_model_dir()
        if folder is not None:
            session.load_model(folder)
        elif options.exit_after_load:
            failed()

    tab.show()
    QTimer.singleShot(0, start)
    app.lastWindowClosed.connect(loop.quit)
    code = loop.exec()
    tab.close()  # each tab joins its own work when it closes
    session.shutdown()
    stop_all_threads()
    tab.deleteLater()
    return outcome["code"] or code
