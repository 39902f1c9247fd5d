"""Background tasks: results, errors and stop requests come back as signals; threads are joined."""

from __future__ import annotations

import threading

from gui.common.workers import TaskThread, running_threads, stop_all_threads


def test_result_and_progress_arrive_as_signals(qtbot):
    def job(context):
        for done in range(1, 201):
            context.progress(done, 200)
        return {"answer": 42}

    task = TaskThread(job, name="ok")
    progress = []
    task.progressed.connect(lambda done, total: progress.append(done))
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        task.start()
    task.wait()
    assert blocker.args == [{"answer": 42}]
    qtbot.waitUntil(lambda: progress and progress[-1] == 200)
    # throttled: one emission per whole percent, not one per call
    assert len(progress) <= 101


def test_exceptions_become_failed_signal(qtbot):
    def job(context):
        raise ValueError("bad hyperparameter")

    task = TaskThread(job, name="fails")
    with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        task.start()
    task.wait()
    error, details = blocker.args
    assert isinstance(error, ValueError) and str(error) == "bad hyperparameter"
    assert "Traceback" in details


def test_stop_request_is_cooperative_and_leak_check_sees_running_threads(qtbot):
    started = threading.Event()

    def job(context):
        started.set()
        while True:
            context.check()
            threading.Event().wait(0.005)

    task = TaskThread(job, name="loops")
    task.start()
    assert started.wait(5)
    assert task in running_threads()  # the conftest leak check would catch this thread
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        stop_all_threads()
    task.wait()
    assert running_threads() == []


def test_leak_fixture_fails_a_test_that_leaves_a_thread(pytester, monkeypatch):
    """Run the project's real conftest against a test that leaks a thread: it must error."""
    from pathlib import Path

    tests_dir = Path(__file__).resolve().parents[2]
    pytester.makeconftest((tests_dir / "conftest.py").read_text())
    pytester.makepyfile(
        "import threading\n"
        "from gui.common.workers import TaskThread\n"
        "def test_leaks(qapp):\n"
        "    gate = threading.Event()\n"
        "    def job(ctx):\n"
        "        gate.set()\n"
        "        while not ctx.stop_requested:\n"
        "            threading.Event().wait(0.01)\n"
        "    t = TaskThread(job)\n"
        "    t.start(); gate.wait(5)\n"
        "    test_leaks.keep = t\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(tests_dir.parent))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*left 1 background thread*"])


pytest_plugins = ["pytester"]
