"""Start-up: command line, QApplication, fonts and style, then the main window.

torch and transformers are not imported here: the window paints first, and the model
loads in the background afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

_PROCESS_START = time.perf_counter()


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="lm-anatomy",
        description="LM Anatomy: see how a language model works. "
        "Run `lm-anatomy train --help` for headless training.",
    )
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window, visit every tab, load the default model, then exit (0 = OK)")
    parser.add_argument("--screenshot", metavar="DIR", type=Path,
                        help="write one PNG per tab into DIR, then exit")
    parser.add_argument("--startup-report", action="store_true",
                        help="print JSON with the time to first paint and whether torch was imported, then exit")
    parser.add_argument("--language", choices=["system", "en", "pt_BR"],
                        help="the interface language for this run (not saved; default: the one chosen in View > Language)")
    parser.add_argument("--device", choices=["auto", "cuda", "mps", "cpu"], default="auto",
                        help="where models run (default: best available)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `lm-anatomy` and `python -m gui`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "train":
        from core.training.cli import main as train_main

        return train_main(argv[1:])
    options = parse_arguments(argv)
    if options.smoke_test or options.screenshot or options.startup_report:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QObject, QTimer

    from gui.common.application import create_application
    from gui.shell.error_dialog import ExceptionHook
    from gui.shell.main_window import MainWindow

    app = create_application(argv)
    window = MainWindow()
    window.session.device_preference = None if options.device == "auto" else options.device
    if options.language:
        window.languages.set_language(options.language)  # this run only: the saved choice stays
    hook = ExceptionHook(window)
    hook.install()

    if options.startup_report:
        class FirstPaint(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 (Qt naming)
                if event.type() == QEvent.Type.Paint:
                    report = {
                        "first_paint_s": round(time.perf_counter() - _PROCESS_START, 4),
                        "torch_imported": "torch" in sys.modules,
                        "transformers_imported": "transformers" in sys.modules,
                    }
                    print(json.dumps(report), flush=True)
                    QTimer.singleShot(0, app.quit)
                    watched.removeEventFilter(self)
                return False

        watcher = FirstPaint(window)
        window.installEventFilter(watcher)
        window.show()
        code = app.exec()
        window.close()  # joins work a tab started after the paint (the Training tab's warm-up)
        return code

    window.show()
    if options.smoke_test:
        from gui.shell.self_check import run_smoke_test

        code = run_smoke_test(window)
        window.close()
        return code
    if options.screenshot:
        from gui.shell.self_check import write_screenshots

        for path in write_screenshots(window, options.screenshot):
            print(path)
        window.close()
        return 0
    QTimer.singleShot(0, window.start_session)
    code = app.exec()
    hook.uninstall()
    return code


if __name__ == "__main__":
    sys.exit(main())
