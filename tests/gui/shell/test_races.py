"""Jobs that start together must not race on the heavy imports (torch, transformers).

transformers' lazy module is not safe to import from two threads at once. The race only shows in a
fresh interpreter (in this test session transformers is imported already), so the scenario runs in
a subprocess: the app opens on the Training tab and Start is pressed the moment it is enabled, while
the built-in model is still loading.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

START_WHILE_THE_MODEL_LOADS = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["HF_HUB_OFFLINE"] = "1"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(settings_format, scope, sys.argv[1])
    from gui.shell.main_window import MainWindow
    window = MainWindow()
    window.training_tab.runs_root = Path(sys.argv[1]) / "runs"
    window.training_tab.controls.overrides = {"max_iters": 3, "eval_interval": 3, "eval_iters": 1,
                                              "sample_tokens": 5}
    window.show()
    window.tabs.setCurrentWidget(window.training_tab)
    window.start_session()
    start = window.findChild(QPushButton, "trainStart")
    seen = {"model_loading": False}
    def press_when_enabled():
        if start.isEnabled():
            seen["model_loading"] = window.session.model is None
            start.click()
        else:
            QTimer.singleShot(1, press_when_enabled)
    def finished(info):
        seen["status"], seen["error"] = info["status"], info.get("error_message")
        app.quit()
    window.training_tab.worker.finished.connect(finished)
    QTimer.singleShot(0, press_when_enabled)
    QTimer.singleShot(180000, app.quit)
    app.exec()
    window.close()
    print(json.dumps(seen))
""")


def test_start_pressed_while_the_builtin_model_loads_trains(tmp_path):
    script = tmp_path / "start_while_loading.py"
    script.write_text(START_WHILE_THE_MODEL_LOADS, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=280, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["model_loading"] is True  # Start really was pressed while the model was still loading
    assert seen["status"] == "completed", seen["error"]
