"""Guard against a Qt binding that corrupts reference counts when signals are emitted.

PySide6 6.12.0 decrements the reference count of True/False on every emission of a signal
with arguments; on Python 3.11 the interpreter aborts after about a thousand emissions, which
a training run reaches in seconds. The check runs in a fresh process, so objects freed by
earlier tests cannot disturb the counts.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import gc, os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    pair = Signal(int, int)
    value = Signal(object)

app = QCoreApplication([])
emitter = Emitter()
received = []
emitter.pair.connect(lambda a, b: received.append(a))

def emit_many(count):
    for index in range(count):
        emitter.pair.emit(index, count)
        emitter.value.emit({"step": index})

gc.collect()
before = sys.getrefcount(False), sys.getrefcount(True)
emit_many(1500)
worker = threading.Thread(target=emit_many, args=(1500,))
worker.start(); worker.join()
app.processEvents()
gc.collect()
after = sys.getrefcount(False), sys.getrefcount(True)
print(len(received), after[0] - before[0], after[1] - before[1])
"""


def test_signal_emission_keeps_bool_refcounts():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"the Qt binding crashed Python while emitting signals:\n{result.stderr[-2000:]}"
    received, false_delta, true_delta = map(int, result.stdout.split())
    assert received == 3000
    assert abs(false_delta) < 20 and abs(true_delta) < 20
