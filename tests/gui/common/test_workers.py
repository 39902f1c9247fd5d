"""Background tasks: results, errors and stop requests come back as signals; threads are joined."""

from __future__ import annotations

import threading

from gui.common.workers import JobRunner, TaskThread, running_threads, stop_all_threads


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


def _gated_job(gate: threading.Event, value, started: threading.Event | None = None):
    """A job that waits for `gate` (or a stop request), then returns `value`."""
    def job(context):
        if started is not None:
            started.set()
        while not gate.wait(0.005):
            context.check()
        return value

    return job


def test_runner_newest_waiting_request_wins_and_the_running_one_is_still_reported(qtbot):
    runner = JobRunner("test")
    results, busy = [], []
    runner.succeeded.connect(lambda request, result: results.append((request, result)))
    runner.busy_changed.connect(busy.append)
    gate, started = threading.Event(), threading.Event()
    runner.submit(_gated_job(gate, "first", started), "a")
    assert started.wait(5) and runner.running
    runner.submit(lambda _c: "second", "b")  # waits...
    runner.submit(lambda _c: "third", "c")  # ...and is replaced by this one
    assert runner.waiting() == "c"
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert results == [("a", "first"), ("c", "third")]
    assert busy == [True, False]


def test_runner_lanes_run_in_priority_order(qtbot):
    runner = JobRunner("test", lanes=("maps", "explain"))
    order = []
    runner.succeeded.connect(lambda request, result: order.append(result))
    gate, started = threading.Event(), threading.Event()
    runner.submit(_gated_job(gate, "explain-0", started), "e0", lane="explain")
    assert started.wait(5)
    runner.submit(lambda _c: "explain-1", "e1", lane="explain")
    runner.submit(lambda _c: "maps-1", "m1", lane="maps")  # submitted last, runs first
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert order == ["explain-0", "maps-1", "explain-1"]


def test_runner_replace_running_stops_the_old_job_and_drops_its_result(qtbot):
    runner = JobRunner("test", replace_running=True)
    results, failures = [], []
    runner.succeeded.connect(lambda request, result: results.append(result))
    runner.failed.connect(lambda request, error: failures.append(error))
    never, started = threading.Event(), threading.Event()
    runner.submit(_gated_job(never, "old", started), "old")
    assert started.wait(5)
    runner.submit(lambda _c: "new", "new")
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert results == ["new"] and failures == []


def test_runner_cancel_joins_and_reports_nothing_and_shutdown_refuses_new_work(qtbot):
    runner = JobRunner("test")
    results = []
    runner.succeeded.connect(lambda request, result: results.append(result))
    assert runner.cancel() is False  # nothing to drop
    never, started = threading.Event(), threading.Event()
    runner.submit(_gated_job(never, "late", started), 1)
    assert started.wait(5)
    runner.submit(lambda _c: "waiting", 2)
    assert runner.cancel() is True
    assert not runner.busy and running_threads() == []
    qtbot.wait(50)
    assert results == []
    runner.submit(lambda _c: "again", 3)  # a cancelled runner takes new work
    qtbot.waitUntil(lambda: results == ["again"], timeout=10_000)
    runner.shutdown()
    runner.submit(lambda _c: "after", 4)
    assert not runner.busy


pytest_plugins = ["pytester"]
