"""Guard against a Qt binding that corrupts reference counts when signals are emitted.

PySide6 6.12.0 decrements the reference count of True/False on every emission of a signal
with arguments; on Python 3.11 the interpreter aborts after about a thousand emissions, which
a training run reaches in seconds.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    pair = Signal(int, int)
    value = Signal(object)


def _emit_many(emitter: _Emitter, count: int) -> None:
    for index in range(count):
        emitter.pair.emit(index, count)
        emitter.value.emit({"step": index})


def test_signal_emission_keeps_bool_refcounts(qtbot):
    emitter = _Emitter()
    received = []
    emitter.pair.connect(lambda a, b: received.append(a))
    before = sys.getrefcount(False), sys.getrefcount(True)
    _emit_many(emitter, 300)
    worker = threading.Thread(target=_emit_many, args=(emitter, 300))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 600)  # queued deliveries from the worker thread
    after = sys.getrefcount(False), sys.getrefcount(True)
    # Other threads may hold a few references briefly; a leak would be hundreds.
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
